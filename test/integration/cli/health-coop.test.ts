import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg } from '../../../src/services/context.js';
import { postEntry } from '../../../src/services/ledger.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { makeUser } from '../../support/fixtures.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { staffContext } from '../../support/outcome.js';
import { runCli } from './run-cli.js';

/**
 * `sokoguru health assess --coop ID --period YYYY-MM`: a cooperative's self-check from its live
 * books. The first quarter of 2026: Rp 100 jt in cash and bank from pokok 10, wajib 40 and
 * sukarela 50; a Rp 30 jt loan; Rp 2 jt of income in March. The checklists (and, for Perdep
 * 06/2016, the figures books do not hold) come from --input.
 */

let deps: TestDeps;
let coop: OrganizationView;
const dir = mkdtempSync(join(tmpdir(), 'sg-health-coop-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
};

beforeAll(async () => {
  deps = await testDeps({ clock: () => new Date('2026-04-20T03:00:00Z') });
  coop = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: `KSP Periksa Diri ${Date.now().toString(36)}`,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const user = await makeUser(deps, coop, ['pengurus']);
  await inOrg(deps, staffContext(coop.id, user, ['pengurus']), async (o) => {
    const entry = (entryDate: string, lines: [string, bigint, bigint][]) =>
      postEntry(o, {
        entryDate,
        description: `Uji periksa diri ${entryDate}`,
        source: { type: 'test.health-self-check' },
        lines: lines.map(([code, d, c]) => ({
          account: { code },
          ...(d ? { debitRupiah: d } : {}),
          ...(c ? { creditRupiah: c } : {}),
        })),
      });
    await entry('2026-01-05', [
      ['1101', 60_000_000n, 0n],
      ['1103', 40_000_000n, 0n],
      ['3101', 0n, 10_000_000n],
      ['3102', 0n, 40_000_000n],
      ['2101', 0n, 50_000_000n],
    ]);
    await entry('2026-02-10', [
      ['1110', 30_000_000n, 0n],
      ['1101', 0n, 30_000_000n],
    ]);
    await entry('2026-03-15', [
      ['1103', 2_000_000n, 0n],
      ['4101', 0n, 2_000_000n],
    ]);
  });
});
afterAll(async () => {
  await deps.close();
  rmSync(dir, { recursive: true, force: true });
});

const assessCoop = (args: string[]) =>
  runCli(deps, ['health', 'assess', '--coop', coop.id, ...args]);

describe('sokoguru health assess --coop --period', () => {
  it('KKPKK from the books of the first quarter, the checklists from --input', async () => {
    const checklists = file('kkpkk.json', {
      checklists: { kelembagaan: [28, 30], risikoKepatuhan: [8, 8], risikoOperasional: [6, 8] },
    });
    const r = await assessCoop([
      '--rubric',
      'permenkop-09-2020',
      '--period',
      '2026-03',
      '--input',
      checklists,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.opened).toBe(1);
    const result = JSON.parse(r.stdout) as {
      predikat: string;
      components: { key: string; inputs: Record<string, string>; ratioPercent: string | null }[];
    };
    const c = (k: string) => result.components.find((x) => x.key === k)!;
    expect(c('ekuitasTerhadapAset').inputs).toEqual({
      totalAset: '102000000',
      ekuitas: '52000000',
    });
    expect(c('pinjamanTerhadapAsetProduktif').inputs.pinjamanDiberikan).toBe('30000000');
    expect(c('rentabilitasAset').inputs.shuSetelahPajak).toBe('2000000');
    expect(c('pertumbuhanEkuitas').inputs.ekuitasTahunLalu).toBe('0');
    expect(result.predikat).toBeTruthy();
  });

  it('the tables name where each figure came from', async () => {
    const r = await assessCoop([
      '--rubric',
      'permenkop-09-2020',
      '--period',
      '2026-03',
      '--input',
      file('k2.json', {
        checklists: { kelembagaan: [28, 30], risikoKepatuhan: [8, 8], risikoOperasional: [6, 8] },
        ekuitasTahunLalu: 45000000,
      }),
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Angka dari pembukuan (quarterly 2026-Q1)');
    expect(r.stdout).toContain('totalAset = 102000000');
    expect(r.stdout).toContain('Predikat:');
  });

  it('KSPPS (perdep-07-2016): the books under sharia names, the rest and the checklists from --input', async () => {
    const r = await assessCoop([
      '--rubric',
      'perdep-07-2016',
      '--period',
      '2026-03',
      '--input',
      file('kspps.json', {
        modalTertimbang: 50_000_000,
        atmr: 30_000_000,
        shuBagianAnggota: 1_000_000,
        pea: 0,
        manajemen: { umum: 12, kelembagaan: 6, permodalan: 5, aktiva: 10, likuiditas: 5 },
        syariah: { kepatuhan: 11 },
      }),
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      provisional: boolean;
      components: { key: string; inputs: Record<string, string>; points: string }[];
    };
    const c = (k: string) => result.components.find((x) => x.key === k)!;
    // the 30 jt loan is read as pembiayaan; modal sendiri = pokok 10 + wajib 40 jt against total
    // modal = kewajiban 50 + ekuitas 52 (with the 2 jt SHU) = 102 jt
    expect(c('pembiayaanBerisikoTerhadapPembiayaan').inputs.pembiayaanDiberikan).toBe('30000000');
    expect(c('modalSendiriTerhadapTotalModal').inputs).toEqual({
      modalSendiri: '50000000',
      totalModal: '102000000',
    });
    expect(c('kepatuhanSyariah').points).toBe('10.00');
    expect(result.provisional).toBe(true);
  });

  it.each([
    {
      name: 'Perdep without the figures the books do not hold',
      args: ['--rubric', 'perdep-06-2016', '--period', '2026-03'],
      says: 'modalTertimbang, atmr, shuBagianAnggota, pea',
    },
    {
      name: 'KSPPS without the figures the books do not hold',
      args: ['--rubric', 'perdep-07-2016', '--period', '2026-03'],
      says: 'modalTertimbang, atmr, shuBagianAnggota, pea',
    },
    {
      name: 'KKPKK without its checklists',
      args: ['--rubric', 'permenkop-09-2020', '--period', '2026-03'],
      says: '"checklists"',
    },
    {
      name: 'a month that closes no quarter',
      args: ['--rubric', 'permenkop-09-2020', '--period', '2026-02'],
      says: '--period 2026-02',
    },
    {
      name: '--coop without --period',
      args: ['--rubric', 'permenkop-09-2020'],
      says: '--coop perlu --period',
    },
  ])('$name: a message and exit 2', async ({ args, says }) => {
    const r = await assessCoop(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(says);
  });

  it('an unknown cooperative: exit 3', async () => {
    const r = await runCli(deps, [
      'health',
      'assess',
      '--rubric',
      'permenkop-09-2020',
      '--coop',
      '00000000-0000-4000-8000-000000000001',
      '--period',
      '2026-03',
    ]);
    expect(r.code).toBe(3);
  });
});
