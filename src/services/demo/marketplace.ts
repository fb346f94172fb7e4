import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { PNG } from 'pngjs';
import { demoUser } from '../../db/demo-profit-sharing.repo.js';
import type { Role } from '../../domain/auth/permissions.js';
import { AppError } from '../../domain/errors.js';
import type { OrderAction } from '../../domain/marketplace/order.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { visitorContext } from '../marketplace/context.js';
import { placeOrderIn, stepOrderIn, type OrderPayment } from '../marketplace/orders.js';
import { putSettingsIn, setListedIn } from '../marketplace/setup.js';
import type { OrganizationView } from '../organizations.js';
import { createTill } from '../shop/catalogue.js';
import { addDays, pad, rng } from './common.js';
import { DEMO_TODAY } from './loans/book.js';

/**
 * The demo consumer cooperative's marketplace (docs/domain/marketplace.md), after its shop's year
 * (./shop.ts) and its closed months: the till PD on TOKO-1 kept for orders, the 30 member
 * producers' goods and 40 of the shop's own listed with small generated photos (PNG through
 * pngjs, a few hundred bytes each), and 60 orders of the last two weeks by visitors and members in
 * every status, the delivered ones recorded as shop sales through the same services a clerk uses
 * (placeOrderIn, stepOrderIn -> recordOrderSaleIn), all inside the open month.
 */

const ORDERS = 60;
const OWN_LISTED = 40;
const PHOTO_PX = 48;

const BUYERS = [
  ['Ibu Siti Aminah', 'Jl. Dr. Sutomo 21, Pekalongan Timur'],
  ['Bapak Ahmad Fauzi', 'Perum Bina Griya Blok C-7, Pekalongan Selatan'],
  ['Ibu Nur Hidayah', 'Jl. Hayam Wuruk 45, Pekalongan Utara'],
  ['Mas Rizky Pratama', 'Gg. Kenanga 3, Kradenan, Pekalongan'],
  ['Ibu Dewi Lestari', 'Jl. Sriwijaya 8, Pekalongan Barat'],
  ['Bapak Sugeng Riyadi', 'Jl. Kurinci 17, Medono, Pekalongan'],
  ['Mbak Ayu Kartika', 'Jl. Merdeka 60, Pekalongan'],
  ['Ibu Rohmah', 'Jl. Patiunus 12, Kergon, Pekalongan'],
] as const;

/** A small PNG of one hue with a lighter band: enough to tell products apart on a phone. */
function photoOf(seed: number): Buffer {
  const png = new PNG({ width: PHOTO_PX, height: PHOTO_PX, colorType: 2 });
  const hue = (seed * 47) % 360;
  const [r, g, b] = hsl(hue, 0.45, 0.55);
  for (let y = 0; y < PHOTO_PX; y++)
    for (let x = 0; x < PHOTO_PX; x++) {
      const i = (y * PHOTO_PX + x) * 4;
      const band = y > PHOTO_PX * 0.6 && y < PHOTO_PX * 0.8 ? 60 : 0;
      png.data[i] = Math.min(255, r + band);
      png.data[i + 1] = Math.min(255, g + band);
      png.data[i + 2] = Math.min(255, b + band);
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png, { colorType: 2, deflateLevel: 9 });
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

async function staff(deps: Deps, org: OrganizationView, username: string): Promise<OrgContext> {
  const u = await demoUser(deps.database.db, org.id, username);
  if (!u) throw new Error(`demo user ${username} missing`);
  return {
    organizationId: org.id,
    actor: { userId: u.id, label: username },
    roles: [u.role as Role],
    requestId: null,
    ip: null,
  };
}

export async function seedDemoMarketplace(deps: Deps, org: OrganizationView): Promise<void> {
  const coop = org.id;
  const db = deps.database.db;
  const rand = rng(18_0003);
  const pengurus = await staff(deps, org, 'konsumen.pengurus');
  const kasir = await staff(deps, org, 'konsumen.kasir');
  const shop = await sql<{ outlet_id: bigint; desk_id: bigint }>`select t.outlet_id, t.desk_id
    from shop_tills t where t.cooperative_id = ${coop} and t.code = 'K1'`.execute(db);
  const k1 = shop.rows[0];
  if (!k1) throw new Error('demo marketplace: the demo shop (till K1) is missing');
  const till = await createTill(deps, pengurus, {
    outletId: k1.outlet_id,
    code: 'PD',
    name: 'Pesanan Pasar Daring',
    deskId: k1.desk_id,
  });
  // the 30 producers' goods and the shop's own best stocked goods (not weighed)
  const products = await sql<{
    id: bigint;
    consignment: boolean;
    qty: bigint;
  }>`select p.id, p.consignor_id is not null as consignment, coalesce(s.qty_base, 0) as qty
    from shop_products p
    left join shop_stock s on s.cooperative_id = p.cooperative_id and s.product_id = p.id
      and s.outlet_id = ${k1.outlet_id}
    where p.cooperative_id = ${coop} and p.active and not p.weighed
    order by p.consignor_id is null, coalesce(s.qty_base, 0) desc, p.id`.execute(db);
  const producers = products.rows.filter((p) => p.consignment);
  const own = products.rows.filter((p) => !p.consignment && p.qty > 20n).slice(0, OWN_LISTED);
  const listed = [...producers, ...own];
  // what visitors pick from: goods the outlet still has a few of (sold-out ones stay listed)
  const orderable = listed.filter((p) => p.qty > 5n);
  const member = await sql<{ id: bigint; name: string }>`select m.id, m.full_name as name
    from members m join users u on u.id = m.user_id
    where m.cooperative_id = ${coop} and u.username = 'konsumen.anggota'`.execute(db);
  const members = await sql<{ id: bigint; name: string; balance: bigint }>`
    select m.id, m.full_name as name, a.balance_rupiah as balance from members m
    join savings_accounts a on a.cooperative_id = m.cooperative_id and a.member_id = m.id
    join savings_products sp on sp.cooperative_id = a.cooperative_id and sp.id = a.product_id
    where m.cooperative_id = ${coop} and m.status = 'active' and sp.kind = 'sukarela'
      and a.status = 'active' and a.balance_rupiah > 500000
    order by m.id limit 12`.execute(db);

  await inOrg(deps, pengurus, async (o) => {
    await putSettingsIn(o, {
      outletId: k1.outlet_id,
      tillId: BigInt(till.id),
      open: true,
      title: 'Pasar Daring Koperasi Batik Sejahtera',
      note: 'Batik, makanan olahan dan kerajinan anggota, serta kebutuhan harian dari toko koperasi. Diantar ke rumah di Kota Pekalongan; bayar tunai atau QRIS saat barang tiba.',
    });
    await setListedIn(
      o,
      listed.map((p) => p.id),
      true,
    );
    // the photos in one statement
    const photos = listed.map((p, i) => {
      const bytes = photoOf(i + 1);
      return {
        cooperative_id: coop,
        product_id: p.id,
        content_type: 'image/png' as const,
        bytes,
        etag: createHash('sha256').update(bytes).digest('hex'),
        uploaded_by: o.ctx.actor.userId,
      };
    });
    await o.tx.insertInto('marketplace_photos').values(photos).execute();
  });

  // the orders of the last 14 days (all inside the open month), oldest first; older ones have
  // gone further along, so the desk shows new ones today and delivered ones from last week
  const first = addDays(DEMO_TODAY, -14);
  const plan: { day: string; hour: number; status: string; memberId: bigint | null }[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const dayOffset = Math.floor((i * 14) / ORDERS);
    const day = addDays(first, dayOffset);
    const age = 14 - dayOffset;
    const roll = rand();
    const status =
      age <= 1
        ? roll < 0.6
          ? 'new'
          : 'confirmed'
        : age <= 3
          ? roll < 0.35
            ? 'confirmed'
            : roll < 0.8
              ? 'packed'
              : 'delivered'
          : roll < 0.85
            ? 'delivered'
            : 'cancelled';
    const memberRow =
      i % 10 === 3 && member.rows[0]
        ? member.rows[0]
        : i % 3 === 0
          ? members.rows[i % Math.max(1, members.rows.length)]
          : undefined;
    plan.push({ day, hour: 8 + Math.floor(rand() * 12), status, memberId: memberRow?.id ?? null });
  }
  const placed: { id: bigint; day: string; hour: number; status: string }[] = [];
  for (const [i, p] of plan.entries()) {
    const n = 1 + Math.floor(rand() * 3);
    const lines = new Map<bigint, bigint>();
    for (let k = 0; k < n; k++) {
      const pick = orderable[Math.floor(rand() * orderable.length)]!;
      lines.set(pick.id, 1n + BigInt(Math.floor(rand() * 2)));
    }
    const [name, address] = BUYERS[i % BUYERS.length]!;
    const payment: OrderPayment =
      p.memberId !== null && i % 2 === 0 ? 'member_account' : rand() < 0.3 ? 'qris' : 'cash';
    const now = new Date(`${p.day}T${pad(p.hour - 7)}:${pad(Math.floor(rand() * 60))}:00.000Z`);
    const ctx = visitorContext(coop, null, null);
    try {
      const r = await inOrg(deps, ctx, (o) =>
        placeOrderIn(
          o,
          p.memberId,
          {
            lines: [...lines].map(([productId, qty]) => ({ productId, qty })),
            buyerName:
              p.memberId === null
                ? name
                : (members.rows.find((m) => m.id === p.memberId)?.name ??
                  member.rows[0]?.name ??
                  name),
            buyerPhone: `08122${String(7_000_000 + i * 7919).slice(0, 7)}`,
            buyerAddress: address,
            note: i % 7 === 0 ? 'Tolong antar sore hari' : null,
            paymentMethod: payment,
            paymentReference: null,
          },
          `demo-pasar-${pad(i)}`,
          now,
        ),
      );
      placed.push({ id: BigInt(r.body.id), day: p.day, hour: p.hour, status: p.status });
    } catch (e) {
      // a pick beyond what the outlet still offers: that visitor did not order
      if (!(e instanceof AppError)) throw e;
    }
  }
  // the clerks' steps, one transaction, each at its own hour after the order
  const path: Record<string, OrderAction[]> = {
    new: [],
    confirmed: ['confirm'],
    packed: ['confirm', 'pack'],
    delivered: ['confirm', 'pack', 'deliver'],
    cancelled: ['confirm', 'cancel'],
  };
  const today = new Date(`${DEMO_TODAY}T00:00:00.000Z`).getTime();
  for (const o of placed) {
    let at = new Date(`${o.day}T${pad(o.hour - 7)}:00:00.000Z`).getTime();
    for (const action of path[o.status] ?? []) {
      at += (1 + Math.floor(rand() * 4)) * 3_600_000;
      // no step lands on the demo's today or later
      const when = new Date(Math.min(at, today - 60_000));
      const ok = await inOrg(deps, kasir, (tx) =>
        stepOrderIn(
          tx,
          o.id,
          {
            action,
            reason: action === 'cancel' ? 'Pembeli tidak bisa dihubungi' : null,
            paymentReference: action === 'deliver' ? `QR${o.id.toString().padStart(8, '0')}` : null,
          },
          when,
        ),
      ).then(
        () => true,
        (e: unknown) => {
          // a member's sukarela too low at delivery: the order waits, packed, as at the desk
          if (e instanceof AppError) return false;
          throw e;
        },
      );
      if (!ok) break;
    }
  }
}
