import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';

/**
 * Setting up the marketplace (docs/domain/marketplace.md): the outlet it sells from and the
 * till its deliveries are recorded on, which products are listed, and their photos.
 */

export const PHOTO_MAX_BYTES = 512 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** The file's first bytes must say what its content type says (no HTML served as an image). */
const MAGIC: Record<PhotoType, (b: Uint8Array) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d,
  'image/webp': (b) =>
    Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP',
};

export interface SettingsView {
  [key: string]: string | boolean | null;
  outletId: string;
  tillId: string;
  open: boolean;
  title: string;
  note: string | null;
}

export async function settingsIn(o: OrgTx): Promise<SettingsView | null> {
  const s = await o.tx
    .selectFrom('marketplace_settings')
    .selectAll()
    .where('cooperative_id', '=', o.ctx.organizationId)
    .executeTakeFirst();
  return s
    ? {
        outletId: s.outlet_id.toString(),
        tillId: s.till_id.toString(),
        open: s.open,
        title: s.title,
        note: s.note,
      }
    : null;
}

export async function getSettings(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, (o) => settingsIn(o));
}

export interface SettingsInput {
  outletId: bigint;
  tillId: bigint;
  open: boolean;
  title: string;
  note: string | null;
}

export async function putSettingsIn(o: OrgTx, input: SettingsInput): Promise<SettingsView> {
  const coop = o.ctx.organizationId;
  const till = await o.tx
    .selectFrom('shop_tills')
    .select(['outlet_id'])
    .where('cooperative_id', '=', coop)
    .where('id', '=', input.tillId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!till) throw new AppError('SHOP_TILL_NOT_FOUND');
  // the till records the goods leaving its own outlet: they must be the marketplace's outlet
  if (till.outlet_id !== input.outletId) throw new AppError('SHOP_OUTLET_NOT_FOUND');
  await o.tx
    .insertInto('marketplace_settings')
    .values({
      cooperative_id: coop,
      outlet_id: input.outletId,
      till_id: input.tillId,
      open: input.open,
      title: input.title,
      note: input.note,
      updated_by: o.ctx.actor.userId,
    })
    .onConflict((c) =>
      c.column('cooperative_id').doUpdateSet({
        outlet_id: input.outletId,
        till_id: input.tillId,
        open: input.open,
        title: input.title,
        note: input.note,
        updated_by: o.ctx.actor.userId,
        updated_at: sql`now()`,
      }),
    )
    .execute();
  await o.audit({
    action: 'marketplace.settings',
    entityType: 'marketplace',
    after: {
      outletId: input.outletId.toString(),
      tillId: input.tillId.toString(),
      open: input.open,
      title: input.title,
    },
  });
  return (await settingsIn(o))!;
}

export async function putSettings(deps: Deps, ctx: OrgContext, input: SettingsInput) {
  return inOrg(deps, ctx, (o) => putSettingsIn(o, input));
}

/** Lists (or takes off) products on the storefront; weighed goods are sold at the counter only. */
export async function setListedIn(o: OrgTx, productIds: readonly bigint[], listed: boolean) {
  const coop = o.ctx.organizationId;
  const ids = [...new Set(productIds.map(String))];
  if (ids.length === 0) return { changed: 0 };
  const found = await o.tx
    .selectFrom('shop_products')
    .select(['id', 'weighed'])
    .where('cooperative_id', '=', coop)
    .where('id', 'in', ids.map(BigInt))
    .execute();
  if (found.length !== ids.length) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
  if (listed && found.some((p) => p.weighed))
    throw new AppError('MARKETPLACE_PRODUCT_NOT_LISTED', {}, 'weighed goods are not listed');
  const r = listed
    ? await sql`insert into marketplace_listings (cooperative_id, product_id, listed_by)
        select ${coop}, p, ${o.ctx.actor.userId}::uuid from unnest(${ids}::bigint[]) as u(p)
        on conflict do nothing`.execute(o.tx)
    : await sql`delete from marketplace_listings
        where cooperative_id = ${coop} and product_id = any(${ids}::bigint[])`.execute(o.tx);
  const changed = Number(r.numAffectedRows ?? 0n);
  await o.audit({
    action: listed ? 'marketplace.listed' : 'marketplace.unlisted',
    entityType: 'marketplace',
    after: { productIds: ids, changed },
  });
  return { changed };
}

export async function setListed(
  deps: Deps,
  ctx: OrgContext,
  productIds: readonly bigint[],
  listed: boolean,
) {
  return inOrg(deps, ctx, (o) => setListedIn(o, productIds, listed));
}

export function checkPhoto(contentType: string, bytes: Uint8Array): PhotoType {
  const type = PHOTO_TYPES.find((t) => t === contentType);
  if (!type || bytes.length === 0 || bytes.length > PHOTO_MAX_BYTES || !MAGIC[type](bytes))
    throw new AppError('MARKETPLACE_PHOTO_INVALID', { maxBytes: PHOTO_MAX_BYTES });
  return type;
}

export async function putPhotoIn(
  o: OrgTx,
  productId: bigint,
  contentType: string,
  bytes: Uint8Array,
) {
  const coop = o.ctx.organizationId;
  const p = await o.tx
    .selectFrom('shop_products')
    .select('id')
    .where('cooperative_id', '=', coop)
    .where('id', '=', productId)
    .executeTakeFirst();
  if (!p) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
  const type = checkPhoto(contentType, bytes);
  const etag = createHash('sha256').update(bytes).digest('hex');
  await o.tx
    .insertInto('marketplace_photos')
    .values({
      cooperative_id: coop,
      product_id: productId,
      content_type: type,
      bytes,
      etag,
      uploaded_by: o.ctx.actor.userId,
    })
    .onConflict((c) =>
      c.columns(['cooperative_id', 'product_id']).doUpdateSet({
        content_type: type,
        bytes,
        etag,
        uploaded_by: o.ctx.actor.userId,
        uploaded_at: sql`now()`,
      }),
    )
    .execute();
  await o.audit({
    action: 'marketplace.photo',
    entityType: 'shop-product',
    entityId: productId,
    after: { contentType: type, bytes: bytes.length, etag },
  });
  return { productId: productId.toString(), contentType: type, bytes: bytes.length, etag };
}

export async function putPhoto(
  deps: Deps,
  ctx: OrgContext,
  productId: bigint,
  contentType: string,
  bytes: Uint8Array,
) {
  return inOrg(deps, ctx, (o) => putPhotoIn(o, productId, contentType, bytes));
}

/** The shop's products with their listing flag and photo, for the back office's listing tab. */
export async function listingOverview(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{
      id: bigint;
      sku: string;
      name: string;
      category: string;
      weighed: boolean;
      consignment: boolean;
      listed: boolean;
      etag: string | null;
    }>`select p.id, p.sku, p.name, p.category, p.weighed, p.consignor_id is not null as consignment,
        l.product_id is not null as listed, ph.etag
      from shop_products p
      left join marketplace_listings l on l.cooperative_id = p.cooperative_id and l.product_id = p.id
      left join marketplace_photos ph on ph.cooperative_id = p.cooperative_id and ph.product_id = p.id
      where p.cooperative_id = ${ctx.organizationId} and p.active
      order by l.product_id is null, p.name`.execute(tx);
    return r.rows.map((x) => ({
      id: x.id.toString(),
      sku: x.sku,
      name: x.name,
      category: x.category,
      weighed: x.weighed,
      consignment: x.consignment,
      listed: x.listed,
      photoEtag: x.etag,
    }));
  });
}
