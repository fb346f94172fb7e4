/**
 * The marketplace order's workflow (docs/domain/marketplace.md): new -> confirmed -> packed ->
 * delivered, or cancelled from new, confirmed or packed with a reason. Delivered and cancelled
 * are final: a delivered order is a shop sale (a return goes through the shop's returns), a
 * cancelled one is history. Pure: the service records each step with who and when.
 */

export const ORDER_STATUSES = ['new', 'confirmed', 'packed', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_ACTIONS = ['confirm', 'pack', 'deliver', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const CANCEL_REASON_MIN = 3;
export const CANCEL_REASON_MAX = 300;

export type TransitionError =
  | { code: 'MARKETPLACE_ORDER_TRANSITION'; from: OrderStatus; action: OrderAction }
  | { code: 'MARKETPLACE_CANCEL_REASON_REQUIRED' };

export type Transition =
  | { ok: true; from: OrderStatus; to: OrderStatus; reason: string | null }
  | { ok: false; error: TransitionError };

const NEXT: Record<OrderAction, { from: readonly OrderStatus[]; to: OrderStatus }> = {
  confirm: { from: ['new'], to: 'confirmed' },
  pack: { from: ['confirmed'], to: 'packed' },
  deliver: { from: ['packed'], to: 'delivered' },
  cancel: { from: ['new', 'confirmed', 'packed'], to: 'cancelled' },
};

/** The step `action` takes an order in `from` to, or why it may not. */
export function transition(
  from: OrderStatus,
  action: OrderAction,
  reason?: string | null,
): Transition {
  const rule = NEXT[action];
  if (!rule.from.includes(from))
    return { ok: false, error: { code: 'MARKETPLACE_ORDER_TRANSITION', from, action } };
  if (action === 'cancel') {
    const r = (reason ?? '').trim();
    if (r.length < CANCEL_REASON_MIN || r.length > CANCEL_REASON_MAX)
      return { ok: false, error: { code: 'MARKETPLACE_CANCEL_REASON_REQUIRED' } };
    return { ok: true, from, to: rule.to, reason: r };
  }
  return { ok: true, from, to: rule.to, reason: null };
}

/** The actions open to an order in `status` (the back office shows these buttons). */
export function actionsOf(status: OrderStatus): OrderAction[] {
  return ORDER_ACTIONS.filter((a) => NEXT[a].from.includes(status));
}

export const isFinal = (s: OrderStatus): boolean => actionsOf(s).length === 0;
