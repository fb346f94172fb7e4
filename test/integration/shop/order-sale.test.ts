import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { inOrg } from '../../../src/services/context.js';
import { createTill } from '../../../src/services/shop/catalogue.js';
import {
  recordOrderSaleIn,
  verifyTillChain,
  type OrderSaleInput,
} from '../../../src/services/shop/sales.js';
import { lineAmount, priceOf } from '../../../src/domain/shop/units.js';
import { testDepsForFile } from '../../support/db.js';
import { codeOf } from '../../support/outcome.js';
import {
  balanceOf,
  counts,
  entryLines,
  shopWorld,
  stockMismatches,
  stockOf,
  type ShopProduct,
  type ShopWorld,
} from './setup.js';

/**
 * A delivered marketplace or mlijo order is a sale the server numbers and chains on the
 * channel's own till (src/services/shop/sales.ts recordOrderSaleIn): no cashier's session, the
 * same stock, price and payer checks and postings as a till sale, recorded once per delivery id.
 */
const now = new Date('2026-11-02T03:00:00Z');
const file = testDepsForFile({ clock: () => now });
const db = () => file.deps.database.db;

async function orderTill(w: ShopWorld): Promise<bigint> {
  const t = await createTill(file.deps, w.pengurus, {
    outletId: w.outletId,
    code: 'PASAR',
    name: 'Pasar daring',
    deskId: w.deskId,
  });
  return BigInt(t.id);
}

let serial = 0;
function order(
  tillId: bigint,
  lines: { product: ShopProduct; qty: bigint }[],
  payment: Pick<OrderSaleInput, 'paymentMethod' | 'paymentReference'>,
  memberId: bigint | null = null,
): OrderSaleInput {
  const saleLines = lines.map((l) => {
    const p = priceOf(l.product, l.product.baseUnit, memberId !== null);
    if (!('priceRupiah' in p)) throw new Error(p.code);
    return {
      productId: l.product.id,
      unit: l.product.baseUnit,
      qty: l.qty,
      qtyBase: l.qty,
      priceRupiah: p.priceRupiah,
      priceBase: p.priceBase,
      amountRupiah: lineAmount(l.qty, p.priceRupiah, p.priceBase),
    };
  });
  return {
    tillId,
    clientSaleId: randomUUID(),
    soldAt: new Date(Date.UTC(2026, 10, 2, 5, 0, ++serial)).toISOString(),
    businessDate: '2026-11-02',
    memberId,
    lines: saleLines,
    totalRupiah: saleLines.reduce((t, l) => t + l.amountRupiah, 0n),
    ...payment,
  };
}

describe('an order delivered becomes a sale on the channel till', () => {
  it('is numbered and chained by the server, needs no session, posts once per delivery id', async () => {
    const w = await shopWorld(file.deps);
    const { gula, mie } = w.products;
    await w.receive([
      { product: gula, qty: 10n, costRupiah: 120_000n },
      { product: mie, qty: 48n, costRupiah: 120_000n },
    ]);
    const tillId = await orderTill(w);
    const first = order(
      tillId,
      [
        { product: gula, qty: 2n },
        { product: mie, qty: 5n },
      ],
      { paymentMethod: 'cash', paymentReference: null },
    );
    const before = await counts(db(), w.coop.id);
    // the pengurus has no cash session: an order's sale does not need one
    const sale = await inOrg(file.deps, w.pengurus, (o) => recordOrderSaleIn(o, first));
    expect(sale.receiptNumber).toMatch(/^PASAR-0*1$/);
    expect(sale.totalRupiah).toBe((2n * 16_500n + 5n * 3_500n).toString());
    // the same delivery again: the same sale, nothing more written
    const again = await inOrg(file.deps, w.pengurus, (o) => recordOrderSaleIn(o, first));
    expect(again.id).toBe(sale.id);
    const second = order(tillId, [{ product: gula, qty: 1n }], {
      paymentMethod: 'qris',
      paymentReference: 'QR-ORDER-2',
    });
    const next = await inOrg(file.deps, w.pengurus, (o) => recordOrderSaleIn(o, second));
    expect(next.receiptNumber).toMatch(/^PASAR-0*2$/);
    const after = await counts(db(), w.coop.id);
    expect(after.sales - before.sales).toBe(2n);
    expect(after.entries - before.entries).toBe(2n);
    // stock out at moving-average cost (gula 12.000, mie 2.500 a piece)
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual({
      qtyBase: 7n,
      valueRupiah: 84_000n,
    });
    expect(await stockOf(db(), w.coop.id, w.outletId, mie.id)).toEqual({
      qtyBase: 43n,
      valueRupiah: 107_500n,
    });
    const chain = await verifyTillChain(file.deps, w.pengurus, tillId);
    expect(chain).toMatchObject({ checked: 2, breaks: [] });
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });

  it('debits cash collected on delivery to the account the caller names, tagged with the courier', async () => {
    const w = await shopWorld(file.deps);
    const { gula } = w.products;
    await w.receive([{ product: gula, qty: 5n, costRupiah: 60_000n }]);
    const tillId = await orderTill(w);
    const courier = await w.addMember({ fullName: 'Pak Slamet Mlijo' });
    const o1 = order(tillId, [{ product: gula, qty: 2n }], {
      paymentMethod: 'cash',
      paymentReference: null,
    });
    const sale = await inOrg(file.deps, w.pengurus, (o) =>
      recordOrderSaleIn(o, {
        ...o1,
        // the goods-credit receivable stands in for a courier's cash account in this test
        cashDebit: { account: { role: 'goodsCreditReceivable' }, memberId: courier },
        description: 'Pesanan PD-000001',
      }),
    );
    const row = await db()
      .selectFrom('shop_sales')
      .select('journal_entry_id')
      .where('cooperative_id', '=', w.coop.id)
      .where('id', '=', BigInt(sale.id))
      .executeTakeFirstOrThrow();
    const lines = await entryLines(db(), w.coop.id, row.journal_entry_id);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: 'goodsCreditReceivable',
          debit: 33_000n,
          memberId: courier,
        }),
        expect.objectContaining({ role: 'salesNonMembers', credit: 33_000n }),
        expect.objectContaining({ role: 'costOfGoodsSold', debit: 24_000n }),
        expect.objectContaining({ role: 'inventory', credit: 24_000n }),
      ]),
    );
    expect(lines.some((l) => l.role === 'cash')).toBe(false);
    expect(await balanceOf(db(), w.coop.id, 'goodsCreditReceivable', courier)).toBe(33_000n);
  });

  it("refuses a member's order beyond the sukarela balance and writes nothing", async () => {
    const w = await shopWorld(file.deps);
    const { gula } = w.products;
    await w.receive([{ product: gula, qty: 5n, costRupiah: 60_000n }]);
    const tillId = await orderTill(w);
    // Rp 40.000 in, Rp 10.000 must stay: three bags at the member price (45.000) are too much
    const member = await w.memberWithSukarela(40_000n);
    const before = await counts(db(), w.coop.id);
    const o1 = order(
      tillId,
      [{ product: gula, qty: 3n }],
      { paymentMethod: 'member_account', paymentReference: null },
      member,
    );
    expect(await codeOf(inOrg(file.deps, w.pengurus, (o) => recordOrderSaleIn(o, o1)))).toBe(
      'SAVINGS_INSUFFICIENT_BALANCE',
    );
    expect(await counts(db(), w.coop.id)).toEqual(before);
    // two bags (30.000) leave exactly the minimum
    const o2 = order(
      tillId,
      [{ product: gula, qty: 2n }],
      { paymentMethod: 'member_account', paymentReference: null },
      member,
    );
    const sale = await inOrg(file.deps, w.pengurus, (o) => recordOrderSaleIn(o, o2));
    expect(sale.receiptNumber).toMatch(/^PASAR-0*1$/);
    expect(await balanceOf(db(), w.coop.id, 'salesMembers')).toBe(-30_000n);
  });
});
