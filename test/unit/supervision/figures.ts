import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  assess,
  parseFigures,
  RUBRICS,
  type AssessmentFigures,
  type AssessmentResult,
  type ComponentResult,
  type RubricId,
} from '../../../src/domain/supervision/index.js';

/** The worked example of docs/examples/health-<rubric>.json, checked, as flat figures. */
export function exampleFigures(id: RubricId): Record<string, bigint> {
  const path = resolve(import.meta.dirname, `../../../docs/examples/health-${id}.json`);
  const parsed = parseFigures(RUBRICS[id], JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`example ${id} is refused: ${JSON.stringify(parsed.problems)}`);
  return { ...parsed.figures };
}

/** The example with some figures replaced (rupiah as numbers for legibility). */
export function withFigures(
  id: RubricId,
  changes: Record<string, number | bigint>,
): AssessmentFigures {
  const figures = exampleFigures(id);
  for (const [k, v] of Object.entries(changes)) {
    if (!(k in figures)) throw new Error(`no figure ${k} in ${id}`);
    figures[k] = BigInt(v);
  }
  return figures;
}

export function assessWith(
  id: RubricId,
  changes: Record<string, number | bigint>,
): AssessmentResult {
  return assess(RUBRICS[id], withFigures(id, changes));
}

export function component(r: AssessmentResult, key: string): ComponentResult {
  const c = r.components.find((x) => x.key === key);
  if (!c) throw new Error(`no component ${key}`);
  return c;
}

/**
 * Figures that put `ratio` (a percent with at most four decimals) in a component: the numerator's
 * input is ratio × 10 000 and the denominator's input 1 000 000, so ratio = numerator / 10 000 %.
 */
export const scaled = (ratio: string) => Math.round(Number(ratio) * 10_000);
export const DENOMINATOR = 1_000_000;
