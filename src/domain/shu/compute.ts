import {
  ALLOCATION_POSTS,
  allocateToPosts,
  allocateNonMemberShu,
  type AllocationPpm,
  type AllocationRupiah,
} from './allocation.js';
import { splitByLargestRemainder, type PoolSplit } from './largest-remainder.js';
import { DEFAULT_SHU_TAX_RULES, shuTaxRupiah, taxRuleOn, type ShuTaxRule } from './tax.js';

/**
 * The year's SHU shared as the AD/ART says (issue 17; rules restated in docs/domain/shu.md):
 *
 * 1. SHU from members is allocated over the posts by the allocation's percentages; SHU from
 *    non-members by its own allocation (default: only cadangan and the funds, never the members'
 *    posts). Each split is paid in full by the largest-remainder rule.
 * 2. Jasa modal: the pool shared by each member's capital in the simpanan kinds the settings count,
 *    at year end (December's month-end balance) or as the average of the twelve month-end balances.
 *    The average's weight is the sum of the twelve balances (the same proportions as sum / 12,
 *    without dividing), so it stays exact.
 * 3. Jasa usaha: the pool is split over the business lines by their weights (default 1 each),
 *    among the lines somebody took part in; each line's pool is shared by members' participation
 *    in that line (loan interest paid, shop purchases, sales through the cooperative).
 * 4. Each member's share: the floor of the exact share plus, by the largest remainder, one rupiah
 *    of what the floors leave over, so every pool is paid out to the rupiah. A pool nobody can
 *    claim (no capital at all, or no participation in any line) is not shared: it goes to
 *    cadangan, as the domain reference says of amounts left over.
 * 5. Tax on the gross share by the rule in force on the payout date (rounded down), then the
 *    deductions the policy allows (wajib arrears, overdue instalments), never below zero.
 */
export type JasaModalBasis = 'year-end' | 'average';

export interface ShuMemberInput {
  id: string;
  /** the twelve month-end balances (January … December) of the simpanan kinds counted */
  monthEndModal: readonly bigint[];
  /** participation per business line, in rupiah */
  jasaUsaha: Readonly<Record<string, bigint>>;
  /** what the member owes that the policy may offset against the payout */
  arrears?: { wajibRupiah?: bigint; instalmentsRupiah?: bigint };
}

export interface ShuDeductionPolicy {
  wajibArrears: boolean;
  overdueInstalments: boolean;
}

export interface ShuInput {
  shuAnggota: bigint;
  shuNonAnggota: bigint;
  payoutDate: string;
  allocation: AllocationPpm;
  /** default: cadangan and the funds in their proportions (allocateNonMemberShu) */
  allocationNonAnggota?: AllocationPpm;
  jasaModalBasis: JasaModalBasis;
  members: readonly ShuMemberInput[];
  /** weight per business line; default 1 for every line that appears */
  jasaUsahaWeights?: Readonly<Record<string, bigint>>;
  taxRules?: readonly ShuTaxRule[];
  deductionPolicy?: ShuDeductionPolicy;
}

export interface ShuLineShare {
  participationRupiah: bigint;
  amountRupiah: bigint;
  extraRupiah: bigint;
}

export interface ShuMemberShare {
  id: string;
  /** the capital weight used: December's balance, or the sum of the twelve month-end balances */
  capitalWeight: bigint;
  jasaModal: bigint;
  /** 1 when the member got one of the jasa modal pool's leftover rupiah */
  jasaModalExtra: bigint;
  jasaUsahaByLine: Record<string, ShuLineShare>;
  jasaUsaha: bigint;
  total: bigint;
  tax: bigint;
  deductions: { wajib: bigint; instalments: bigint };
  net: bigint;
}

export interface ShuLineSummary {
  line: string;
  weight: bigint;
  poolRupiah: bigint;
  participationTotal: bigint;
  leftoverRupiah: bigint;
}

export interface ShuResult {
  payoutDate: string;
  jasaModalBasis: JasaModalBasis;
  /** rupiah per post, member and non-member SHU together, unshared pools moved to cadangan */
  allocation: AllocationRupiah;
  allocationAnggota: AllocationRupiah;
  allocationNonAnggota: AllocationRupiah;
  /** members' pools nobody could claim, added to cadangan in `allocation` */
  unsharedToCadangan: bigint;
  jasaModal: { poolRupiah: bigint; capitalTotal: bigint; leftoverRupiah: bigint };
  jasaUsahaLines: ShuLineSummary[];
  taxRule: ShuTaxRule | null;
  members: ShuMemberShare[];
  totals: {
    jasaModal: bigint;
    jasaUsaha: bigint;
    total: bigint;
    tax: bigint;
    deductions: bigint;
    net: bigint;
  };
}

export const MONTHS_IN_YEAR = 12;

export function capitalWeight(monthEndModal: readonly bigint[], basis: JasaModalBasis): bigint {
  if (monthEndModal.length !== MONTHS_IN_YEAR)
    throw new RangeError(`expected ${MONTHS_IN_YEAR} month-end balances`);
  return basis === 'year-end'
    ? monthEndModal[MONTHS_IN_YEAR - 1]!
    : monthEndModal.reduce((s, b) => s + b, 0n);
}

/** Business lines in a stable order: the weights' lines, then any other line members used. */
function linesOf(input: ShuInput): string[] {
  const lines = new Set<string>(Object.keys(input.jasaUsahaWeights ?? {}));
  for (const m of input.members) for (const l of Object.keys(m.jasaUsaha)) lines.add(l);
  return [...lines].sort();
}

export function computeShu(input: ShuInput): ShuResult {
  if (input.shuAnggota < 0n || input.shuNonAnggota < 0n)
    throw new RangeError('a negative SHU (a loss) is not shared');
  const allocationAnggota = allocateToPosts(input.shuAnggota, input.allocation);
  const allocationNonAnggota = allocateNonMemberShu(
    input.shuNonAnggota,
    input.allocation,
    input.allocationNonAnggota,
  );

  // jasa modal
  const modal = splitByLargestRemainder(
    allocationAnggota.jasaModal,
    input.members.map((m) => ({
      key: m.id,
      weight: capitalWeight(m.monthEndModal, input.jasaModalBasis),
    })),
  );

  // jasa usaha: the pool over the lines somebody used, then each line over its members
  const lines = linesOf(input);
  const participation = new Map<string, bigint>(lines.map((l) => [l, 0n]));
  for (const m of input.members)
    for (const [l, v] of Object.entries(m.jasaUsaha)) {
      if (v < 0n) throw new RangeError(`participation of ${m.id} in ${l} is negative`);
      participation.set(l, participation.get(l)! + v);
    }
  const weightOf = (l: string) => input.jasaUsahaWeights?.[l] ?? (input.jasaUsahaWeights ? 0n : 1n);
  const used = lines.filter((l) => participation.get(l)! > 0n && weightOf(l) > 0n);
  const linePools = splitByLargestRemainder(
    allocationAnggota.jasaUsaha,
    used.map((l) => ({ key: l, weight: weightOf(l) })),
  );
  const lineSplits = new Map<string, PoolSplit>();
  for (const s of linePools.shares)
    lineSplits.set(
      s.key,
      splitByLargestRemainder(
        s.amountRupiah,
        input.members.map((m) => ({ key: m.id, weight: m.jasaUsaha[s.key] ?? 0n })),
      ),
    );

  const unshared = modal.unsharedRupiah + linePools.unsharedRupiah;
  const allocation = {} as AllocationRupiah;
  for (const p of ALLOCATION_POSTS) allocation[p] = allocationAnggota[p] + allocationNonAnggota[p];
  allocation.cadangan += unshared;
  allocation.jasaModal -= modal.unsharedRupiah;
  allocation.jasaUsaha -= linePools.unsharedRupiah;

  const taxRule = taxRuleOn(input.payoutDate, input.taxRules ?? DEFAULT_SHU_TAX_RULES);
  const policy = input.deductionPolicy ?? { wajibArrears: false, overdueInstalments: false };
  const totals = { jasaModal: 0n, jasaUsaha: 0n, total: 0n, tax: 0n, deductions: 0n, net: 0n };
  const members: ShuMemberShare[] = input.members.map((m, i) => {
    const jm = modal.shares[i]!;
    const byLine: Record<string, ShuLineShare> = {};
    let jasaUsaha = 0n;
    for (const l of used) {
      const s = lineSplits.get(l)!.shares[i]!;
      byLine[l] = {
        participationRupiah: m.jasaUsaha[l] ?? 0n,
        amountRupiah: s.amountRupiah,
        extraRupiah: s.extraRupiah,
      };
      jasaUsaha += s.amountRupiah;
    }
    const total = jm.amountRupiah + jasaUsaha;
    const tax = shuTaxRupiah(total, taxRule);
    let left = total - tax;
    const take = (owed: bigint | undefined, allowed: boolean) => {
      const t = allowed && owed && owed > 0n ? (owed < left ? owed : left) : 0n;
      left -= t;
      return t;
    };
    const wajib = take(m.arrears?.wajibRupiah, policy.wajibArrears);
    const instalments = take(m.arrears?.instalmentsRupiah, policy.overdueInstalments);
    totals.jasaModal += jm.amountRupiah;
    totals.jasaUsaha += jasaUsaha;
    totals.total += total;
    totals.tax += tax;
    totals.deductions += wajib + instalments;
    totals.net += left;
    return {
      id: m.id,
      capitalWeight: jm.weight,
      jasaModal: jm.amountRupiah,
      jasaModalExtra: jm.extraRupiah,
      jasaUsahaByLine: byLine,
      jasaUsaha,
      total,
      tax,
      deductions: { wajib, instalments },
      net: left,
    };
  });

  return {
    payoutDate: input.payoutDate,
    jasaModalBasis: input.jasaModalBasis,
    allocation,
    allocationAnggota,
    allocationNonAnggota,
    unsharedToCadangan: unshared,
    jasaModal: {
      poolRupiah: allocationAnggota.jasaModal,
      capitalTotal: modal.totalWeight,
      leftoverRupiah: modal.leftoverRupiah,
    },
    jasaUsahaLines: lines.map((l) => {
      const pool = linePools.shares.find((s) => s.key === l);
      return {
        line: l,
        weight: weightOf(l),
        poolRupiah: pool?.amountRupiah ?? 0n,
        participationTotal: participation.get(l)!,
        leftoverRupiah: lineSplits.get(l)?.leftoverRupiah ?? 0n,
      };
    }),
    taxRule,
    members,
    totals,
  };
}
