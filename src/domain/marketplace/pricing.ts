/**
 * Pricing an order when it is placed (docs/domain/marketplace.md): each line at the product's
 * current price in its base unit, the member price for a member and the public price for
 * everyone else (src/domain/shop/units.ts priceOf), the amount by the shop's rounding rule
 * (lineAmount), so the sale recorded on delivery carries exactly these lines. Stock is checked
 * against what the marketplace's outlet holds (not reserved: see the doc).
 */
import { lineAmount, MAX_QTY_BASE, priceOf, type PricedProduct } from '../shop/units.js';

export const MAX_ORDER_LINES = 50;
export const MAX_LINE_QTY = 999n;

export interface OrderableProduct extends PricedProduct {
  id: bigint;
  name: string;
  weighed: boolean;
  /** listed on the storefront and active */
  listed: boolean;
  /** what the marketplace's outlet holds, in base units */
  availableBase: bigint;
}

export interface PricedLine {
  productId: bigint;
  unit: string;
  qty: bigint;
  qtyBase: bigint;
  priceRupiah: bigint;
  priceBase: bigint;
  amountRupiah: bigint;
}

export type PricingError =
  | { code: 'MARKETPLACE_ORDER_EMPTY' }
  | { code: 'MARKETPLACE_PRODUCT_NOT_LISTED'; productId: string }
  | { code: 'SHOP_QTY_INVALID' }
  | { code: 'MARKETPLACE_OUT_OF_STOCK'; productId: string; name: string; availableBase: bigint };

export type Priced =
  { ok: true; lines: PricedLine[]; totalRupiah: bigint } | { ok: false; error: PricingError };

/**
 * Prices the asked lines (quantities in the product's base unit; the same product twice is one
 * line). Worked example: 2 pcs at the public Rp 3.500 and 1 at Rp 16.500 = 7.000 + 16.500 =
 * Rp 23.500; the same for a member at Rp 3.000 and Rp 15.000 = Rp 21.000.
 */
export function priceOrder(
  asked: readonly { productId: bigint; qty: bigint }[],
  products: ReadonlyMap<string, OrderableProduct>,
  member: boolean,
): Priced {
  if (asked.length === 0) return { ok: false, error: { code: 'MARKETPLACE_ORDER_EMPTY' } };
  const merged = new Map<string, bigint>();
  for (const a of asked) {
    if (a.qty <= 0n || a.qty > MAX_LINE_QTY)
      return { ok: false, error: { code: 'SHOP_QTY_INVALID' } };
    const k = a.productId.toString();
    merged.set(k, (merged.get(k) ?? 0n) + a.qty);
  }
  if (merged.size > MAX_ORDER_LINES) return { ok: false, error: { code: 'SHOP_QTY_INVALID' } };
  const lines: PricedLine[] = [];
  let total = 0n;
  for (const [id, qty] of merged) {
    const p = products.get(id);
    if (!p || !p.listed || p.weighed)
      return { ok: false, error: { code: 'MARKETPLACE_PRODUCT_NOT_LISTED', productId: id } };
    if (qty > MAX_QTY_BASE) return { ok: false, error: { code: 'SHOP_QTY_INVALID' } };
    if (qty > p.availableBase)
      return {
        ok: false,
        error: {
          code: 'MARKETPLACE_OUT_OF_STOCK',
          productId: id,
          name: p.name,
          availableBase: p.availableBase < 0n ? 0n : p.availableBase,
        },
      };
    const price = priceOf(p, p.baseUnit, member);
    if (!('priceRupiah' in price)) return { ok: false, error: { code: 'SHOP_QTY_INVALID' } };
    const amount = lineAmount(qty, price.priceRupiah, price.priceBase);
    total += amount;
    lines.push({
      productId: p.id,
      unit: p.baseUnit,
      qty,
      qtyBase: qty,
      priceRupiah: price.priceRupiah,
      priceBase: price.priceBase,
      amountRupiah: amount,
    });
  }
  return { ok: true, lines, totalRupiah: total };
}
