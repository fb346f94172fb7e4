import i18n from '../../i18n';
import { ApiError, client, getCsrf, unwrap, type Answer, type Body } from '../../api';

/**
 * The shop routes the till calls (docs/domain/shop-pos.md), typed by the generated schema. The
 * sale is sent with plain fetch, not the typed client: the sync loop must tell a network failure
 * (keep the sale, retry) from the server's answer (2xx recorded, 4xx refused).
 */

type Tills = Answer<'/api/v1/orgs/{orgId}/shop/tills'>;
type Catalogue = Answer<'/api/v1/orgs/{orgId}/shop/catalogue'>;
type Members = Answer<'/api/v1/orgs/{orgId}/shop/members'>;

export type Till = Tills['items'][number];
export type CatalogueItem = Catalogue['items'][number];
export type MemberSummary = Members['items'][number];
export type MemberLookup = Answer<'/api/v1/orgs/{orgId}/shop/members/lookup'>;
export type SaleBody = Body<'/api/v1/orgs/{orgId}/shop/sales'>;
export type PaymentMethod = SaleBody['paymentMethod'];
export type RecordedSale = Answer<'/api/v1/orgs/{orgId}/shop/sales', 'post'>;

const base = (orgId: string) => `/api/v1/orgs/${orgId}/shop`;

interface Problem {
  code?: string;
  detail?: string;
}

async function problemOf(res: Response): Promise<ApiError> {
  const p = (await res.json().catch(() => ({}))) as Problem;
  return new ApiError(p.code ?? 'ERROR', p.detail ?? res.statusText, res.status);
}

const path = (orgId: string) => ({ path: { orgId } });

export const fetchTills = async (orgId: string) =>
  (await unwrap(client.GET('/api/v1/orgs/{orgId}/shop/tills', { params: path(orgId) }))).items;

export const fetchCatalogue = async (orgId: string, outletId: string) =>
  (
    await unwrap(
      client.GET('/api/v1/orgs/{orgId}/shop/catalogue', {
        params: { ...path(orgId), query: { outletId } },
      }),
    )
  ).items;

export const fetchMembers = async (orgId: string) =>
  (await unwrap(client.GET('/api/v1/orgs/{orgId}/shop/members', { params: path(orgId) }))).items;

export const lookupMember = (orgId: string, q: string) =>
  unwrap(
    client.GET('/api/v1/orgs/{orgId}/shop/members/lookup', {
      params: { ...path(orgId), query: { q } },
    }),
  );

/** What became of one send of a queued sale. */
export type SendOutcome =
  | { kind: 'recorded'; sale: RecordedSale; replayed: boolean }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'network' };

/** Sends a sale once, keyed by its clientSaleId: however often it is sent, it is recorded once. */
export async function sendSale(orgId: string, sale: SaleBody): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetch(`${base(orgId)}/sales`, {
      method: 'POST',
      credentials: 'include',
      headers: {
        'content-type': 'application/json',
        'accept-language': i18n.language,
        'x-csrf-token': getCsrf(),
        'idempotency-key': sale.clientSaleId,
      },
      body: JSON.stringify(sale),
    });
  } catch {
    return { kind: 'network' };
  }
  if (res.ok)
    return {
      kind: 'recorded',
      sale: (await res.json()) as RecordedSale,
      replayed: res.headers.get('idempotent-replayed') === 'true',
    };
  // a gateway between the till and the server that cannot reach it: the same as no network
  if (res.status >= 500) return { kind: 'network' };
  return { kind: 'refused', error: await problemOf(res) };
}

export type BatchAnswer = Answer<'/api/v1/orgs/{orgId}/shop/tills/{tillId}/sales/batch', 'post'>;

/** What became of one send of a till's queued sales at once. */
export type BatchOutcome =
  | { kind: 'answered'; answer: BatchAnswer }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'network' };

/**
 * Sends a till's queued sales in one request, in receipt order (POST …/tills/:id/sales/batch):
 * each is recorded once however often it is sent (its clientSaleId); the answer says which were
 * recorded (or had been) and which one the server refused, if any.
 */
export async function sendSales(
  orgId: string,
  tillId: string,
  sales: SaleBody[],
): Promise<BatchOutcome> {
  let res: Response;
  try {
    res = await fetch(`${base(orgId)}/tills/${tillId}/sales/batch`, {
      method: 'POST',
      credentials: 'include',
      headers: {
        'content-type': 'application/json',
        'accept-language': i18n.language,
        'x-csrf-token': getCsrf(),
      },
      body: JSON.stringify({ sales }),
    });
  } catch {
    return { kind: 'network' };
  }
  if (res.ok) return { kind: 'answered', answer: (await res.json()) as BatchAnswer };
  if (res.status >= 500) return { kind: 'network' };
  return { kind: 'refused', error: await problemOf(res) };
}
