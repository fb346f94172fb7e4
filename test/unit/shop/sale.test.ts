import { describe, expect, it } from 'vitest';
import { checkSale, MAX_SALE_LINES, type SaleLineInput } from '../../../src/domain/shop/sale.js';

// 3 pcs of teh botol at Rp 3.500 = 10.500; 333 g of cabai at Rp 36.500/kg = 12.154,5 -> 12.155
const TEH: SaleLineInput = {
  qtyBase: 3n,
  priceRupiah: 3_500n,
  priceBase: 1n,
  amountRupiah: 10_500n,
};
const CABAI: SaleLineInput = {
  qtyBase: 333n,
  priceRupiah: 36_500n,
  priceBase: 1000n,
  amountRupiah: 12_155n,
};
const TOTAL = 22_655n;

const cash = (tenderedRupiah: bigint | null) => ({
  lines: [TEH, CABAI],
  totalRupiah: TOTAL,
  paymentMethod: 'cash' as const,
  tenderedRupiah,
  memberId: null,
});

describe('checkSale', () => {
  it('accepts a cash sale and gives the change', () => {
    expect(checkSale(cash(50_000n))).toEqual({ ok: true, changeRupiah: 27_345n });
  });

  it('accepts exact cash with no change', () => {
    expect(checkSale(cash(TOTAL))).toEqual({ ok: true, changeRupiah: 0n });
  });

  it('refuses cash one rupiah short, or not stated at all, naming the total', () => {
    const short = { ok: false, error: { code: 'SHOP_SALE_TENDER_SHORT', totalRupiah: TOTAL } };
    expect(checkSale(cash(TOTAL - 1n))).toEqual(short);
    expect(checkSale(cash(null))).toEqual(short);
  });

  it('refuses a line whose amount does not follow from its price, naming the line and the amount', () => {
    // the till rounded 12.154,5 down
    const r = checkSale({ ...cash(50_000n), lines: [TEH, { ...CABAI, amountRupiah: 12_154n }] });
    expect(r).toEqual({
      ok: false,
      error: { code: 'SHOP_SALE_LINE_AMOUNT', line: 2, expected: 12_155n },
    });
  });

  it('refuses a line that comes to nothing or less', () => {
    const free = { qtyBase: 1n, priceRupiah: 0n, priceBase: 1n, amountRupiah: 0n };
    expect(checkSale({ ...cash(50_000n), lines: [free], totalRupiah: 0n })).toEqual({
      ok: false,
      error: { code: 'SHOP_SALE_LINE_AMOUNT', line: 1, expected: 0n },
    });
    const negative = { qtyBase: -1n, priceRupiah: 3_500n, priceBase: 1n, amountRupiah: -3_500n };
    expect(checkSale({ ...cash(50_000n), lines: [negative], totalRupiah: -3_500n })).toEqual({
      ok: false,
      error: { code: 'SHOP_SALE_LINE_AMOUNT', line: 1, expected: -3_500n },
    });
  });

  it('refuses a total that is not the sum of the lines, naming the sum', () => {
    expect(checkSale({ ...cash(50_000n), totalRupiah: TOTAL + 1n })).toEqual({
      ok: false,
      error: { code: 'SHOP_SALE_TOTAL', expected: TOTAL },
    });
  });

  it('refuses a sale with no lines or more than the maximum', () => {
    const empty = { ok: false, error: { code: 'SHOP_SALE_EMPTY' } };
    expect(checkSale({ ...cash(0n), lines: [], totalRupiah: 0n })).toEqual(empty);
    const many = new Array<SaleLineInput>(MAX_SALE_LINES + 1).fill(TEH);
    expect(
      checkSale({ ...cash(null), lines: many, totalRupiah: 10_500n * BigInt(many.length) }),
    ).toEqual(empty);
    const most = many.slice(1);
    const total = 10_500n * BigInt(most.length);
    expect(checkSale({ ...cash(total), lines: most, totalRupiah: total })).toEqual({
      ok: true,
      changeRupiah: 0n,
    });
  });

  it('requires a member for payment from a member account or on goods credit', () => {
    for (const paymentMethod of ['member_account', 'member_credit'] as const) {
      const sale = { ...cash(null), paymentMethod };
      expect(checkSale(sale)).toEqual({ ok: false, error: { code: 'SHOP_SALE_MEMBER_REQUIRED' } });
      expect(checkSale({ ...sale, memberId: '' })).toEqual({
        ok: false,
        error: { code: 'SHOP_SALE_MEMBER_REQUIRED' },
      });
      expect(checkSale({ ...sale, memberId: 'member-1' })).toEqual({ ok: true, changeRupiah: 0n });
    }
  });

  it('takes QRIS without a member or a tender, and gives no change even if a tender is sent', () => {
    expect(checkSale({ ...cash(null), paymentMethod: 'qris' })).toEqual({
      ok: true,
      changeRupiah: 0n,
    });
    expect(checkSale({ ...cash(100_000n), paymentMethod: 'qris' })).toEqual({
      ok: true,
      changeRupiah: 0n,
    });
  });

  it('checks the lines before the total and the total before the payment', () => {
    const r = checkSale({
      lines: [{ ...TEH, amountRupiah: 1n }],
      totalRupiah: 5n,
      paymentMethod: 'member_credit',
      tenderedRupiah: null,
      memberId: null,
    });
    expect(r).toEqual({
      ok: false,
      error: { code: 'SHOP_SALE_LINE_AMOUNT', line: 1, expected: 10_500n },
    });
    const r2 = checkSale({ ...cash(null), totalRupiah: 5n, paymentMethod: 'member_credit' });
    expect(r2).toEqual({ ok: false, error: { code: 'SHOP_SALE_TOTAL', expected: TOTAL } });
  });
});
