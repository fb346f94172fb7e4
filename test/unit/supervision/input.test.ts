import { describe, expect, it } from 'vitest';
import { parseFigures, RUBRICS } from '../../../src/domain/supervision/index.js';

const kkpkk = RUBRICS['permenkop-09-2020'];
const good = {
  totalAset: 2_000_000_000,
  ekuitas: '500000000',
  ekuitasTahunLalu: 450_000_000,
  shuSetelahPajak: -90_000_000,
  totalPendapatan: 400_000_000,
  pinjamanDiberikan: 1_400_000_000,
  pinjamanBermasalah: 84_000_000,
  asetProduktif: 1_750_000_000,
  biayaPembinaan: 3_600_000,
  checklists: { kelembagaan: [27, 30], risikoKepatuhan: [3, 4], risikoOperasional: [0, 8] },
};

describe('the figures an assessment reads', () => {
  it('rupiah as JSON integers or digit strings (beyond 2^53 exactly), checklists as [met, of]', () => {
    const r = parseFigures(kkpkk, { ...good, totalAset: '123456789012345678' });
    expect(r.ok && r.figures).toMatchObject({
      totalAset: 123456789012345678n,
      ekuitas: 500_000_000n,
      shuSetelahPajak: -90_000_000n,
      'checklists.kelembagaan.met': 27n,
      'checklists.kelembagaan.of': 30n,
    });
  });

  it('one problem per field: missing, unknown, invalid, with what the field must be', () => {
    const { totalAset: _gone, ...rest } = good;
    const r = parseFigures(kkpkk, {
      ...rest,
      pinjamanMacet: 1, // a Perdep 2016 figure: unknown to the KKPKK
      asetProduktif: -5, // may not be negative
      biayaPembinaan: 1.5, // not whole rupiah
      ekuitas: 2 ** 60, // a JSON number past 2^53 has lost its digits already
      checklists: { ...good.checklists, kelembagaan: [31, 30] }, // more met than butir
    });
    expect(r.ok ? [] : r.problems).toEqual([
      {
        field: 'totalAset',
        problem: 'missing',
        expected: { kind: 'rupiah', mayBeNegative: false },
      },
      { field: 'ekuitas', problem: 'invalid', expected: { kind: 'rupiah', mayBeNegative: true } },
      {
        field: 'asetProduktif',
        problem: 'invalid',
        expected: { kind: 'rupiah', mayBeNegative: false },
      },
      {
        field: 'biayaPembinaan',
        problem: 'invalid',
        expected: { kind: 'rupiah', mayBeNegative: false },
      },
      { field: 'checklists.kelembagaan', problem: 'invalid', expected: { kind: 'checklist' } },
      { field: 'pinjamanMacet', problem: 'unknown', expected: { kind: 'unknown' } },
    ]);
  });

  it('Perdep 2016 "Ya" counts stay within the questionnaire; a missing group is named', () => {
    const r = parseFigures(RUBRICS['perdep-06-2016'], { manajemen: { umum: 13 } });
    const problems = r.ok ? [] : r.problems;
    expect(problems).toContainEqual({
      field: 'manajemen.umum',
      problem: 'invalid',
      expected: { kind: 'count', max: 12 },
    });
    expect(problems).toContainEqual({
      field: 'manajemen.kelembagaan',
      problem: 'missing',
      expected: { kind: 'count', max: 6 },
    });
    expect(parseFigures(RUBRICS['perdep-06-2016'], [1, 2])).toEqual({
      ok: false,
      problems: [{ field: '', problem: 'invalid', expected: { kind: 'object' } }],
    });
  });
});
