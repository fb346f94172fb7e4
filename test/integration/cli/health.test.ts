import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assessDocument, RUBRICS, type RubricId } from '../../../src/domain/supervision/index.js';
import type { OpenedDeps } from '../../../src/services/deps.js';
import { runCli, type CliRun } from './run-cli.js';

/**
 * `sokoguru health assess`: figures from a file in, the scored result out; no database (the
 * harness counts what was opened), bad input refused with exit 2 and a message per field.
 */

const noDatabase = {} as OpenedDeps;
const example = (id: RubricId) =>
  resolve(import.meta.dirname, `../../../docs/examples/health-${id}.json`);
const dir = mkdtempSync(join(tmpdir(), 'sg-health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const health = (args: string[]) => runCli(noDatabase, ['health', 'assess', ...args]);

function expectRefused(r: CliRun, prefix: 'Kesalahan' | 'Error', says: string[]) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.opened).toBe(0);
  expect(r.stderr).toMatch(new RegExp(`^(${prefix}: [^\\n]+\\n)+$`));
  expect(r.stderr).not.toMatch(/^ {4}at /m);
  for (const s of says) expect(r.stderr).toContain(s);
}

describe('sokoguru health assess', () => {
  it.each(Object.keys(RUBRICS) as RubricId[])(
    '--rubric %s --json: the domain result, exactly, with no database',
    async (id) => {
      const r = await health(['--rubric', id, '--input', example(id), '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.opened).toBe(0);
      const expected = assessDocument(RUBRICS[id], JSON.parse(readFileSync(example(id), 'utf8')));
      expect(JSON.parse(r.stdout)).toEqual(expected);
    },
  );

  it('the JSON carries totalScore, predikat, provisional and each component’s ratio, nilai, skor', async () => {
    const r = await health([
      '--rubric',
      'permenkop-09-2020',
      '--input',
      example('permenkop-09-2020'),
      '--json',
    ]);
    const out = JSON.parse(r.stdout) as {
      totalScore: string;
      predikat: string;
      provisional: boolean;
      components: {
        key: string;
        ratioPercent: string;
        nilai: string;
        skor: string;
        inputs: object;
      }[];
    };
    expect([out.totalScore, out.predikat, out.provisional]).toEqual(['84.00', 'Sehat', true]);
    expect(out.components.find((c) => c.key === 'pinjamanBermasalah')).toMatchObject({
      ratioPercent: '6.00',
      nilai: '2',
      skor: '3',
      inputs: { pinjamanBermasalah: '84000000', pinjamanDiberikan: '1400000000' },
    });
  });

  it('without --json: tables of the components and aspects, the total and the predikat', async () => {
    const r = await health(['--rubric', 'perdep-06-2016', '--input', example('perdep-06-2016')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Rubrik perdep-06-2016, berlaku sejak 2016-04-01');
    expect(r.stdout).toMatch(/rasioKas +12\.00 +10 < x ≤ 15 +100 +10\.00 +10 +10\.00/);
    expect(r.stdout).toMatch(/Total +100 +97\.30/);
    expect(r.stdout).toContain('* Predikat: Sehat (total skor 97.30)');
    expect(r.stdout).not.toContain('SEMENTARA');
  });

  it('a provisional rubric says so in the table', async () => {
    const r = await health([
      '--rubric',
      'permenkop-09-2020',
      '--input',
      example('permenkop-09-2020'),
    ]);
    expect(r.stdout).toContain('SEMENTARA (provisional)');
    expect(r.stdout).toContain('batas predikat: final cut-offs not public');
  });

  it('--rubric perdep-07-2016 (KSPPS): the worked example, provisional, with the sharia checklist', async () => {
    const json = await health([
      '--rubric',
      'perdep-07-2016',
      '--input',
      example('perdep-07-2016'),
      '--json',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as {
      totalScore: string;
      predikat: string;
      provisional: boolean;
      provisionalReasons: string[];
      components: { key: string; ratioPercent: string; nilai: string; skor: string }[];
    };
    // hand computation in test/unit/supervision/perdep-07-2016.test.ts
    expect([out.totalScore, out.predikat, out.provisional]).toEqual(['94.50', 'Sehat', true]);
    expect(out.provisionalReasons).toHaveLength(35);
    expect(out.components.find((c) => c.key === 'kepatuhanSyariah')).toMatchObject({
      ratioPercent: '81.82',
      nilai: '82',
      skor: '8.20',
    });
    expect(out.components.find((c) => c.key === 'pembiayaanBermasalah')).toMatchObject({
      ratioPercent: '0.50',
      nilai: '80',
      skor: '8.00',
    });

    const table = await health([
      '--rubric',
      'perdep-07-2016',
      '--input',
      example('perdep-07-2016'),
    ]);
    expect(table.stdout).toMatch(/Kepatuhan Prinsip Syariah +10 +8\.20/);
    expect(table.stdout).toMatch(/Total +100 +94\.50/);
    expect(table.stdout).toContain('SEMENTARA (provisional)');
    expect(table.stdout).toContain('tabel kepatuhanSyariah: the official kepatuhan syariah items');
  });

  it('KSPPS figures under their sharia names: a KSP key is refused', async () => {
    const doc = JSON.parse(readFileSync(example('perdep-07-2016'), 'utf8')) as Record<
      string,
      unknown
    >;
    const { pembiayaanMacet, ...rest } = doc;
    const path = file('kspps.json', JSON.stringify({ ...rest, pinjamanMacet: pembiayaanMacet }));
    expectRefused(await health(['--rubric', 'perdep-07-2016', '--input', path]), 'Kesalahan', [
      'isian "pembiayaanMacet" wajib ada',
      'isian "pinjamanMacet" tidak dikenal oleh rubrik perdep-07-2016',
    ]);
  });

  it('bad figures: one Indonesian line per field, exit 2', async () => {
    const path = file(
      'buruk.json',
      JSON.stringify({
        totalAset: -1,
        ekuitas: 'lima ratus',
        checklists: { kelembagaan: [31, 30], risikoKepatuhan: [3, 4], risikoOperasional: [4, 8] },
        pinjamanMacet: 5,
      }),
    );
    const r = await health(['--rubric', 'permenkop-09-2020', '--input', path]);
    expectRefused(r, 'Kesalahan', [
      'isian "totalAset" tidak valid: harus rupiah bulat tidak negatif',
      'isian "ekuitas" tidak valid: harus rupiah bulat (boleh negatif)',
      'isian "ekuitasTahunLalu" wajib ada',
      'isian "checklists.kelembagaan" tidak valid: harus [terpenuhi, jumlah butir]',
      'isian "pinjamanMacet" tidak dikenal oleh rubrik permenkop-09-2020',
    ]);
  });

  it('--lang en: the same refusals in English', async () => {
    const path = file('count.json', JSON.stringify({ manajemen: { umum: 13 } }));
    const r = await runCli(noDatabase, [
      '--lang',
      'en',
      'health',
      'assess',
      '--rubric',
      'perdep-06-2016',
      '--input',
      path,
    ]);
    expectRefused(r, 'Error', [
      'field "manajemen.umum" is invalid: expected the number of "Ya" answers, a whole number 0–12',
      'field "totalAset" is required',
    ]);
  });

  it.each([
    [
      ['--rubric', 'perdep-2016', '--input', 'x.json'],
      '--rubric "perdep-2016" tidak dikenal; pilih salah satu: perdep-06-2016, perdep-07-2016, permenkop-09-2020',
    ],
    [['--input', 'x.json'], '--rubric wajib diisi'],
    [
      ['--rubric', 'perdep-06-2016', '--input', '/tidak/ada.json'],
      '--input "/tidak/ada.json" tidak valid: berkas tidak ada',
    ],
    [['--rubric', 'perdep-06-2016'], '--input wajib diisi'],
  ])('bad options %j: %s', async (args, says) => {
    expectRefused(await health(args), 'Kesalahan', [says]);
  });

  it('a file that is not JSON: exit 2 with the parser’s reason', async () => {
    const path = file('rusak.json', '{"totalAset": 1,');
    expectRefused(await health(['--rubric', 'perdep-06-2016', '--input', path]), 'Kesalahan', [
      `berkas ${path} bukan JSON yang sah (`,
    ]);
  });
});
