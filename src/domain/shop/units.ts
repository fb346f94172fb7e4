/**
 * Units and conversions. Stock is kept in whole base units (pcs, or grams for weighed goods); a
 * pack unit is a whole number of base units (1 dus = 24 pcs). Prices are per price basis: a price
 * in rupiah for `priceBase` base units (1 for a price per pcs, 24 for a dus's own price, 1000 for a
 * price per kg of a good kept in grams).
 */
import { roundRupiah } from './money.js';

export const MAX_QTY_BASE = 1_000_000_000n;

export interface ProductUnit {
  unit: string;
  factorBase: bigint;
  memberPriceRupiah: bigint | null;
  publicPriceRupiah: bigint | null;
}

export interface PricedProduct {
  baseUnit: string;
  priceUnitBase: bigint;
  memberPriceRupiah: bigint;
  publicPriceRupiah: bigint;
  units: readonly ProductUnit[];
}

export type UnitError = { code: 'SHOP_UNIT_UNKNOWN'; unit: string } | { code: 'SHOP_QTY_INVALID' };

/** Base units in `qty` of `unit` (e.g. 2 dus of 24 pcs = 48 pcs). */
export function toBase(
  product: Pick<PricedProduct, 'units'>,
  unit: string,
  qty: bigint,
): bigint | UnitError {
  const u = product.units.find((x) => x.unit === unit);
  if (!u) return { code: 'SHOP_UNIT_UNKNOWN', unit };
  if (qty <= 0n) return { code: 'SHOP_QTY_INVALID' };
  const base = qty * u.factorBase;
  if (base > MAX_QTY_BASE) return { code: 'SHOP_QTY_INVALID' };
  return base;
}

/**
 * A quantity in base units shown in the largest units that divide it: 50 pcs with dus = 24 is
 * "2 dus 2 pcs". Used on pick lists and stock screens.
 */
export function describeQty(product: Pick<PricedProduct, 'units' | 'baseUnit'>, qtyBase: bigint) {
  const sign = qtyBase < 0n ? '-' : '';
  let rest = qtyBase < 0n ? -qtyBase : qtyBase;
  const parts: string[] = [];
  const units = [...product.units].sort((a, b) => (a.factorBase < b.factorBase ? 1 : -1));
  for (const u of units) {
    if (u.factorBase === 1n) continue;
    const n = rest / u.factorBase;
    if (n > 0n) {
      parts.push(`${n} ${u.unit}`);
      rest -= n * u.factorBase;
    }
  }
  if (rest > 0n || parts.length === 0) parts.push(`${rest} ${product.baseUnit}`);
  return sign + parts.join(' ');
}

/** The price basis of a unit for a member or the public: its own price, or the product's. */
export function priceOf(
  product: PricedProduct,
  unit: string,
  member: boolean,
): { priceRupiah: bigint; priceBase: bigint } | UnitError {
  const u = product.units.find((x) => x.unit === unit);
  if (!u) return { code: 'SHOP_UNIT_UNKNOWN', unit };
  const own = member ? u.memberPriceRupiah : u.publicPriceRupiah;
  if (own !== null) return { priceRupiah: own, priceBase: u.factorBase };
  return {
    priceRupiah: member ? product.memberPriceRupiah : product.publicPriceRupiah,
    priceBase: product.priceUnitBase,
  };
}

/**
 * A line's amount: qtyBase × price / priceBase, rounded half up to the rupiah once.
 * 3 pcs at Rp 3.500 = 10.500; 1 dus at its own Rp 80.000 (base 24) = 80.000;
 * 1.250 g of chilli at Rp 36.000 per kg (base 1000) = 45.000; 333 g at that price = 11.988.
 */
export function lineAmount(qtyBase: bigint, priceRupiah: bigint, priceBase: bigint): bigint {
  return roundRupiah(qtyBase * priceRupiah, priceBase);
}
