import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runMonthEnd } from '../../../src/services/month-end.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { deposit } from '../../../src/services/savings.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { ksppsWorld, workedExampleBooks } from './world.js';

/**
 * The statements of a KSPPS (issue 21 item 6; docs/domain/sharia-statements.md) on the worked
 * example of sharia.md §b.3 (June 2025), through the statements route every statement uses: the
 * mudharabah funds as dana syirkah temporer in the neraca, the bagi hasil untuk pemilik dana in the
 * PHU, the zakat and kebajikan reports and the rekonsiliasi pendapatan dan bagi hasil, as JSON,
 * PDF and Excel; a conventional cooperative gets none of the three.
 */

let now = new Date('2025-05-02T03:00:00Z');
const file = testAppForFile({ clock: () => now });

type Cell = string | { rupiah: string } | null;
interface Doc {
  title: string;
  sections: { title?: string; rows: { cells: Cell[]; style?: string }[] }[];
  notes?: string[];
}
const rupiah = (c: Cell | undefined) =>
  c && typeof c === 'object' && 'rupiah' in c ? BigInt(c.rupiah) : null;
/** The amount of the row whose label is exactly this (first column), in the current period. */
const amountOf = (d: Doc, label: string) => {
  const row = d.sections.flatMap((s) => s.rows).find((r) => r.cells[0] === label);
  if (!row) throw new Error(`no row "${label}" in ${d.title}`);
  return rupiah(row.cells[1]);
};
const get = async (c: Client, url: string) => {
  const r = await c.request('GET', url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Doc>();
};

/** The §b.3 books (./world.ts), a wadiah balance and salaries, the month-end of June 2025 and zakat and kebajikan receipts and uses in June. */
async function juneBooks() {
  const w = await ksppsWorld(file, (d) => (now = d), {
    name: 'KSPPS Uji Laporan',
    start: '2025-05-02',
    berjangkaTenors: [{ tenorMonths: 3, nisbahAnggotaBps: 4500 }],
  });
  const { a1, m3 } = await workedExampleBooks(file, w);
  // B1's member also keeps 1.500.000 in wadiah
  const june = await w.sessionOn('2025-06-24');
  await deposit(file.deps, june.teller, {
    sessionId: june.sessionId,
    accountId: await w.accountOf(m3, 'SS'),
    amountRupiah: 1_500_000n,
  });
  // salaries have no role in the chart: by the account's code
  await w.post('2025-06-25', [
    { role: 'cash', c: 300_000n },
    { code: '5201', d: 300_000n },
  ]);
  // baitul maal: zakat from the public, partly given to a fakir
  const kasir = await makeUser(file.deps, w.coop, ['kasir']);
  const staff = {
    kasir: await signIn(file.app, kasir.username),
    pengurus: await signIn(file.app, w.pengurusUser.username),
  };
  let key = 0;
  const bm = (c: Client, path: string, body: unknown) =>
    c.request('POST', `/api/v1/orgs/${w.coop.id}/baitul-maal/${path}`, body, {
      'idempotency-key': `st-${w.coop.id}-${key++}`,
    });
  expect(
    (
      await bm(staff.kasir, 'receipts', {
        fund: 'zakat',
        receiptDate: '2025-06-05',
        source: 'public',
        giverName: 'H. Abdul Karim',
        amountRupiah: '2500000',
        description: 'Zakat maal',
      })
    ).statusCode,
  ).toBe(201);
  expect(
    (
      await bm(staff.pengurus, 'distributions', {
        fund: 'zakat',
        distributionDate: '2025-06-12',
        asnaf: 'fakir',
        recipientName: 'Mbah Sutinah',
        amountRupiah: '1000000',
        description: 'Zakat untuk fakir',
      })
    ).statusCode,
  ).toBe(201);
  now = new Date('2025-07-01T03:00:00Z');
  await runMonthEnd(file.deps, w.pengurus, '2025-06');
  // the readers sign in after the month (a session of June has expired by July)
  staff.pengurus = await signIn(file.app, w.pengurusUser.username);
  return { w, staff, a1 };
}

describe('KSPPS statements (PSAK 101)', () => {
  it('the neraca shows the mudharabah funds as dana syirkah temporer and the PHU the bagi hasil untuk pemilik dana', async () => {
    const { w, staff } = await juneBooks();
    const base = `/api/v1/orgs/${w.coop.id}/statements`;

    const neraca = await get(staff.pengurus, `${base}/neraca?period=2025-06`);
    expect(neraca.sections.map((s) => s.title)).toEqual([
      'ASET',
      'LIABILITAS, DANA SYIRKAH TEMPORER DAN EKUITAS',
      undefined,
    ]);
    // the funds in the books: SM and SB balances after June's shares
    const funds = await sql<{ akad: string; b: bigint }>`
      select p.akad, sum(a.balance_rupiah)::bigint as b from savings_accounts a
        join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${w.coop.id} group by p.akad order by p.akad`.execute(
      file.deps.database.db,
    );
    const byAkad = Object.fromEntries(funds.rows.map((r) => [r.akad, r.b]));
    // A1 6.980.000 + 36.894 (its §b.3 share with A2 absent is larger: read it from the books)
    // its own heading: the accounts sit in the liabilities' group of the chart
    const right = neraca.sections[1]!.rows;
    const heading = right.findIndex((r) => r.cells[0] === 'DANA SYIRKAH TEMPORER');
    expect(right[heading]?.style).toBe('header');
    expect(right[heading - 1]?.cells[0]).toBe('JUMLAH LIABILITAS');
    const syirkah = amountOf(neraca, 'JUMLAH DANA SYIRKAH TEMPORER');
    expect(syirkah).toBe(byAkad.mudharabah! + byAkad.mudharabah_berjangka!);
    expect(amountOf(neraca, '2102  Simpanan mudharabah')).toBe(byAkad.mudharabah);
    expect(amountOf(neraca, '2103  Simpanan mudharabah berjangka')).toBe(
      byAkad.mudharabah_berjangka,
    );
    // wadiah stays a liability, beside the zakat fund still to be distributed
    expect(amountOf(neraca, '2101  Simpanan wadiah')).toBe(byAkad.wadiah);
    const aset = amountOf(neraca, 'JUMLAH ASET');
    const liab = amountOf(neraca, 'JUMLAH LIABILITAS')!;
    const ekuitas = amountOf(neraca, 'JUMLAH EKUITAS')!;
    expect(aset).toBe(liab + syirkah! + ekuitas);
    expect(amountOf(neraca, 'JUMLAH LIABILITAS, DANA SYIRKAH TEMPORER DAN EKUITAS')).toBe(aset);
    expect(neraca.notes?.[0]).toBe(
      'Aset = liabilitas + dana syirkah temporer + ekuitas: seimbang.',
    );

    const phu = await get(staff.pengurus, `${base}/phu?period=2025-06`);
    expect(phu.sections.map((s) => s.title)).toEqual([
      'PENDAPATAN USAHA',
      'BAGI HASIL UNTUK PEMILIK DANA',
      'BEBAN',
      'PENDAPATAN NONUSAHA',
      undefined,
    ]);
    const d = await sql<{ distributed: bigint; income: bigint }>`
      select distributed_rupiah as distributed, income_rupiah as income from bagi_hasil_distributions
      where cooperative_id = ${w.coop.id} and period = '2025-06'`.execute(file.deps.database.db);
    const shared = d.rows[0]!.distributed;
    expect(shared).toBeGreaterThan(0n);
    expect(amountOf(phu, 'JUMLAH PENDAPATAN USAHA')).toBe(960_000n);
    expect(amountOf(phu, 'JUMLAH BAGI HASIL UNTUK PEMILIK DANA')).toBe(shared);
    expect(
      amountOf(phu, 'PENDAPATAN USAHA SETELAH BAGI HASIL UNTUK PEMILIK DANA (HAK KOPERASI)'),
    ).toBe(960_000n - shared);
    expect(amountOf(phu, 'JUMLAH BEBAN')).toBe(300_000n);
    expect(amountOf(phu, 'SISA HASIL USAHA (SHU)')).toBe(960_000n - shared - 300_000n);
  });

  it('the zakat, kebajikan and rekonsiliasi statements read the funds and the month-end, as JSON, PDF and Excel', async () => {
    const { w, staff } = await juneBooks();
    const base = `/api/v1/orgs/${w.coop.id}/statements`;
    const zakat = await get(staff.pengurus, `${base}/dana-zakat?period=2025-06`);
    expect(zakat.title).toBe('Laporan Sumber dan Penyaluran Dana Zakat');
    expect(amountOf(zakat, 'Jumlah sumber dana')).toBe(2_500_000n);
    expect(amountOf(zakat, 'Fakir')).toBe(1_000_000n);
    expect(amountOf(zakat, 'Saldo akhir')).toBe(1_500_000n);
    // the same figures as the baitul maal's own report for the month
    const own = await staff.pengurus.request(
      'GET',
      `/api/v1/orgs/${w.coop.id}/baitul-maal/reports/zakat?from=2025-06-01&to=2025-06-30`,
    );
    expect(own.json<{ closingRupiah: string }>().closingRupiah).toBe('1500000');
    const kebajikan = await get(staff.pengurus, `${base}/dana-kebajikan?period=2025-06`);
    expect(kebajikan.title).toBe('Laporan Sumber dan Penggunaan Dana Kebajikan');
    expect(amountOf(kebajikan, 'Saldo akhir')).toBe(0n);

    const rk = await get(staff.pengurus, `${base}/rekonsiliasi-bagi-hasil?from=2025-05&to=2025-06`);
    const june = rk.sections[0]!.rows.find((r) => r.cells[0] === 'Juni 2025')!;
    const report = await staff.pengurus.request(
      'GET',
      `/api/v1/orgs/${w.coop.id}/bagi-hasil/distributions/2025-06`,
    );
    const dist = report.json<{ distributedRupiah: string; retainedRupiah: string }>();
    expect(june.cells.slice(1).map(rupiah)).toEqual([
      960_000n,
      0n,
      0n,
      0n,
      960_000n,
      BigInt(dist.distributedRupiah),
      BigInt(dist.retainedRupiah),
    ]);
    // May had no financing income: its month-end did not run, so it has no row; the total is June's
    expect(rk.sections[0]!.rows.map((r) => r.cells[0])).toEqual(['Juni 2025', 'JUMLAH']);

    const pdf = await staff.pengurus.request(
      'GET',
      `${base}/rekonsiliasi-bagi-hasil?period=2025-06&format=pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await staff.pengurus.request(
      'GET',
      `${base}/dana-zakat?period=2025-06&format=xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues()
      .flat()
      .filter((v) => v !== undefined);
    expect(cells).toContain('Laporan Sumber dan Penyaluran Dana Zakat');
    expect(cells).toContain(1_500_000);
  });

  it('a conventional cooperative has no sharia statements and keeps its savings in KEWAJIBAN', async () => {
    const ksp = await createOrganization(
      file.deps,
      {
        kind: 'cooperative',
        name: `KSP Uji Laporan ${Date.now().toString(36)}`,
        cooperativeType: 'KSP',
        cooperativeForm: 'primer',
        regencyCode: '3375',
        provinceCode: '33',
      },
      'test',
    );
    const u = await makeUser(file.deps, ksp, ['pengurus']);
    const c = await signIn(file.app, u.username);
    for (const [kind, name] of [
      ['dana-zakat', 'sumber dan penyaluran dana zakat'],
      ['dana-kebajikan', 'sumber dan penggunaan dana kebajikan'],
      ['rekonsiliasi-bagi-hasil', 'rekonsiliasi pendapatan dan bagi hasil'],
    ]) {
      const r = await c.request('GET', `/api/v1/orgs/${ksp.id}/statements/${kind}?period=2025-06`);
      expect(r.statusCode).toBe(422);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json<{ code: string; detail: string }>()).toMatchObject({
        code: 'STATEMENT_SHARIA_ONLY',
        detail: `Laporan ${name} hanya disusun oleh koperasi syariah (KSPPS).`,
      });
    }
    const en = await c.request(
      'GET',
      `/api/v1/orgs/${ksp.id}/statements/dana-zakat?period=2025-06`,
      undefined,
      { 'accept-language': 'en' },
    );
    expect(en.json<{ detail: string }>().detail).toBe(
      'The sumber dan penyaluran dana zakat statement is kept by sharia cooperatives (KSPPS) only.',
    );
    const neraca = await get(c, `/api/v1/orgs/${ksp.id}/statements/neraca?period=2025-06`);
    expect(neraca.sections[1]!.title).toBe('KEWAJIBAN DAN EKUITAS');
  });
});
