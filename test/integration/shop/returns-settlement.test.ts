import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { gatherMembers } from '../../../src/db/shu.repo.js';
import { AppError } from '../../../src/domain/errors.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { inOrg } from '../../../src/services/context.js';
import { consignmentOwed, settleConsignment } from '../../../src/services/shop/consignment.js';
import { createSupplier } from '../../../src/services/shop/catalogue.js';
import { salesReport, salesReportFile } from '../../../src/services/shop/reports.js';
import { payGoodsCredit, returnSale } from '../../../src/services/shop/returns.js';
import { renderExcel } from '../../../src/reports/excel.js';
import { renderPdf } from '../../../src/reports/pdf.js';
import { setCreditLimit } from '../../../src/services/shop/sales.js';
import {
  cancelPurchaseOrder,
  createPurchaseOrder,
  listPurchaseOrders,
  paySupplier,
  receiveGoods,
} from '../../../src/services/shop/stock.js';
import { testDepsForFile } from '../../support/db.js';
import { TEST_PASSWORD } from '../../support/fixtures.js';
import { sukarelaOf } from '../savings/setup.js';
import { balanceOf, sell, shopWorld, stockOf } from './setup.js';

// Returns (approved by a supervisor), consignment settlement into the producer's sukarela, goods
// credit paid back, and members' purchases as SHU participation (issue 18 items 2, 3 and 5;
// docs/domain/shop.md).

let now = new Date('2026-11-02T04:00:00Z');
const file = testDepsForFile({ clock: () => now });

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe('returns, consignment settlement, goods credit, SHU participation', () => {
  it('a consignment sale owes the producer its share; a return takes its part back; the settlement pays the rest into sukarela once', async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await shopWorld(deps);
    const batik = await w.consignor(1500);
    const before = (await sukarelaOf(db, w.coop.id, batik.memberId)).balance_rupiah;
    // two pieces of Rp 25.000 in one sale, one piece in another (public price: no member)
    const a = await sell(deps, w, [{ product: batik.product, qty: 2n }], { method: 'cash' });
    await sell(deps, w, [{ product: batik.product, qty: 1n }], { method: 'cash' });
    // margin 15 % per line: 50.000 -> 7.500 / 42.500; 25.000 -> 3.750 / 21.250
    expect(await balanceOf(db, w.coop.id, 'consignmentPayable', batik.memberId)).toBe(-63_750n);
    expect(await balanceOf(db, w.coop.id, 'salesNonMembers')).toBe(-11_250n);

    const supervisor = {
      supervisorUsername: w.supervisorUser.username,
      supervisorPassword: TEST_PASSWORD,
    };
    // the cashier cannot approve the own return; more than sold is refused
    expect(
      await codeOf(
        returnSale(deps, w.kasir, a.saleId, {
          lines: [{ lineNo: 1, qtyBase: 1n }],
          reason: 'Kain cacat',
          supervisorUsername: w.kasirUser.username,
          supervisorPassword: TEST_PASSWORD,
        }),
      ),
    ).toBe('SHOP_SUPERVISOR_REQUIRED');
    expect(
      await codeOf(
        returnSale(deps, w.kasir, a.saleId, {
          lines: [{ lineNo: 1, qtyBase: 3n }],
          reason: 'Kain cacat',
          ...supervisor,
        }),
      ),
    ).toBe('SHOP_RETURN_QTY');
    // a cash refund comes out of the returning user's own open session: the pengurus has none
    expect(
      await codeOf(
        returnSale(deps, w.pengurus, a.saleId, {
          lines: [{ lineNo: 1, qtyBase: 1n }],
          reason: 'Kain cacat',
          ...supervisor,
        }),
      ),
    ).toBe('CASH_SESSION_NONE_OPEN');
    const ret = await returnSale(deps, w.kasir, a.saleId, {
      lines: [{ lineNo: 1, qtyBase: 1n }],
      reason: 'Kain cacat',
      ...supervisor,
    });
    expect(ret.body.refundRupiah).toBe('25000');
    expect(ret.body.sale.lines[0]!.returnedQtyBase).toBe('1');
    // the returned piece's share (21.250) and margin (3.750) leave the books
    expect(await balanceOf(db, w.coop.id, 'consignmentPayable', batik.memberId)).toBe(-42_500n);
    expect(await balanceOf(db, w.coop.id, 'salesNonMembers')).toBe(-7_500n);
    // the piece is back on the shelf (consignment stock has no value)
    expect(await stockOf(db, w.coop.id, w.outletId, batik.product.id)).toEqual({
      qtyBase: -2n,
      valueRupiah: 0n,
    });

    const owed = await consignmentOwed(deps, w.pengurus, '2026-11-30');
    const row = owed.find((o) => o.supplierId === batik.supplierId.toString())!;
    expect(row).toMatchObject({
      lines: 2,
      salesRupiah: '50000',
      marginRupiah: '7500',
      owedRupiah: '42500',
    });
    const s = await settleConsignment(deps, w.pengurus, batik.supplierId, {
      throughDate: '2026-11-30',
      settledOn: '2026-11-30',
    });
    expect(s.body).toMatchObject({ lines: 2, amountRupiah: '42500', marginRupiah: '7500' });
    expect((await sukarelaOf(db, w.coop.id, batik.memberId)).balance_rupiah).toBe(before + 42_500n);
    expect(await balanceOf(db, w.coop.id, 'consignmentPayable', batik.memberId)).toBe(0n);
    const mv = await sql<{ kind: string; amount_rupiah: bigint }>`
      select t.kind, t.amount_rupiah from savings_transactions t
      where t.cooperative_id = ${w.coop.id} and t.kind = 'consignment'`.execute(db);
    expect(mv.rows).toEqual([{ kind: 'consignment', amount_rupiah: 42_500n }]);
    // paid once: nothing left, and a settled line cannot be returned any more
    expect(
      await codeOf(
        settleConsignment(deps, w.pengurus, batik.supplierId, {
          throughDate: '2026-11-30',
          settledOn: '2026-11-30',
        }),
      ),
    ).toBe('SHOP_NOTHING_TO_SETTLE');
    expect(
      await codeOf(
        returnSale(deps, w.kasir, a.saleId, {
          lines: [{ lineNo: 1, qtyBase: 1n }],
          reason: 'Kain cacat',
          ...supervisor,
        }),
      ),
    ).toBe('SHOP_SALE_SETTLED');
    expect(await verifyLedger(db, w.coop.id)).toEqual([]);
  });

  it('a return of goods paid from sukarela refunds the account and puts the goods back at their cost', async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await shopWorld(deps);
    await w.receive([{ product: w.products.gula, qty: 10n, costRupiah: 130_000n }]);
    const member = await w.memberWithSukarela(200_000n);
    const acct0 = (await sukarelaOf(db, w.coop.id, member)).balance_rupiah;
    const sale = await sell(
      deps,
      w,
      [{ product: w.products.gula, qty: 4n }],
      { method: 'member_account' },
      { memberId: member },
    );
    // member price 15.000 x 4; cost 4 x 13.000
    expect((await sukarelaOf(db, w.coop.id, member)).balance_rupiah).toBe(acct0 - 60_000n);
    expect(await stockOf(db, w.coop.id, w.outletId, w.products.gula.id)).toEqual({
      qtyBase: 6n,
      valueRupiah: 78_000n,
    });
    const sup = {
      supervisorUsername: w.supervisorUser.username,
      supervisorPassword: TEST_PASSWORD,
    };
    await returnSale(deps, w.kasir, sale.saleId, {
      lines: [{ lineNo: 1, qtyBase: 1n }],
      reason: 'Kemasan sobek',
      ...sup,
    });
    const r2 = await returnSale(deps, w.kasir, sale.saleId, {
      lines: [{ lineNo: 1, qtyBase: 3n }],
      reason: 'Tidak jadi',
      ...sup,
    });
    expect(r2.body.refundRupiah).toBe('45000');
    // everything back: the account, the shelf at the same cost, sales and HPP to zero
    expect((await sukarelaOf(db, w.coop.id, member)).balance_rupiah).toBe(acct0);
    expect(await stockOf(db, w.coop.id, w.outletId, w.products.gula.id)).toEqual({
      qtyBase: 10n,
      valueRupiah: 130_000n,
    });
    expect(await balanceOf(db, w.coop.id, 'salesMembers')).toBe(0n);
    expect(await balanceOf(db, w.coop.id, 'costOfGoodsSold')).toBe(0n);
    expect(await balanceOf(db, w.coop.id, 'inventory')).toBe(130_000n);
    expect(
      await codeOf(
        returnSale(deps, w.kasir, sale.saleId, {
          lines: [{ lineNo: 1, qtyBase: 1n }],
          reason: 'Lagi',
          ...sup,
        }),
      ),
    ).toBe('SHOP_RETURN_QTY');
    // a fully returned sale is no participation: SHU's belanja for the member is 0
    const g = await inOrg(deps, w.pengurus, (o) =>
      gatherMembers(o.tx, w.coop.id, 2026, ['pokok', 'wajib']),
    );
    expect(g.find((x) => x.member_id === member)!.belanja).toBe(0n);
  });

  it('goods credit: paid back in cash at the till, never more than owed; members’ net purchases are their SHU participation', async () => {
    const { deps } = file;
    const db = deps.database.db;
    now = new Date('2026-11-02T05:00:00Z');
    const w = await shopWorld(deps);
    await w.receive([{ product: w.products.gula, qty: 20n, costRupiah: 260_000n }]);
    const member = await w.memberWithSukarela(0n);
    const other = await w.memberWithSukarela(0n);
    await setCreditLimit(deps, w.pengurus, member, 100_000n);
    await sell(
      deps,
      w,
      [{ product: w.products.gula, qty: 5n }],
      { method: 'member_credit' },
      { memberId: member },
    );
    await sell(
      deps,
      w,
      [{ product: w.products.gula, qty: 2n }],
      { method: 'cash' },
      { memberId: other },
    );
    // a non-member's purchase is nobody's participation
    await sell(deps, w, [{ product: w.products.gula, qty: 1n }], { method: 'cash' });
    expect(await balanceOf(db, w.coop.id, 'goodsCreditReceivable', member)).toBe(75_000n);
    expect(await codeOf(payGoodsCredit(deps, w.kasir, member, { amountRupiah: 75_001n }))).toBe(
      'SHOP_CREDIT_PAYMENT_EXCEEDS',
    );
    const paid = await payGoodsCredit(deps, w.kasir, member, { amountRupiah: 50_000n });
    expect(paid.body.outstandingRupiah).toBe('25000');
    expect(await balanceOf(db, w.coop.id, 'goodsCreditReceivable', member)).toBe(25_000n);

    const g = await inOrg(deps, w.pengurus, (o) =>
      gatherMembers(o.tx, w.coop.id, 2026, ['pokok', 'wajib']),
    );
    const by = new Map(g.map((x) => [x.member_id, x.belanja]));
    expect(by.get(member)).toBe(75_000n);
    expect(by.get(other)).toBe(30_000n);
    expect([...by.values()].reduce((t, v) => t + v, 0n)).toBe(105_000n);
    // the purchases are of 2026, not of 2025
    const g25 = await inOrg(deps, w.pengurus, (o) =>
      gatherMembers(o.tx, w.coop.id, 2025, ['pokok', 'wajib']),
    );
    expect(g25.every((x) => x.belanja === 0n)).toBe(true);
  });

  it('a purchase order is received once, by its own supplier, and the invoice is paid in parts never beyond it', async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await shopWorld(deps);
    const po = await createPurchaseOrder(deps, w.pengurus, {
      supplierId: w.supplierId,
      outletId: w.outletId,
      orderedOn: '2026-11-01',
      lines: [{ productId: w.products.mie.id, unit: 'dus', qty: 2n, unitCostRupiah: 60_000n }],
    });
    expect(po).toMatchObject({ status: 'open', totalRupiah: '120000' });
    const other = await createSupplier(deps, w.pengurus, { name: 'UD Lain', consignment: false });
    const receipt = (supplierId: bigint) =>
      receiveGoods(deps, w.pengurus, {
        supplierId,
        outletId: w.outletId,
        receivedOn: '2026-11-02',
        invoiceNo: 'INV-77',
        dueOn: '2026-12-02',
        purchaseOrderId: BigInt(po.id),
        lines: [{ productId: w.products.mie.id, unit: 'dus', qty: 2n, costRupiah: 120_000n }],
      });
    expect(await codeOf(receipt(BigInt(other.id)))).toBe('SHOP_PURCHASE_ORDER_NOT_OPEN');
    const got = await receipt(w.supplierId);
    // 2 dus = 48 pcs at 120.000: stock and the trade payable
    expect(await stockOf(db, w.coop.id, w.outletId, w.products.mie.id)).toEqual({
      qtyBase: 48n,
      valueRupiah: 120_000n,
    });
    expect(await balanceOf(db, w.coop.id, 'tradePayable')).toBe(-120_000n);
    expect((await listPurchaseOrders(deps, w.pengurus))[0]!.status).toBe('received');
    expect(await codeOf(receipt(w.supplierId))).toBe('SHOP_PURCHASE_ORDER_NOT_OPEN');
    expect(await codeOf(cancelPurchaseOrder(deps, w.pengurus, BigInt(po.id)))).toBe(
      'SHOP_PURCHASE_ORDER_NOT_OPEN',
    );
    const id = BigInt(got.body.id);
    await paySupplier(deps, w.pengurus, id, {
      amountRupiah: 100_000n,
      method: 'bank',
      paidOn: '2026-11-20',
    });
    expect(
      await codeOf(
        paySupplier(deps, w.pengurus, id, {
          amountRupiah: 20_001n,
          method: 'bank',
          paidOn: '2026-11-21',
        }),
      ),
    ).toBe('SHOP_INVOICE_PAYMENT_EXCEEDS');
    const last = await paySupplier(deps, w.pengurus, id, {
      amountRupiah: 20_000n,
      method: 'bank',
      paidOn: '2026-11-21',
    });
    expect(last.body.remainingRupiah).toBe('0');
    expect(await balanceOf(db, w.coop.id, 'tradePayable')).toBe(0n);
    expect(await verifyLedger(db, w.coop.id)).toEqual([]);
  });

  it("the sales report's sales, HPP and margin are the books' (voids out, returns netted, consignment at its margin)", async () => {
    const { deps } = file;
    const db = deps.database.db;
    const w = await shopWorld(deps);
    await w.receive([
      { product: w.products.gula, qty: 10n, costRupiah: 130_000n },
      { product: w.products.mie, qty: 1n, unit: 'dus', costRupiah: 60_000n },
    ]);
    const batik = await w.consignor(2000);
    const member = await w.memberWithSukarela(0n);
    const sup = {
      supervisorUsername: w.supervisorUser.username,
      supervisorPassword: TEST_PASSWORD,
    };
    const a = await sell(
      deps,
      w,
      [
        { product: w.products.gula, qty: 3n },
        { product: w.products.mie, qty: 5n },
      ],
      { method: 'cash' },
      { memberId: member },
    );
    await sell(deps, w, [{ product: batik.product, qty: 1n }], { method: 'qris' });
    const v = await sell(deps, w, [{ product: w.products.gula, qty: 1n }], { method: 'cash' });
    const { voidSale } = await import('../../../src/services/shop/sales.js');
    await voidSale(deps, w.kasir, v.saleId, { reason: 'Salah input', ...sup });
    await returnSale(deps, w.kasir, a.saleId, {
      lines: [{ lineNo: 2, qtyBase: 2n }],
      reason: 'Kedaluwarsa',
      ...sup,
    });
    const r = await salesReport(deps, w.pengurus, {
      from: '2026-11-01',
      to: '2026-11-30',
      outletId: null,
    });
    const sales =
      -(await balanceOf(db, w.coop.id, 'salesMembers')) -
      (await balanceOf(db, w.coop.id, 'salesNonMembers'));
    const hpp = await balanceOf(db, w.coop.id, 'costOfGoodsSold');
    // gula 3 x 15.000 + mie 3 x 3.000 (member) + batik's 20 % margin of 25.000
    expect(sales).toBe(45_000n + 9_000n + 5_000n);
    expect(r.totals).toMatchObject({
      salesRupiah: sales.toString(),
      costRupiah: hpp.toString(),
      marginRupiah: (sales - hpp).toString(),
      memberSalesRupiah: '54000',
      nonMemberSalesRupiah: '5000',
      count: 2,
    });
    expect(r.byPayment.map((p) => p.method)).toEqual(['cash', 'qris']);
    expect(r.byMember).toEqual([
      expect.objectContaining({ memberId: member.toString(), salesRupiah: '54000' }),
    ]);
    expect(r.consignmentOwed).toEqual([
      expect.objectContaining({ supplierId: batik.supplierId.toString(), owedRupiah: '20000' }),
    ]);
    const doc = await salesReportFile(deps, w.pengurus, {
      from: '2026-11-01',
      to: '2026-11-30',
      outletId: null,
    });
    expect((await renderPdf(doc)).subarray(0, 4).toString()).toBe('%PDF');
    expect((await renderExcel(doc)).subarray(0, 2).toString()).toBe('PK');
  });
});
