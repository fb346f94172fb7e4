import { serializerCompiler } from 'fastify-type-provider-zod';

type SerializerCompiler = typeof serializerCompiler;

/**
 * Where `sent` has a field that `kept` (what the response schema let through) lost: the schema
 * forgot to declare it, so a client typed from /api/openapi.json would never see it.
 */
export function droppedFields(sent: unknown, kept: unknown, path = '$'): string[] {
  if (sent === null || typeof sent !== 'object' || sent instanceof Date) return [];
  if (Array.isArray(sent)) {
    if (!Array.isArray(kept)) return [];
    return sent.flatMap((v, i) => droppedFields(v, kept[i], `${path}[${i}]`));
  }
  if (kept === null || typeof kept !== 'object' || Array.isArray(kept)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(sent)) {
    if (value === undefined) continue;
    if (!(key in kept)) out.push(`${path}.${key}`);
    else
      out.push(...droppedFields(value, (kept as Record<string, unknown>)[key], `${path}.${key}`));
  }
  return out;
}

/**
 * Responses go through the route's zod response schema (fastify-type-provider-zod): a field of the
 * wrong type is a 500, and an undeclared field is silently dropped. With `strict` (tests), a
 * dropped field is an error too, so every schema is checked against what its route really sends.
 */
export function responseSerializer(strict: boolean): SerializerCompiler {
  if (!strict) return serializerCompiler;
  return (route) => {
    const serialize = serializerCompiler(route);
    return (data) => {
      const json = serialize(data);
      const lost = droppedFields(data, JSON.parse(json) as unknown);
      if (lost.length > 0) {
        const message = `response of ${route.method} ${route.url} has fields its schema does not declare: ${lost.slice(0, 10).join(', ')}`;
        console.error(message);
        throw new Error(message);
      }
      return json;
    };
  };
}

/** Strict unless told otherwise: on under vitest, or with SOKOGURU_STRICT_RESPONSES=1. */
export const strictResponsesByDefault = (): boolean =>
  process.env.SOKOGURU_STRICT_RESPONSES === '1' ||
  (process.env.VITEST !== undefined && process.env.SOKOGURU_STRICT_RESPONSES !== '0');
