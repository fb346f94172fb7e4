import { createTill } from '../../../src/services/shop/catalogue.js';
import { putSettings, setListed } from '../../../src/services/marketplace/setup.js';
import { createPortalLogin } from '../../../src/services/members.js';
import type { Deps } from '../../../src/services/context.js';
import { TEST_PASSWORD } from '../../support/fixtures.js';
import { staffContext } from '../../support/outcome.js';
import { shopWorld, type ShopProduct } from '../shop/setup.js';

let serial = 0;

/**
 * shopWorld with its marketplace: a till MP on the outlet kept for the channel, the marketplace
 * open, stock of noodles (40 pcs) and sugar (10) received and both listed; `memberBuyer` makes a
 * member with a portal login and sukarela, `producer` a member producer with a listed product.
 */
export async function marketWorld(deps: Deps, options: { businessDate?: string } = {}) {
  const w = await shopWorld(deps, options);
  const till = await createTill(deps, w.pengurus, {
    outletId: w.outletId,
    code: 'MP',
    name: 'Pasar daring',
    deskId: w.deskId,
  });
  const marketTillId = BigInt(till.id);
  await putSettings(deps, w.pengurus, {
    outletId: w.outletId,
    tillId: marketTillId,
    open: true,
    title: 'Pasar Koperasi',
    note: null,
  });
  await w.receive([
    { product: w.products.mie, qty: 40n, costRupiah: 100_000n },
    { product: w.products.gula, qty: 10n, costRupiah: 130_000n },
  ]);
  await setListed(deps, w.pengurus, [w.products.mie.id, w.products.gula.id], true);

  const memberBuyer = async (sukarelaRupiah: bigint) => {
    const memberId = await w.memberWithSukarela(sukarelaRupiah);
    const login = await createPortalLogin(deps, w.pengurus, memberId, {
      username: `pembeli${Date.now().toString(36)}${serial++}`,
      password: TEST_PASSWORD,
    });
    const ctx = staffContext(w.coop.id, { id: login.userId, username: login.username }, [
      'anggota',
    ]);
    return { memberId, ctx, username: login.username };
  };
  const producer = async (marginBps = 1500) => {
    const c = await w.consignor(marginBps);
    await w.receive([{ product: c.product, qty: 5n, costRupiah: 0n }], undefined, c.supplierId);
    await setListed(deps, w.pengurus, [c.product.id], true);
    const login = await createPortalLogin(deps, w.pengurus, c.memberId, {
      username: `produsen${Date.now().toString(36)}${serial++}`,
      password: TEST_PASSWORD,
    });
    const ctx = staffContext(w.coop.id, { id: login.userId, username: login.username }, [
      'anggota',
    ]);
    return { ...c, ctx, username: login.username };
  };
  return { ...w, marketTillId, memberBuyer, producer };
}

export type MarketWorld = Awaited<ReturnType<typeof marketWorld>>;

export const visitorOrder = (
  lines: { product: ShopProduct; qty: bigint }[],
  payment: 'cash' | 'qris' | 'member_account' = 'cash',
) => ({
  lines: lines.map((l) => ({ productId: l.product.id, qty: l.qty })),
  buyerName: 'Ibu Sari Wulandari',
  buyerPhone: '081234567890',
  buyerAddress: 'Jl. Melati 12, RT 03/RW 05, Semarang',
  note: null,
  paymentMethod: payment,
  paymentReference: null,
});
