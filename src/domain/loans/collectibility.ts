/**
 * Kolektibilitas (loan quality class) and PPAP (the required loan-loss provision), docs/domain/
 * loans.md "Collectibility and PPAP". Pure. The month-end classifies the whole book in one SQL
 * statement and sums the provision per class in another (src/db/loans/month-end.repo.ts,
 * classifyLoans and writeProvisions); both take their day-bands and rates from the settings
 * below, and test/integration/loans/collectibility-property.test.ts compares them with the
 * functions here over generated books.
 *
 * Worked examples (test/unit/loans/collectibility.test.ts), default bands:
 * - monthly instalments, oldest unpaid instalment due 31 March, on 30 June: 91 days past due →
 *   Kurang Lancar; on 29 June (90 days) still Lancar;
 * - weekly: 28 days → Lancar, 29 → Kurang Lancar, 57 → Diragukan, 85 → Macet;
 * - daily: 14 days → Lancar, 15 → Kurang Lancar, 29 → Diragukan, 43 → Macet.
 */
import type { IsoDate } from '../calendar.js';
import { daysBetween } from '../calendar.js';
import type { Frequency } from './schedule.js';
import { roundHalfUp } from './schedule.js';

export type Collectibility = 'L' | 'KL' | 'D' | 'M';
/** From best to worst: Lancar, Kurang Lancar, Diragukan, Macet. */
export const COLLECTIBILITY_ORDER: readonly Collectibility[] = ['L', 'KL', 'D', 'M'];

/** Days past due from which a loan is at least Kurang Lancar, Diragukan, Macet. */
export interface DayBands {
  klFromDays: number;
  dFromDays: number;
  mFromDays: number;
}

/** Required provision per class, basis points of the provision base. */
export type ProvisionRates = Record<Collectibility, number>;

/** A dated setting for one instalment frequency: the bands, the PPAP rates and where they come from. */
export interface RiskSetting {
  frequency: Frequency;
  effectiveFrom: IsoDate;
  bands: DayBands;
  provisionBps: ProvisionRates;
  /** the rule text these figures rest on (docs/domain/loans.md restates it) */
  source: string;
}

const PPAP_DEFAULT: ProvisionRates = { L: 50, KL: 1000, D: 5000, M: 10000 };
const PPAP_SOURCE =
  'PPAP 0.5 % / 10 % / 50 % / 100 %: the BPR rates (PBI 7/2/2005) that KSPPS (Perdep 07/2016) and ' +
  'Juknis Deputi Perkoperasian 15/2021 borrow; the koperasi percentages are not confirmed, so ' +
  'they are a default a cooperative replaces with its own dated setting.';

/**
 * The defaults, in force whenever a cooperative has no dated setting of its own (loan_risk_settings).
 * They are dated by the regulation they follow (Permenkop 14/Per/M.KUKM/XII/2009).
 */
export const DEFAULT_RISK_SETTINGS: Readonly<Record<Frequency, RiskSetting>> = {
  monthly: {
    frequency: 'monthly',
    effectiveFrom: '2009-12-01',
    bands: { klFromDays: 91, dFromDays: 181, mFromDays: 271 },
    provisionBps: PPAP_DEFAULT,
    source:
      'Permenkop 20/2008 and 14/Per/M.KUKM/XII/2009 (kept by Perdep 06/2016): Kurang Lancar when ' +
      'principal is more than 3 and up to 6 months in arrears for monthly instalments (91–180 ' +
      'days); Diragukan 181–270 and Macet over 270 days are the common simplified practice of KSP ' +
      `software for the regulation's collateral and time-in-class tests. ${PPAP_SOURCE}`,
  },
  weekly: {
    frequency: 'weekly',
    effectiveFrom: '2009-12-01',
    bands: { klFromDays: 29, dFromDays: 57, mFromDays: 85 },
    provisionBps: PPAP_DEFAULT,
    source:
      'Shorter windows for shorter instalment periods (Permenkop 14/2009: instalment periods under ' +
      'a month are Kurang Lancar from more than 1 month of principal arrears); this default moves ' +
      `a class every four weeks. ${PPAP_SOURCE}`,
  },
  daily: {
    frequency: 'daily',
    effectiveFrom: '2009-12-01',
    bands: { klFromDays: 15, dFromDays: 29, mFromDays: 43 },
    provisionBps: PPAP_DEFAULT,
    source:
      'Shorter windows for shorter instalment periods (Permenkop 14/2009, as for weekly); this ' +
      `default moves a class every two weeks. ${PPAP_SOURCE}`,
  },
};

/** A cooperative's own dated setting (a loan_risk_settings row). */
export interface CooperativeRiskSetting {
  frequency: Frequency;
  effectiveFrom: IsoDate;
  bands: DayBands;
  provisionBps: ProvisionRates;
}

/** The setting in force on `asOf`: the cooperative's latest from on or before it, else the default. */
export function riskSettingOn(
  own: readonly CooperativeRiskSetting[],
  frequency: Frequency,
  asOf: IsoDate,
): { bands: DayBands; provisionBps: ProvisionRates } {
  let best: CooperativeRiskSetting | undefined;
  for (const s of own)
    if (
      s.frequency === frequency &&
      s.effectiveFrom <= asOf &&
      (!best || s.effectiveFrom > best.effectiveFrom)
    )
      best = s;
  return best ?? DEFAULT_RISK_SETTINGS[frequency];
}

/** Days past due of the oldest unpaid instalment on `asOf` (0 when nothing is unpaid or due). */
export function daysPastDue(asOf: IsoDate, oldestUnpaidDueOn: IsoDate | null): number {
  if (oldestUnpaidDueOn === null) return 0;
  const d = daysBetween(oldestUnpaidDueOn, asOf);
  return d > 0 ? d : 0;
}

/** The class by days past due alone. */
export function classByDays(days: number, bands: DayBands): Collectibility {
  if (days >= bands.mFromDays) return 'M';
  if (days >= bands.dFromDays) return 'D';
  if (days >= bands.klFromDays) return 'KL';
  return 'L';
}

export function rank(c: Collectibility): number {
  return COLLECTIBILITY_ORDER.indexOf(c);
}

/** The worse of two classes; a missing one does not count. */
export function worstOf(a: Collectibility, b: Collectibility | null): Collectibility {
  return b !== null && rank(b) > rank(a) ? b : a;
}

export interface LoanStanding {
  daysPastDue: number;
  /** an officer's manual downgrade: never an automatic upgrade past it */
  manual: Collectibility | null;
  /** instalments still to pay on time before a restructured loan may move above its floor */
  probationRemaining: number;
  /** the class when it was restructured */
  restructuredFloor: Collectibility | null;
}

/** The loan's class: the worst of its days-past-due class, the manual class and, on probation, its floor. */
export function collectibilityOf(l: LoanStanding, bands: DayBands): Collectibility {
  const byDays = classByDays(l.daysPastDue, bands);
  return worstOf(worstOf(byDays, l.manual), l.probationRemaining > 0 ? l.restructuredFloor : null);
}

/** PPAP base: Lancar on the outstanding principal, the problem classes on it less collateral. */
export function provisionBase(
  c: Collectibility,
  outstandingRupiah: bigint,
  collateralRupiah: bigint,
): bigint {
  if (c === 'L') return outstandingRupiah;
  const net = outstandingRupiah - collateralRupiah;
  return net > 0n ? net : 0n;
}

export interface ProvisionLine {
  collectibility: Collectibility;
  loans: number;
  outstandingRupiah: bigint;
  baseRupiah: bigint;
  rateBps: number;
  /** the class's base × rate, rounded half up once per class */
  requiredRupiah: bigint;
}

/** The required provision per class of a book of active loans (every class, even when empty). */
export function requiredProvision(
  loans: readonly {
    collectibility: Collectibility;
    outstandingRupiah: bigint;
    collateralRupiah: bigint;
  }[],
  rates: ProvisionRates,
): ProvisionLine[] {
  return COLLECTIBILITY_ORDER.map((c) => {
    const of = loans.filter((l) => l.collectibility === c);
    const base = of.reduce(
      (s, l) => s + provisionBase(c, l.outstandingRupiah, l.collateralRupiah),
      0n,
    );
    return {
      collectibility: c,
      loans: of.length,
      outstandingRupiah: of.reduce((s, l) => s + l.outstandingRupiah, 0n),
      baseRupiah: base,
      rateBps: rates[c],
      requiredRupiah: roundHalfUp(base * BigInt(rates[c]), 10_000n),
    };
  });
}
