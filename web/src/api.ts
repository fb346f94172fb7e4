import i18n from './i18n';

export type Role =
  | 'admin'
  | 'pengurus'
  | 'pengawas'
  | 'kasir'
  | 'petugas_kredit'
  | 'anggota'
  | 'dinas_admin'
  | 'dinas_pembina'
  | 'dinas_pengawas';

export interface Membership {
  organizationId: string;
  organizationName: string;
  organizationKind: 'cooperative' | 'dinas';
  cooperativeType: string | null;
  roles: Role[];
}

export interface Session {
  user: { id: string; username: string; fullName: string; locale: 'id' | 'en' };
  csrfToken: string;
  memberships: Membership[];
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly status: number,
  ) {
    super(detail);
  }
}

/** What to tell the user about a failed call: the server's detail, or `fallback`. */
export const errorText = (e: unknown, fallback: string): string =>
  e instanceof ApiError ? e.detail : fallback;

let csrfToken = '';
export const setCsrf = (token: string) => {
  csrfToken = token;
};
export const getCsrf = () => csrfToken;

/** JSON over fetch with the session cookie, the CSRF token on writes and the UI language. */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  return (await apiRequest<T>(method, path, body)).body;
}

/** The same call, with extra headers (Idempotency-Key) and the status (201 done, 202 pending). */
export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'accept-language': i18n.language, ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'include',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 204) return { status: 204, body: undefined as T };
  const data: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const p = data as { code?: string; detail?: string };
    throw new ApiError(p.code ?? 'ERROR', p.detail ?? res.statusText, res.status);
  }
  return { status: res.status, body: data as T };
}

/** The page a role lands on after signing in. */
export function landingFor(m: Membership): string {
  if (m.roles.includes('anggota') && m.roles.length === 1) return `/o/${m.organizationId}/anggota`;
  if (m.roles.includes('kasir') && m.roles.length === 1) return `/o/${m.organizationId}/kasir`;
  return `/o/${m.organizationId}/dashboard`;
}
