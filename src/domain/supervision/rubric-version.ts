import { z } from 'zod';
import { assess } from './assess.js';
import { add, hundredthsOf, parseDecimal } from './exact.js';
import type { Band, Rubric, Source } from './rubric.js';

/**
 * A rubric version an administrator loads (the official KKPKK appendix values): the rubric as
 * data, checked here before it is accepted. It must be the same rubric (same id, the same inputs,
 * so figures and checklists keep their meaning) with numbers that make sense: band tables that
 * cover every ratio exactly once, component weights adding up to their aspect's, aspects to 100,
 * questionnaire points reaching the weight at the last "Ya", predikat cut-offs descending to 0.
 * The built-in versions (rubrics/*.ts) are version 'builtin'.
 */

export const BUILTIN_VERSION = 'builtin';

const decimal = z.string().regex(/^-?[0-9]{1,6}(\.[0-9]{1,8})?$/);
const twoDecimals = z.string().regex(/^-?[0-9]{1,9}(\.[0-9]{1,2})?$/);
const source = z.strictObject({
  document: z.string().min(1).max(500),
  dated: z.string().regex(/^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$/),
  status: z.enum(['confirmed', 'public-code', 'unconfirmed', 'placeholder']),
  where: z.string().max(1000).optional(),
  note: z.string().max(1000).optional(),
});
const sourced = z.strictObject({ value: twoDecimals, source });
const band = z.strictObject({
  gt: twoDecimals.optional(),
  gte: twoDecimals.optional(),
  lt: twoDecimals.optional(),
  lte: twoDecimals.optional(),
  nilai: z.number().int().min(0).max(100),
});
const term = z.union([
  z.strictObject({ input: z.string().min(1).max(80), coef: decimal.optional() }),
  z.strictObject({ constant: decimal }),
]);
const component = z.strictObject({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,59}$/),
  name: z.string().min(1).max(200),
  formula: z.string().min(1).max(500),
  numerator: z.array(term).min(1).max(10),
  denominator: z.array(term).min(1).max(10),
  weight: sourced,
  scoring: z.union([
    z.strictObject({
      kind: z.literal('bands'),
      table: z.strictObject({ bands: z.array(band).min(1).max(30), source }),
    }),
    z.strictObject({ kind: z.literal('per-item'), pointsPerItem: sourced }),
  ]),
  undefinedRatio: z.strictObject({
    nilai: z.number().int().min(0).max(100),
    reason: z.string().min(1).max(500),
  }),
});
const rubricSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{3,60}$/),
  title: z.string().min(1).max(300),
  validFrom: z.iso.date(),
  source,
  scale: z.enum(['nilai-100', 'nilai-1-4']),
  inputs: z
    .array(
      z.union([
        z.strictObject({
          key: z.string(),
          kind: z.literal('rupiah'),
          name: z.string(),
          mayBeNegative: z.boolean().optional(),
        }),
        z.strictObject({
          key: z.string(),
          kind: z.literal('count'),
          name: z.string(),
          max: z.number().int(),
        }),
        z.strictObject({ key: z.string(), kind: z.literal('checklist'), name: z.string() }),
      ]),
    )
    .max(100),
  aspects: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,59}$/),
        name: z.string().min(1).max(200),
        weight: sourced,
        components: z.array(component).min(1).max(30),
      }),
    )
    .min(1)
    .max(20),
  predikat: z.strictObject({
    source,
    cutOffs: z
      .array(z.strictObject({ atLeast: twoDecimals, predikat: z.string().min(1).max(100) }))
      .min(1)
      .max(10),
  }),
});

export type RubricVersionProblem = { path: string; problem: string };

export type CheckedRubric =
  | { ok: true; rubric: Rubric; provisional: boolean }
  | { ok: false; problems: RubricVersionProblem[] };

const sum = (values: string[]) =>
  values.reduce((s, v) => add(s, parseDecimal(v)), { n: 0n, d: 1n });
const same = (a: { n: bigint; d: bigint }, b: { n: bigint; d: bigint }) => a.n * b.d === b.n * a.d;

const inBand = (h: bigint, b: Band): boolean =>
  (b.gt === undefined || h > hundredthsOf(b.gt)) &&
  (b.gte === undefined || h >= hundredthsOf(b.gte)) &&
  (b.lt === undefined || h < hundredthsOf(b.lt)) &&
  (b.lte === undefined || h <= hundredthsOf(b.lte));

/**
 * Ratios at which a band table is probed: every edge, a hundredth either side, and far out both
 * ways. Between probes no band boundary lies, so one band per probe means one band everywhere.
 */
function probes(bands: Band[]): bigint[] {
  const points = new Set<bigint>([-(10n ** 12n), 10n ** 12n]);
  for (const b of bands)
    for (const e of [b.gt, b.gte, b.lt, b.lte])
      if (e !== undefined) {
        const h = hundredthsOf(e);
        points
          .add(h - 1n)
          .add(h)
          .add(h + 1n);
      }
  return [...points];
}

/** Sources that are placeholders: a result under this rubric is provisional while any remains. */
export function placeholderCount(rubric: Rubric): number {
  const all: Source[] = [rubric.predikat.source];
  for (const a of rubric.aspects) {
    all.push(a.weight.source);
    for (const c of a.components)
      all.push(
        c.weight.source,
        c.scoring.kind === 'bands' ? c.scoring.table.source : c.scoring.pointsPerItem.source,
      );
  }
  return all.filter((s) => s.status === 'placeholder').length;
}

/** Checks a loaded definition against the built-in rubric of the same id. */
export function checkRubricVersion(builtin: Rubric, document: unknown): CheckedRubric {
  const parsed = rubricSchema.safeParse(document);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        problem: i.code,
      })),
    };
  const rubric: Rubric = parsed.data;
  const problems: RubricVersionProblem[] = [];
  const say = (path: string, problem: string) => problems.push({ path, problem });

  if (rubric.id !== builtin.id) say('id', 'not the same rubric');
  if (rubric.scale !== builtin.scale) say('scale', 'not the scale of the rubric');
  if (canonicalJson(rubric.inputs) !== canonicalJson(builtin.inputs))
    say('inputs', 'not the inputs of the rubric');

  const declared = new Set<string>();
  for (const d of rubric.inputs) {
    if (d.kind === 'checklist') declared.add(`${d.key}.met`).add(`${d.key}.of`);
    else declared.add(d.key);
  }
  const maxOf = new Map(rubric.inputs.flatMap((d) => (d.kind === 'count' ? [[d.key, d.max]] : [])));

  rubric.aspects.forEach((a, ai) => {
    const componentWeights = a.components.map((c) => c.weight.value);
    if (!same(sum(componentWeights), parseDecimal(a.weight.value)))
      say(`aspects.${ai}.weight`, 'component weights do not add up to the aspect weight');
    a.components.forEach((c, ci) => {
      const at = `aspects.${ai}.components.${ci}`;
      for (const t of [...c.numerator, ...c.denominator])
        if ('input' in t && !declared.has(t.input))
          say(`${at}`, `reads undeclared input ${t.input}`);
      if (c.scoring.kind === 'per-item') {
        const count = c.numerator[0];
        const max = count && 'input' in count ? maxOf.get(count.input) : undefined;
        if (max === undefined) say(`${at}.numerator`, 'per-item scoring needs a count input');
        else if (
          !same(
            {
              n: parseDecimal(c.scoring.pointsPerItem.value).n * BigInt(max),
              d: parseDecimal(c.scoring.pointsPerItem.value).d,
            },
            parseDecimal(c.weight.value),
          )
        )
          say(`${at}.scoring.pointsPerItem`, 'all answers "Ya" must score the weight');
      } else {
        const bands = c.scoring.table.bands;
        const maxNilai = rubric.scale === 'nilai-100' ? 100 : 4;
        const minNilai = rubric.scale === 'nilai-100' ? 0 : 1;
        for (const b of [...bands, { nilai: c.undefinedRatio.nilai }])
          if (b.nilai < minNilai || b.nilai > maxNilai)
            say(`${at}.scoring`, 'nilai outside the scale');
        for (const h of probes(bands)) {
          const hits = bands.filter((b) => inBand(h, b)).length;
          if (hits !== 1) {
            say(`${at}.scoring.table`, hits === 0 ? 'bands leave a gap' : 'bands overlap');
            break;
          }
        }
      }
    });
  });
  if (!same(sum(rubric.aspects.map((a) => a.weight.value)), parseDecimal('100')))
    say('aspects', 'aspect weights do not add up to 100');

  const cuts = rubric.predikat.cutOffs.map((c) => hundredthsOf(c.atLeast));
  if (cuts.some((c, i) => i > 0 && c >= cuts[i - 1]!)) say('predikat.cutOffs', 'not descending');
  if (cuts[cuts.length - 1] !== 0n) say('predikat.cutOffs', 'the last cut-off must be 0');

  if (problems.length > 0) return { ok: false, problems };
  // a trial run: the engine scores it without breaking an invariant
  const figures: Record<string, bigint> = {};
  for (const key of declared) figures[key] = key.endsWith('.of') ? 1n : 0n;
  try {
    assess(rubric, figures);
  } catch (e) {
    return { ok: false, problems: [{ path: '', problem: (e as Error).message }] };
  }
  return { ok: true, rubric, provisional: placeholderCount(rubric) > 0 };
}

/** JSON with object keys sorted, so a definition has one text (and one digest) however stored. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
