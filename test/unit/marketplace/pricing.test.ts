import { describe, expect, it } from 'vitest';
import { priceOrder, type OrderableProduct } from '../../../src/domain/marketplace/pricing.js';

const product = (id: bigint, over: Partial<OrderableProduct> = {}): OrderableProduct => ({
  id,
  name: `Produk ${id}`,
  weighed: false,
  listed: true,
  availableBase: 100n,
  baseUnit: 'pcs',
  priceUnitBase: 1n,
  memberPriceRupiah: 3_000n,
  publicPriceRupiah: 3_500n,
  units: [{ unit: 'pcs', factorBase: 1n, memberPriceRupiah: null, publicPriceRupiah: null }],
  ...over,
});

const catalogue = new Map<string, OrderableProduct>([
  ['1', product(1n)],
  ['2', product(2n, { memberPriceRupiah: 15_000n, publicPriceRupiah: 16_500n, availableBase: 3n })],
  ['3', product(3n, { listed: false })],
  ['4', product(4n, { weighed: true, baseUnit: 'g', priceUnitBase: 1000n })],
]);

describe('pricing an order', () => {
  it('prices the public at the public price: 2 x 3.500 + 1 x 16.500 = 23.500', () => {
    const r = priceOrder(
      [
        { productId: 1n, qty: 2n },
        { productId: 2n, qty: 1n },
      ],
      catalogue,
      false,
    );
    expect(r).toEqual({
      ok: true,
      totalRupiah: 23_500n,
      lines: [
        {
          productId: 1n,
          unit: 'pcs',
          qty: 2n,
          qtyBase: 2n,
          priceRupiah: 3_500n,
          priceBase: 1n,
          amountRupiah: 7_000n,
        },
        {
          productId: 2n,
          unit: 'pcs',
          qty: 1n,
          qtyBase: 1n,
          priceRupiah: 16_500n,
          priceBase: 1n,
          amountRupiah: 16_500n,
        },
      ],
    });
  });

  it('prices a member at the member price: 2 x 3.000 + 1 x 15.000 = 21.000', () => {
    const r = priceOrder(
      [
        { productId: 1n, qty: 2n },
        { productId: 2n, qty: 1n },
      ],
      catalogue,
      true,
    );
    expect(r.ok && r.totalRupiah).toBe(21_000n);
  });

  it('the same product twice is one line', () => {
    const r = priceOrder(
      [
        { productId: 1n, qty: 1n },
        { productId: 1n, qty: 2n },
      ],
      catalogue,
      false,
    );
    expect(r.ok && r.lines.map((l) => [l.qty, l.amountRupiah])).toEqual([[3n, 10_500n]]);
  });

  it('more than the outlet holds is refused with what is there', () => {
    expect(priceOrder([{ productId: 2n, qty: 4n }], catalogue, false)).toEqual({
      ok: false,
      error: {
        code: 'MARKETPLACE_OUT_OF_STOCK',
        productId: '2',
        name: 'Produk 2',
        availableBase: 3n,
      },
    });
  });

  it('an unlisted, unknown or weighed product cannot be ordered', () => {
    for (const id of [3n, 4n, 99n])
      expect(priceOrder([{ productId: id, qty: 1n }], catalogue, false)).toMatchObject({
        ok: false,
        error: { code: 'MARKETPLACE_PRODUCT_NOT_LISTED' },
      });
  });

  it('an empty order or a zero or huge quantity is refused', () => {
    expect(priceOrder([], catalogue, false)).toEqual({
      ok: false,
      error: { code: 'MARKETPLACE_ORDER_EMPTY' },
    });
    expect(priceOrder([{ productId: 1n, qty: 0n }], catalogue, false).ok).toBe(false);
    expect(priceOrder([{ productId: 1n, qty: 1000n }], catalogue, false).ok).toBe(false);
  });
});
