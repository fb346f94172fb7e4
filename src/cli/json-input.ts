import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import type { Lang } from '../i18n/messages.js';
import { CliInputError } from './input.js';

/**
 * Reading a command's JSON input file (`sokoguru shu compute`, `sokoguru bagi-hasil compute`):
 * size limit, JSON syntax, the command's zod schema and its cross-field rules, each refusal a
 * sentence per problem in the run's language (exit 2, nothing computed).
 */

export type Path = readonly PropertyKey[];

/** A field's place as the user wrote it: `members[3].jasaUsaha.pinjaman`. */
export const pathText = (path: Path): string =>
  path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`))
    .join('');

/** At most this many problem lines are printed, then how many more there are. */
const PROBLEM_LINES_MAX = 20;

export function refuse(lines: string[], lang: Lang): never {
  const shown = lines.slice(0, PROBLEM_LINES_MAX);
  if (lines.length > shown.length)
    shown.push(
      lang === 'id'
        ? `… dan ${lines.length - shown.length} masalah lain`
        : `… and ${lines.length - shown.length} more problems`,
    );
  throw new CliInputError(shown);
}

function valueAt(document: unknown, path: Path): unknown {
  let v: unknown = document;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

export interface JsonInputRules<S extends z.ZodType> {
  schema: S;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** What a field must be, by its path (shown after "expected"). */
  expectedOf: (path: Path, lang: Lang) => string;
  /** Why a field is invalid when the schema's issue says more than "invalid" (e.g. " (negatif)"). */
  why?: (issue: z.core.$ZodIssue, lang: Lang) => string;
  /** What the schema cannot see field by field (totals, unique ids); one sentence each. */
  crossProblems: (input: z.output<S>, lang: Lang) => string[];
}

/** One sentence per field in trouble (the first problem of each), in the run's language. */
function schemaProblems<S extends z.ZodType>(
  document: unknown,
  error: z.ZodError,
  lang: Lang,
  rules: JsonInputRules<S>,
): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) {
        const field = pathText([...issue.path, k]);
        lines.push(
          lang === 'id' ? `isian "${field}" tidak dikenal` : `field "${field}" is not known`,
        );
      }
      continue;
    }
    const field = pathText(issue.path);
    if (seen.has(field)) continue;
    seen.add(field);
    const expected = rules.expectedOf(issue.path, lang);
    const name = field === '' ? (lang === 'id' ? 'isi berkas' : 'the file') : `"${field}"`;
    if (issue.path.length > 0 && valueAt(document, issue.path) === undefined) {
      lines.push(
        lang === 'id'
          ? `isian ${name} wajib ada: ${expected}`
          : `field ${name} is required: ${expected}`,
      );
      continue;
    }
    const why = rules.why?.(issue, lang) ?? '';
    lines.push(
      lang === 'id'
        ? `isian ${name} tidak valid${why}: harus ${expected}`
        : `field ${name} is invalid${why}: expected ${expected}`,
    );
  }
  return lines;
}

/** Reads and checks the input file; every refusal is a sentence per problem (exit 2). */
export function readJsonInput<S extends z.ZodType>(
  path: string,
  lang: Lang,
  rules: JsonInputRules<S>,
): z.output<S> {
  if (statSync(path).size > rules.maxBytes)
    refuse(
      [
        lang === 'id'
          ? `berkas ${path} terlalu besar (paling besar ${rules.maxBytes / 1024 / 1024} MiB)`
          : `the file ${path} is too large (at most ${rules.maxBytes / 1024 / 1024} MiB)`,
      ],
      lang,
    );
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    const reason = (err as Error).message;
    refuse(
      [
        lang === 'id'
          ? `berkas ${path} bukan JSON yang sah (${reason})`
          : `the file ${path} is not valid JSON (${reason})`,
      ],
      lang,
    );
  }
  const parsed = rules.schema.safeParse(document);
  if (!parsed.success) refuse(schemaProblems(document, parsed.error, lang, rules), lang);
  const cross = rules.crossProblems(parsed.data, lang);
  if (cross.length > 0) refuse(cross, lang);
  return parsed.data;
}
