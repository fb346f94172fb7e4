import type { ChainedLine } from '../../../../src/domain/shop/receipt-chain.js';
import { lineAmount, priceOf, type PricedProduct } from '../../../../src/domain/shop/units.js';
import type { CatalogueItem } from './api';

/**
 * The sale being rung up: lines of a product in one of its units. Prices follow the customer
 * (member or public) through the same priceOf and lineAmount the server checks with, so the
 * total on the screen is the total the server records.
 */
export interface CartLine {
  product: CatalogueItem;
  unit: string;
  qty: bigint;
}

export interface PricedLine extends CartLine {
  qtyBase: bigint;
  priceRupiah: bigint;
  priceBase: bigint;
  amountRupiah: bigint;
}

const priced = (p: CatalogueItem): PricedProduct => ({
  baseUnit: p.baseUnit,
  priceUnitBase: BigInt(p.priceUnitBase),
  memberPriceRupiah: BigInt(p.memberPriceRupiah),
  publicPriceRupiah: BigInt(p.publicPriceRupiah),
  units: p.units.map((u) => ({
    unit: u.unit,
    factorBase: BigInt(u.factorBase),
    memberPriceRupiah: u.memberPriceRupiah === null ? null : BigInt(u.memberPriceRupiah),
    publicPriceRupiah: u.publicPriceRupiah === null ? null : BigInt(u.publicPriceRupiah),
  })),
});

export function priceLine(line: CartLine, member: boolean): PricedLine | null {
  const unit = line.product.units.find((u) => u.unit === line.unit);
  const price = priceOf(priced(line.product), line.unit, member);
  if (!unit || 'code' in price || line.qty <= 0n) return null;
  const qtyBase = line.qty * BigInt(unit.factorBase);
  return {
    ...line,
    qtyBase,
    ...price,
    amountRupiah: lineAmount(qtyBase, price.priceRupiah, price.priceBase),
  };
}

export function priceCart(lines: readonly CartLine[], member: boolean) {
  const out = lines.map((l) => priceLine(l, member)).filter((l): l is PricedLine => l !== null);
  return { lines: out, totalRupiah: out.reduce((s, l) => s + l.amountRupiah, 0n) };
}

/** A line of the receipt chain and of the sale the server records: every number a string. */
export const chainedLine = (l: PricedLine): ChainedLine => ({
  productId: l.product.id,
  unit: l.unit,
  qty: String(l.qty),
  qtyBase: String(l.qtyBase),
  priceRupiah: String(l.priceRupiah),
  priceBase: String(l.priceBase),
  amountRupiah: String(l.amountRupiah),
});

/** One more of a product in a unit: the line's quantity goes up, or a new line is added last. */
export function addToCart(lines: readonly CartLine[], product: CatalogueItem, unit: string) {
  const i = lines.findIndex((l) => l.product.id === product.id && l.unit === unit);
  if (i < 0) return [...lines, { product, unit, qty: 1n }];
  return lines.map((l, j) => (j === i ? { ...l, qty: l.qty + 1n } : l));
}

/** The product and unit a scanned barcode names, from the cached catalogue. */
export function byBarcode(items: readonly CatalogueItem[], code: string) {
  for (const product of items)
    for (const u of product.units)
      if (u.barcode !== null && u.barcode === code) return { product, unit: u.unit };
  return null;
}

/** Products whose name or SKU has all the typed words, at most `limit`. */
export function searchCatalogue(items: readonly CatalogueItem[], text: string, limit = 8) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const hits: CatalogueItem[] = [];
  for (const p of items) {
    const hay = `${p.name} ${p.sku}`.toLowerCase();
    if (words.every((w) => hay.includes(w))) hits.push(p);
    if (hits.length >= limit) break;
  }
  return hits;
}
