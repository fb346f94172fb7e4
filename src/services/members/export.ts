import { exceljs } from '../../reports/libraries.js';
import { membersWithBalances } from '../../db/members-import.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';

/** Members and their balances per kind, with wajib arrears, as a spreadsheet. */
export async function exportMembers(deps: Deps, ctx: OrgContext): Promise<Buffer> {
  const asOf = businessDateWib(deps.clock());
  const rows = await inOrg(deps, ctx, ({ tx }) =>
    membersWithBalances(tx, ctx.organizationId, asOf),
  );
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'Sokoguru';
  const ws = wb.addWorksheet('Anggota dan saldo');
  const rupiah = { numFmt: '#,##0' };
  ws.columns = [
    { header: 'Nomor anggota', key: 'n', width: 14 },
    { header: 'Nama', key: 'name', width: 28 },
    { header: 'NIK', key: 'nik', width: 20, style: { numFmt: '@' } },
    { header: 'Status', key: 'status', width: 10 },
    { header: 'Tanggal masuk', key: 'joined', width: 13 },
    { header: 'Telepon', key: 'phone', width: 16 },
    { header: 'Simpanan pokok', key: 'pokok', width: 14, style: rupiah },
    { header: 'Simpanan wajib', key: 'wajib', width: 14, style: rupiah },
    { header: 'Simpanan sukarela', key: 'sukarela', width: 16, style: rupiah },
    { header: 'Simpanan berjangka', key: 'berjangka', width: 16, style: rupiah },
    { header: `Tunggakan wajib per ${asOf}`, key: 'arrears', width: 16, style: rupiah },
  ];
  ws.getRow(1).font = { bold: true };
  // Excel numbers are doubles: exact for rupiah below 2^53 (9 quadrillion), far above any balance.
  for (const r of rows)
    ws.addRow({
      n: r.member_number,
      name: r.full_name,
      nik: r.nik,
      status: r.status,
      joined: r.joined_on,
      phone: r.phone,
      pokok: Number(r.pokok),
      wajib: Number(r.wajib),
      sukarela: Number(r.sukarela),
      berjangka: Number(r.berjangka),
      arrears: Number(r.arrears),
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
