import type { Command } from 'commander';
import { z } from 'zod';
import {
  buildSchedule,
  MAX_TENOR,
  summariseSchedule,
  type RatePeriod,
  type ScheduleSummary,
} from '../domain/loans/schedule.js';
import { action, CliInputError, flag } from './input.js';
import type { Cli } from './io.js';

/** Methods the calculator offers (ijarah and qardh stay with the products). */
const METHODS = ['flat', 'effective', 'annuity', 'murabahah'] as const;
type CalcMethod = (typeof METHODS)[number];
const RATE_PERIODS: Record<string, RatePeriod> = {
  month: 'month',
  bulan: 'month',
  year: 'year',
  tahun: 'year',
};

class CalcInputError extends Error {}

interface LoanOptions {
  method?: string;
  principal?: string;
  rate?: string;
  ratePeriod?: string;
  tenor?: string;
  start?: string;
  grace?: string;
  json: boolean;
}

export interface LoanCalcInput {
  method: CalcMethod;
  principalRupiah: bigint;
  ratePercent: string;
  ratePeriod: RatePeriod;
  tenor: number;
  startDate: string;
  grace: number;
}

function todayInJakarta(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '')
    throw new CalcInputError(`opsi ${option} wajib diisi`);
  return value.trim();
}

function integerIn(text: string, option: string, min: number, max: number): number {
  if (!/^[0-9]{1,7}$/.test(text))
    throw new CalcInputError(`${option} harus bilangan bulat (bukan "${text}")`);
  const n = Number(text);
  if (n < min || n > max)
    throw new CalcInputError(`${option} harus antara ${min} dan ${max} (bukan ${n})`);
  return n;
}

/** Validates the options; every refusal is an Indonesian sentence for the user. */
export function parseLoanOptions(o: LoanOptions, today: string = todayInJakarta()): LoanCalcInput {
  const method = required(o.method, '--method');
  if (!(METHODS as readonly string[]).includes(method))
    throw new CalcInputError(
      `metode "${method}" tidak dikenal; pilih salah satu: ${METHODS.join(', ')}`,
    );

  // whole rupiah; thousands may be grouped with '.' or '_' (10.000.000)
  const principalText = required(o.principal, '--principal');
  if (!/^(?:[0-9]+|[0-9]{1,3}(?:[._][0-9]{3})+)$/.test(principalText))
    throw new CalcInputError(
      `pokok pinjaman harus bilangan bulat rupiah, misalnya 10000000 (bukan "${principalText}")`,
    );
  const principalRupiah = BigInt(principalText.replace(/[._]/g, ''));
  if (principalRupiah <= 0n) throw new CalcInputError('pokok pinjaman harus lebih dari 0');
  if (principalRupiah > 10n ** 15n)
    throw new CalcInputError(
      'pokok pinjaman terlalu besar (paling banyak Rp 1.000.000.000.000.000)',
    );

  // percent, decimal point or comma (1.5 or 1,5)
  const rateText = required(o.rate, '--rate').replace(',', '.');
  if (!/^[0-9]{1,3}(?:\.[0-9]{1,8})?$/.test(rateText))
    throw new CalcInputError(
      `suku bunga harus angka persen, misalnya 1.5 (bukan "${o.rate ?? ''}")`,
    );
  if (Number(rateText) > 100)
    throw new CalcInputError(`suku bunga ${rateText} % terlalu besar (paling banyak 100 %)`);

  const periodText = required(o.ratePeriod, '--rate-period');
  const ratePeriod = RATE_PERIODS[periodText];
  if (!ratePeriod)
    throw new CalcInputError(
      `--rate-period harus month (per bulan) atau year (per tahun), bukan "${periodText}"`,
    );

  const tenor = integerIn(
    required(o.tenor, '--tenor'),
    'jangka waktu (--tenor, bulan)',
    1,
    MAX_TENOR,
  );

  const startDate = o.start?.trim() ?? today;
  const d = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(startDate);
  const valid = d && new Date(`${startDate}T00:00:00Z`).toISOString().slice(0, 10) === startDate;
  if (!valid || Number(d[1]) < 1900 || Number(d[1]) > 2200)
    throw new CalcInputError(
      `tanggal --start harus tanggal yang ada, format TTTT-BB-HH, misalnya 2026-12-01 (bukan "${startDate}")`,
    );

  const grace =
    o.grace === undefined
      ? 0
      : integerIn(o.grace.trim(), 'masa tenggang pokok (--grace)', 0, tenor - 1);
  return {
    method: method as CalcMethod,
    principalRupiah,
    ratePercent: rateText,
    ratePeriod,
    tenor,
    startDate,
    grace,
  };
}

export function loanSchedule(input: LoanCalcInput): ScheduleSummary {
  const instalments = buildSchedule({
    method: input.method,
    principalRupiah: input.principalRupiah,
    ratePercent: input.ratePercent,
    ratePeriod: input.ratePeriod,
    frequency: 'monthly',
    tenor: input.tenor,
    gracePrincipalPeriods: input.grace,
    startDate: input.startDate,
  });
  return summariseSchedule(input.principalRupiah, instalments);
}

/**
 * JSON: rupiah as integer numbers, or, when the total would pass Number.MAX_SAFE_INTEGER, every
 * rupiah amount as a decimal string (one type per document).
 */
export function loanScheduleJson(input: LoanCalcInput, s: ScheduleSummary) {
  const safe = s.totalRupiah <= BigInt(Number.MAX_SAFE_INTEGER);
  const rp = (v: bigint) => (safe ? Number(v) : v.toString());
  return {
    method: input.method,
    principal: rp(input.principalRupiah),
    ratePercent: input.ratePercent,
    ratePeriod: input.ratePeriod,
    tenor: input.tenor,
    grace: input.grace,
    start: input.startDate,
    instalments: s.rows.map((r) => ({
      instalmentNo: r.instalmentNo,
      dueOn: r.dueOn,
      principal: rp(r.principalRupiah),
      interest: rp(r.interestRupiah),
      total: rp(r.totalRupiah),
      remaining: rp(r.remainingRupiah),
    })),
    totals: {
      principal: rp(s.principalRupiah),
      interest: rp(s.interestRupiah),
      total: rp(s.totalRupiah),
    },
  };
}

/** 10000000n -> '10.000.000' (Indonesian grouping) */
function rupiah(v: bigint): string {
  return v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const METHOD_NAMES: Record<CalcMethod, string> = {
  flat: 'bunga flat',
  effective: 'bunga efektif (menurun)',
  annuity: 'anuitas',
  murabahah: 'murabahah',
};

export function loanScheduleTable(input: LoanCalcInput, s: ScheduleSummary): string {
  const interestHeader = input.method === 'murabahah' ? 'Margin' : 'Bunga';
  const header = ['Ke', 'Jatuh tempo', 'Pokok', interestHeader, 'Angsuran', 'Sisa pokok'];
  const body = s.rows.map((r) => [
    String(r.instalmentNo),
    r.dueOn,
    rupiah(r.principalRupiah),
    rupiah(r.interestRupiah),
    rupiah(r.totalRupiah),
    rupiah(r.remainingRupiah),
  ]);
  const totals = [
    '',
    'Jumlah',
    rupiah(s.principalRupiah),
    rupiah(s.interestRupiah),
    rupiah(s.totalRupiah),
    '',
  ];
  const all = [header, ...body, totals];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => (c === 1 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const period = input.ratePeriod === 'month' ? 'per bulan' : 'per tahun';
  const title =
    `Simulasi angsuran ${METHOD_NAMES[input.method]}: pokok Rp ${rupiah(input.principalRupiah)}, ` +
    `${input.ratePercent.replace('.', ',')} % ${period}, ${input.tenor} bulan` +
    (input.grace > 0 ? `, masa tenggang pokok ${input.grace} bulan` : '') +
    `, pencairan ${input.startDate}`;
  return [title, '', line(header), rule, ...body.map(line), rule, line(totals), ''].join('\n');
}

/**
 * `sokoguru calc loan --method flat|effective|annuity|murabahah --principal 10000000 --rate 1.5
 *  --rate-period month|year --tenor 12 [--start 2026-12-01] [--grace N] [--json]`
 * A calculator: no database, nothing stored.
 */
export function registerCalc(program: Command, cli: Cli): void {
  const calc = program
    .command('calc')
    .description('calculators that need no database (loan schedule simulation)');
  calc
    .command('loan')
    .description('instalment schedule of a loan or murabahah financing, monthly instalments')
    .option('--method <method>', 'flat | effective | annuity | murabahah')
    .option(
      '--principal <rupiah>',
      'principal (murabahah: cost price) in whole rupiah, e.g. 10000000',
    )
    .option('--rate <percent>', 'interest/margin rate in percent, e.g. 1.5')
    .option('--rate-period <period>', 'month | year: the period the rate is stated for')
    .option('--tenor <months>', 'number of monthly instalments')
    .option(
      '--start <YYYY-MM-DD>',
      'disbursement date; instalment k is due k months later (default: today, WIB)',
    )
    .option('--grace <months>', 'first instalments that pay interest only')
    .option('--json', 'print JSON instead of a table')
    .action(
      action(cli, z.object({ json: flag }).catchall(z.string()), (o) => {
        let input: LoanCalcInput;
        try {
          input = parseLoanOptions({ ...o, json: o.json });
        } catch (err) {
          if (err instanceof CalcInputError) throw new CliInputError([err.message]);
          throw err;
        }
        const s = loanSchedule(input);
        cli.io.stdout.write(
          o.json
            ? `${JSON.stringify(loanScheduleJson(input, s), null, 2)}\n`
            : loanScheduleTable(input, s),
        );
      }),
    );
}
