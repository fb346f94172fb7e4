import type * as ExcelJS from 'exceljs';
import { exceljs } from '../../reports/libraries.js';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdfDefinition } from '../../reports/pdf.js';
import { formatRupiah } from '../../reports/table.js';
import type { Deps, OrgContext } from '../context.js';
import { packageData, type PackageData } from './funding-referrals.js';
import { tanggalId } from '../../domain/calendar.js';

/**
 * A referral's document package (docs/domain/supervision-funding.md): the office's cover letter
 * (number, date, officer), the readiness checklist as it stood on the day referred, the
 * cooperative's identity, its latest report figures and its latest assessment — as a PDF, and as
 * an Excel workbook with the same data plus the last quarterly reports' figures.
 */

const STATE_TEXT = {
  met: 'Terpenuhi',
  not_met: 'Belum terpenuhi',
  needs_confirmation: 'Perlu konfirmasi',
};
const ITEM_TEXT: Record<string, string> = {
  active: 'Status koperasi aktif',
  legal: 'Identitas hukum lengkap (badan hukum, NIB, NPWP)',
  type: 'Jenis koperasi sesuai program',
  health: 'Predikat kesehatan Sehat atau Cukup Sehat',
  reports: 'Empat laporan triwulan terakhir diterima',
  rat: 'RAT tahun buku terakhir diselenggarakan',
  audit: 'Audit akuntan publik (pinjaman > Rp 2,5 miliar)',
};
const TYPE_TEXT: Record<string, string> = {
  KSP: 'Koperasi Simpan Pinjam',
  KSPPS: 'Koperasi Simpan Pinjam dan Pembiayaan Syariah',
};

function identityRows(d: PackageData): [string, string][] {
  const c = d.cooperative;
  return [
    ['Nama koperasi', c.name],
    ['Jenis', TYPE_TEXT[c.cooperative_type] ?? c.cooperative_type],
    ['Nomor badan hukum', c.badan_hukum_number ?? '-'],
    ['Tanggal badan hukum', c.badan_hukum_date ? tanggalId(c.badan_hukum_date) : '-'],
    ['NIK koperasi', c.nik_koperasi ?? '-'],
    ['NIB', c.nib ?? '-'],
    ['NPWP', c.npwp ?? '-'],
    ['Alamat', c.address ?? '-'],
    ['Status', c.status],
  ];
}

function checklistRows(d: PackageData): [string, string, string, string][] {
  return d.referral.readiness.items.map((i) => [
    ITEM_TEXT[i.item] ?? i.item,
    i.required ? 'Wajib' : 'Informasi',
    STATE_TEXT[i.state],
    i.figure,
  ]);
}

function figureRows(q: PackageData['quarters'][number]): [string, bigint][] {
  return [
    ['Total aset', q.total_aset_rupiah],
    ['Total kewajiban', q.total_kewajiban_rupiah],
    ['Total ekuitas', q.total_ekuitas_rupiah],
    ['Pinjaman / pembiayaan', q.pinjaman_rupiah],
    ['Pinjaman bermasalah', q.pinjaman_bermasalah_rupiah],
    ['Simpanan', q.simpanan_rupiah],
    ['SHU', q.shu_rupiah],
  ];
}

const rp = (v: bigint | string) => `Rp ${formatRupiah(BigInt(v))}`;

export function packageDefinition(d: PackageData): TDocumentDefinitions {
  const r = d.referral;
  const latest = d.quarters[0];
  const a = d.assessment;
  const content: Content[] = [
    { text: d.officeName.toUpperCase(), style: 'office' },
    {
      canvas: [{ type: 'line', x1: 0, y1: 2, x2: 523, y2: 2, lineWidth: 1 }],
      margin: [0, 2, 0, 10],
    },
    {
      table: {
        widths: ['auto', 'auto', '*'],
        body: [
          ['Nomor', ':', r.letterNumber],
          ['Tanggal', ':', tanggalId(r.referredOn)],
          ['Lampiran', ':', '1 (satu) berkas'],
          ['Perihal', ':', { text: `Rujukan pendanaan ${d.programme.name}`, bold: true }],
        ],
      },
      layout: 'noBorders',
    },
    {
      text: ['Kepada Yth.\nPimpinan ', { text: d.programme.lender, bold: true }, '\ndi tempat'],
      margin: [0, 12, 0, 12],
    },
    {
      text: [
        'Dengan hormat, bersama ini kami merujuk ',
        { text: d.cooperative.name, bold: true },
        ', koperasi binaan kami, untuk memperoleh pendanaan ',
        { text: d.programme.name, bold: true },
        ` sebesar ${rp(r.amountRequestedRupiah)} untuk keperluan: ${r.purpose}. ` +
          'Berdasarkan data pengawasan kami, kesiapan koperasi tersebut adalah sebagai berikut. ' +
          'Keputusan pendanaan sepenuhnya berada pada lembaga Saudara.',
      ],
      margin: [0, 0, 0, 10],
    },
    {
      columns: [
        { text: '' },
        {
          stack: [
            { text: d.officeName },
            { text: 'Petugas', margin: [0, 0, 0, 40] },
            { text: r.officerName, bold: true, decoration: 'underline' },
          ],
          width: 220,
        },
      ],
    },
    { text: 'Daftar periksa kesiapan', style: 'section', pageBreak: 'before' },
    {
      text: `Per ${tanggalId(r.referredOn)}; program ${d.programme.name} (${d.programme.source})`,
      style: 'note',
    },
    {
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto', '*'],
        body: [
          ['Syarat', 'Sifat', 'Keadaan', 'Data'].map((t) => ({ text: t, bold: true })),
          ...checklistRows(d),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 10],
    },
    { text: 'Identitas koperasi', style: 'section' },
    {
      table: { widths: ['auto', '*'], body: identityRows(d) },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 10],
    },
    { text: 'Laporan terakhir', style: 'section' },
    latest
      ? {
          table: {
            widths: ['*', 'auto'],
            body: [
              [
                { text: `Triwulan ${latest.period} (versi ${latest.version})`, bold: true },
                { text: 'Rupiah', bold: true },
              ],
              ...figureRows(latest).map(([k, v]) => [
                k,
                { text: formatRupiah(v), alignment: 'right' as const },
              ]),
              [
                'Jumlah anggota',
                { text: String(latest.member_count), alignment: 'right' as const },
              ],
            ],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 4, 0, 10],
        }
      : { text: 'Belum ada laporan triwulan yang diterima.', margin: [0, 4, 0, 10] },
    { text: 'Penilaian kesehatan terakhir', style: 'section' },
    a
      ? {
          table: {
            widths: ['auto', '*'],
            body: [
              ['Periode', a.period],
              ['Predikat', a.predikat],
              ['Skor', `${a.total_score}${a.provisional ? ' (sementara)' : ''}`],
              ['Rubrik', a.rubric_id],
              ['Penilai', a.examiner_name],
            ],
          },
          layout: 'lightHorizontalLines',
          margin: [0, 4, 0, 10],
        }
      : { text: 'Belum ada penilaian kesehatan final.', margin: [0, 4, 0, 10] },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 48],
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
    info: { title: `Rujukan pendanaan ${r.letterNumber}`, creator: 'Sokoguru' },
    footer: (page, pages) => ({
      columns: [
        {
          text: `Sokoguru · rujukan #${r.id} · ${r.letterNumber} · dicetak ${d.today}`,
          fontSize: 7,
          color: '#777',
        },
        { text: `Halaman ${page} dari ${pages}`, alignment: 'right', fontSize: 7, color: '#777' },
      ],
      margin: [36, 12, 36, 0],
    }),
    content,
    styles: {
      office: { fontSize: 12, bold: true, alignment: 'center' },
      section: { fontSize: 11, bold: true, margin: [0, 8, 0, 2] },
      note: { fontSize: 8, color: '#444' },
    },
  };
}

export async function packagePdf(deps: Deps, ctx: OrgContext, referralId: bigint) {
  const d = await packageData(deps, ctx, referralId);
  return {
    letterNumber: d.referral.letterNumber,
    content: await renderPdfDefinition(packageDefinition(d)),
  };
}

const RUPIAH_FORMAT = '#,##0;(#,##0)';
// rupiah below 2^53 are exact as spreadsheet numbers; larger ones go as text
const cellRupiah = (v: bigint) =>
  v <= 9_007_199_254_740_991n && v >= -9_007_199_254_740_991n ? Number(v) : v.toString();

export async function packageWorkbook(d: PackageData): Promise<Buffer> {
  const r = d.referral;
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'Sokoguru';
  const bold = (row: ExcelJS.Row) => {
    row.font = { bold: true };
  };
  const letter = wb.addWorksheet('Rujukan');
  bold(letter.addRow([d.officeName]));
  bold(letter.addRow([`Rujukan pendanaan ${d.programme.name}`]));
  letter.addRow([]);
  letter.addRow(['Nomor surat', r.letterNumber]);
  letter.addRow(['Tanggal', r.referredOn]);
  letter.addRow(['Petugas', r.officerName]);
  letter.addRow(['Lembaga', d.programme.lender]);
  letter.addRow(['Program', d.programme.name]);
  const amt = letter.addRow(['Jumlah diajukan (Rp)', cellRupiah(BigInt(r.amountRequestedRupiah))]);
  amt.getCell(2).numFmt = RUPIAH_FORMAT;
  letter.addRow(['Keperluan', r.purpose]);
  letter.addRow(['Status', r.status]);
  letter.getColumn(1).width = 24;
  letter.getColumn(2).width = 60;

  const check = wb.addWorksheet('Kesiapan');
  bold(check.addRow(['Syarat', 'Sifat', 'Keadaan', 'Data']));
  for (const row of checklistRows(d)) check.addRow(row);
  check.getColumn(1).width = 48;
  check.getColumn(4).width = 80;

  const id = wb.addWorksheet('Identitas');
  for (const row of identityRows(d)) id.addRow(row);
  id.getColumn(1).width = 22;
  id.getColumn(2).width = 60;

  const rep = wb.addWorksheet('Laporan triwulan');
  const periods = d.quarters.map((q) => q.period);
  bold(rep.addRow(['Pos (Rp)', ...periods]));
  const labels = d.quarters[0] ? figureRows(d.quarters[0]).map(([k]) => k) : [];
  labels.forEach((label, i) => {
    const row = rep.addRow([label, ...d.quarters.map((q) => cellRupiah(figureRows(q)[i]![1]))]);
    for (let c = 2; c <= periods.length + 1; c++) row.getCell(c).numFmt = RUPIAH_FORMAT;
  });
  rep.addRow(['Jumlah anggota', ...d.quarters.map((q) => q.member_count)]);
  rep.addRow(['Diterima', ...d.quarters.map((q) => q.submitted_on)]);
  rep.getColumn(1).width = 28;
  for (let c = 2; c <= periods.length + 1; c++) rep.getColumn(c).width = 18;

  const ha = wb.addWorksheet('Penilaian');
  const a = d.assessment;
  if (a) {
    ha.addRow(['Periode', a.period]);
    ha.addRow(['Predikat', a.predikat]);
    ha.addRow(['Skor', a.total_score]);
    ha.addRow(['Sementara', a.provisional ? 'ya' : 'tidak']);
    ha.addRow(['Rubrik', a.rubric_id]);
    ha.addRow(['Penilai', a.examiner_name]);
  } else ha.addRow(['Belum ada penilaian kesehatan final']);
  ha.getColumn(1).width = 16;
  ha.getColumn(2).width = 40;

  const hist = wb.addWorksheet('Riwayat');
  bold(hist.addRow(['Status', 'Tanggal', 'Jumlah (Rp)', 'Alasan', 'Catatan', 'Dicatat oleh']));
  for (const h of r.history) {
    const row = hist.addRow([
      h.status,
      h.on,
      h.amountRupiah === null ? null : cellRupiah(BigInt(h.amountRupiah)),
      h.reason,
      h.note,
      h.recordedBy,
    ]);
    row.getCell(3).numFmt = RUPIAH_FORMAT;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function packageXlsx(deps: Deps, ctx: OrgContext, referralId: bigint) {
  const d = await packageData(deps, ctx, referralId);
  return { letterNumber: d.referral.letterNumber, content: await packageWorkbook(d) };
}
