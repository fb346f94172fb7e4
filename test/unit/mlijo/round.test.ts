import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRounds, roundState, wibInstant } from '../../../src/domain/mlijo/round.js';

describe('order rounds', () => {
  const round = {
    opensAt: new Date('2026-12-05T09:00:00.000Z'),
    closesAt: new Date('2026-12-05T14:00:00.000Z'),
  };
  it('opens at opensAt (inclusive) and closes at closesAt (exclusive)', () => {
    expect(roundState(round, new Date('2026-12-05T08:59:59.999Z'))).toBe('upcoming');
    expect(roundState(round, new Date('2026-12-05T09:00:00.000Z'))).toBe('open');
    expect(roundState(round, new Date('2026-12-05T13:59:59.999Z'))).toBe('open');
    expect(roundState(round, new Date('2026-12-05T14:00:00.000Z'))).toBe('closed');
  });

  it('plans 16:00-21:00 WIB the evening before for next-morning delivery', () => {
    const r = planRounds({
      deliveryDate: '2026-12-06',
      opensTime: '16:00',
      opensDaysBefore: 1,
      closesTime: '21:00',
      closesDaysBefore: 1,
      days: 7,
    });
    if (!Array.isArray(r)) throw new Error(r.reason);
    expect(r).toHaveLength(7);
    expect(r[0]).toEqual({
      deliveryDate: '2026-12-06',
      opensAt: new Date('2026-12-05T09:00:00.000Z'),
      closesAt: new Date('2026-12-05T14:00:00.000Z'),
    });
    expect(r[6]!.deliveryDate).toBe('2026-12-12');
  });

  it('refuses a round that closes before it opens, or after its delivery day', () => {
    const base = {
      deliveryDate: '2026-12-06',
      opensTime: '21:00',
      opensDaysBefore: 1,
      closesTime: '16:00',
      closesDaysBefore: 1,
      days: 1,
    };
    expect(planRounds(base)).toMatchObject({ code: 'MLIJO_ROUND_SCHEDULE_INVALID' });
    expect(
      planRounds({ ...base, opensTime: '06:00', opensDaysBefore: 0, closesDaysBefore: -1 }),
    ).toMatchObject({ code: 'MLIJO_ROUND_SCHEDULE_INVALID' });
    expect(planRounds({ ...base, days: 0 })).toMatchObject({
      code: 'MLIJO_ROUND_SCHEDULE_INVALID',
    });
  });

  it('property: exactly one of upcoming, open, closed, and open only inside the window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: -20_000_000, max: 20_000_000 }),
        (start, length, at) => {
          const opensAt = new Date(1_800_000_000_000 + start);
          const closesAt = new Date(opensAt.getTime() + length);
          const now = new Date(opensAt.getTime() + at);
          const s = roundState({ opensAt, closesAt }, now);
          expect(s === 'open').toBe(at >= 0 && at < length);
        },
      ),
    );
  });

  it('reads a WIB wall-clock time as UTC+7', () => {
    expect(wibInstant('2026-12-06', '06:30').toISOString()).toBe('2026-12-05T23:30:00.000Z');
  });
});
