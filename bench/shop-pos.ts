// The shop's point of sale over HTTP (issue 18, "What it must show"): the real server (`sokoguru
// serve`, a child process) over a consumer cooperative seeded through the services (an org of type
// KONSUMEN with its chart, cashiers, one desk and one open cash session per till, an outlet with
// BENCH_SHOP_TILLS tills, BENCH_SHOP_PRODUCTS products with barcodes, some with a dus of their own
// price, all with stock received through receiveGoodsIn). Each till is a client that keeps the
// catalogue (GET /shop/catalogue) and its chain head (GET /shop/tills) as the browser till does,
// and rings a sale up itself: barcode lookups in the cached catalogue, priceOf, lineAmount, the
// total and receiptHash chained to its last receipt, then POST /shop/sales (Idempotency-Key =
// clientSaleId) until the 201. Phases:
//   1. one till on PGlite: BENCH_SHOP_SALES (500) sales of 1-5 lines one after another, each timed
//      from the scan (before the first barcode lookup) to the 201; target p95 < 50 ms
//   2. BENCH_SHOP_TILLS (8) tills on PostgreSQL, each with its own cashier and cash session, 5 lines
//      a sale from an overlapping, skewed choice of products (a fifth of the catalogue takes half
//      the lines, so tills wait on each other's shop_stock rows as in a shop), for
//      BENCH_SHOP_SECONDS (BENCH_SECONDS, 20) after a warm-up; target >= 150 sales/s
//   3. sync of BENCH_SHOP_SYNC (1,000) offline sales (offline: true, cash) queued by one till, sent
//      as the browser till sends a backlog: BENCH_SHOP_SYNC_BATCH (100) a request to
//      POST /shop/tills/:id/sales/batch (the target's measure); and for comparison
//      sent in receipt order one after another (each answer before the next is sent), on PGlite
//      and on PostgreSQL; target < 10 s. Also pipelined (BENCH_SHOP_SYNC_WINDOW, 4, in flight, in
//      order, on another till): valid because the server records a sale only as the next link of
//      its till's chain; one that overtakes its predecessor is refused (409, nothing posted, the
//      idempotency key not kept) and sent again once the predecessor is in.
// Then, in this process over PostgreSQL, the statements one sale runs (the pg client counted and
// timed: the whole request, from the session lookup to the commit) to say where the time goes.
// Run: npx tsx bench/shop-pos.ts   (PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432;
// BENCH_SHOP_BACKENDS=pglite,postgres to choose)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { openDatabase, type DatabaseConfig } from '../src/db/database.js';
import { receiptHash, type ChainedSale } from '../src/domain/shop/receipt-chain.js';
import { lineAmount, priceOf, type PricedProduct } from '../src/domain/shop/units.js';
import { buildApp } from '../src/http/app.js';
import { createDesk, openSession } from '../src/services/cashdesk.js';
import { inOrg, systemContext, type OrgContext } from '../src/services/context.js';
import { openDeps } from '../src/services/deps.js';
import { createBranch, createOrganization, createUser } from '../src/services/organizations.js';
import {
  createOutlet,
  createProductIn,
  createSupplier,
  createTill,
} from '../src/services/shop/catalogue.js';
import { receiveGoodsIn } from '../src/services/shop/stock.js';
import { spawnServer } from '../test/support/spawn-server.js';
import { DEMO_PASSWORD, Teller, todayWib } from '../test/support/teller.js';
import {
  ADMIN_URL,
  cpuPerSale,
  cpuSnapshot,
  ensureServerBuilt,
  processPeakRssMiB,
  recreateDatabase,
  urlFor,
  writeResult,
} from './support.js';

const SALES = Number(process.env.BENCH_SHOP_SALES ?? 500);
const WARMUP_SALES = Number(process.env.BENCH_SHOP_WARMUP_SALES ?? 30);
const TILLS = Number(process.env.BENCH_SHOP_TILLS ?? process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SHOP_SECONDS ?? process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_SHOP_WARMUP_SECONDS ?? 3);
const SYNC = Number(process.env.BENCH_SHOP_SYNC ?? 1000);
const SYNC_WINDOW = Number(process.env.BENCH_SHOP_SYNC_WINDOW ?? 4);
const SYNC_BATCH = Number(process.env.BENCH_SHOP_SYNC_BATCH ?? 100);
const PRODUCTS = Number(process.env.BENCH_SHOP_PRODUCTS ?? 300);
const BACKENDS = (process.env.BENCH_SHOP_BACKENDS ?? 'pglite,postgres').split(',');
const DB_NAME = 'sokoguru_bench_shop';
const TARGET_P95_MS = 50;
const TARGET_SALES_PER_SEC = 150;
const TARGET_SYNC_SECONDS = 10;
/** enough for every phase: no product runs out (a sale may go below zero, but need not) */
const STOCK_PCS = 1_000_000n;

// --- seeding through the services --------------------------------------------------------------

interface Seeded {
  orgId: string;
  cashiers: string[];
}

/**
 * A KONSUMEN cooperative with its chart, a pengurus, TILLS cashiers each with a desk, a till on it
 * and an open session for today, one outlet, a supplier, and PRODUCTS products: every one sold by
 * the pcs with a barcode, every third also by the dus of 12 or 24 with its own barcode and price;
 * stock received in one goods receipt.
 */
async function seed(config: DatabaseConfig, tag: string): Promise<Seeded> {
  const database = await openDatabase(config);
  const deps = await openDeps(database, { logger: pino({ level: 'warn' }) });
  try {
    const coop = await createOrganization(
      deps,
      {
        kind: 'cooperative',
        name: `Koperasi Konsumen Bench ${tag}`,
        cooperativeType: 'KONSUMEN',
        cooperativeForm: 'primer',
        regencyCode: '3375',
        provinceCode: '33',
      },
      'bench',
    );
    const sys = systemContext(coop.id, 'bench');
    const user = (username: string, roles: ('pengurus' | 'kasir')[]) =>
      createUser(deps, sys, {
        username,
        fullName: `Pengguna ${username}`,
        password: DEMO_PASSWORD,
        roles,
      });
    const staff = (u: { id: string; username: string }, roles: ('pengurus' | 'kasir')[]) =>
      ({
        organizationId: coop.id,
        actor: { userId: u.id, label: u.username },
        roles,
        requestId: null,
        ip: null,
      }) satisfies OrgContext;
    const pengurus = staff(await user(`bench.${tag}.pengurus`, ['pengurus']), ['pengurus']);
    const kp = await createBranch(deps, pengurus, {
      code: 'KP',
      name: 'Kantor Pusat',
      isHeadOffice: true,
    });
    const outlet = await createOutlet(deps, pengurus, { code: 'TK1', name: 'Toko Pusat' });
    const cashiers: string[] = [];
    for (let i = 0; i < TILLS; i++) {
      const username = `bench.${tag}.kasir${i}`;
      const kasir = staff(await user(username, ['kasir']), ['kasir']);
      const desk = await createDesk(deps, pengurus, {
        branchId: BigInt(kp.body.id),
        code: `KT${i + 1}`,
        name: `Kasir Toko ${i + 1}`,
      });
      await createTill(deps, pengurus, {
        outletId: BigInt(outlet.id),
        code: `K${i + 1}`,
        name: `Kasir ${i + 1}`,
        deskId: BigInt(desk.id),
      });
      await openSession(deps, kasir, {
        deskId: BigInt(desk.id),
        businessDate: todayWib(),
        openingFloatRupiah: 1_000_000n,
      });
      cashiers.push(username);
    }
    const supplier = await createSupplier(deps, pengurus, {
      name: 'CV Grosir Bench',
      consignment: false,
    });
    await inOrg(deps, pengurus, async (o) => {
      const lines: { productId: bigint; unit: string; qty: bigint; costRupiah: bigint }[] = [];
      for (let i = 0; i < PRODUCTS; i++) {
        const price = BigInt(1_000 + ((i * 7919) % 60) * 500);
        const dus = i % 3 === 0 ? BigInt(i % 2 === 0 ? 24 : 12) : null;
        const id = await createProductIn(o, {
          sku: `SKU-${i}`,
          name: `Barang ${String(i).padStart(4, '0')}`,
          category: ['Sembako', 'Makanan', 'Minuman', 'Rumah tangga'][i % 4]!,
          baseUnit: 'pcs',
          memberPriceRupiah: price - 200n,
          publicPriceRupiah: price,
          barcode: `899${String(i).padStart(10, '0')}`,
          units: dus
            ? [
                {
                  unit: 'dus',
                  factorBase: dus,
                  barcode: `1899${String(i).padStart(10, '0')}`,
                  memberPriceRupiah: (price - 300n) * dus,
                  publicPriceRupiah: (price - 100n) * dus,
                },
              ]
            : [],
        });
        lines.push({
          productId: id,
          unit: 'pcs',
          qty: STOCK_PCS,
          costRupiah: ((price * 8n) / 10n) * STOCK_PCS,
        });
      }
      await receiveGoodsIn(o, {
        supplierId: BigInt(supplier.id),
        outletId: BigInt(outlet.id),
        receivedOn: todayWib(),
        invoiceNo: 'INV-BENCH-1',
        lines,
      });
    });
    return { orgId: coop.id, cashiers };
  } finally {
    await deps.close();
  }
}

// --- the till (the client) ---------------------------------------------------------------------

interface CatalogueItem {
  id: string;
  baseUnit: string;
  priceUnitBase: number;
  memberPriceRupiah: string;
  publicPriceRupiah: string;
  units: {
    unit: string;
    factorBase: string;
    barcode: string | null;
    memberPriceRupiah: string | null;
    publicPriceRupiah: string | null;
  }[];
}

interface Scannable {
  productId: string;
  unit: string;
  factorBase: bigint;
  product: PricedProduct;
}

/** What a till keeps: every barcode to its product and unit (the browser's IndexedDB copy). */
function barcodeIndex(items: CatalogueItem[]): Map<string, Scannable> {
  const out = new Map<string, Scannable>();
  for (const p of items) {
    const product: PricedProduct = {
      baseUnit: p.baseUnit,
      priceUnitBase: BigInt(p.priceUnitBase),
      memberPriceRupiah: BigInt(p.memberPriceRupiah),
      publicPriceRupiah: BigInt(p.publicPriceRupiah),
      units: p.units.map((u) => ({
        unit: u.unit,
        factorBase: BigInt(u.factorBase),
        memberPriceRupiah: u.memberPriceRupiah === null ? null : BigInt(u.memberPriceRupiah),
        publicPriceRupiah: u.publicPriceRupiah === null ? null : BigInt(u.publicPriceRupiah),
      })),
    };
    for (const u of p.units)
      if (u.barcode)
        out.set(u.barcode, {
          productId: p.id,
          unit: u.unit,
          factorBase: BigInt(u.factorBase),
          product,
        });
  }
  return out;
}

interface Till {
  client: Teller;
  tillId: string;
  lastReceiptNo: number;
  lastHash: string;
  scan: Map<string, Scannable>;
  /** barcodes in catalogue order (the first fifth are the popular goods) */
  barcodes: string[];
}

async function openTill(baseUrl: string, username: string, tillCode: string): Promise<Till> {
  const client = new Teller(baseUrl);
  await client.login(username);
  const tills = await client.must<{
    items: { id: string; code: string; lastReceiptNo: number; lastHash: string }[];
  }>('GET', '/shop/tills');
  const t = tills.items.find((x) => x.code === tillCode);
  if (!t) throw new Error(`till ${tillCode} not found`);
  const cat = await client.must<{ items: CatalogueItem[] }>('GET', '/shop/catalogue');
  const scan = barcodeIndex(cat.items);
  // catalogue order is by name (Barang 0000 …): product i's barcodes
  const barcodes = cat.items.flatMap((p) =>
    p.units.map((u) => u.barcode).filter((b): b is string => !!b),
  );
  return {
    client,
    tillId: t.id,
    lastReceiptNo: t.lastReceiptNo,
    lastHash: t.lastHash,
    scan,
    barcodes,
  };
}

/** `n` scans: distinct barcodes, half of them from the first fifth of the catalogue (or uniform). */
function pickScans(till: Till, n: number, skewed: boolean): { barcode: string; qty: bigint }[] {
  const chosen = new Map<string, bigint>();
  const hot = Math.max(n, Math.floor(till.barcodes.length / 5));
  while (chosen.size < n) {
    const from = skewed && Math.random() < 0.5 ? hot : till.barcodes.length;
    const b = till.barcodes[Math.floor(Math.random() * from)]!;
    const s = till.scan.get(b)!;
    // the same product by the pcs and by the dus would be two lines of one product: keep one
    if ([...chosen.keys()].some((c) => till.scan.get(c)!.productId === s.productId)) continue;
    chosen.set(b, BigInt(1 + Math.floor(Math.random() * 3)));
  }
  return [...chosen].map(([barcode, qty]) => ({ barcode, qty }));
}

interface SaleBody {
  clientSaleId: string;
  tillId: string;
  receiptNo: number;
  prevHash: string;
  hash: string;
  soldAt: string;
  memberId: null;
  lines: {
    productId: string;
    unit: string;
    qty: string;
    qtyBase: string;
    priceRupiah: string;
    priceBase: string;
    amountRupiah: string;
  }[];
  totalRupiah: string;
  paymentMethod: 'cash';
  paymentReference: null;
  tenderedRupiah: string;
  offline: boolean;
}

/**
 * Rings up the next sale of the till as the browser does (public prices, cash, tendered the total
 * rounded up to Rp 5.000) and moves the till's head past it.
 */
function ringUp(
  till: Till,
  scans: { barcode: string; qty: bigint }[],
  soldAt: Date,
  offline: boolean,
): SaleBody {
  const lines = scans.map(({ barcode, qty }) => {
    const s = till.scan.get(barcode);
    if (!s) throw new Error(`unknown barcode ${barcode}`);
    const price = priceOf(s.product, s.unit, false);
    if (!('priceRupiah' in price)) throw new Error(price.code);
    const qtyBase = qty * s.factorBase;
    return {
      productId: s.productId,
      unit: s.unit,
      qty: qty.toString(),
      qtyBase: qtyBase.toString(),
      priceRupiah: price.priceRupiah.toString(),
      priceBase: price.priceBase.toString(),
      amountRupiah: lineAmount(qtyBase, price.priceRupiah, price.priceBase).toString(),
    };
  });
  const total = lines.reduce((t, l) => t + BigInt(l.amountRupiah), 0n);
  const tendered = ((total + 4_999n) / 5_000n) * 5_000n;
  const receiptNo = till.lastReceiptNo + 1;
  const sale: ChainedSale = {
    tillId: till.tillId,
    receiptNo,
    clientSaleId: randomUUID(),
    soldAt: soldAt.toISOString(),
    memberId: null,
    lines,
    totalRupiah: total.toString(),
    paymentMethod: 'cash',
    paymentReference: null,
    tenderedRupiah: tendered.toString(),
  };
  const hash = receiptHash(till.lastHash, sale);
  const body: SaleBody = {
    clientSaleId: sale.clientSaleId,
    tillId: till.tillId,
    receiptNo,
    prevHash: till.lastHash,
    hash,
    soldAt: sale.soldAt,
    memberId: null,
    lines,
    totalRupiah: sale.totalRupiah,
    paymentMethod: 'cash',
    paymentReference: null,
    tenderedRupiah: tendered.toString(),
    offline,
  };
  till.lastReceiptNo = receiptNo;
  till.lastHash = hash;
  return body;
}

const send = (till: Till, body: SaleBody) =>
  till.client.call('POST', '/shop/sales', body, { 'idempotency-key': body.clientSaleId });

function problemCode(body: unknown): string | undefined {
  return body && typeof body === 'object' && 'code' in body ? String(body.code) : undefined;
}

// --- measuring ---------------------------------------------------------------------------------

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) =>
    Number((s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0).toFixed(1));
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: at(1) };
}

/** The client's own CPU (it shares the 2 cores with the server) and the load while measuring. */
function clientMeter() {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      seconds: Number(elapsed.toFixed(2)),
      clientCpuPercent: Math.round(((cpu.user + cpu.system) / 1e6 / elapsed) * 100),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    };
  };
}

/** Phase 1: one till, sales one after another, scan to 201. */
async function oneTill(till: Till) {
  for (let i = 0; i < WARMUP_SALES; i++) {
    const r = await send(
      till,
      ringUp(till, pickScans(till, 1 + (i % 5), false), new Date(), false),
    );
    if (r.status !== 201) throw new Error(`warm-up sale: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const latencies: number[] = [];
  const buildMs: number[] = [];
  let lines = 0;
  let errors = 0;
  let firstError: string | null = null;
  const meter = clientMeter();
  for (let i = 0; i < SALES; i++) {
    // what the cashier scans is decided before the clock starts (the scanner's keystrokes)
    const scans = pickScans(till, 1 + Math.floor(Math.random() * 5), false);
    const t0 = performance.now();
    const body = ringUp(till, scans, new Date(), false);
    const t1 = performance.now();
    const r = await send(till, body);
    const ms = performance.now() - t0;
    if (r.status !== 201) {
      errors++;
      firstError ??= `${r.status} ${JSON.stringify(r.body)}`;
      break; // the chain cannot go on past a refused sale
    }
    latencies.push(ms);
    buildMs.push(t1 - t0);
    lines += scans.length;
  }
  const m = meter();
  return {
    sales: latencies.length,
    linesPerSale: Number((lines / Math.max(1, latencies.length)).toFixed(2)),
    ...percentiles(latencies),
    meanMs: Number((latencies.reduce((a, b) => a + b, 0) / latencies.length).toFixed(1)),
    clientBuildP95Ms: percentiles(buildMs).p95Ms,
    salesPerSec: Math.round(latencies.length / m.seconds),
    errors,
    firstError,
    ...m,
  };
}

/** Phase 2: every till sells 5-line sales of overlapping goods for SECONDS after a warm-up. */
async function manyTills(tills: Till[]) {
  const warmUntil = Date.now() + WARMUP_SECONDS * 1000;
  const until = warmUntil + SECONDS * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  let meter: ReturnType<typeof clientMeter> | null = null;
  let counted = 0;
  let all = 0;
  await Promise.all(
    tills.map(async (till) => {
      while (Date.now() < until) {
        const scans = pickScans(till, 5, true);
        const t0 = performance.now();
        const r = await send(till, ringUp(till, scans, new Date(), false));
        const ms = performance.now() - t0;
        if (r.status !== 201) {
          errors++;
          firstError ??= `${r.status} ${JSON.stringify(r.body)}`;
          return; // this till's chain stops here
        }
        all++;
        if (Date.now() >= warmUntil) {
          meter ??= clientMeter();
          counted++;
          latencies.push(ms);
        }
      }
    }),
  );
  const m = (meter as ReturnType<typeof clientMeter> | null)?.() ?? {
    seconds: 0,
    clientCpuPercent: 0,
    loadAverage: [],
  };
  return {
    tills: tills.length,
    linesPerSale: 5,
    sales: counted,
    salesWithWarmUp: all,
    salesPerSec: Math.round(counted / m.seconds),
    ...percentiles(latencies),
    errors,
    firstError,
    ...m,
  };
}

/**
 * What the server's connections do during a load phase, sampled every 100 ms from
 * pg_stat_activity: the share of samples per state (running, waiting on a lock and for which
 * statement, idle in a transaction while the server works, idle), to say where the time goes.
 */
function waitSampler(database: string) {
  const c = new pg.Client({ connectionString: urlFor(database) });
  const counts = new Map<string, number>();
  let samples = 0;
  let stop = false;
  const loop = (async () => {
    await c.connect();
    while (!stop) {
      const r = await c.query<{ what: string; n: string }>(
        `select case when state = 'active' and wait_event_type = 'Lock'
                       then 'lock wait: ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 70)
                     when state = 'active' and wait_event_type is not null
                       then 'active, ' || wait_event_type || ':' || wait_event
                     else coalesce(state, '?') end as what, count(*) as n
           from pg_stat_activity
          where datname = $1 and application_name = 'sokoguru' and pid <> pg_backend_pid()
          group by 1`,
        [database],
      );
      samples++;
      for (const row of r.rows) counts.set(row.what, (counts.get(row.what) ?? 0) + Number(row.n));
      await new Promise((res) => setTimeout(res, 100));
    }
    await c.end();
  })();
  return async () => {
    stop = true;
    await loop;
    // mean connections in each state over the phase
    return Object.fromEntries(
      [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => [k, Number((v / samples).toFixed(2))]),
    );
  };
}

/** The till's queue while the network was down: `n` cash sales rung up over the last hours. */
function offlineQueue(till: Till, n: number): SaleBody[] {
  const start = Date.now() - 3 * 3600_000;
  const queue: SaleBody[] = [];
  for (let i = 0; i < n; i++)
    queue.push(ringUp(till, pickScans(till, 1 + (i % 5), true), new Date(start + i * 2_000), true));
  return queue;
}

/** Phase 3: the queue sent in order, each sale's answer awaited before the next is sent. */
async function syncSequential(till: Till, queue: SaleBody[]) {
  const latencies: number[] = [];
  const meter = clientMeter();
  for (const body of queue) {
    const t0 = performance.now();
    const r = await send(till, body);
    if (r.status !== 201)
      throw new Error(`sync sale ${body.receiptNo}: ${r.status} ${JSON.stringify(r.body)}`);
    latencies.push(performance.now() - t0);
  }
  const m = meter();
  return {
    sales: queue.length,
    totalSeconds: m.seconds,
    salesPerSec: Math.round(queue.length / m.seconds),
    ...percentiles(latencies),
    clientCpuPercent: m.clientCpuPercent,
    loadAverage: m.loadAverage,
  };
}

/**
 * Phase 3, batched: the queue sent as the browser till sends a backlog (web/src/pages/shop/sync.ts),
 * BENCH_SHOP_SYNC_BATCH (100) sales a request to POST /shop/tills/:id/sales/batch, in order.
 */
async function syncBatched(till: Till, queue: SaleBody[], batch: number) {
  const latencies: number[] = [];
  const meter = clientMeter();
  for (let from = 0; from < queue.length; from += batch) {
    const t0 = performance.now();
    const r = await till.client.must<{ results: unknown[]; refused: unknown }>(
      'POST',
      `/shop/tills/${till.tillId}/sales/batch`,
      { sales: queue.slice(from, from + batch) },
    );
    if (r.refused !== null || r.results.length !== Math.min(batch, queue.length - from))
      throw new Error(`sync batch from ${from}: ${JSON.stringify(r.refused)}`);
    latencies.push(performance.now() - t0);
  }
  const m = meter();
  return {
    sales: queue.length,
    batch,
    requests: latencies.length,
    totalSeconds: m.seconds,
    salesPerSec: Math.round(queue.length / m.seconds),
    requestP50Ms: percentiles(latencies).p50Ms,
    clientCpuPercent: m.clientCpuPercent,
    loadAverage: m.loadAverage,
  };
}

/**
 * Phase 3, pipelined: up to `window` sales in flight, sent in receipt order; a sale that reaches
 * the till's lock before its predecessor is refused (SHOP_RECEIPT_OUT_OF_SEQUENCE, nothing kept)
 * and sent again once the predecessor has its 201.
 */
async function syncPipelined(till: Till, queue: SaleBody[], window: number) {
  let next = 0;
  let resent = 0;
  const done: Promise<void>[] = [];
  const resolvers: (() => void)[] = [];
  for (let i = 0; i < queue.length; i++)
    done.push(new Promise<void>((r) => resolvers.push(() => r())));
  const meter = clientMeter();
  await Promise.all(
    Array.from({ length: window }, async () => {
      while (next < queue.length) {
        const i = next++;
        for (;;) {
          const r = await send(till, queue[i]!);
          if (r.status === 201 || r.status === 200) break;
          if (problemCode(r.body) !== 'SHOP_RECEIPT_OUT_OF_SEQUENCE' || i === 0)
            throw new Error(`sync sale ${i + 1}: ${r.status} ${JSON.stringify(r.body)}`);
          resent++;
          await done[i - 1];
        }
        resolvers[i]!();
      }
    }),
  );
  const m = meter();
  return {
    sales: queue.length,
    window,
    resent,
    totalSeconds: m.seconds,
    salesPerSec: Math.round(queue.length / m.seconds),
    clientCpuPercent: m.clientCpuPercent,
    loadAverage: m.loadAverage,
  };
}

/** The till's chain re-walked on the server: no gap, no broken link, every sale there. */
async function verifyChain(till: Till) {
  const r = await till.client.must<{ checked: number; breaks: unknown[] }>(
    'GET',
    `/shop/tills/${till.tillId}/chain`,
  );
  return { checked: r.checked, breaks: r.breaks.length };
}

// --- where a sale's time goes: its statements, counted and timed in this process ----------------

/**
 * One till's sales through the app in this process (listening on a local port, the same Teller
 * client) over PostgreSQL, with pg's Client.query wrapped: statements per sale and the time of
 * each kind, from the session lookup to the commit.
 */
async function statementsPerSale(orgDb: string, username: string, n: number) {
  const database = await openDatabase({ kind: 'postgres', url: urlFor(orgDb), poolSize: 4 });
  const deps = await openDeps(database, { logger: pino({ level: 'warn' }) });
  const app = await buildApp(deps, { secureCookies: false, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const byText = new Map<string, { count: number; ms: number }>();
  let counting = false;
  const proto = pg.Client.prototype as unknown as {
    query: (...args: unknown[]) => unknown;
  };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (!counting || !(result instanceof Promise)) return result;
    const first = args[0];
    const text =
      typeof first === 'string'
        ? first
        : first && typeof first === 'object' && 'text' in first
          ? String(first.text)
          : '?';
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const t0 = performance.now();
    return result.then((v: unknown) => {
      const e = byText.get(key) ?? { count: 0, ms: 0 };
      e.count++;
      e.ms += performance.now() - t0;
      byText.set(key, e);
      return v;
    });
  };
  try {
    const till = await openTill(address, username, 'K1');
    for (let i = 0; i < 20; i++)
      await send(till, ringUp(till, pickScans(till, 5, true), new Date(), false));
    counting = true;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const r = await send(till, ringUp(till, pickScans(till, 5, true), new Date(), false));
      if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    }
    const wall = performance.now() - t0;
    counting = false;
    const single = summary(n, wall);
    // the same for a backlog synced in batches (offline cash sales, BENCH_SHOP_SYNC_BATCH a request)
    byText.clear();
    const queue = offlineQueue(till, n);
    counting = true;
    const t1 = performance.now();
    await syncBatched(till, queue, SYNC_BATCH);
    const batchWall = performance.now() - t1;
    counting = false;
    return { ...single, batched: { batch: SYNC_BATCH, ...summary(n, batchWall) } };
  } finally {
    proto.query = original;
    await app.close();
    await deps.close();
  }

  function summary(sales: number, wall: number) {
    const all = [...byText.entries()].map(([text, e]) => ({
      text,
      perSale: Number((e.count / sales).toFixed(2)),
      msPerSale: Number((e.ms / sales).toFixed(2)),
    }));
    all.sort((a, b) => b.msPerSale - a.msPerSale);
    return {
      sales,
      linesPerSale: 5,
      database: 'postgres',
      statementsPerSale: Number(all.reduce((t, s) => t + s.perSale, 0).toFixed(1)),
      statementMsPerSale: Number(all.reduce((t, s) => t + s.msPerSale, 0).toFixed(2)),
      wallMsPerSale: Number((wall / sales).toFixed(2)),
      top: all.slice(0, 12),
    };
  }
}

// --- the run -----------------------------------------------------------------------------------

async function withServer<T>(
  env: NodeJS.ProcessEnv,
  fn: (url: string, pid: number | undefined) => Promise<T>,
) {
  ensureServerBuilt();
  const server = await spawnServer({ env, demo: false, startTimeoutMs: 300_000 });
  try {
    const result = await fn(server.url, server.process.pid);
    return { result, serverPeakRssMiB: processPeakRssMiB(server.process.pid) };
  } finally {
    await server.stop();
  }
}

async function main() {
  const tag = Date.now().toString(36);
  const result: Record<string, unknown> = {
    setup: `KONSUMEN cooperative seeded through the services: ${PRODUCTS} products (every third also by the dus), ${TILLS} tills each on its own desk with its own cashier and open cash session; the load generator (the tills) on the same machine as the server${BACKENDS.includes('postgres') ? ' and PostgreSQL' : ''}`,
    products: PRODUCTS,
  };
  const met: Record<string, boolean> = {};
  const uptime = () => readFileSync('/proc/loadavg', 'utf8').trim();
  result.loadAtStart = uptime();

  if (BACKENDS.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'sg-bench-shop-'));
    try {
      const dataDir = join(dir, 'data');
      const t0 = performance.now();
      const seeded = await seed({ kind: 'pglite', dataDir }, tag);
      const seedSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
      const run = await withServer(
        { SOKOGURU_DATA_DIR: dataDir, DATABASE_URL: '' },
        async (url, pid) => {
          const one = await openTill(url, seeded.cashiers[0]!, 'K1');
          const cpu0 = await cpuSnapshot(pid, null);
          const t1 = performance.now();
          const measured = await oneTill(one);
          const single = {
            ...measured,
            ...cpuPerSale(
              cpu0,
              await cpuSnapshot(pid, null),
              measured.sales + WARMUP_SALES,
              (performance.now() - t1) / 1000,
            ),
          };
          process.stderr.write(
            `pglite one till: p95 ${single.p95Ms} ms over ${single.sales} sales\n`,
          );
          // the till's way first (a backlog in batches), on a till of its own; then one by one
          const batchTill = await openTill(
            url,
            seeded.cashiers[TILLS > 3 ? 3 : 0]!,
            TILLS > 3 ? 'K4' : 'K1',
          );
          const cpu3 = await cpuSnapshot(pid, null);
          const batchedRun = await syncBatched(
            batchTill,
            offlineQueue(batchTill, SYNC),
            SYNC_BATCH,
          );
          const batched = {
            ...batchedRun,
            ...cpuPerSale(cpu3, await cpuSnapshot(pid, null), SYNC, batchedRun.totalSeconds),
            chain: await verifyChain(batchTill),
          };
          process.stderr.write(`pglite sync batched: ${batched.totalSeconds} s\n`);
          const seqTill = await openTill(url, seeded.cashiers[1]!, 'K2');
          const queue = offlineQueue(seqTill, SYNC);
          const cpu1 = await cpuSnapshot(pid, null);
          const synced = await syncSequential(seqTill, queue);
          const seq = {
            ...synced,
            ...cpuPerSale(cpu1, await cpuSnapshot(pid, null), SYNC, synced.totalSeconds),
          };
          process.stderr.write(`pglite sync: ${seq.totalSeconds} s\n`);
          let piped = null;
          if (SYNC_WINDOW > 1 && TILLS > 2) {
            const pipeTill = await openTill(url, seeded.cashiers[2]!, 'K3');
            piped = await syncPipelined(pipeTill, offlineQueue(pipeTill, SYNC), SYNC_WINDOW);
            piped = { ...piped, chain: await verifyChain(pipeTill) };
            process.stderr.write(`pglite sync pipelined: ${piped.totalSeconds} s\n`);
          }
          return {
            oneTill: { ...single, chain: await verifyChain(one) },
            sync: { ...seq, chain: await verifyChain(seqTill) },
            syncPipelined: piped,
            syncBatched: batched,
          };
        },
      );
      result.pglite = { seedSeconds, ...run.result, serverPeakRssMiB: run.serverPeakRssMiB };
      met.pgliteOneTillP95 =
        run.result.oneTill.p95Ms < TARGET_P95_MS && run.result.oneTill.errors === 0;
      met.pgliteSync = run.result.syncBatched.totalSeconds < TARGET_SYNC_SECONDS;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (BACKENDS.includes('postgres')) {
    await recreateDatabase(DB_NAME);
    const t0 = performance.now();
    const seeded = await seed({ kind: 'postgres', url: urlFor(DB_NAME), poolSize: 4 }, tag);
    const seedSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    const run = await withServer(
      {
        DATABASE_URL: urlFor(DB_NAME),
        SOKOGURU_DATA_DIR: '',
        SOKOGURU_DB_POOL_SIZE: process.env.SOKOGURU_DB_POOL_SIZE ?? String(Math.max(10, TILLS + 2)),
      },
      async (url, pid) => {
        const tills = [];
        for (let i = 0; i < TILLS; i++)
          tills.push(await openTill(url, seeded.cashiers[i]!, `K${i + 1}`));
        const sampled = waitSampler(DB_NAME);
        const cpu0 = await cpuSnapshot(pid, DB_NAME);
        const t0 = performance.now();
        const measured = await manyTills(tills);
        const cpu1 = await cpuSnapshot(pid, DB_NAME);
        const connections = await sampled();
        const load = {
          ...measured,
          ...cpuPerSale(cpu0, cpu1, measured.salesWithWarmUp, (performance.now() - t0) / 1000),
        };
        process.stderr.write(`postgres ${TILLS} tills: ${load.salesPerSec} sales/s\n`);
        const chains = await Promise.all(tills.map(verifyChain));
        // the till's way first (a backlog in batches), on a till of its own; then one by one
        const batchTill = await openTill(
          url,
          seeded.cashiers[TILLS > 2 ? 2 : 0]!,
          TILLS > 2 ? 'K3' : 'K1',
        );
        const cpu3 = await cpuSnapshot(pid, DB_NAME);
        const batchedRun = await syncBatched(batchTill, offlineQueue(batchTill, SYNC), SYNC_BATCH);
        const batched = {
          ...batchedRun,
          ...cpuPerSale(cpu3, await cpuSnapshot(pid, DB_NAME), SYNC, batchedRun.totalSeconds),
          chain: await verifyChain(batchTill),
        };
        process.stderr.write(`postgres sync batched: ${batched.totalSeconds} s\n`);
        // the sync on the first two tills, now past their load-phase sales
        const seqTill = await openTill(url, seeded.cashiers[0]!, 'K1');
        const queue = offlineQueue(seqTill, SYNC);
        const cpu2 = await cpuSnapshot(pid, DB_NAME);
        const synced = await syncSequential(seqTill, queue);
        const seq = {
          ...synced,
          ...cpuPerSale(cpu2, await cpuSnapshot(pid, DB_NAME), SYNC, synced.totalSeconds),
        };
        process.stderr.write(`postgres sync: ${seq.totalSeconds} s\n`);
        let piped = null;
        if (SYNC_WINDOW > 1 && TILLS > 1) {
          const pipeTill = await openTill(url, seeded.cashiers[1]!, 'K2');
          piped = await syncPipelined(pipeTill, offlineQueue(pipeTill, SYNC), SYNC_WINDOW);
          piped = { ...piped, chain: await verifyChain(pipeTill) };
          process.stderr.write(`postgres sync pipelined: ${piped.totalSeconds} s\n`);
        }
        return {
          syncBatched: batched,
          tills: {
            ...load,
            meanConnectionsByState: connections,
            chains: {
              checked: chains.reduce((t, c) => t + c.checked, 0),
              breaks: chains.reduce((t, c) => t + c.breaks, 0),
            },
          },
          sync: { ...seq, chain: await verifyChain(seqTill) },
          syncPipelined: piped,
        };
      },
    );
    const perSale = await statementsPerSale(DB_NAME, seeded.cashiers[0]!, 100);
    result.postgres = {
      seedSeconds,
      ...run.result,
      serverPeakRssMiB: run.serverPeakRssMiB,
      perSale,
    };
    met.postgresTills =
      run.result.tills.salesPerSec >= TARGET_SALES_PER_SEC && run.result.tills.errors === 0;
    met.postgresSync = run.result.syncBatched.totalSeconds < TARGET_SYNC_SECONDS;
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.end();
  }
  result.loadAtEnd = uptime();
  writeResult('shop-pos', {
    ...result,
    target: `one till on PGlite p95 < ${TARGET_P95_MS} ms scan to posted; ${TILLS} tills on PostgreSQL >= ${TARGET_SALES_PER_SEC} sales/s (5 lines); sync of ${SYNC} offline sales < ${TARGET_SYNC_SECONDS} s (batched as the till sends a backlog; one by one and pipelined also recorded)`,
    met,
  });
}

await main();
