import { describe, expect, it } from 'vitest';
import {
  BALANCE_SHEET_LINES,
  INCOME_STATEMENT_LINES,
  reportFromEntry,
  type BalanceSheetLine,
  type IncomeStatementLine,
} from '../../../src/domain/supervision/report.js';
import { rubricFiguresFromReport } from '../../../src/domain/supervision/report-to-rubric.js';
import { assess, parseFigures, RUBRICS } from '../../../src/domain/supervision/index.js';

/**
 * A report's lines read as rubric inputs. Worked example (rupiah, in millions):
 * aset: kas 120, penempatan 200, pinjaman anggota 1 500, non-anggota 100, PPAP 30, aset tetap 110
 *   → total 2 000; kewajiban: sukarela 700, berjangka 300, lain 50, jangka panjang 150 → 1 200;
 * ekuitas: pokok 50, wajib 250, penyertaan 100, hibah 20, cadangan umum 200, cadangan risiko 60,
 *   SHU tahun berjalan 120 → 800.
 * Income: partisipasi anggota 400, non-anggota 30, lain 10 → 440; jasa simpanan 150, PPAP 20,
 *   usaha lain 40, karyawan 60, pengurus 10, pendidikan 15, umum 25, pajak 0 → 320; SHU 120.
 * Loans: KL 40, D 20, M 10.
 */
const M = 1_000_000n;
const bsLines: Partial<Record<BalanceSheetLine, bigint>> = {
  kasBank: 120n * M,
  penempatanBank: 200n * M,
  pinjamanAnggota: 1500n * M,
  pinjamanNonAnggota: 100n * M,
  ppap: 30n * M,
  asetTetap: 110n * M,
  simpananSukarela: 700n * M,
  simpananBerjangka: 300n * M,
  kewajibanLancarLain: 50n * M,
  kewajibanJangkaPanjang: 150n * M,
  simpananPokok: 50n * M,
  simpananWajib: 250n * M,
  modalPenyertaan: 100n * M,
  hibah: 20n * M,
  cadanganUmum: 200n * M,
  cadanganRisiko: 60n * M,
  shuTahunBerjalan: 120n * M,
};
const isLines: Partial<Record<IncomeStatementLine, bigint>> = {
  pendapatanPartisipasiAnggota: 400n * M,
  pendapatanNonAnggota: 30n * M,
  pendapatanLain: 10n * M,
  bebanJasaSimpanan: 150n * M,
  bebanPenyisihanPinjaman: 20n * M,
  bebanUsahaLain: 40n * M,
  bebanKaryawan: 60n * M,
  bebanPengurusPengawas: 10n * M,
  bebanPendidikan: 15n * M,
  bebanOrganisasiUmum: 25n * M,
};
const loanClass = (outstanding: bigint, required = 0n) => ({
  loans: outstanding > 0n ? 3 : 0,
  outstandingRupiah: outstanding,
  requiredProvisionRupiah: required,
});
function report(kind: 'yearly' | 'quarterly', period: string, ekuitasDelta = 0n) {
  return reportFromEntry({
    kind,
    period,
    balanceSheet: Object.fromEntries(
      BALANCE_SHEET_LINES.map((l) => [
        l.key,
        (bsLines[l.key] ?? 0n) +
          (l.key === 'cadanganUmum' ? ekuitasDelta : 0n) +
          (l.key === 'asetTetap' ? ekuitasDelta : 0n),
      ]),
    ) as Record<BalanceSheetLine, bigint>,
    incomeStatement: Object.fromEntries(
      INCOME_STATEMENT_LINES.map((l) => [l.key, isLines[l.key] ?? 0n]),
    ) as Record<IncomeStatementLine, bigint>,
    loans: {
      // PPAP wajib 0.5 / 10 / 50 / 100 %: 7.65 + 4 + 10 + 10 = 31.65 jt (read by Perdep 07 only)
      lancar: loanClass(1530n * M, 7_650_000n),
      kurangLancar: loanClass(40n * M, 4n * M),
      diragukan: loanClass(20n * M, 10n * M),
      macet: loanClass(10n * M, 10n * M),
    },
    members: { count: 500, men: null, women: null },
  });
}

describe('report to rubric figures', () => {
  it('Perdep 06/2016: the derivable inputs by their stated readings, the rest left to the examiner', () => {
    const r = rubricFiguresFromReport('perdep-06-2016', report('yearly', '2025'));
    expect(r.figures).toMatchObject({
      totalAset: 2000n * M,
      // 50 + 250 + 20 + 200 + 60 + 100/2
      modalSendiri: 630n * M,
      pinjamanDiberikan: 1600n * M,
      pinjamanAnggota: 1500n * M,
      pinjamanBerisiko: 70n * M,
      pinjamanKurangLancar: 40n * M,
      pinjamanDiragukan: 20n * M,
      pinjamanMacet: 10n * M,
      cadanganRisiko: 90n * M,
      partisipasiBruto: 400n * M,
      bebanOperasiAnggota: 150n * M,
      // 20 + 40 + 60 + 10 + 15 + 25
      bebanUsaha: 170n * M,
      shuKotor: 290n * M,
      biayaKaryawan: 60n * M,
      kasBank: 120n * M,
      kewajibanLancar: 1050n * M,
      // 1 200 + 50 + 250 + 100 + 20
      danaDiterima: 1620n * M,
      shuSebelumPajak: 120n * M,
      partisipasiNeto: 250n * M,
      bebanPerkoperasian: 25n * M,
      pendapatanNonPartisipasi: 40n * M,
      simpananPokok: 50n * M,
      simpananWajib: 250n * M,
    });
    expect(r.missing).toEqual(['modalTertimbang', 'atmr', 'shuBagianAnggota', 'pea']);
    expect(Object.keys(r.readings).sort()).toEqual(Object.keys(r.figures).sort());
  });

  it('Perdep 07/2016 (KSPPS): the KSP readings under sharia names, plus total modal, PPAP wajib and aktiva tetap', () => {
    const r = rubricFiguresFromReport('perdep-07-2016', report('yearly', '2025'));
    expect(r.figures).toEqual({
      totalAset: 2000n * M,
      // kewajiban 1 200 + ekuitas 800
      totalModal: 2000n * M,
      // 50 + 250 + 20 + 200 + 60 + 100/2
      modalSendiri: 630n * M,
      pembiayaanDiberikan: 1600n * M,
      pembiayaanBerisiko: 70n * M,
      pembiayaanKurangLancar: 40n * M,
      pembiayaanDiragukan: 20n * M,
      pembiayaanMacet: 10n * M,
      ppap: 30n * M,
      ppapWajib: 31_650_000n,
      biayaOperasionalPelayanan: 150n * M,
      partisipasiBruto: 400n * M,
      // aset tetap 110, no depreciation
      aktivaTetap: 110n * M,
      biayaKaryawan: 60n * M,
      kasBank: 120n * M,
      kewajibanLancar: 1050n * M,
      danaDiterima: 1620n * M,
      shuSebelumPajak: 120n * M,
      partisipasiNeto: 250n * M,
      bebanUsaha: 170n * M,
      bebanPerkoperasian: 25n * M,
      pendapatanNonPartisipasi: 40n * M,
      simpananPokok: 50n * M,
      simpananWajib: 250n * M,
    });
    expect(r.missing).toEqual(['modalTertimbang', 'atmr', 'shuBagianAnggota', 'pea']);
    expect(Object.keys(r.readings).sort()).toEqual(Object.keys(r.figures).sort());
    // with the examiner's share the KSPPS rubric scores it
    const doc = {
      ...Object.fromEntries(Object.entries(r.figures).map(([k, v]) => [k, v.toString()])),
      modalTertimbang: '100000000',
      atmr: '1000000000',
      shuBagianAnggota: '60000000',
      pea: '20000000',
      manajemen: { umum: 12, kelembagaan: 6, permodalan: 5, aktiva: 10, likuiditas: 5 },
      syariah: { kepatuhan: 11 },
    };
    const parsed = parseFigures(RUBRICS['perdep-07-2016'], doc);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(assess(RUBRICS['perdep-07-2016'], parsed.figures).provisional).toBe(true);
  });

  it('KKPKK: last year’s equity from last year’s report, else the examiner enters it', () => {
    const now = report('yearly', '2025');
    const without = rubricFiguresFromReport('permenkop-09-2020', now);
    expect(without.missing).toEqual(['ekuitasTahunLalu']);
    const lastYear = report('yearly', '2024', -80n * M);
    const r = rubricFiguresFromReport('permenkop-09-2020', now, lastYear);
    expect(r.missing).toEqual([]);
    expect(r.figures).toEqual({
      totalAset: 2000n * M,
      ekuitas: 800n * M,
      ekuitasTahunLalu: 720n * M,
      shuSetelahPajak: 120n * M,
      totalPendapatan: 440n * M,
      pinjamanDiberikan: 1600n * M,
      pinjamanBermasalah: 70n * M,
      asetProduktif: 1800n * M,
      biayaPembinaan: 15n * M,
    });
  });

  it('the figures with the examiner’s share are accepted and scored by each rubric', () => {
    const kk = rubricFiguresFromReport(
      'permenkop-09-2020',
      report('yearly', '2025'),
      report('yearly', '2024'),
    );
    const doc = {
      ...Object.fromEntries(Object.entries(kk.figures).map(([k, v]) => [k, v.toString()])),
      checklists: { kelembagaan: [30, 30], risikoKepatuhan: [8, 8], risikoOperasional: [8, 8] },
    };
    const parsed = parseFigures(RUBRICS['permenkop-09-2020'], doc);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(assess(RUBRICS['permenkop-09-2020'], parsed.figures).predikat).toBeTruthy();
    // every rupiah input of each rubric is either read or listed as missing, never both
    for (const id of ['perdep-06-2016', 'perdep-07-2016', 'permenkop-09-2020'] as const) {
      const r = rubricFiguresFromReport(id, report('yearly', '2025'));
      const rupiah = RUBRICS[id].inputs.filter((d) => d.kind === 'rupiah').map((d) => d.key);
      expect([...Object.keys(r.figures), ...r.missing].sort()).toEqual([...rupiah].sort());
    }
  });
});
