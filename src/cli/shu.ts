import type { Command } from 'commander';
import { z } from 'zod';
import {
  ALLOCATION_POSTS,
  allocationProblems,
  MEMBER_POSTS,
  percentToPpm,
  POST_NAMES_ID,
  ppmToPercent,
  type AllocationRupiah,
} from '../domain/shu/allocation.js';
import {
  computeShu,
  MONTHS_IN_YEAR,
  type ShuInput,
  type ShuResult,
} from '../domain/shu/compute.js';
import { tryParseIsoDate } from '../domain/calendar.js';
import type { Lang } from '../i18n/messages.js';
import { renderText } from '../reports/text.js';
import { formatRupiah, type ReportDocument } from '../reports/table.js';
import { action, existingFile, flag } from './input.js';
import { readJsonInput, type Path } from './json-input.js';
import type { Cli } from './io.js';

/**
 * `sokoguru shu compute --input FILE.json [--json]`: the year's SHU shared from a file, no
 * database (issue 17). The engine is src/domain/shu/compute.ts; the rules are in docs/domain/shu.md
 * and an example input is docs/examples/shu-2025.json.
 */
const FILE_BYTES_MAX = 256 * 1024 * 1024;
const MEMBERS_MAX = 2_000_000;
const LINES_MAX = 20;
const MAX_RUPIAH = 10n ** 15n;

/** Whole rupiah: a JSON integer (safe, ≤ 2^53) or a digit string; at most 10^15. */
const rupiah = z
  .union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^[0-9]{1,16}$/)])
  .transform((v) => BigInt(v))
  .refine((v) => v <= MAX_RUPIAH);

/**
 * A percent 0–100 with at most four decimals, from the JSON number's decimal text (String(x) of a
 * double gives back the written decimal for numbers this short), kept as parts per million.
 */
const percent = z.union([z.number(), z.string().max(24)]).transform((v, ctx) => {
  const ppm = percentToPpm(typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'x') : v);
  if (ppm !== null) return ppm;
  ctx.addIssue({ code: 'custom' });
  return z.NEVER;
});

const allocation = z.strictObject(
  Object.fromEntries(ALLOCATION_POSTS.map((p) => [p, percent])) as Record<
    (typeof ALLOCATION_POSTS)[number],
    typeof percent
  >,
);

const date = z.string().refine((d) => tryParseIsoDate(d) !== undefined);
const lineName = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);

const inputSchema = z.strictObject({
  shuAnggota: rupiah,
  shuNonAnggota: rupiah,
  payoutDate: date,
  allocation,
  allocationNonAnggota: allocation.optional(),
  jasaModalBasis: z.enum(['year-end', 'average']),
  jasaUsahaWeights: z.record(lineName, percent).optional(),
  taxRules: z
    .array(
      z.strictObject({ from: date, ratePercent: percent, source: z.string().max(300).optional() }),
    )
    .min(1)
    .max(50)
    .optional(),
  deductionPolicy: z
    .strictObject({ wajibArrears: z.boolean(), overdueInstalments: z.boolean() })
    .optional(),
  members: z
    .array(
      z.strictObject({
        id: z.union([
          z.string().trim().min(1).max(64),
          z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).transform(String),
        ]),
        monthEndModal: z.array(rupiah).length(MONTHS_IN_YEAR),
        jasaUsaha: z.record(lineName, rupiah),
        arrears: z
          .strictObject({ wajib: rupiah.optional(), instalments: rupiah.optional() })
          .optional(),
      }),
    )
    .max(MEMBERS_MAX),
});

const RUPIAH_EXPECTED = {
  id: 'rupiah bulat tidak negatif, paling banyak 10^15: angka JSON (paling besar 2^53) atau teks angka, misalnya 50000000',
  en: 'whole rupiah, not negative, at most 10^15: a JSON integer (at most 2^53) or a digit string, e.g. 50000000',
};
const PERCENT_EXPECTED = {
  id: 'persen 0–100, paling banyak 4 desimal, angka JSON atau teks, misalnya 40 atau 2.5',
  en: 'a percent 0–100 with at most 4 decimals, a JSON number or text, e.g. 40 or 2.5',
};
const DATE_EXPECTED = {
  id: 'tanggal yang ada, format TTTT-BB-HH, misalnya 2026-04-15',
  en: 'a real date YYYY-MM-DD, e.g. 2026-04-15',
};
const ALLOCATION_EXPECTED = {
  id: `objek persen { ${ALLOCATION_POSTS.join(', ')} } berjumlah 100`,
  en: `an object of percents { ${ALLOCATION_POSTS.join(', ')} } totalling 100`,
};
const LINES_EXPECTED = {
  id: 'objek { <bidang usaha>: angka }, nama bidang huruf kecil, angka dan "-", misalnya { "pinjaman": 1200000 }',
  en: 'an object { <business line>: number }, line names in lower case, digits and "-", e.g. { "pinjaman": 1200000 }',
};

/** What a field must be, by its key (or, for an array element, by the array's key). */
const EXPECTED: Record<string, Record<Lang, string>> = {
  '': {
    id: 'objek JSON { shuAnggota, shuNonAnggota, payoutDate, allocation, jasaModalBasis, members }',
    en: 'a JSON object { shuAnggota, shuNonAnggota, payoutDate, allocation, jasaModalBasis, members }',
  },
  shuAnggota: RUPIAH_EXPECTED,
  shuNonAnggota: RUPIAH_EXPECTED,
  payoutDate: DATE_EXPECTED,
  from: DATE_EXPECTED,
  allocation: ALLOCATION_EXPECTED,
  allocationNonAnggota: ALLOCATION_EXPECTED,
  ...Object.fromEntries(ALLOCATION_POSTS.map((p) => [p, PERCENT_EXPECTED])),
  ratePercent: PERCENT_EXPECTED,
  jasaModalBasis: { id: '"year-end" atau "average"', en: '"year-end" or "average"' },
  jasaUsahaWeights: LINES_EXPECTED,
  jasaUsaha: LINES_EXPECTED,
  taxRules: {
    id: 'daftar 1–50 aturan { from, ratePercent, source? }',
    en: 'a list of 1–50 rules { from, ratePercent, source? }',
  },
  'taxRules[]': {
    id: 'objek { from, ratePercent, source? }',
    en: 'an object { from, ratePercent, source? }',
  },
  source: { id: 'teks paling banyak 300 karakter', en: 'text of at most 300 characters' },
  deductionPolicy: {
    id: 'objek { wajibArrears: true|false, overdueInstalments: true|false }',
    en: 'an object { wajibArrears: true|false, overdueInstalments: true|false }',
  },
  wajibArrears: { id: 'true atau false', en: 'true or false' },
  overdueInstalments: { id: 'true atau false', en: 'true or false' },
  members: {
    id: `daftar anggota, paling banyak ${MEMBERS_MAX}`,
    en: `a list of members, at most ${MEMBERS_MAX}`,
  },
  'members[]': {
    id: 'objek { id, monthEndModal, jasaUsaha, arrears? }',
    en: 'an object { id, monthEndModal, jasaUsaha, arrears? }',
  },
  id: {
    id: 'nomor anggota: teks 1–64 karakter atau bilangan bulat tidak negatif',
    en: 'a member number: text of 1–64 characters or a non-negative whole number',
  },
  monthEndModal: {
    id: `daftar ${MONTHS_IN_YEAR} saldo akhir bulan (Januari–Desember) simpanan yang dihitung, rupiah bulat`,
    en: `a list of ${MONTHS_IN_YEAR} month-end balances (January–December) of the counted savings, whole rupiah`,
  },
  'monthEndModal[]': RUPIAH_EXPECTED,
  arrears: {
    id: 'objek { wajib?, instalments? } dalam rupiah',
    en: 'an object { wajib?, instalments? } in rupiah',
  },
  wajib: RUPIAH_EXPECTED,
  instalments: RUPIAH_EXPECTED,
};

/** A business line's entry: participation in rupiah, or a weight. */
const LINE_ENTRY_EXPECTED: Record<string, Record<Lang, string>> = {
  jasaUsaha: RUPIAH_EXPECTED,
  jasaUsahaWeights: {
    id: 'bobot 0–100, paling banyak 4 desimal, misalnya 3 atau 1.5',
    en: 'a weight 0–100 with at most 4 decimals, e.g. 3 or 1.5',
  },
};

function expectedOf(path: Path, lang: Lang): string {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === undefined) return EXPECTED['']![lang];
  if (typeof last === 'number') return EXPECTED[`${String(parent)}[]`]?.[lang] ?? '';
  const entry = typeof parent === 'string' ? LINE_ENTRY_EXPECTED[parent] : undefined;
  return (entry ?? EXPECTED[String(last)])?.[lang] ?? '';
}

type ParsedInput = z.output<typeof inputSchema>;

/** What the schema cannot see field by field: totals of 100 %, unique ids, lines with weights. */
function crossProblems(input: ParsedInput, lang: Lang): string[] {
  const lines: string[] = [];
  for (const key of ['allocation', 'allocationNonAnggota'] as const) {
    const a = input[key];
    if (!a) continue;
    const sum = ALLOCATION_POSTS.reduce((s, p) => s + a[p], 0n);
    if (allocationProblems(a).length > 0)
      lines.push(
        lang === 'id'
          ? `"${key}" berjumlah ${ppmToPercent(sum)} %, harus tepat 100 %`
          : `"${key}" totals ${ppmToPercent(sum)} %, it must be exactly 100 %`,
      );
  }
  const own = input.allocationNonAnggota;
  if (own)
    for (const p of MEMBER_POSTS)
      if (own[p] !== 0n)
        lines.push(
          lang === 'id'
            ? `"allocationNonAnggota.${p}" harus 0: SHU dari non-anggota tidak dibagi kepada anggota`
            : `"allocationNonAnggota.${p}" must be 0: SHU from non-members is not shared to members`,
        );
  const seen = new Map<string, number>();
  input.members.forEach((m, i) => {
    const first = seen.get(m.id);
    if (first !== undefined)
      lines.push(
        lang === 'id'
          ? `nomor anggota "${m.id}" (members[${i}]) dipakai dua kali (juga members[${first}])`
          : `member number "${m.id}" (members[${i}]) is used twice (also members[${first}])`,
      );
    else seen.set(m.id, i);
  });
  const used = new Set<string>();
  for (const m of input.members) for (const l of Object.keys(m.jasaUsaha)) used.add(l);
  if (used.size > LINES_MAX)
    lines.push(
      lang === 'id'
        ? `terlalu banyak bidang usaha (${used.size}, paling banyak ${LINES_MAX})`
        : `too many business lines (${used.size}, at most ${LINES_MAX})`,
    );
  if (input.jasaUsahaWeights)
    for (const l of [...used].sort())
      if (!(l in input.jasaUsahaWeights))
        lines.push(
          lang === 'id'
            ? `bidang usaha "${l}" dipakai anggota tetapi tidak ada bobotnya di "jasaUsahaWeights"`
            : `business line "${l}" is used by members but has no weight in "jasaUsahaWeights"`,
        );
  return lines;
}

/** Reads and checks the input file; every refusal is a sentence per problem (exit 2). */
export function readShuInput(path: string, lang: Lang): ShuInput {
  const d = readJsonInput(path, lang, {
    schema: inputSchema,
    maxBytes: FILE_BYTES_MAX,
    expectedOf,
    crossProblems,
  });
  return {
    shuAnggota: d.shuAnggota,
    shuNonAnggota: d.shuNonAnggota,
    payoutDate: d.payoutDate,
    allocation: d.allocation,
    allocationNonAnggota: d.allocationNonAnggota,
    jasaModalBasis: d.jasaModalBasis,
    jasaUsahaWeights: d.jasaUsahaWeights,
    taxRules: d.taxRules?.map((r) => ({
      from: r.from,
      ratePpm: r.ratePercent,
      source: r.source ?? '',
    })),
    deductionPolicy: d.deductionPolicy,
    members: d.members.map((m) => ({
      id: m.id,
      monthEndModal: m.monthEndModal,
      jasaUsaha: m.jasaUsaha,
      arrears: m.arrears && {
        wajibRupiah: m.arrears.wajib,
        instalmentsRupiah: m.arrears.instalments,
      },
    })),
  };
}

const posts = (a: AllocationRupiah) =>
  Object.fromEntries(ALLOCATION_POSTS.map((p) => [p, a[p].toString()]));

/**
 * The issue's output, rupiah as decimal strings (CONVENTIONS: JSON carries money as strings):
 * `allocation` per post, and per member jasa modal, jasa usaha, total, tax and net.
 */
export function shuJson(r: ShuResult) {
  return {
    payoutDate: r.payoutDate,
    jasaModalBasis: r.jasaModalBasis,
    allocation: posts(r.allocation),
    allocationAnggota: posts(r.allocationAnggota),
    allocationNonAnggota: posts(r.allocationNonAnggota),
    unsharedToCadangan: r.unsharedToCadangan.toString(),
    taxRatePercent: r.taxRule ? ppmToPercent(r.taxRule.ratePpm) : '0',
    jasaUsahaLines: r.jasaUsahaLines.map((l) => ({
      line: l.line,
      poolRupiah: l.poolRupiah.toString(),
      participationTotal: l.participationTotal.toString(),
    })),
    members: r.members.map((m) => ({
      id: m.id,
      jasaModal: m.jasaModal.toString(),
      jasaUsaha: m.jasaUsaha.toString(),
      total: m.total.toString(),
      tax: m.tax.toString(),
      deductions: (m.deductions.wajib + m.deductions.instalments).toString(),
      net: m.net.toString(),
    })),
    totals: Object.fromEntries(Object.entries(r.totals).map(([k, v]) => [k, v.toString()])),
  };
}

export function shuTable(input: ShuInput, r: ShuResult): string {
  const text = (header: string) => ({ header, kind: 'text' as const });
  const rp = (header: string) => ({ header, kind: 'rupiah' as const });
  const share = input.allocation;
  const doc: ReportDocument = {
    title: 'Pembagian SHU',
    organization: `SHU dari anggota Rp ${formatRupiah(input.shuAnggota)}; dari non-anggota Rp ${formatRupiah(input.shuNonAnggota)}`,
    period: `Tanggal pembayaran ${input.payoutDate}; jasa modal menurut ${
      input.jasaModalBasis === 'average' ? 'rata-rata saldo akhir bulan' : 'saldo akhir tahun'
    }`,
    generatedAt: new Date().toISOString(),
    sections: [
      {
        title: 'Alokasi',
        columns: [
          text('Pos'),
          { header: '%', kind: 'number' as const },
          rp('Dari anggota'),
          rp('Dari non-anggota'),
          rp('Jumlah'),
        ],
        rows: [
          ...ALLOCATION_POSTS.map((p) => ({
            cells: [
              POST_NAMES_ID[p],
              ppmToPercent(share[p]).replace('.', ','),
              { rupiah: r.allocationAnggota[p] },
              { rupiah: r.allocationNonAnggota[p] },
              { rupiah: r.allocation[p] },
            ],
          })),
          {
            cells: [
              'Jumlah',
              '100',
              { rupiah: input.shuAnggota },
              { rupiah: input.shuNonAnggota },
              { rupiah: input.shuAnggota + input.shuNonAnggota },
            ],
            style: 'grand-total' as const,
          },
        ],
      },
      {
        title: 'Anggota',
        columns: [
          text('Anggota'),
          rp('Jasa modal'),
          rp('Jasa usaha'),
          rp('Jumlah'),
          rp('Pajak'),
          rp('Potongan'),
          rp('Diterima'),
        ],
        rows: [
          ...r.members.map((m) => ({
            cells: [
              m.id,
              { rupiah: m.jasaModal },
              { rupiah: m.jasaUsaha },
              { rupiah: m.total },
              { rupiah: m.tax },
              { rupiah: m.deductions.wajib + m.deductions.instalments },
              { rupiah: m.net },
            ],
          })),
          {
            cells: [
              'Jumlah',
              { rupiah: r.totals.jasaModal },
              { rupiah: r.totals.jasaUsaha },
              { rupiah: r.totals.total },
              { rupiah: r.totals.tax },
              { rupiah: r.totals.deductions },
              { rupiah: r.totals.net },
            ],
            style: 'grand-total' as const,
          },
        ],
      },
    ],
    notes: [
      'Pembulatan: tiap bagian floor(kolam × bobot / jumlah bobot); sisa rupiah satu-satu ke sisa pecahan terbesar (seri: bobot lebih besar, lalu nomor lebih kecil), sehingga kolam dibayar penuh',
      `Pajak: ${r.taxRule ? `${ppmToPercent(r.taxRule.ratePpm).replace('.', ',')} % (${r.taxRule.source})` : 'tidak ada aturan'}, dibulatkan ke bawah`,
      ...(r.unsharedToCadangan > 0n
        ? [`Kolam tanpa peserta masuk cadangan: Rp ${formatRupiah(r.unsharedToCadangan)}`]
        : []),
    ],
  };
  return renderText(doc);
}

export function registerShu(program: Command, cli: Cli): void {
  program
    .command('shu')
    .description('SHU (annual surplus) sharing')
    .command('compute')
    .description(
      "the year's SHU shared from a JSON file, no database: allocation posts, jasa modal and jasa usaha per member, largest-remainder rupiah, tax by payout date (docs/domain/shu.md)",
    )
    .option('--input <file>', 'JSON input (docs/examples/shu-2025.json)')
    .option('--json', 'print JSON { allocation, members } instead of tables')
    .action(
      action(cli, z.object({ input: existingFile, json: flag }), (o) => {
        const input = readShuInput(o.input, cli.lang);
        const result = computeShu(input);
        cli.io.stdout.write(
          o.json ? `${JSON.stringify(shuJson(result), null, 2)}\n` : shuTable(input, result),
        );
      }),
    );
}
