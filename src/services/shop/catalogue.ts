import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import type { ProductUnit } from '../../domain/shop/units.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { ensureShopAccounts } from './accounts.js';

/**
 * The shop's set-up and catalogue: outlets, tills (each on a cash desk, whose sessions are the
 * cashiers' shifts), suppliers (member producers on consignment among them), products with their
 * units, barcodes and prices, and every price change kept.
 */

export async function listOutlets(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await tx
      .selectFrom('shop_outlets')
      .selectAll()
      .where('cooperative_id', '=', ctx.organizationId)
      .orderBy('code')
      .execute();
    return rows.map((r) => ({
      id: r.id.toString(),
      code: r.code,
      name: r.name,
      address: r.address,
      active: r.active,
    }));
  });
}

export async function createOutlet(
  deps: Deps,
  ctx: OrgContext,
  input: { code: string; name: string; address?: string | null },
) {
  return inOrg(deps, ctx, async (o) => {
    await ensureShopAccounts(o);
    const exists = await o.tx
      .selectFrom('shop_outlets')
      .select('id')
      .where('cooperative_id', '=', ctx.organizationId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (exists) throw new AppError('SHOP_OUTLET_CODE_TAKEN', { code: input.code });
    const r = await o.tx
      .insertInto('shop_outlets')
      .values({
        cooperative_id: ctx.organizationId,
        code: input.code,
        name: input.name,
        address: input.address ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await o.audit({
      action: 'shop.outlet-created',
      entityType: 'shop-outlet',
      entityId: r.id,
      after: { code: r.code, name: r.name },
    });
    return {
      id: r.id.toString(),
      code: r.code,
      name: r.name,
      address: r.address,
      active: r.active,
    };
  });
}

async function tillRows(o: OrgTx, tillId?: bigint) {
  let q = o.tx
    .selectFrom('shop_tills as t')
    .innerJoin('shop_outlets as u', (j) =>
      j.onRef('u.cooperative_id', '=', 't.cooperative_id').onRef('u.id', '=', 't.outlet_id'),
    )
    .innerJoin('cash_desks as d', (j) =>
      j.onRef('d.cooperative_id', '=', 't.cooperative_id').onRef('d.id', '=', 't.desk_id'),
    )
    .select([
      't.id',
      't.code',
      't.name',
      't.outlet_id',
      'u.code as outlet_code',
      'u.name as outlet_name',
      't.desk_id',
      'd.code as desk_code',
      't.last_receipt_no',
      't.last_hash',
      't.active',
    ])
    .where('t.cooperative_id', '=', o.ctx.organizationId);
  if (tillId !== undefined) q = q.where('t.id', '=', tillId);
  const rows = await q.orderBy('t.code').execute();
  return rows.map((r) => ({
    id: r.id.toString(),
    code: r.code,
    name: r.name,
    outletId: r.outlet_id.toString(),
    outletCode: r.outlet_code,
    outletName: r.outlet_name,
    deskId: r.desk_id.toString(),
    deskCode: r.desk_code,
    lastReceiptNo: Number(r.last_receipt_no),
    lastHash: r.last_hash,
    active: r.active,
  }));
}

export async function listTills(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, (o) => tillRows(o));
}

export async function createTill(
  deps: Deps,
  ctx: OrgContext,
  input: { outletId: bigint; code: string; name: string; deskId: bigint },
) {
  return inOrg(deps, ctx, async (o) => {
    const outlet = await o.tx
      .selectFrom('shop_outlets')
      .select('id')
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', input.outletId)
      .executeTakeFirst();
    if (!outlet) throw new AppError('SHOP_OUTLET_NOT_FOUND');
    const desk = await o.tx
      .selectFrom('cash_desks')
      .select('id')
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', input.deskId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!desk) throw new AppError('CASH_DESK_NOT_FOUND');
    const taken = await o.tx
      .selectFrom('shop_tills')
      .select('id')
      .where('cooperative_id', '=', ctx.organizationId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken) throw new AppError('SHOP_TILL_CODE_TAKEN', { code: input.code });
    const r = await o.tx
      .insertInto('shop_tills')
      .values({
        cooperative_id: ctx.organizationId,
        outlet_id: input.outletId,
        code: input.code,
        name: input.name,
        desk_id: input.deskId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await o.audit({
      action: 'shop.till-created',
      entityType: 'shop-till',
      entityId: r.id,
      after: { code: input.code, outletId: input.outletId.toString() },
    });
    return (await tillRows(o, r.id))[0]!;
  });
}

export async function listSuppliers(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await tx
      .selectFrom('shop_suppliers as s')
      .leftJoin('members as m', (j) =>
        j.onRef('m.cooperative_id', '=', 's.cooperative_id').onRef('m.id', '=', 's.member_id'),
      )
      .select([
        's.id',
        's.name',
        's.member_id',
        'm.member_number',
        'm.full_name as member_name',
        's.phone',
        's.consignment',
        's.margin_bps',
        's.active',
      ])
      .where('s.cooperative_id', '=', ctx.organizationId)
      .orderBy('s.name')
      .execute();
    return rows.map(supplierView);
  });
}

function supplierView(r: {
  id: bigint;
  name: string;
  member_id: bigint | null;
  member_number?: string | null;
  member_name?: string | null;
  phone: string | null;
  consignment: boolean;
  margin_bps: number | null;
  active: boolean;
}) {
  return {
    id: r.id.toString(),
    name: r.name,
    memberId: r.member_id?.toString() ?? null,
    memberNumber: r.member_number ?? null,
    memberName: r.member_name ?? null,
    phone: r.phone,
    consignment: r.consignment,
    marginBps: r.margin_bps,
    active: r.active,
  };
}

export async function createSupplier(
  deps: Deps,
  ctx: OrgContext,
  input: {
    name: string;
    memberId?: bigint | null;
    phone?: string | null;
    consignment: boolean;
    marginBps?: number | null;
  },
) {
  return inOrg(deps, ctx, async (o) => {
    if (input.memberId !== undefined && input.memberId !== null) {
      const m = await o.tx
        .selectFrom('members')
        .select('status')
        .where('cooperative_id', '=', ctx.organizationId)
        .where('id', '=', input.memberId)
        .executeTakeFirst();
      if (!m || m.status !== 'active') throw new AppError('SHOP_MEMBER_NOT_FOUND');
    }
    // a consignor is paid into its sukarela account: consignment needs a member
    if (input.consignment && (input.memberId === undefined || input.memberId === null))
      throw new AppError('SHOP_CONSIGNOR_NOT_MEMBER');
    const r = await o.tx
      .insertInto('shop_suppliers')
      .values({
        cooperative_id: ctx.organizationId,
        name: input.name,
        member_id: input.memberId ?? null,
        phone: input.phone ?? null,
        consignment: input.consignment,
        margin_bps: input.consignment ? (input.marginBps ?? 1500) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await o.audit({
      action: 'shop.supplier-created',
      entityType: 'shop-supplier',
      entityId: r.id,
      after: { name: r.name, consignment: r.consignment, marginBps: r.margin_bps },
    });
    return supplierView(r);
  });
}

export interface NewProduct {
  sku: string;
  name: string;
  category: string;
  baseUnit: string;
  priceUnit?: string;
  priceUnitBase?: number;
  weighed?: boolean;
  memberPriceRupiah: bigint;
  publicPriceRupiah: bigint;
  consignorId?: bigint | null;
  reorderLevelBase?: bigint;
  barcode?: string | null;
  description?: string | null;
  photoUrl?: string | null;
  units?: {
    unit: string;
    factorBase: bigint;
    barcode?: string | null;
    memberPriceRupiah?: bigint | null;
    publicPriceRupiah?: bigint | null;
  }[];
}

/** A product with its base unit (and barcode), its packs, and its first price in the history. */
export async function createProductIn(o: OrgTx, input: NewProduct) {
  const coop = o.ctx.organizationId;
  if (input.consignorId !== undefined && input.consignorId !== null) {
    const s = await o.tx
      .selectFrom('shop_suppliers')
      .select(['consignment'])
      .where('cooperative_id', '=', coop)
      .where('id', '=', input.consignorId)
      .executeTakeFirst();
    if (!s) throw new AppError('SHOP_SUPPLIER_NOT_FOUND');
    if (!s.consignment) throw new AppError('SHOP_CONSIGNOR_NOT_MEMBER');
  }
  const sku = await o.tx
    .selectFrom('shop_products')
    .select('id')
    .where('cooperative_id', '=', coop)
    .where('sku', '=', input.sku)
    .executeTakeFirst();
  if (sku) throw new AppError('SHOP_SKU_TAKEN', { sku: input.sku });
  const units = [
    { unit: input.baseUnit, factorBase: 1n, barcode: input.barcode ?? null },
    ...(input.units ?? []).filter((u) => u.unit !== input.baseUnit),
  ];
  const barcodes = units.map((u) => u.barcode).filter((b): b is string => !!b);
  if (new Set(barcodes).size !== barcodes.length)
    throw new AppError('SHOP_BARCODE_TAKEN', { barcode: barcodes.join(', ') });
  if (barcodes.length > 0) {
    const taken = await o.tx
      .selectFrom('shop_product_units')
      .select('barcode')
      .where('cooperative_id', '=', coop)
      .where('barcode', 'in', barcodes)
      .executeTakeFirst();
    if (taken) throw new AppError('SHOP_BARCODE_TAKEN', { barcode: taken.barcode ?? '' });
  }
  const p = await o.tx
    .insertInto('shop_products')
    .values({
      cooperative_id: coop,
      sku: input.sku,
      name: input.name,
      category: input.category,
      base_unit: input.baseUnit,
      price_unit: input.priceUnit ?? input.baseUnit,
      price_unit_base: input.priceUnitBase ?? 1,
      weighed: input.weighed ?? false,
      member_price_rupiah: input.memberPriceRupiah,
      public_price_rupiah: input.publicPriceRupiah,
      consignor_id: input.consignorId ?? null,
      reorder_level_base: input.reorderLevelBase ?? 0n,
      description: input.description ?? null,
      photo_url: input.photoUrl ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await o.tx
    .insertInto('shop_product_units')
    .values(
      units.map((u) => ({
        cooperative_id: coop,
        product_id: p.id,
        unit: u.unit,
        factor_base: u.factorBase,
        barcode: u.barcode ?? null,
        member_price_rupiah: 'memberPriceRupiah' in u ? (u.memberPriceRupiah ?? null) : null,
        public_price_rupiah: 'publicPriceRupiah' in u ? (u.publicPriceRupiah ?? null) : null,
      })),
    )
    .execute();
  await o.tx
    .insertInto('shop_price_history')
    .values({
      cooperative_id: coop,
      product_id: p.id,
      member_price_rupiah: input.memberPriceRupiah,
      public_price_rupiah: input.publicPriceRupiah,
      changed_by: o.ctx.actor.userId,
    })
    .execute();
  return p.id;
}

export async function createProduct(deps: Deps, ctx: OrgContext, input: NewProduct) {
  return inOrg(deps, ctx, async (o) => {
    const id = await createProductIn(o, input);
    await o.audit({
      action: 'shop.product-created',
      entityType: 'shop-product',
      entityId: id,
      after: {
        sku: input.sku,
        name: input.name,
        memberPriceRupiah: input.memberPriceRupiah.toString(),
        publicPriceRupiah: input.publicPriceRupiah.toString(),
      },
    });
    return (await productDetailIn(o, id))!;
  });
}

/** A new price from now on; the old one stays in the history (sales keep the price they had). */
export async function changePrice(
  deps: Deps,
  ctx: OrgContext,
  productId: bigint,
  input: { memberPriceRupiah: bigint; publicPriceRupiah: bigint },
) {
  return inOrg(deps, ctx, async (o) => {
    const before = await o.tx
      .selectFrom('shop_products')
      .select(['member_price_rupiah', 'public_price_rupiah'])
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', productId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
    await o.tx
      .updateTable('shop_products')
      .set({
        member_price_rupiah: input.memberPriceRupiah,
        public_price_rupiah: input.publicPriceRupiah,
      })
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', productId)
      .execute();
    await o.tx
      .insertInto('shop_price_history')
      .values({
        cooperative_id: ctx.organizationId,
        product_id: productId,
        member_price_rupiah: input.memberPriceRupiah,
        public_price_rupiah: input.publicPriceRupiah,
        changed_by: ctx.actor.userId,
      })
      .execute();
    await o.audit({
      action: 'shop.price-changed',
      entityType: 'shop-product',
      entityId: productId,
      before: {
        memberPriceRupiah: before.member_price_rupiah.toString(),
        publicPriceRupiah: before.public_price_rupiah.toString(),
      },
      after: {
        memberPriceRupiah: input.memberPriceRupiah.toString(),
        publicPriceRupiah: input.publicPriceRupiah.toString(),
      },
    });
    return (await productDetailIn(o, productId))!;
  });
}

export interface CatalogueProduct {
  id: bigint;
  sku: string;
  name: string;
  category: string;
  baseUnit: string;
  priceUnit: string;
  priceUnitBase: bigint;
  weighed: boolean;
  memberPriceRupiah: bigint;
  publicPriceRupiah: bigint;
  consignorId: bigint | null;
  marginBps: number | null;
  consignorMemberId: bigint | null;
  units: ProductUnit[];
}

/** The products (with units) by id, for pricing and posting a sale. */
export async function productsById(
  o: OrgTx,
  ids: readonly bigint[],
): Promise<Map<string, CatalogueProduct>> {
  const out = new Map<string, CatalogueProduct>();
  if (ids.length === 0) return out;
  const coop = o.ctx.organizationId;
  const rows = await o.tx
    .selectFrom('shop_products as p')
    .leftJoin('shop_suppliers as s', (j) =>
      j.onRef('s.cooperative_id', '=', 'p.cooperative_id').onRef('s.id', '=', 'p.consignor_id'),
    )
    .select([
      'p.id',
      'p.sku',
      'p.name',
      'p.category',
      'p.base_unit',
      'p.price_unit',
      'p.price_unit_base',
      'p.weighed',
      'p.member_price_rupiah',
      'p.public_price_rupiah',
      'p.consignor_id',
      's.margin_bps',
      's.member_id as consignor_member_id',
      sql<
        { unit: string; factor_base: string; member: string | null; public: string | null }[]
      >`(select coalesce(json_agg(json_build_object('unit', u.unit, 'factor_base', u.factor_base::text,
          'member', u.member_price_rupiah::text, 'public', u.public_price_rupiah::text)
          order by u.factor_base), '[]'::json)
        from shop_product_units u where u.cooperative_id = p.cooperative_id and u.product_id = p.id)`.as(
        'units',
      ),
    ])
    .where('p.cooperative_id', '=', coop)
    .where('p.id', 'in', [...new Set(ids)])
    .execute();
  for (const r of rows)
    out.set(r.id.toString(), {
      id: r.id,
      sku: r.sku,
      name: r.name,
      category: r.category,
      baseUnit: r.base_unit,
      priceUnit: r.price_unit,
      priceUnitBase: BigInt(r.price_unit_base),
      weighed: r.weighed,
      memberPriceRupiah: r.member_price_rupiah,
      publicPriceRupiah: r.public_price_rupiah,
      consignorId: r.consignor_id,
      marginBps: r.margin_bps,
      consignorMemberId: r.consignor_member_id,
      units: r.units.map((u) => ({
        unit: u.unit,
        factorBase: BigInt(u.factor_base),
        memberPriceRupiah: u.member === null ? null : BigInt(u.member),
        publicPriceRupiah: u.public === null ? null : BigInt(u.public),
      })),
    });
  return out;
}

/**
 * Every active product with its units, barcodes, prices and the outlet's stock: what a till
 * keeps in the browser to sell while the network is down.
 */
export async function catalogue(deps: Deps, ctx: OrgContext, outletId: bigint | null) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{
      id: bigint;
      sku: string;
      name: string;
      category: string;
      base_unit: string;
      price_unit: string;
      price_unit_base: number;
      weighed: boolean;
      member_price_rupiah: bigint;
      public_price_rupiah: bigint;
      consignor_id: bigint | null;
      reorder_level_base: bigint;
      stock_base: bigint | null;
      photo_url: string | null;
      units: {
        unit: string;
        factor_base: string;
        barcode: string | null;
        member: string | null;
        public: string | null;
      }[];
    }>`
      select p.id, p.sku, p.name, p.category, p.base_unit, p.price_unit, p.price_unit_base,
        p.weighed, p.member_price_rupiah, p.public_price_rupiah, p.consignor_id,
        p.reorder_level_base, p.photo_url,
        (select sum(s.qty_base) from shop_stock s where s.cooperative_id = p.cooperative_id
          and s.product_id = p.id and (${outletId}::bigint is null or s.outlet_id = ${outletId}))::bigint as stock_base,
        (select json_agg(json_build_object('unit', u.unit, 'factor_base', u.factor_base::text,
            'barcode', u.barcode, 'member', u.member_price_rupiah::text,
            'public', u.public_price_rupiah::text) order by u.factor_base)
          from shop_product_units u where u.cooperative_id = p.cooperative_id and u.product_id = p.id) as units
      from shop_products p
      where p.cooperative_id = ${ctx.organizationId} and p.active
      order by p.name`.execute(tx);
    return r.rows.map((p) => ({
      id: p.id.toString(),
      sku: p.sku,
      name: p.name,
      category: p.category,
      baseUnit: p.base_unit,
      priceUnit: p.price_unit,
      priceUnitBase: p.price_unit_base,
      weighed: p.weighed,
      memberPriceRupiah: p.member_price_rupiah.toString(),
      publicPriceRupiah: p.public_price_rupiah.toString(),
      consignment: p.consignor_id !== null,
      stockBase: (p.stock_base ?? 0n).toString(),
      reorderLevelBase: p.reorder_level_base.toString(),
      photoUrl: p.photo_url,
      units: p.units.map((u) => ({
        unit: u.unit,
        factorBase: u.factor_base,
        barcode: u.barcode,
        memberPriceRupiah: u.member,
        publicPriceRupiah: u.public,
      })),
    }));
  });
}

async function productDetailIn(o: OrgTx, productId: bigint) {
  const products = await productsById(o, [productId]);
  const p = products.get(productId.toString());
  if (!p) return null;
  const coop = o.ctx.organizationId;
  const [barcodes, history, stock, moves] = await Promise.all([
    o.tx
      .selectFrom('shop_product_units')
      .select(['unit', 'barcode'])
      .where('cooperative_id', '=', coop)
      .where('product_id', '=', productId)
      .execute(),
    o.tx
      .selectFrom('shop_price_history')
      .select(['effective_at', 'member_price_rupiah', 'public_price_rupiah'])
      .where('cooperative_id', '=', coop)
      .where('product_id', '=', productId)
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
    o.tx
      .selectFrom('shop_stock as s')
      .innerJoin('shop_outlets as u', (j) =>
        j.onRef('u.cooperative_id', '=', 's.cooperative_id').onRef('u.id', '=', 's.outlet_id'),
      )
      .select(['s.outlet_id', 'u.code', 's.qty_base', 's.value_rupiah'])
      .where('s.cooperative_id', '=', coop)
      .where('s.product_id', '=', productId)
      .execute(),
    o.tx
      .selectFrom('shop_stock_moves')
      .select(['id', 'outlet_id', 'kind', 'qty_base', 'cost_rupiah', 'moved_on', 'ref_id'])
      .where('cooperative_id', '=', coop)
      .where('product_id', '=', productId)
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
  ]);
  const barcodeOf = new Map(barcodes.map((b) => [b.unit, b.barcode]));
  return {
    id: p.id.toString(),
    sku: p.sku,
    name: p.name,
    category: p.category,
    baseUnit: p.baseUnit,
    priceUnit: p.priceUnit,
    priceUnitBase: Number(p.priceUnitBase),
    weighed: p.weighed,
    memberPriceRupiah: p.memberPriceRupiah.toString(),
    publicPriceRupiah: p.publicPriceRupiah.toString(),
    consignorId: p.consignorId?.toString() ?? null,
    units: p.units.map((u) => ({
      unit: u.unit,
      factorBase: u.factorBase.toString(),
      barcode: barcodeOf.get(u.unit) ?? null,
      memberPriceRupiah: u.memberPriceRupiah?.toString() ?? null,
      publicPriceRupiah: u.publicPriceRupiah?.toString() ?? null,
    })),
    priceHistory: history.map((h) => ({
      effectiveAt: new Date(h.effective_at).toISOString(),
      memberPriceRupiah: h.member_price_rupiah.toString(),
      publicPriceRupiah: h.public_price_rupiah.toString(),
    })),
    stock: stock.map((s) => ({
      outletId: s.outlet_id.toString(),
      outletCode: s.code,
      qtyBase: s.qty_base.toString(),
      valueRupiah: s.value_rupiah.toString(),
    })),
    moves: moves.map((m) => ({
      id: m.id.toString(),
      outletId: m.outlet_id.toString(),
      kind: m.kind,
      qtyBase: m.qty_base.toString(),
      costRupiah: m.cost_rupiah.toString(),
      movedOn: String(m.moved_on).slice(0, 10),
      refId: m.ref_id.toString(),
    })),
  };
}

export async function productDetail(deps: Deps, ctx: OrgContext, productId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const d = await productDetailIn(o, productId);
    if (!d) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
    return d;
  });
}
