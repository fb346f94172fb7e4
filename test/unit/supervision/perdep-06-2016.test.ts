import { describe, expect, it } from 'vitest';
import { assessWith, component, DENOMINATOR, scaled } from './figures.js';

/**
 * Perdep 06/Per/Dep.6/IV/2016 (docs/domain/supervision-health.md §2), each ratio at and on either
 * side of each band edge. Hand computation for every row: the numerator's figure is the ratio ×
 * 10 000 and the denominator's is 1 000 000 (so 19.99 % is 199 900 / 1 000 000); the band of the
 * rubric's table gives nilai; skor = nilai × bobot / 100 (e.g. 25 × 6 / 100 = 1.50). The other
 * figures are the worked example's; only the component under test is read.
 */

type Setter = (numerator: number, denominator: number) => Record<string, number>;
type Row = [ratio: string, nilai: string, skor: string];

const CASES: { key: string; bobot: number; set: Setter; rows: Row[] }[] = [
  {
    key: 'modalSendiriTerhadapAset', // bobot 6; inverted U
    bobot: 6,
    set: (n, d) => ({ modalSendiri: n, totalAset: d }),
    rows: [
      ['-0.01', '0', '0.00'],
      ['0.00', '0', '0.00'],
      ['0.01', '25', '1.50'],
      ['19.99', '25', '1.50'],
      ['20.00', '25', '1.50'],
      ['20.01', '50', '3.00'],
      ['40.00', '50', '3.00'],
      ['40.01', '100', '6.00'],
      ['60.00', '100', '6.00'],
      ['60.01', '50', '3.00'],
      ['80.00', '50', '3.00'],
      ['80.01', '25', '1.50'],
      ['100.00', '25', '1.50'],
    ],
  },
  {
    key: 'modalSendiriTerhadapPinjamanBerisiko', // bobot 6; 10 % steps, 10 ≤ x < 20 → 10
    bobot: 6,
    set: (n, d) => ({ modalSendiri: n, pinjamanBerisiko: d }),
    rows: [
      ['9.99', '0', '0.00'],
      ['10.00', '10', '0.60'],
      ['10.01', '10', '0.60'],
      ['49.99', '40', '2.40'],
      ['50.00', '50', '3.00'],
      ['89.99', '80', '4.80'],
      ['90.00', '90', '5.40'],
      ['99.99', '90', '5.40'],
      ['100.00', '100', '6.00'],
      ['100.01', '100', '6.00'],
    ],
  },
  {
    key: 'kecukupanModal', // bobot 3; < 4 → 0, 4–6 → 50, 6–8 → 75, ≥ 8 → 100
    bobot: 3,
    set: (n, d) => ({ modalTertimbang: n, atmr: d }),
    rows: [
      ['3.99', '0', '0.00'],
      ['4.00', '50', '1.50'],
      ['5.99', '50', '1.50'],
      ['6.00', '75', '2.25'],
      ['7.99', '75', '2.25'],
      ['8.00', '100', '3.00'],
      ['8.01', '100', '3.00'],
    ],
  },
  {
    key: 'pinjamanAnggotaTerhadapPinjaman', // bobot 10; ≤ 25 → 0, ≤ 50 → 50, ≤ 75 → 75, > 75 → 100
    bobot: 10,
    set: (n, d) => ({ pinjamanAnggota: n, pinjamanDiberikan: d }),
    rows: [
      ['25.00', '0', '0.00'],
      ['25.01', '50', '5.00'],
      ['50.00', '50', '5.00'],
      ['50.01', '75', '7.50'],
      ['73.30', '75', '7.50'], // the source's worked example: 73.3 % → nilai 75, skor 7.50
      ['75.00', '75', '7.50'],
      ['75.01', '100', '10.00'],
    ],
  },
  {
    // bobot 5; RPM = 100 % × macet here (kurang lancar and diragukan 0)
    key: 'risikoPinjamanBermasalah',
    bobot: 5,
    set: (n, d) => ({
      pinjamanKurangLancar: 0,
      pinjamanDiragukan: 0,
      pinjamanMacet: n,
      pinjamanDiberikan: d,
    }),
    rows: [
      ['0.00', '100', '5.00'],
      ['0.01', '80', '4.00'],
      ['10.00', '80', '4.00'],
      ['10.01', '60', '3.00'],
      ['20.00', '60', '3.00'],
      ['20.01', '40', '2.00'],
      ['30.01', '20', '1.00'],
      ['40.00', '20', '1.00'],
      ['40.01', '10', '0.50'],
      ['45.00', '10', '0.50'],
      ['45.01', '0', '0.00'],
    ],
  },
  {
    key: 'cadanganRisikoTerhadapRisikoPinjaman', // bobot 5; +10 nilai per 10 %, > 90 → 100
    bobot: 5,
    set: (n, d) => ({
      cadanganRisiko: n,
      pinjamanKurangLancar: 0,
      pinjamanDiragukan: 0,
      pinjamanMacet: d,
    }),
    rows: [
      ['0.00', '0', '0.00'],
      ['0.01', '10', '0.50'],
      ['24.94', '30', '1.50'], // Roda Sejahtera: 24.94 % → 30 → 1.50
      ['46.94', '50', '2.50'], // Roda Sejahtera: 46.94 % → 50 → 2.50
      ['50.00', '50', '2.50'],
      ['50.01', '60', '3.00'],
      ['90.00', '90', '4.50'],
      ['90.01', '100', '5.00'],
      ['97.85', '100', '5.00'], // Roda Sejahtera: 97.85 % → 100 → 5.00
      ['150.00', '100', '5.00'],
    ],
  },
  {
    key: 'pinjamanBerisikoTerhadapPinjaman', // bobot 5; < 21 → 100, < 26 → 75, < 31 → 50, else 25
    bobot: 5,
    set: (n, d) => ({ pinjamanBerisiko: n, pinjamanDiberikan: d }),
    rows: [
      ['1.13', '100', '5.00'], // thesis: 1.13 % → 100 → 5.00
      ['20.99', '100', '5.00'],
      ['21.00', '75', '3.75'],
      ['25.99', '75', '3.75'],
      ['26.00', '50', '2.50'],
      ['30.99', '50', '2.50'],
      ['31.00', '25', '1.25'],
    ],
  },
  {
    key: 'bebanOperasiAnggotaTerhadapPartisipasiBruto', // bobot 4; lower is better
    bobot: 4,
    set: (n, d) => ({ bebanOperasiAnggota: n, partisipasiBruto: d }),
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
    key: 'bebanUsahaTerhadapShuKotor', // bobot 4; ≤ 40 → 100, ≤ 60 → 75, ≤ 80 → 50, > 80 → 25
    bobot: 4,
    set: (n, d) => ({ bebanUsaha: n, shuKotor: d }),
    rows: [
      ['40.00', '100', '4.00'],
      ['40.01', '75', '3.00'],
      ['60.00', '75', '3.00'],
      ['60.01', '50', '2.00'],
      ['80.00', '50', '2.00'],
      ['80.01', '25', '1.00'],
    ],
  },
  {
    key: 'efisiensiPelayanan', // bobot 2; ≤ 5 → 100, ≤ 10 → 75, ≤ 15 → 50, > 15 → 0
    bobot: 2,
    set: (n, d) => ({ biayaKaryawan: n, pinjamanDiberikan: d }),
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
    bobot: 10,
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
    key: 'pinjamanTerhadapDanaDiterima', // bobot 5; < 60 → 25, < 70 → 50, < 80 → 75, ≥ 80 → 100
    bobot: 5,
    set: (n, d) => ({ pinjamanDiberikan: n, danaDiterima: d }),
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
    bobot: 3,
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
    bobot: 3,
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
    // bobot 4; denominator beban usaha + beban perkoperasian (the latter 0 here)
    key: 'kemandirianOperasional',
    bobot: 4,
    set: (n, d) => ({ partisipasiNeto: n, bebanUsaha: d, bebanPerkoperasian: 0 }),
    rows: [
      ['99.99', '0', '0.00'],
      ['100.00', '0', '0.00'],
      ['100.01', '100', '4.00'],
    ],
  },
  {
    // bobot 7; partisipasi bruto / (partisipasi bruto + pendapatan): n of (n + rest) = d
    key: 'rasioPartisipasiBruto',
    bobot: 7,
    set: (n, d) => ({ partisipasiBruto: n, pendapatanNonPartisipasi: d - n }),
    rows: [
      ['24.99', '25', '1.75'],
      ['25.00', '50', '3.50'],
      ['49.99', '50', '3.50'],
      ['50.00', '75', '5.25'],
      ['74.99', '75', '5.25'],
      ['75.00', '100', '7.00'],
    ],
  },
  {
    // bobot 3; PEA / (simpanan pokok + simpanan wajib), wajib 0 here
    key: 'promosiEkonomiAnggota',
    bobot: 3,
    set: (n, d) => ({ pea: n, simpananPokok: d, simpananWajib: 0 }),
    rows: [
      ['4.99', '0', '0.00'],
      ['5.00', '50', '1.50'],
      ['7.49', '50', '1.50'],
      ['7.50', '75', '2.25'],
      ['9.99', '75', '2.25'],
      ['10.00', '100', '3.00'],
    ],
  },
];

describe('Perdep 06/2016: every band edge, at and on either side', () => {
  for (const { key, bobot, set, rows } of CASES)
    it.each(rows)(`${key} (bobot ${bobot}): %s %% → nilai %s, skor %s`, (ratio, nilai, skor) => {
      const c = component(assessWith('perdep-06-2016', set(scaled(ratio), DENOMINATOR)), key);
      expect(c.ratioPercent).toBe(ratio);
      expect([c.nilai, c.skor, c.points]).toEqual([nilai, skor, skor]);
    });
});

describe('Perdep 06/2016: rounding rule R decides at an edge (the printed ratio is banded)', () => {
  // 40 000 049 / 100 000 000 = 40.000049 % → 40.00 → band 20 < x ≤ 40 → nilai 50
  // 40 005 000 / 100 000 000 = 40.005 % → half away from zero → 40.01 → band 40 < x ≤ 60 → 100
  it.each([
    [40_000_049, '40.00', '50'],
    [40_005_000, '40.01', '100'],
  ])('modal sendiri %i of 100 000 000 aset → %s %% → nilai %s', (modal, ratio, nilai) => {
    const c = component(
      assessWith('perdep-06-2016', { modalSendiri: modal, totalAset: 100_000_000 }),
      'modalSendiriTerhadapAset',
    );
    expect([c.ratioPercent, c.nilai]).toEqual([ratio, nilai]);
  });

  // RPM = 50 % × 3 + 75 % × 2 + 100 % × 1 = 1.5 + 1.5 + 1 = 4 of 1 000 → 0.40 % → nilai 80
  it('risiko pinjaman bermasalah weighs kurang lancar 50 %, diragukan 75 %, macet 100 %', () => {
    const c = component(
      assessWith('perdep-06-2016', {
        pinjamanKurangLancar: 3,
        pinjamanDiragukan: 2,
        pinjamanMacet: 1,
        pinjamanDiberikan: 1_000,
      }),
      'risikoPinjamanBermasalah',
    );
    expect([c.ratioPercent, c.nilai, c.skor]).toEqual(['0.40', '80', '4.00']);
  });
});

describe('Perdep 06/2016: management questionnaires, skor = "Ya" × points per "Ya"', () => {
  it.each([
    // umum: 12 questions × 0.25; 7 × 0.25 = 1.75; 7 / 12 = 58.33 %
    ['manajemen.umum', 'manajemenUmum', 7, '58.33', '1.75'],
    ['manajemen.umum', 'manajemenUmum', 12, '100.00', '3.00'],
    // kelembagaan: 6 × 0.50; 0 Ya → 0
    ['manajemen.kelembagaan', 'manajemenKelembagaan', 0, '0.00', '0.00'],
    // permodalan: 5 × 0.60; 3 × 0.60 = 1.80
    ['manajemen.permodalan', 'manajemenPermodalan', 3, '60.00', '1.80'],
    // aktiva: 10 × 0.30; 9 × 0.30 = 2.70
    ['manajemen.aktiva', 'manajemenAktiva', 9, '90.00', '2.70'],
    // likuiditas: 5 × 0.60; 5 × 0.60 = 3.00
    ['manajemen.likuiditas', 'manajemenLikuiditas', 5, '100.00', '3.00'],
  ])('%s = %i → %s %%, skor %s', (input, key, ya, ratio, skor) => {
    const c = component(assessWith('perdep-06-2016', { [input]: ya }), key);
    expect([c.ratioPercent, c.skor]).toEqual([ratio, skor]);
  });
});

describe('Perdep 06/2016: a zero denominator scores the written rule, and says so', () => {
  it.each([
    // no risky loans: own capital covers them entirely → 100 → 6.00
    ['modalSendiriTerhadapPinjamanBerisiko', { pinjamanBerisiko: 0 }, '100', '6.00'],
    // no problem loans: the cadangan ratio scores full (common practice) → 100 → 5.00
    [
      'cadanganRisikoTerhadapRisikoPinjaman',
      { pinjamanKurangLancar: 0, pinjamanDiragukan: 0, pinjamanMacet: 0 },
      '100',
      '5.00',
    ],
    // no current liabilities: an infinite cash ratio sits in the band above 20 % → 25 → 2.50
    ['rasioKas', { kewajibanLancar: 0 }, '25', '2.50'],
    // SHU kotor negative: costs not covered → lowest, 25 → 1.00
    ['bebanUsahaTerhadapShuKotor', { shuKotor: -5 }, '25', '1.00'],
  ])('%s with %o → nilai %s, skor %s', (key, changes, nilai, skor) => {
    const c = component(assessWith('perdep-06-2016', changes), key);
    expect(c.ratioPercent).toBeNull();
    expect(c.band).toBe('tidak terdefinisi');
    expect(c.note).toMatch(/^penyebut nol atau negatif: /);
    expect([c.nilai, c.skor]).toEqual([nilai, skor]);
  });
});
