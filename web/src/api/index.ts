import createClient from 'openapi-fetch';
import i18n from '../i18n';
import type { paths } from './schema';

/**
 * The web app's API: one client typed by web/src/api/schema.d.ts, which `npm run gen:api` writes
 * from the server's /api/openapi.json. Paths, parameters, bodies and answers come from the routes'
 * schemas, so a changed route breaks `npm run check` and the web build.
 */
export const client = createClient<paths>({ credentials: 'include' });

let csrfToken = '';
export const setCsrf = (token: string) => {
  csrfToken = token;
};
export const getCsrf = () => csrfToken;

client.use({
  // the UI language for the server's messages, and the CSRF token on every write
  onRequest({ request }) {
    request.headers.set('accept-language', i18n.language);
    if (request.method !== 'GET') request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
});

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Success<Rs> = { [S in keyof Rs]: S extends 200 | 201 | 202 ? JsonOf<Rs[S]> : never }[keyof Rs];

/** The JSON a route answers with on success, e.g. `Answer<'/api/v1/orgs/{orgId}/users'>`. */
export type Answer<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends {
  responses: infer Rs;
}
  ? Success<Rs>
  : never;

/** The JSON body a route takes. */
export type Body<P extends keyof paths, M extends Method = 'post'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type Session = Answer<'/api/v1/auth/session'>;
export type Membership = Session['memberships'][number];
export type Role = Membership['roles'][number];
export type Permission = Membership['permissions'][number];

/** A refused call: the problem+json code and detail (in the user's language) and the status. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly status: number,
    /** per-row problems of an import */
    readonly errors: { field: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

/** What to tell the user about a failed call: the server's detail, or `fallback`. */
export const errorText = (e: unknown, fallback: string): string =>
  e instanceof ApiError ? e.detail : fallback;

interface Problem {
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

function problem(error: unknown, response: Response): ApiError {
  const p = (typeof error === 'object' && error !== null ? error : {}) as Problem;
  return new ApiError(
    p.code ?? 'ERROR',
    p.detail ?? response.statusText,
    response.status,
    p.errors,
  );
}

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer of a call, or an ApiError from its problem+json. */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  return (await unwrapWithStatus(call)).body;
}

/** The same, with the status (a write may answer 201 done or 202 waiting for approval). */
export async function unwrapWithStatus<T>(
  call: Promise<Outcome<T>>,
): Promise<{ status: number; body: T }> {
  const { data, error, response } = await call;
  if (!response.ok) throw problem(error, response);
  return { status: response.status, body: data as T };
}

/**
 * The JSON answer of a route that sends JSON or a file (PDF, Excel) by its `format`, called for
 * JSON: the file's branch of the declared answer is left out.
 */
export async function unwrapJson<T>(call: Promise<Outcome<T>>): Promise<Exclude<T, string | Blob>> {
  const body = await unwrap(call);
  if (typeof body === 'string' || body instanceof Blob)
    throw new ApiError('NOT_JSON', 'the answer is not JSON', 0);
  return body as Exclude<T, string | Blob>;
}

/** Sends a file as the raw request body (spreadsheet imports), with the session's CSRF token. */
export async function upload<T>(path: string, file: File): Promise<T> {
  const response = await fetch(`/api/v1${path}`, {
    method: 'POST',
    credentials: 'include',
    headers: {
      'content-type': file.type || 'application/octet-stream',
      'x-csrf-token': csrfToken,
      'accept-language': i18n.language,
    },
    body: file,
  });
  const data: unknown = await response.json().catch(() => ({}));
  if (!response.ok) throw problem(data, response);
  return data as T;
}

/** What the membership may do, from the permissions the session carries (docs/permissions.md). */
export const can = (m: Membership | undefined, p: Permission): boolean =>
  m?.permissions.includes(p) ?? false;

/**
 * The page one lands on after signing in: a member on their own page, a supervising office's staff
 * on its supervision dashboard, a teller who reads no reports at the counter, everyone else on the
 * Beranda.
 */
export function landingFor(m: Membership): string {
  const page = !can(m, 'org.read')
    ? 'anggota'
    : can(m, 'registry.read')
      ? 'supervision'
      : can(m, 'dps.review')
        ? 'dps'
        : can(m, 'cashdesk.operate') && !can(m, 'reports.read')
          ? 'kasir'
          : 'dashboard';
  return `/o/${m.organizationId}/${page}`;
}
