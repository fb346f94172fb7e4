import { client, unwrap, type Answer, type Body } from '../../api';

/** The mlijo routes the pages call (docs/domain/mlijo.md), typed by the generated schema. */

export type Home = Answer<'/api/v1/mlijo/pesan/{cooperativeId}/{token}'>;
export type Order = NonNullable<Home['order']>;
export type OrderBody = Body<'/api/v1/mlijo/pesan/{cooperativeId}/{token}/orders'>;
export type VendorRounds = Answer<'/api/v1/orgs/{orgId}/mlijo/vendor/rounds'>;
export type VendorRound = Answer<'/api/v1/orgs/{orgId}/mlijo/vendor/rounds/{roundId}'>;
export type Delivery = VendorRound['deliveries'][number];
export type SettlementPreview = Answer<'/api/v1/orgs/{orgId}/mlijo/vendor/settlement'>;

/** Where a household's page reads and sends: by its link, or as the signed-in member. */
export interface HouseholdApi {
  key: readonly string[];
  home: () => Promise<Home>;
  order: (body: OrderBody, idempotencyKey: string) => Promise<Order>;
}

export const linkApi = (cooperativeId: string, token: string): HouseholdApi => ({
  key: ['mlijo-home', cooperativeId, token],
  home: () =>
    unwrap(
      client.GET('/api/v1/mlijo/pesan/{cooperativeId}/{token}', {
        params: { path: { cooperativeId, token } },
      }),
    ),
  order: (body, key) =>
    unwrap(
      client.POST('/api/v1/mlijo/pesan/{cooperativeId}/{token}/orders', {
        params: { path: { cooperativeId, token } },
        body,
        headers: { 'idempotency-key': key },
      }),
    ),
});

export const memberApi = (orgId: string): HouseholdApi => ({
  key: ['mlijo-me', orgId],
  home: () => unwrap(client.GET('/api/v1/orgs/{orgId}/mlijo/me', { params: { path: { orgId } } })),
  order: (body, key) =>
    unwrap(
      client.POST('/api/v1/orgs/{orgId}/mlijo/me/orders', {
        params: { path: { orgId } },
        body,
        headers: { 'idempotency-key': key },
      }),
    ),
});

/** Grams shown as kg with up to three decimals, Indonesian style: 940 -> "0,94 kg". */
export function kg(grams: string | bigint, lang: string): string {
  const n = Number(grams) / 1000;
  return `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 3 }).format(n)} kg`;
}

/** A quantity in the product's base unit as the household reads it (kg for weighed goods). */
export function qtyText(qtyBase: string, weighed: boolean, baseUnit: string, lang: string) {
  return weighed && baseUnit === 'g' ? kg(qtyBase, lang) : `${qtyBase} ${baseUnit}`;
}

/** The vendor enters an order for a household on the own route. */
export const vendorHouseholdApi = (orgId: string, householdId: string): HouseholdApi => ({
  key: ['mlijo-vendor-household', orgId, householdId],
  home: () =>
    unwrap(
      client.GET('/api/v1/orgs/{orgId}/mlijo/vendor/households/{householdId}', {
        params: { path: { orgId, householdId } },
      }),
    ),
  order: (body, key) =>
    unwrap(
      client.POST('/api/v1/orgs/{orgId}/mlijo/vendor/households/{householdId}/orders', {
        params: { path: { orgId, householdId } },
        body,
        headers: { 'idempotency-key': key },
      }),
    ),
});
