import { describe, expect, it } from 'vitest';
import { assessWith, component, DENOMINATOR, scaled } from './figures.js';

/**
 * KKPKK (Permenkop 9/2020, Juknis 15/2021; docs/domain/supervision-health.md §3), each indicator
 * at and on either side of each band edge. Hand computation for every row: numerator = ratio ×
 * 10 000, denominator 1 000 000; the Juknis table gives nilai 1 (Sehat) … 4 (Tidak Sehat) and
 * skor = 5 − nilai; points = skor / 4 × bobot (the bobot is a placeholder).
 */

type Setter = (numerator: number, denominator: number) => Record<string, number>;
type Row = [ratio: string, nilai: string, skor: string];

const CASES: { key: string; set: Setter; rows: Row[] }[] = [
  {
    key: 'pinjamanTerhadapAsetProduktif', // Tabel 2.22: ≤ 75 → 1, ≤ 85 → 2, ≤ 95 → 3, > 95 → 4
    set: (n, d) => ({ pinjamanDiberikan: n, asetProduktif: d }),
    rows: [
      ['0.00', '1', '4'],
      ['75.00', '1', '4'],
      ['75.01', '2', '3'],
      ['85.00', '2', '3'],
      ['85.01', '3', '2'],
      ['95.00', '3', '2'],
      ['95.01', '4', '1'],
    ],
  },
  {
    key: 'rentabilitasAset', // Tabel 2.36: ≥ 7 → 1, ≥ 5 → 2, ≥ 3 → 3, < 3 → 4
    set: (n, d) => ({ shuSetelahPajak: n, totalAset: d }),
    rows: [
      ['7.00', '1', '4'],
      ['6.99', '2', '3'],
      ['5.00', '2', '3'],
      ['4.99', '3', '2'],
      ['3.00', '3', '2'],
      ['2.99', '4', '1'],
      ['-2.00', '4', '1'],
    ],
  },
  {
    key: 'rentabilitasEkuitas', // Tabel 2.37: ≥ 10 → 1, ≥ 7.5 → 2, ≥ 5 → 3 (inferred), < 5 → 4
    set: (n, d) => ({ shuSetelahPajak: n, ekuitas: d }),
    rows: [
      ['10.00', '1', '4'],
      ['9.99', '2', '3'],
      ['7.50', '2', '3'],
      ['7.49', '3', '2'],
      ['5.00', '3', '2'],
      ['4.99', '4', '1'],
    ],
  },
  {
    key: 'marginLaba', // Tabel 2.39: ≥ 15 → 1, ≥ 10 → 2, ≥ 5 → 3, < 5 → 4
    set: (n, d) => ({ shuSetelahPajak: n, totalPendapatan: d }),
    rows: [
      ['15.00', '1', '4'],
      ['14.99', '2', '3'],
      ['10.00', '2', '3'],
      ['9.99', '3', '2'],
      ['5.00', '3', '2'],
      ['4.99', '4', '1'],
    ],
  },
  {
    key: 'pinjamanBermasalah', // Tabel 2.45: ≤ 5 → 1, ≤ 10 → 2, ≤ 15 → 3, > 15 → 4
    set: (n, d) => ({ pinjamanBermasalah: n, pinjamanDiberikan: d }),
    rows: [
      ['5.00', '1', '4'],
      ['5.01', '2', '3'],
      ['10.00', '2', '3'],
      ['10.01', '3', '2'],
      ['15.00', '3', '2'],
      ['15.01', '4', '1'],
    ],
  },
  {
    // Tabel 2.57: (ekuitas − ekuitas tahun lalu) / ekuitas tahun lalu; ≥ 10 → 1, ≥ 7 → 2, ≥ 4 → 3
    key: 'pertumbuhanEkuitas',
    set: (n, d) => ({ ekuitas: d + n, ekuitasTahunLalu: d }),
    rows: [
      ['10.00', '1', '4'],
      ['9.99', '2', '3'],
      ['7.00', '2', '3'],
      ['6.99', '3', '2'],
      ['4.00', '3', '2'],
      ['3.99', '4', '1'],
      ['-10.00', '4', '1'],
    ],
  },
  {
    key: 'biayaPembinaan', // Tabel 2.64: ≥ 5 → 1, ≥ 3 → 2, ≥ 1 → 3, < 1 → 4
    set: (n, d) => ({ biayaPembinaan: n, shuSetelahPajak: d }),
    rows: [
      ['5.00', '1', '4'],
      ['4.99', '2', '3'],
      ['3.00', '2', '3'],
      ['2.99', '3', '2'],
      ['1.00', '3', '2'],
      ['0.99', '4', '1'],
      ['0.00', '4', '1'],
    ],
  },
  {
    key: 'ekuitasTerhadapAset', // deck: > 30 → 1, 20–30 → 2, 10–20 → 3, < 10 → 4; lower edges in
    set: (n, d) => ({ ekuitas: n, totalAset: d }),
    rows: [
      ['30.00', '1', '4'],
      ['29.99', '2', '3'],
      ['20.00', '2', '3'],
      ['19.99', '3', '2'],
      ['10.00', '3', '2'],
      ['9.99', '4', '1'],
    ],
  },
];

describe('KKPKK: every band edge, at and on either side', () => {
  for (const { key, set, rows } of CASES)
    it.each(rows)(`${key}: %s %% → nilai %s, skor %s`, (ratio, nilai, skor) => {
      const c = component(assessWith('permenkop-09-2020', set(scaled(ratio), DENOMINATOR)), key);
      expect(c.ratioPercent).toBe(ratio);
      expect([c.nilai, c.skor]).toEqual([nilai, skor]);
    });
});

describe('KKPKK checklists: share of butir met, > 75 → 1, > 50 → 2, > 25 → 3, else 4', () => {
  // [met, of] → met / of × 100 %; e.g. 23 of 30 = 76.67 % → nilai 1, skor 4, points 4/4 × 30
  it.each([
    ['kelembagaan', 30, 30, '100.00', '1', '4', '30.00'],
    ['kelembagaan', 23, 30, '76.67', '1', '4', '30.00'],
    ['kelembagaan', 3, 4, '75.00', '2', '3', '22.50'], // 3/4 × 30 = 22.50
    ['kelembagaan', 31, 60, '51.67', '2', '3', '22.50'],
    ['kelembagaan', 2, 4, '50.00', '3', '2', '15.00'], // 2/4 × 30 = 15.00
    ['kelembagaan', 26, 100, '26.00', '3', '2', '15.00'],
    ['kelembagaan', 1, 4, '25.00', '4', '1', '7.50'], // 1/4 × 30 = 7.50
    ['kelembagaan', 0, 30, '0.00', '4', '1', '7.50'],
    ['risikoKepatuhan', 4, 4, '100.00', '1', '4', '5.00'],
    ['risikoOperasional', 5, 8, '62.50', '2', '3', '3.75'], // 3/4 × 5 = 3.75
  ])(
    '%s %i of %i → %s %%, nilai %s, skor %s, points %s',
    (key, met, of, ratio, nilai, skor, points) => {
      const c = component(
        assessWith('permenkop-09-2020', {
          [`checklists.${key}.met`]: met,
          [`checklists.${key}.of`]: of,
        }),
        key,
      );
      expect([c.ratioPercent, c.nilai, c.skor, c.points]).toEqual([ratio, nilai, skor, points]);
    },
  );
});

describe('KKPKK: undefined ratios', () => {
  it.each([
    // no loans at all: nothing can be bermasalah → nilai 1
    ['pinjamanBermasalah', { pinjamanDiberikan: 0, pinjamanBermasalah: 0 }, '1', '4'],
    // a loss year: biaya pembinaan against a negative SHU says nothing → nilai 4
    ['biayaPembinaan', { shuSetelahPajak: -1_000 }, '4', '1'],
    // negative equity last year: growth cannot be measured → nilai 4
    ['pertumbuhanEkuitas', { ekuitasTahunLalu: -1_000 }, '4', '1'],
  ])('%s with %o → nilai %s, skor %s', (key, changes, nilai, skor) => {
    const c = component(assessWith('permenkop-09-2020', changes), key);
    expect(c.ratioPercent).toBeNull();
    expect([c.nilai, c.skor]).toEqual([nilai, skor]);
    expect(c.note).toMatch(/^penyebut nol atau negatif/);
  });
});
