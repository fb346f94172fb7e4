import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Queryable } from '../../../src/db/database.js';
import { receiptHash, type ChainedSale } from '../../../src/domain/shop/receipt-chain.js';
import type { PaymentMethod } from '../../../src/domain/shop/sale.js';
import { lineAmount, priceOf, toBase, type PricedProduct } from '../../../src/domain/shop/units.js';
import { decide } from '../../../src/services/approvals.js';
import { createDesk, openSession } from '../../../src/services/cashdesk.js';
import type { Deps, OrgContext } from '../../../src/services/context.js';
import { registerMember, type MemberInput } from '../../../src/services/members.js';
import { createBranch, createOrganization } from '../../../src/services/organizations.js';
import { createProduct as createSavingsProduct, deposit } from '../../../src/services/savings.js';
import {
  createOutlet,
  createProduct,
  createSupplier,
  createTill,
  type NewProduct,
} from '../../../src/services/shop/catalogue.js';
import { getSale, recordSale, type SaleInput } from '../../../src/services/shop/sales.js';
import { receiveGoods } from '../../../src/services/shop/stock.js';
import { makeUser } from '../../support/fixtures.js';
import { staffContext } from '../../support/outcome.js';
import { memberInput, sukarelaOf } from '../savings/setup.js';

let orgSerial = 0;

/** A product of the world: its id and what a till prices it by (src/domain/shop/units.ts). */
export interface ShopProduct extends PricedProduct {
  id: bigint;
  sku: string;
  weighed: boolean;
}

function priced(id: string, input: NewProduct): ShopProduct {
  return {
    id: BigInt(id),
    sku: input.sku,
    weighed: input.weighed ?? false,
    baseUnit: input.baseUnit,
    priceUnitBase: BigInt(input.priceUnitBase ?? 1),
    memberPriceRupiah: input.memberPriceRupiah,
    publicPriceRupiah: input.publicPriceRupiah,
    units: [
      { unit: input.baseUnit, factorBase: 1n, memberPriceRupiah: null, publicPriceRupiah: null },
      ...(input.units ?? []).map((u) => ({
        unit: u.unit,
        factorBase: u.factorBase,
        memberPriceRupiah: u.memberPriceRupiah ?? null,
        publicPriceRupiah: u.publicPriceRupiah ?? null,
      })),
    ],
  };
}

/**
 * A consumer cooperative (KONSUMEN chart, which has the shop's roles) with a kasir, a pengurus
 * and a second pengurus (the supervisor at the till), the head office desk with the kasir's open
 * session, the savings products (sukarela with a Rp 10.000 minimum, like savingsWorld's), one
 * outlet with one till on that desk, a general supplier, and products: instant noodles sold by
 * the pcs or the dus of 24 (the dus with its own price), sugar by the pcs, and chilli weighed in
 * grams and priced per kg.
 */
export async function shopWorld(deps: Deps, options: { businessDate?: string } = {}) {
  const businessDate = options.businessDate ?? '2026-11-02';
  const coop = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: `Koperasi Konsumen Uji ${Date.now().toString(36)}${orgSerial++}`,
      cooperativeType: 'KONSUMEN',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const kasirUser = await makeUser(deps, coop, ['kasir']);
  const pengurusUser = await makeUser(deps, coop, ['pengurus']);
  const supervisorUser = await makeUser(deps, coop, ['pengurus']);
  const kasir = staffContext(coop.id, kasirUser, ['kasir']);
  const pengurus = staffContext(coop.id, pengurusUser, ['pengurus']);
  const kp = await createBranch(deps, pengurus, {
    code: 'KP',
    name: 'Kantor Pusat',
    isHeadOffice: true,
  });
  const branchId = BigInt(kp.body.id);
  const desk = await createDesk(deps, pengurus, { branchId, code: 'KP1', name: 'Kasir Toko' });
  const deskId = BigInt(desk.id);
  const session = await openSession(deps, kasir, {
    deskId,
    businessDate,
    openingFloatRupiah: 1_000_000n,
  });
  const sessionId = BigInt(session.id);
  await createSavingsProduct(deps, pengurus, {
    code: 'SP',
    name: 'Simpanan Pokok',
    settings: { kind: 'pokok', amountRupiah: '100000' },
  });
  await createSavingsProduct(deps, pengurus, {
    code: 'SW',
    name: 'Simpanan Wajib',
    settings: { kind: 'wajib', monthlyAmountRupiah: '50000' },
  });
  await createSavingsProduct(deps, pengurus, {
    code: 'SS',
    name: 'Simpanan Sukarela',
    settings: {
      kind: 'sukarela',
      annualRateBps: 600,
      interestMethod: 'daily-balance',
      minimumBalanceRupiah: '10000',
      approvalAboveRupiah: '50000000',
    },
  });
  const outlet = await createOutlet(deps, pengurus, { code: 'TK1', name: 'Toko Pusat' });
  const outletId = BigInt(outlet.id);
  const till = await createTill(deps, pengurus, {
    outletId,
    code: 'K1',
    name: 'Kasir 1',
    deskId,
  });
  const tillId = BigInt(till.id);
  const supplier = await createSupplier(deps, pengurus, {
    name: 'CV Sumber Rejeki',
    consignment: false,
  });
  const supplierId = BigInt(supplier.id);

  const addProduct = async (input: NewProduct) =>
    priced((await createProduct(deps, pengurus, input)).id, input);
  const products = {
    mie: await addProduct({
      sku: 'MIE-GRG',
      name: 'Mie instan goreng',
      category: 'Makanan',
      baseUnit: 'pcs',
      memberPriceRupiah: 3_000n,
      publicPriceRupiah: 3_500n,
      barcode: '8998866200301',
      units: [
        {
          unit: 'dus',
          factorBase: 24n,
          barcode: '18998866200308',
          memberPriceRupiah: 68_000n,
          publicPriceRupiah: 78_000n,
        },
      ],
    }),
    gula: await addProduct({
      sku: 'GULA-1KG',
      name: 'Gula pasir 1 kg',
      category: 'Sembako',
      baseUnit: 'pcs',
      memberPriceRupiah: 15_000n,
      publicPriceRupiah: 16_500n,
    }),
    cabai: await addProduct({
      sku: 'CABAI-RAWIT',
      name: 'Cabai rawit',
      category: 'Sayur',
      baseUnit: 'g',
      priceUnit: 'kg',
      priceUnitBase: 1000,
      weighed: true,
      memberPriceRupiah: 36_000n,
      publicPriceRupiah: 40_000n,
    }),
  };

  const addMember = async (overrides: Partial<MemberInput> = {}) => {
    const r = await registerMember(deps, kasir, memberInput(overrides));
    await decide(deps, pengurus, BigInt(r.approvalId), { approve: true });
    return BigInt(r.id);
  };
  /** A member with this much in sukarela (deposited at the kasir's session). */
  const memberWithSukarela = async (amountRupiah: bigint, overrides: Partial<MemberInput> = {}) => {
    const id = await addMember(overrides);
    if (amountRupiah > 0n) {
      const acct = await sukarelaOf(deps.database.db, coop.id, id);
      await deposit(deps, kasir, { sessionId, accountId: acct.id, amountRupiah });
    }
    return id;
  };
  /** A member producer on consignment (titip jual) and one of the producer's products. */
  const consignor = async (marginBps = 1500) => {
    const memberId = await addMember({ fullName: 'Bu Ratna Pembatik', occupation: 'Pembatik' });
    const s = await createSupplier(deps, pengurus, {
      name: 'Batik Ratna',
      memberId,
      consignment: true,
      marginBps,
    });
    const product = await addProduct({
      sku: `BATIK-${s.id}`,
      name: 'Batik tulis Pekalongan',
      category: 'Kerajinan',
      baseUnit: 'pcs',
      memberPriceRupiah: 25_000n,
      publicPriceRupiah: 25_000n,
      consignorId: BigInt(s.id),
    });
    return { memberId, supplierId: BigInt(s.id), product };
  };
  /** Goods received from the general supplier: lines of (product, qty, cost) in a unit. */
  const receive = async (
    lines: { product: ShopProduct; qty: bigint; costRupiah: bigint; unit?: string }[],
    receivedOn = businessDate,
    supplier = supplierId,
  ) =>
    (
      await receiveGoods(deps, pengurus, {
        supplierId: supplier,
        outletId,
        receivedOn,
        lines: lines.map((l) => ({
          productId: l.product.id,
          unit: l.unit ?? l.product.baseUnit,
          qty: l.qty,
          costRupiah: l.costRupiah,
        })),
      })
    ).body;

  return {
    coop,
    kasir,
    pengurus,
    kasirUser,
    pengurusUser,
    supervisorUser,
    branchId,
    deskId,
    sessionId,
    outletId,
    tillId,
    supplierId,
    products,
    businessDate,
    addMember,
    memberWithSukarela,
    consignor,
    receive,
  };
}

export type ShopWorld = Awaited<ReturnType<typeof shopWorld>>;

/** Where a till's chain stands: its last receipt number and hash. */
export interface TillHead {
  tillId: bigint;
  lastReceiptNo: number;
  lastHash: string;
}

export interface RingLine {
  product: ShopProduct;
  /** the unit scanned (the product's base unit when not given) */
  unit?: string;
  qty: bigint;
  /** base units as the till counts them (weighed goods: the scale's grams); toBase when not given */
  qtyBase?: bigint;
}

export interface Payment {
  method: PaymentMethod;
  /** cash only: what the customer handed over (the total when not given) */
  tenderedRupiah?: bigint;
  reference?: string | null;
}

let soldSerial = 0;

/**
 * Rings up a sale as the till does (web/src/pages/shop): member or public price by the unit
 * (priceOf), each line's amount by the rounding rule (lineAmount), the total, and the receipt's
 * hash over the same fields the route passes to the service, chained to `head`.
 */
export function ringUp(
  head: TillHead,
  lines: readonly RingLine[],
  payment: Payment,
  options: {
    memberId?: bigint | null;
    soldAt?: string;
    clientSaleId?: string;
    offline?: boolean;
  } = {},
): SaleInput {
  const memberId = options.memberId ?? null;
  const saleLines = lines.map((l) => {
    const unit = l.unit ?? l.product.baseUnit;
    const p = priceOf(l.product, unit, memberId !== null);
    if (!('priceRupiah' in p)) throw new Error(`ringUp: ${p.code}`);
    const base = l.qtyBase ?? toBase(l.product, unit, l.qty);
    if (typeof base !== 'bigint') throw new Error(`ringUp: ${base.code}`);
    return {
      productId: l.product.id,
      unit,
      qty: l.qty,
      qtyBase: base,
      priceRupiah: p.priceRupiah,
      priceBase: p.priceBase,
      amountRupiah: lineAmount(base, p.priceRupiah, p.priceBase),
    };
  });
  const total = saleLines.reduce((t, l) => t + l.amountRupiah, 0n);
  const receiptNo = head.lastReceiptNo + 1;
  const sale: Omit<SaleInput, 'hash'> = {
    clientSaleId: options.clientSaleId ?? randomUUID(),
    tillId: head.tillId,
    receiptNo,
    prevHash: head.lastHash,
    soldAt:
      options.soldAt ??
      new Date(Date.UTC(2026, 10, 2, 3, 0, 0) + ++soldSerial * 1000).toISOString(),
    memberId,
    lines: saleLines,
    totalRupiah: total,
    paymentMethod: payment.method,
    paymentReference:
      payment.reference !== undefined
        ? payment.reference
        : payment.method === 'qris'
          ? `QR${receiptNo}`
          : null,
    tenderedRupiah: payment.method === 'cash' ? (payment.tenderedRupiah ?? total) : null,
    offline: options.offline ?? false,
  };
  return { ...sale, hash: receiptHash(sale.prevHash, chainedOf(sale)) };
}

/** The canonical fields of a sale as the server hashes them (services/shop/sales.ts chained). */
export function chainedOf(s: Omit<SaleInput, 'hash'>): ChainedSale {
  return {
    tillId: s.tillId.toString(),
    receiptNo: s.receiptNo,
    clientSaleId: s.clientSaleId,
    soldAt: s.soldAt,
    memberId: s.memberId?.toString() ?? null,
    lines: s.lines.map((l) => ({
      productId: l.productId.toString(),
      unit: l.unit,
      qty: l.qty.toString(),
      qtyBase: l.qtyBase.toString(),
      priceRupiah: l.priceRupiah.toString(),
      priceBase: l.priceBase.toString(),
      amountRupiah: l.amountRupiah.toString(),
    })),
    totalRupiah: s.totalRupiah.toString(),
    paymentMethod: s.paymentMethod,
    paymentReference: s.paymentReference,
    tenderedRupiah: s.tenderedRupiah?.toString() ?? null,
  };
}

/** The input re-hashed after a change (a till that rings up again with other content). */
export function rehash(s: SaleInput): SaleInput {
  return { ...s, hash: receiptHash(s.prevHash, chainedOf(s)) };
}

/** The next link of a sale: the head a till holds after printing it. */
export const after = (s: SaleInput): TillHead => ({
  tillId: s.tillId,
  lastReceiptNo: s.receiptNo,
  lastHash: s.hash,
});

/** The till's head as the server has it. */
export async function tillHead(db: Queryable, coop: string, tillId: bigint): Promise<TillHead> {
  const r = await sql<{ last_receipt_no: bigint; last_hash: string }>`
    select last_receipt_no, last_hash from shop_tills where cooperative_id = ${coop} and id = ${tillId}`.execute(
    db,
  );
  const t = r.rows[0]!;
  return { tillId, lastReceiptNo: Number(t.last_receipt_no), lastHash: t.last_hash };
}

/** Rings up the next sale on the world's till (from the server's head) and records it. */
export async function sell(
  deps: Deps,
  w: ShopWorld,
  lines: readonly RingLine[],
  payment: Payment,
  options: { memberId?: bigint | null; ctx?: OrgContext } = {},
) {
  const input = ringUp(await tillHead(deps.database.db, w.coop.id, w.tillId), lines, payment, {
    memberId: options.memberId ?? null,
  });
  const result = await recordSale(deps, options.ctx ?? w.kasir, input);
  const saleId = BigInt(result.body.id);
  // the till's answer is built from what the sale's transaction held, not read back: it must be
  // the very view the sale reads back as afterwards (every payment, member or not)
  if (result.status === 201)
    expect(result.body).toEqual(await getSale(deps, options.ctx ?? w.kasir, saleId));
  return { input, result, saleId };
}

/** Ledger balance of an account role, debit-positive; per member when given. */
export async function balanceOf(
  db: Queryable,
  coop: string,
  role: string,
  memberId?: bigint,
): Promise<bigint> {
  const r = await sql<{ v: bigint }>`
    select coalesce(sum(l.debit_rupiah - l.credit_rupiah), 0)::bigint as v from journal_lines l
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where l.cooperative_id = ${coop} and a.role = ${role}
      ${memberId === undefined ? sql`` : sql`and l.member_id = ${memberId}`}`.execute(db);
  return r.rows[0]!.v;
}

export interface EntryLine {
  code: string;
  role: string | null;
  debit: bigint;
  credit: bigint;
  memberId: bigint | null;
}

/** The lines of one journal entry with their account codes and roles, in line order. */
export async function entryLines(db: Queryable, coop: string, entryId: bigint) {
  const r = await sql<{
    code: string;
    role: string | null;
    debit_rupiah: bigint;
    credit_rupiah: bigint;
    member_id: bigint | null;
  }>`select a.code, a.role, l.debit_rupiah, l.credit_rupiah, l.member_id
    from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where l.cooperative_id = ${coop} and l.entry_id = ${entryId} order by l.line_no`.execute(db);
  return r.rows.map((x): EntryLine => ({
    code: x.code,
    role: x.role,
    debit: x.debit_rupiah,
    credit: x.credit_rupiah,
    memberId: x.member_id,
  }));
}

/** The stock row of a product at an outlet (zeros when there is none). */
export async function stockOf(db: Queryable, coop: string, outletId: bigint, productId: bigint) {
  const r = await sql<{ qty_base: bigint; value_rupiah: bigint }>`
    select qty_base, value_rupiah from shop_stock
    where cooperative_id = ${coop} and outlet_id = ${outletId} and product_id = ${productId}`.execute(
    db,
  );
  return {
    qtyBase: r.rows[0]?.qty_base ?? 0n,
    valueRupiah: r.rows[0]?.value_rupiah ?? 0n,
  };
}

/** Counts of what a sale writes: sales, journal entries, stock moves, savings movements. */
export async function counts(db: Queryable, coop: string) {
  const r = await sql<{ sales: bigint; entries: bigint; moves: bigint; savings: bigint }>`
    select (select count(*) from shop_sales where cooperative_id = ${coop})::bigint as sales,
      (select count(*) from journal_entries where cooperative_id = ${coop})::bigint as entries,
      (select count(*) from shop_stock_moves where cooperative_id = ${coop})::bigint as moves,
      (select count(*) from savings_transactions where cooperative_id = ${coop})::bigint as savings`.execute(
    db,
  );
  return r.rows[0]!;
}

/**
 * The stock invariants: every (outlet, product) row equals the sum of its moves in quantity and
 * cost, and the inventory (1140) ledger balance equals the stock at cost. Returns what differs.
 */
export async function stockMismatches(db: Queryable, coop: string) {
  const rows = await sql<{
    outlet_id: bigint;
    product_id: bigint;
    qty_base: bigint;
    value_rupiah: bigint;
    moved_qty: bigint;
    moved_cost: bigint;
  }>`select s.outlet_id, s.product_id, s.qty_base, s.value_rupiah,
      coalesce(m.q, 0)::bigint as moved_qty, coalesce(m.c, 0)::bigint as moved_cost
    from shop_stock s
    left join (select outlet_id, product_id, sum(qty_base) as q, sum(cost_rupiah) as c
               from shop_stock_moves where cooperative_id = ${coop} group by outlet_id, product_id) m
      on m.outlet_id = s.outlet_id and m.product_id = s.product_id
    where s.cooperative_id = ${coop}`.execute(db);
  const out: string[] = [];
  let value = 0n;
  for (const r of rows.rows) {
    value += r.value_rupiah;
    if (r.qty_base !== r.moved_qty || r.value_rupiah !== r.moved_cost)
      out.push(
        `outlet ${r.outlet_id} product ${r.product_id}: stock ${r.qty_base}/${r.value_rupiah}, moves ${r.moved_qty}/${r.moved_cost}`,
      );
  }
  const ledger = await balanceOf(db, coop, 'inventory');
  if (ledger !== value) out.push(`inventory ledger ${ledger} vs stock at cost ${value}`);
  return out;
}
