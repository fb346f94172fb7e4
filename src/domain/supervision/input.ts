import { z } from 'zod';
import type { InputDefinition, Rubric } from './rubric.js';

/**
 * The figures an assessment reads, checked against the rubric's own input list: rupiah as JSON
 * integers (up to 2^53) or strings of up to 18 digits, counts of "Ya" answers within the
 * questionnaire's length, checklists as [met, of]. Keys the rubric does not know are refused, so a
 * misspelt figure is never silently scored as missing.
 */

/** Flat figures: 'totalAset' → 1000n, 'manajemen.umum' → 9n, 'checklists.kelembagaan.met' → 25n. */
export type AssessmentFigures = Readonly<Record<string, bigint>>;

/** What is wrong with one field; the edge (CLI, route) words it in the reader's language. */
export interface InputProblem {
  /** dotted path, e.g. "pinjamanMacet", "manajemen.umum", "checklists.kelembagaan"; "" = the whole */
  field: string;
  problem: 'missing' | 'unknown' | 'invalid';
  /** what the field must be */
  expected: InputExpectation;
}

export type InputExpectation =
  | { kind: 'object' }
  | { kind: 'rupiah'; mayBeNegative: boolean }
  | { kind: 'count'; max: number }
  | { kind: 'checklist' }
  | { kind: 'unknown' };

const rupiahText = /^-?[0-9]{1,18}$/;

function fieldSchema(def: InputDefinition): z.ZodType<bigint | [number, number] | number> {
  switch (def.kind) {
    case 'rupiah':
      return z
        .union([z.number().int().refine(Number.isSafeInteger), z.string().regex(rupiahText)])
        .transform((v) => BigInt(v))
        .refine((v) => def.mayBeNegative === true || v >= 0n);
    case 'count':
      return z.number().int().min(0).max(def.max);
    case 'checklist':
      return z
        .tuple([z.number().int().min(0).max(10_000), z.number().int().min(1).max(10_000)])
        .refine(([met, of]) => met <= of);
  }
}

function expectation(def: InputDefinition | undefined): InputExpectation {
  if (!def) return { kind: 'unknown' };
  switch (def.kind) {
    case 'rupiah':
      return { kind: 'rupiah', mayBeNegative: def.mayBeNegative === true };
    case 'count':
      return { kind: 'count', max: def.max };
    case 'checklist':
      return { kind: 'checklist' };
  }
}

/** The zod schema of a rubric's input document: nested objects for dotted keys, all strict. */
export function inputSchema(rubric: Rubric): z.ZodObject {
  const top: Record<string, z.ZodType> = {};
  const groups = new Map<string, Record<string, z.ZodType>>();
  for (const def of rubric.inputs) {
    const [group, name] = def.key.split('.');
    if (group && name) {
      const g = groups.get(group) ?? {};
      g[name] = fieldSchema(def);
      groups.set(group, g);
    } else top[def.key] = fieldSchema(def);
  }
  for (const [group, shape] of groups) top[group] = z.strictObject(shape);
  return z.strictObject(top);
}

function flatten(rubric: Rubric, data: Record<string, unknown>): AssessmentFigures {
  const figures: Record<string, bigint> = {};
  for (const def of rubric.inputs) {
    const [group, name] = def.key.split('.');
    const value = group && name ? (data[group] as Record<string, unknown>)[name] : data[def.key];
    if (def.kind === 'checklist') {
      const [met, of] = value as [number, number];
      figures[`${def.key}.met`] = BigInt(met);
      figures[`${def.key}.of`] = BigInt(of);
    } else figures[def.key] = BigInt(value as bigint | number);
  }
  return figures;
}

function valueAt(document: unknown, path: string[]): unknown {
  let v: unknown = document;
  for (const k of path) {
    if (k === '') continue;
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

export type ParsedFigures =
  { ok: true; figures: AssessmentFigures } | { ok: false; problems: InputProblem[] };

/** Checks a parsed JSON document against the rubric: the figures, or one problem per field. */
export function parseFigures(rubric: Rubric, document: unknown): ParsedFigures {
  const parsed = inputSchema(rubric).safeParse(document);
  if (parsed.success) return { ok: true, figures: flatten(rubric, parsed.data) };
  const byKey = new Map(rubric.inputs.map((d) => [d.key, d]));
  const groups = new Set(rubric.inputs.map((d) => d.key.split('.')[0]));
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const push = (p: InputProblem) => {
    if (seen.has(p.field)) return;
    seen.add(p.field);
    problems.push(p);
  };
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys)
        push({
          field: [...path, k].join('.'),
          problem: 'unknown',
          expected: { kind: 'unknown' },
        });
      continue;
    }
    // the field is the rubric input the issue is under: "checklists.kelembagaan", never ".0"
    const one = path[0] ?? '';
    const two = path.slice(0, 2).join('.');
    const field = byKey.has(two) ? two : byKey.has(one) || groups.has(one) ? one : path.join('.');
    const def = byKey.get(field);
    const missing = valueAt(document, field.split('.')) === undefined;
    push({
      field,
      problem: missing ? 'missing' : 'invalid',
      expected: field === '' || (!def && groups.has(field)) ? { kind: 'object' } : expectation(def),
    });
  }
  return { ok: false, problems };
}
