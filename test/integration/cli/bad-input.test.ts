import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksum } from '../../../src/services/backup.js';
import type { OrganizationView } from '../../../src/services/organizations.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative, makeDinas } from '../../support/fixtures.js';
import { leafCommands, runCli, type CliRun } from './run-cli.js';

/**
 * Every `sokoguru` command refuses bad input the same way: a message per bad option in Indonesian
 * (English with --lang en) on stderr, exit 2, no stack trace, nothing opened and nothing changed;
 * an unknown cooperative or organisation is exit 3. The commands are enumerated from the program
 * itself, so a new command fails here until it has its bad cases.
 */

const U = '3f2b8c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b'; // well-formed; validation refuses before lookup
const dir = mkdtempSync(join(tmpdir(), 'sg-cli-bad-'));
const missing = join(dir, 'tidak-ada.sgb.gz');
const calc = [
  ...['--method', 'flat', '--principal', '10000000', '--rate', '1.5', '--rate-period', 'month'],
  ...['--tenor', '12', '--start', '2026-12-01'],
];
const calcWith = (option: string, value: string) => {
  const a = [...calc];
  a[a.indexOf(option) + 1] = value;
  return a;
};

/** Bad command lines per command, each with a piece of the message it must get. */
const BAD: Record<string, [string[], string][]> = {
  serve: [
    [['--port', 'abc'], '--port "abc" tidak valid: harus nomor port 1–65535'],
    [['--port', '70000'], '--port "70000" tidak valid'],
  ],
  migrate: [[['sekarang'], 'argumen berlebih untuk perintah migrate']],
  'seed-demo': [[['--demo'], 'opsi tidak dikenal: --demo']],
  'create-org': [
    [
      ['--kind', 'bank', '--name', 'Koperasi Maju'],
      '--kind "bank" tidak dikenal; pilih salah satu: cooperative, dinas',
    ],
    [['--name', 'Koperasi Maju'], '--kind wajib diisi'],
    [
      ['--kind', 'cooperative', '--name', 'Koperasi Maju', '--badan-hukum-date', '2026-02-30'],
      '--badan-hukum-date "2026-02-30" tidak valid: harus tanggal yang ada',
    ],
    [
      ['--kind', 'cooperative', '--name', 'Koperasi Maju', '--dinas', 'dinas-1'],
      '--dinas "dinas-1" tidak valid: harus id berbentuk uuid',
    ],
    [
      ['--kind', 'cooperative', '--name', 'Koperasi Maju', '--nik-koperasi', '123'],
      '--nik-koperasi "123" tidak valid',
    ],
    [
      ['--kind', 'cooperative', '--name', 'Koperasi Maju', '--type', 'BANK'],
      '--type "BANK" tidak dikenal',
    ],
    [['--kind', 'dinas', '--name', 'Dinas Koperasi'], '--region wajib diisi'],
  ],
  'create-user': [
    [
      ['--org', 'abc', '--username', 'budi', '--full-name', 'Budi', '--role', 'admin'],
      '--org "abc" tidak valid',
    ],
    [
      ['--org', U, '--username', 'budi', '--full-name', 'Budi', '--role', 'admin,raja'],
      '--role "admin,raja" tidak dikenal; pilih salah satu',
    ],
    [
      ['--org', U, '--username', 'B!', '--full-name', 'Budi', '--role', 'admin'],
      '--username "B!" tidak valid: harus 3–64 huruf kecil',
    ],
    [['--org', U, '--username', 'budi', '--full-name', 'Budi'], '--role wajib diisi'],
  ],
  'audit verify': [[['--org', 'abc'], '--org "abc" tidak valid: harus id berbentuk uuid']],
  verify: [[['--coop', '1'], '--coop "1" tidak valid: harus id berbentuk uuid']],
  backup: [
    [['--org', 'abc', '--out', join(dir, 'a.sgb.gz')], '--org "abc" tidak valid'],
    [[], '--out wajib diisi'],
  ],
  restore: [
    [['--in', missing], `--in "${missing}" tidak valid: berkas tidak ada`],
    [[], '--in wajib diisi'],
  ],
  checksum: [[['--org', '42'], '--org "42" tidak valid']],
  'close-month': [
    [
      ['--coop', U, '--month', '2026-13'],
      '--month "2026-13" tidak valid: harus bulan, format TTTT-BB',
    ],
    [['--coop', U, '--month', '2026-10-31'], '--month "2026-10-31" tidak valid'],
    [['--coop', 'koperasi-a', '--month', '2026-10'], '--coop "koperasi-a" tidak valid'],
    [['--coop', U], '--month wajib diisi'],
  ],
  'close-year': [
    [['--coop', U, '--year', '25'], '--year "25" tidak valid: harus tahun buku, format TTTT'],
    [['--coop', U, '--year', '2025-12'], '--year "2025-12" tidak valid'],
    [['--coop', 'koperasi-a', '--year', '2025'], '--coop "koperasi-a" tidak valid'],
    [['--coop', U], '--year wajib diisi'],
  ],
  report: [
    [
      ['phu', '--coop', U, '--from', '2026-01-01', '--to', '2026-02'],
      '--from "2026-01-01" tidak valid: harus bulan',
    ],
    [
      ['phu', '--coop', 'abc', '--period', '2026-01'],
      '--coop "abc" tidak valid: harus id berbentuk uuid',
    ],
    [['phu', '--coop', U, '--period', '2026-13'], '--period "2026-13" tidak valid'],
    [['neraca', '--coop', U, '--period', '0000-01'], '--period "0000-01" tidak valid'],
    [
      ['laba-rugi', '--coop', U],
      '<kind> "laba-rugi" tidak dikenal; pilih salah satu: neraca-saldo',
    ],
    [
      ['buku-besar', '--coop', U, '--account', 'kas'],
      '--account "kas" tidak valid: harus kode akun',
    ],
    [['neraca', '--coop', U, '--format', 'docx'], '--format "docx" tidak dikenal'],
    [
      ['neraca', '--coop', U, '--json', '--format', 'pdf'],
      '--json tidak boleh dipakai bersama --format pdf',
    ],
    [['neraca'], '--coop wajib diisi'],
    [[], 'argumen kurang: <kind>'],
  ],
  'import members': [
    [[missing, '--coop', U], 'berkas tidak ada'],
    [[missing, '--coop', 'abc'], '--coop "abc" tidak valid'],
    [[missing, '--coop', U, '--lang', 'jv'], '--lang "jv" tidak dikenal'],
  ],
  'calc loan': [
    [calcWith('--method', 'balon'), 'metode "balon" tidak dikenal'],
    [calcWith('--principal', '10jt'), 'pokok pinjaman harus bilangan bulat rupiah'],
    [calcWith('--start', '2026-02-30'), 'tanggal --start harus tanggal yang ada'],
  ],
  'health assess': [
    [
      ['--rubric', 'perdep-2016', '--input', missing],
      '--rubric "perdep-2016" tidak dikenal; pilih salah satu: perdep-06-2016, perdep-07-2016, permenkop-09-2020',
    ],
    [['--rubric', 'perdep-06-2016', '--input', missing], 'berkas tidak ada'],
    [['--rubric', 'perdep-06-2016'], '--input wajib diisi'],
  ],
  'bagi-hasil compute': [
    [['--input', missing], `--input "${missing}" tidak valid: berkas tidak ada`],
    [[], '--input wajib diisi'],
    // a JSON file of another shape: every field of the month missing, each named
    [
      ['--input', resolve(import.meta.dirname, '../../../package.json')],
      'isian "days" wajib ada: jumlah hari bulan itu, bilangan bulat 28–31',
    ],
  ],
  'shu compute': [
    [['--input', missing], `--input "${missing}" tidak valid: berkas tidak ada`],
    [[], '--input wajib diisi'],
    [
      ['--input', resolve(import.meta.dirname, '../../../package.json')],
      'isian "shuAnggota" wajib ada: rupiah bulat tidak negatif',
    ],
  ],
  'rat verify': [
    [['--board', missing], `--board "${missing}" tidak valid: berkas tidak ada`],
    [[], '--board wajib diisi'],
    // JSON of another shape, and a file that is not JSON at all
    [
      ['--board', resolve(import.meta.dirname, '../../../package.json')],
      'bukan papan suara RAT (format sokoguru-rat-board/1)',
    ],
    [['--board', resolve(import.meta.dirname, '../../../README.md')], 'bukan JSON yang sah'],
  ],
  'health alerts': [
    [['--office', 'abc'], '--office "abc" tidak valid'],
    [[], '--office wajib diisi'],
  ],
  'loans auto-debit': [
    [
      ['--coop', U, '--date', '2026-02-30'],
      '--date "2026-02-30" tidak valid: harus tanggal yang ada',
    ],
    [['--coop', U, '--date', '2026-08'], '--date "2026-08" tidak valid'],
    [['--coop', 'abc', '--date', '2026-08-01'], '--coop "abc" tidak valid'],
  ],
};

let deps: TestDeps;
let coop: OrganizationView;
let dinas: OrganizationView;
beforeAll(async () => {
  deps = await testDeps();
  coop = await makeCooperative(deps);
  dinas = await makeDinas(deps);
});
afterAll(async () => {
  await deps.close();
  rmSync(dir, { recursive: true, force: true });
});

/** the whole database's checksum, once the audit sealer has sealed what the set-up wrote */
const digest = async () => {
  await deps.sealer.settle();
  return (await checksum(deps.database, null)).digest;
};

/** exit 2, one Indonesian sentence per line on stderr, no stack trace, nothing opened or printed */
function expectRefused(r: CliRun, says: string, words: string) {
  expect(r.code, `${words}: ${r.stderr}`).toBe(2);
  expect(r.stderr).toMatch(/^(Kesalahan: [^\n]+\n)+$/);
  expect(r.stderr).toContain(says);
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  expect(r.stdout).toBe('');
  expect(r.opened).toBe(0);
}

describe('sokoguru with bad input', () => {
  it('every command has bad cases here (a new command must add its own)', () => {
    const commands = leafCommands().map((c) => c.join(' '));
    expect(commands.length).toBeGreaterThanOrEqual(15);
    expect(commands.filter((c) => !BAD[c])).toEqual([]);
    expect(Object.keys(BAD).filter((c) => !commands.includes(c))).toEqual([]);
  });

  it('every command refuses its bad options and an unknown option: exit 2, Indonesian, no stack trace, nothing changed', async () => {
    const before = await digest();
    let runs = 0;
    for (const words of leafCommands()) {
      const cases: [string[], string][] = [
        ...(BAD[words.join(' ')] ?? []),
        [['--tidak-ada'], 'opsi tidak dikenal: --tidak-ada'],
      ];
      for (const [args, says] of cases) {
        const line = [...words, ...args];
        expectRefused(await runCli(deps, line), says, line.join(' '));
        runs++;
      }
    }
    expect(runs).toBeGreaterThan(50);
    expect(await digest()).toBe(before);
  });

  it('--lang en: the same refusals in English', async () => {
    for (const [args, says] of [
      [
        ['report', 'phu', '--coop', U, '--from', '2026-01-01'],
        '--from "2026-01-01" is invalid: expected a month YYYY-MM',
      ],
      [['close-month', '--coop', 'abc', '--month', '2026-13'], '--month "2026-13" is invalid'],
      [['--lang', 'en', 'verify', '--nope'], 'unknown option: --nope'],
    ] as const) {
      const r = await runCli(deps, ['--lang', 'en', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^(Error: [^\n]+\n)+$/);
      expect(r.stderr).toContain(says);
    }
    const r = await runCli(deps, ['--lang', 'jv', 'verify']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--lang "jv" tidak dikenal; pilih salah satu: id, en');
  });

  it('an unknown cooperative or organisation: exit 3, ORG_NOT_FOUND in Indonesian, nothing changed', async () => {
    const before = await digest();
    const nobody = randomUUID();
    const xlsx = join(dir, 'anggota.xlsx');
    writeFileSync(xlsx, 'not read: the cooperative is looked up first');
    const out = join(dir, 'backup.sgb.gz');
    for (const line of [
      ['report', 'neraca', '--coop', nobody, '--period', '2026-01'],
      ['report', 'neraca', '--coop', dinas.id, '--period', '2026-01'], // a Dinas is no cooperative
      ['close-month', '--coop', nobody, '--month', '2026-01'],
      ['close-year', '--coop', nobody, '--year', '2025'],
      ['loans', 'auto-debit', '--coop', nobody, '--date', '2026-01-31'],
      ['health', 'alerts', '--office', nobody],
      ['health', 'alerts', '--office', coop.id], // a cooperative is no supervising office
      ['import', 'members', xlsx, '--coop', nobody],
      ['verify', '--coop', nobody],
      ['audit', 'verify', '--org', nobody],
      ['checksum', '--org', nobody],
      ['backup', '--org', nobody, '--out', out],
      [
        'create-user',
        '--org',
        nobody,
        '--username',
        'budi',
        '--full-name',
        'Budi',
        '--role',
        'admin',
        '--password',
        'Rahasia-Koperasi-2026',
      ],
    ]) {
      const r = await runCli(deps, line);
      expect(r.code, `${line.join(' ')}: ${r.stderr}`).toBe(3);
      expect(r.stderr).toBe('ORG_NOT_FOUND: Organisasi tidak ditemukan.\n');
      expect(r.stdout).toBe('');
    }
    expect(existsSync(out)).toBe(false);
    expect(await digest()).toBe(before);
  });

  it('good input runs: the same harness reaches the database', async () => {
    const r = await runCli(deps, ['verify', '--coop', coop.id]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^all invariants hold/);
  });

  // one real process: the bin, tsx and process exit, without a database (none is opened)
  it(
    'the real bin: `report phu --from 2026-01-01` is exit 2 with the message, no stack trace, no database created',
    { timeout: 120_000 },
    async () => {
      const dataDir = join(dir, 'data');
      const r = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
        execFile(
          process.execPath,
          [
            'bin/sokoguru.mjs',
            'report',
            'phu',
            '--coop',
            U,
            '--from',
            '2026-01-01',
            '--to',
            '2026-02',
          ],
          {
            cwd: resolve(import.meta.dirname, '../../..'),
            env: {
              ...process.env,
              DATABASE_URL: '',
              SOKOGURU_DATA_DIR: dataDir,
              LOG_LEVEL: 'silent',
            },
            timeout: 110_000,
          },
          (err, stdout, stderr) =>
            done({
              code: err ? Number(err.code) : 0,
              stdout: String(stdout),
              stderr: String(stderr),
            }),
        ),
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'Kesalahan: --from "2026-01-01" tidak valid: harus bulan, format TTTT-BB, tahun 1900–2999, misalnya 2026-01\n',
      );
      expect(r.stdout).toBe('');
      expect(existsSync(dataDir)).toBe(false);
    },
  );
});
