import { addMonthsClamped } from '../calendar.js';

/**
 * Mediation (issue 16 item 6; docs/domain/supervision-mediation.md): when a cooperative fails to
 * pay its members (gagal bayar: savings or deposits not returned) or members and the cooperative
 * dispute, the office mediates — parties, claims, meetings, an agreement (often an instalment plan
 * for repaying the depositors) and its monitoring (supervision.md, "Mediation"). Pure: today is
 * passed in; money is integer rupiah.
 */

export const MEDIATION_KINDS = ['gagal_bayar', 'sengketa'] as const;
export type MediationKind = (typeof MEDIATION_KINDS)[number];
export const MEDIATION_STATUSES = ['open', 'agreement', 'resolved', 'failed'] as const;
export type MediationStatus = (typeof MEDIATION_STATUSES)[number];
export const PARTY_ROLES = ['pengadu', 'koperasi', 'lainnya'] as const;

/**
 * A case is open while the parties meet; an agreement signed puts it under monitoring
 * (`agreement`); it is resolved when the agreement is fulfilled (or the dispute settled without
 * one), failed when mediation ends without a settlement. Closed cases stay closed: a new complaint
 * is a new case.
 */
const NEXT: Record<MediationStatus, readonly MediationStatus[]> = {
  open: ['agreement', 'resolved', 'failed'],
  agreement: ['resolved', 'failed'],
  resolved: [],
  failed: [],
};

export function canMove(from: MediationStatus, to: MediationStatus): boolean {
  return NEXT[from].includes(to);
}

export interface Instalment {
  no: number;
  dueOn: string;
  amountRupiah: bigint;
}

/** At most ten years of monthly instalments. */
export const INSTALMENTS_MAX = 120;

/**
 * An instalment plan: `total` in `count` monthly instalments from `firstDue` (same day of the
 * month, the month's last day when it is shorter), each the floor of total / count, and the
 * remainder of the division on the last instalment, so the plan adds up to the total exactly.
 * Example: Rp 10.000.000 in 3 → 3.333.333, 3.333.333, 3.333.334.
 */
export function instalmentPlan(total: bigint, count: number, firstDue: string): Instalment[] {
  if (total <= 0n) throw new RangeError('the total must be positive');
  if (!Number.isInteger(count) || count < 1 || count > INSTALMENTS_MAX)
    throw new RangeError(`count must be 1..${INSTALMENTS_MAX}`);
  if (BigInt(count) > total) throw new RangeError('more instalments than rupiah');
  const each = total / BigInt(count);
  const last = total - each * BigInt(count - 1);
  return Array.from({ length: count }, (_, i) => ({
    no: i + 1,
    dueOn: addMonthsClamped(firstDue, i),
    amountRupiah: i === count - 1 ? last : each,
  }));
}

export type InstalmentState = 'paid' | 'partial' | 'overdue' | 'due';

/** Where an instalment stands on `today`: paid in full, part paid, past due unpaid, or to come. */
export function instalmentState(
  i: { dueOn: string; amountRupiah: bigint; paidRupiah: bigint },
  today: string,
): InstalmentState {
  if (i.paidRupiah >= i.amountRupiah) return 'paid';
  if (today > i.dueOn) return 'overdue';
  return i.paidRupiah > 0n ? 'partial' : 'due';
}

/** The tracking of an agreement: paid so far, still owed, and how much of it is overdue. */
export function agreementProgress(
  instalments: readonly { dueOn: string; amountRupiah: bigint; paidRupiah: bigint }[],
  today: string,
) {
  let paid = 0n;
  let owed = 0n;
  let overdue = 0n;
  let overdueCount = 0;
  for (const i of instalments) {
    paid += i.paidRupiah;
    owed += i.amountRupiah - i.paidRupiah;
    if (instalmentState(i, today) === 'overdue') {
      overdue += i.amountRupiah - i.paidRupiah;
      overdueCount += 1;
    }
  }
  return {
    paidRupiah: paid,
    owedRupiah: owed,
    overdueRupiah: overdue,
    overdueCount,
    fulfilled: owed === 0n,
  };
}
