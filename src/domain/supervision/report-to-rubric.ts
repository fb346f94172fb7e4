import type { RubricId } from './rubrics/index.js';
import {
  KEWAJIBAN_LANCAR_LINES,
  type BalanceSheetLine,
  type CooperativeReport,
  type IncomeStatementLine,
} from './report.js';

/**
 * A cooperative's periodic report (report.ts) read as a rubric's rupiah inputs: the figures a
 * report states, or sums of its lines, each with the reading written next to it
 * (docs/domain/supervision-health.md, "Figures from a report"). Figures a report cannot give
 * (modal tertimbang, ATMR, SHU bagian anggota, PEA; last year's equity without last year's report)
 * are left for the examiner. The income statement of a quarterly report runs from January (year to
 * date), so its ratios are of part of a year; a year-end assessment reads the yearly report.
 */

export interface RubricFigures {
  /** the inputs the report gives, whole rupiah */
  figures: Record<string, bigint>;
  /** how each was read from the report */
  readings: Record<string, string>;
  /** the rupiah inputs the examiner still has to enter */
  missing: string[];
}

const bs = (r: CooperativeReport, ...lines: BalanceSheetLine[]) =>
  lines.reduce((s, k) => s + r.balanceSheet[k].rupiah, 0n);
const is = (r: CooperativeReport, ...lines: IncomeStatementLine[]) =>
  lines.reduce((s, k) => s + r.incomeStatement[k].rupiah, 0n);
const loansOf = (r: CooperativeReport, ...classes: ('kurangLancar' | 'diragukan' | 'macet')[]) =>
  classes.reduce((s, k) => s + r.loans.byClass[k].outstandingRupiah, 0n);

/** Operating expenses: every expense but the cost of funds (jasa simpanan) and tax. */
const OPERATING: IncomeStatementLine[] = [
  'bebanPenyisihanPinjaman',
  'bebanUsahaLain',
  'bebanKaryawan',
  'bebanPengurusPengawas',
  'bebanPendidikan',
  'bebanOrganisasiUmum',
];

type Reading = [value: (r: CooperativeReport) => bigint, how: string];

/**
 * Modal sendiri as Perdep 06/2016 counts it (supervision.md): pokok + wajib + hibah + reserves
 * + at most 50 % of modal penyertaan (half, rounded down to the rupiah).
 */
const modalSendiri: Reading = [
  (r) =>
    bs(r, 'simpananPokok', 'simpananWajib', 'hibah', 'cadanganUmum', 'cadanganRisiko') +
    r.balanceSheet.modalPenyertaan.rupiah / 2n,
  'simpanan pokok + wajib + hibah + cadangan umum + cadangan risiko + ½ modal penyertaan',
];
const pinjamanDiberikan: Reading = [
  (r) => bs(r, 'pinjamanAnggota', 'pinjamanNonAnggota'),
  'pinjaman kepada anggota + non-anggota (sebelum PPAP)',
];
const bermasalah: Reading = [
  (r) => loansOf(r, 'kurangLancar', 'diragukan', 'macet'),
  'pinjaman kurang lancar + diragukan + macet (kolektibilitas)',
];

const PERDEP: Record<string, Reading> = {
  totalAset: [(r) => r.totals.aset, 'jumlah aset neraca'],
  modalSendiri,
  pinjamanDiberikan,
  pinjamanAnggota: [(r) => bs(r, 'pinjamanAnggota'), 'pinjaman kepada anggota'],
  pinjamanBerisiko: bermasalah,
  pinjamanKurangLancar: [(r) => loansOf(r, 'kurangLancar'), 'kolektibilitas kurang lancar'],
  pinjamanDiragukan: [(r) => loansOf(r, 'diragukan'), 'kolektibilitas diragukan'],
  pinjamanMacet: [(r) => loansOf(r, 'macet'), 'kolektibilitas macet'],
  cadanganRisiko: [
    (r) => bs(r, 'cadanganRisiko', 'ppap'),
    'cadangan risiko (ekuitas) + PPAP yang dibentuk',
  ],
  partisipasiBruto: [
    (r) => is(r, 'pendapatanPartisipasiAnggota'),
    'pendapatan partisipasi anggota',
  ],
  bebanOperasiAnggota: [(r) => is(r, 'bebanJasaSimpanan'), 'beban jasa simpanan anggota'],
  bebanUsaha: [(r) => is(r, ...OPERATING), 'beban selain jasa simpanan dan pajak'],
  shuKotor: [
    (r) => r.incomeTotals.pendapatan - is(r, 'bebanJasaSimpanan'),
    'jumlah pendapatan − beban jasa simpanan',
  ],
  biayaKaryawan: [(r) => is(r, 'bebanKaryawan'), 'beban karyawan'],
  kasBank: [(r) => bs(r, 'kasBank'), 'kas dan bank'],
  kewajibanLancar: [
    (r) => bs(r, ...KEWAJIBAN_LANCAR_LINES),
    'simpanan sukarela + berjangka + kewajiban jangka pendek lain',
  ],
  danaDiterima: [
    (r) => r.totals.kewajiban + bs(r, 'simpananPokok', 'simpananWajib', 'modalPenyertaan', 'hibah'),
    'jumlah kewajiban + simpanan pokok + wajib + modal penyertaan + hibah',
  ],
  shuSebelumPajak: [(r) => r.incomeTotals.shuSebelumPajak, 'SHU sebelum pajak'],
  partisipasiNeto: [
    (r) => is(r, 'pendapatanPartisipasiAnggota') - is(r, 'bebanJasaSimpanan'),
    'partisipasi bruto − beban jasa simpanan',
  ],
  bebanPerkoperasian: [
    (r) => is(r, 'bebanPendidikan', 'bebanPengurusPengawas'),
    'beban pendidikan + beban pengurus dan pengawas',
  ],
  pendapatanNonPartisipasi: [
    (r) => is(r, 'pendapatanNonAnggota', 'pendapatanLain'),
    'pendapatan non-anggota + pendapatan lain',
  ],
  simpananPokok: [(r) => bs(r, 'simpananPokok'), 'simpanan pokok'],
  simpananWajib: [(r) => bs(r, 'simpananWajib'), 'simpanan wajib'],
};

const KKPKK: Record<string, Reading> = {
  totalAset: [(r) => r.totals.aset, 'jumlah aset neraca'],
  ekuitas: [(r) => r.totals.ekuitas, 'jumlah ekuitas neraca'],
  shuSetelahPajak: [(r) => r.incomeTotals.shuSetelahPajak, 'SHU setelah pajak'],
  totalPendapatan: [(r) => r.incomeTotals.pendapatan, 'jumlah pendapatan'],
  pinjamanDiberikan,
  pinjamanBermasalah: bermasalah,
  asetProduktif: [
    (r) => bs(r, 'pinjamanAnggota', 'pinjamanNonAnggota', 'penempatanBank', 'investasi'),
    'pinjaman diberikan + penempatan pada bank + investasi',
  ],
  biayaPembinaan: [(r) => is(r, 'bebanPendidikan'), 'beban pendidikan (pembinaan anggota)'],
};

/**
 * Perdep 07/2016 (KSPPS): the KSP readings under their sharia names (a KSPPS report states its
 * pembiayaan on the loan lines and its bagi hasil on the jasa simpanan line), plus PPAP against
 * PPAP wajib, aktiva tetap and total modal.
 */
const KSPPS: Record<string, Reading> = {
  totalAset: [(r) => r.totals.aset, 'jumlah aset neraca'],
  totalModal: [
    (r) => r.totals.kewajiban + r.totals.ekuitas,
    'jumlah kewajiban + jumlah ekuitas (seluruh modal yang dikelola)',
  ],
  modalSendiri,
  pembiayaanDiberikan: [
    (r) => bs(r, 'pinjamanAnggota', 'pinjamanNonAnggota'),
    'pembiayaan kepada anggota + non-anggota (sebelum PPAP)',
  ],
  pembiayaanBerisiko: [
    (r) => loansOf(r, 'kurangLancar', 'diragukan', 'macet'),
    'pembiayaan kurang lancar + diragukan + macet (kolektibilitas)',
  ],
  pembiayaanKurangLancar: [(r) => loansOf(r, 'kurangLancar'), 'kolektibilitas kurang lancar'],
  pembiayaanDiragukan: [(r) => loansOf(r, 'diragukan'), 'kolektibilitas diragukan'],
  pembiayaanMacet: [(r) => loansOf(r, 'macet'), 'kolektibilitas macet'],
  ppap: [(r) => bs(r, 'ppap'), 'PPAP yang dibentuk (neraca)'],
  ppapWajib: [
    (r) => Object.values(r.loans.byClass).reduce((s, c) => s + c.requiredProvisionRupiah, 0n),
    'PPAP wajib dibentuk, jumlah semua kelas kolektibilitas',
  ],
  biayaOperasionalPelayanan: [
    (r) => is(r, 'bebanJasaSimpanan'),
    'beban bagi hasil simpanan anggota (biaya melayani anggota)',
  ],
  partisipasiBruto: PERDEP.partisipasiBruto!,
  aktivaTetap: [
    (r) => bs(r, 'asetTetap') - bs(r, 'akumulasiPenyusutan'),
    'aset tetap − akumulasi penyusutan',
  ],
  biayaKaryawan: PERDEP.biayaKaryawan!,
  kasBank: PERDEP.kasBank!,
  kewajibanLancar: PERDEP.kewajibanLancar!,
  danaDiterima: PERDEP.danaDiterima!,
  shuSebelumPajak: PERDEP.shuSebelumPajak!,
  partisipasiNeto: [
    (r) => is(r, 'pendapatanPartisipasiAnggota') - is(r, 'bebanJasaSimpanan'),
    'partisipasi bruto − beban bagi hasil simpanan',
  ],
  bebanUsaha: PERDEP.bebanUsaha!,
  bebanPerkoperasian: PERDEP.bebanPerkoperasian!,
  pendapatanNonPartisipasi: PERDEP.pendapatanNonPartisipasi!,
  simpananPokok: PERDEP.simpananPokok!,
  simpananWajib: PERDEP.simpananWajib!,
};

/** The rupiah inputs each rubric reads, in its order (rubrics/*.ts). */
const INPUTS: Record<RubricId, string[]> = {
  'perdep-06-2016': [
    'totalAset',
    'modalSendiri',
    'pinjamanDiberikan',
    'pinjamanAnggota',
    'pinjamanBerisiko',
    'modalTertimbang',
    'atmr',
    'pinjamanKurangLancar',
    'pinjamanDiragukan',
    'pinjamanMacet',
    'cadanganRisiko',
    'partisipasiBruto',
    'bebanOperasiAnggota',
    'bebanUsaha',
    'shuKotor',
    'biayaKaryawan',
    'kasBank',
    'kewajibanLancar',
    'danaDiterima',
    'shuSebelumPajak',
    'shuBagianAnggota',
    'partisipasiNeto',
    'bebanPerkoperasian',
    'pendapatanNonPartisipasi',
    'pea',
    'simpananPokok',
    'simpananWajib',
  ],
  'perdep-07-2016': [
    'totalAset',
    'totalModal',
    'modalSendiri',
    'modalTertimbang',
    'atmr',
    'pembiayaanDiberikan',
    'pembiayaanBerisiko',
    'pembiayaanKurangLancar',
    'pembiayaanDiragukan',
    'pembiayaanMacet',
    'ppap',
    'ppapWajib',
    'biayaOperasionalPelayanan',
    'partisipasiBruto',
    'aktivaTetap',
    'biayaKaryawan',
    'kasBank',
    'kewajibanLancar',
    'danaDiterima',
    'shuSebelumPajak',
    'shuBagianAnggota',
    'partisipasiNeto',
    'bebanUsaha',
    'bebanPerkoperasian',
    'pendapatanNonPartisipasi',
    'pea',
    'simpananPokok',
    'simpananWajib',
  ],
  'permenkop-09-2020': [
    'totalAset',
    'ekuitas',
    'ekuitasTahunLalu',
    'shuSetelahPajak',
    'totalPendapatan',
    'pinjamanDiberikan',
    'pinjamanBermasalah',
    'asetProduktif',
    'biayaPembinaan',
  ],
};

/**
 * The rubric's rupiah inputs from a report; `lastYear` (the report at the end of the previous
 * year) gives the KKPKK's ekuitas tahun lalu.
 */
export function rubricFiguresFromReport(
  rubricId: RubricId,
  report: CooperativeReport,
  lastYear?: CooperativeReport,
): RubricFigures {
  const readings = {
    'perdep-06-2016': PERDEP,
    'perdep-07-2016': KSPPS,
    'permenkop-09-2020': KKPKK,
  }[rubricId];
  const out: RubricFigures = { figures: {}, readings: {}, missing: [] };
  for (const key of INPUTS[rubricId]) {
    const reading = readings[key];
    if (reading) {
      out.figures[key] = reading[0](report);
      out.readings[key] = reading[1];
    } else if (key === 'ekuitasTahunLalu' && lastYear) {
      out.figures[key] = lastYear.totals.ekuitas;
      out.readings[key] = `jumlah ekuitas neraca per ${lastYear.asOf}`;
    } else out.missing.push(key);
  }
  return out;
}
