import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenedDeps } from '../../../src/services/deps.js';
import { runCli, type CliRun } from './run-cli.js';

/**
 * `sokoguru bagi-hasil compute`: a month's profit distribution from a file, no database (the
 * harness counts what was opened); bad files refused with exit 2 and a sentence per problem.
 */

const noDatabase = {} as OpenedDeps;
const example = resolve(import.meta.dirname, '../../../docs/examples/bagi-hasil-2025-06.json');
const dir = mkdtempSync(join(tmpdir(), 'sg-bagi-hasil-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const compute = (args: string[]) => runCli(noDatabase, ['bagi-hasil', 'compute', ...args]);

function expectRefused(r: CliRun, prefix: 'Kesalahan' | 'Error', says: string[]) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.opened).toBe(0);
  expect(r.stderr).toMatch(new RegExp(`^(${prefix}: [^\\n]+\\n)+$`));
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  for (const s of says) expect(r.stderr).toContain(s);
}

const account = (id: string, balances: unknown[]) => ({ id, balances });
const month = (over: Record<string, unknown> = {}, accounts: unknown[] = []) => ({
  days: 30,
  incomeRupiah: 960000,
  averageFinancingRupiah: '40000000',
  products: [{ code: 'P1', nisbahAnggotaPercent: 30, weightPercent: 85, accounts }],
  ...over,
});

describe('sokoguru bagi-hasil compute', () => {
  it('the worked example of sharia.md §b.3 as JSON: A1 36.894, A2 7.177, B1 205.200; 0,612 and 1,026 %', async () => {
    const r = await compute(['--input', example, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.opened).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      products: [
        { code: 'P1', poolRupiah: '44071', ratePerMonthPercent: '0.612' },
        { code: 'P2', poolRupiah: '205200', ratePerMonthPercent: '1.026' },
      ],
      accounts: [
        { id: 'A1', shareRupiah: '36894' },
        { id: 'A2', shareRupiah: '7177' },
        { id: 'B1', shareRupiah: '205200' },
      ],
    });
  });

  it('without --json: the products and accounts as tables, the total paid and what the KSPPS keeps', async () => {
    const r = await compute(['--input', example]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^P1 +30,00 +85,00 +216\.034\.450 +7\.201\.148,33 .* 44\.071 +0,612$/m,
    );
    expect(r.stdout).toMatch(/^A2 +P1 +35\.180\.950 +7\.176,9138 +7\.177$/m);
    expect(r.stdout).toMatch(/^Jumlah +249\.271$/m);
    expect(r.stdout).toContain('Rp 710.729');
    expect(r.stdout).toContain('di bawah pembiayaan');
  });

  it('percents with decimals, rupiah as digit strings, numeric account ids', async () => {
    const doc = month({}, [
      { id: 17, balances: [{ fromDay: 1, toDay: 30, balanceRupiah: '1000000' }] },
    ]);
    doc.products[0]!.nisbahAnggotaPercent = 45.5;
    const r = await compute(['--input', file('decimals.json', doc), '--json']);
    expect(r.stderr).toBe('');
    // S = 1.000.000, I = 850.000 < F: R = 960.000 × 850.000 / 40.000.000 = 20.400; × 45,5 % = 9.282
    expect(JSON.parse(r.stdout)).toEqual({
      products: [{ code: 'P1', poolRupiah: '9282', ratePerMonthPercent: '0.928' }],
      accounts: [{ id: '17', shareRupiah: '9282' }],
    });
  });

  it('a bad file: one Indonesian sentence per problem, exit 2, nothing opened', async () => {
    const bad = file(
      'bad.json',
      month({ days: 32, incomeRupiah: -1, extra: true }, [
        account('A1', [{ fromDay: 0, toDay: 10, balanceRupiah: -5 }]),
      ]),
    );
    const r = await compute(['--input', bad, '--json']);
    expectRefused(r, 'Kesalahan', [
      'isian "days" tidak valid: harus jumlah hari bulan itu, bilangan bulat 28–31',
      'isian "incomeRupiah" tidak valid: harus rupiah bulat tidak negatif',
      'isian "extra" tidak dikenal',
      'isian "products[0].accounts[0].balances[0].fromDay" tidak valid',
      'isian "products[0].accounts[0].balances[0].balanceRupiah" tidak valid',
    ]);
  });

  it('percents: too many decimals, negative, above 100', async () => {
    const bad = file('percent.json', {
      ...month(),
      products: [
        { code: 'P1', nisbahAnggotaPercent: 30.12345, weightPercent: '-5', accounts: [] },
        { code: 'P2', nisbahAnggotaPercent: 100.5, weightPercent: 85, accounts: [] },
      ],
    });
    expectRefused(await compute(['--input', bad]), 'Kesalahan', [
      'isian "products[0].nisbahAnggotaPercent" tidak valid (lebih dari 4 desimal)',
      'isian "products[0].weightPercent" tidak valid (negatif)',
      'isian "products[1].nisbahAnggotaPercent" tidak valid (lebih dari 100)',
    ]);
  });

  it('segments overlapping, past the month’s last day or backwards; ids and codes twice; missing fields', async () => {
    const bad = file(
      'segments.json',
      month({ days: 30 }, [
        account('A1', [
          { fromDay: 1, toDay: 10, balanceRupiah: 1 },
          { fromDay: 10, toDay: 20, balanceRupiah: 1 },
        ]),
        account('A2', [{ fromDay: 25, toDay: 31, balanceRupiah: 1 }]),
        account('A1', [{ fromDay: 9, toDay: 3, balanceRupiah: 1 }]),
      ]),
    );
    expectRefused(await compute(['--input', bad]), 'Kesalahan', [
      'segmen products[0].accounts[0].balances[1] (hari 10–20) bertumpuk dengan products[0].accounts[0].balances[0] (hari 1–10) pada rekening "A1"',
      'segmen products[0].accounts[1].balances[0] rekening "A2": hari 31 di luar bulan 30 hari',
      'nomor rekening "A1" (products[0].accounts[2]) dipakai dua kali (juga products[0].accounts[0])',
      'segmen products[0].accounts[2].balances[0] rekening "A1": toDay 3 sebelum fromDay 9',
    ]);
    const missing = file('missing.json', { days: 30, products: [{ code: 'P1' }] });
    expectRefused(await compute(['--input', missing]), 'Kesalahan', [
      'isian "incomeRupiah" wajib ada',
      'isian "products[0].nisbahAnggotaPercent" wajib ada',
      'isian "products[0].accounts" wajib ada',
    ]);
  });

  it('not JSON, not an object; --lang en in English', async () => {
    expectRefused(await compute(['--input', file('broken.json', '{')]), 'Kesalahan', [
      'bukan JSON yang sah',
    ]);
    expectRefused(await compute(['--input', file('array.json', '[]')]), 'Kesalahan', [
      'isian isi berkas tidak valid: harus objek JSON',
    ]);
    const bad = file(
      'en.json',
      month({ days: 27 }, [account('A1', [{ fromDay: 1, toDay: 3, balanceRupiah: 1.5 }])]),
    );
    const r = await runCli(noDatabase, ['--lang', 'en', 'bagi-hasil', 'compute', '--input', bad]);
    expectRefused(r, 'Error', [
      'field "days" is invalid: expected the number of days of the month, a whole number 28–31',
      'field "products[0].accounts[0].balances[0].balanceRupiah" is invalid: expected whole rupiah',
    ]);
  });
});
