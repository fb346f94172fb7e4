import { parseDecimal } from './exact.js';

/**
 * The shape of a health-assessment rubric as DATA: every weight, band table and cut-off is a row
 * that says where it comes from and how sure that source is, so an administrator can replace a
 * placeholder with the official value without touching the scoring engine (assess.ts).
 */

/** How sure a number is (docs/domain/supervision-health.md, "Sources"). */
export type SourceStatus =
  /** printed in a retrieved regulation text or a source reproducing it */
  | 'confirmed'
  /** seen only in public software implementing the rubric */
  | 'public-code'
  /** from secondary sources that disagree or could not be checked; used as the best reading */
  | 'unconfirmed'
  /** not public: a stand-in until the official value is loaded; makes the result provisional */
  | 'placeholder';

export interface Source {
  /** the document the number comes from, e.g. "Perdep 06/Per/Dep.6/IV/2016" */
  document: string;
  /** the date (YYYY, YYYY-MM or YYYY-MM-DD) of that document as far as known */
  dated: string;
  status: SourceStatus;
  /** where in the document or which secondary source */
  where?: string;
  note?: string;
}

/** A number (weight, points per answer) with its source. Decimal text, at most two decimals. */
export interface SourcedNumber {
  value: string;
  source: Source;
}

/** One band: the ratio in percent (rounded by rule R) within the given edges gets `nilai`. */
export interface Band {
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
  nilai: number;
}

export interface BandTable {
  bands: Band[];
  source: Source;
}

/** A rupiah or count input, or a constant: `coef × value` (coef default 1). */
export type Term = { input: string; coef?: string } | { constant: string };

export interface Component {
  key: string;
  name: string;
  /** the formula as the rubric writes it */
  formula: string;
  numerator: Term[];
  denominator: Term[];
  weight: SourcedNumber;
  scoring:
    | { kind: 'bands'; table: BandTable }
    /** Perdep 2016 management questionnaires: skor = count of "Ya" × points per "Ya" */
    | { kind: 'per-item'; pointsPerItem: SourcedNumber };
  /** what the component scores when the denominator is zero or negative (the ratio is undefined) */
  undefinedRatio: { nilai: number; reason: string };
}

export interface Aspect {
  key: string;
  name: string;
  weight: SourcedNumber;
  components: Component[];
}

export interface PredikatCutOff {
  /** the rounded total score at or above which the predikat applies ('0' for the last) */
  atLeast: string;
  predikat: string;
}

/**
 * How nilai becomes skor and points:
 * - 'nilai-100' (Perdep 06/2016): nilai 0–100, skor = nilai × weight / 100 = points;
 * - 'nilai-1-4' (KKPKK): nilai 1 (Sehat) … 4 (Tidak Sehat), skor = 5 − nilai,
 *   points = skor / 4 × weight.
 */
export type Scale = 'nilai-100' | 'nilai-1-4';

/** An input the rubric reads: a rupiah figure, a count of "Ya" answers, or a checklist [met, of]. */
export type InputDefinition =
  | { key: string; kind: 'rupiah'; name: string; mayBeNegative?: boolean }
  | { key: string; kind: 'count'; name: string; max: number }
  | { key: string; kind: 'checklist'; name: string };

export interface Rubric {
  id: string;
  title: string;
  /** the date from which assessments use this version */
  validFrom: string;
  source: Source;
  scale: Scale;
  inputs: InputDefinition[];
  aspects: Aspect[];
  predikat: { cutOffs: PredikatCutOff[]; source: Source };
}

/**
 * A band table as the rubrics print most of them: ascending edges cutting the line into
 * `nilai.length` bands, `nilai[0]` for the lowest. `edgesGoTo` says which band an edge value
 * itself falls in: 'above' (e ≤ x < next) or 'below' (previous < x ≤ e).
 */
export function steps(edgesGoTo: 'above' | 'below', edges: string[], nilai: number[]): Band[] {
  if (nilai.length !== edges.length + 1) throw new Error('steps: one nilai more than edges');
  return nilai.map((n, i) => {
    const low = edges[i - 1];
    const high = edges[i];
    const band: Band = { nilai: n };
    if (low !== undefined) band[edgesGoTo === 'above' ? 'gte' : 'gt'] = low;
    if (high !== undefined) band[edgesGoTo === 'above' ? 'lt' : 'lte'] = high;
    return band;
  });
}

/** A term as the formula prints it: "50% × pinjamanKurangLancar", "− ekuitasTahunLalu". */
function termText(t: Term, first: boolean): string {
  if ('constant' in t) return first ? t.constant : `+ ${t.constant}`;
  const coef = t.coef ?? '1';
  const negative = coef.startsWith('-');
  const size = negative ? coef.slice(1) : coef;
  const f = parseDecimal(size);
  const percent = (f.n * 100n) % f.d === 0n ? `${(f.n * 100n) / f.d}%` : size;
  const body = size === '1' ? t.input : `${percent} × ${t.input}`;
  if (first) return negative ? `−${body}` : body;
  return `${negative ? '−' : '+'} ${body}`;
}

function sumText(terms: Term[]): string {
  const text = terms.map((t, i) => termText(t, i === 0)).join(' ');
  return terms.length > 1 ? `(${text})` : text;
}

/** A ratio component scored by a band table; its formula text is written from its terms. */
export function ratio(spec: {
  key: string;
  name: string;
  numerator: Term[];
  denominator: Term[];
  weight: SourcedNumber;
  bands: Band[];
  source: Source;
  undefinedRatio: Component['undefinedRatio'];
}): Component {
  return {
    key: spec.key,
    name: spec.name,
    formula: `${sumText(spec.numerator)} / ${sumText(spec.denominator)} × 100%`,
    numerator: spec.numerator,
    denominator: spec.denominator,
    weight: spec.weight,
    scoring: { kind: 'bands', table: { bands: spec.bands, source: spec.source } },
    undefinedRatio: spec.undefinedRatio,
  };
}
