import { findUserByUsername } from '../../db/users.repo.js';
import { addDays, businessDateWib } from '../../domain/calendar.js';
import type { Deps, OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { createReferral, moveReferral, readinessList } from '../supervision/funding-referrals.js';

/**
 * The demo city office's funding referrals (issue 16 item 7): three of its cooperatives ready for
 * LPDB-KUMKM's conventional revolving fund (the audit confirmed by the pembina where loans exceed
 * Rp 2.5 billion) referred through the service — one approved and disbursed, one under review, one
 * rejected with the lender's reason. One readiness statement over the region and nine small writes.
 */
export async function seedDemoFunding(
  deps: Deps,
  office: OrganizationView,
): Promise<{ referrals: number }> {
  const today = businessDateWib(deps.clock());
  const user = await findUserByUsername(deps.database.db, 'dinas.pembina');
  if (!user) throw new Error('demo user dinas.pembina is missing');
  const ctx: OrgContext = {
    organizationId: office.id,
    actor: { userId: user.id, label: 'dinas.pembina' },
    roles: ['dinas_pembina'],
    requestId: null,
    ip: null,
  };
  const list = await readinessList(deps, ctx, { programme: 'lpdb_konvensional' });
  // ready once the officer confirms the audit: every required item met or awaiting confirmation
  const ready = list.items.filter((i) =>
    i.readiness.items.every((x) => !x.required || x.state !== 'not_met'),
  );
  // in the order referred, so the letters' numbers follow the dates
  const plans = [
    {
      amount: 1_500_000_000n,
      purpose: 'Modal pinjaman produktif anggota (pedagang batik dan konveksi)',
      referredOn: addDays(today, -210),
      steps: [
        { status: 'under_review' as const, after: 14 },
        { status: 'approved' as const, after: 75, amountRupiah: 1_200_000_000n },
        {
          status: 'disbursed' as const,
          after: 105,
          amountRupiah: 1_200_000_000n,
          note: 'Dicairkan sekaligus ke rekening koperasi',
        },
      ],
    },
    {
      amount: 2_000_000_000n,
      purpose: 'Pembangunan gudang dan toko koperasi',
      referredOn: addDays(today, -150),
      steps: [
        { status: 'under_review' as const, after: 10 },
        {
          status: 'rejected' as const,
          after: 48,
          reason: 'Tujuan pembiayaan bukan penyaluran pinjaman kepada anggota',
        },
      ],
    },
    {
      amount: 750_000_000n,
      purpose: 'Penambahan modal pinjaman usaha mikro anggota',
      referredOn: addDays(today, -40),
      steps: [{ status: 'under_review' as const, after: 12 }],
    },
  ];
  let referrals = 0;
  for (const [n, plan] of plans.entries()) {
    const c = ready[n];
    if (!c) break;
    const r = await createReferral(deps, ctx, {
      registryId: BigInt(c.registryId),
      programme: 'lpdb_konvensional',
      amountRequestedRupiah: plan.amount,
      purpose: plan.purpose,
      referredOn: plan.referredOn,
      auditConfirmed: true,
    });
    for (const s of plan.steps)
      await moveReferral(deps, ctx, BigInt(r.id), {
        status: s.status,
        on: addDays(plan.referredOn, s.after),
        amountRupiah: ('amountRupiah' in s ? s.amountRupiah : null) ?? null,
        reason: ('reason' in s ? s.reason : null) ?? null,
        note: ('note' in s ? s.note : null) ?? null,
      });
    referrals += 1;
  }
  return { referrals };
}
