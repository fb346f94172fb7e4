import type { z } from 'zod';
import * as dpsRepo from '../../db/dps.repo.js';
import * as repo from '../../db/savings.repo.js';
import type { ProductRow } from '../../db/savings.repo.js';
import type { Queryable } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import {
  BERJANGKA_TENORS_MONTHS,
  validateSavingsProduct,
  type BerjangkaTenorMonths,
  type SavingsProduct,
} from '../../domain/savings/product.js';
import { checkProductAkad, type SavingsAkad } from '../../domain/savings/akad.js';
import type { SavingsError, SavingsProductErrorCode } from '../../domain/savings/errors.js';
import { productSettingsSchema, type ProductSettings } from '../../schemas/savings.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { pendingProductReview, routeProductChange } from '../sharia/dps.js';

export { productSettingsSchema, type ProductSettings };

/** The stored settings as the domain's product (bigint rupiah). */
export function domainProduct(s: ProductSettings): SavingsProduct {
  switch (s.kind) {
    case 'pokok':
      return { kind: 'pokok', amountRupiah: BigInt(s.amountRupiah) };
    case 'wajib':
      return { kind: 'wajib', monthlyAmountRupiah: BigInt(s.monthlyAmountRupiah) };
    case 'sukarela':
      return {
        kind: 'sukarela',
        // a product under an akad has no rate: the interest rules see none
        annualRateBps: BigInt(s.annualRateBps ?? 0),
        interestMethod: s.interestMethod,
        dayCount: s.dayCount,
        minimumBalanceRupiah: BigInt(s.minimumBalanceRupiah),
        minimumBalanceForInterestRupiah: BigInt(s.minimumBalanceForInterestRupiah),
        monthlyAdminFeeRupiah: BigInt(s.monthlyAdminFeeRupiah),
        dormancyMonths: s.dormancyMonths,
        dormantStopsInterest: s.dormantStopsInterest,
      };
    case 'berjangka':
      return {
        kind: 'berjangka',
        tenors: s.tenors.map((t) => ({
          tenorMonths: t.tenorMonths as BerjangkaTenorMonths,
          annualRateBps: BigInt(t.annualRateBps ?? 0),
        })),
        interestBasis: s.interestBasis,
        interestPayout: s.interestPayout,
        automaticRollover: s.automaticRollover,
        earlyBreakPenalty:
          s.earlyBreakPenalty.kind === 'percent-of-principal'
            ? { kind: 'percent-of-principal', rateBps: BigInt(s.earlyBreakPenalty.rateBps) }
            : s.earlyBreakPenalty.kind === 'flat'
              ? { kind: 'flat', amountRupiah: BigInt(s.earlyBreakPenalty.amountRupiah) }
              : s.earlyBreakPenalty,
        minimumPrincipalRupiah: BigInt(s.minimumPrincipalRupiah),
      };
  }
}

const productView = (p: ProductRow) => ({
  id: p.id.toString(),
  code: p.code,
  name: p.name,
  kind: p.kind,
  active: p.active,
  akad: p.akad,
  settings: p.settings,
});

/** The first akad problem as the operating error the caller sees (Indonesian and English). */
function akadError(e: SavingsError<SavingsProductErrorCode>): AppError {
  const field = e.field ?? '';
  switch (e.code) {
    case 'SAVINGS_PRODUCT_RATE_NOT_ALLOWED':
      return new AppError('SAVINGS_PRODUCT_RATE_NOT_ALLOWED', { field });
    case 'SAVINGS_PRODUCT_RATE_REQUIRED':
      return new AppError('SAVINGS_PRODUCT_RATE_REQUIRED', { field });
    case 'SAVINGS_PRODUCT_AKAD_REQUIRED':
      return new AppError('SAVINGS_PRODUCT_AKAD_REQUIRED');
    case 'SAVINGS_PRODUCT_AKAD_NOT_ALLOWED':
      return new AppError('SAVINGS_PRODUCT_AKAD_NOT_ALLOWED', e.params);
    case 'SAVINGS_PRODUCT_AKAD_KIND_MISMATCH':
      return new AppError('SAVINGS_PRODUCT_AKAD_KIND_MISMATCH', e.params);
    case 'SAVINGS_PRODUCT_NISBAH_REQUIRED':
    case 'SAVINGS_PRODUCT_NISBAH_OUT_OF_RANGE':
    case 'SAVINGS_PRODUCT_NISBAH_NOT_ALLOWED':
      return new AppError('SAVINGS_PRODUCT_NISBAH_INVALID', { field });
    case 'SAVINGS_PRODUCT_AMOUNT_NEGATIVE':
    case 'SAVINGS_PRODUCT_AMOUNT_NOT_POSITIVE':
    case 'SAVINGS_PRODUCT_AMOUNT_TOO_LARGE':
    case 'SAVINGS_PRODUCT_DORMANCY_OUT_OF_RANGE':
    case 'SAVINGS_PRODUCT_NO_TENORS':
    case 'SAVINGS_PRODUCT_PENALTY_OUT_OF_RANGE':
    case 'SAVINGS_PRODUCT_RATE_OUT_OF_RANGE':
    case 'SAVINGS_PRODUCT_TENOR_DUPLICATE':
    case 'SAVINGS_PRODUCT_TENOR_NOT_ALLOWED':
      return new AppError('SAVINGS_PRODUCT_INVALID', { reason: `${field} ${e.code}`.trim() });
  }
}

export async function createProduct(
  deps: Deps,
  ctx: OrgContext,
  input: {
    code: string;
    name: string;
    /** a sharia cooperative's akad; null or absent for a conventional cooperative */
    akad?: SavingsAkad | null;
    settings: z.input<typeof productSettingsSchema>;
  },
) {
  const settings = productSettingsSchema.parse(input.settings);
  const akad = input.akad ?? null;
  if (settings.kind === 'berjangka')
    for (const t of settings.tenors)
      if (!(BERJANGKA_TENORS_MONTHS as readonly number[]).includes(t.tenorMonths))
        throw new AppError('SAVINGS_TENOR_NOT_OFFERED', { tenor: t.tenorMonths });
  const v = validateSavingsProduct(domainProduct(settings));
  if (!v.ok)
    throw new AppError('SAVINGS_PRODUCT_INVALID', {
      reason: `${v.errors[0]!.field ?? ''} ${v.errors[0]!.code}`.trim(),
    });
  return inOrg(deps, ctx, async (o) => {
    // fatwa 02 and 03/DSN-MUI/IV/2000: a KSPPS product names its akad and promises no rate; the
    // database's savings_products_akad_guard refuses the same (migration 0021)
    const sharia = await repo.isShariaCooperative(o.tx, ctx.organizationId);
    const problems = checkProductAkad(
      {
        kind: settings.kind,
        akad,
        ...(settings.kind === 'sukarela'
          ? { annualRateBps: settings.annualRateBps, nisbahAnggotaBps: settings.nisbahAnggotaBps }
          : {}),
        ...(settings.kind === 'berjangka' ? { tenors: settings.tenors } : {}),
      },
      sharia,
    );
    if (problems.length > 0) throw akadError(problems[0]!);
    const row = await repo.insertProduct(o.tx, ctx.organizationId, {
      code: input.code,
      name: input.name,
      akad,
      settings,
      minimumBalanceRupiah:
        settings.kind === 'sukarela' ? BigInt(settings.minimumBalanceRupiah) : 0n,
    });
    if (!row) throw new AppError('SAVINGS_PRODUCT_CODE_TAKEN', { code: input.code });
    await o.audit({
      action: 'savings.product.created',
      entityType: 'savings_product',
      entityId: row.id,
      after: { code: input.code, name: input.name, akad, settings },
    });
    if (!sharia) return productView(row);
    // a KSPPS's new product goes to its DPS (Permenkop 16/2015: the DPS reviews the products);
    // with a DPS in office it stays inactive until approved (docs/domain/sharia-dps.md)
    const review = await routeProductChange(o, deps, {
      subject: 'savings_product',
      productId: row.id,
      title: `Produk baru ${input.code} — ${input.name} (${akad ?? ''})`,
      details: { code: input.code, name: input.name, akad, proposed: settings },
    });
    // the answer stays the product (inactive while it waits); the review is listed under /dps/reviews
    if (review.effect === 'waits') {
      await dpsRepo.setProductActive(o.tx, ctx.organizationId, row.id, false);
      return productView({ ...row, active: false });
    }
    return productView(row);
  });
}

/** The new nisbah of a mudharabah product: one for sukarela, one per tenor for berjangka. */
export type NisbahChange =
  { nisbahAnggotaBps: number } | { tenors: { tenorMonths: number; nisbahAnggotaBps: number }[] };

/**
 * A change of a KSPPS product's nisbah table, routed to the DPS: with a DPS in office it waits for
 * the DPS's approval (the product keeps its table until then), otherwise it takes effect and the
 * review stays open. It changes what new akad start from; an existing account's nisbah changes
 * only through its own akad version (a lower one with the member's consent, fatwa 02/2000).
 */
export async function changeProductNisbah(
  deps: Deps,
  ctx: OrgContext,
  productId: bigint,
  change: NisbahChange,
) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const p = await loadProduct(o.tx, coop, productId);
    if (!(await repo.isShariaCooperative(o.tx, coop))) throw new AppError('DPS_NOT_SHARIA');
    const invalid = (reason: string) =>
      new AppError('SAVINGS_PRODUCT_NISBAH_CHANGE_INVALID', { reason });
    const previous = productSettingsSchema.parse(p.settings);
    let proposed: ProductSettings;
    if (p.akad === 'mudharabah' && previous.kind === 'sukarela') {
      if (!('nisbahAnggotaBps' in change)) throw invalid('nisbahAnggotaBps');
      proposed = { ...previous, nisbahAnggotaBps: change.nisbahAnggotaBps };
    } else if (p.akad === 'mudharabah_berjangka' && previous.kind === 'berjangka') {
      if (!('tenors' in change)) throw invalid('tenors');
      const have = previous.tenors.map((t) => t.tenorMonths).sort((a, b) => a - b);
      const want = change.tenors.map((t) => t.tenorMonths).sort((a, b) => a - b);
      if (have.join(',') !== want.join(',')) throw invalid(`tenors ${have.join(', ')}`);
      proposed = {
        ...previous,
        tenors: previous.tenors.map((t) => ({
          ...t,
          nisbahAnggotaBps: change.tenors.find((c) => c.tenorMonths === t.tenorMonths)!
            .nisbahAnggotaBps,
        })),
      };
    } else throw invalid(`akad ${p.akad ?? '-'}`);
    if (await pendingProductReview(o, productId, 'nisbah_change'))
      throw new AppError('SAVINGS_PRODUCT_AWAITING_DPS', { code: p.code });
    const review = await routeProductChange(o, deps, {
      subject: 'nisbah_change',
      productId,
      title: `Perubahan nisbah ${p.code} — ${p.name}`,
      details: { code: p.code, previous, proposed },
    });
    if (review.effect === 'flagged')
      await dpsRepo.setProductSettings(o.tx, coop, productId, proposed);
    await o.audit({
      action: 'savings.product.nisbah-change',
      entityType: 'savings_product',
      entityId: productId,
      before: { settings: previous },
      after: { settings: proposed, effect: review.effect },
    });
    const row = await loadProduct(o.tx, coop, productId);
    return { product: productView(row), dpsReview: review };
  });
}

export async function listProducts(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) =>
    (await repo.listProducts(tx, ctx.organizationId)).map(productView),
  );
}

/**
 * Why an inactive product cannot be used: a KSPPS product still waiting for its DPS says so
 * (SAVINGS_PRODUCT_AWAITING_DPS), any other is simply not offered (SAVINGS_PRODUCT_NOT_FOUND).
 */
export async function inactiveProductError(tx: Queryable, coop: string, p: ProductRow) {
  const waiting = await dpsRepo.pendingReviewOf(tx, coop, p.id, 'savings_product');
  return waiting?.effect === 'waits'
    ? new AppError('SAVINGS_PRODUCT_AWAITING_DPS', { code: p.code })
    : new AppError('SAVINGS_PRODUCT_NOT_FOUND');
}

export async function loadProduct(tx: Queryable, coop: string, id: bigint): Promise<ProductRow> {
  const p = await repo.findProduct(tx, coop, id);
  if (!p) throw new AppError('SAVINGS_PRODUCT_NOT_FOUND');
  return p;
}
