import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/domain/errors.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { closeSession } from '../../../src/services/cashdesk.js';
import { requestHash } from '../../../src/services/idempotency.js';
import { recordSale, verifyTillChain, voidSale } from '../../../src/services/shop/sales.js';
import { testDepsForFile } from '../../support/db.js';
import { TEST_PASSWORD } from '../../support/fixtures.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { sukarelaOf } from '../savings/setup.js';
import {
  after,
  balanceOf,
  counts,
  entryLines,
  rehash,
  ringUp,
  sell,
  shopWorld,
  stockMismatches,
  stockOf,
  tillHead,
} from './setup.js';

const now = new Date('2026-11-02T03:00:00Z');
const file = testDepsForFile({ clock: () => now });
const db = () => file.deps.database.db;

const asBody = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)));

describe('a sale sent again and again is recorded once', () => {
  it('three sends after a network drop: one sale row, one entry; 201 then the same body', async () => {
    const w = await shopWorld(file.deps);
    const { gula } = w.products;
    await w.receive([{ product: gula, qty: 10n, costRupiah: 100_000n }]);
    const before = await counts(db(), w.coop.id);
    const s = ringUp(await tillHead(db(), w.coop.id, w.tillId), [{ product: gula, qty: 2n }], {
      method: 'cash',
      tenderedRupiah: 50_000n,
    });
    const path = `/api/v1/orgs/${w.coop.id}/shop/sales`;
    const idem = { key: s.clientSaleId, requestHash: requestHash('POST', path, asBody(s)) };
    const first = await recordSale(file.deps, w.kasir, s, idem);
    // the answer was lost: the till sends again with the same Idempotency-Key
    const second = await recordSale(file.deps, w.kasir, s, idem);
    // and once more without the key (the same clientSaleId): the sale's own retry answer
    const third = await recordSale(file.deps, w.kasir, s);
    expect(first.status).toBe(201);
    expect(first.replayed).toBe(false);
    expect(second.replayed).toBe(true);
    expect(second.body).toEqual(first.body);
    expect(third.status).toBe(200);
    expect(third.replayed).toBe(false);
    expect(third.body).toEqual(first.body);
    const after = await counts(db(), w.coop.id);
    expect(after.sales - before.sales).toBe(1n);
    expect(after.entries - before.entries).toBe(1n);
    expect(after.moves - before.moves).toBe(1n);
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: 8n,
      valueRupiah: 80_000n,
    });
    expect(await balanceOf(db(), w.coop.id, 'salesNonMembers')).toBe(-33_000n);
  });

  it('refuses another sale under a used clientSaleId, a receipt out of sequence, a tampered hash and an offline payment from a member account', async () => {
    const w = await shopWorld(file.deps);
    const { gula, mie } = w.products;
    await w.receive([{ product: gula, qty: 10n, costRupiah: 100_000n }]);
    const m = await w.memberWithSukarela(100_000n);
    const s1 = ringUp(await tillHead(db(), w.coop.id, w.tillId), [{ product: gula, qty: 1n }], {
      method: 'cash',
    });
    await recordSale(file.deps, w.kasir, s1);
    const before = await counts(db(), w.coop.id);
    const head = await tillHead(db(), w.coop.id, w.tillId);
    expect(head).toEqual(after(s1));

    // another sale reusing s1's clientSaleId
    const reused = ringUp(
      head,
      [{ product: mie, qty: 2n }],
      { method: 'cash' },
      {
        clientSaleId: s1.clientSaleId,
      },
    );
    expect(await codeOf(recordSale(file.deps, w.kasir, reused))).toBe('SHOP_SALE_CONFLICT');

    // a till that missed s1 (receipt 1 again) and one that skipped a number (receipt 3)
    const stale = ringUp(
      { tillId: w.tillId, lastReceiptNo: 0, lastHash: '' },
      [{ product: gula, qty: 1n }],
      {
        method: 'cash',
      },
    );
    const e = await recordSale(file.deps, w.kasir, stale).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('SHOP_RECEIPT_OUT_OF_SEQUENCE');
    expect((e as AppError).params).toMatchObject({ expectedReceiptNo: 2, lastHash: s1.hash });
    const skipped = ringUp({ ...head, lastReceiptNo: 2 }, [{ product: gula, qty: 1n }], {
      method: 'cash',
    });
    expect(await codeOf(recordSale(file.deps, w.kasir, skipped))).toBe(
      'SHOP_RECEIPT_OUT_OF_SEQUENCE',
    );
    // the right number chained to another hash
    const forked = ringUp({ ...head, lastHash: 'f'.repeat(64) }, [{ product: gula, qty: 1n }], {
      method: 'cash',
    });
    expect(await codeOf(recordSale(file.deps, w.kasir, forked))).toBe(
      'SHOP_RECEIPT_OUT_OF_SEQUENCE',
    );

    // content changed after the hash was made (a cheaper price), and a hash that is not the sale's
    const good = ringUp(head, [{ product: gula, qty: 1n }], { method: 'cash' });
    const cheaper = {
      ...good,
      lines: good.lines.map((l) => ({ ...l, priceRupiah: 1_000n, amountRupiah: 1_000n })),
      totalRupiah: 1_000n,
      tenderedRupiah: 1_000n,
    };
    expect(await codeOf(recordSale(file.deps, w.kasir, cheaper))).toBe(
      'SHOP_RECEIPT_HASH_MISMATCH',
    );
    expect(await codeOf(recordSale(file.deps, w.kasir, { ...good, hash: 'a'.repeat(64) }))).toBe(
      'SHOP_RECEIPT_HASH_MISMATCH',
    );
    // lines that do not add up, hashed honestly: the sale check refuses them
    const badTotal = rehash({
      ...good,
      totalRupiah: good.totalRupiah + 1n,
      tenderedRupiah: good.totalRupiah + 1n,
    });
    expect(await codeOf(recordSale(file.deps, w.kasir, badTotal))).toBe('SHOP_SALE_TOTAL');
    const short = rehash({ ...good, tenderedRupiah: good.totalRupiah - 1n });
    expect(await codeOf(recordSale(file.deps, w.kasir, short))).toBe('SHOP_SALE_TENDER_SHORT');

    // offline, a member account (or credit) cannot be checked: refused
    const offlineAccount = ringUp(
      head,
      [{ product: gula, qty: 1n }],
      { method: 'member_account' },
      {
        memberId: m,
        offline: true,
      },
    );
    expect(await codeOf(recordSale(file.deps, w.kasir, offlineAccount))).toBe(
      'SHOP_SALE_OFFLINE_PAYMENT',
    );
    const offlineCredit = ringUp(
      head,
      [{ product: gula, qty: 1n }],
      { method: 'member_credit' },
      {
        memberId: m,
        offline: true,
      },
    );
    expect(await codeOf(recordSale(file.deps, w.kasir, offlineCredit))).toBe(
      'SHOP_SALE_OFFLINE_PAYMENT',
    );

    expect(await counts(db(), w.coop.id)).toEqual(before);
    expect(await tillHead(db(), w.coop.id, w.tillId)).toEqual(head);
    // and the honest sale still goes through on that receipt number
    expect((await recordSale(file.deps, w.kasir, good)).status).toBe(201);
  });

  it('offline cash sales queued during the shift are recorded in order after the shift closed', async () => {
    const w = await shopWorld(file.deps);
    const { gula } = w.products;
    await w.receive([{ product: gula, qty: 10n, costRupiah: 100_000n }]);
    const online = await sell(file.deps, w, [{ product: gula, qty: 1n }], { method: 'cash' });
    // the network drops: the till keeps numbering and chaining two sales
    const q1 = ringUp(
      after(online.input),
      [{ product: gula, qty: 2n }],
      { method: 'cash' },
      {
        offline: true,
        soldAt: '2026-11-02T09:30:00.000Z',
      },
    );
    const q2 = ringUp(
      after(q1),
      [{ product: gula, qty: 1n }],
      { method: 'qris', reference: 'QR-OFF-2' },
      {
        offline: true,
        soldAt: '2026-11-02T09:31:00.000Z',
      },
    );
    // the kasir closes the shift before the queue syncs
    await closeSession(file.deps, w.kasir, w.sessionId, {
      countedRupiah: 1_016_500n,
      varianceReason: 'uji: antrean belum tersinkron',
      entryDate: w.businessDate,
    });
    // the queue syncs in order: each recorded once (the first sync is retried too)
    expect(await codeOf(recordSale(file.deps, w.kasir, q2))).toBe('SHOP_RECEIPT_OUT_OF_SEQUENCE');
    expect((await recordSale(file.deps, w.kasir, q1)).status).toBe(201);
    expect((await recordSale(file.deps, w.kasir, q1)).status).toBe(200);
    expect((await recordSale(file.deps, w.kasir, q2)).status).toBe(201);
    // back online, a cash sale needs an open shift
    const late = ringUp(after(q2), [{ product: gula, qty: 1n }], { method: 'cash' });
    expect(await codeOf(recordSale(file.deps, w.kasir, late))).toBe('CASH_SESSION_NONE_OPEN');
    const rows = await sql<{
      receipt_no: bigint;
      offline: boolean;
      cash_session_id: bigint | null;
      business_date: unknown;
    }>`
      select receipt_no, offline, cash_session_id, business_date from shop_sales
      where cooperative_id = ${w.coop.id} order by receipt_no`.execute(db());
    expect(rows.rows.map((r) => [r.receipt_no, r.offline, r.cash_session_id])).toEqual([
      [1n, false, w.sessionId],
      [2n, true, null],
      [3n, true, null],
    ]);
    // without a shift the business date is the sale's own day in Jakarta
    expect(rows.rows.map((r) => String(r.business_date).slice(0, 10))).toEqual(
      expect.arrayContaining(['2026-11-02']),
    );
    expect(await tillHead(db(), w.coop.id, w.tillId)).toEqual(after(q2));
    expect((await verifyTillChain(file.deps, w.kasir, w.tillId)).breaks).toEqual([]);
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});

describe('void with a supervisor', () => {
  it('needs another user with shop.supervise and the right password; reverses the entry, puts stock back at cost and refunds sukarela', async () => {
    const w = await shopWorld(file.deps);
    const { gula, mie } = w.products;
    await w.receive([
      { product: gula, qty: 10n, costRupiah: 100_000n },
      { product: mie, unit: 'dus', qty: 1n, costRupiah: 60_000n },
    ]);
    const m = await w.memberWithSukarela(200_000n);
    const s = await sell(
      file.deps,
      w,
      [
        { product: gula, qty: 3n },
        { product: mie, qty: 4n },
      ],
      { method: 'member_account' },
      { memberId: m },
    );
    expect(s.result.body.totalRupiah).toBe('57000');
    expect((await sukarelaOf(db(), w.coop.id, m)).balance_rupiah).toBe(143_000n);
    const reason = 'Salah scan barang';
    const asSupervisor = (username: string, password = TEST_PASSWORD) => ({
      reason,
      supervisorUsername: username,
      supervisorPassword: password,
    });

    const before = await counts(db(), w.coop.id);
    // a wrong password, an unknown user, the cashier approving their own void
    expect(
      await codeOf(
        voidSale(
          file.deps,
          w.kasir,
          s.saleId,
          asSupervisor(w.supervisorUser.username, 'salah-sandi-123'),
        ),
      ),
    ).toBe('SHOP_SUPERVISOR_REQUIRED');
    expect(await codeOf(voidSale(file.deps, w.kasir, s.saleId, asSupervisor('tidak-ada')))).toBe(
      'SHOP_SUPERVISOR_REQUIRED',
    );
    expect(
      await codeOf(voidSale(file.deps, w.kasir, s.saleId, asSupervisor(w.kasirUser.username))),
    ).toBe('SHOP_SUPERVISOR_REQUIRED');
    // a pengurus (who may supervise) cannot approve a void they ask for themself
    expect(
      await codeOf(
        voidSale(file.deps, w.pengurus, s.saleId, asSupervisor(w.pengurusUser.username)),
      ),
    ).toBe('SHOP_SUPERVISOR_REQUIRED');
    expect(await counts(db(), w.coop.id)).toEqual(before);

    const v = await voidSale(file.deps, w.kasir, s.saleId, asSupervisor(w.supervisorUser.username));
    expect(v.body.status).toBe('voided');
    expect(v.body.voidReason).toBe(reason);
    const row = await sql<{ journal_entry_id: bigint; void_entry_id: bigint; voided_by: string }>`
      select journal_entry_id, void_entry_id, voided_by from shop_sales where cooperative_id = ${w.coop.id} and id = ${s.saleId}`.execute(
      db(),
    );
    expect(row.rows[0]!.voided_by).toBe(w.supervisorUser.id);
    const original = await entryLines(db(), w.coop.id, row.rows[0]!.journal_entry_id);
    const reversal = await entryLines(db(), w.coop.id, row.rows[0]!.void_entry_id);
    const key = (l: { code: string; debit: bigint; credit: bigint; memberId: bigint | null }) =>
      `${l.code}:${l.debit}:${l.credit}:${l.memberId}`;
    expect(reversal.map(key).sort()).toEqual(
      original.map((l) => key({ ...l, debit: l.credit, credit: l.debit })).sort(),
    );
    // stock back at the cost it left with: 3 × 10.000 and 4 × 2.500
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: 10n,
      valueRupiah: 100_000n,
    });
    expect(await stockOf(db(), w.coop.id, w.outletId, mie.id)).toEqual({
      qtyBase: 24n,
      valueRupiah: 60_000n,
    });
    const refund = await sql<{ kind: string; amount_rupiah: bigint; entry_id: bigint }>`
      select t.kind, t.amount_rupiah, t.entry_id from savings_transactions t
      where t.cooperative_id = ${w.coop.id} and t.kind = 'shop-refund'`.execute(db());
    expect(refund.rows).toEqual([
      { kind: 'shop-refund', amount_rupiah: 57_000n, entry_id: row.rows[0]!.void_entry_id },
    ]);
    expect((await sukarelaOf(db(), w.coop.id, m)).balance_rupiah).toBe(200_000n);
    for (const role of ['costOfGoodsSold', 'salesMembers', 'savingsSukarela'])
      expect([role, await balanceOf(db(), w.coop.id, role, m)]).toEqual([
        role,
        role === 'savingsSukarela' ? -200_000n : 0n,
      ]);
    expect(await balanceOf(db(), w.coop.id, 'inventory')).toBe(160_000n);
    // once only
    expect(
      await codeOf(voidSale(file.deps, w.kasir, s.saleId, asSupervisor(w.supervisorUser.username))),
    ).toBe('SHOP_SALE_VOIDED');
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
    // the voided sale stays a link of the chain
    expect(await verifyTillChain(file.deps, w.kasir, w.tillId)).toEqual({
      tillId: w.tillId.toString(),
      checked: 1,
      breaks: [],
    });
  });
});

describe("the till's hash chain", () => {
  it('re-walks clean, then names an altered sale and a deleted one', async () => {
    const w = await shopWorld(file.deps);
    const { gula, mie } = w.products;
    await w.receive([{ product: gula, qty: 10n, costRupiah: 100_000n }]);
    const m = await w.addMember();
    const sold: Awaited<ReturnType<typeof sell>>[] = [];
    sold.push(await sell(file.deps, w, [{ product: gula, qty: 1n }], { method: 'cash' }));
    sold.push(
      await sell(
        file.deps,
        w,
        [
          { product: gula, qty: 2n },
          { product: mie, unit: 'dus', qty: 1n },
        ],
        { method: 'qris' },
        { memberId: m },
      ),
    );
    sold.push(
      await sell(file.deps, w, [{ product: gula, qty: 1n }], {
        method: 'cash',
        tenderedRupiah: 20_000n,
      }),
    );
    sold.push(
      await sell(file.deps, w, [{ product: mie, qty: 5n }], { method: 'cash' }, { memberId: m }),
    );
    await voidSale(file.deps, w.kasir, sold[2]!.saleId, {
      reason: 'Pembeli batal',
      supervisorUsername: w.supervisorUser.username,
      supervisorPassword: TEST_PASSWORD,
    });
    expect(await verifyTillChain(file.deps, w.kasir, w.tillId)).toEqual({
      tillId: w.tillId.toString(),
      checked: 4,
      breaks: [],
    });
    // the guard trigger refuses any change but the one void, and any delete
    await expect(
      sql`update shop_sales set total_rupiah = total_rupiah - 1000 where cooperative_id = ${w.coop.id} and receipt_no = 2`.execute(
        db(),
      ),
    ).rejects.toThrow(/only be voided/);
    await expect(
      sql`delete from shop_sales where cooperative_id = ${w.coop.id} and receipt_no = 4`.execute(
        db(),
      ),
    ).rejects.toThrow(/never deleted/);

    // tampering that bypasses the guard (the table owner switches the trigger off): a line of
    // receipt 2 made cheaper, and receipt 3 taken out altogether
    await db()
      .transaction()
      .execute(async (tx) => {
        await sql`alter table shop_sales disable trigger shop_sales_guard`.execute(tx);
        await sql`update shop_sale_lines l set amount_rupiah = amount_rupiah - 1000
          from shop_sales s where s.cooperative_id = l.cooperative_id and s.id = l.sale_id
            and s.cooperative_id = ${w.coop.id} and s.receipt_no = 2 and l.line_no = 2`.execute(tx);
        await sql`delete from shop_sale_lines where cooperative_id = ${w.coop.id} and sale_id = ${sold[2]!.saleId}`.execute(
          tx,
        );
        await sql`delete from shop_sales where cooperative_id = ${w.coop.id} and id = ${sold[2]!.saleId}`.execute(
          tx,
        );
        await sql`alter table shop_sales enable trigger shop_sales_guard`.execute(tx);
      });
    const v = await verifyTillChain(file.deps, w.kasir, w.tillId);
    expect(v.checked).toBe(3);
    expect(v.breaks).toEqual([
      { receiptNo: 2, problem: 'content' },
      { receiptNo: 4, problem: 'gap', expected: 3 },
    ]);
  });

  // BUG (reported to the lead): the route accepts soldAt with any offset or precision
  // (z.iso.datetime({ offset: true })) and the server hashes the string as sent, but
  // verifyTillChain re-hashes new Date(sold_at).toISOString(); a sale rung up with
  // "…T10:15:00+07:00" (or without milliseconds) is recorded and later reported as altered.
  // Flip to `it` once soldAt is normalised (or refused unless canonical) before hashing.
  it('a sale whose soldAt is not the canonical UTC instant is refused (the chain could not re-walk it)', async () => {
    const w = await shopWorld(file.deps);
    const s = ringUp(
      await tillHead(db(), w.coop.id, w.tillId),
      [{ product: w.products.gula, qty: 1n }],
      { method: 'qris' },
      {
        soldAt: '2026-11-02T10:15:00+07:00',
      },
    );
    expect(await codeOf(recordSale(file.deps, w.kasir, s))).toBe('VALIDATION_FAILED');
    const ok = ringUp(
      await tillHead(db(), w.coop.id, w.tillId),
      [{ product: w.products.gula, qty: 1n }],
      { method: 'qris' },
      { soldAt: '2026-11-02T03:15:00.000Z' },
    );
    expect((await recordSale(file.deps, w.kasir, ok)).status).toBe(201);
    expect((await verifyTillChain(file.deps, w.kasir, w.tillId)).breaks).toEqual([]);
  });

  it("a till's chain is its own cooperative's: another cooperative's kasir sees nothing of it", async () => {
    const w = await shopWorld(file.deps);
    await sell(file.deps, w, [{ product: w.products.gula, qty: 1n }], { method: 'qris' });
    const other = await shopWorld(file.deps);
    const stranger = staffContext(other.coop.id, other.kasirUser, ['kasir']);
    expect(await codeOf(verifyTillChain(file.deps, stranger, w.tillId))).toBe(
      'SHOP_TILL_NOT_FOUND',
    );
    // a sale on another cooperative's till is refused
    const s = ringUp(
      { tillId: w.tillId, lastReceiptNo: 1, lastHash: 'b'.repeat(64) },
      [{ product: other.products.gula, qty: 1n }],
      {
        method: 'qris',
      },
      { clientSaleId: randomUUID() },
    );
    expect(await codeOf(recordSale(file.deps, other.kasir, s))).toBe('SHOP_TILL_NOT_FOUND');
  });
});
