import { murabahahInArrears } from '../../db/demo-loans.repo.js';
import { demoUser } from '../../db/demo-profit-sharing.repo.js';
import { addDays } from '../../domain/calendar.js';
import type { Role } from '../../domain/auth/permissions.js';
import { decide } from '../approvals.js';
import type { Deps, OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { recordInability, recordTawidhItem } from '../sharia/late-payment.js';

/**
 * Late payment in the demo KSPPS (docs/domain/sharia-late-payment.md), through the services: the
 * loan officer marks the member of the oldest murabahah in arrears unable to pay (hospitalised),
 * and records the real costs of collecting two others — a visit the manager approved (charged)
 * and a warning letter still waiting for approval, so the loan page shows both.
 */

/** The services' "today" on a demo day (09:00 WIB). */
const at = (deps: Deps, day: string): Deps => ({
  ...deps,
  clock: () => new Date(`${day}T02:00:00Z`),
});

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

export async function seedDemoLatePayment(deps: Deps, org: OrganizationView): Promise<void> {
  const officer = await staff(deps, org, 'kspps.kredit');
  const pengurus = await staff(deps, org, 'kspps.pengurus');
  const loans = await murabahahInArrears(deps.database.db, org.id, '2026-09-01', 3);
  const [unable, visited, warned] = loans;
  if (!unable || !visited || !warned)
    throw new Error('demo KSPPS has too few financings in arrears');

  const markedOn = addDays(unable.oldest_unpaid_due_on, 10);
  await recordInability(at(deps, markedOn), officer, unable.id, 'marked', {
    effectiveOn: markedOn,
    reason:
      'Anggota dirawat di RSUD Bendan setelah kecelakaan; kios tutup (surat keterangan rawat inap).',
  });

  const visitOn = addDays(visited.oldest_unpaid_due_on, 14);
  const visit = await recordTawidhItem(at(deps, visitOn), officer, visited.id, {
    incurredOn: visitOn,
    description: 'Ongkos kunjungan penagihan ke rumah anggota (ojek pulang-pergi)',
    amountRupiah: 60_000n,
    evidenceRef: 'KW-PNG-0147',
    // reimbursed to the officer by transfer: the demo's tellers bank their cash every day
    paidFrom: 'bank',
  });
  await decide(at(deps, visitOn), pengurus, BigInt(visit.body.approvalId), { approve: true });

  const letterOn = addDays(warned.oldest_unpaid_due_on, 21);
  await recordTawidhItem(at(deps, letterOn), officer, warned.id, {
    incurredOn: letterOn,
    description: 'Biaya pengiriman surat peringatan pertama (pos tercatat)',
    amountRupiah: 18_000n,
    evidenceRef: 'POS-RR-5521',
    paidFrom: 'bank',
  });
}
