import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { createOutlet, createTill } from '../../../src/services/shop/catalogue.js';
import { recordSale, verifyTillChain, voidSale } from '../../../src/services/shop/sales.js';
import { postOpname, receiveGoods } from '../../../src/services/shop/stock.js';
import { testDepsForFile } from '../../support/db.js';
import { TEST_PASSWORD } from '../../support/fixtures.js';
import { ringUp, shopWorld, stockMismatches, tillHead, type ShopWorld } from './setup.js';

const now = new Date('2026-11-02T03:00:00Z');
const file = testDepsForFile({ clock: () => now });
const db = () => file.deps.database.db;

type Step =
  | { k: 'receive'; p: number; qty: number; costRupiah: number }
  | { k: 'sell'; p: number; qty: number; member: boolean; method: 'cash' | 'qris' }
  | { k: 'opname'; p: number; counted: number }
  | { k: 'void'; back: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    k: fc.constant('receive' as const),
    p: fc.nat(2),
    qty: fc.integer({ min: 1, max: 30 }),
    costRupiah: fc.integer({ min: 0, max: 250_000 }),
  }),
  fc.record({
    k: fc.constant('sell' as const),
    p: fc.nat(2),
    qty: fc.integer({ min: 1, max: 25 }),
    member: fc.boolean(),
    method: fc.constantFrom('cash' as const, 'qris' as const),
  }),
  fc.record({ k: fc.constant('opname' as const), p: fc.nat(2), counted: fc.nat(40) }),
  fc.record({ k: fc.constant('void' as const), back: fc.nat(3) }),
);

let world: ShopWorld | undefined;
let member: bigint;
let runNo = 0;

describe('stock equals its moves, and the stock account equals stock at cost (database property)', () => {
  it('holds after any sequence of receipts, sales (beyond stock too), opnames and voids on three products', async () => {
    world ??= await shopWorld(file.deps);
    const w = world;
    member ??= await w.addMember();
    const products = [w.products.gula, w.products.mie, w.products.cabai];
    // the weighed product moves in grams
    const scale = (p: number) => (products[p]!.weighed ? 50n : 1n);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
        // each run sells at an outlet and till of its own (the books are the cooperative's)
        runNo++;
        const outlet = await createOutlet(file.deps, w.pengurus, {
          code: `P${runNo}`,
          name: `Toko ${runNo}`,
        });
        const outletId = BigInt(outlet.id);
        const till = await createTill(file.deps, w.pengurus, {
          outletId,
          code: `PK${runNo}`,
          name: `Kasir ${runNo}`,
          deskId: w.deskId,
        });
        const tillId = BigInt(till.id);
        const sold: bigint[] = [];
        for (const s of steps) {
          const product = products['p' in s ? s.p : 0]!;
          if (s.k === 'receive') {
            await receiveGoods(file.deps, w.pengurus, {
              supplierId: w.supplierId,
              outletId,
              receivedOn: w.businessDate,
              lines: [
                {
                  productId: product.id,
                  unit: product.baseUnit,
                  qty: BigInt(s.qty) * scale(s.p),
                  costRupiah: BigInt(s.costRupiah),
                },
              ],
            });
          } else if (s.k === 'sell') {
            const input = ringUp(
              await tillHead(db(), w.coop.id, tillId),
              [{ product, qty: BigInt(s.qty) * scale(s.p) }],
              { method: s.method },
              { memberId: s.member ? member : null },
            );
            const r = await recordSale(file.deps, w.kasir, input);
            sold.push(BigInt(r.body.id));
          } else if (s.k === 'opname') {
            await postOpname(file.deps, w.pengurus, {
              outletId,
              countedOn: w.businessDate,
              lines: [{ productId: product.id, countedQtyBase: BigInt(s.counted) * scale(s.p) }],
            });
          } else if (sold.length > 0) {
            const [saleId] = sold.splice(Math.max(0, sold.length - 1 - s.back), 1);
            await voidSale(file.deps, w.kasir, saleId!, {
              reason: 'Uji sifat stok',
              supervisorUsername: w.supervisorUser.username,
              supervisorPassword: TEST_PASSWORD,
            });
          }
        }
        expect(await stockMismatches(db(), w.coop.id)).toEqual([]);
        expect((await verifyTillChain(file.deps, w.kasir, tillId)).breaks).toEqual([]);
      }),
      { numRuns: 15 },
    );
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});
