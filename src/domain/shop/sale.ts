/**
 * A sale as the till rings it up, checked before it is recorded: lines that add up, a payment
 * that covers it. Prices come from the till (what the customer saw and paid, even if the
 * catalogue changed while the till was offline); the amounts must follow from them by the
 * rounding rule (units.ts lineAmount), so a receipt can never claim a sum its lines do not make.
 */
import { lineAmount } from './units.js';

export const MAX_SALE_LINES = 200;
export const PAYMENT_METHODS = ['cash', 'qris', 'member_account', 'member_credit'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface SaleLineInput {
  qtyBase: bigint;
  priceRupiah: bigint;
  priceBase: bigint;
  amountRupiah: bigint;
}

export type SaleError =
  | { code: 'SHOP_SALE_EMPTY' }
  | { code: 'SHOP_SALE_LINE_AMOUNT'; line: number; expected: bigint }
  | { code: 'SHOP_SALE_TOTAL'; expected: bigint }
  | { code: 'SHOP_SALE_TENDER_SHORT'; totalRupiah: bigint }
  | { code: 'SHOP_SALE_MEMBER_REQUIRED' };

export function checkSale(input: {
  lines: readonly SaleLineInput[];
  totalRupiah: bigint;
  paymentMethod: PaymentMethod;
  tenderedRupiah: bigint | null;
  memberId: string | null;
}): { ok: true; changeRupiah: bigint } | { ok: false; error: SaleError } {
  if (input.lines.length === 0 || input.lines.length > MAX_SALE_LINES)
    return { ok: false, error: { code: 'SHOP_SALE_EMPTY' } };
  let total = 0n;
  for (const [i, l] of input.lines.entries()) {
    const expected = lineAmount(l.qtyBase, l.priceRupiah, l.priceBase);
    if (expected !== l.amountRupiah || expected <= 0n)
      return { ok: false, error: { code: 'SHOP_SALE_LINE_AMOUNT', line: i + 1, expected } };
    total += expected;
  }
  if (total !== input.totalRupiah)
    return { ok: false, error: { code: 'SHOP_SALE_TOTAL', expected: total } };
  if (
    (input.paymentMethod === 'member_account' || input.paymentMethod === 'member_credit') &&
    !input.memberId
  )
    return { ok: false, error: { code: 'SHOP_SALE_MEMBER_REQUIRED' } };
  if (input.paymentMethod === 'cash') {
    const tendered = input.tenderedRupiah ?? 0n;
    if (tendered < total)
      return { ok: false, error: { code: 'SHOP_SALE_TENDER_SHORT', totalRupiah: total } };
    return { ok: true, changeRupiah: tendered - total };
  }
  return { ok: true, changeRupiah: 0n };
}
