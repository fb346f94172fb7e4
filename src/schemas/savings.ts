import { z } from 'zod';

/**
 * A savings product's settings as entered (HTTP, CLI, demo) and as stored in
 * savings_products.settings: one shape per kind, rupiah as decimal text, rates in basis points.
 * The savings domain (src/domain/savings/product.ts) checks the rules across fields.
 */
const rupiahText = z.string().regex(/^[0-9]{1,15}$/);
const bps = z.number().int().min(0).max(10_000);
/**
 * A rate for a conventional cooperative; a sharia cooperative's product (with an akad) has none and
 * a mudharabah one has the member's nisbah instead (whole basis points: 3000 = 30.00 %). Which of
 * the two a product must give is checked against its akad by src/domain/savings/akad.ts.
 */
const rateOrNisbah = { annualRateBps: bps.optional(), nisbahAnggotaBps: bps.optional() };

export const productSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pokok'), amountRupiah: rupiahText }).strict(),
  z.object({ kind: z.literal('wajib'), monthlyAmountRupiah: rupiahText }).strict(),
  z
    .object({
      kind: z.literal('sukarela'),
      ...rateOrNisbah,
      interestMethod: z.enum(['daily-balance', 'lowest-balance']),
      dayCount: z.enum(['actual/365', 'actual/actual']).default('actual/365'),
      minimumBalanceRupiah: rupiahText.default('0'),
      minimumBalanceForInterestRupiah: rupiahText.default('0'),
      monthlyAdminFeeRupiah: rupiahText.default('0'),
      dormancyMonths: z.number().int().min(1).max(120).nullable().default(null),
      dormantStopsInterest: z.boolean().default(false),
      /** withdrawals above this need a second person's approval; null: never */
      approvalAboveRupiah: rupiahText.nullable().default(null),
      /** opened for every new member */
      autoOpen: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      kind: z.literal('berjangka'),
      tenors: z
        .array(z.object({ tenorMonths: z.number().int(), ...rateOrNisbah }).strict())
        .min(1)
        .max(5),
      interestBasis: z.enum(['actual/365', 'monthly/12']).default('actual/365'),
      interestPayout: z.enum(['to-sukarela', 'rollover']).default('to-sukarela'),
      automaticRollover: z.boolean().default(true),
      earlyBreakPenalty: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('none') }),
          z.object({ kind: z.literal('percent-of-principal'), rateBps: bps }),
          z.object({ kind: z.literal('flat'), amountRupiah: rupiahText }),
          z.object({ kind: z.literal('clawback-interest-paid') }),
        ])
        .default({ kind: 'none' }),
      minimumPrincipalRupiah: rupiahText.default('100000'),
    })
    .strict(),
]);
export type ProductSettings = z.output<typeof productSettingsSchema>;
