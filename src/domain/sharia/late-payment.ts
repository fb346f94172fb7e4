/**
 * Late payment on a sharia financing (docs/domain/sharia-late-payment.md). Pure rules, no SQL.
 *
 * - Ta'zir (denda), fatwa 17/DSN-MUI/IX/2000: only for a member able to pay who delays; "dana yang
 *   berasal dari denda diperuntukkan sebagai dana sosial". So: an officer marks a financing unable
 *   to pay (tidak mampu) from a date with a reason, and lifts it later; the month-end charges no
 *   denda for the marked days (ableDays of src/domain/loans/penalty.ts); and a KSPPS's denda is
 *   always credited to the dana kebajikan, whatever the product's akad (tazirRole).
 * - Ta'widh, fatwa 43/DSN-MUI/VIII/2004 (and 129/DSN-MUI/VII/2019, biaya riil): only the real,
 *   documented cost of collecting the debt, item by item (date, what, amount, evidence), never a
 *   percentage or a flat fee; only on a debt-creating akad (murabahah, ijarah); only on a member in
 *   default who is not marked unable (it compensates a loss caused by deliberate or negligent
 *   delay).
 */
import type { IsoDate } from '../calendar.js';
import type { UnablePeriod } from '../loans/penalty.js';

/** The loan contracts of src/db/loans/products.repo.ts, as text so new akad fall to the safe side. */
export type FinancingAkad = string;

/**
 * The ledger role a late charge (ta'zir / denda) is credited to. A sharia cooperative's denda is
 * dana kebajikan (2120) for every akad — including one this function has not heard of and a
 * 'conventional' product kept by a KSPPS: never an income account. Only a conventional loan of a
 * conventional cooperative earns denda income.
 */
export function tazirRole(akad: FinancingAkad, shariaCooperative: boolean): string {
  if (!shariaCooperative && akad === 'conventional') return 'penaltyIncome';
  return 'socialFund';
}

export type RuleResult =
  { ok: true } | { ok: false; code: LatePaymentErrorCode; params: Record<string, string> };

export type LatePaymentErrorCode =
  | 'LOAN_SHARIA_ONLY'
  | 'LOAN_INABILITY_ALREADY_MARKED'
  | 'LOAN_INABILITY_NOT_MARKED'
  | 'LOAN_INABILITY_DATE_INVALID'
  | 'LOAN_TAWIDH_NOT_ALLOWED'
  | 'LOAN_TAWIDH_MEMBER_UNABLE'
  | 'LOAN_TAWIDH_NOT_IN_ARREARS'
  | 'LOAN_TAWIDH_DATE_INVALID'
  | 'LOAN_TAWIDH_ITEM_INVALID'
  | 'LOAN_TAWIDH_EXCEEDS_OWED';

const OK: RuleResult = { ok: true };
const fail = (code: LatePaymentErrorCode, params: Record<string, string> = {}): RuleResult => ({
  ok: false,
  code,
  params,
});

export interface InabilityEvent {
  event: 'marked' | 'lifted';
  effectiveOn: IsoDate;
}

/** The unable periods of a loan's events in the order recorded: [marked, next lifted). */
export function unablePeriods(events: readonly InabilityEvent[]): UnablePeriod[] {
  const out: UnablePeriod[] = [];
  for (const e of events) {
    if (e.event === 'marked') out.push({ fromOn: e.effectiveOn, toOn: null });
    else {
      const last = out[out.length - 1];
      if (last && last.toOn === null) last.toOn = e.effectiveOn;
    }
  }
  return out;
}

/** Whether the member stands marked unable on `on` (the mark's day included, the lift's not). */
export function unableOn(events: readonly InabilityEvent[], on: IsoDate): boolean {
  return unablePeriods(events).some((p) => p.fromOn <= on && (p.toOn === null || on < p.toOn));
}

/**
 * Marking or lifting: a mark only when none stands, a lift only when one does; the date not after
 * today, not before the disbursement and not before the last event (the periods never overlap or
 * run backwards, so the month-end can count them as they are). The reason is required (5–500
 * characters, checked at the edge and by the table).
 */
export function checkInabilityEvent(
  events: readonly InabilityEvent[],
  next: InabilityEvent,
  bounds: { disbursedOn: IsoDate; today: IsoDate },
): RuleResult {
  const last = events[events.length - 1];
  const marked = last?.event === 'marked';
  if (next.event === 'marked' && marked) return fail('LOAN_INABILITY_ALREADY_MARKED');
  if (next.event === 'lifted' && !marked) return fail('LOAN_INABILITY_NOT_MARKED');
  const earliest =
    last && last.effectiveOn > bounds.disbursedOn ? last.effectiveOn : bounds.disbursedOn;
  if (next.effectiveOn < earliest || next.effectiveOn > bounds.today)
    return fail('LOAN_INABILITY_DATE_INVALID', {
      date: next.effectiveOn,
      earliest,
      today: bounds.today,
    });
  return OK;
}

/** The akad on which ta'widh may be charged: the debt-creating ones (fatwa 43, ketentuan umum). */
export const TAWIDH_AKAD: readonly FinancingAkad[] = ['murabahah', 'ijarah'];

export interface TawidhItemInput {
  incurredOn: IsoDate;
  description: string;
  amountRupiah: bigint;
  evidenceRef: string;
}

export const TAWIDH_LIMITS = {
  descriptionMin: 5,
  descriptionMax: 300,
  evidenceMin: 2,
  evidenceMax: 100,
  amountMaxRupiah: 999_999_999_999_999n,
} as const;

/**
 * A ta'widh item: a real cost with its evidence, on a debt-creating akad of a KSPPS, incurred on a
 * day the member was in arrears (an instalment unpaid past its due date) and not marked unable,
 * not before the disbursement and not after today.
 */
export function checkTawidhItem(
  item: TawidhItemInput,
  loan: {
    akad: FinancingAkad;
    shariaCooperative: boolean;
    disbursedOn: IsoDate;
    /** the oldest unpaid due date of the current schedule; null when nothing is unpaid */
    oldestUnpaidDueOn: IsoDate | null;
    events: readonly InabilityEvent[];
  },
  today: IsoDate,
): RuleResult {
  const description = item.description.trim();
  const evidence = item.evidenceRef.trim();
  if (
    description.length < TAWIDH_LIMITS.descriptionMin ||
    description.length > TAWIDH_LIMITS.descriptionMax
  )
    return fail('LOAN_TAWIDH_ITEM_INVALID', { field: 'description' });
  if (evidence.length < TAWIDH_LIMITS.evidenceMin || evidence.length > TAWIDH_LIMITS.evidenceMax)
    return fail('LOAN_TAWIDH_ITEM_INVALID', { field: 'evidenceRef' });
  if (item.amountRupiah <= 0n || item.amountRupiah > TAWIDH_LIMITS.amountMaxRupiah)
    return fail('LOAN_TAWIDH_ITEM_INVALID', { field: 'amountRupiah' });
  if (!loan.shariaCooperative) return fail('LOAN_SHARIA_ONLY');
  if (!TAWIDH_AKAD.includes(loan.akad)) return fail('LOAN_TAWIDH_NOT_ALLOWED', { akad: loan.akad });
  if (item.incurredOn < loan.disbursedOn || item.incurredOn > today)
    return fail('LOAN_TAWIDH_DATE_INVALID', { date: item.incurredOn, today });
  if (loan.oldestUnpaidDueOn === null || loan.oldestUnpaidDueOn >= item.incurredOn)
    return fail('LOAN_TAWIDH_NOT_IN_ARREARS', { date: item.incurredOn });
  if (unableOn(loan.events, item.incurredOn))
    return fail('LOAN_TAWIDH_MEMBER_UNABLE', { date: item.incurredOn });
  return OK;
}

/** What is still owed on one charged ta'widh item. */
export interface TawidhOwed {
  itemId: bigint;
  owedRupiah: bigint;
}

/**
 * The part of a repayment the member pays on ta'widh, spread over the charged items oldest first.
 * More than is owed is refused (nothing is paid in advance on a cost that is not there yet).
 */
export function allocateTawidh(
  amountRupiah: bigint,
  items: readonly TawidhOwed[],
): { ok: true; parts: TawidhOwed[] } | { ok: false; owedRupiah: bigint } {
  const owed = items.reduce((s, i) => s + i.owedRupiah, 0n);
  if (amountRupiah < 0n || amountRupiah > owed) return { ok: false, owedRupiah: owed };
  let left = amountRupiah;
  const parts: TawidhOwed[] = [];
  for (const i of [...items].sort((a, b) => (a.itemId < b.itemId ? -1 : 1))) {
    if (left === 0n) break;
    const take = i.owedRupiah < left ? i.owedRupiah : left;
    if (take > 0n) parts.push({ itemId: i.itemId, owedRupiah: take });
    left -= take;
  }
  return { ok: true, parts };
}
