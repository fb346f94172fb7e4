import type { PostingInput } from '../../ledger/post.js';
import type { OrgTx } from '../context.js';
import { postEntry } from '../ledger.js';

/** Months of demo history: December 2025 to November 2026 (today is in November 2026). */
export const DEMO_MONTHS = [
  '2025-12',
  ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
];

/** A small deterministic generator so every demo database has the same books. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

export const pad = (n: number) => String(n).padStart(2, '0');

export const lastDayOf = (ym: string) => {
  const [y, m] = ym.split('-').map(Number);
  return `${ym}-${pad(new Date(Date.UTC(y!, m, 0)).getUTCDate())}`;
};

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A two-line entry moving `amount` from the `credit` role to the `debit` role (a month's recap of
 * the counter, cash taken to or from the bank). Nothing is posted for nothing: the entry's id, or
 * undefined when the amount is zero.
 */
export async function postTransfer(
  o: OrgTx,
  t: {
    entryDate: string;
    description: string;
    source: PostingInput['source'];
    debit: string;
    credit: string;
    amount: bigint;
  },
): Promise<bigint | undefined> {
  if (t.amount <= 0n) return undefined;
  const posted = await postEntry(o, {
    entryDate: t.entryDate,
    description: t.description,
    source: t.source,
    lines: [
      { account: { role: t.debit }, debitRupiah: t.amount },
      { account: { role: t.credit }, creditRupiah: t.amount },
    ],
  });
  return posted.entryId;
}

/**
 * Why the counter's cash goes to or comes from the bank at the end of a demo month, as the entry's
 * [debit, credit, text].
 */
const BANK_CASH = {
  'savings-surplus': ['bank', 'cash', 'Setoran kelebihan kas simpanan ke bank'],
  'loan-instalments': ['bank', 'cash', 'Setoran kas angsuran pinjaman ke bank'],
  'loan-disbursements': ['cash', 'bank', 'Pengambilan dana bank untuk pencairan pinjaman'],
} as const;

/** The month's cash squared with the bank: the desk keeps a working float, the rest is banked. */
export function cashWithBank(
  o: OrgTx,
  why: keyof typeof BANK_CASH,
  month: string,
  entryDate: string,
  amount: bigint,
): Promise<bigint | undefined> {
  const [debit, credit, text] = BANK_CASH[why];
  return postTransfer(o, {
    entryDate,
    description: `${text} ${month}`,
    source: { type: 'demo.cash-to-bank', id: month },
    debit,
    credit,
    amount,
  });
}
