import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliLogger, type CliIo } from '../../../src/cli/io.js';
import { reportFormat } from '../../../src/cli/report.js';
import { renderText } from '../../../src/reports/text.js';
import type { ReportDocument } from '../../../src/reports/table.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { capitalDeposit } from '../../support/entries.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { runCli } from './run-cli.js';

/** What `sokoguru` prints: tables and readable log lines on a terminal, JSON when piped or asked. */

describe('a report as text', () => {
  const doc: ReportDocument = {
    title: 'Neraca',
    organization: 'KSP Maju',
    period: 'Per akhir Maret 2026',
    generatedAt: '2026-04-01 08:00',
    sections: [
      {
        title: 'ASET',
        columns: [
          { header: 'Pos', kind: 'text' },
          { header: 'Maret 2026', kind: 'rupiah' },
        ],
        rows: [
          { cells: ['1  Aset'], style: 'header' },
          { cells: ['1101  Kas', { rupiah: 12_500_000n }], level: 1 },
          { cells: ['1119  PPAP', { rupiah: -250_000n }], level: 1 },
          { cells: ['JUMLAH ASET', { rupiah: 12_250_000n }], style: 'total' },
        ],
      },
      {
        columns: [
          { header: 'Pos', kind: 'text' },
          { header: 'Maret 2026', kind: 'rupiah' },
        ],
        rows: [{ cells: ['SELISIH', { rupiah: 0n }], style: 'grand-total' }],
      },
    ],
    notes: ['Angka dalam rupiah.'],
  };

  it('text columns left, amounts right-aligned with thousands separators, rules above totals; sections share widths', () => {
    expect(renderText(doc)).toBe(
      [
        'Neraca',
        'KSP Maju',
        'Per akhir Maret 2026',
        '',
        'ASET',
        'Pos           Maret 2026',
        '------------  ----------',
        '1  Aset',
        '  1101  Kas   12.500.000',
        '  1119  PPAP   (250.000)',
        '------------  ----------',
        'JUMLAH ASET   12.250.000',
        '',
        '============  ==========',
        'SELISIH                0',
        '',
        '* Angka dalam rupiah.',
        '',
        'Dibuat 2026-04-01 08:00',
        '',
      ].join('\n'),
    );
  });

  it('the format: --format, else --json, else the --out extension, else table on a terminal and JSON when piped', () => {
    const o = { json: false };
    expect(reportFormat(o, true)).toBe('table');
    expect(reportFormat(o, false)).toBe('json');
    expect(reportFormat({ json: true }, true)).toBe('json');
    expect(reportFormat({ json: false, format: 'table' }, false)).toBe('table');
    expect(reportFormat({ json: false, out: 'neraca.PDF' }, true)).toBe('pdf');
    expect(reportFormat({ json: false, out: 'neraca.xlsx' }, true)).toBe('xlsx');
    expect(reportFormat({ json: false, out: 'neraca.txt' }, false)).toBe('table');
    expect(reportFormat({ json: false, out: 'neraca.json' }, true)).toBe('json');
  });
});

describe('sokoguru report over a real ledger', () => {
  let deps: TestDeps;
  let coop: OrganizationView;
  beforeAll(async () => {
    deps = await testDeps();
    coop = await createOrganization(deps, {
      kind: 'cooperative',
      name: 'KSP Keluaran Uji',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
    });
    await inOrg(deps, systemContext(coop.id, 'test'), (o) =>
      capitalDeposit(o, {
        entryDate: '2026-03-02',
        description: 'Setoran simpanan pokok',
        amountRupiah: 12_500_000n,
      }),
    );
  });
  afterAll(() => deps.close());

  const report = ['report', 'neraca-saldo', '--period', '2026-03', '--no-compare'];

  it('on a terminal: a table, amounts right-aligned under their headings', async () => {
    const r = await runCli(deps, [...report, '--coop', coop.id], { tty: true });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Neraca Saldo');
    expect(r.stdout).not.toContain('"sections"');
    const header = lines.find((l) => l.startsWith('Akun')) ?? '';
    const kas = lines.find((l) => l.startsWith('1101')) ?? '';
    expect(kas).toMatch(/^1101 {2}Kas\b/);
    // the debit movement ends where its heading ends
    const end = header.indexOf('Mutasi debit') + 'Mutasi debit'.length;
    expect(kas.slice(0, end)).toMatch(/ 12\.500\.000$/);
  });

  it('piped: the JSON document; --json and --format json the same on a terminal', async () => {
    const piped = await runCli(deps, [...report, '--coop', coop.id]);
    expect(piped.code).toBe(0);
    const doc = JSON.parse(piped.stdout) as { title: string; sections: unknown[] };
    expect(doc.title).toBe('Neraca Saldo');
    expect(piped.stdout).toContain('"rupiah": "12500000"');
    for (const flag of [['--json'], ['--format', 'json']]) {
      const r = await runCli(deps, [...report, '--coop', coop.id, ...flag], { tty: true });
      const same = (s: string) => s.replace(/"generatedAt": "[^"]*"/, '');
      expect(same(r.stdout)).toBe(same(piped.stdout));
    }
  });
});

describe('log lines', () => {
  const io = (tty: boolean) => {
    const lines: string[] = [];
    const stderr = { write: (s: string | Uint8Array) => lines.push(String(s)), isTTY: tty };
    return { io: { stderr, env: { LOG_LEVEL: 'info' } } as unknown as CliIo, lines };
  };

  it('readable lines on a terminal, JSON lines when piped or asked for JSON', () => {
    const tty = io(true);
    cliLogger(tty.io).warn({ coop: 'KSP' }, 'bulan sudah ditutup');
    const text = tty.lines.join('');
    expect(text).toContain('bulan sudah ditutup');
    expect(text).toMatch(/WARN/);
    expect(() => JSON.parse(text) as unknown).toThrow();

    for (const [t, json] of [
      [false, false],
      [true, true],
    ] as const) {
      const o = io(t);
      cliLogger(o.io, { json }).warn({ coop: 'KSP' }, 'bulan sudah ditutup');
      expect(JSON.parse(o.lines.join(''))).toMatchObject({
        level: 40,
        msg: 'bulan sudah ditutup',
        coop: 'KSP',
      });
    }
  });
});
