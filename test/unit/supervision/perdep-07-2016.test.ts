import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  checklistFigures,
  checklistsOf,
} from '../../../src/domain/supervision/checklists.js';
import { assess, parseFigures, RUBRICS } from '../../../src/domain/supervision/index.js';
import {
  checkRubricVersion,
  placeholderCount,
} from '../../../src/domain/supervision/rubric-version.js';
import { assessWith, component, DENOMINATOR, exampleFigures, scaled } from './figures.js';

/**
 * KSPPS, Perdep 07/Per/Dep.6/IV/2016 (rubric perdep-07-2016; docs/domain/supervision-health.md,
 * "KSPPS"): weights of Permenkop 35.3/2007 (placeholders for 07/2016), band tables of Perdep
 * 06/2016 where the ratio is the same, stand-ins elsewhere, and the 11-item kepatuhan syariah
 * checklist. Hand computation for every band row: the numerator's figure is the ratio × 10 000 and
 * the denominator's 1 000 000 (19.99 % is 199 900 / 1 000 000); skor = nilai × bobot / 100.
 */

const rubric = RUBRICS['perdep-07-2016'];
type Setter = (numerator: number, denominator: number) => Record<string, number>;
type Row = [ratio: string, nilai: string, skor: string];

const CASES: { key: string; set: Setter; rows: Row[] }[] = [
  {
    key: 'modalSendiriTerhadapTotalModal', // bobot 5; inverted U (stand-in)
    set: (n, d) => ({ modalSendiri: n, totalModal: d }),
    rows: [
      ['-0.01', '0', '0.00'],
      ['0.00', '0', '0.00'],
      ['0.01', '25', '1.25'],
      ['20.00', '25', '1.25'],
      ['20.01', '50', '2.50'],
      ['40.00', '50', '2.50'],
      ['40.01', '100', '5.00'],
      ['60.00', '100', '5.00'],
      ['60.01', '50', '2.50'],
      ['80.00', '50', '2.50'],
      ['80.01', '25', '1.25'],
    ],
  },
  {
    key: 'kecukupanModal', // bobot 5; < 4 → 0, < 6 → 50, < 8 → 75, ≥ 8 → 100
    set: (n, d) => ({ modalTertimbang: n, atmr: d }),
    rows: [
      ['3.99', '0', '0.00'],
      ['4.00', '50', '2.50'],
      ['5.99', '50', '2.50'],
      ['6.00', '75', '3.75'],
      ['7.99', '75', '3.75'],
      ['8.00', '100', '5.00'],
    ],
  },
  {
    // bobot 10; NPF = 50 % KL + 75 % D + 100 % M, here macet only
    key: 'pembiayaanBermasalah',
    set: (n, d) => ({
      pembiayaanKurangLancar: 0,
      pembiayaanDiragukan: 0,
      pembiayaanMacet: n,
      pembiayaanDiberikan: d,
    }),
    rows: [
      ['0.00', '100', '10.00'],
      ['0.01', '80', '8.00'],
      ['10.00', '80', '8.00'],
      ['10.01', '60', '6.00'],
      ['20.00', '60', '6.00'],
      ['20.01', '40', '4.00'],
      ['30.00', '40', '4.00'],
      ['30.01', '20', '2.00'],
      ['40.00', '20', '2.00'],
      ['40.01', '10', '1.00'],
      ['45.00', '10', '1.00'],
      ['45.01', '0', '0.00'],
    ],
  },
  {
    key: 'pembiayaanBerisikoTerhadapPembiayaan', // bobot 5; < 21 → 100, < 26 → 75, < 31 → 50
    set: (n, d) => ({ pembiayaanBerisiko: n, pembiayaanDiberikan: d }),
    rows: [
      ['20.99', '100', '5.00'],
      ['21.00', '75', '3.75'],
      ['25.99', '75', '3.75'],
      ['26.00', '50', '2.50'],
      ['30.99', '50', '2.50'],
      ['31.00', '25', '1.25'],
    ],
  },
  {
    key: 'ppapTerhadapPpapWajib', // bobot 5; 0 → 0, +10 per 10 % (upper edge in), > 90 → 100
    set: (n, d) => ({ ppap: n, ppapWajib: d }),
    rows: [
      ['0.00', '0', '0.00'],
      ['0.01', '10', '0.50'],
      ['10.00', '10', '0.50'],
      ['10.01', '20', '1.00'],
      ['50.00', '50', '2.50'],
      ['50.01', '60', '3.00'],
      ['90.00', '90', '4.50'],
      ['90.01', '100', '5.00'],
      ['150.00', '100', '5.00'],
    ],
  },
  {
    key: 'biayaOperasionalTerhadapPartisipasiBruto', // bobot 4; < 90 → 100 … ≥ 100 → 25
    set: (n, d) => ({ biayaOperasionalPelayanan: n, partisipasiBruto: d }),
    rows: [
      ['89.99', '100', '4.00'],
      ['90.00', '75', '3.00'],
      ['94.99', '75', '3.00'],
      ['95.00', '50', '2.00'],
      ['99.99', '50', '2.00'],
      ['100.00', '25', '1.00'],
    ],
  },
  {
    key: 'aktivaTetapTerhadapTotalAset', // bobot 4; ≤ 25 → 100, ≤ 50 → 75, ≤ 75 → 50, > 75 → 25
    set: (n, d) => ({ aktivaTetap: n, totalAset: d }),
    rows: [
      ['0.00', '100', '4.00'],
      ['25.00', '100', '4.00'],
      ['25.01', '75', '3.00'],
      ['50.00', '75', '3.00'],
      ['50.01', '50', '2.00'],
      ['75.00', '50', '2.00'],
      ['75.01', '25', '1.00'],
    ],
  },
  {
    key: 'efisiensiStaf', // bobot 2; ≤ 5 → 100, ≤ 10 → 75, ≤ 15 → 50, > 15 → 0
    set: (n, d) => ({ biayaKaryawan: n, pembiayaanDiberikan: d }),
    rows: [
      ['5.00', '100', '2.00'],
      ['5.01', '75', '1.50'],
      ['10.00', '75', '1.50'],
      ['10.01', '50', '1.00'],
      ['15.00', '50', '1.00'],
      ['15.01', '0', '0.00'],
    ],
  },
  {
    key: 'rasioKas', // bobot 10; ≤ 10 → 25, ≤ 15 → 100, ≤ 20 → 50, > 20 → 25
    set: (n, d) => ({ kasBank: n, kewajibanLancar: d }),
    rows: [
      ['10.00', '25', '2.50'],
      ['10.01', '100', '10.00'],
      ['15.00', '100', '10.00'],
      ['15.01', '50', '5.00'],
      ['20.00', '50', '5.00'],
      ['20.01', '25', '2.50'],
    ],
  },
  {
    key: 'pembiayaanTerhadapDanaDiterima', // bobot 5; < 60 → 25, < 70 → 50, < 80 → 75, ≥ 80 → 100
    set: (n, d) => ({ pembiayaanDiberikan: n, danaDiterima: d }),
    rows: [
      ['59.99', '25', '1.25'],
      ['60.00', '50', '2.50'],
      ['69.99', '50', '2.50'],
      ['70.00', '75', '3.75'],
      ['79.99', '75', '3.75'],
      ['80.00', '100', '5.00'],
    ],
  },
  {
    key: 'rentabilitasAset', // bobot 3; < 5 → 25, < 7.5 → 50, < 10 → 75, ≥ 10 → 100
    set: (n, d) => ({ shuSebelumPajak: n, totalAset: d }),
    rows: [
      ['-1.00', '25', '0.75'],
      ['4.99', '25', '0.75'],
      ['5.00', '50', '1.50'],
      ['7.49', '50', '1.50'],
      ['7.50', '75', '2.25'],
      ['9.99', '75', '2.25'],
      ['10.00', '100', '3.00'],
    ],
  },
  {
    key: 'rentabilitasModalSendiri', // bobot 3; < 3 → 25, < 4 → 50, < 5 → 75, ≥ 5 → 100
    set: (n, d) => ({ shuBagianAnggota: n, modalSendiri: d }),
    rows: [
      ['2.99', '25', '0.75'],
      ['3.00', '50', '1.50'],
      ['3.99', '50', '1.50'],
      ['4.00', '75', '2.25'],
      ['4.99', '75', '2.25'],
      ['5.00', '100', '3.00'],
    ],
  },
  {
    key: 'kemandirianOperasional', // bobot 4; ≤ 100 → 0, > 100 → 100
    set: (n, d) => ({ partisipasiNeto: n, bebanUsaha: d, bebanPerkoperasian: 0 }),
    rows: [
      ['100.00', '0', '0.00'],
      ['100.01', '100', '4.00'],
    ],
  },
  {
    // bobot 5 (KSP: 7); PB / (PB + pendapatan): with PB = n and pendapatan = d − n
    key: 'rasioPartisipasiBruto',
    set: (n, d) => ({ partisipasiBruto: n, pendapatanNonPartisipasi: d - n }),
    rows: [
      ['24.99', '25', '1.25'],
      ['25.00', '50', '2.50'],
      ['49.99', '50', '2.50'],
      ['50.00', '75', '3.75'],
      ['74.99', '75', '3.75'],
      ['75.00', '100', '5.00'],
    ],
  },
  {
    key: 'promosiEkonomiAnggota', // bobot 5 (KSP: 3); < 5 → 0, < 7.5 → 50, < 10 → 75, ≥ 10 → 100
    set: (n, d) => ({ pea: n, simpananPokok: 0, simpananWajib: d }),
    rows: [
      ['4.99', '0', '0.00'],
      ['5.00', '50', '2.50'],
      ['7.49', '50', '2.50'],
      ['7.50', '75', '3.75'],
      ['9.99', '75', '3.75'],
      ['10.00', '100', '5.00'],
    ],
  },
];

describe('Perdep 07/2016 (KSPPS): every band edge, at and on either side', () => {
  for (const { key, set, rows } of CASES)
    it.each(rows)(`${key}: %s %% → nilai %s, skor %s`, (ratio, nilai, skor) => {
      const c = component(assessWith('perdep-07-2016', set(scaled(ratio), DENOMINATOR)), key);
      expect(c.ratioPercent).toBe(ratio);
      expect([c.nilai, c.skor]).toEqual([nilai, skor]);
    });

  it('every band component of the rubric is covered above', () => {
    const banded = rubric.aspects
      .flatMap((a) => a.components)
      .filter((c) => c.scoring.kind === 'bands' && c.key !== 'kepatuhanSyariah')
      .map((c) => c.key);
    expect(CASES.map((c) => c.key).sort()).toEqual(banded.sort());
  });

  it('NPF weighs the classes as the KSP rubric: 50 % KL + 75 % D + 100 % M', () => {
    // (0.5 × 40 jt + 0.75 × 20 jt + 10 jt) / 1 M = 45 jt / 1 M = 4.5 % → 80 → 8.00
    const c = component(
      assessWith('perdep-07-2016', {
        pembiayaanKurangLancar: 40_000_000,
        pembiayaanDiragukan: 20_000_000,
        pembiayaanMacet: 10_000_000,
        pembiayaanDiberikan: 1_000_000_000,
      }),
      'pembiayaanBermasalah',
    );
    expect([c.ratioPercent, c.nilai, c.skor]).toEqual(['4.50', '80', '8.00']);
    expect(c.formula).toBe(
      '(50% × pembiayaanKurangLancar + 75% × pembiayaanDiragukan + pembiayaanMacet) / pembiayaanDiberikan × 100%',
    );
  });
});

describe('kepatuhan prinsip syariah: 11 items, each "Ya" counting equally (stand-in)', () => {
  // k of 11 → k/11 × 100 % (rule R) → nilai = that share in whole percent → skor nilai × 10 / 100
  it.each([
    [0, '0.00', '0', '0.00'],
    [1, '9.09', '9', '0.90'],
    [2, '18.18', '18', '1.80'],
    [3, '27.27', '27', '2.70'],
    [4, '36.36', '36', '3.60'],
    [5, '45.45', '45', '4.50'],
    [6, '54.55', '55', '5.50'],
    [7, '63.64', '64', '6.40'],
    [8, '72.73', '73', '7.30'],
    [9, '81.82', '82', '8.20'],
    [10, '90.91', '91', '9.10'],
    [11, '100.00', '100', '10.00'],
  ])('%i of 11 → %s %%, nilai %s, skor %s', (ya, ratio, nilai, skor) => {
    const r = assessWith('perdep-07-2016', { 'syariah.kepatuhan': ya });
    const c = component(r, 'kepatuhanSyariah');
    expect([c.ratioPercent, c.nilai, c.skor, c.points]).toEqual([ratio, nilai, skor, skor]);
    expect(r.aspects.find((a) => a.key === 'kepatuhanSyariah')?.score).toBe(skor);
  });

  it('one more "Ya" never lowers the score', () => {
    const scores = Array.from({ length: 12 }, (_, k) =>
      Number(
        component(assessWith('perdep-07-2016', { 'syariah.kepatuhan': k }), 'kepatuhanSyariah')
          .skor,
      ),
    );
    for (let k = 1; k < scores.length; k += 1) expect(scores[k]).toBeGreaterThan(scores[k - 1]!);
  });

  it('the examiner answers 11 items; their "Ya" count is the figure the rubric reads', () => {
    const lists = checklistsOf(rubric);
    expect(lists.map((l) => [l.key, l.items.length])).toEqual([
      ['manajemen.umum', 12],
      ['manajemen.kelembagaan', 6],
      ['manajemen.permodalan', 5],
      ['manajemen.aktiva', 10],
      ['manajemen.likuiditas', 5],
      ['syariah.kepatuhan', 11],
    ]);
    const syariah = lists.find((l) => l.key === 'syariah.kepatuhan')!;
    expect(syariah.items[0]?.text).toMatch(/Dewan Pengawas Syariah/);
    expect(syariah.items[4]?.text).toMatch(/Nisbah/);
    const answers = syariah.items.map((i) => ({
      checklist: 'syariah.kepatuhan',
      itemNo: i.no,
      answer: i.no !== 5 && i.no !== 8, // no nisbah in some akad, denda booked as income
    }));
    expect(checkAnswers([syariah], answers, true)).toEqual([]);
    expect(checkAnswers([syariah], answers.slice(1), true)).toEqual([
      { field: 'syariah.kepatuhan.1', problem: 'missing' },
    ]);
    expect(checklistFigures(rubric, [syariah], answers)).toEqual({ 'syariah.kepatuhan': 9n });
  });

  it('a count above 11 and an item 12 are refused', () => {
    const doc = JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../../../docs/examples/health-perdep-07-2016.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    expect(parseFigures(rubric, { ...doc, syariah: { kepatuhan: 12 } })).toEqual({
      ok: false,
      problems: [
        { field: 'syariah.kepatuhan', problem: 'invalid', expected: { kind: 'count', max: 11 } },
      ],
    });
    expect(
      checkAnswers(
        checklistsOf(rubric),
        [{ checklist: 'syariah.kepatuhan', itemNo: 12, answer: true }],
        false,
      ),
    ).toEqual([{ field: 'syariah.kepatuhan.12', problem: 'unknown' }]);
  });
});

describe('Perdep 07/2016 (KSPPS): whole assessments, one per predikat, all provisional', () => {
  /*
   * The worked example (docs/examples/health-perdep-07-2016.json), by hand:
   *  permodalan   modal sendiri 500 jt / total modal 1 M = 50 %     → 100 × 5/100  = 5.00
   *               modal tertimbang 100 jt / ATMR 1 M = 10 %          → 100 × 5/100  = 5.00  = 10.00
   *  KAP          NPF 50 % × 8 jt = 4 jt / 800 jt = 0.5 %            → 80 × 10/100  = 8.00
   *               berisiko 100 jt / 800 jt = 12.5 %                  → 100 × 5/100  = 5.00
   *               PPAP 4 jt / PPAP wajib 4 jt = 100 %                → 100 × 5/100  = 5.00  = 18.00
   *  manajemen    10 × 0.25 + 6 × 0.50 + 5 × 0.60 + 8 × 0.30 + 4 × 0.60                    = 13.30
   *  efisiensi    160 jt / 200 jt = 80 % → 4.00; aktiva tetap 50 jt / 1 M = 5 % → 4.00;
   *               biaya karyawan 20 jt / 800 jt = 2.5 % → 2.00                              = 10.00
   *  likuiditas   12 jt / 100 jt = 12 % → 10.00; 800 jt / 900 jt = 88.89 % → 5.00            = 15.00
   *  kemandirian  110 jt / 1 M = 11 % → 3.00; 30 jt / 500 jt = 6 % → 3.00;
   *               50 jt / (30 jt + 10 jt) = 125 % → 4.00                                     = 10.00
   *  jatidiri     200 jt / 220 jt = 90.91 % → 5.00; 15 jt / 150 jt = 10 % → 5.00             = 10.00
   *  syariah      9 of 11 = 81.82 % → nilai 82 × 10/100                                      =  8.20
   *  total 94.50 → Sehat (≥ 80)
   */
  it('the worked example: 94.50, Sehat, provisional', () => {
    const r = assess(rubric, exampleFigures('perdep-07-2016'));
    expect(r.aspects.map((a) => [a.key, a.weight, a.score])).toEqual([
      ['permodalan', '10', '10.00'],
      ['kualitasAktivaProduktif', '20', '18.00'],
      ['manajemen', '15', '13.30'],
      ['efisiensi', '10', '10.00'],
      ['likuiditas', '15', '15.00'],
      ['kemandirianPertumbuhan', '10', '10.00'],
      ['jatidiri', '10', '10.00'],
      ['kepatuhanSyariah', '10', '8.20'],
    ]);
    expect([r.totalScore, r.predikat, r.provisional]).toEqual(['94.50', 'Sehat', true]);
  });

  /*
   * Exactly 80.00 from 94.50:
   *  kas 25 jt / 100 jt = 25 % → 25 × 10/100 = 2.50                  (−7.50)
   *  partisipasi neto 40 jt / 40 jt = 100 % → 0                       (−4.00)
   *  syariah 6 of 11 = 54.55 % → 55 × 10/100 = 5.50                   (−2.70)
   *  manajemen aktiva 7 × 0.30 = 2.10                                 (−0.30)
   *  94.50 − 14.50 = 80.00 → Sehat
   * 0.05 below: umum 11 × 0.25 = 2.75 (+0.25), aktiva 6 × 0.30 = 1.80 (−0.30) → 79.95 → Cukup Sehat
   */
  const sehatEdge = {
    kasBank: 25_000_000,
    partisipasiNeto: 40_000_000,
    'syariah.kepatuhan': 6,
    'manajemen.aktiva': 7,
  };
  /*
   * Dalam Pengawasan from the worked example:
   *  kas 25 jt → 2.50 (−7.50); partisipasi neto 40 jt → 0 (−4.00)
   *  macet 100 jt: NPF (4 jt + 100 jt) / 800 jt = 13 % → 60 × 10/100 = 6.00 (−2.00)
   *  modal sendiri 300 jt / 1 M = 30 % → 50 × 5/100 = 2.50 (−2.50)
   *    (SHU bagian anggota 30 jt / 300 jt = 10 % keeps 100)
   *  syariah 0 of 11 → 0 (−8.20); every manajemen answer "Tidak" (−13.30)
   *  94.50 − 37.50 = 57.00 → Dalam Pengawasan (51 ≤ x < 66)
   */
  const noManajemen = {
    'manajemen.umum': 0,
    'manajemen.kelembagaan': 0,
    'manajemen.permodalan': 0,
    'manajemen.aktiva': 0,
    'manajemen.likuiditas': 0,
  };
  const dalamPengawasan = {
    kasBank: 25_000_000,
    partisipasiNeto: 40_000_000,
    pembiayaanMacet: 100_000_000,
    modalSendiri: 300_000_000,
    'syariah.kepatuhan': 0,
    ...noManajemen,
  };
  /*
   * Dalam Pengawasan Khusus from the 57.00 case:
   *  dana diterima 2 M: 800 jt / 2 M = 40 % → 25 × 5/100 = 1.25 (−3.75)
   *  PEA 0 → 0 (−5.00)
   *  57.00 − 8.75 = 48.25 → Dalam Pengawasan Khusus (< 51)
   */
  const khusus = { ...dalamPengawasan, danaDiterima: 2_000_000_000, pea: 0 };
  it.each([
    ['at the Sehat edge', sehatEdge, '80.00', 'Sehat'],
    [
      'just below it',
      { ...sehatEdge, 'manajemen.umum': 11, 'manajemen.aktiva': 6 },
      '79.95',
      'Cukup Sehat',
    ],
    // 57.00 + umum 12 × 0.25 + kelembagaan 6 × 0.50 + permodalan 5 × 0.60 = 57.00 + 9.00
    [
      'at the Cukup Sehat edge',
      {
        ...dalamPengawasan,
        'manajemen.umum': 12,
        'manajemen.kelembagaan': 6,
        'manajemen.permodalan': 5,
      },
      '66.00',
      'Cukup Sehat',
    ],
    // 57.00 + 7 × 0.25 + 3.00 + 3.00 + aktiva 4 × 0.30 = 57.00 + 8.95
    [
      'just below it',
      {
        ...dalamPengawasan,
        'manajemen.umum': 7,
        'manajemen.kelembagaan': 6,
        'manajemen.permodalan': 5,
        'manajemen.aktiva': 4,
      },
      '65.95',
      'Dalam Pengawasan',
    ],
    ['Dalam Pengawasan', dalamPengawasan, '57.00', 'Dalam Pengawasan'],
    // 48.25 + umum 11 × 0.25 = 51.00; 48.25 + aktiva 9 × 0.30 = 50.95
    [
      'at the Dalam Pengawasan edge',
      { ...khusus, 'manajemen.umum': 11 },
      '51.00',
      'Dalam Pengawasan',
    ],
    ['just below it', { ...khusus, 'manajemen.aktiva': 9 }, '50.95', 'Dalam Pengawasan Khusus'],
    ['Dalam Pengawasan Khusus', khusus, '48.25', 'Dalam Pengawasan Khusus'],
  ])('%s: %s', (_name, changes, total, predikat) => {
    const r = assessWith('perdep-07-2016', changes);
    expect([r.totalScore, r.predikat, r.provisional]).toEqual([total, predikat, true]);
  });
});

describe('Perdep 07/2016 (KSPPS): what is provisional, and why', () => {
  it('every weight (35.3/2007 standing in) and every stand-in table is a reason', () => {
    const r = assess(rubric, exampleFigures('perdep-07-2016'));
    expect(r.provisional).toBe(true);
    // 8 aspect weights + 21 component weights + 6 stand-in tables
    expect(r.provisionalReasons).toHaveLength(35);
    expect(placeholderCount(rubric)).toBe(35);
    const tables = r.provisionalReasons.filter((x) => x.startsWith('tabel '));
    expect(tables.map((x) => x.split(':')[0])).toEqual([
      'tabel modalSendiriTerhadapTotalModal',
      'tabel pembiayaanBermasalah',
      'tabel ppapTerhadapPpapWajib',
      'tabel aktivaTetapTerhadapTotalAset',
      'tabel efisiensiStaf',
      'tabel kepatuhanSyariah',
    ]);
    expect(r.provisionalReasons).toContain(
      'bobot aspek kepatuhanSyariah: Perdep 07/2016 weights not retrieved; the weight of Permenkop 35.3/2007 stands in',
    );
    // the predikat cut-offs are not a placeholder (80 and 66 seen applied to KSPPS)
    expect(r.provisionalReasons.some((x) => x.startsWith('batas predikat'))).toBe(false);
  });

  it('the reused Perdep 06/2016 tables are marked unconfirmed for 07/2016', () => {
    for (const c of rubric.aspects.flatMap((a) => a.components)) {
      if (c.scoring.kind !== 'bands') continue;
      const s = c.scoring.table.source;
      if (s.status === 'unconfirmed')
        expect(s.document).toMatch(/^Perdep 06\/Per\/Dep\.6\/IV\/2016/);
      else expect(s.status, c.key).toBe('placeholder');
    }
  });

  it('the built-in rubric passes the check a loaded version must pass, as provisional', () => {
    const checked = checkRubricVersion(rubric, JSON.parse(JSON.stringify(rubric)));
    expect(checked).toMatchObject({ ok: true, provisional: true });
  });

  it('the official values loaded as confirmed make a result no longer provisional', () => {
    const official = JSON.parse(JSON.stringify(rubric)) as typeof rubric;
    const confirm = (s: { status: string }) => {
      s.status = 'confirmed';
    };
    for (const a of official.aspects) {
      confirm(a.weight.source);
      for (const c of a.components) {
        confirm(c.weight.source);
        confirm(
          c.scoring.kind === 'bands' ? c.scoring.table.source : c.scoring.pointsPerItem.source,
        );
      }
    }
    const checked = checkRubricVersion(rubric, official);
    expect(checked).toMatchObject({ ok: true, provisional: false });
    const r = assess(official, exampleFigures('perdep-07-2016'));
    expect([r.totalScore, r.provisional, r.provisionalReasons]).toEqual(['94.50', false, []]);
  });
});
