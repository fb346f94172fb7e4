import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { payGoodsCredit } from '../../../src/services/shop/returns.js';
import { lookupMember, recordSale, setCreditLimit } from '../../../src/services/shop/sales.js';
import { testDepsForFile } from '../../support/db.js';
import { codeOf } from '../../support/outcome.js';
import { sukarelaOf } from '../savings/setup.js';
import {
  balanceOf,
  counts,
  entryLines,
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

async function entryOfSale(coop: string, saleId: bigint) {
  const r = await sql<{ journal_entry_id: bigint }>`
    select journal_entry_id from shop_sales where cooperative_id = ${coop} and id = ${saleId}`.execute(
    db(),
  );
  return entryLines(db(), coop, r.rows[0]!.journal_entry_id);
}

describe('member credit (kredit barang)', () => {
  it('within the limit posts to the goods-credit receivable (1131) with the member; over it is refused and nothing changes; no limit is refused', async () => {
    const w = await shopWorld(file.deps);
    const { gula } = w.products;
    await w.receive([{ product: gula, qty: 20n, costRupiah: 200_000n }]);
    const m = await w.addMember();

    // no limit set: no credit
    const before0 = await counts(db(), w.coop.id);
    const head0 = await tillHead(db(), w.coop.id, w.tillId);
    const noLimit = ringUp(
      head0,
      [{ product: gula, qty: 1n }],
      { method: 'member_credit' },
      { memberId: m },
    );
    expect(await codeOf(recordSale(file.deps, w.kasir, noLimit))).toBe('SHOP_CREDIT_NO_LIMIT');
    expect(await counts(db(), w.coop.id)).toEqual(before0);

    const limit = await setCreditLimit(file.deps, w.pengurus, m, 100_000n);
    expect(limit.availableRupiah).toBe('100000');
    // 3 bags at the member price 15.000 = 45.000 on credit
    const ok = await sell(
      file.deps,
      w,
      [{ product: gula, qty: 3n }],
      { method: 'member_credit' },
      { memberId: m },
    );
    expect(ok.result.status).toBe(201);
    expect(ok.result.body.creditAvailableAfterRupiah).toBe('55000');
    const lines = await entryOfSale(w.coop.id, ok.saleId);
    expect(lines.find((l) => l.code === '1131')).toEqual({
      code: '1131',
      role: 'goodsCreditReceivable',
      debit: 45_000n,
      credit: 0n,
      memberId: m,
    });
    expect(lines.find((l) => l.code === '4110')).toMatchObject({ credit: 45_000n, memberId: m });
    expect(await balanceOf(db(), w.coop.id, 'goodsCreditReceivable', m)).toBe(45_000n);

    // 4 more bags = 60.000 with 55.000 available: refused whole
    const before = await counts(db(), w.coop.id);
    const head = await tillHead(db(), w.coop.id, w.tillId);
    const stock = await stockOf(db(), w.coop.id, w.outletId, gula.id);
    const over = ringUp(
      head,
      [{ product: gula, qty: 4n }],
      { method: 'member_credit' },
      { memberId: m },
    );
    const err = await recordSale(file.deps, w.kasir, over).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('SHOP_CREDIT_LIMIT_EXCEEDED');
    expect((err as AppError).params).toMatchObject({ availableRupiah: 55_000n });
    expect(await counts(db(), w.coop.id)).toEqual(before);
    expect(await tillHead(db(), w.coop.id, w.tillId)).toEqual(head);
    expect(await stockOf(db(), w.coop.id, w.outletId, gula.id)).toEqual(stock);
    const saleRow = await sql<{ n: bigint }>`
      select count(*)::bigint as n from shop_sales where cooperative_id = ${w.coop.id} and client_sale_id = ${over.clientSaleId}`.execute(
      db(),
    );
    expect(saleRow.rows[0]!.n).toBe(0n);
    expect(await balanceOf(db(), w.coop.id, 'goodsCreditReceivable', m)).toBe(45_000n);

    // the same receipt number then sells what fits: exactly the 55.000 left is allowed
    const fits = ringUp(
      head,
      [
        { product: gula, qty: 3n },
        { product: w.products.mie, qty: 3n },
      ],
      {
        method: 'member_credit',
      },
      { memberId: m },
    );
    expect(fits.totalRupiah).toBe(54_000n);
    expect((await recordSale(file.deps, w.kasir, fits)).status).toBe(201);
    const looked = await lookupMember(file.deps, w.kasir, (await memberNumber(w.coop.id, m))!);
    expect(looked.credit).toEqual({
      limitRupiah: '100000',
      outstandingRupiah: '99000',
      availableRupiah: '1000',
    });
    // paid back in cash at the kasir's session: the receivable goes down by the member
    expect(await codeOf(payGoodsCredit(file.deps, w.kasir, m, { amountRupiah: 99_001n }))).toBe(
      'SHOP_CREDIT_PAYMENT_EXCEEDS',
    );
    const paid = await payGoodsCredit(file.deps, w.kasir, m, { amountRupiah: 40_000n });
    expect(paid.body.outstandingRupiah).toBe('59000');
    expect(await balanceOf(db(), w.coop.id, 'goodsCreditReceivable', m)).toBe(59_000n);
    // a member id that is not this cooperative's
    expect(await codeOf(payGoodsCredit(file.deps, w.kasir, 999_999n, { amountRupiah: 1n }))).toBe(
      'SHOP_MEMBER_NOT_FOUND',
    );
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});

async function memberNumber(coop: string, memberId: bigint) {
  const r = await sql<{ member_number: string | null }>`
    select member_number from members where cooperative_id = ${coop} and id = ${memberId}`.execute(
    db(),
  );
  return r.rows[0]?.member_number ?? null;
}

describe('paying from the member account (sukarela)', () => {
  it("debits the member's sukarela with a shop-purchase movement; a purchase that would leave less than the minimum is refused", async () => {
    const w = await shopWorld(file.deps);
    const { gula } = w.products;
    await w.receive([{ product: gula, qty: 20n, costRupiah: 200_000n }]);
    const m = await w.memberWithSukarela(100_000n);
    const acct = await sukarelaOf(db(), w.coop.id, m);
    expect(acct.balance_rupiah).toBe(100_000n);

    // 2 bags at 15.000 = 30.000 from sukarela
    const s = await sell(
      file.deps,
      w,
      [{ product: gula, qty: 2n }],
      { method: 'member_account' },
      { memberId: m },
    );
    expect(s.result.body.savingsBalanceAfterRupiah).toBe('70000');
    const mv = await sql<{
      kind: string;
      sign: number;
      amount_rupiah: bigint;
      balance_after_rupiah: bigint;
      entry_id: bigint;
    }>`
      select kind, sign, amount_rupiah, balance_after_rupiah, entry_id from savings_transactions
      where cooperative_id = ${w.coop.id} and account_id = ${acct.id} order by id`.execute(db());
    const sale = await sql<{ journal_entry_id: bigint; savings_account_id: bigint }>`
      select journal_entry_id, savings_account_id from shop_sales where cooperative_id = ${w.coop.id} and id = ${s.saleId}`.execute(
      db(),
    );
    expect(sale.rows[0]!.savings_account_id).toBe(acct.id);
    expect(mv.rows.at(-1)).toMatchObject({
      kind: 'shop-purchase',
      amount_rupiah: 30_000n,
      balance_after_rupiah: 70_000n,
      entry_id: sale.rows[0]!.journal_entry_id,
    });
    expect(Number(mv.rows.at(-1)!.sign)).toBe(-1);
    const lines = await entryOfSale(w.coop.id, s.saleId);
    expect(lines.find((l) => l.role === 'savingsSukarela')).toMatchObject({
      code: '2101',
      debit: 30_000n,
      memberId: m,
    });

    // 3 bags (45.000) then 1 (15.000) leave exactly the 10.000 minimum: allowed
    await sell(
      file.deps,
      w,
      [{ product: gula, qty: 3n }],
      { method: 'member_account' },
      { memberId: m },
    );
    await sell(
      file.deps,
      w,
      [{ product: gula, qty: 1n }],
      { method: 'member_account' },
      { memberId: m },
    );
    expect((await sukarelaOf(db(), w.coop.id, m)).balance_rupiah).toBe(10_000n);
    // 3 packets (9.000) would leave 1.000, below the minimum; a bag (15.000) is more than there is
    const before = await counts(db(), w.coop.id);
    const head = await tillHead(db(), w.coop.id, w.tillId);
    const three = ringUp(
      head,
      [{ product: w.products.mie, qty: 3n }],
      { method: 'member_account' },
      { memberId: m },
    );
    expect(three.totalRupiah).toBe(9_000n);
    expect(await codeOf(recordSale(file.deps, w.kasir, three))).toBe(
      'SAVINGS_BELOW_MINIMUM_BALANCE',
    );
    const one = ringUp(
      head,
      [{ product: gula, qty: 1n }],
      { method: 'member_account' },
      { memberId: m },
    );
    expect(await codeOf(recordSale(file.deps, w.kasir, one))).toBe('SAVINGS_INSUFFICIENT_BALANCE');
    expect(await counts(db(), w.coop.id)).toEqual(before);
    expect(await tillHead(db(), w.coop.id, w.tillId)).toEqual(head);
    expect((await sukarelaOf(db(), w.coop.id, m)).balance_rupiah).toBe(10_000n);
    // member_account without a member is refused by the sale check
    const anon = ringUp(head, [{ product: gula, qty: 1n }], { method: 'member_account' });
    expect(await codeOf(recordSale(file.deps, w.kasir, anon))).toBe('SHOP_SALE_MEMBER_REQUIRED');
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});

describe('sales accounts', () => {
  it('a member sale goes to 4110 with the member, a non-member sale to 4210', async () => {
    const w = await shopWorld(file.deps);
    const { gula } = w.products;
    await w.receive([{ product: gula, qty: 10n, costRupiah: 100_000n }]);
    const m = await w.addMember();
    const toMember = await sell(
      file.deps,
      w,
      [{ product: gula, qty: 2n }],
      { method: 'cash' },
      { memberId: m },
    );
    const toPublic = await sell(file.deps, w, [{ product: gula, qty: 2n }], {
      method: 'qris',
      reference: 'QRIS-77',
    });
    const a = await entryOfSale(w.coop.id, toMember.saleId);
    const b = await entryOfSale(w.coop.id, toPublic.saleId);
    expect(a.map((l) => [l.code, l.debit, l.credit, l.memberId])).toEqual(
      expect.arrayContaining([
        ['1101', 30_000n, 0n, null],
        ['4110', 0n, 30_000n, m],
        ['5110', 20_000n, 0n, m],
        ['1140', 0n, 20_000n, null],
      ]),
    );
    expect(a.some((l) => l.code === '4210')).toBe(false);
    expect(b.map((l) => [l.code, l.debit, l.credit])).toEqual(
      expect.arrayContaining([
        ['1105', 33_000n, 0n],
        ['4210', 0n, 33_000n],
      ]),
    );
    expect(b.some((l) => l.code === '4110')).toBe(false);
    expect(toPublic.result.body.paymentReference).toBe('QRIS-77');
    expect(await balanceOf(db(), w.coop.id, 'salesMembers', m)).toBe(-30_000n);
    expect(await balanceOf(db(), w.coop.id, 'salesNonMembers')).toBe(-33_000n);
  });

  it("a consignment product: the margin to sales, the producer's share to the consignment payable (2111) with the producer's member id, no HPP", async () => {
    const w = await shopWorld(file.deps);
    const c = await w.consignor(1500);
    // consignment goods come in at cost 0: stock moves, the books do not
    const r = await w.receive(
      [{ product: c.product, qty: 10n, costRupiah: 0n }],
      w.businessDate,
      c.supplierId,
    );
    expect(r.entryId).toBeNull();
    expect(
      await codeOf(
        w.receive(
          [{ product: c.product, qty: 1n, costRupiah: 5_000n }],
          w.businessDate,
          c.supplierId,
        ),
      ),
    ).toBe('SHOP_CONSIGNMENT_BOUGHT');
    // one batik to the public at 25.000 and two to a member: margin 15 % = 3.750 each
    const buyer = await w.addMember({ fullName: 'Pak Darto' });
    const one = await sell(file.deps, w, [{ product: c.product, qty: 1n }], { method: 'cash' });
    const two = await sell(
      file.deps,
      w,
      [
        { product: c.product, qty: 2n },
        { product: w.products.gula, qty: 1n },
      ],
      { method: 'cash' },
      { memberId: buyer },
    );
    const a = await entryOfSale(w.coop.id, one.saleId);
    expect(a.map((l) => [l.code, l.debit, l.credit, l.memberId])).toEqual([
      ['1101', 25_000n, 0n, null],
      ['4210', 0n, 3_750n, null],
      ['2111', 0n, 21_250n, c.memberId],
    ]);
    const b = await entryOfSale(w.coop.id, two.saleId);
    // gula was never received: sold beyond stock with no last cost, so it carries cost 0
    expect(b.map((l) => [l.code, l.debit, l.credit, l.memberId])).toEqual([
      ['1101', 65_000n, 0n, null],
      ['4110', 0n, 7_500n + 15_000n, buyer],
      ['2111', 0n, 42_500n, c.memberId],
    ]);
    const lines = await sql<{
      consignor_id: bigint | null;
      consignor_share_rupiah: bigint | null;
      cost_rupiah: bigint;
    }>`
      select l.consignor_id, l.consignor_share_rupiah, l.cost_rupiah from shop_sale_lines l
      where l.cooperative_id = ${w.coop.id} and l.sale_id = ${two.saleId} order by l.line_no`.execute(
      db(),
    );
    expect(lines.rows).toEqual([
      { consignor_id: c.supplierId, consignor_share_rupiah: 42_500n, cost_rupiah: 0n },
      { consignor_id: null, consignor_share_rupiah: null, cost_rupiah: 0n },
    ]);
    expect(await balanceOf(db(), w.coop.id, 'consignmentPayable', c.memberId)).toBe(-63_750n);
    expect(await balanceOf(db(), w.coop.id, 'costOfGoodsSold')).toBe(0n);
    expect(await stockOf(db(), w.coop.id, w.outletId, c.product.id)).toEqual({
      qtyBase: 7n,
      valueRupiah: 0n,
    });
    expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});
