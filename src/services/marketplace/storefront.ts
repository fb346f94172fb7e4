import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';

/**
 * The public storefront (docs/domain/marketplace.md): the listed products of one cooperative with
 * photo, producer, price and what its marketplace outlet can still offer. Read-only and runs in
 * the cooperative's own tenant transaction, so no other cooperative's rows can be read; it never
 * selects cost, supplier terms or anything else of the shop's books.
 */

export const STOREFRONT_PAGE_SIZE_MAX = 48;

export interface StorefrontQuery {
  q: string | null;
  category: string | null;
  /** a producer's supplier id, or 'koperasi' for the cooperative's own goods */
  producer: string | null;
  page: number;
  pageSize: number;
}

/** The marketplace of the context's cooperative, open; or 404 (set up nowhere, or closed). */
export async function openMarketplace(o: OrgTx) {
  const r = await sql<{
    outlet_id: bigint;
    till_id: bigint;
    title: string;
    note: string | null;
    cooperative_name: string;
    outlet_name: string;
  }>`select s.outlet_id, s.till_id, s.title, s.note, org.name as cooperative_name,
      ou.name as outlet_name
    from marketplace_settings s
    join organizations org on org.id = s.cooperative_id
    join shop_outlets ou on ou.cooperative_id = s.cooperative_id and ou.id = s.outlet_id
    where s.cooperative_id = ${o.ctx.organizationId} and s.open`.execute(o.tx);
  const m = r.rows[0];
  if (!m) throw new AppError('MARKETPLACE_NOT_FOUND');
  return m;
}

/**
 * What an outlet can still promise of each product: on hand less what open orders (new,
 * confirmed, packed) already ask for. Nothing is reserved in the books; see the doc.
 */
export const availableSql = (coop: string, outletId: bigint) => sql`
  coalesce((select st.qty_base from shop_stock st where st.cooperative_id = ${coop}
      and st.outlet_id = ${outletId} and st.product_id = p.id), 0)
  - coalesce((select sum(ol.qty_base) from marketplace_order_lines ol
      join marketplace_orders mo on mo.cooperative_id = ol.cooperative_id and mo.id = ol.order_id
      where ol.cooperative_id = ${coop} and ol.product_id = p.id
        and mo.status in ('new', 'confirmed', 'packed')), 0)`;

export const photoPath = (coop: string, productId: bigint | string, etag: string) =>
  `/api/v1/pasar/${coop}/products/${productId}/photo?v=${etag.slice(0, 16)}`;

export async function storefront(
  deps: Deps,
  ctx: OrgContext,
  query: StorefrontQuery,
  member: boolean,
) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const m = await openMarketplace(o);
    const pageSize = Math.min(Math.max(query.pageSize, 1), STOREFRONT_PAGE_SIZE_MAX);
    const page = Math.max(query.page, 1);
    const like = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = sql`p.cooperative_id = ${coop} and p.active and not p.weighed
      ${like === null ? sql`` : sql`and p.name ilike ${like}`}
      ${query.category === null ? sql`` : sql`and p.category = ${query.category}`}
      ${
        query.producer === null
          ? sql``
          : query.producer === 'koperasi'
            ? sql`and p.consignor_id is null`
            : sql`and p.consignor_id = ${query.producer}::bigint`
      }`;
    const rows = await sql<{
      id: bigint;
      name: string;
      category: string;
      description: string | null;
      base_unit: string;
      public_price_rupiah: bigint;
      member_price_rupiah: bigint;
      supplier_id: bigint | null;
      supplier_name: string | null;
      member_name: string | null;
      etag: string | null;
      available: bigint;
      total: bigint;
    }>`select * from (select p.id, p.name, p.category, p.description, p.base_unit, p.public_price_rupiah,
        p.member_price_rupiah, s.id as supplier_id, s.name as supplier_name,
        mem.full_name as member_name, ph.etag,
        greatest(${availableSql(coop, m.outlet_id)}, 0)::bigint as available,
        count(*) over ()::bigint as total
      from marketplace_listings l
      join shop_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
      left join shop_suppliers s on s.cooperative_id = p.cooperative_id and s.id = p.consignor_id
      left join members mem on mem.cooperative_id = s.cooperative_id and mem.id = s.member_id
      left join marketplace_photos ph on ph.cooperative_id = p.cooperative_id and ph.product_id = p.id
      where l.cooperative_id = ${coop} and ${where}
      ) x
      -- what can be ordered first, then by name
      order by x.available > 0 desc, x.name, x.id
      limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(o.tx);
    const facets = await sql<{
      kind: 'category' | 'producer';
      key: string;
      name: string;
      n: bigint;
    }>`
      select 'category' as kind, p.category as key, p.category as name, count(*)::bigint as n
        from marketplace_listings l
        join shop_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
        where l.cooperative_id = ${coop} and p.active and not p.weighed group by p.category
      union all
      select 'producer', coalesce(s.id::text, 'koperasi'), coalesce(s.name, ''), count(*)::bigint
        from marketplace_listings l
        join shop_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
        left join shop_suppliers s on s.cooperative_id = p.cooperative_id and s.id = p.consignor_id
        where l.cooperative_id = ${coop} and p.active and not p.weighed group by s.id, s.name
      order by 1, 3`.execute(o.tx);
    return {
      cooperativeName: m.cooperative_name,
      title: m.title,
      note: m.note,
      outletName: m.outlet_name,
      memberPrices: member,
      categories: facets.rows
        .filter((f) => f.kind === 'category')
        .map((f) => ({ key: f.key, count: Number(f.n) })),
      producers: facets.rows
        .filter((f) => f.kind === 'producer')
        .map((f) => ({
          key: f.key,
          name: f.key === 'koperasi' ? null : f.name,
          count: Number(f.n),
        })),
      page,
      pageSize,
      total: Number(rows.rows[0]?.total ?? 0n),
      items: rows.rows.map((p) => ({
        id: p.id.toString(),
        name: p.name,
        category: p.category,
        description: p.description,
        unit: p.base_unit,
        publicPriceRupiah: p.public_price_rupiah.toString(),
        memberPriceRupiah: member ? p.member_price_rupiah.toString() : null,
        producer:
          p.supplier_id === null
            ? null
            : { id: p.supplier_id.toString(), name: p.supplier_name!, memberName: p.member_name },
        availableBase: p.available.toString(),
        photoUrl: p.etag === null ? null : photoPath(coop, p.id, p.etag),
      })),
    };
  });
}

/** A listed product's photo (a photo of an unlisted product is not public). */
export async function publicPhoto(deps: Deps, ctx: OrgContext, productId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    await openMarketplace(o);
    const r = await sql<{ content_type: string; bytes: Uint8Array; etag: string }>`
      select ph.content_type, ph.bytes, ph.etag from marketplace_photos ph
      join marketplace_listings l on l.cooperative_id = ph.cooperative_id and l.product_id = ph.product_id
      where ph.cooperative_id = ${ctx.organizationId} and ph.product_id = ${productId}`.execute(
      o.tx,
    );
    const p = r.rows[0];
    if (!p) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
    return { contentType: p.content_type, bytes: Buffer.from(p.bytes), etag: p.etag };
  });
}

/** Any product's photo for the back office (listed or not). */
export async function staffPhoto(deps: Deps, ctx: OrgContext, productId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const r = await o.tx
      .selectFrom('marketplace_photos')
      .select(['content_type', 'bytes', 'etag'])
      .where('cooperative_id', '=', ctx.organizationId)
      .where('product_id', '=', productId)
      .executeTakeFirst();
    if (!r) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
    return { contentType: r.content_type, bytes: Buffer.from(r.bytes), etag: r.etag };
  });
}
