import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkProductAkad,
  classifyNisbahChange,
  latestAccepted,
  nisbahInForce,
  type AkadVersion,
} from '../../../src/domain/savings/akad.js';

/**
 * The funding akad rules (docs/domain/sharia-savings-akad.md): fatwa 02/DSN-MUI/IV/2000 and
 * 03/DSN-MUI/IV/2000 — no promised return, mudharabah by a nisbah the cooperative may not lower
 * without the member's consent.
 */

const codes = (errors: { code: string; field?: string }[]) => errors.map((e) => [e.code, e.field]);

describe('checkProductAkad', () => {
  it('a KSPPS product with any rate is refused, even 0 %, wherever the rate is', () => {
    expect(
      codes(checkProductAkad({ kind: 'sukarela', akad: 'wadiah', annualRateBps: 0 }, true)),
    ).toEqual([['SAVINGS_PRODUCT_RATE_NOT_ALLOWED', 'settings.annualRateBps']]);
    expect(
      codes(
        checkProductAkad(
          {
            kind: 'berjangka',
            akad: 'mudharabah_berjangka',
            tenors: [{ nisbahAnggotaBps: 4000 }, { nisbahAnggotaBps: 4500, annualRateBps: 550 }],
          },
          true,
        ),
      ),
    ).toEqual([['SAVINGS_PRODUCT_RATE_NOT_ALLOWED', 'settings.tenors[1].annualRateBps']]);
  });

  it('a KSPPS names an akad that words the kind', () => {
    expect(codes(checkProductAkad({ kind: 'pokok', akad: null }, true))).toEqual([
      ['SAVINGS_PRODUCT_AKAD_REQUIRED', 'akad'],
    ]);
    expect(
      codes(checkProductAkad({ kind: 'berjangka', akad: 'wadiah', tenors: [{}] }, true)),
    ).toEqual([['SAVINGS_PRODUCT_AKAD_KIND_MISMATCH', 'akad']]);
    for (const kind of ['pokok', 'wajib', 'sukarela'] as const)
      expect(checkProductAkad({ kind, akad: 'wadiah' }, true)).toEqual([]);
  });

  it('mudharabah needs a nisbah of 0–100 % in whole basis points; wadiah has none', () => {
    expect(
      checkProductAkad({ kind: 'sukarela', akad: 'mudharabah', nisbahAnggotaBps: 3000 }, true),
    ).toEqual([]);
    // the edges: 0 % and 100 % are a (strange) agreement, not an error
    expect(
      checkProductAkad({ kind: 'sukarela', akad: 'mudharabah', nisbahAnggotaBps: 0 }, true),
    ).toEqual([]);
    expect(
      checkProductAkad({ kind: 'sukarela', akad: 'mudharabah', nisbahAnggotaBps: 10_000 }, true),
    ).toEqual([]);
    expect(
      codes(
        checkProductAkad({ kind: 'sukarela', akad: 'mudharabah', nisbahAnggotaBps: 10_001 }, true),
      ),
    ).toEqual([['SAVINGS_PRODUCT_NISBAH_OUT_OF_RANGE', 'settings.nisbahAnggotaBps']]);
    expect(
      codes(
        checkProductAkad({ kind: 'sukarela', akad: 'mudharabah', nisbahAnggotaBps: 30.5 }, true),
      ),
    ).toEqual([['SAVINGS_PRODUCT_NISBAH_OUT_OF_RANGE', 'settings.nisbahAnggotaBps']]);
    expect(codes(checkProductAkad({ kind: 'sukarela', akad: 'mudharabah' }, true))).toEqual([
      ['SAVINGS_PRODUCT_NISBAH_REQUIRED', 'settings.nisbahAnggotaBps'],
    ]);
    expect(
      codes(
        checkProductAkad(
          {
            kind: 'berjangka',
            akad: 'mudharabah_berjangka',
            tenors: [{ nisbahAnggotaBps: 4000 }, {}],
          },
          true,
        ),
      ),
    ).toEqual([['SAVINGS_PRODUCT_NISBAH_REQUIRED', 'settings.tenors[1].nisbahAnggotaBps']]);
    expect(
      codes(checkProductAkad({ kind: 'sukarela', akad: 'wadiah', nisbahAnggotaBps: 3000 }, true)),
    ).toEqual([['SAVINGS_PRODUCT_NISBAH_NOT_ALLOWED', 'settings.nisbahAnggotaBps']]);
  });

  it('a conventional cooperative gives a rate and neither akad nor nisbah', () => {
    expect(checkProductAkad({ kind: 'sukarela', akad: null, annualRateBps: 300 }, false)).toEqual(
      [],
    );
    expect(
      codes(checkProductAkad({ kind: 'sukarela', akad: 'wadiah', annualRateBps: 0 }, false)),
    ).toEqual([['SAVINGS_PRODUCT_AKAD_NOT_ALLOWED', 'akad']]);
    expect(
      codes(
        checkProductAkad(
          { kind: 'berjangka', akad: null, tenors: [{ nisbahAnggotaBps: 1 }] },
          false,
        ),
      ),
    ).toEqual([
      ['SAVINGS_PRODUCT_NISBAH_NOT_ALLOWED', 'settings.tenors[0].nisbahAnggotaBps'],
      ['SAVINGS_PRODUCT_RATE_REQUIRED', 'settings.tenors[0].annualRateBps'],
    ]);
  });
});

const v = (
  version: number,
  nisbahAnggotaBps: number,
  effectiveFrom: string,
  status: AkadVersion['status'] = 'accepted',
): AkadVersion => ({ version, nisbahAnggotaBps, effectiveFrom, status });

describe('the nisbah in force and a change to it', () => {
  // opened 1 March at 30 %; lowered to 25 % proposed 1 June (not accepted); raised to 35 % from 1 July
  const history = [
    v(1, 3000, '2026-03-01'),
    v(2, 2500, '2026-06-01', 'withdrawn'),
    v(3, 3500, '2026-07-01'),
  ];

  it('a proposal never counts; an accepted version counts from its date', () => {
    expect(nisbahInForce(history, '2026-02-28')).toBeUndefined();
    expect(nisbahInForce(history, '2026-06-15')?.nisbahAnggotaBps).toBe(3000);
    expect(nisbahInForce(history, '2026-07-01')?.nisbahAnggotaBps).toBe(3500);
    expect(
      nisbahInForce([v(1, 3000, '2026-03-01'), v(2, 2000, '2026-04-01', 'proposed')], '2026-05-01')
        ?.nisbahAnggotaBps,
    ).toBe(3000);
    expect(latestAccepted(history)?.version).toBe(3);
  });

  it('lower is a proposal that withdraws a waiting one; higher is accepted at once; the same is refused', () => {
    const waiting = [v(1, 3000, '2026-03-01'), v(2, 2500, '2026-06-01', 'proposed')];
    expect(classifyNisbahChange(waiting, 2000)).toEqual({
      ok: true,
      change: { kind: 'lower', version: 3, withdraws: 2 },
    });
    expect(classifyNisbahChange(waiting, 3001)).toEqual({
      ok: true,
      change: { kind: 'raise', version: 3, withdraws: 2 },
    });
    expect(classifyNisbahChange(waiting, 3000)).toMatchObject({
      ok: false,
      code: 'SAVINGS_AKAD_NISBAH_UNCHANGED',
    });
    expect(classifyNisbahChange([], 3000)).toMatchObject({
      ok: false,
      code: 'SAVINGS_AKAD_NOT_MUDHARABAH',
    });
  });

  it('property: a change never takes effect lower without consent — a lower nisbah is always a proposal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (current, proposed) => {
          const r = classifyNisbahChange([v(1, current, '2026-01-01')], proposed);
          if (proposed === current) return !r.ok;
          return r.ok && r.change.kind === (proposed < current ? 'lower' : 'raise');
        },
      ),
    );
  });
});
