import type { Command } from 'commander';
import { z } from 'zod';
import {
  computeBagiHasil,
  parsePercent,
  PERCENT_DECIMALS_MAX,
  type BagiHasilInput,
  type BagiHasilResult,
  type PercentProblem,
  type Rational,
} from '../domain/sharia/bagi-hasil.js';
import type { Lang } from '../i18n/messages.js';
import { renderText } from '../reports/text.js';
import { formatRupiah, type ReportDocument } from '../reports/table.js';
import { action, existingFile, flag } from './input.js';
import { readJsonInput, type Path } from './json-input.js';
import type { Cli } from './io.js';

/** Limits of one input file: a check of a month by hand or a sample, not the month-end itself. */
const FILE_BYTES_MAX = 32 * 1024 * 1024;
const PRODUCTS_MAX = 100;
const ACCOUNTS_PER_PRODUCT_MAX = 100_000;
const MAX_RUPIAH = 10n ** 15n;

/** Whole rupiah: a JSON integer (safe, ≤ 2^53) or a digit string; at most 10^15. */
const rupiah = z
  .union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[0-9]{1,16}$/)])
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_RUPIAH);

/**
 * A percent from the JSON number's decimal text. String(x) of a double gives back the shortest
 * decimal that reads as x, which is the written text for any decimal of ≤ 15 significant digits —
 * and a percent 0–100 with ≤ 4 decimals has at most 7 — so nothing passes through float arithmetic.
 */
const percent = z.union([z.number(), z.string().max(24)]).transform((v, ctx) => {
  const r = parsePercent(typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'x') : v);
  if (typeof r !== 'string') return r;
  ctx.addIssue({ code: 'custom', params: { percent: r } });
  return z.NEVER;
});

const day = z.number().int().min(1).max(31);

const inputSchema = z.strictObject({
  days: z.number().int().min(28).max(31),
  incomeRupiah: rupiah,
  averageFinancingRupiah: rupiah,
  products: z
    .array(
      z.strictObject({
        code: z.string().trim().min(1).max(32),
        nisbahAnggotaPercent: percent,
        weightPercent: percent,
        accounts: z
          .array(
            z.strictObject({
              id: z.union([
                z.string().trim().min(1).max(64),
                z
                  .number()
                  .int()
                  .min(0)
                  .max(Number.MAX_SAFE_INTEGER)
                  .transform((n) => String(n)),
              ]),
              balances: z
                .array(z.strictObject({ fromDay: day, toDay: day, balanceRupiah: rupiah }))
                .max(31),
            }),
          )
          .max(ACCOUNTS_PER_PRODUCT_MAX),
      }),
    )
    .min(1)
    .max(PRODUCTS_MAX),
});

const RUPIAH_EXPECTED = {
  id: 'rupiah bulat tidak negatif, paling banyak 10^15: angka JSON (paling besar 2^53) atau teks angka, misalnya 960000',
  en: 'whole rupiah, not negative, at most 10^15: a JSON integer (at most 2^53) or a digit string, e.g. 960000',
};
const PERCENT_EXPECTED = {
  id: `persen 0–100, paling banyak ${PERCENT_DECIMALS_MAX} desimal, angka JSON atau teks, misalnya 30 atau 45.5`,
  en: `a percent 0–100 with at most ${PERCENT_DECIMALS_MAX} decimals, a JSON number or text, e.g. 30 or 45.5`,
};
const DAY_EXPECTED = { id: 'hari ke-, bilangan bulat 1–31', en: 'a day of the month, 1–31' };

/** What a field must be, by its key (or, for an array element, by the array's key). */
const EXPECTED: Record<string, Record<Lang, string>> = {
  '': {
    id: 'objek JSON { days, incomeRupiah, averageFinancingRupiah, products }',
    en: 'a JSON object { days, incomeRupiah, averageFinancingRupiah, products }',
  },
  days: {
    id: 'jumlah hari bulan itu, bilangan bulat 28–31',
    en: 'the number of days of the month, a whole number 28–31',
  },
  incomeRupiah: RUPIAH_EXPECTED,
  averageFinancingRupiah: RUPIAH_EXPECTED,
  balanceRupiah: RUPIAH_EXPECTED,
  products: {
    id: `daftar 1–${PRODUCTS_MAX} produk`,
    en: `a list of 1–${PRODUCTS_MAX} products`,
  },
  'products[]': {
    id: 'objek { code, nisbahAnggotaPercent, weightPercent, accounts }',
    en: 'an object { code, nisbahAnggotaPercent, weightPercent, accounts }',
  },
  code: { id: 'kode produk, teks 1–32 karakter', en: 'a product code, text of 1–32 characters' },
  nisbahAnggotaPercent: PERCENT_EXPECTED,
  weightPercent: PERCENT_EXPECTED,
  accounts: {
    id: `daftar rekening, paling banyak ${ACCOUNTS_PER_PRODUCT_MAX} per produk`,
    en: `a list of accounts, at most ${ACCOUNTS_PER_PRODUCT_MAX} per product`,
  },
  'accounts[]': { id: 'objek { id, balances }', en: 'an object { id, balances }' },
  id: {
    id: 'nomor rekening: teks 1–64 karakter atau bilangan bulat tidak negatif',
    en: 'an account number: text of 1–64 characters or a non-negative whole number',
  },
  balances: {
    id: 'daftar segmen saldo akhir hari, paling banyak 31',
    en: 'a list of end-of-day balance segments, at most 31',
  },
  'balances[]': {
    id: 'objek { fromDay, toDay, balanceRupiah }',
    en: 'an object { fromDay, toDay, balanceRupiah }',
  },
  fromDay: DAY_EXPECTED,
  toDay: DAY_EXPECTED,
};

function expectedOf(path: Path, lang: Lang): string {
  const last = path[path.length - 1];
  const key =
    last === undefined
      ? ''
      : typeof last === 'number'
        ? `${String(path[path.length - 2])}[]`
        : String(last);
  return EXPECTED[key]?.[lang] ?? '';
}

const PERCENT_PROBLEMS: Record<PercentProblem, Record<Lang, string>> = {
  'not-decimal': { id: 'bukan angka desimal', en: 'not a decimal number' },
  negative: { id: 'negatif', en: 'negative' },
  'too-many-decimals': {
    id: `lebih dari ${PERCENT_DECIMALS_MAX} desimal`,
    en: `more than ${PERCENT_DECIMALS_MAX} decimals`,
  },
  'over-100': { id: 'lebih dari 100', en: 'above 100' },
};

type ParsedInput = z.output<typeof inputSchema>;

/** What the schema cannot see field by field: segments against the month and each other, unique codes and ids. */
function crossProblems(input: ParsedInput, lang: Lang): string[] {
  const lines: string[] = [];
  const codes = new Map<string, string>();
  const ids = new Map<string, string>();
  input.products.forEach((p, pi) => {
    const where = `products[${pi}]`;
    const first = codes.get(p.code);
    if (first)
      lines.push(
        lang === 'id'
          ? `kode produk "${p.code}" (${where}) dipakai dua kali (juga ${first})`
          : `product code "${p.code}" (${where}) is used twice (also ${first})`,
      );
    else codes.set(p.code, where);
    p.accounts.forEach((a, ai) => {
      const at = `${where}.accounts[${ai}]`;
      const firstId = ids.get(a.id);
      if (firstId)
        lines.push(
          lang === 'id'
            ? `nomor rekening "${a.id}" (${at}) dipakai dua kali (juga ${firstId})`
            : `account number "${a.id}" (${at}) is used twice (also ${firstId})`,
        );
      else ids.set(a.id, at);
      const segments = a.balances.map((s, si) => ({ ...s, at: `${at}.balances[${si}]` }));
      for (const s of segments) {
        if (s.toDay < s.fromDay)
          lines.push(
            lang === 'id'
              ? `segmen ${s.at} rekening "${a.id}": toDay ${s.toDay} sebelum fromDay ${s.fromDay}`
              : `segment ${s.at} of account "${a.id}": toDay ${s.toDay} is before fromDay ${s.fromDay}`,
          );
        else if (s.toDay > input.days)
          lines.push(
            lang === 'id'
              ? `segmen ${s.at} rekening "${a.id}": hari ${s.toDay} di luar bulan ${input.days} hari (hari 1–${input.days})`
              : `segment ${s.at} of account "${a.id}": day ${s.toDay} is outside a month of ${input.days} days (days 1–${input.days})`,
          );
      }
      const ordered = segments
        .filter((s) => s.fromDay <= s.toDay)
        .sort((x, y) => x.fromDay - y.fromDay);
      for (let i = 1; i < ordered.length; i++) {
        const prev = ordered[i - 1];
        const s = ordered[i];
        if (prev && s && s.fromDay <= prev.toDay)
          lines.push(
            lang === 'id'
              ? `segmen ${s.at} (hari ${s.fromDay}–${s.toDay}) bertumpuk dengan ${prev.at} (hari ${prev.fromDay}–${prev.toDay}) pada rekening "${a.id}": satu saldo akhir per hari`
              : `segment ${s.at} (days ${s.fromDay}–${s.toDay}) overlaps ${prev.at} (days ${prev.fromDay}–${prev.toDay}) of account "${a.id}": one end-of-day balance per day`,
          );
      }
    });
  });
  return lines;
}

/** Reads and checks the input file; every refusal is a sentence per problem (exit 2). */
export function readBagiHasilInput(path: string, lang: Lang): BagiHasilInput {
  const d = readJsonInput(path, lang, {
    schema: inputSchema,
    maxBytes: FILE_BYTES_MAX,
    expectedOf,
    why: (issue, l) =>
      issue.code === 'custom' && typeof issue.params?.percent === 'string'
        ? ` (${PERCENT_PROBLEMS[issue.params.percent as PercentProblem][l]})`
        : '',
    crossProblems,
  });
  return {
    days: d.days,
    incomeRupiah: d.incomeRupiah,
    averageFinancingRupiah: d.averageFinancingRupiah,
    products: d.products.map((p) => ({
      code: p.code,
      nisbahAnggota: p.nisbahAnggotaPercent,
      weight: p.weightPercent,
      accounts: p.accounts,
    })),
  };
}

/** The issue's output: rupiah as decimal strings (CONVENTIONS: JSON carries money as strings). */
export function bagiHasilJson(r: BagiHasilResult) {
  return {
    products: r.products.map((p) => ({
      code: p.code,
      poolRupiah: p.poolRupiah.toString(),
      ratePerMonthPercent: p.ratePerMonthPercent,
    })),
    accounts: r.accounts.map((a) => ({ id: a.id, shareRupiah: a.shareRupiah.toString() })),
  };
}

/** A fraction for print, rounded half up to `decimals` (display only): 7201148.33 → '7.201.148,33'. */
function decimalId(r: Rational, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const q = (2n * r.n * scale + r.d) / (2n * r.d);
  const whole = formatRupiah(q / scale);
  return decimals === 0 ? whole : `${whole},${(q % scale).toString().padStart(decimals, '0')}`;
}
const percentId = (r: Rational) => decimalId({ n: r.n * 100n, d: r.d }, 2);

export function bagiHasilTable(input: BagiHasilInput, r: BagiHasilResult): string {
  const text = (header: string) => ({ header, kind: 'text' as const });
  const figure = (header: string) => ({ header, kind: 'number' as const });
  const rp = (header: string) => ({ header, kind: 'rupiah' as const });
  const doc: ReportDocument = {
    title: 'Distribusi bagi hasil (revenue sharing, basis kas)',
    organization: `Pendapatan dibagi (P) Rp ${formatRupiah(input.incomeRupiah)}; rata-rata pembiayaan (F) Rp ${formatRupiah(input.averageFinancingRupiah)}`,
    period: `Bulan ${input.days} hari`,
    generatedAt: new Date().toISOString(),
    sections: [
      {
        title: 'Produk',
        columns: [
          text('Produk'),
          figure('Nisbah %'),
          figure('Bobot %'),
          figure('Angka (Σ saldo harian)'),
          figure('Rata-rata saldo'),
          figure('Porsi pendapatan'),
          figure('Hak anggota'),
          rp('Dibagikan (Rp)'),
          figure('Setara %/bulan'),
        ],
        rows: r.products.map((p, i) => {
          const given = input.products[i];
          return {
            cells: [
              p.code,
              given ? percentId(given.nisbahAnggota) : '',
              given ? percentId(given.weight) : '',
              { rupiah: p.dailyBalanceSumRupiah },
              decimalId(p.averageBalance, 2),
              decimalId(p.incomeShare, 4),
              decimalId(p.pool, 4),
              { rupiah: p.poolRupiah },
              p.ratePerMonthPercent?.replace('.', ',') ?? '-',
            ],
          };
        }),
      },
      {
        title: 'Rekening',
        columns: [
          text('Rekening'),
          text('Produk'),
          figure('Angka (Σ saldo harian)'),
          figure('Hak'),
          rp('Bagi hasil (Rp)'),
        ],
        rows: [
          ...r.accounts.map((a) => ({
            cells: [
              a.id,
              a.productCode,
              { rupiah: a.dailyBalanceSumRupiah },
              decimalId(a.entitlement, 4),
              { rupiah: a.shareRupiah },
            ],
          })),
          {
            cells: ['Jumlah', '', null, null, { rupiah: r.distributedRupiah }],
            style: 'grand-total' as const,
          },
        ],
      },
    ],
    notes: [
      r.divisorIs === 'financing'
        ? 'Dana investasi (I) di bawah pembiayaan (F): porsi pendapatan = P × I_p / F; sisanya hasil modal sendiri KSPPS'
        : 'Dana investasi (I) mencukupi pembiayaan (F): seluruh P dibagi menurut I_p / I',
      `Tetap di KSPPS (modal sendiri, nisbah KSPPS, pecahan rupiah): Rp ${formatRupiah(r.retainedRupiah)}`,
      'Pembulatan: kolam dibayar floor(hak anggota); tiap rekening floor(hak), sisa rupiah satu-satu ke sisa pecahan terbesar (seri: nomor rekening lebih kecil)',
      'Hak anggota dan hak rekening dihitung tepat (pecahan), ditampilkan 4 desimal',
      'Setara %/bulan hanya informasi, bukan janji imbal hasil (dibulatkan 3 desimal, setengah ke atas)',
    ],
  };
  return renderText(doc);
}

/**
 * `sokoguru bagi-hasil compute --input FILE.json [--json]`: a month's profit distribution from a
 * file (docs/examples/bagi-hasil-2025-06.json), no database; docs/domain/sharia-bagi-hasil.md.
 */
export function registerBagiHasil(program: Command, cli: Cli): void {
  program
    .command('bagi-hasil')
    .description('sharia profit distribution (distribusi bagi hasil), no database')
    .command('compute')
    .description(
      "a month's distribution to mudharabah funds from a JSON file: product pools by nisbah, account shares by daily-balance sums (docs/cli.md)",
    )
    .option('--input <file>', 'JSON input (docs/examples/bagi-hasil-2025-06.json)')
    .option('--json', 'print JSON { products, accounts } instead of tables')
    .action(
      action(cli, z.object({ input: existingFile, json: flag }), (o) => {
        const input = readBagiHasilInput(o.input, cli.lang);
        const result = computeBagiHasil(input);
        cli.io.stdout.write(
          o.json
            ? `${JSON.stringify(bagiHasilJson(result), null, 2)}\n`
            : bagiHasilTable(input, result),
        );
      }),
    );
}
