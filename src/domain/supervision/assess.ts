import {
  add,
  formatHundredths,
  fraction,
  hundredthsOf,
  mul,
  parseDecimal,
  percentHundredths,
  toHundredths,
  type Fraction,
} from './exact.js';
import { parseFigures, type AssessmentFigures, type InputProblem } from './input.js';
import type { Band, Component, Rubric, Source, SourceStatus, Term } from './rubric.js';

/**
 * The one scoring engine for every rubric version (rubrics/*.ts are data): ratio → band → nilai →
 * skor → points, aspect scores and the predikat. Exact: fractions of bigints throughout, two
 * decimals only by rule R of exact.ts (half away from zero), and the rounded ratio is what meets
 * the band edges; totals are sums of the exact points, rounded once.
 */

export interface ComponentResult {
  aspect: string;
  key: string;
  name: string;
  formula: string;
  /** the figures the formula read, rupiah as decimal strings */
  inputs: Record<string, string>;
  /** the ratio in percent, two decimals; null when the denominator is zero or negative */
  ratioPercent: string | null;
  /** the band the ratio fell in, as the rubric prints it ("20 < x ≤ 40") */
  band: string;
  nilai: string;
  skor: string;
  weight: string;
  /** what the component adds to the total score (0–100), two decimals */
  points: string;
  /** the weakest status of the rows this component used (weight, band table, points) */
  sourceStatus: SourceStatus;
  /** why the ratio could not be computed and what was scored instead */
  note?: string;
}

export interface AspectResult {
  key: string;
  name: string;
  weight: string;
  /** sum of the component points, two decimals */
  score: string;
}

export interface AssessmentResult {
  rubric: { id: string; title: string; validFrom: string };
  totalScore: string;
  predikat: string;
  /** true when any number used is a placeholder for an unpublished official value */
  provisional: boolean;
  provisionalReasons: string[];
  aspects: AspectResult[];
  components: ComponentResult[];
}

/** Refused figures, one problem per field (see input.ts). */
export class HealthInputError extends Error {
  constructor(readonly problems: InputProblem[]) {
    super(problems.map((p) => `${p.field || '(input)'}: ${p.problem}`).join('; '));
    this.name = 'HealthInputError';
  }
}

const ZERO = fraction(0n);

function valueOf(terms: Term[], figures: AssessmentFigures): Fraction {
  return terms.reduce((sum, t) => {
    if ('constant' in t) return add(sum, parseDecimal(t.constant));
    const figure = figures[t.input];
    if (figure === undefined)
      throw new Error(`rubric reads an input it does not declare: ${t.input}`);
    return add(sum, mul(parseDecimal(t.coef ?? '1'), fraction(figure)));
  }, ZERO);
}

const inRange = (h: bigint, b: Band): boolean =>
  (b.gt === undefined || h > hundredthsOf(b.gt)) &&
  (b.gte === undefined || h >= hundredthsOf(b.gte)) &&
  (b.lt === undefined || h < hundredthsOf(b.lt)) &&
  (b.lte === undefined || h <= hundredthsOf(b.lte));

export function bandText(b: Band): string {
  const low = b.gt !== undefined ? `${b.gt} < ` : b.gte !== undefined ? `${b.gte} ≤ ` : '';
  const high = b.lt !== undefined ? ` < ${b.lt}` : b.lte !== undefined ? ` ≤ ${b.lte}` : '';
  if (low && high) return `${low}x${high}`;
  if (low) return b.gt !== undefined ? `x > ${b.gt}` : `x ≥ ${b.gte ?? ''}`;
  return `x${high}`;
}

const STATUS_ORDER: SourceStatus[] = ['confirmed', 'public-code', 'unconfirmed', 'placeholder'];
const weakest = (sources: Source[]): SourceStatus =>
  sources.reduce<SourceStatus>(
    (w, s) => (STATUS_ORDER.indexOf(s.status) > STATUS_ORDER.indexOf(w) ? s.status : w),
    'confirmed',
  );

/** nilai → (skor shown, points added to the total) under the rubric's scale. */
function scoreOf(
  rubric: Rubric,
  nilai: number,
  weight: Fraction,
): { skor: Fraction; points: Fraction } {
  switch (rubric.scale) {
    case 'nilai-100': {
      const points = mul(fraction(BigInt(nilai), 100n), weight);
      return { skor: points, points };
    }
    case 'nilai-1-4': {
      const skor = fraction(5n - BigInt(nilai));
      return { skor, points: mul(fraction(skor.n, 4n), weight) };
    }
  }
}

interface Scored {
  result: ComponentResult;
  points: Fraction;
}

function scoreComponent(
  rubric: Rubric,
  aspect: string,
  c: Component,
  figures: AssessmentFigures,
): Scored {
  const num = valueOf(c.numerator, figures);
  const den = valueOf(c.denominator, figures);
  const weight = parseDecimal(c.weight.value);
  const inputs: Record<string, string> = {};
  for (const t of [...c.numerator, ...c.denominator])
    if ('input' in t) inputs[t.input] = String(figures[t.input]);
  const sources = [c.weight.source];
  const ratio = den.n > 0n ? percentHundredths(num, den) : null;
  const base = {
    aspect,
    key: c.key,
    name: c.name,
    formula: c.formula,
    inputs,
    ratioPercent: ratio === null ? null : formatHundredths(ratio),
    weight: c.weight.value,
  };

  if (c.scoring.kind === 'per-item') {
    sources.push(c.scoring.pointsPerItem.source);
    const points = mul(num, parseDecimal(c.scoring.pointsPerItem.value));
    const shown = formatHundredths(toHundredths(points));
    return {
      points,
      result: {
        ...base,
        band: `${String(num.n / num.d)} × ${c.scoring.pointsPerItem.value}`,
        nilai: base.ratioPercent ?? '0.00',
        skor: shown,
        points: shown,
        sourceStatus: weakest(sources),
      },
    };
  }

  sources.push(c.scoring.table.source);
  let nilai: number;
  let band: string;
  let note: string | undefined;
  if (ratio === null) {
    nilai = c.undefinedRatio.nilai;
    band = 'tidak terdefinisi';
    note = `penyebut nol atau negatif: ${c.undefinedRatio.reason}`;
  } else {
    const hit = c.scoring.table.bands.find((b) => inRange(ratio, b));
    if (!hit) throw new Error(`band table of ${c.key} does not cover ${formatHundredths(ratio)} %`);
    nilai = hit.nilai;
    band = bandText(hit);
  }
  const { skor, points } = scoreOf(rubric, nilai, weight);
  return {
    points,
    result: {
      ...base,
      band,
      nilai: String(nilai),
      skor: rubric.scale === 'nilai-100' ? formatHundredths(toHundredths(skor)) : String(skor.n),
      points: formatHundredths(toHundredths(points)),
      sourceStatus: weakest(sources),
      ...(note ? { note } : {}),
    },
  };
}

/** Every placeholder the assessment leaned on, as a sentence per row. */
function provisionalReasons(rubric: Rubric): string[] {
  const reasons: string[] = [];
  const say = (what: string, s: Source) => {
    if (s.status === 'placeholder') reasons.push(`${what}: ${s.note ?? s.document}`);
  };
  for (const a of rubric.aspects) {
    say(`bobot aspek ${a.key}`, a.weight.source);
    for (const c of a.components) {
      say(`bobot komponen ${c.key}`, c.weight.source);
      say(
        `tabel ${c.key}`,
        c.scoring.kind === 'bands' ? c.scoring.table.source : c.scoring.pointsPerItem.source,
      );
    }
  }
  say('batas predikat', rubric.predikat.source);
  return reasons;
}

/** The predikat of a rounded total: the first cut-off it reaches (cut-offs from highest). */
function predikatOf(rubric: Rubric, total: bigint): string {
  const cutOffs = rubric.predikat.cutOffs;
  const hit = cutOffs.find((c) => total >= hundredthsOf(c.atLeast)) ?? cutOffs[cutOffs.length - 1];
  if (!hit) throw new Error(`rubric ${rubric.id} has no predikat`);
  return hit.predikat;
}

/** Scores checked figures under a rubric version. */
export function assess(rubric: Rubric, figures: AssessmentFigures): AssessmentResult {
  const aspects: AspectResult[] = [];
  const components: ComponentResult[] = [];
  let total = ZERO;
  for (const a of rubric.aspects) {
    let score = ZERO;
    for (const c of a.components) {
      const scored = scoreComponent(rubric, a.key, c, figures);
      components.push(scored.result);
      score = add(score, scored.points);
    }
    total = add(total, score);
    aspects.push({
      key: a.key,
      name: a.name,
      weight: a.weight.value,
      score: formatHundredths(toHundredths(score)),
    });
  }
  const totalHundredths = toHundredths(total);
  const reasons = provisionalReasons(rubric);
  return {
    rubric: { id: rubric.id, title: rubric.title, validFrom: rubric.validFrom },
    totalScore: formatHundredths(totalHundredths),
    predikat: predikatOf(rubric, totalHundredths),
    provisional: reasons.length > 0,
    provisionalReasons: reasons,
    aspects,
    components,
  };
}

/** Checks a JSON document of figures and scores it; HealthInputError lists every bad field. */
export function assessDocument(rubric: Rubric, document: unknown): AssessmentResult {
  const parsed = parseFigures(rubric, document);
  if (!parsed.ok) throw new HealthInputError(parsed.problems);
  return assess(rubric, parsed.figures);
}
