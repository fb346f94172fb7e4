/**
 * Profit-sharing financing of a KSPPS (docs/domain/sharia-financing.md): mudharabah (fatwa
 * 07/DSN-MUI/IV/2000, PSAK 105), musyarakah (fatwa 08/DSN-MUI/IV/2000, PSAK 106) and musyarakah
 * mutanaqishah (fatwa 73/DSN-MUI/XI/2008). Pure: no I/O, no clock; bigint rupiah; the nisbah is an
 * exact decimal percent ('25', '33.3333').
 *
 * Rounding (written once, here): the KSPPS's share of a profit is floored to the whole rupiah and
 * the member keeps the remainder; of a musyarakah loss the KSPPS (the capital provider) bears the
 * rupiah remainder, so the member never bears more than its exact capital share.
 */
import { parseDecimal } from '../loans/schedule.js';

export type ProfitSharingKind = 'mudharabah' | 'musyarakah';
/** what the nisbah applies to: the business's net profit or its revenue */
export type ProfitBasis = 'profit' | 'revenue';

export type TermsCheck =
  { ok: true } | { ok: false; code: 'FINANCING_TERMS_INVALID'; field: string };

export interface ProfitSharingTerms {
  kind: ProfitSharingKind;
  nisbahKsppsPercent: string;
  basis: ProfitBasis;
  /** the projected result per period: appraisal and display only, never billed */
  projectedResultRupiah: bigint;
  /** musyarakah: the KSPPS's capital (the financing's plafon) and the member's own capital */
  ksppsCapitalRupiah: bigint;
  memberCapitalRupiah: bigint;
}

/** The akad's terms as the akad allows them: a nisbah strictly between 0 and 100 %, musyarakah
 *  with both partners' capital and on profit, mudharabah without a member capital. */
export function checkTerms(t: ProfitSharingTerms): TermsCheck {
  const bad = (field: string): TermsCheck => ({
    ok: false,
    code: 'FINANCING_TERMS_INVALID',
    field,
  });
  if (!/^[0-9]{1,3}(\.[0-9]{1,4})?$/.test(t.nisbahKsppsPercent)) return bad('nisbahKsppsPercent');
  const n = parseDecimal(t.nisbahKsppsPercent);
  if (n.num <= 0n || n.num >= 100n * n.den) return bad('nisbahKsppsPercent');
  if (t.projectedResultRupiah < 0n) return bad('projectedResultRupiah');
  if (t.ksppsCapitalRupiah <= 0n) return bad('ksppsCapitalRupiah');
  if (t.kind === 'musyarakah') {
    if (t.memberCapitalRupiah <= 0n) return bad('memberCapitalRupiah');
    if (t.basis !== 'profit') return bad('basis');
  } else if (t.memberCapitalRupiah !== 0n) return bad('memberCapitalRupiah');
  return { ok: true };
}

/** floor(nisbah % × amount) for amount >= 0 */
export function nisbahShare(nisbahPercent: string, amountRupiah: bigint): bigint {
  if (amountRupiah <= 0n) return 0n;
  const n = parseDecimal(nisbahPercent);
  return (amountRupiah * n.num) / (n.den * 100n);
}

export interface MudharabahPeriod {
  /** realised result + carried loss, never below 0: what the nisbah applies to */
  shareableRupiah: bigint;
  ksppsShareRupiah: bigint;
  memberShareRupiah: bigint;
  /** the cumulative loss carried into the next period (a magnitude, >= 0) */
  carriedLossAfterRupiah: bigint;
}

/**
 * One period of a mudharabah financing from the member's approved laporan usaha: the KSPPS's bagi
 * hasil = floor(nisbah × max(0, realised result − carried loss)); a negative remainder is carried
 * to the next period. On a revenue basis the result is revenue and cannot be negative.
 */
export function mudharabahPeriod(input: {
  nisbahKsppsPercent: string;
  resultRupiah: bigint;
  carriedLossRupiah: bigint;
}): MudharabahPeriod {
  if (input.carriedLossRupiah < 0n) throw new RangeError('carried loss is a magnitude');
  const net = input.resultRupiah - input.carriedLossRupiah;
  if (net <= 0n)
    return {
      shareableRupiah: 0n,
      ksppsShareRupiah: 0n,
      memberShareRupiah: 0n,
      carriedLossAfterRupiah: -net,
    };
  const kspps = nisbahShare(input.nisbahKsppsPercent, net);
  return {
    shareableRupiah: net,
    ksppsShareRupiah: kspps,
    memberShareRupiah: net - kspps,
    carriedLossAfterRupiah: 0n,
  };
}

export interface MusyarakahPeriod {
  ksppsShareRupiah: bigint;
  memberShareRupiah: bigint;
  /** a loss: each partner's part, by capital (the KSPPS's capital claim falls by its part) */
  ksppsLossRupiah: bigint;
  memberLossRupiah: bigint;
}

/** A musyarakah period: a profit split by nisbah, a loss by the partners' capital. */
export function musyarakahPeriod(input: {
  nisbahKsppsPercent: string;
  ksppsCapitalRupiah: bigint;
  memberCapitalRupiah: bigint;
  resultRupiah: bigint;
}): MusyarakahPeriod {
  const { ksppsCapitalRupiah: k, memberCapitalRupiah: m, resultRupiah: r } = input;
  if (k <= 0n || m < 0n) throw new RangeError('capital must be positive');
  if (r >= 0n) {
    const kspps = nisbahShare(input.nisbahKsppsPercent, r);
    return {
      ksppsShareRupiah: kspps,
      memberShareRupiah: r - kspps,
      ksppsLossRupiah: 0n,
      memberLossRupiah: 0n,
    };
  }
  const loss = -r;
  // the KSPPS bears the rupiah remainder: its part rounded up
  const total = k + m;
  const ksppsLoss = (loss * k + total - 1n) / total;
  return {
    ksppsShareRupiah: 0n,
    memberShareRupiah: 0n,
    ksppsLossRupiah: ksppsLoss,
    memberLossRupiah: loss - ksppsLoss,
  };
}

export interface Due {
  principalRupiah: bigint;
  /** null while the period's report is not approved: bagi hasil "pending", nothing billed */
  profitShareRupiah: bigint | null;
  totalRupiah: bigint;
  status: 'pending' | 'billed';
}

/** What a period bills: its principal, plus the KSPPS's share only once the report is approved
 *  (never the projection). */
export function periodDue(principalRupiah: bigint, approvedShareRupiah: bigint | null): Due {
  return approvedShareRupiah === null
    ? { principalRupiah, profitShareRupiah: null, totalRupiah: principalRupiah, status: 'pending' }
    : {
        principalRupiah,
        profitShareRupiah: approvedShareRupiah,
        totalRupiah: principalRupiah + approvedShareRupiah,
        status: 'billed',
      };
}

/** The projected bagi hasil of a period (appraisal only): floor(nisbah × projection). */
export function projectedShare(nisbahKsppsPercent: string, projectedResultRupiah: bigint): bigint {
  return nisbahShare(nisbahKsppsPercent, projectedResultRupiah);
}

export interface MudharabahMaturity {
  /** the loss the KSPPS bears at the end of the akad: principal owed it no longer claims */
  writeOffRupiah: bigint;
  /** loss beyond the principal still owed (already repaid): recorded, not claimed back */
  unabsorbedRupiah: bigint;
  /** with proven negligence the member bears the loss: principal stays owed */
  memberBearsRupiah: bigint;
}

/**
 * At the end of a mudharabah akad a remaining cumulative loss falls on the KSPPS (fatwa 07: "LKS
 * … menanggung semua kerugian … kecuali jika mudharib melakukan kesalahan yang disengaja, lalai,
 * atau menyalahi perjanjian"): it reduces the principal still owed. With negligence established
 * (and approved) the member bears it and owes the principal in full.
 */
export function mudharabahMaturity(input: {
  carriedLossRupiah: bigint;
  unpaidPrincipalRupiah: bigint;
  negligence: boolean;
}): MudharabahMaturity {
  const loss = input.carriedLossRupiah;
  if (input.negligence)
    return { writeOffRupiah: 0n, unabsorbedRupiah: 0n, memberBearsRupiah: loss };
  const w = loss < input.unpaidPrincipalRupiah ? loss : input.unpaidPrincipalRupiah;
  return { writeOffRupiah: w, unabsorbedRupiah: loss - w, memberBearsRupiah: 0n };
}

/**
 * Reduces unpaid principal instalments by `amount`, from the last instalment backwards (a loss
 * borne by the KSPPS shortens what is still to be repaid). Returns the new principal per
 * instalment; never below what was already paid on an instalment.
 */
export function reducePrincipalFromEnd(
  rows: readonly { principalRupiah: bigint; paidPrincipalRupiah: bigint }[],
  amountRupiah: bigint,
): bigint[] {
  let left = amountRupiah;
  const out = rows.map((r) => r.principalRupiah);
  for (let i = rows.length - 1; i >= 0 && left > 0n; i--) {
    const r = rows[i]!;
    const room = r.principalRupiah - r.paidPrincipalRupiah;
    const cut = room < left ? room : left;
    out[i] = r.principalRupiah - cut;
    left -= cut;
  }
  return out;
}

/**
 * Musyarakah mutanaqishah: the ujrah (rent) of a period shared by the current ownership — the
 * KSPPS's part = floor(rent × its hishshah / asset value); the member keeps the rest.
 */
export function mmqRentShare(input: {
  assetValueRupiah: bigint;
  ksppsHishshahRupiah: bigint;
  rentRupiah: bigint;
}): { ksppsRupiah: bigint; memberRupiah: bigint } {
  const { assetValueRupiah: v, ksppsHishshahRupiah: h, rentRupiah: rent } = input;
  if (v <= 0n || h < 0n || h > v || rent < 0n) throw new RangeError('hishshah out of range');
  const k = (rent * h) / v;
  return { ksppsRupiah: k, memberRupiah: rent - k };
}
