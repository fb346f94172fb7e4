import type { ReportDocument } from '../reports/table.js';
import { formatDateId } from '../reports/table.js';
import type { accountStatement } from './savings.js';
import { KIND_LABEL_ID } from './savings.js';

type Statement = Awaited<ReturnType<typeof accountStatement>>;
type StatementLine = Statement['lines'][number];

/** Rekening koran as a report document (the PDF and Excel renderers draw it). */
export function statementDocument(st: Statement, organization: string): ReportDocument {
  return {
    title: 'Rekening Koran Simpanan',
    subtitle: `${st.account.accountNumber} · ${st.account.productName} · ${st.account.memberNumber} ${st.account.memberName}`,
    organization,
    period: `Periode: ${formatDateId(st.from)} s.d. ${formatDateId(st.to)}`,
    generatedAt: new Date().toISOString().slice(0, 16).replace('T', ' '),
    sections: [
      {
        columns: [
          { header: 'Tanggal', kind: 'date' },
          { header: 'Keterangan', kind: 'text', width: 3 },
          { header: 'Debet', kind: 'rupiah' },
          { header: 'Kredit', kind: 'rupiah' },
          { header: 'Saldo', kind: 'rupiah' },
        ],
        rows: [
          {
            cells: [
              { date: st.from },
              'Saldo awal',
              null,
              null,
              { rupiah: BigInt(st.openingBalanceRupiah) },
            ],
            style: 'header',
          },
          ...st.lines.map((l) => ({
            cells: [
              { date: l.date },
              lineLabel(l),
              l.debitRupiah === '0' ? null : { rupiah: BigInt(l.debitRupiah) },
              l.creditRupiah === '0' ? null : { rupiah: BigInt(l.creditRupiah) },
              { rupiah: BigInt(l.balanceRupiah) },
            ] as ReportDocument['sections'][number]['rows'][number]['cells'],
          })),
          {
            cells: [
              { date: st.to },
              'Saldo akhir',
              { rupiah: st.lines.reduce((s, l) => s + BigInt(l.debitRupiah), 0n) },
              { rupiah: st.lines.reduce((s, l) => s + BigInt(l.creditRupiah), 0n) },
              { rupiah: BigInt(st.closingBalanceRupiah) },
            ],
            style: 'total',
          },
        ],
      },
    ],
  };
}

/** "Bagi hasil (nisbah 30,00 %, setara 0,612 % sebulan)": a bagi hasil line names its nisbah. */
function lineLabel(l: StatementLine): string {
  const label = KIND_LABEL_ID[l.kind] ?? l.kind;
  if (!l.nisbahAnggotaPercent) return label;
  const id = (x: string) => x.replace('.', ',');
  const rate = l.ratePerMonthPercent ? `, setara ${id(l.ratePerMonthPercent)} % sebulan` : '';
  return `${label} (nisbah ${id(l.nisbahAnggotaPercent)} %${rate})`;
}
