import { lineAmount } from '../shop/units.js';

/**
 * Weighed goods priced at the weight packed (docs/domain/mlijo.md; after Open Food Network, where
 * the hub adjusts a variable-weight item's final weight and price before the order is charged):
 * the household orders e.g. 1 kg of tongkol at the price per kg; the vendor weighs out 940 g and
 * the line becomes 940 g x the price, rounded by the shop's one rule (src/domain/shop/units.ts
 * lineAmount). A weight more than TOLERANCE_BPS away from what was asked must be accepted by
 * the household before the order is delivered.
 */
export const TOLERANCE_BPS = 1000n; // 10 %

export interface PackedLine {
  packedQtyBase: bigint;
  amountRupiah: bigint;
  /** beyond the tolerance: the household must accept */
  overTolerance: boolean;
}

/**
 * 1 kg ordered (1000 g) at Rp 45.000/kg, 940 g packed -> Rp 42.300, within 10 %;
 * 1.150 g packed -> Rp 51.750, beyond (+15 %): the household must accept.
 */
export function packWeighed(
  orderedQtyBase: bigint,
  packedQtyBase: bigint,
  priceRupiah: bigint,
  priceBase: bigint,
): PackedLine | { code: 'MLIJO_WEIGHT_INVALID' } {
  if (packedQtyBase <= 0n || packedQtyBase > orderedQtyBase * 3n)
    return { code: 'MLIJO_WEIGHT_INVALID' };
  const diff =
    packedQtyBase > orderedQtyBase
      ? packedQtyBase - orderedQtyBase
      : orderedQtyBase - packedQtyBase;
  return {
    packedQtyBase,
    amountRupiah: lineAmount(packedQtyBase, priceRupiah, priceBase),
    overTolerance: diff * 10_000n > orderedQtyBase * TOLERANCE_BPS,
  };
}
