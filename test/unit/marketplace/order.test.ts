import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  isFinal,
  ORDER_ACTIONS,
  ORDER_STATUSES,
  transition,
} from '../../../src/domain/marketplace/order.js';

describe('marketplace order state machine', () => {
  it('walks new -> confirmed -> packed -> delivered', () => {
    const a = transition('new', 'confirm');
    expect(a).toEqual({ ok: true, from: 'new', to: 'confirmed', reason: null });
    expect(transition('confirmed', 'pack')).toMatchObject({ ok: true, to: 'packed' });
    expect(transition('packed', 'deliver')).toMatchObject({ ok: true, to: 'delivered' });
  });

  it('skipping a step is refused: a new order cannot be packed or delivered', () => {
    expect(transition('new', 'pack')).toEqual({
      ok: false,
      error: { code: 'MARKETPLACE_ORDER_TRANSITION', from: 'new', action: 'pack' },
    });
    expect(transition('new', 'deliver').ok).toBe(false);
    expect(transition('confirmed', 'deliver').ok).toBe(false);
  });

  it('cancels from new, confirmed or packed with a reason, trimmed', () => {
    for (const s of ['new', 'confirmed', 'packed'] as const)
      expect(transition(s, 'cancel', '  pembeli tidak bisa dihubungi ')).toEqual({
        ok: true,
        from: s,
        to: 'cancelled',
        reason: 'pembeli tidak bisa dihubungi',
      });
  });

  it('a cancellation without a reason (or a blank one) is refused', () => {
    expect(transition('new', 'cancel')).toEqual({
      ok: false,
      error: { code: 'MARKETPLACE_CANCEL_REASON_REQUIRED' },
    });
    expect(transition('new', 'cancel', '  ').ok).toBe(false);
    expect(transition('new', 'cancel', 'x'.repeat(301)).ok).toBe(false);
  });

  it('delivered and cancelled are final: nothing moves them', () => {
    for (const s of ['delivered', 'cancelled'] as const) {
      expect(isFinal(s)).toBe(true);
      for (const a of ORDER_ACTIONS) expect(transition(s, a, 'alasan apa pun').ok).toBe(false);
    }
    expect(actionsOf('new')).toEqual(['confirm', 'cancel']);
    expect(actionsOf('packed')).toEqual(['deliver', 'cancel']);
  });

  it('property: any sequence of actions reaches delivered only through confirm and pack, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ORDER_ACTIONS), { maxLength: 12 }), (actions) => {
        let s: (typeof ORDER_STATUSES)[number] = 'new';
        const seen: string[] = [s];
        for (const a of actions) {
          const t = transition(s, a, 'alasan');
          if (t.ok) {
            expect(actionsOf(s)).toContain(a);
            s = t.to;
            seen.push(s);
          } else expect(actionsOf(s)).not.toContain(a);
        }
        if (s === 'delivered') expect(seen).toEqual(['new', 'confirmed', 'packed', 'delivered']);
        // nothing follows a final status
        expect(seen.slice(0, -1).some((x) => x === 'delivered' || x === 'cancelled')).toBe(false);
      }),
    );
  });
});
