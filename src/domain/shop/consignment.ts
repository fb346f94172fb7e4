/**
 * Titip jual (consignment): a member producer's goods stay the producer's until sold. Of each
 * line sold, the cooperative keeps its margin (margin_bps of the line, rounded half up per line)
 * and owes the rest to the producer; the shop's revenue is the margin only (it sells as an agent),
 * the producer's share is a payable until settled into the producer's sukarela account.
 *
 * Rp 25.000 of batik tulis at a 15 % margin: margin 3.750, producer 21.250.
 */
import { roundRupiah } from './money.js';

export function consignmentSplit(
  amountRupiah: bigint,
  marginBps: number,
): { marginRupiah: bigint; consignorShareRupiah: bigint } {
  if (!Number.isInteger(marginBps) || marginBps < 0 || marginBps > 10_000)
    throw new Error('consignmentSplit: margin 0..10000 bps');
  const margin = roundRupiah(amountRupiah * BigInt(marginBps), 10_000n);
  return { marginRupiah: margin, consignorShareRupiah: amountRupiah - margin };
}

export interface ConsignmentLine {
  /** what the line sold for, less what was returned */
  amountRupiah: bigint;
  /** the producer's share of that */
  consignorShareRupiah: bigint;
}

/**
 * The part of a line that stays sold after `returnedQty` of `qty` came back: amount and share
 * shrink in proportion (rounded half up), all of it when everything came back.
 */
export function keptPart(
  line: ConsignmentLine,
  qtyBase: bigint,
  returnedQtyBase: bigint,
): ConsignmentLine {
  if (returnedQtyBase === 0n) return line;
  const kept = qtyBase - returnedQtyBase;
  return {
    amountRupiah: roundRupiah(line.amountRupiah * kept, qtyBase),
    consignorShareRupiah: roundRupiah(line.consignorShareRupiah * kept, qtyBase),
  };
}

/** A settlement of a producer's unsettled lines: what they sold for, the margin, what is paid. */
export function settlementOf(lines: readonly ConsignmentLine[]): {
  salesRupiah: bigint;
  marginRupiah: bigint;
  amountRupiah: bigint;
} {
  let sales = 0n;
  let owed = 0n;
  for (const l of lines) {
    sales += l.amountRupiah;
    owed += l.consignorShareRupiah;
  }
  return { salesRupiah: sales, marginRupiah: sales - owed, amountRupiah: owed };
}
