import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { visitorContext } from '../../../src/services/marketplace/context.js';
import {
  listOrders,
  myOrders,
  placeMemberOrder,
  placePublicOrder,
  stepOrder,
} from '../../../src/services/marketplace/orders.js';
import { myProducerSummary } from '../../../src/services/marketplace/producer.js';
import { putPhoto, setListed } from '../../../src/services/marketplace/setup.js';
import { deposit } from '../../../src/services/savings.js';
import { consignmentOwed, settleConsignment } from '../../../src/services/shop/consignment.js';
import { signIn, testAppForFile } from '../../support/fixtures.js';
import { sukarelaOf } from '../savings/setup.js';
import { balanceOf, counts, stockOf } from '../shop/setup.js';
import { marketWorld, visitorOrder } from './setup.js';

// The marketplace (issue 18 item 3; docs/domain/marketplace.md): orders by visitors and members,
// the workflow that turns a delivered order into one shop sale, the storefront of one
// cooperative only, and the producer's share of a marketplace sale settled into sukarela.

const now = new Date('2026-11-02T04:00:00Z');
const file = testAppForFile({ clock: () => now });

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

const visitor = (coop: string) => visitorContext(coop, null, null);

const tinyPng = () => {
  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(200);
  return PNG.sync.write(png);
};

describe('marketplace orders', () => {
  it('a visitor’s order is confirmed, packed and delivered: one shop sale posted, once, with its receipt', async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await marketWorld(deps);
    const placed = await placePublicOrder(
      deps,
      visitor(w.coop.id),
      visitorOrder([
        { product: w.products.mie, qty: 3n },
        { product: w.products.gula, qty: 1n },
      ]),
      randomUUID(),
    );
    expect(placed.status).toBe(201);
    const order = placed.body;
    // the public price now: 3 x 3.500 + 16.500
    expect(order).toMatchObject({ number: 'PD-000001', status: 'new', totalRupiah: '27000' });
    const before = await counts(db, w.coop.id);
    const id = BigInt(order.id);
    await stepOrder(deps, w.kasir, id, { action: 'confirm' });
    await stepOrder(deps, w.kasir, id, { action: 'pack' });
    // packing changes nothing in the books
    expect(await counts(db, w.coop.id)).toEqual(before);
    const key = { key: `deliver-${order.id}-x`, requestHash: 'h1' };
    const delivered = await stepOrder(deps, w.kasir, id, { action: 'deliver' }, key);
    expect(delivered.body.status).toBe('delivered');
    expect(delivered.body.receiptNumber).toMatch(/^MP-0*1$/);
    expect(delivered.body.events.map((e) => [e.from, e.to, e.by])).toEqual([
      [null, 'new', 'pasar-daring'],
      ['new', 'confirmed', w.kasirUser.username],
      ['confirmed', 'packed', w.kasirUser.username],
      ['packed', 'delivered', w.kasirUser.username],
    ]);
    const after = await counts(db, w.coop.id);
    expect(after.sales - before.sales).toBe(1n);
    expect(after.entries - before.entries).toBe(1n);
    expect(after.moves - before.moves).toBe(2n);
    // the same delivery again: the stored answer, nothing more; without the key it is refused
    const again = await stepOrder(deps, w.kasir, id, { action: 'deliver' }, key);
    expect(again.replayed).toBe(true);
    expect(await codeOf(stepOrder(deps, w.kasir, id, { action: 'deliver' }))).toBe(
      'MARKETPLACE_ORDER_TRANSITION',
    );
    expect(await counts(db, w.coop.id)).toEqual(after);
    // a non-member cash sale on the marketplace till at the order's prices, stock out at HPP
    const sale = await sql<{ till_id: bigint; member_id: bigint | null; total_rupiah: bigint }>`
      select s.till_id, s.member_id, s.total_rupiah from shop_sales s join marketplace_orders o
        on o.cooperative_id = s.cooperative_id and o.sale_id = s.id
      where o.cooperative_id = ${w.coop.id} and o.id = ${id}`.execute(db);
    expect(sale.rows).toEqual([
      { till_id: w.marketTillId, member_id: null, total_rupiah: 27_000n },
    ]);
    expect(await balanceOf(db, w.coop.id, 'salesNonMembers')).toBe(-27_000n);
    // noodles at 2.500, sugar at 13.000: HPP 3 x 2.500 + 13.000
    expect(await balanceOf(db, w.coop.id, 'costOfGoodsSold')).toBe(20_500n);
    expect(await stockOf(db, w.coop.id, w.outletId, w.products.mie.id)).toEqual({
      qtyBase: 37n,
      valueRupiah: 92_500n,
    });
    expect(await verifyLedger(db, w.coop.id)).toEqual([]);
  });

  it('a cancellation needs a reason, posts nothing and ends the order; skipping a step is refused', async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await marketWorld(deps);
    const order = (
      await placePublicOrder(
        deps,
        visitor(w.coop.id),
        visitorOrder([{ product: w.products.gula, qty: 2n }]),
        randomUUID(),
      )
    ).body;
    const id = BigInt(order.id);
    expect(await codeOf(stepOrder(deps, w.kasir, id, { action: 'deliver' }))).toBe(
      'MARKETPLACE_ORDER_TRANSITION',
    );
    await stepOrder(deps, w.kasir, id, { action: 'confirm' });
    const before = await counts(db, w.coop.id);
    expect(await codeOf(stepOrder(deps, w.kasir, id, { action: 'cancel', reason: ' ' }))).toBe(
      'MARKETPLACE_CANCEL_REASON_REQUIRED',
    );
    const c = await stepOrder(deps, w.kasir, id, {
      action: 'cancel',
      reason: 'Pembeli membatalkan lewat telepon',
    });
    expect(c.body).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Pembeli membatalkan lewat telepon',
      receiptNumber: null,
    });
    expect(c.body.events.at(-1)).toMatchObject({ from: 'confirmed', to: 'cancelled' });
    expect(await counts(db, w.coop.id)).toEqual(before);
    for (const action of ['confirm', 'pack', 'deliver', 'cancel'] as const)
      expect(await codeOf(stepOrder(deps, w.kasir, id, { action, reason: 'lagi' }))).toBe(
        'MARKETPLACE_ORDER_TRANSITION',
      );
    // the cancelled order no longer holds the sugar back
    const list = await listOrders(deps, w.kasir, { status: 'cancelled', page: 1, pageSize: 10 });
    expect(list.counts).toMatchObject({ cancelled: 1, new: 0 });
  });

  it('a double tap (the same Idempotency-Key twice, also at once) makes one order; another body under the key is refused', async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await marketWorld(deps);
    const key = randomUUID();
    const input = visitorOrder([{ product: w.products.mie, qty: 2n }]);
    const [a, b] = await Promise.all([
      placePublicOrder(deps, visitor(w.coop.id), input, key),
      placePublicOrder(deps, visitor(w.coop.id), input, key),
    ]);
    expect(a.body.id).toBe(b.body.id);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const c = await placePublicOrder(deps, visitor(w.coop.id), input, key);
    expect(c).toMatchObject({ status: 200, body: { number: a.body.number } });
    expect(
      await codeOf(
        placePublicOrder(
          deps,
          visitor(w.coop.id),
          visitorOrder([{ product: w.products.mie, qty: 5n }]),
          key,
        ),
      ),
    ).toBe('IDEMPOTENCY_KEY_REUSED');
    const n = await sql<{ n: bigint }>`select count(*)::bigint as n from marketplace_orders
      where cooperative_id = ${w.coop.id}`.execute(db);
    expect(n.rows[0]!.n).toBe(1n);
  });

  it('stock is checked against what open orders already ask for; a member gets the member price', async () => {
    const { deps } = file;
    const w = await marketWorld(deps);
    // 10 sugar on hand: 8 ordered, then 3 more is refused, 2 is fine
    await placePublicOrder(
      deps,
      visitor(w.coop.id),
      visitorOrder([{ product: w.products.gula, qty: 8n }]),
      randomUUID(),
    );
    expect(
      await codeOf(
        placePublicOrder(
          deps,
          visitor(w.coop.id),
          visitorOrder([{ product: w.products.gula, qty: 3n }]),
          randomUUID(),
        ),
      ),
    ).toBe('MARKETPLACE_OUT_OF_STOCK');
    const m = await w.memberBuyer(100_000n);
    const mine = await placeMemberOrder(
      deps,
      m.ctx,
      visitorOrder([{ product: w.products.gula, qty: 2n }], 'member_account'),
      randomUUID(),
    );
    expect(mine.body).toMatchObject({
      totalRupiah: '30000',
      member: { id: m.memberId.toString() },
    });
    expect((await myOrders(deps, m.ctx)).map((o) => o.id)).toEqual([mine.body.id]);
    // a visitor cannot pay from a member account; the cheese grater is not listed
    expect(
      await codeOf(
        placePublicOrder(
          deps,
          visitor(w.coop.id),
          visitorOrder([{ product: w.products.mie, qty: 1n }], 'member_account'),
          randomUUID(),
        ),
      ),
    ).toBe('SHOP_SALE_MEMBER_REQUIRED');
    expect(
      await codeOf(
        placePublicOrder(
          deps,
          visitor(w.coop.id),
          visitorOrder([{ product: w.products.cabai, qty: 1n }]),
          randomUUID(),
        ),
      ),
    ).toBe('MARKETPLACE_PRODUCT_NOT_LISTED');
  });

  it('paying from sukarela with too little in it: delivery refused, the order stays packed and nothing is posted', async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await marketWorld(deps);
    // 40.000 in sukarela with a 10.000 minimum: 3 sugar at the member's 15.000 = 45.000 is too much
    const m = await w.memberBuyer(40_000n);
    const order = (
      await placeMemberOrder(
        deps,
        m.ctx,
        visitorOrder([{ product: w.products.gula, qty: 3n }], 'member_account'),
        randomUUID(),
      )
    ).body;
    const id = BigInt(order.id);
    await stepOrder(deps, w.kasir, id, { action: 'confirm' });
    await stepOrder(deps, w.kasir, id, { action: 'pack' });
    const before = await counts(db, w.coop.id);
    const code = await codeOf(stepOrder(deps, w.kasir, id, { action: 'deliver' }));
    expect(code).toMatch(/^SAVINGS_|^SHOP_/);
    expect(await counts(db, w.coop.id)).toEqual(before);
    expect((await sukarelaOf(db, w.coop.id, m.memberId)).balance_rupiah).toBe(40_000n);
    const list = await listOrders(deps, w.kasir, { status: 'packed', page: 1, pageSize: 10 });
    expect(list.items.map((o) => [o.id, o.receiptNumber, o.events.length])).toEqual([
      [order.id, null, 3],
    ]);
    // with enough in it the same delivery goes through, as a member sale from sukarela
    const acct = await sukarelaOf(db, w.coop.id, m.memberId);
    await deposit(deps, w.kasir, {
      sessionId: w.sessionId,
      accountId: acct.id,
      amountRupiah: 20_000n,
    });
    const done = await stepOrder(deps, w.kasir, id, { action: 'deliver' });
    expect(done.body.status).toBe('delivered');
    expect((await sukarelaOf(db, w.coop.id, m.memberId)).balance_rupiah).toBe(15_000n);
    expect(await balanceOf(db, w.coop.id, 'salesMembers')).toBe(-45_000n);
  });

  it('a delivered order of a producer’s goods is owed to the producer, shows in the portal, and the settlement pays it into sukarela with the margin kept as income', async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await marketWorld(deps);
    const p = await w.producer(1500);
    const order = (
      await placePublicOrder(
        deps,
        visitor(w.coop.id),
        visitorOrder([{ product: p.product, qty: 2n }]),
        randomUUID(),
      )
    ).body;
    const id = BigInt(order.id);
    for (const action of ['confirm', 'pack', 'deliver'] as const)
      await stepOrder(deps, w.kasir, id, { action });
    // 2 x 25.000 = 50.000: margin 15 % = 7.500 income, 42.500 owed to the producer
    expect(await balanceOf(db, w.coop.id, 'consignmentPayable', p.memberId)).toBe(-42_500n);
    expect(await balanceOf(db, w.coop.id, 'salesNonMembers')).toBe(-7_500n);
    const mine = await myProducerSummary(deps, p.ctx);
    expect(mine).toMatchObject({
      producer: true,
      salesRupiah: '50000',
      owedRupiah: '42500',
      settledRupiah: '0',
      products: [{ name: 'Batik tulis Pekalongan', qtySold: '2', marketplaceQtySold: '2' }],
    });
    const owed = await consignmentOwed(deps, w.pengurus, '2026-11-30');
    expect(owed.find((s) => s.supplierId === p.supplierId.toString())?.owedRupiah).toBe('42500');
    const before = (await sukarelaOf(db, w.coop.id, p.memberId)).balance_rupiah;
    const s = await settleConsignment(deps, w.pengurus, p.supplierId, {
      throughDate: '2026-11-30',
      settledOn: '2026-11-30',
    });
    expect(s.body).toMatchObject({ amountRupiah: '42500', marginRupiah: '7500' });
    expect((await sukarelaOf(db, w.coop.id, p.memberId)).balance_rupiah - before).toBe(42_500n);
    expect(await balanceOf(db, w.coop.id, 'consignmentPayable', p.memberId)).toBe(0n);
    expect(await balanceOf(db, w.coop.id, 'salesNonMembers')).toBe(-7_500n);
    expect(await myProducerSummary(deps, p.ctx)).toMatchObject({
      owedRupiah: '0',
      settledRupiah: '42500',
      settlements: [{ amountRupiah: '42500', marginRupiah: '7500' }],
    });
    expect(await verifyLedger(db, w.coop.id)).toEqual([]);
  });
});

describe('the public storefront over HTTP', () => {
  it('shows one cooperative’s listed products only, no costs; photos of another cooperative and unlisted ones are 404', async () => {
    const { deps, app } = file;
    const a = await marketWorld(deps);
    const b = await marketWorld(deps);
    const png = tinyPng();
    await putPhoto(deps, a.pengurus, a.products.mie.id, 'image/png', png);
    await putPhoto(deps, b.pengurus, b.products.gula.id, 'image/png', png);
    const res = await app.inject({ method: 'GET', url: `/api/v1/pasar/${a.coop.id}?pageSize=10` });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      items: {
        id: string;
        name: string;
        publicPriceRupiah: string;
        memberPriceRupiah: string | null;
        availableBase: string;
        photoUrl: string | null;
      }[];
      total: number;
    }>();
    expect(body.items.map((i) => i.id).sort()).toEqual(
      [a.products.gula.id, a.products.mie.id].map(String).sort(),
    );
    expect(body.items.find((i) => i.id === a.products.mie.id.toString())).toMatchObject({
      publicPriceRupiah: '3500',
      memberPriceRupiah: null,
      availableBase: '40',
    });
    expect(res.body).not.toMatch(/cost|value|hpp|margin/i);
    // the photo: its content type, an etag, cacheable; 304 on the same etag
    const url = body.items.find((i) => i.photoUrl)!.photoUrl!;
    const photo = await app.inject({ method: 'GET', url });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['cache-control']).toMatch(/public, max-age=/);
    expect(photo.rawPayload.equals(png)).toBe(true);
    const again = await app.inject({
      method: 'GET',
      url,
      headers: { 'if-none-match': String(photo.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    // B's photo through A's storefront, B's product ordered at A: not there
    const cross = await app.inject({
      method: 'GET',
      url: `/api/v1/pasar/${a.coop.id}/products/${b.products.gula.id}/photo`,
    });
    expect(cross.statusCode).toBe(404);
    // an unlisted product's photo is not public
    await setListed(deps, a.pengurus, [a.products.mie.id], false);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    const order = await app.inject({
      method: 'POST',
      url: `/api/v1/pasar/${a.coop.id}/orders`,
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        ...visitorOrder([]),
        lines: [{ productId: b.products.mie.id.toString(), qty: '1' }],
      },
    });
    expect(order.statusCode).toBe(422);
    expect(order.json<{ code: string }>().code).toBe('MARKETPLACE_PRODUCT_NOT_LISTED');
    // a cooperative without a marketplace has no storefront
    const none = await app.inject({ method: 'GET', url: `/api/v1/pasar/${randomUUID()}` });
    expect(none.statusCode).toBe(404);
  });

  it('the shop manager uploads a WebP photo as the raw body; one over 512 KB or not an image is refused, a member of staff without shop.manage is forbidden', async () => {
    const { deps, app } = file;
    const w = await marketWorld(deps);
    const manager = await signIn(app, w.pengurusUser.username);
    const kasir = await signIn(app, w.kasirUser.username);
    const url = `/api/v1/orgs/${w.coop.id}/marketplace/products/${w.products.gula.id}/photo`;
    // a RIFF....WEBP container header is what the type check reads
    const webp = Buffer.concat([
      Buffer.from('RIFF'),
      Buffer.from([24, 0, 0, 0]),
      Buffer.from('WEBPVP8L'),
      Buffer.alloc(16, 1),
    ]);
    const put = (c: typeof manager, body: Buffer, type: string) =>
      app.inject({
        method: 'PUT',
        url,
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type },
        payload: body,
      });
    const ok = await put(manager, webp, 'image/webp');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ contentType: 'image/webp', bytes: webp.length });
    const served = await app.inject({
      method: 'GET',
      url: `/api/v1/pasar/${w.coop.id}/products/${w.products.gula.id}/photo`,
    });
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    const big = Buffer.concat([tinyPng(), Buffer.alloc(600 * 1024)]);
    expect((await put(manager, big, 'image/png')).statusCode).toBe(422);
    expect(
      (await put(manager, Buffer.from('<svg onload=alert(1)>'), 'image/webp')).statusCode,
    ).toBe(422);
    expect((await put(kasir, webp, 'image/webp')).statusCode).toBe(403);
  });

  it('a visitor orders over HTTP with an Idempotency-Key and follows the order by its link', async () => {
    const { deps, app } = file;
    const w = await marketWorld(deps);
    const key = randomUUID();
    const payload = {
      ...visitorOrder([]),
      buyerPhone: '0812-3456-7890',
      lines: [{ productId: w.products.mie.id.toString(), qty: '2' }],
    };
    const send = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/pasar/${w.coop.id}/orders`,
        headers: { 'idempotency-key': key },
        payload,
      });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const second = await send();
    expect(second.statusCode).toBe(200);
    const o = first.json<{ id: string; statusToken: string; totalRupiah: string }>();
    expect(second.json<{ id: string }>().id).toBe(o.id);
    expect(o.totalRupiah).toBe('7000');
    const noKey = await app.inject({
      method: 'POST',
      url: `/api/v1/pasar/${w.coop.id}/orders`,
      payload,
    });
    expect(noKey.statusCode).toBe(400);
    const status = await app.inject({
      method: 'GET',
      url: `/api/v1/pasar/${w.coop.id}/orders/${o.statusToken}`,
    });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ status: 'new', buyerPhone: '', buyerAddress: '' });
    const wrong = await app.inject({
      method: 'GET',
      url: `/api/v1/pasar/${w.coop.id}/orders/${'0'.repeat(32)}`,
    });
    expect(wrong.statusCode).toBe(404);
    // a photo that is not what it says is refused
    const html = await app.inject({
      method: 'GET',
      url: `/api/v1/pasar/${w.coop.id}/products/${w.products.mie.id}/photo`,
    });
    expect(html.statusCode).toBe(404);
    expect(
      await codeOf(
        putPhoto(deps, w.pengurus, w.products.mie.id, 'image/png', Buffer.from('<html></html>')),
      ),
    ).toBe('MARKETPLACE_PHOTO_INVALID');
  });
});
