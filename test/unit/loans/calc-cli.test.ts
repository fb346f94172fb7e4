import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect as expectGlobal, it, type ExpectStatic } from 'vitest';
import { parseLoanOptions } from '../../../src/cli/calc.js';

/** `sokoguru calc loan` end to end: the real bin, a child process, no database. */
const root = resolve(import.meta.dirname, '../../..');

function sokoguru(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['bin/sokoguru.mjs', ...args],
      { cwd: root, timeout: 30_000, env: { ...process.env, LOG_LEVEL: 'silent' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        done({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

interface Row {
  instalmentNo: number;
  dueOn: string;
  principal: number;
  interest: number;
  total: number;
  remaining: number;
}
interface Output {
  instalments: Row[];
  totals: { principal: number; interest: number; total: number };
}

const loan = (method: string, extra: string[] = []) => [
  'calc',
  'loan',
  '--method',
  method,
  '--principal',
  '10000000',
  '--rate',
  '1.5',
  '--rate-period',
  'month',
  '--tenor',
  '12',
  '--start',
  '2026-12-01',
  ...extra,
  '--json',
];

function checkSums(expect: ExpectStatic, out: Output, principal: number) {
  const sum = (f: (r: Row) => number) => out.instalments.reduce((s, r) => s + f(r), 0);
  expect(out.instalments.map((r) => r.instalmentNo)).toEqual(
    Array.from({ length: out.instalments.length }, (_, i) => i + 1),
  );
  for (const r of out.instalments) {
    expect(Number.isInteger(r.principal) && Number.isInteger(r.interest)).toBe(true);
    expect(r.total).toBe(r.principal + r.interest);
    expect(Math.min(r.principal, r.interest, r.remaining)).toBeGreaterThanOrEqual(0);
  }
  expect(sum((r) => r.principal)).toBe(principal);
  expect(out.totals.principal).toBe(principal);
  expect(sum((r) => r.interest)).toBe(out.totals.interest);
  expect(sum((r) => r.total)).toBe(out.totals.total);
  expect(out.totals.total).toBe(principal + out.totals.interest);
  expect(out.instalments.at(-1)?.remaining).toBe(0);
}

describe('sokoguru calc loan', () => {
  // totals from the hand-worked examples in schedule.test.ts (loans.md: 1,800,000 / 975,000 / 1,001,599)
  it.for([
    ['flat', 1_800_000],
    ['effective', 975_000],
    ['annuity', 1_001_599],
    ['murabahah', 1_800_000],
  ] as const)(
    '%s: the JSON schedule sums to principal + interest',
    async ([method, interest], { expect }) => {
      const r = await sokoguru(loan(method));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as Output;
      expect(out.instalments).toHaveLength(12);
      checkSums(expect, out, 10_000_000);
      expect(out.totals.interest).toBe(interest);
      expect(out.instalments[0]?.dueOn).toBe('2027-01-01');
    },
  );

  it('grace: the first instalments pay interest only, a yearly rate is divided by 12', async ({
    expect,
  }) => {
    const args = loan('effective', ['--grace', '3']).map((a) =>
      a === 'month' ? 'year' : a === '1.5' ? '18' : a,
    );
    const r = await sokoguru(args);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Output;
    checkSums(expect, out, 10_000_000);
    expect(out.instalments.slice(0, 3).map((i) => [i.principal, i.interest])).toEqual([
      [0, 150_000],
      [0, 150_000],
      [0, 150_000],
    ]);
    expect(out.instalments[3]?.principal).toBe(1_111_111); // floor(10,000,000 / 9)
  });

  it('without --json prints a table with the totals', async ({ expect }) => {
    const r = await sokoguru(loan('flat').filter((a) => a !== '--json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Jatuh tempo/);
    expect(r.stdout).toMatch(/Jumlah\s+10\.000\.000\s+1\.800\.000\s+11\.800\.000/);
  });

  // each child process costs ~1.5 s of start-up: two refusals end to end (ours and commander's) …
  it.for([
    [['--grace', '12'], /masa tenggang pokok .* harus antara 0 dan 11/],
    [['--unknown'], /opsi tidak dikenal/],
  ] as const)(
    'bad input %j: Indonesian message on stderr, exit code 2',
    async ([bad, message], { expect }) => {
      const args = loan('flat');
      const i = args.indexOf(bad[0]);
      if (i >= 0) args.splice(i, 2, ...bad);
      else args.push(...bad);
      const r = await sokoguru(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Kesalahan: /);
      expect(r.stderr).toMatch(message);
    },
  );

  it('a missing option is named', async ({ expect }) => {
    const r = await sokoguru(['calc', 'loan', '--method', 'flat', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/opsi --principal wajib diisi/);
  });
});

// … and the rest of the validation in-process, through the same parser the command uses
describe('calc loan option checks', () => {
  const good = {
    method: 'flat',
    principal: '10000000',
    rate: '1.5',
    ratePeriod: 'month',
    tenor: '12',
    start: '2026-12-01',
    json: true,
  };
  it.each([
    [{ method: 'balon' }, /metode "balon" tidak dikenal/],
    [{ method: undefined }, /opsi --method wajib diisi/],
    [{ principal: '10jt' }, /pokok pinjaman harus bilangan bulat/],
    [{ principal: '0' }, /pokok pinjaman harus lebih dari 0/],
    [{ principal: '10.000.00' }, /pokok pinjaman harus bilangan bulat/],
    [{ rate: 'satu' }, /suku bunga harus angka persen/],
    [{ rate: '150' }, /terlalu besar/],
    [{ ratePeriod: 'week' }, /--rate-period harus month/],
    [{ tenor: '0' }, /jangka waktu .* harus antara 1 dan 1000/],
    [{ tenor: '1.5' }, /harus bilangan bulat/],
    [{ start: '2026-02-30' }, /tanggal --start harus tanggal yang ada/],
    [{ start: '01-12-2026' }, /format TTTT-BB-HH/],
    [{ grace: '-1' }, /harus bilangan bulat/],
  ])('%j is refused', (bad, message) => {
    expectGlobal(() => parseLoanOptions({ ...good, ...bad })).toThrow(message);
  });
  it('accepts Indonesian spellings: 10.000.000, 1,5, bulan; --start defaults to today', () => {
    expectGlobal(
      parseLoanOptions(
        { ...good, principal: '10.000.000', rate: '1,5', ratePeriod: 'bulan', start: undefined },
        '2026-05-05',
      ),
    ).toEqual({
      method: 'flat',
      principalRupiah: 10_000_000n,
      ratePercent: '1.5',
      ratePeriod: 'month',
      tenor: 12,
      startDate: '2026-05-05',
      grace: 0,
    });
  });
});
