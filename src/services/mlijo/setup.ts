import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { can } from '../../domain/auth/permissions.js';
import { AppError } from '../../domain/errors.js';
import { planRounds, roundState, type RoundSchedule } from '../../domain/mlijo/round.js';
import type { CommissionRule } from '../../domain/mlijo/settlement.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { ensureMlijoAccounts } from './accounts.js';

/**
 * Mlijo set-up (docs/domain/mlijo.md): vendors (members) with their route, the households on it,
 * and the order rounds. The manager (shop.manage) keeps these; a vendor sees the own route.
 */

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A household's ordering link secret: 24 random bytes, base64url. Only its hash is kept. */
export function newHouseholdToken(): string {
  return randomBytes(24).toString('base64url');
}

export interface VendorRow {
  id: bigint;
  member_id: bigint;
  route_name: string;
  areas: string;
  outlet_id: bigint;
  till_id: bigint;
  commission_bps: number | null;
  commission_per_order_rupiah: bigint | null;
  member_number: string;
  member_name: string;
}

export function commissionRule(v: VendorRow): CommissionRule {
  return v.commission_bps !== null
    ? { bps: v.commission_bps }
    : { perOrderRupiah: v.commission_per_order_rupiah ?? 0n };
}

export async function vendorById(o: OrgTx, vendorId: bigint, lock = false): Promise<VendorRow> {
  const r = await sql<VendorRow>`select v.id, v.member_id, v.route_name, v.areas, v.outlet_id,
      v.till_id, v.commission_bps, v.commission_per_order_rupiah, m.member_number,
      m.full_name as member_name
    from mlijo_vendors v join members m on m.cooperative_id = v.cooperative_id and m.id = v.member_id
    where v.cooperative_id = ${o.ctx.organizationId} and v.id = ${vendorId}
    ${lock ? sql`for update of v` : sql``}`.execute(o.tx);
  const v = r.rows[0];
  if (!v) throw new AppError('MLIJO_VENDOR_NOT_FOUND');
  return v;
}

/**
 * The vendor the signed-in user may act for: the own vendor record (a member who is a vendor),
 * or, for a shop manager, the one asked for.
 */
export async function actingVendor(o: OrgTx, vendorId: bigint | null): Promise<VendorRow> {
  const manager = can(o.ctx.roles, 'shop.manage');
  if (vendorId !== null && manager) return vendorById(o, vendorId);
  const userId = o.ctx.actor.userId;
  if (!userId) throw new AppError('MLIJO_NOT_VENDOR');
  const r = await sql<{ id: bigint }>`select v.id from mlijo_vendors v
      join members m on m.cooperative_id = v.cooperative_id and m.id = v.member_id
    where v.cooperative_id = ${o.ctx.organizationId} and m.user_id = ${userId} and v.active`.execute(
    o.tx,
  );
  const own = r.rows[0]?.id;
  if (own === undefined || (vendorId !== null && vendorId !== own))
    throw new AppError('MLIJO_NOT_VENDOR');
  return vendorById(o, own);
}

function vendorView(v: VendorRow & { households?: bigint }) {
  return {
    id: v.id.toString(),
    memberId: v.member_id.toString(),
    memberNumber: v.member_number,
    memberName: v.member_name,
    routeName: v.route_name,
    areas: v.areas,
    outletId: v.outlet_id.toString(),
    tillId: v.till_id.toString(),
    commissionBps: v.commission_bps,
    commissionPerOrderRupiah: v.commission_per_order_rupiah?.toString() ?? null,
    households: Number(v.households ?? 0n),
  };
}

export interface NewVendor {
  memberId: bigint;
  routeName: string;
  areas: string;
  outletId: bigint;
  tillId: bigint;
  commission: CommissionRule;
}

export async function createVendorIn(o: OrgTx, input: NewVendor) {
  const coop = o.ctx.organizationId;
  const m = await o.tx
    .selectFrom('members')
    .select(['id', 'status'])
    .where('cooperative_id', '=', coop)
    .where('id', '=', input.memberId)
    .executeTakeFirst();
  if (!m) throw new AppError('SHOP_MEMBER_NOT_FOUND');
  if (m.status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
  const till = await o.tx
    .selectFrom('shop_tills')
    .select(['id', 'outlet_id'])
    .where('cooperative_id', '=', coop)
    .where('id', '=', input.tillId)
    .executeTakeFirst();
  if (!till || till.outlet_id !== input.outletId) throw new AppError('SHOP_TILL_NOT_FOUND');
  await ensureMlijoAccounts(o);
  const row = await o.tx
    .insertInto('mlijo_vendors')
    .values({
      cooperative_id: coop,
      member_id: input.memberId,
      route_name: input.routeName,
      areas: input.areas,
      outlet_id: input.outletId,
      till_id: input.tillId,
      commission_bps: 'bps' in input.commission ? input.commission.bps : null,
      commission_per_order_rupiah:
        'perOrderRupiah' in input.commission ? input.commission.perOrderRupiah : null,
    })
    .onConflict((c) => c.columns(['cooperative_id', 'member_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('MLIJO_VENDOR_EXISTS');
  await o.audit({
    action: 'mlijo.vendor-created',
    entityType: 'mlijo-vendor',
    entityId: row.id,
    after: { memberId: input.memberId.toString(), routeName: input.routeName },
  });
  return vendorView(await vendorById(o, row.id));
}

export async function createVendor(deps: Deps, ctx: OrgContext, input: NewVendor) {
  return inOrg(deps, ctx, (o) => createVendorIn(o, input));
}

export async function listVendors(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const r = await sql<VendorRow & { households: bigint }>`select v.id, v.member_id,
        v.route_name, v.areas, v.outlet_id, v.till_id, v.commission_bps,
        v.commission_per_order_rupiah, m.member_number, m.full_name as member_name,
        (select count(*) from mlijo_households h where h.cooperative_id = v.cooperative_id
          and h.vendor_id = v.id and h.active) as households
      from mlijo_vendors v join members m on m.cooperative_id = v.cooperative_id and m.id = v.member_id
      where v.cooperative_id = ${ctx.organizationId} and v.active
      order by v.route_name`.execute(o.tx);
    return r.rows.map(vendorView);
  });
}

export interface NewHousehold {
  name: string;
  address: string;
  phone: string | null;
  memberId: bigint | null;
  /** the place on the route; after the last when absent */
  stopNo?: number;
  /** the link's secret; a new random one when absent (the demo's households have known links) */
  token?: string;
}

/** Adds households to a route; answers each with its ordering link's secret (shown once). */
export async function addHouseholdsIn(o: OrgTx, vendorId: bigint, list: readonly NewHousehold[]) {
  const coop = o.ctx.organizationId;
  await vendorById(o, vendorId, true);
  const last = await sql<{ n: number }>`select coalesce(max(stop_no), 0)::int as n
    from mlijo_households where cooperative_id = ${coop} and vendor_id = ${vendorId}`.execute(o.tx);
  let next = last.rows[0]?.n ?? 0;
  const tokens = list.map((h) => h.token ?? newHouseholdToken());
  const rows = await o.tx
    .insertInto('mlijo_households')
    .values(
      list.map((h, i) => ({
        cooperative_id: coop,
        vendor_id: vendorId,
        stop_no: h.stopNo ?? ++next,
        name: h.name,
        address: h.address,
        phone: h.phone,
        member_id: h.memberId,
        token_hash: tokenHash(tokens[i]!),
      })),
    )
    .returning(['id', 'name', 'stop_no'])
    .execute();
  await o.audit({
    action: 'mlijo.households-added',
    entityType: 'mlijo-vendor',
    entityId: vendorId,
    after: { households: rows.length },
  });
  return rows.map((r, i) => ({
    id: r.id.toString(),
    name: r.name,
    stopNo: r.stop_no,
    token: tokens[i]!,
  }));
}

export async function addHouseholds(
  deps: Deps,
  ctx: OrgContext,
  vendorId: bigint,
  list: readonly NewHousehold[],
) {
  return inOrg(deps, ctx, (o) => addHouseholdsIn(o, vendorId, list));
}

/** A household's new ordering link (the old one stops working). */
export async function renewHouseholdLink(deps: Deps, ctx: OrgContext, householdId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const token = newHouseholdToken();
    const r = await o.tx
      .updateTable('mlijo_households')
      .set({ token_hash: tokenHash(token) })
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', householdId)
      .returning('id')
      .executeTakeFirst();
    if (!r) throw new AppError('MLIJO_HOUSEHOLD_NOT_FOUND');
    await o.audit({ action: 'mlijo.link-renewed', entityType: 'mlijo-household', entityId: r.id });
    return { id: r.id.toString(), token };
  });
}

export async function listHouseholds(deps: Deps, ctx: OrgContext, vendorId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    await actingVendor(o, vendorId);
    const rows = await o.tx
      .selectFrom('mlijo_households')
      .select(['id', 'stop_no', 'name', 'address', 'phone', 'member_id'])
      .where('cooperative_id', '=', ctx.organizationId)
      .where('vendor_id', '=', vendorId)
      .where('active', '=', true)
      .orderBy('stop_no')
      .orderBy('id')
      .execute();
    return rows.map((h) => ({
      id: h.id.toString(),
      stopNo: h.stop_no,
      name: h.name,
      address: h.address,
      phone: h.phone,
      memberId: h.member_id?.toString() ?? null,
    }));
  });
}

/** Creates the rounds of a schedule (one-off or n days in a row); a round already there stays. */
export async function createRoundsIn(o: OrgTx, schedule: RoundSchedule) {
  const planned = planRounds(schedule);
  if (!Array.isArray(planned))
    throw new AppError('MLIJO_ROUND_SCHEDULE_INVALID', { reason: planned.reason });
  const rows = await o.tx
    .insertInto('mlijo_rounds')
    .values(
      planned.map((p) => ({
        cooperative_id: o.ctx.organizationId,
        opens_at: p.opensAt.toISOString(),
        closes_at: p.closesAt.toISOString(),
        delivery_date: p.deliveryDate,
        created_by: o.ctx.actor.userId,
      })),
    )
    .onConflict((c) => c.columns(['cooperative_id', 'delivery_date', 'opens_at']).doNothing())
    .returning('id')
    .execute();
  await o.audit({
    action: 'mlijo.rounds-created',
    entityType: 'mlijo-round',
    after: { created: rows.length, from: schedule.deliveryDate, days: schedule.days },
  });
  return { created: rows.length, ids: rows.map((r) => r.id.toString()) };
}

export async function createRounds(deps: Deps, ctx: OrgContext, schedule: RoundSchedule) {
  return inOrg(deps, ctx, (o) => createRoundsIn(o, schedule));
}

export interface RoundRow {
  id: bigint;
  opens_at: Date;
  closes_at: Date;
  delivery_date: string;
}

export function roundView(r: RoundRow, now: Date) {
  const opensAt = new Date(r.opens_at);
  const closesAt = new Date(r.closes_at);
  return {
    id: r.id.toString(),
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    deliveryDate: String(r.delivery_date).slice(0, 10),
    state: roundState({ opensAt, closesAt }, now),
  };
}

export async function roundById(o: OrgTx, roundId: bigint): Promise<RoundRow> {
  const r = await sql<RoundRow>`select id, opens_at, closes_at, delivery_date::text
    from mlijo_rounds where cooperative_id = ${o.ctx.organizationId} and id = ${roundId}`.execute(
    o.tx,
  );
  const round = r.rows[0];
  if (!round) throw new AppError('MLIJO_ROUND_NOT_FOUND');
  return round;
}

/** Rounds delivering from `fromDate` on (and the last 14 days), with their order counts. */
export async function listRounds(deps: Deps, ctx: OrgContext, fromDate: string) {
  return inOrg(deps, ctx, async (o) => {
    const r = await sql<
      RoundRow & { orders: bigint; delivered: bigint; total: bigint }
    >`select r.id, r.opens_at, r.closes_at, r.delivery_date::text,
        count(x.id) as orders, count(x.id) filter (where x.status = 'delivered') as delivered,
        coalesce(sum(x.total_rupiah) filter (where x.status <> 'not_delivered'), 0)::bigint as total
      from mlijo_rounds r left join mlijo_orders x on x.cooperative_id = r.cooperative_id
        and x.round_id = r.id
      where r.cooperative_id = ${ctx.organizationId} and r.delivery_date >= ${fromDate}::date
      group by r.cooperative_id, r.id order by r.delivery_date desc, r.opens_at desc limit 100`.execute(
      o.tx,
    );
    const now = deps.clock();
    return r.rows.map((x) => ({
      ...roundView(x, now),
      orders: Number(x.orders),
      delivered: Number(x.delivered),
      totalRupiah: x.total.toString(),
    }));
  });
}
