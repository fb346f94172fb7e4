/**
 * The funding akad of a sharia cooperative's savings (KSPPS/BMT) and the member's consent to a
 * nisbah change. Rules from fatwa 02/DSN-MUI/IV/2000 (tabungan) and 03/DSN-MUI/IV/2000 (deposito),
 * restated in docs/domain/sharia-savings-akad.md:
 * - wadiah: no return may be promised, so the product has no rate (a bonus is a gift decided after
 *   the period, possibly zero);
 * - mudharabah: the return is realised income shared by the nisbah stated in the member's akad,
 *   never a rate; the cooperative may not lower the member's nisbah without the member's consent.
 */
import type { SavingsError, SavingsProductErrorCode } from './errors.js';
import type { SavingsKind } from './product.js';

export type SavingsAkad = 'wadiah' | 'mudharabah' | 'mudharabah_berjangka';
export const SAVINGS_AKADS = ['wadiah', 'mudharabah', 'mudharabah_berjangka'] as const;

/** A nisbah is a share in basis points: 3000 = 30.00 % (exact, no fractions of a basis point). */
export const NISBAH_BPS_MAX = 10_000;

/** Which kinds each akad words: wadiah for pokok, wajib and sukarela; mudharabah for the others. */
export const AKAD_KINDS: Record<SavingsAkad, readonly SavingsKind[]> = {
  wadiah: ['pokok', 'wajib', 'sukarela'],
  mudharabah: ['sukarela'],
  mudharabah_berjangka: ['berjangka'],
};

/** The terms of a product as entered, reduced to what the akad rules look at. */
export interface ProductTerms {
  kind: SavingsKind;
  akad: SavingsAkad | null;
  /** a sukarela rate, if one was given */
  annualRateBps?: number | undefined;
  /** a mudharabah sukarela nisbah, if one was given */
  nisbahAnggotaBps?: number | undefined;
  tenors?: readonly { annualRateBps?: number | undefined; nisbahAnggotaBps?: number | undefined }[];
}

/**
 * Checks a product's akad against the cooperative: a KSPPS names an akad that fits the kind and
 * gives no rate anywhere; a mudharabah akad gives a nisbah 0–100 % (per tenor for berjangka); a
 * conventional cooperative gives neither akad nor nisbah, and a rate where the kind has one.
 */
export function checkProductAkad(
  terms: ProductTerms,
  cooperativeIsSharia: boolean,
): SavingsError<SavingsProductErrorCode>[] {
  const errors: SavingsError<SavingsProductErrorCode>[] = [];
  const tenors = terms.tenors ?? [];
  const nisbah = (field: string, v: number | undefined) => {
    if (v === undefined)
      errors.push({ code: 'SAVINGS_PRODUCT_NISBAH_REQUIRED', field, params: {} });
    else if (!Number.isInteger(v) || v < 0 || v > NISBAH_BPS_MAX)
      errors.push({
        code: 'SAVINGS_PRODUCT_NISBAH_OUT_OF_RANGE',
        field,
        params: { value: v, max: NISBAH_BPS_MAX },
      });
  };
  const noNisbah = (field: string, v: number | undefined) => {
    if (v !== undefined)
      errors.push({ code: 'SAVINGS_PRODUCT_NISBAH_NOT_ALLOWED', field, params: {} });
  };

  if (!cooperativeIsSharia) {
    if (terms.akad !== null)
      errors.push({
        code: 'SAVINGS_PRODUCT_AKAD_NOT_ALLOWED',
        field: 'akad',
        params: { akad: terms.akad },
      });
    noNisbah('settings.nisbahAnggotaBps', terms.nisbahAnggotaBps);
    tenors.forEach((t, i) =>
      noNisbah(`settings.tenors[${i}].nisbahAnggotaBps`, t.nisbahAnggotaBps),
    );
    if (terms.kind === 'sukarela' && terms.annualRateBps === undefined)
      errors.push({
        code: 'SAVINGS_PRODUCT_RATE_REQUIRED',
        field: 'settings.annualRateBps',
        params: {},
      });
    tenors.forEach((t, i) => {
      if (t.annualRateBps === undefined)
        errors.push({
          code: 'SAVINGS_PRODUCT_RATE_REQUIRED',
          field: `settings.tenors[${i}].annualRateBps`,
          params: {},
        });
    });
    return errors;
  }

  // fatwa 02/2000 part Pertama: savings "berdasarkan perhitungan bunga" are not permitted
  if (terms.annualRateBps !== undefined)
    errors.push({
      code: 'SAVINGS_PRODUCT_RATE_NOT_ALLOWED',
      field: 'settings.annualRateBps',
      params: {},
    });
  tenors.forEach((t, i) => {
    if (t.annualRateBps !== undefined)
      errors.push({
        code: 'SAVINGS_PRODUCT_RATE_NOT_ALLOWED',
        field: `settings.tenors[${i}].annualRateBps`,
        params: {},
      });
  });
  if (terms.akad === null) {
    errors.push({ code: 'SAVINGS_PRODUCT_AKAD_REQUIRED', field: 'akad', params: {} });
    return errors;
  }
  if (!AKAD_KINDS[terms.akad].includes(terms.kind)) {
    errors.push({
      code: 'SAVINGS_PRODUCT_AKAD_KIND_MISMATCH',
      field: 'akad',
      params: { akad: terms.akad, kind: terms.kind },
    });
    return errors;
  }
  switch (terms.akad) {
    case 'wadiah':
      noNisbah('settings.nisbahAnggotaBps', terms.nisbahAnggotaBps);
      break;
    case 'mudharabah':
      nisbah('settings.nisbahAnggotaBps', terms.nisbahAnggotaBps);
      break;
    case 'mudharabah_berjangka':
      noNisbah('settings.nisbahAnggotaBps', terms.nisbahAnggotaBps);
      tenors.forEach((t, i) =>
        nisbah(`settings.tenors[${i}].nisbahAnggotaBps`, t.nisbahAnggotaBps),
      );
      break;
  }
  return errors;
}

/** One version of a member's akad on a mudharabah account. */
export interface AkadVersion {
  version: number;
  nisbahAnggotaBps: number;
  /** 'YYYY-MM-DD' */
  effectiveFrom: string;
  status: 'proposed' | 'accepted' | 'withdrawn';
}

/**
 * The nisbah in force on `date`: the accepted version of the highest number that has started.
 * A proposal not (yet) accepted never counts. Undefined before the account's first akad.
 */
export function nisbahInForce(
  versions: readonly AkadVersion[],
  date: string,
): AkadVersion | undefined {
  let best: AkadVersion | undefined;
  for (const v of versions)
    if (v.status === 'accepted' && v.effectiveFrom <= date && (!best || v.version > best.version))
      best = v;
  return best;
}

/** The latest accepted version, whatever its date: what a new proposal is measured against. */
export function latestAccepted(versions: readonly AkadVersion[]): AkadVersion | undefined {
  let best: AkadVersion | undefined;
  for (const v of versions)
    if (v.status === 'accepted' && (!best || v.version > best.version)) best = v;
  return best;
}

export type NisbahChange =
  /** a higher nisbah favours the member: accepted at once, no consent needed (`withdraws`: the
   * proposal it replaces, if one was waiting) */
  | { kind: 'raise'; version: number; withdraws: number | null }
  /** a lower nisbah waits for the member's consent (a pending proposal is withdrawn) */
  | { kind: 'lower'; version: number; withdraws: number | null };

export type NisbahChangeErrorCode = 'SAVINGS_AKAD_NISBAH_UNCHANGED' | 'SAVINGS_AKAD_NOT_MUDHARABAH';

/**
 * What a proposed nisbah becomes: a raise takes effect without consent (fatwa 02/2000 forbids only
 * lowering it without consent); a lowering is a proposal the member must accept. The same nisbah
 * as the one accepted last is refused (nothing to change). A new proposal or raise replaces a
 * proposal still waiting (only one may wait; an accepted raise makes the older lowering moot).
 */
export function classifyNisbahChange(
  versions: readonly AkadVersion[],
  proposedBps: number,
):
  | { ok: true; change: NisbahChange }
  | { ok: false; code: NisbahChangeErrorCode; params: Record<string, number> } {
  const current = latestAccepted(versions);
  if (!current) return { ok: false, code: 'SAVINGS_AKAD_NOT_MUDHARABAH', params: {} };
  const next = Math.max(...versions.map((v) => v.version)) + 1;
  const pending = versions.find((v) => v.status === 'proposed')?.version ?? null;
  if (proposedBps === current.nisbahAnggotaBps)
    return {
      ok: false,
      code: 'SAVINGS_AKAD_NISBAH_UNCHANGED',
      params: { nisbahAnggotaBps: proposedBps },
    };
  if (proposedBps > current.nisbahAnggotaBps)
    return { ok: true, change: { kind: 'raise', version: next, withdraws: pending } };
  return { ok: true, change: { kind: 'lower', version: next, withdraws: pending } };
}
