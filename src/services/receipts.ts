import type { CanvasElement, Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { renderPdfDefinition } from '../reports/pdf.js';
import { formatDateId, formatRupiah } from '../reports/table.js';
import type { Deps, OrgContext } from './context.js';
import type { getMember } from './members.js';
import { KIND_LABEL_ID, transactionForReceipt } from './savings.js';

/**
 * Printed paper for the counter: a receipt (bukti transaksi) for 58 mm or 80 mm thermal printers
 * or A4, and the member card. Thermal pages are as long as their content (pdfmake 'auto' height).
 */
export type ReceiptFormat = '58mm' | '80mm' | 'a4';

const MM = 72 / 25.4; // PDF points per millimetre

export async function receiptPdf(
  deps: Deps,
  ctx: OrgContext,
  transactionId: bigint,
  format: ReceiptFormat,
): Promise<Buffer> {
  const t = await transactionForReceipt(deps, ctx, transactionId);
  const thermal = format !== 'a4';
  const width = format === '58mm' ? 58 * MM : format === '80mm' ? 80 * MM : undefined;
  const fontSize = format === '58mm' ? 7 : format === '80mm' ? 8.5 : 10;
  const row = (label: string, value: string, bold = false): Content => ({
    columns: [
      { text: label, width: thermal ? '45%' : 150 },
      { text: value, alignment: thermal ? 'right' : 'left', bold },
    ],
    margin: [0, 1, 0, 1],
  });
  /** A dashed rule across the page (a new one each time: pdfmake positions what it is given). */
  const rule = (): CanvasElement[] => [
    {
      type: 'line',
      x1: 0,
      y1: 0,
      x2: (width ?? 515) - (thermal ? 8 : 80),
      y2: 0,
      lineWidth: 0.5,
      dash: { length: 2 },
    },
  ];
  const content: Content[] = [
    { text: t.organization, bold: true, alignment: 'center', fontSize: fontSize + 1 },
    { text: 'BUKTI TRANSAKSI SIMPANAN', alignment: 'center', margin: [0, 2, 0, 4] },
    { canvas: rule() },
    row('No. bukti', `${t.series}-${t.entry_number.toString()}`),
    row('Tanggal', formatDateId(t.transaction_date)),
    row('Anggota', `${t.member_number} ${t.full_name}`),
    row('Rekening', `${t.account_number} (${t.product_name})`),
    row('Transaksi', KIND_LABEL_ID[t.kind] ?? t.kind),
    row('Jumlah', `Rp ${formatRupiah(t.amount_rupiah)}`, true),
    row('Saldo akhir', `Rp ${formatRupiah(t.balance_after_rupiah)}`),
    row('Petugas', t.created_by ?? '-'),
    {
      canvas: rule(),
      margin: [0, 4, 0, 2],
    },
    {
      text: 'Simpan bukti ini sebagai tanda terima yang sah. Terima kasih.',
      alignment: 'center',
      fontSize: fontSize - 1,
    },
    {
      text: `Ref ${t.id.toString()} · ${t.created_at.toISOString()}`,
      alignment: 'center',
      fontSize: fontSize - 2,
      color: '#555',
    },
  ];
  const def: TDocumentDefinitions = {
    pageSize: width ? { width, height: 'auto' } : 'A4',
    pageMargins: thermal ? [4, 6, 4, 10] : [40, 40, 40, 40],
    defaultStyle: { font: 'Helvetica', fontSize },
    content,
    info: { title: `Bukti transaksi ${t.id.toString()}` },
  };
  return renderPdfDefinition(def);
}

type MemberView = Awaited<ReturnType<typeof getMember>>;

/** Kartu anggota, ID-1 card size (85.6 × 54 mm) with a QR code of the member number. */
export async function memberCardPdf(
  _deps: Deps,
  _ctx: OrgContext,
  m: MemberView,
  organization = '',
): Promise<Buffer> {
  const def: TDocumentDefinitions = {
    pageSize: { width: 85.6 * MM, height: 54 * MM },
    pageMargins: [8, 8, 8, 8],
    defaultStyle: { font: 'Helvetica', fontSize: 7 },
    content: [
      { text: organization || 'KARTU ANGGOTA KOPERASI', bold: true, fontSize: 8 },
      { text: 'KARTU ANGGOTA', fontSize: 6, color: '#555', margin: [0, 0, 0, 4] },
      {
        columns: [
          {
            width: '*',
            stack: [
              { text: m.fullName, bold: true, fontSize: 9 },
              { text: `No. anggota: ${m.memberNumber ?? '-'}`, margin: [0, 2, 0, 0] },
              { text: `Bergabung: ${m.joinedOn ? formatDateId(m.joinedOn) : '-'}` },
              { text: `NIK: ${m.nik.slice(0, 6)}******${m.nik.slice(12)}` },
            ],
          },
          { width: 'auto', qr: m.memberNumber ?? '', fit: 70 },
        ],
      },
    ],
    info: { title: `Kartu anggota ${m.memberNumber ?? ''}` },
  };
  return renderPdfDefinition(def);
}
