import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { lineAmount } from '../../../src/domain/shop/units.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { recordSale } from '../../../src/services/shop/sales.js';
import { postOpname } from '../../../src/services/shop/stock.js';
import { testDepsForFile } from '../../support/db.js';
import { codeOf } from '../../support/outcome.js';
import {
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

/** The stock moves of a product, oldest first: kind, quantity and cost. */
async function movesOf(coop: string, productId: bigint) {
  const r = await sql<{ kind: string; qty_base: bigint; cost_rupiah: bigint }>`
    select kind, qty_base, cost_rupiah from shop_stock_moves
    where cooperative_id = ${coop} and product_id = ${productId} order by id`.execute(db());
  return r.rows.map((m) => [m.kind, m.qty_base, m.cost_rupiah]);
}

describe('HPP by moving average', () => {
  it('receive 10 at Rp 10.000 and 10 at Rp 12.000, sell 5: cost 5.500 on HPP, the stock account equals stock at cost', async () => {
    const w = await shopWorld(file.deps);
    const gula = w.products.gula;
    // two receipts of 10 bags, the invoice lines Rp 10.000 and Rp 12.000: 20 bags worth 22.000
    const r1 = await w.receive([{ product: gula, qty: 10n, costRupiah: 10_000n }]);
    await w.receive([{ product: gula, qty: 10n, costRupiah: 12_000n }]);
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: 20n,
      valueRupiah: 22_000n,
    });
    // the receipt: Dr persediaan / Cr utang dagang
    expect(
      (await entryLines(db(), w.coop.id, BigInt(r1.entryId!))).map((l) => [
        l.code,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['1140', 10_000n, 0n],
      ['2110', 0n, 10_000n],
    ]);

    // 5 bags to the public for cash at Rp 16.500: cost 22.000 × 5 / 20 = 5.500
    const s = await sell(file.deps, w, [{ product: gula, qty: 5n }], { method: 'cash' });
    expect(s.result.status).toBe(201);
    expect(s.result.body.totalRupiah).toBe('82500');
    const sale = await sql<{ cost_rupiah: bigint; journal_entry_id: bigint }>`
      select cost_rupiah, journal_entry_id from shop_sales where cooperative_id = ${w.coop.id} and id = ${s.saleId}`.execute(
      db(),
    );
    expect(sale.rows[0]!.cost_rupiah).toBe(5_500n);
    const lines = await entryLines(db(), w.coop.id, sale.rows[0]!.journal_entry_id);
    expect(lines.map((l) => [l.code, l.debit, l.credit])).toEqual(
      expect.arrayContaining([
        ['1101', 82_500n, 0n],
        ['4210', 0n, 82_500n],
        ['5110', 5_500n, 0n],
        ['1140', 0n, 5_500n],
      ]),
    );
    expect(lines).toHaveLength(4);
    expect(await balanceOf(db(), w.coop.id, 'costOfGoodsSold')).toBe(5_500n);
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: 15n,
      valueRupiah: 16_500n,
    });
    expect(await balanceOf(db(), w.coop.id, 'inventory')).toBe(16_500n);
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });

  it('selling beyond stock costs the excess at the last receipt rate; the receipt after it re-costs the shortfall into HPP', async () => {
    const w = await shopWorld(file.deps);
    const gula = w.products.gula;
    await w.receive([{ product: gula, qty: 10n, costRupiah: 10_000n }]);
    await w.receive([{ product: gula, qty: 10n, costRupiah: 12_000n }]);
    await sell(file.deps, w, [{ product: gula, qty: 5n }], { method: 'cash' });
    // 20 more with 15 on hand: the 15 at 16.500, the 5 beyond at the last rate 12.000 / 10 → 6.000
    const over = await sell(file.deps, w, [{ product: gula, qty: 20n }], { method: 'qris' });
    const c = await sql<{ cost_rupiah: bigint }>`
      select cost_rupiah from shop_sales where cooperative_id = ${w.coop.id} and id = ${over.saleId}`.execute(
      db(),
    );
    expect(c.rows[0]!.cost_rupiah).toBe(22_500n);
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: -5n,
      valueRupiah: -6_000n,
    });
    expect(await balanceOf(db(), w.coop.id, 'inventory')).toBe(-6_000n);
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);

    // 10 come in at 13.000: the 5 already sold are re-costed at 6.500 (500 more to HPP), 5 stay at 6.500
    const r = await w.receive([{ product: gula, qty: 10n, costRupiah: 13_000n }]);
    expect(
      (await entryLines(db(), w.coop.id, BigInt(r.entryId!))).map((l) => [
        l.code,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['1140', 13_000n, 0n],
      ['2110', 0n, 13_000n],
      ['5110', 500n, 0n],
      ['1140', 0n, 500n],
    ]);
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: 5n,
      valueRupiah: 6_500n,
    });
    expect(await balanceOf(db(), w.coop.id, 'costOfGoodsSold')).toBe(5_500n + 22_500n + 500n);
    expect(await movesOf(w.coop.id, gula.id)).toEqual([
      ['receipt', 10n, 10_000n],
      ['receipt', 10n, 12_000n],
      ['sale', -5n, -5_500n],
      ['sale', -20n, -22_500n],
      ['receipt', 10n, 12_500n],
    ]);
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});

describe('stock opname', () => {
  it('a shortage and a surplus post to the stock variance account (5112) and stock, line by line', async () => {
    const w = await shopWorld(file.deps);
    const { gula, mie, cabai } = w.products;
    await w.receive([
      { product: gula, qty: 10n, costRupiah: 100_000n },
      { product: mie, unit: 'dus', qty: 2n, costRupiah: 96_000n },
      { product: cabai, qty: 2_000n, costRupiah: 60_000n },
    ]);
    const op = await postOpname(file.deps, w.pengurus, {
      outletId: w.outletId,
      countedOn: '2026-11-02',
      note: 'Opname akhir bulan',
      lines: [
        // 2 bags short: out at the average 10.000 each
        { productId: gula.id, countedQtyBase: 8n },
        // 2 packets over: in at the average 96.000 / 48 = 2.000 each
        { productId: mie.id, countedQtyBase: 50n },
        // as the books say: a line, no move
        { productId: cabai.id, countedQtyBase: 2_000n },
      ],
    });
    expect(op.status).toBe(201);
    expect(op.body.varianceRupiah).toBe('-16000');
    expect(
      op.body.lines.map((l) => [
        l.systemQtyBase,
        l.countedQtyBase,
        l.varianceQtyBase,
        l.varianceCostRupiah,
      ]),
    ).toEqual([
      ['10', '8', '-2', '-20000'],
      ['48', '50', '2', '4000'],
      ['2000', '2000', '0', '0'],
    ]);
    const stored = await sql<{
      product_id: bigint;
      system_qty_base: bigint;
      counted_qty_base: bigint;
      variance_cost_rupiah: bigint;
    }>`
      select product_id, system_qty_base, counted_qty_base, variance_cost_rupiah from shop_opname_lines
      where cooperative_id = ${w.coop.id} and opname_id = ${BigInt(op.body.id)} order by product_id`.execute(
      db(),
    );
    expect(stored.rows).toHaveLength(3);
    expect(
      (await entryLines(db(), w.coop.id, BigInt(op.body.entryId!))).map((l) => [
        l.code,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['5112', 20_000n, 0n],
      ['1140', 0n, 20_000n],
      ['1140', 4_000n, 0n],
      ['5112', 0n, 4_000n],
    ]);
    expect(await balanceOf(db(), w.coop.id, 'inventoryVariance')).toBe(16_000n);
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: 8n,
      valueRupiah: 80_000n,
    });
    expect(await stockOf(db(), w.coop.id, w.outletId, mie.id)).toEqual({
      qtyBase: 50n,
      valueRupiah: 100_000n,
    });
    expect(await movesOf(w.coop.id, cabai.id)).toEqual([['receipt', 2_000n, 60_000n]]);
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);

    // a count that finds everything as booked posts no entry
    const same = await postOpname(file.deps, w.pengurus, {
      outletId: w.outletId,
      countedOn: '2026-11-03',
      lines: [{ productId: gula.id, countedQtyBase: 8n }],
    });
    expect(same.body.entryId).toBeNull();
    expect(same.body.varianceRupiah).toBe('0');
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});

describe('units and conversions', () => {
  it('2 dus move 48 pcs at the dus price; goods received in dus; a qtyBase that does not follow from the unit is refused', async () => {
    const w = await shopWorld(file.deps);
    const { mie } = w.products;
    const member = await w.addMember();
    // received: 3 dus for Rp 180.000 → 72 pcs at 2.500
    await w.receive([{ product: mie, unit: 'dus', qty: 3n, costRupiah: 180_000n }]);
    const rl = await sql<{ qty: bigint; qty_base: bigint }>`
      select qty, qty_base from shop_goods_receipt_lines where cooperative_id = ${w.coop.id}`.execute(
      db(),
    );
    expect(rl.rows).toEqual([{ qty: 3n, qty_base: 72n }]);
    expect(await stockOf(db(), w.coop.id, w.outletId, mie.id)).toEqual({
      qtyBase: 72n,
      valueRupiah: 180_000n,
    });

    // a member buys 2 dus at the dus's own member price 68.000 (price base 24) and 3 loose pcs at 3.000
    const s = await sell(
      file.deps,
      w,
      [
        { product: mie, unit: 'dus', qty: 2n },
        { product: mie, qty: 3n },
      ],
      { method: 'cash', tenderedRupiah: 150_000n },
      { memberId: member },
    );
    expect(
      s.input.lines.map((l) => [l.qtyBase, l.priceRupiah, l.priceBase, l.amountRupiah]),
    ).toEqual([
      [48n, 68_000n, 24n, 136_000n],
      [3n, 3_000n, 1n, 9_000n],
    ]);
    expect(s.result.body.totalRupiah).toBe('145000');
    expect(s.result.body.changeRupiah).toBe('5000');
    expect(s.result.body.lines.map((l) => [l.unit, l.qty, l.qtyBase])).toEqual([
      ['dus', '2', '48'],
      ['pcs', '3', '3'],
    ]);
    // 51 pcs out at 2.500: 127.500
    expect(await stockOf(db(), w.coop.id, w.outletId, mie.id)).toEqual({
      qtyBase: 21n,
      valueRupiah: 52_500n,
    });
    expect(await movesOf(w.coop.id, mie.id)).toEqual([
      ['receipt', 72n, 180_000n],
      ['sale', -48n, -120_000n],
      ['sale', -3n, -7_500n],
    ]);

    // a till claiming 2 dus are 47 pcs (its own hash is right): refused, nothing written
    const before = await counts(db(), w.coop.id);
    const bad = ringUp(
      await tillHead(db(), w.coop.id, w.tillId),
      [{ product: mie, unit: 'dus', qty: 2n }],
      {
        method: 'cash',
      },
    );
    const amount47 = lineAmount(47n, 78_000n, 24n);
    const wrong = rehash({
      ...bad,
      lines: bad.lines.map((l) => ({ ...l, qtyBase: 47n, amountRupiah: amount47 })),
      totalRupiah: amount47,
      tenderedRupiah: amount47,
    });
    expect(await codeOf(recordSale(file.deps, w.kasir, wrong))).toBe('SHOP_QTY_INVALID');
    // an unknown unit too
    const crate = rehash({ ...bad, lines: bad.lines.map((l) => ({ ...l, unit: 'krat' })) });
    expect(await codeOf(recordSale(file.deps, w.kasir, crate))).toBe('SHOP_UNIT_UNKNOWN');
    expect(await counts(db(), w.coop.id)).toEqual(before);
    expect(await tillHead(db(), w.coop.id, w.tillId)).toEqual({
      tillId: w.tillId,
      lastReceiptNo: 1,
      lastHash: s.input.hash,
    });
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
  });

  it('weighed goods: grams at a price per kg, rounded once per line', async () => {
    const w = await shopWorld(file.deps);
    const { cabai } = w.products;
    const member = await w.addMember();
    await w.receive([{ product: cabai, qty: 5_000n, costRupiah: 150_000n }]);
    // 1.250 g at the member's Rp 36.000 per kg = 45.000
    const a = await sell(
      file.deps,
      w,
      [{ product: cabai, qty: 1_250n }],
      { method: 'cash' },
      { memberId: member },
    );
    expect(a.input.lines[0]).toMatchObject({
      priceRupiah: 36_000n,
      priceBase: 1_000n,
      amountRupiah: 45_000n,
    });
    // 333 g to the public at Rp 40.000 per kg = 13.320
    const b = await sell(file.deps, w, [{ product: cabai, qty: 333n }], { method: 'qris' });
    expect(b.result.body.totalRupiah).toBe('13320');
    // 1.583 g out of 5.000 g worth 150.000: 37.500 + 9.990
    expect(await stockOf(db(), w.coop.id, w.outletId, cabai.id)).toEqual({
      qtyBase: 3_417n,
      valueRupiah: 102_510n,
    });
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});
