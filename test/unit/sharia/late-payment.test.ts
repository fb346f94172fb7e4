import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ableDays, penaltyForMonth, type PenaltyTerms } from '../../../src/domain/loans/penalty.js';
import {
  allocateTawidh,
  checkInabilityEvent,
  checkTawidhItem,
  tazirRole,
  unableOn,
  unablePeriods,
} from '../../../src/domain/sharia/late-payment.js';
import { rolesOf } from '../../../src/services/loans/core.js';

/**
 * The late-payment rules of a KSPPS (docs/domain/sharia-late-payment.md), by hand. Instalment of
 * Rp 118,000 due 2 July 2026, 0.1 % a day after 3 days' grace: July's window is 6–31 July (26 days).
 */
const JULY = { firstDay: '2026-07-01', lastDay: '2026-07-31' };
const inst = {
  dueOn: '2026-07-02',
  principalRupiah: 100_000n,
  interestRupiah: 18_000n,
  paidPrincipalRupiah: 0n,
  paidInterestRupiah: 0n,
  penaltyRupiah: 0n,
};
const daily: PenaltyTerms = {
  kind: 'daily_percent',
  dailyPercent: '0.1',
  fixedRupiah: 0n,
  graceDays: 3,
  cappedAtInstalment: true,
};
const fixed: PenaltyTerms = { ...daily, kind: 'fixed', fixedRupiah: 25_000n };

describe("ta'zir only for a member able to pay (fatwa 17/DSN-MUI/IX/2000)", () => {
  it('marked from 21 July: 15 able days (6–20 July), 118,000 × 0.1 % × 15 = 1,770', () => {
    const unable = [{ fromOn: '2026-07-21', toOn: null }];
    expect(ableDays(inst.dueOn, 3, JULY, unable)).toBe(15);
    expect(penaltyForMonth(inst, daily, JULY, unable)).toBe(1_770n);
    expect(penaltyForMonth(inst, daily, JULY)).toBe(3_068n);
  });

  it('marked the whole window: nothing, daily or fixed; lifted on 31 July: one day, and the fixed denda', () => {
    const all = [{ fromOn: '2026-06-01', toOn: null }];
    expect(penaltyForMonth(inst, daily, JULY, all)).toBe(0n);
    expect(penaltyForMonth(inst, fixed, JULY, all)).toBe(0n);
    const lifted = [{ fromOn: '2026-06-01', toOn: '2026-07-31' }];
    expect(ableDays(inst.dueOn, 3, JULY, lifted)).toBe(1);
    expect(penaltyForMonth(inst, daily, JULY, lifted)).toBe(118n);
    expect(penaltyForMonth(inst, fixed, JULY, lifted)).toBe(25_000n);
  });

  it('a mark never raises the denda, and the able days never exceed the window (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -60, max: 40 }), { maxLength: 4 }), (xs) => {
        const days = [...xs].sort((a, b) => a - b);
        const at = (d: number) => {
          const t = new Date(Date.UTC(2026, 6, 1 + d));
          return t.toISOString().slice(0, 10);
        };
        const periods = unablePeriods(
          days.map((d, k) => ({ event: k % 2 === 0 ? 'marked' : 'lifted', effectiveOn: at(d) })),
        );
        const able = ableDays(inst.dueOn, 3, JULY, periods);
        expect(able).toBeGreaterThanOrEqual(0);
        expect(able).toBeLessThanOrEqual(26);
        expect(penaltyForMonth(inst, daily, JULY, periods)).toBeLessThanOrEqual(3_068n);
      }),
    );
  });

  it('marks and lifts alternate, from the disbursement (or the last event) up to today', () => {
    const bounds = { disbursedOn: '2026-01-10', today: '2026-06-20' };
    const marked = [{ event: 'marked' as const, effectiveOn: '2026-03-01' }];
    expect(checkInabilityEvent([], { event: 'marked', effectiveOn: '2026-02-01' }, bounds)).toEqual(
      { ok: true },
    );
    expect(
      checkInabilityEvent([], { event: 'lifted', effectiveOn: '2026-02-01' }, bounds),
    ).toMatchObject({
      code: 'LOAN_INABILITY_NOT_MARKED',
    });
    expect(
      checkInabilityEvent(marked, { event: 'marked', effectiveOn: '2026-04-01' }, bounds),
    ).toMatchObject({
      code: 'LOAN_INABILITY_ALREADY_MARKED',
    });
    expect(
      checkInabilityEvent(marked, { event: 'lifted', effectiveOn: '2026-02-28' }, bounds),
    ).toMatchObject({
      code: 'LOAN_INABILITY_DATE_INVALID',
      params: { earliest: '2026-03-01' },
    });
    expect(
      checkInabilityEvent([], { event: 'marked', effectiveOn: '2026-06-21' }, bounds),
    ).toMatchObject({
      code: 'LOAN_INABILITY_DATE_INVALID',
    });
    expect(unableOn(marked, '2026-03-01')).toBe(true);
    expect(
      unableOn([...marked, { event: 'lifted', effectiveOn: '2026-03-10' }], '2026-03-10'),
    ).toBe(false);
  });
});

describe("ta'zir is dana kebajikan, never income", () => {
  it('for every akad of a KSPPS — a conventional product kept by a KSPPS and an akad not known yet too', () => {
    for (const akad of ['murabahah', 'ijarah', 'qardh', 'conventional', 'mudharabah', 'musyarakah'])
      expect(tazirRole(akad, true)).toBe('socialFund');
    for (const akad of ['murabahah', 'ijarah', 'qardh', 'conventional'] as const)
      expect(rolesOf(akad, true).penalty).toBe('socialFund');
  });

  it('a conventional cooperative keeps denda income on a conventional loan', () => {
    expect(rolesOf('conventional').penalty).toBe('penaltyIncome');
    expect(rolesOf('murabahah').penalty).toBe('socialFund');
  });
});

describe("ta'widh: itemised real collection costs (fatwa 43/DSN-MUI/VIII/2004)", () => {
  const loan = {
    akad: 'murabahah',
    shariaCooperative: true,
    disbursedOn: '2026-01-10',
    oldestUnpaidDueOn: '2026-02-10',
    events: [],
  };
  const item = {
    incurredOn: '2026-02-20',
    description: 'Ongkos perjalanan penagihan',
    amountRupiah: 150_000n,
    evidenceRef: 'KW-0012',
  };
  const code = (i = item, l: Parameters<typeof checkTawidhItem>[1] = loan) => {
    const r = checkTawidhItem(i, l, '2026-06-20');
    return r.ok ? 'ok' : `${r.code}${'field' in r.params ? `:${r.params.field}` : ''}`;
  };

  it('needs a date, a description, an amount above 0 and its evidence', () => {
    expect(code()).toBe('ok');
    expect(code({ ...item, amountRupiah: 0n })).toBe('LOAN_TAWIDH_ITEM_INVALID:amountRupiah');
    expect(code({ ...item, evidenceRef: ' ' })).toBe('LOAN_TAWIDH_ITEM_INVALID:evidenceRef');
    expect(code({ ...item, description: 'biaya' + ' '.repeat(3) })).toBe('ok');
    expect(code({ ...item, description: 'ok' })).toBe('LOAN_TAWIDH_ITEM_INVALID:description');
  });

  it('only on murabahah or ijarah of a KSPPS, in arrears, not before the disbursement or after today, not while unable', () => {
    expect(code(item, { ...loan, akad: 'qardh' })).toBe('LOAN_TAWIDH_NOT_ALLOWED');
    expect(code(item, { ...loan, akad: 'ijarah' })).toBe('ok');
    expect(code(item, { ...loan, shariaCooperative: false })).toBe('LOAN_SHARIA_ONLY');
    expect(code({ ...item, incurredOn: '2026-02-10' })).toBe('LOAN_TAWIDH_NOT_IN_ARREARS');
    expect(code(item, { ...loan, oldestUnpaidDueOn: null })).toBe('LOAN_TAWIDH_NOT_IN_ARREARS');
    expect(code({ ...item, incurredOn: '2026-06-21' })).toBe('LOAN_TAWIDH_DATE_INVALID');
    expect(code({ ...item, incurredOn: '2026-01-09' })).toBe('LOAN_TAWIDH_DATE_INVALID');
    expect(
      checkTawidhItem(
        item,
        { ...loan, events: [{ event: 'marked', effectiveOn: '2026-02-15' }] },
        '2026-06-20',
      ),
    ).toMatchObject({ code: 'LOAN_TAWIDH_MEMBER_UNABLE' });
  });

  it('a payment is spread over the items oldest first and never exceeds what is owed', () => {
    const items = [
      { itemId: 7n, owedRupiah: 50_000n },
      { itemId: 3n, owedRupiah: 100_000n },
    ];
    expect(allocateTawidh(120_000n, items)).toEqual({
      ok: true,
      parts: [
        { itemId: 3n, owedRupiah: 100_000n },
        { itemId: 7n, owedRupiah: 20_000n },
      ],
    });
    expect(allocateTawidh(150_001n, items)).toEqual({ ok: false, owedRupiah: 150_000n });
    fc.assert(
      fc.property(
        fc.array(fc.bigInt(1n, 1_000_000n), { maxLength: 5 }),
        fc.bigInt(0n, 6_000_000n),
        (owed, amount) => {
          const list = owed.map((o, k) => ({ itemId: BigInt(k + 1), owedRupiah: o }));
          const r = allocateTawidh(amount, list);
          const total = owed.reduce((s, x) => s + x, 0n);
          if (amount > total) {
            expect(r.ok).toBe(false);
            return;
          }
          if (!r.ok) throw new Error('refused within the owed amount');
          expect(r.parts.reduce((s, p) => s + p.owedRupiah, 0n)).toBe(amount);
          for (const p of r.parts)
            expect(p.owedRupiah).toBeLessThanOrEqual(list[Number(p.itemId) - 1]!.owedRupiah);
        },
      ),
    );
  });
});
