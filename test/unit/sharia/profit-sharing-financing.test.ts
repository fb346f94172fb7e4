import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkTerms,
  mmqRentShare,
  mudharabahMaturity,
  mudharabahPeriod,
  musyarakahPeriod,
  periodDue,
  projectedShare,
  reducePrincipalFromEnd,
} from '../../../src/domain/sharia/profit-sharing-financing.js';

describe('mudharabah financing (fatwa 07/DSN-MUI/IV/2000): the worked example', () => {
  // plafon 10.000.000 over 5 months, nisbah anggota 75 : KSPPS 25 of net profit
  const principal = 2_000_000n;
  const nisbah = '25';

  it('projects 200.000 a month from an 800.000 projection, for appraisal only', () => {
    expect(projectedShare(nisbah, 800_000n)).toBe(200_000n);
  });

  it('month 1 reported 760.000 → KSPPS 190.000, instalment 2.190.000', () => {
    const p = mudharabahPeriod({
      nisbahKsppsPercent: nisbah,
      resultRupiah: 760_000n,
      carriedLossRupiah: 0n,
    });
    expect(p).toEqual({
      shareableRupiah: 760_000n,
      ksppsShareRupiah: 190_000n,
      memberShareRupiah: 570_000n,
      carriedLossAfterRupiah: 0n,
    });
    expect(periodDue(principal, p.ksppsShareRupiah).totalRupiah).toBe(2_190_000n);
  });

  it('month 2 reported 912.000 → 228.000, instalment 2.228.000', () => {
    const p = mudharabahPeriod({
      nisbahKsppsPercent: nisbah,
      resultRupiah: 912_000n,
      carriedLossRupiah: 0n,
    });
    expect(p.ksppsShareRupiah).toBe(228_000n);
    expect(periodDue(principal, p.ksppsShareRupiah).totalRupiah).toBe(2_228_000n);
  });

  it('a month with −150.000 bills no bagi hasil and carries the loss; the next profit covers it first', () => {
    const loss = mudharabahPeriod({
      nisbahKsppsPercent: nisbah,
      resultRupiah: -150_000n,
      carriedLossRupiah: 0n,
    });
    expect(loss.ksppsShareRupiah).toBe(0n);
    expect(loss.carriedLossAfterRupiah).toBe(150_000n);
    expect(periodDue(principal, loss.ksppsShareRupiah).totalRupiah).toBe(2_000_000n);
    const next = mudharabahPeriod({
      nisbahKsppsPercent: nisbah,
      resultRupiah: 800_000n,
      carriedLossRupiah: 150_000n,
    });
    // 25 % of (800.000 − 150.000)
    expect(next.ksppsShareRupiah).toBe(162_500n);
    expect(next.carriedLossAfterRupiah).toBe(0n);
    const small = mudharabahPeriod({
      nisbahKsppsPercent: nisbah,
      resultRupiah: 100_000n,
      carriedLossRupiah: 150_000n,
    });
    expect(small).toMatchObject({ ksppsShareRupiah: 0n, carriedLossAfterRupiah: 50_000n });
  });

  it('without an approved report the period is pending: principal only, never the projection', () => {
    expect(periodDue(principal, null)).toEqual({
      principalRupiah: principal,
      profitShareRupiah: null,
      totalRupiah: principal,
      status: 'pending',
    });
  });

  it('floors the KSPPS share to the rupiah; the member keeps the remainder', () => {
    const p = mudharabahPeriod({
      nisbahKsppsPercent: '33.3333',
      resultRupiah: 1_000_001n,
      carriedLossRupiah: 0n,
    });
    expect(p.ksppsShareRupiah).toBe(333_333n);
    expect(p.memberShareRupiah).toBe(666_668n);
  });

  it('at maturity a remaining loss without negligence reduces principal owed; with negligence the member bears it', () => {
    expect(
      mudharabahMaturity({
        carriedLossRupiah: 150_000n,
        unpaidPrincipalRupiah: 2_000_000n,
        negligence: false,
      }),
    ).toEqual({
      writeOffRupiah: 150_000n,
      unabsorbedRupiah: 0n,
      memberBearsRupiah: 0n,
    });
    expect(
      mudharabahMaturity({
        carriedLossRupiah: 150_000n,
        unpaidPrincipalRupiah: 2_000_000n,
        negligence: true,
      }),
    ).toEqual({
      writeOffRupiah: 0n,
      unabsorbedRupiah: 0n,
      memberBearsRupiah: 150_000n,
    });
    expect(
      mudharabahMaturity({
        carriedLossRupiah: 150_000n,
        unpaidPrincipalRupiah: 100_000n,
        negligence: false,
      }),
    ).toEqual({
      writeOffRupiah: 100_000n,
      unabsorbedRupiah: 50_000n,
      memberBearsRupiah: 0n,
    });
  });
});

describe('musyarakah (fatwa 08/DSN-MUI/IV/2000): the worked example', () => {
  // capital 50.000.000 = KSPPS 30.000.000 (60 %) + member 20.000.000 (40 %); nisbah 65 : 35
  const base = {
    nisbahKsppsPercent: '35',
    ksppsCapitalRupiah: 30_000_000n,
    memberCapitalRupiah: 20_000_000n,
  };

  it('profit 4.000.000 → KSPPS 1.400.000, member 2.600.000 (by nisbah)', () => {
    expect(musyarakahPeriod({ ...base, resultRupiah: 4_000_000n })).toEqual({
      ksppsShareRupiah: 1_400_000n,
      memberShareRupiah: 2_600_000n,
      ksppsLossRupiah: 0n,
      memberLossRupiah: 0n,
    });
  });

  it('loss 2.500.000 → KSPPS 1.500.000 (capital claim 28.500.000), member 1.000.000 (by capital)', () => {
    const p = musyarakahPeriod({ ...base, resultRupiah: -2_500_000n });
    expect(p).toEqual({
      ksppsShareRupiah: 0n,
      memberShareRupiah: 0n,
      ksppsLossRupiah: 1_500_000n,
      memberLossRupiah: 1_000_000n,
    });
    expect(base.ksppsCapitalRupiah - p.ksppsLossRupiah).toBe(28_500_000n);
  });

  it('the KSPPS bears the rupiah remainder of a loss', () => {
    const p = musyarakahPeriod({
      ...base,
      ksppsCapitalRupiah: 1n,
      memberCapitalRupiah: 2n,
      resultRupiah: -100n,
    });
    expect(p.ksppsLossRupiah).toBe(34n);
    expect(p.memberLossRupiah).toBe(66n);
  });
});

describe('musyarakah mutanaqishah (fatwa 73/DSN-MUI/XI/2008): rent by current ownership', () => {
  it('house 200.000.000, KSPPS 80 %, rent 2.000.000, hishshah bought 1.600.000 a month', () => {
    const v = 200_000_000n;
    const rent = 2_000_000n;
    expect(
      mmqRentShare({ assetValueRupiah: v, ksppsHishshahRupiah: 160_000_000n, rentRupiah: rent })
        .ksppsRupiah,
    ).toBe(1_600_000n);
    expect(
      mmqRentShare({ assetValueRupiah: v, ksppsHishshahRupiah: 158_400_000n, rentRupiah: rent })
        .ksppsRupiah,
    ).toBe(1_584_000n);
    expect(
      mmqRentShare({ assetValueRupiah: v, ksppsHishshahRupiah: 156_800_000n, rentRupiah: rent }),
    ).toEqual({
      ksppsRupiah: 1_568_000n,
      memberRupiah: 432_000n,
    });
  });
});

describe('terms and principal reduction', () => {
  const ok = {
    kind: 'mudharabah' as const,
    nisbahKsppsPercent: '25',
    basis: 'profit' as const,
    projectedResultRupiah: 800_000n,
    ksppsCapitalRupiah: 10_000_000n,
    memberCapitalRupiah: 0n,
  };
  it('accepts the example, refuses a nisbah of 0 or 100 %, musyarakah without member capital or on revenue', () => {
    expect(checkTerms(ok)).toEqual({ ok: true });
    expect(checkTerms({ ...ok, nisbahKsppsPercent: '0' })).toMatchObject({
      ok: false,
      field: 'nisbahKsppsPercent',
    });
    expect(checkTerms({ ...ok, nisbahKsppsPercent: '100' })).toMatchObject({
      ok: false,
      field: 'nisbahKsppsPercent',
    });
    expect(checkTerms({ ...ok, nisbahKsppsPercent: '2e1' })).toMatchObject({ ok: false });
    expect(checkTerms({ ...ok, kind: 'musyarakah' })).toMatchObject({
      ok: false,
      field: 'memberCapitalRupiah',
    });
    expect(
      checkTerms({ ...ok, kind: 'musyarakah', memberCapitalRupiah: 1n, basis: 'revenue' }),
    ).toMatchObject({
      ok: false,
      field: 'basis',
    });
  });

  it('a loss borne by the KSPPS shortens the last unpaid instalments first', () => {
    const rows = [2, 2, 2].map((m) => ({
      principalRupiah: BigInt(m) * 1_000_000n,
      paidPrincipalRupiah: 0n,
    }));
    rows[2]!.paidPrincipalRupiah = 1_500_000n;
    expect(reducePrincipalFromEnd(rows, 1_000_000n)).toEqual([2_000_000n, 1_500_000n, 1_500_000n]);
  });
});

describe('properties', () => {
  const rupiah = fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n });
  const nisbah = fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 }))
    .filter(([i, f]) => i + f > 0)
    .map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`);

  it('the KSPPS share is never negative and never more than the shareable amount', () => {
    fc.assert(
      fc.property(nisbah, rupiah, fc.bigInt({ min: 0n, max: 1_000_000_000_000n }), (n, r, c) => {
        const p = mudharabahPeriod({
          nisbahKsppsPercent: n,
          resultRupiah: r,
          carriedLossRupiah: c,
        });
        expect(p.ksppsShareRupiah >= 0n).toBe(true);
        expect(p.memberShareRupiah >= 0n).toBe(true);
        expect(p.ksppsShareRupiah + p.memberShareRupiah).toBe(p.shareableRupiah);
        // nothing lost: what was shared plus what is carried equals the result net of the old loss
        expect(p.shareableRupiah - p.carriedLossAfterRupiah).toBe(r - c);
      }),
    );
  });

  it('musyarakah losses split exactly by capital (each within a rupiah of its share), profits by nisbah', () => {
    const capital = fc.bigInt({ min: 1n, max: 10_000_000_000n });
    fc.assert(
      fc.property(nisbah, capital, capital, rupiah, (n, k, m, r) => {
        const p = musyarakahPeriod({
          nisbahKsppsPercent: n,
          ksppsCapitalRupiah: k,
          memberCapitalRupiah: m,
          resultRupiah: r,
        });
        for (const v of Object.values(p)) expect(v >= 0n).toBe(true);
        if (r < 0n) {
          expect(p.ksppsLossRupiah + p.memberLossRupiah).toBe(-r);
          // |ksppsLoss·(k+m) − loss·k| < k+m
          const diff = p.ksppsLossRupiah * (k + m) + r * k;
          expect(diff >= 0n && diff < k + m).toBe(true);
        } else {
          expect(p.ksppsShareRupiah + p.memberShareRupiah).toBe(r);
        }
      }),
    );
  });

  it('nothing is billed beyond the principal without an approved report', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.option(fc.bigInt({ min: 0n, max: 10n ** 12n })),
        (p, s) => {
          const d = periodDue(p, s);
          if (s === null) {
            expect(d.totalRupiah).toBe(p);
            expect(d.status).toBe('pending');
          } else expect(d.totalRupiah).toBe(p + s);
        },
      ),
    );
  });

  it('principal reduction takes exactly the amount when there is room, and never below what was paid', () => {
    const row = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.bigInt({ min: 0n, max: 10n ** 9n }))
      .map(([a, b]) =>
        a >= b
          ? { principalRupiah: a, paidPrincipalRupiah: b }
          : { principalRupiah: b, paidPrincipalRupiah: a },
      );
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        (rows, amt) => {
          const out = reducePrincipalFromEnd(rows, amt);
          const room = rows.reduce((s, r) => s + r.principalRupiah - r.paidPrincipalRupiah, 0n);
          const cut = rows.reduce((s, r, i) => s + r.principalRupiah - out[i]!, 0n);
          expect(cut).toBe(amt < room ? amt : room);
          rows.forEach((r, i) => expect(out[i]! >= r.paidPrincipalRupiah).toBe(true));
        },
      ),
    );
  });
});
