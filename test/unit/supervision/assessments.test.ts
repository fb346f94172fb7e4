import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assess,
  RUBRICS,
  type AssessmentFigures,
  type Rubric,
  type RubricId,
} from '../../../src/domain/supervision/index.js';
import { assessWith, exampleFigures } from './figures.js';

/**
 * Whole assessments landing in each predikat, computed by hand from the rubric tables, starting
 * from the worked examples in docs/examples/.
 */

describe('Perdep 06/2016: whole assessments, one per predikat', () => {
  /*
   * The worked example (docs/examples/health-perdep-06-2016.json), by hand:
   *  permodalan   modal sendiri 500 jt / aset 1 M = 50 %        → 100 × 6/100  = 6.00
   *               modal sendiri 500 jt / berisiko 100 jt = 500 % → 100 × 6/100  = 6.00
   *               modal tertimbang 100 jt / ATMR 1 M = 10 %       → 100 × 3/100  = 3.00   = 15.00
   *  KAP          anggota 700 jt / pinjaman 800 jt = 87.5 %       → 100 × 10/100 = 10.00
   *               RPM 50 % × 8 jt = 4 jt / 800 jt = 0.5 %         → 80 × 5/100   = 4.00
   *               cadangan 4 jt / RPM 4 jt = 100 %                → 100 × 5/100  = 5.00
   *               berisiko 100 jt / 800 jt = 12.5 %               → 100 × 5/100  = 5.00   = 24.00
   *  manajemen    10 × 0.25 + 6 × 0.50 + 5 × 0.60 + 8 × 0.30 + 4 × 0.60
   *               = 2.50 + 3.00 + 3.00 + 2.40 + 2.40                                      = 13.30
   *  efisiensi    160 jt / 200 jt = 80 % → 4.00; 30 jt / 100 jt = 30 % → 4.00;
   *               20 jt / 800 jt = 2.5 % → 2.00                                           = 10.00
   *  likuiditas   12 jt / 100 jt = 12 % → 10.00; 800 jt / 900 jt = 88.89 % → 5.00         = 15.00
   *  kemandirian  110 jt / 1 M = 11 % → 3.00; 30 jt / 500 jt = 6 % → 3.00;
   *               50 jt / (30 jt + 10 jt) = 125 % → 4.00                                  = 10.00
   *  jatidiri     200 jt / 220 jt = 90.91 % → 7.00; 15 jt / 150 jt = 10 % → 3.00          = 10.00
   *  total 97.30 → Sehat (≥ 80)
   */
  it('the worked example: 97.30, Sehat, not provisional', () => {
    const r = assess(RUBRICS['perdep-06-2016'], exampleFigures('perdep-06-2016'));
    expect(r.aspects.map((a) => [a.key, a.score])).toEqual([
      ['permodalan', '15.00'],
      ['kualitasAktivaProduktif', '24.00'],
      ['manajemen', '13.30'],
      ['efisiensi', '10.00'],
      ['likuiditas', '15.00'],
      ['kemandirianPertumbuhan', '10.00'],
      ['jatidiri', '10.00'],
    ]);
    expect([r.totalScore, r.predikat, r.provisional]).toEqual(['97.30', 'Sehat', false]);
    expect(r.provisionalReasons).toEqual([]);
  });

  /*
   * Exactly 80.00 (the Sehat edge) from 97.30:
   *  kas 25 jt / 100 jt = 25 % → 25 × 10/100 = 2.50                     (−7.50)
   *  partisipasi neto 40 jt / 40 jt = 100 % → 0                          (−4.00)
   *  modal sendiri 300 jt / 1 M = 30 % → 50 × 6/100 = 3.00               (−3.00)
   *    (300 jt / 100 jt berisiko = 300 % and SHU 30 jt / 300 jt = 10 % keep 100)
   *  manajemen umum 6 × 0.25 = 1.50 (−1.00), likuiditas 1 × 0.60 = 0.60 (−1.80)
   *  97.30 − 7.50 − 4.00 − 3.00 − 1.00 − 1.80 = 80.00 → Sehat
   * 0.05 below: aktiva 7 × 0.30 = 2.10 (−0.30), umum 7 × 0.25 = 1.75 (+0.25) → 79.95 → Cukup Sehat
   */
  const sehatEdge = {
    kasBank: 25_000_000,
    partisipasiNeto: 40_000_000,
    modalSendiri: 300_000_000,
    'manajemen.umum': 6,
    'manajemen.likuiditas': 1,
  };
  /*
   * Dalam Pengawasan from the 80.00 case:
   *  anggota 200 jt / 800 jt = 25 % → 0 (−10.00); beban operasi 200 jt / 200 jt = 100 % → 25 →
   *  1.00 (−3.00); beban usaha 30 jt / SHU kotor 35 jt = 85.71 % → 25 → 1.00 (−3.00)
   *  80.00 − 16.00 = 64.00 → Dalam Pengawasan (51 ≤ x < 66)
   */
  const dalamPengawasan = {
    ...sehatEdge,
    pinjamanAnggota: 200_000_000,
    bebanOperasiAnggota: 200_000_000,
    shuKotor: 35_000_000,
  };
  /*
   * Dalam Pengawasan Khusus from the 64.00 case:
   *  macet 400 jt: RPM = 4 jt + 400 jt = 404 jt / 800 jt = 50.5 % → 0 (−4.00)
   *  cadangan 4 jt / 404 jt = 0.99 % → 10 × 5/100 = 0.50 (−4.50)
   *  berisiko 300 jt / 800 jt = 37.5 % → 25 × 5/100 = 1.25 (−3.75)
   *    (modal sendiri 300 jt / berisiko 300 jt = 100 % keeps 100)
   *  SHU sebelum pajak 40 jt / 1 M = 4 % → 25 × 3/100 = 0.75 (−2.25)
   *  64.00 − 14.50 = 49.50 → Dalam Pengawasan Khusus (< 51)
   */
  const khusus = {
    ...dalamPengawasan,
    pinjamanMacet: 400_000_000,
    pinjamanBerisiko: 300_000_000,
    shuSebelumPajak: 40_000_000,
  };
  it.each([
    ['at the Sehat edge', sehatEdge, '80.00', 'Sehat'],
    [
      'just below it',
      { ...sehatEdge, 'manajemen.umum': 7, 'manajemen.aktiva': 7 },
      '79.95',
      'Cukup Sehat',
    ],
    ['Dalam Pengawasan', dalamPengawasan, '64.00', 'Dalam Pengawasan'],
    ['Dalam Pengawasan Khusus', khusus, '49.50', 'Dalam Pengawasan Khusus'],
  ])('%s: %s', (_name, changes, total, predikat) => {
    const r = assessWith('perdep-06-2016', changes);
    expect([r.totalScore, r.predikat]).toEqual([total, predikat]);
  });
});

describe('KKPKK: whole assessments, one per predikat, all provisional', () => {
  /*
   * The worked example (docs/examples/health-permenkop-09-2020.json), points = skor / 4 × bobot:
   *  tata kelola   kelembagaan 27/30 = 90 % → 1 → 4/4 × 30 = 30.00
   *  profil risiko pinjaman 1.4 M / aset produktif 1.75 M = 80 % → 2 → 3/4 × 5 = 3.75
   *                kepatuhan 3/4 = 75 % → 2 → 3.75; operasional 4/8 = 50 % → 3 → 2/4 × 5 = 2.50
   *                                                                               = 10.00
   *  kinerja       ROA 90 jt / 2 M = 4.5 % → 3 → 2/4 × 6 = 3.00
   *                ROE 90 jt / 500 jt = 18 % → 1 → 6.00; NPM 90 jt / 400 jt = 22.5 % → 1 → 6.00
   *                NPL 84 jt / 1.4 M = 6 % → 2 → 3/4 × 7 = 5.25
   *                ekuitas (500 − 450) / 450 = 11.11 % → 1 → 5.00
   *                pembinaan 3.6 jt / 90 jt = 4 % → 2 → 3/4 × 5 = 3.75          = 29.00
   *  permodalan    ekuitas 500 jt / 2 M = 25 % → 2 → 3/4 × 20 = 15.00
   *  total 84.00 → Sehat under the stand-in cut-offs
   */
  it('the worked example: 84.00, Sehat, provisional with the reasons', () => {
    const r = assess(RUBRICS['permenkop-09-2020'], exampleFigures('permenkop-09-2020'));
    expect(r.aspects.map((a) => a.score)).toEqual(['30.00', '10.00', '29.00', '15.00']);
    expect([r.totalScore, r.predikat, r.provisional]).toEqual(['84.00', 'Sehat', true]);
    expect(r.provisionalReasons).toContain(
      'batas predikat: final cut-offs not public; stand-in 80/66/51 borrowed from Perdep 06/2016',
    );
    expect(r.provisionalReasons.some((x) => x.startsWith('bobot aspek kinerjaKeuangan'))).toBe(
      true,
    );
  });

  /*
   * Cukup Sehat: kelembagaan 15/30 = 50 % → 3 → 2/4 × 30 = 15.00 (−15.00) → 69.00
   * Dalam Pengawasan: also kepatuhan 1/4 = 25 % → 4 → 1.25 (−2.50); ekuitas 300 jt: 300 jt / 2 M
   *   = 15 % → 3 → 10.00 (−5.00), growth (300 − 450) / 450 = −33.33 % → 4 → 1.25 (−3.75),
   *   ROE 90 / 300 = 30 % stays 1 → 69.00 − 11.25 = 57.75
   * Dalam Pengawasan Khusus: every indicator nilai 4 → Σ 1/4 × bobot = 100 / 4 = 25.00
   *   aset 1 M, ekuitas 50 jt (5 %), last year 100 jt (−50 %), SHU −10 jt (ROA, ROE, NPM
   *   negative; pembinaan over a loss undefined → 4), pinjaman 900 jt of 910 jt produktif
   *   (98.90 %), bermasalah 200 jt / 900 jt = 22.22 %, checklists 0/30, 1/4, 2/8
   */
  const cukup = { 'checklists.kelembagaan.met': 15 };
  const pengawasan = { ...cukup, 'checklists.risikoKepatuhan.met': 1, ekuitas: 300_000_000 };
  const khusus = {
    totalAset: 1_000_000_000,
    ekuitas: 50_000_000,
    ekuitasTahunLalu: 100_000_000,
    shuSetelahPajak: -10_000_000,
    pinjamanDiberikan: 900_000_000,
    asetProduktif: 910_000_000,
    pinjamanBermasalah: 200_000_000,
    'checklists.kelembagaan.met': 0,
    'checklists.risikoKepatuhan.met': 1,
    'checklists.risikoOperasional.met': 2,
  };
  it.each([
    ['Cukup Sehat', cukup, '69.00'],
    ['Dalam Pengawasan', pengawasan, '57.75'],
    ['Dalam Pengawasan Khusus', khusus, '25.00'],
  ])('%s: %s', (predikat, changes, total) => {
    const r = assessWith('permenkop-09-2020', changes);
    expect([r.totalScore, r.predikat, r.provisional]).toEqual([total, predikat, true]);
  });
});

describe('the rubric data', () => {
  it('a ratio’s formula text is written from its terms', () => {
    const formula = (id: RubricId, key: string) =>
      RUBRICS[id].aspects.flatMap((a) => a.components).find((c) => c.key === key)?.formula;
    expect(formula('perdep-06-2016', 'risikoPinjamanBermasalah')).toBe(
      '(50% × pinjamanKurangLancar + 75% × pinjamanDiragukan + pinjamanMacet) / pinjamanDiberikan × 100%',
    );
    expect(formula('permenkop-09-2020', 'pertumbuhanEkuitas')).toBe(
      '(ekuitas − ekuitasTahunLalu) / ekuitasTahunLalu × 100%',
    );
  });

  it.each(Object.keys(RUBRICS) as RubricId[])(
    '%s: component weights add up to their aspect, aspects to 100',
    (id) => {
      const rubric: Rubric = RUBRICS[id];
      const cents = (v: string) => Math.round(Number(v) * 100);
      for (const a of rubric.aspects)
        expect(
          a.components.reduce((s, c) => s + cents(c.weight.value), 0),
          a.key,
        ).toBe(cents(a.weight.value));
      expect(rubric.aspects.reduce((s, a) => s + cents(a.weight.value), 0)).toBe(10_000);
    },
  );

  it.each(Object.keys(RUBRICS) as RubricId[])(
    '%s: every band table covers every ratio exactly once',
    (id) => {
      for (const a of RUBRICS[id].aspects)
        for (const c of a.components) {
          if (c.scoring.kind !== 'bands') continue;
          const bands = c.scoring.table.bands;
          // every hundredth of a percent from -500 % to 500 %, plus the table's own edges
          for (let h = -50_000; h <= 50_000; h += 1) {
            const x = h / 100;
            const hits = bands.filter(
              (b) =>
                (b.gt === undefined || x > Number(b.gt)) &&
                (b.gte === undefined || x >= Number(b.gte)) &&
                (b.lt === undefined || x < Number(b.lt)) &&
                (b.lte === undefined || x <= Number(b.lte)),
            );
            if (hits.length !== 1)
              throw new Error(`${id} ${c.key}: ${x} % in ${hits.length} bands`);
          }
        }
    },
  );
});

/** Any figures a rubric accepts: rupiah up to 10^13, counts and checklists within bounds. */
function anyFigures(rubric: Rubric): fc.Arbitrary<AssessmentFigures> {
  const parts: fc.Arbitrary<Record<string, bigint>>[] = rubric.inputs.map((def) => {
    switch (def.kind) {
      case 'rupiah':
        return fc
          .bigInt({ min: def.mayBeNegative ? -(10n ** 13n) : 0n, max: 10n ** 13n })
          .map((v) => ({ [def.key]: v }));
      case 'count':
        return fc.integer({ min: 0, max: def.max }).map((v) => ({ [def.key]: BigInt(v) }));
      case 'checklist':
        return fc
          .integer({ min: 1, max: 60 })
          .chain((of) => fc.tuple(fc.integer({ min: 0, max: of }), fc.constant(of)))
          .map(([met, of]) => ({ [`${def.key}.met`]: BigInt(met), [`${def.key}.of`]: BigInt(of) }));
    }
  });
  return fc.tuple(...parts).map((ps) => Object.assign({}, ...ps) as Record<string, bigint>);
}

const score = (total: string) => Math.round(Number(total) * 100);

describe('properties', () => {
  it.each(Object.keys(RUBRICS) as RubricId[])(
    '%s: the total is within [0, 100], is the sum of the aspects, and the same figures score the same',
    (id) => {
      const rubric = RUBRICS[id];
      fc.assert(
        fc.property(anyFigures(rubric), (figures) => {
          const r = assess(rubric, figures);
          expect(score(r.totalScore)).toBeGreaterThanOrEqual(0);
          expect(score(r.totalScore)).toBeLessThanOrEqual(10_000);
          // aspect scores of both rubrics are exact hundredths, so their sum is the total
          expect(r.aspects.reduce((s, a) => s + score(a.score), 0)).toBe(score(r.totalScore));
          expect(assess(rubric, figures)).toEqual(r);
        }),
        { numRuns: 200 },
      );
    },
  );

  it('Perdep 06/2016: more cadangan risiko never lowers the score', () => {
    const rubric = RUBRICS['perdep-06-2016'];
    fc.assert(
      fc.property(anyFigures(rubric), fc.bigInt({ min: 0n, max: 10n ** 12n }), (figures, more) => {
        const before = assess(rubric, figures);
        const after = assess(rubric, {
          ...figures,
          cadanganRisiko: (figures.cadanganRisiko ?? 0n) + more,
        });
        expect(score(after.totalScore)).toBeGreaterThanOrEqual(score(before.totalScore));
      }),
      { numRuns: 200 },
    );
  });

  it('KKPKK: one more kelembagaan butir met never lowers the score', () => {
    const rubric = RUBRICS['permenkop-09-2020'];
    fc.assert(
      fc.property(anyFigures(rubric), (figures) => {
        const met = figures['checklists.kelembagaan.met'] ?? 0n;
        const of = figures['checklists.kelembagaan.of'] ?? 0n;
        fc.pre(met < of);
        const before = assess(rubric, figures);
        const after = assess(rubric, { ...figures, 'checklists.kelembagaan.met': met + 1n });
        expect(score(after.totalScore)).toBeGreaterThanOrEqual(score(before.totalScore));
      }),
      { numRuns: 200 },
    );
  });
});
