/**
 * A time-deposit product's rate card as its settings take it: the annual rate in basis points by
 * tenor in months, shortest tenor first ({ 1: 450, 3: 500, 12: 600 }).
 */
export function tenorOffers(
  bpsByMonths: Record<number, number>,
): { tenorMonths: number; annualRateBps: number }[] {
  return Object.entries(bpsByMonths).map(([months, bps]) => ({
    tenorMonths: Number(months),
    annualRateBps: bps,
  }));
}
