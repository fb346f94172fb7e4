/**
 * What the route fuzzer (test/integration/foundation/fuzz-sweep.ts) knows of the API's OpenAPI
 * document: the subset of JSON Schema the routes use, a validator that proves a generated request
 * invalid, and the hostile values it sends.
 */

export interface Schema {
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}
export interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `v` satisfies `s` (the keywords the document uses). Used to prove a request invalid. */
export function conforms(s: Schema, v: unknown): boolean {
  if (s.anyOf) return s.anyOf.some((x) => conforms(x, v));
  if (s.oneOf) return s.oneOf.some((x) => conforms(x, v));
  if (s.allOf) return s.allOf.every((x) => conforms(x, v));
  if (v === null) return s.nullable === true || s.type === 'null' || s.type === undefined;
  if (s.enum && !s.enum.includes(v)) return false;
  switch (s.type ?? '') {
    case 'string':
      return (
        typeof v === 'string' &&
        (s.pattern === undefined || new RegExp(s.pattern).test(v)) &&
        (s.minLength === undefined || v.length >= s.minLength) &&
        (s.maxLength === undefined || v.length <= s.maxLength)
      );
    case 'integer':
    case 'number':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (s.type === 'number' || Number.isInteger(v)) &&
        (s.minimum === undefined || v >= s.minimum) &&
        (s.maximum === undefined || v <= s.maximum) &&
        (s.exclusiveMinimum === undefined || v > s.exclusiveMinimum) &&
        (s.exclusiveMaximum === undefined || v < s.exclusiveMaximum)
      );
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return (
        Array.isArray(v) &&
        (s.minItems === undefined || v.length >= s.minItems) &&
        (s.maxItems === undefined || v.length <= s.maxItems) &&
        (s.items === undefined || v.every((x) => conforms(s.items!, x)))
      );
    case 'object': {
      if (!isPlainObject(v)) return false;
      for (const r of s.required ?? []) if (v[r] === undefined) return false;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        const p = s.properties?.[k];
        if (p) {
          if (!conforms(p, x)) return false;
        } else if (s.additionalProperties === false) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

export const TWO_POW_63 = '9223372036854775808';
export const HOSTILE_STRINGS = [
  "'; DROP TABLE members;--",
  "' OR '1'='1",
  '1; select pg_sleep(10)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'x'.repeat(100_000),
  '\u0000',
  'a\u0000b',
  '\u202e\u200b\ufeff',
  '😀'.repeat(40),
  '\ud800',
  'Ω≈ç√∫˜µ≤≥÷',
  '../../etc/passwd',
  '${7*7}{{7*7}}',
  '%00%27',
  '',
  ' ',
  'null',
  'true',
  '-1',
  '-0',
  '0',
  '1.5',
  '-1000.75',
  '1e30',
  '0x1F',
  'NaN',
  'Infinity',
  TWO_POW_63,
  `-${TWO_POW_63}`,
  '99999999999999999999999999999999',
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '99999-01-01',
  '2026-01-01T00:00:00Z',
  '2026-00',
  '1900-01',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'c0ffee00-0000-4000-8000-00000000000g',
];
export const HOSTILE_NUMBERS = [
  1e30,
  2 ** 63,
  -(2 ** 63),
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  -1,
  -0.01,
  0.5,
  1.5,
  0,
  -1e30,
];
