/**
 * The order a payment on a loan pays what is owed (docs/domain/loans.md "Payment allocation"):
 * denda first (oldest instalment first), then per instalment, oldest first, interest/margin and
 * then principal. A payment ahead of the due date pays the next instalments. Pure, bigint rupiah.
 *
 * Worked example (test/integration/loans/auto-debit.test.ts): Rp 50,000 against an instalment
 * owing denda 3,068, interest 18,000 and principal 100,000 pays 3,068 / 18,000 / 28,932.
 */
import { strict as assert } from 'node:assert';

/** What is still owed on one unpaid instalment. */
export interface Due {
  instalmentNo: number;
  penaltyRupiah: bigint;
  interestRupiah: bigint;
  principalRupiah: bigint;
}

/** What a payment pays on one instalment. */
export interface Allocation {
  instalmentNo: number;
  penaltyRupiah: bigint;
  interestRupiah: bigint;
  principalRupiah: bigint;
}

/**
 * Allocates `amountRupiah` over `dues`; returns the parts (by instalment) and what is left over.
 * Every part is between 0 and what is owed on it, and parts + left = amount.
 */
export function allocatePayment(
  amountRupiah: bigint,
  dues: readonly Due[],
): { parts: Allocation[]; leftRupiah: bigint } {
  assert(amountRupiah >= 0n);
  let left = amountRupiah;
  const parts = new Map<number, Allocation>();
  const sorted = [...dues].sort((a, b) => a.instalmentNo - b.instalmentNo);
  const part = (no: number) => {
    let p = parts.get(no);
    if (!p) {
      p = { instalmentNo: no, penaltyRupiah: 0n, interestRupiah: 0n, principalRupiah: 0n };
      parts.set(no, p);
    }
    return p;
  };
  const take = (owed: bigint) => {
    const t = owed < left ? owed : left;
    left -= t;
    return t > 0n ? t : 0n;
  };
  for (const d of sorted)
    if (d.penaltyRupiah > 0n && left > 0n)
      part(d.instalmentNo).penaltyRupiah = take(d.penaltyRupiah);
  for (const d of sorted) {
    if (left === 0n) break;
    if (d.interestRupiah > 0n) part(d.instalmentNo).interestRupiah = take(d.interestRupiah);
    if (d.principalRupiah > 0n && left > 0n)
      part(d.instalmentNo).principalRupiah = take(d.principalRupiah);
  }
  return {
    parts: [...parts.values()].sort((a, b) => a.instalmentNo - b.instalmentNo),
    leftRupiah: left,
  };
}
