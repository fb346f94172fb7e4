import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpenedDeps } from '../../../src/services/deps.js';
import { runCli, type CliRun } from './run-cli.js';

/**
 * `sokoguru shu compute`: the year's SHU shared from a file, no database (the harness counts what
 * was opened); bad files refused with exit 2 and a sentence per problem, in Indonesian or English.
 */

const noDatabase = {} as OpenedDeps;
const example = resolve(import.meta.dirname, '../../../docs/examples/shu-2025.json');
const dir = mkdtempSync(join(tmpdir(), 'sg-shu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exampleInput = () => JSON.parse(readFileSync(example, 'utf8')) as Record<string, unknown>;
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const compute = (args: string[], lang: string[] = []) =>
  runCli(noDatabase, [...lang, 'shu', 'compute', ...args]);

function expectRefused(r: CliRun, prefix: 'Kesalahan' | 'Error', says: string[]) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.opened).toBe(0);
  expect(r.stderr).toMatch(new RegExp(`^(${prefix}: [^\\n]+\\n)+$`));
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  for (const s of says) expect(r.stderr).toContain(s);
}

describe('sokoguru shu compute', () => {
  it('the reference example as JSON: pools per post, A 8,333,333, B 2,222,222, C 11,944,445', async () => {
    const r = await compute(['--input', example, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.opened).toBe(0);
    const out = JSON.parse(r.stdout) as {
      allocation: Record<string, string>;
      members: Record<string, string>[];
    };
    expect(out.allocation).toEqual({
      cadangan: '20000000',
      jasaModal: '10000000',
      jasaUsaha: '12500000',
      danaPengurus: '2500000',
      danaKaryawan: '2500000',
      danaPendidikan: '1250000',
      danaSosial: '1250000',
      danaPembangunanDaerahKerja: '0',
    });
    expect(out.members).toEqual([
      {
        id: 'A',
        jasaModal: '3333333',
        jasaUsaha: '5000000',
        total: '8333333',
        tax: '0',
        deductions: '0',
        net: '8333333',
      },
      {
        id: 'B',
        jasaModal: '2222222',
        jasaUsaha: '0',
        total: '2222222',
        tax: '0',
        deductions: '0',
        net: '2222222',
      },
      {
        id: 'C',
        jasaModal: '4444445',
        jasaUsaha: '7500000',
        total: '11944445',
        tax: '0',
        deductions: '0',
        net: '11944445',
      },
    ]);
  });

  it('average basis and a payout before 2021: the leftover rupiah to B, 10 % tax', async () => {
    const path = file('average-2020.json', {
      ...exampleInput(),
      jasaModalBasis: 'average',
      payoutDate: '2020-12-31',
    });
    const r = await compute(['--input', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      members: Record<string, string>[];
      taxRatePercent: string;
    };
    expect(out.taxRatePercent).toBe('10');
    expect(out.members.map((m) => [m.id, m.jasaModal, m.total, m.tax, m.net])).toEqual([
      ['A', '4000000', '9000000', '900000', '8100000'],
      ['B', '2666667', '2666667', '266666', '2400001'],
      ['C', '3333333', '10833333', '1083333', '9750000'],
    ]);
  });

  it('the table: allocation and members in Indonesian with thousands dots', async () => {
    const r = await compute(['--input', example]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Pembagian SHU');
    expect(r.stdout).toMatch(/Jasa modal +20 +10\.000\.000 +0 +10\.000\.000/);
    expect(r.stdout).toMatch(/C +4\.444\.445 +7\.500\.000 +11\.944\.445/);
  });

  it('bad files: a sentence per problem, exit 2, nothing opened', async () => {
    expectRefused(
      await compute(['--input', file('broken.json', '{ "shuAnggota": ')]),
      'Kesalahan',
      ['bukan JSON yang sah'],
    );
    const bad = {
      ...exampleInput(),
      shuAnggota: -5,
      payoutDate: '2026-02-30',
      jasaModalBasis: 'median',
      members: [
        { id: 'A', monthEndModal: [1, 2, 3], jasaUsaha: { pinjaman: 10 } },
        { id: 'B', monthEndModal: Array(12).fill(0), jasaUsaha: { Toko: 1 }, warna: 'biru' },
      ],
    };
    expectRefused(await compute(['--input', file('bad.json', bad)]), 'Kesalahan', [
      'isian "shuAnggota" tidak valid: harus rupiah bulat tidak negatif',
      'isian "payoutDate" tidak valid: harus tanggal yang ada',
      'isian "jasaModalBasis" tidak valid: harus "year-end" atau "average"',
      'isian "members[0].monthEndModal" tidak valid: harus daftar 12 saldo akhir bulan',
      'isian "members[1].warna" tidak dikenal',
    ]);
    const over = {
      ...exampleInput(),
      allocation: { ...(exampleInput().allocation as object), cadangan: 45 },
      jasaUsahaWeights: { toko: 1 },
      members: [
        { id: 'A', monthEndModal: Array(12).fill(1), jasaUsaha: { pinjaman: 1 } },
        { id: 'A', monthEndModal: Array(12).fill(1), jasaUsaha: {} },
      ],
    };
    expectRefused(await compute(['--input', file('over.json', over)]), 'Kesalahan', [
      '"allocation" berjumlah 105 %, harus tepat 100 %',
      'nomor anggota "A" (members[1]) dipakai dua kali (juga members[0])',
      'bidang usaha "pinjaman" dipakai anggota tetapi tidak ada bobotnya di "jasaUsahaWeights"',
    ]);
    expectRefused(await compute(['--input', file('over.json', over)], ['--lang', 'en']), 'Error', [
      '"allocation" totals 105 %, it must be exactly 100 %',
    ]);
  });
});
