import { sql } from 'kysely';
import { findUserByUsername } from '../../db/users.repo.js';
import { addDays, addMonthsClamped, businessDateWib } from '../../domain/calendar.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import * as mediation from '../supervision/mediation.js';

/**
 * Mediation in the demo city office (issue 16 item 6): the pembina's gagal bayar case of a
 * savings-and-loan cooperative of the registry whose depositors were not paid — three depositors'
 * claims, two meetings, an agreement to repay in six monthly instalments of which the first two
 * were paid and the third is overdue — with the pengawas assigned; and a closed dispute. The
 * administrator is not assigned and sees neither (row-level security), as in a real office.
 */
export async function seedDemoMediation(
  deps: Deps,
  office: OrganizationView,
  options: { today?: string } = {},
): Promise<{ cases: number }> {
  const today = options.today ?? businessDateWib(deps.clock());
  const [pembina, pengawas] = await Promise.all(
    ['dinas.pembina', 'dinas.pengawas'].map(async (u) => {
      const found = await findUserByUsername(deps.database.db, u);
      if (!found) throw new Error(`demo user ${u} is missing`);
      return found;
    }),
  );
  const ctx: OrgContext = {
    organizationId: office.id,
    actor: { userId: pembina!.id, label: 'dinas.pembina' },
    roles: ['dinas_pembina'],
    requestId: null,
    ip: null,
  };
  // two KSPs of the registry not on Sokoguru, the first and second by name
  const ksps = await inOrg(deps, ctx, async (o) => {
    const r = await sql<{ id: bigint; name: string }>`
      select id, name from registry_cooperatives
      where cooperative_type = 'KSP' and linked_organization_id is null and status = 'active'
      order by name limit 2`.execute(o.tx);
    return r.rows;
  });
  if (ksps.length < 2) return { cases: 0 };
  const opened = addMonthsClamped(today, -4);
  const first = await mediation.openCase(deps, ctx, {
    registryId: ksps[0]!.id,
    kind: 'gagal_bayar',
    title: 'Simpanan berjangka tiga anggota tidak dicairkan',
    summary:
      'Tiga anggota melapor simpanan berjangka yang jatuh tempo tidak dibayar; pengurus menyatakan dana tertahan pada pinjaman macet.',
    openedOn: opened,
    officerUserIds: [pengawas!.id],
  });
  const caseId = BigInt(first.id);
  for (const [name, claim] of [
    ['Sri Mulyani', 35_000_000n],
    ['Ahmad Fauzi', 20_000_000n],
    ['Nur Aini', 15_000_000n],
  ] as const)
    await mediation.addParty(deps, ctx, caseId, {
      role: 'pengadu',
      name,
      claim: 'Simpanan berjangka 12 bulan, jatuh tempo, belum dibayar',
      claimRupiah: claim,
    });
  await mediation.addParty(deps, ctx, caseId, {
    role: 'koperasi',
    name: `${ksps[0]!.name} (pengurus)`,
  });
  await mediation.addMeeting(deps, ctx, caseId, {
    heldOn: addDays(opened, 10),
    place: 'Kantor Dinas Koperasi dan UKM Kota Pekalongan',
    attendees:
      'Sri Mulyani, Ahmad Fauzi, Nur Aini; ketua dan bendahara koperasi; Lilik Handayani (pembina)',
    minutes:
      'Koperasi mengakui kewajiban Rp 70 juta. Pengurus meminta waktu untuk menagih pinjaman macet; para pengadu bersedia menerima pembayaran bertahap.',
  });
  await mediation.addMeeting(deps, ctx, caseId, {
    heldOn: addDays(opened, 24),
    place: 'Kantor koperasi',
    attendees: 'Para pengadu, pengurus dan pengawas koperasi, Drs. Teguh Santoso (pengawas Dinas)',
    minutes: 'Disepakati pembayaran Rp 70 juta dalam enam angsuran bulanan mulai bulan berikutnya.',
  });
  const signed = addDays(opened, 24);
  await mediation.recordAgreement(deps, ctx, caseId, {
    signedOn: signed,
    terms:
      'Koperasi membayar Rp 70.000.000 kepada para pengadu sebanding tuntutannya dalam enam angsuran bulanan; Dinas memantau setiap pembayaran.',
    totalRupiah: 70_000_000n,
    instalments: 6,
    firstDueOn: addMonthsClamped(signed, 1),
  });
  for (const no of [1, 2]) {
    const due = addMonthsClamped(signed, no);
    if (due <= today)
      await mediation.recordPayment(deps, ctx, caseId, {
        no,
        paidOn: addDays(due, -2),
        amountRupiah: 11_666_666n,
      });
  }
  // an earlier dispute, settled at the first meeting
  const second = await mediation.openCase(deps, ctx, {
    registryId: ksps[1]!.id,
    kind: 'sengketa',
    title: 'Keberatan anggota atas pembagian SHU 2024',
    summary: 'Anggota menilai jasa pinjaman tidak dihitung dalam SHU 2024.',
    openedOn: addMonthsClamped(today, -9),
  });
  await mediation.addParty(deps, ctx, BigInt(second.id), {
    role: 'pengadu',
    name: 'Kelompok anggota (12 orang)',
    claim: 'Perhitungan ulang jasa pinjaman dalam SHU 2024',
  });
  await mediation.addMeeting(deps, ctx, BigInt(second.id), {
    heldOn: addDays(addMonthsClamped(today, -9), 7),
    attendees: 'Perwakilan anggota, pengurus, Lilik Handayani (pembina)',
    minutes:
      'Pengurus menunjukkan keputusan RAT tentang bagian jasa pinjaman; anggota menerima penjelasan.',
  });
  await mediation.closeCase(deps, ctx, BigInt(second.id), {
    status: 'resolved',
    note: 'Selesai dengan penjelasan keputusan RAT; tidak ada tuntutan uang.',
  });
  return { cases: 2 };
}
