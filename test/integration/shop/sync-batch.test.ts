import { describe, expect, it } from 'vitest';
import type { SaleInput } from '../../../src/services/shop/sales.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { recordSale, recordSalesBatch, verifyTillChain } from '../../../src/services/shop/sales.js';
import { testDepsForFile } from '../../support/db.js';
import { sukarelaOf } from '../savings/setup.js';
import {
  after,
  balanceOf,
  counts,
  rehash,
  ringUp,
  shopWorld,
  stockMismatches,
  stockOf,
  tillHead,
  type RingLine,
  type ShopWorld,
  type TillHead,
} from './setup.js';

/**
 * A till's queue synced in one request (src/services/shop/sales.ts recordSalesBatch): the same
 * checks as one sale at a time, one entry per sale, nothing recorded twice, and the first refused
 * sale stops the batch with the sales before it recorded.
 */
const now = new Date('2026-11-02T03:00:00Z');
const file = testDepsForFile({ clock: () => now });
const db = () => file.deps.database.db;

/** n sales rung up one after another from `head`, as a till does offline. */
function queue(
  head: TillHead,
  n: number,
  lines: readonly RingLine[],
  options: { offline?: boolean; memberId?: bigint | null; method?: 'cash' | 'member_account' } = {},
): SaleInput[] {
  const out: SaleInput[] = [];
  let h = head;
  for (let i = 0; i < n; i++) {
    const s = ringUp(
      h,
      lines,
      { method: options.method ?? 'cash' },
      { offline: options.offline ?? true, memberId: options.memberId ?? null },
    );
    out.push(s);
    h = after(s);
  }
  return out;
}

async function stocked(): Promise<ShopWorld> {
  const w = await shopWorld(file.deps);
  await w.receive([
    { product: w.products.gula, qty: 100n, costRupiah: 1_200_000n },
    { product: w.products.mie, qty: 240n, costRupiah: 600_000n },
  ]);
  return w;
}

describe('a queue synced in one request', () => {
  it('records every sale once with its own entry; the same batch again records nothing', async () => {
    const w = await stocked();
    const { gula, mie } = w.products;
    const sales = queue(await tillHead(db(), w.coop.id, w.tillId), 25, [
      { product: gula, qty: 1n },
      { product: mie, qty: 2n },
      { product: gula, qty: 1n },
    ]);
    const before = await counts(db(), w.coop.id);
    const first = await recordSalesBatch(file.deps, w.kasir, w.tillId, sales);
    expect(first.refused).toBeNull();
    expect(first.results.map((r) => r.status)).toEqual(Array(25).fill('recorded'));
    expect(first.results.map((r) => Number(r.receiptNumber.split('-').pop()))).toEqual(
      sales.map((s) => s.receiptNo),
    );
    const mid = await counts(db(), w.coop.id);
    expect(mid.sales - before.sales).toBe(25n);
    expect(mid.entries - before.entries).toBe(25n);
    expect(mid.moves - before.moves).toBe(75n);
    // 50 bags and 50 packs out at cost (12.000 and 2.500 a piece)
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: 50n,
      valueRupiah: 600_000n,
    });
    expect(await stockOf(db(), w.coop.id, w.outletId, mie.id)).toEqual({
      qtyBase: 190n,
      valueRupiah: 475_000n,
    });
    // non-members at the public price, cash into the till's desk
    expect(await balanceOf(db(), w.coop.id, 'salesNonMembers')).toBe(
      -25n * (2n * 16_500n + 7_000n),
    );
    expect(await tillHead(db(), w.coop.id, w.tillId)).toEqual(after(sales[24]!));

    // the answer was lost: the till sends the same queue again
    const again = await recordSalesBatch(file.deps, w.kasir, w.tillId, sales);
    expect(again.refused).toBeNull();
    expect(again.results.map((r) => r.status)).toEqual(Array(25).fill('already'));
    expect(again.results.map((r) => r.saleId)).toEqual(first.results.map((r) => r.saleId));
    expect(await counts(db(), w.coop.id)).toEqual(mid);
    expect(await verifyTillChain(file.deps, w.kasir, w.tillId)).toMatchObject({
      checked: 25,
      breaks: [],
    });
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });

  it('answers sales sent one by one before as already recorded and goes on from there', async () => {
    const w = await stocked();
    const sales = queue(await tillHead(db(), w.coop.id, w.tillId), 5, [
      { product: w.products.gula, qty: 1n },
    ]);
    await recordSale(file.deps, w.kasir, sales[0]!);
    await recordSale(file.deps, w.kasir, sales[1]!);
    const r = await recordSalesBatch(file.deps, w.kasir, w.tillId, sales);
    expect(r.refused).toBeNull();
    expect(r.results.map((x) => x.status)).toEqual([
      'already',
      'already',
      'recorded',
      'recorded',
      'recorded',
    ]);
    expect(await verifyTillChain(file.deps, w.kasir, w.tillId)).toMatchObject({
      checked: 5,
      breaks: [],
    });
  });

  it('stops at the first refused sale: those before it recorded, it and the rest not', async () => {
    const w = await stocked();
    const sales = queue(await tillHead(db(), w.coop.id, w.tillId), 6, [
      { product: w.products.gula, qty: 1n },
    ]);
    // the fourth was altered after its hash was made (a cheaper total, lines untouched)
    const tampered = [...sales];
    tampered[3] = { ...sales[3]!, totalRupiah: sales[3]!.totalRupiah - 1_000n };
    const before = await counts(db(), w.coop.id);
    const r = await recordSalesBatch(file.deps, w.kasir, w.tillId, tampered);
    expect(r.results.map((x) => x.status)).toEqual(['recorded', 'recorded', 'recorded']);
    expect(r.refused).toMatchObject({ index: 3, clientSaleId: sales[3]!.clientSaleId });
    expect(r.refused!.error.code).toBe('SHOP_RECEIPT_HASH_MISMATCH');
    const mid = await counts(db(), w.coop.id);
    expect(mid.sales - before.sales).toBe(3n);
    expect(mid.entries - before.entries).toBe(3n);
    expect(await tillHead(db(), w.coop.id, w.tillId)).toEqual(after(sales[2]!));
    // the till sends the rest as it rang them: all go in
    const rest = await recordSalesBatch(file.deps, w.kasir, w.tillId, sales.slice(3));
    expect(rest.refused).toBeNull();
    expect(rest.results.map((x) => x.status)).toEqual(['recorded', 'recorded', 'recorded']);
    // a sale out of sequence (the first of the batch skips a number) records nothing
    const skipped = queue({ ...after(sales[5]!), lastReceiptNo: 7 }, 2, [
      { product: w.products.gula, qty: 1n },
    ]);
    const s = await recordSalesBatch(file.deps, w.kasir, w.tillId, skipped);
    expect(s.results).toEqual([]);
    expect(s.refused!.error.code).toBe('SHOP_RECEIPT_OUT_OF_SEQUENCE');
    expect(s.refused!.error.params).toMatchObject({ expectedReceiptNo: 7 });
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });

  it('checks each member payment against the balance the sales before it left', async () => {
    const w = await stocked();
    // Rp 60.000 in, Rp 10.000 must stay: two purchases of 15.000 and 30.000 fit, a third of
    // 15.000 does not
    const member = await w.memberWithSukarela(60_000n);
    const head = await tillHead(db(), w.coop.id, w.tillId);
    const one = ringUp(
      head,
      [{ product: w.products.gula, qty: 1n }],
      { method: 'member_account' },
      { memberId: member },
    );
    const two = ringUp(
      after(one),
      [{ product: w.products.gula, qty: 2n }],
      { method: 'member_account' },
      { memberId: member },
    );
    const three = ringUp(
      after(two),
      [{ product: w.products.gula, qty: 1n }],
      { method: 'member_account' },
      { memberId: member },
    );
    const r = await recordSalesBatch(file.deps, w.kasir, w.tillId, [one, two, three]);
    expect(r.results).toHaveLength(2);
    expect(r.refused).toMatchObject({ index: 2 });
    expect(r.refused!.error.code).toBe('SAVINGS_BELOW_MINIMUM_BALANCE');
    const acct = await sukarelaOf(db(), w.coop.id, member);
    expect(acct.balance_rupiah).toBe(15_000n);
    expect(await balanceOf(db(), w.coop.id, 'salesMembers')).toBe(-45_000n);
    // a batch's sales are all of its till
    const other = rehash({ ...three, tillId: w.tillId + 1000n });
    const x = await recordSalesBatch(file.deps, w.kasir, w.tillId, [other]);
    expect(x.refused!.error.code).toBe('VALIDATION_FAILED');
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});
