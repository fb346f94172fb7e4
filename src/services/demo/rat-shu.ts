import { sql } from 'kysely';
import { findUserByUsername } from '../../db/users.repo.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { postTransfer } from './common.js';
import type { OrganizationView } from '../organizations.js';
import * as rat from '../rat.js';
import * as papers from '../rat-papers.js';
import * as shu from '../shu.js';
import * as approvals from '../approvals.js';
import { closeSession, mySession, openSession } from '../cashdesk.js';
import { firstActiveDesk } from '../../db/demo-loans.repo.js';
import type { Role } from '../../domain/auth/permissions.js';
import { prepareDemoSecretBallot, voteDemoSecretBallot } from './rat-ballots.js';

/**
 * The demo KSP's 2025 book year after its close (issue 17 item 7): the AD/ART's SHU settings, a
 * simulation before the RAT, the RAT of 14 March 2026 (invited, 61 % of the members checked in,
 * the motions decided by show of hands except the SHU proposal, approved by secret ballot on the
 * verifiable board with the three pengawas as keyholders (./rat-ballots.ts), the minutes signed,
 * the package sent to the province office that supervises it), then the SHU of 2025 shared: the final run asked by the
 * pengurus and approved by a second pengurus (maker-checker), the allocation posted in one entry,
 * most members paid into their sukarela, a dozen in cash at the counter with the slip as receipt,
 * and a few shares not collected yet. 2025 is a whole year of books: January–November came from
 * the old books with the loans repaid in them (./history-2025.ts), so each member's jasa usaha is
 * the loan interest they paid in 2025 and the SHU is positive. The KSPPS has its RAT for 2026
 * planned.
 *
 * Runs inside the demo's months, after March 2026's month-end and before April's counter (the
 * 2025 close just before it), with the clock of each day it happened (the services check dates
 * against "today").
 */
const at = (iso: string) => () => new Date(iso);

async function userCtx(deps: Deps, org: OrganizationView, username: string, roles: Role[]) {
  const u = await findUserByUsername(deps.database.db, username);
  if (!u) throw new Error(`demo user ${username} is missing`);
  return {
    organizationId: org.id,
    actor: { userId: u.id, label: username },
    roles,
    requestId: null,
    ip: null,
  } satisfies OrgContext;
}

const BOOK = {
  accountability: `Sepanjang tahun buku 2025 pengurus menjalankan rencana kerja yang disahkan RAT 2024. Jumlah anggota aktif bertambah, pelayanan simpan pinjam dibuka di kantor pusat Pekalongan dan dua cabang, dan seluruh transaksi kasir dicatat langsung dalam sistem sehingga anggota dapat melihat saldo dan angsuran mereka di portal.

Sejak 1 Desember 2025 pembukuan pindah dari buku manual ke Sokoguru; pendapatan dan beban Januari–November serta pinjaman yang lunas dalam 2025 dipindahkan dari buku lama, sehingga laporan keuangan 2025 mencakup satu tahun penuh. Penyaluran pinjaman tumbuh dengan tetap menjaga kualitas: pinjaman bermasalah dipantau setiap bulan. Pendapatan jasa pinjaman melampaui beban gaji, bunga simpanan dan beban operasional, sehingga koperasi membukukan SHU yang diusulkan untuk dibagi dalam rapat ini: 40 % cadangan, 20 % jasa modal menurut simpanan pokok dan wajib akhir tahun, 25 % jasa usaha menurut jasa pinjaman yang dibayar anggota dalam 2025, dan 15 % dana-dana, sesuai AD/ART pasal 38.

Pengurus menyampaikan terima kasih kepada seluruh anggota atas kepercayaan dan partisipasinya.`,
  supervision: `Pengawas telah memeriksa pembukuan, kas dan pelaksanaan keputusan RAT 2024 setiap triwulan. Kas dan saldo bank sesuai dengan catatan pada tanggal pemeriksaan, penutupan bulan dilaksanakan tepat waktu, dan persetujuan pinjaman serta jurnal manual telah melalui persetujuan dua orang.

Pengawas menyarankan agar penagihan pinjaman kolektibilitas kurang lancar diperketat dan pelatihan manajer bersertifikat dilanjutkan pada tahun 2026. Pengawas tidak menemukan penyimpangan material dan menyarankan RAT menerima laporan pertanggungjawaban pengurus.`,
  plan: `Rencana kerja 2026: menambah 150 anggota baru, terutama pelaku UMKM batik di Pekalongan Barat dan Selatan; menjaga rasio pinjaman bermasalah di bawah 5 %; membuka layanan setoran melalui agen di dua kelurahan; mengikutsertakan dua pengurus dan manajer dalam sertifikasi kompetensi.

Rencana anggaran 2026: pendapatan jasa pinjaman diperkirakan tumbuh 10 %, beban operasional naik paling banyak 6 %, dan biaya pendidikan anggota dianggarkan dari dana pendidikan hasil pembagian SHU 2025.`,
};

export async function seedDemoKspRatAndShu(
  deps: Deps,
  ksp: OrganizationView,
): Promise<{
  meetingId: string;
  present: number;
  /** The SHU item's secret ballot: voters, ballots cast, re-votes and the tally. */
  ballot: Awaited<ReturnType<typeof voteDemoSecretBallot>> | null;
  runId: string;
  cash: number;
  uncollected: number;
}> {
  const pengurus = await userCtx(deps, ksp, 'ksp.pengurus', ['pengurus']);

  // the AD/ART's allocation (the domain reference's common example)
  const feb = { ...deps, clock: at('2026-02-10T03:00:00Z') };
  await shu.saveSettings(feb, pengurus, {
    validFromYear: 2025,
    allocation: {
      cadangan: '40',
      jasaModal: '20',
      jasaUsaha: '25',
      danaPengurus: '5',
      danaKaryawan: '5',
      danaPendidikan: '2.5',
      danaSosial: '2.5',
      danaPembangunanDaerahKerja: '0',
    },
    capitalKinds: ['pokok', 'wajib'],
    // the balances came over from the old books on 1 December 2025: the year-end balance counts
    jasaModalBasis: 'year-end',
    businessLines: { pinjaman: 1 },
    source: 'AD/ART KSP pasal 38 (perubahan RAT 2023)',
  });

  // the proposal: a simulation from the closed books, paid from 1 April
  const simulation = await shu.simulate({ ...deps, clock: at('2026-02-12T03:00:00Z') }, pengurus, {
    year: 2025,
    payoutDate: PAYOUT_DATE,
  });
  const shuText = rupiah(simulation.shuRupiah);

  // the RAT: planned on 20 February, invitations out the same day; the SHU is voted by secret
  // ballot (the standard agenda's choice: members vote on their own money without the chair and
  // their neighbours seeing how)
  const plannedOn = { ...deps, clock: at('2026-02-20T02:00:00Z') };
  const agenda = rat.standardAgenda(2025).map((a) =>
    a.kind === 'shu'
      ? {
          ...a,
          motion: `SHU tahun buku 2025 sebesar ${shuText} dibagi sesuai AD/ART pasal 38 (40 % cadangan, 20 % jasa modal, 25 % jasa usaha, 15 % dana-dana) dan dibayarkan mulai 1 April 2026`,
        }
      : a,
  );
  const m = await rat.planMeeting(plannedOn, pengurus, {
    bookYear: 2025,
    mode: 'hybrid',
    scheduledOn: '2026-03-14',
    startsAt: '09:00',
    location: 'Aula Batik Pesisir, Jl. Hayam Wuruk No. 12, Pekalongan',
    onlineUrl: 'https://rapat.ksp-sinar-pesisir.id/rat-2025',
    agenda,
  });
  const id = BigInt(m.id);
  for (const [section, body] of Object.entries(BOOK))
    await papers.saveBookSection(plannedOn, pengurus, id, section as papers.BookSection, body);
  await rat.sendInvitations(plannedOn, pengurus, id);
  // the WhatsApp gateway delivered them that morning
  await sql`
    update message_outbox set status = 'sent', attempts = 1, sent_at = timestamptz '2026-02-20 03:15:00+00'
    where cooperative_id = ${ksp.id} and template = 'rat.invitation' and dedupe_key like ${`rat:${id}:%`}`.execute(
    deps.database.db,
  );

  // the day: 61 % of the active members check in between 08.00 and 09.20 WIB, most by QR at the
  // door, some online, a few at the desk (one statement: the demo's members are many)
  await sql`
    insert into rat_attendance (cooperative_id, meeting_id, member_id, checked_in_at, method, recorded_by)
    select ${ksp.id}, ${id}, m.id,
           timestamptz '2026-03-14 01:00:00+00' + (abs(hashtext(m.id::text)) % 80) * interval '1 minute',
           case when abs(hashtext(m.id::text || 'm')) % 10 < 7 then 'qr'
                when abs(hashtext(m.id::text || 'm')) % 10 < 9 then 'login' else 'desk' end,
           case when abs(hashtext(m.id::text || 'm')) % 10 < 7 then ${pengurus.actor.userId}::uuid end
    from members m
    where m.cooperative_id = ${ksp.id} and m.status = 'active'
      and abs(hashtext(m.id::text || 'hadir')) % 100 < 61`.execute(deps.database.db);
  // at 07.30 WIB, before the meeting opens, the SHU item's secret ballot is prepared: 2 of the 3
  // pengawas needed to decrypt, the keyholders' ceremony on their devices
  const shuSeq = m.agenda.find((a) => a.kind === 'shu')!.seq;
  const keyholders = await prepareDemoSecretBallot(
    { ...deps, clock: at('2026-03-14T00:30:00Z') },
    pengurus,
    await Promise.all(KEYHOLDERS.map((u) => userCtx(deps, ksp, u, ['pengawas'] satisfies Role[]))),
    { meetingId: id, seq: shuSeq },
    2,
  );
  const day = { ...deps, clock: at('2026-03-14T02:05:00Z') };
  const opened = await rat.openMeeting(day, pengurus, id);
  const present = opened.quorum.counted;
  let ballot: Awaited<ReturnType<typeof voteDemoSecretBallot>> | null = null;
  // the motions, by show of hands, counted by the chair; the SHU by secret ballot, from its tally
  const votes: Record<number, [number, number]> = {
    1: [0.97, 0],
    2: [0.9, 0.04],
    4: [0.93, 0.02],
    6: [0.91, 0.03],
  };
  for (const item of opened.agenda) {
    const clock = {
      ...deps,
      clock: at(
        `2026-03-14T0${2 + Math.floor(item.seq / 3)}:${String((item.seq * 17) % 60).padStart(2, '0')}:00Z`,
      ),
    };
    if (item.majority === 'none') {
      await rat.markHeard(
        clock,
        pengurus,
        id,
        item.seq,
        'Pengawas menyampaikan laporannya; tidak ada temuan material. Rapat menerima laporan pengawas.',
      );
      continue;
    }
    if (item.ballot === 'secret') {
      ballot = await voteDemoSecretBallot(
        deps,
        pengurus,
        keyholders,
        { meetingId: id, seq: item.seq },
        {
          open: '2026-03-14T03:25:00Z',
          vote: '2026-03-14T03:27:00Z',
          revote: '2026-03-14T03:41:00Z',
          close: '2026-03-14T03:45:00Z',
          decrypt: '2026-03-14T03:48:00Z',
        },
      );
      continue;
    }
    const [yes, no] = votes[item.seq] ?? [0.9, 0.05];
    const setuju = Math.floor(present * yes);
    const tidakSetuju = Math.floor(present * no);
    await rat.openVoting(clock, pengurus, id, item.seq);
    await rat.recordResult(clock, pengurus, id, item.seq, {
      setuju,
      tidakSetuju,
      abstain: present - setuju - tidakSetuju,
    });
  }
  const closedAt = { ...deps, clock: at('2026-03-14T05:40:00Z') };
  await rat.closeMeeting(closedAt, pengurus, id);
  await papers.signMinutes(closedAt, pengurus, id, {
    chair: 'H. Slamet Riyadi',
    secretary: 'Rina Wulandari',
    witnesses: 'Siti Aminah dan Bambang Hermanto',
  });
  await papers.sendPackage({ ...deps, clock: at('2026-03-18T03:00:00Z') }, pengurus, id);

  const shared = await distributeShu2025(deps, ksp, pengurus);
  return { meetingId: m.id, present, ballot, ...shared };
}

const PAYOUT_DATE = '2026-04-01';
/** The secret ballot's keyholders: the KSP's three pengawas (src/services/demo/foundation.ts). */
const KEYHOLDERS = ['ksp.pengawas', 'ksp.pengawas.hadi', 'ksp.pengawas.lestari'];
const RAT_REFERENCE = '01/RAT/KSP-SBP/III/2026';
const rupiah = (v: string) => `Rp ${BigInt(v).toLocaleString('id-ID')}`;

/**
 * After the RAT: the final run of 2025 (asked by the pengurus on 16 March, approved by the second
 * pengurus), the allocation posted on the payout day, then the payouts: every share into the
 * member's sukarela except a dozen members paid in cash at the teller's counter that day (the
 * slip is their receipt) and a few who have not come for their share yet.
 */
async function distributeShu2025(deps: Deps, ksp: OrganizationView, pengurus: OrgContext) {
  const second = await userCtx(deps, ksp, 'demo.pengurus', ['pengurus']);
  const kasir = await userCtx(deps, ksp, 'ksp.kasir', ['kasir']);
  const asked = await shu.requestFinalize(
    { ...deps, clock: at('2026-03-16T02:30:00Z') },
    pengurus,
    { year: 2025, payoutDate: PAYOUT_DATE, ratReference: RAT_REFERENCE, ratDate: '2026-03-14' },
  );
  const approved = await approvals.decide(
    { ...deps, clock: at('2026-03-16T04:10:00Z') },
    second,
    BigInt(asked.approvalId),
    { approve: true },
  );
  const runId = BigInt((approved.result as { runId: string }).runId);
  await shu.distribute({ ...deps, clock: at('2026-03-20T03:00:00Z') }, pengurus, runId, {
    date: '2026-03-20',
  });
  const payDay = { ...deps, clock: at('2026-04-01T01:30:00Z') };

  // who is paid how: by member number, so every demo database splits the same way
  const shares: { memberId: bigint; number: string; net: bigint }[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await shu.runShares(deps, pengurus, runId, { offset, limit: 500 });
    for (const s of page.items)
      if (BigInt(s.totalRupiah) > 0n)
        shares.push({
          memberId: BigInt(s.memberId),
          number: s.memberNumber ?? '',
          net: BigInt(s.netRupiah),
        });
    if (offset + 500 >= page.total) break;
  }
  const n = (s: { number: string }) => Number(s.number) || 0;
  const cash = shares.filter((s) => n(s) % 150 === 7);
  const uncollected = shares.filter((s) => n(s) % 100 === 42);
  const toSavings = shares.filter((s) => n(s) % 150 !== 7 && n(s) % 100 !== 42);
  await shu.payToSavings(payDay, pengurus, runId, {
    date: PAYOUT_DATE,
    memberIds: toSavings.map((s) => s.memberId),
  });

  // the counter: the cash for the day's SHU comes from the bank (the desk keeps no cash overnight),
  // the teller opens her session, pays each share in cash, and closes on the count
  await inOrg(payDay, pengurus, (o) =>
    postTransfer(o, {
      entryDate: PAYOUT_DATE,
      description: 'Pengambilan dana bank untuk pembayaran SHU 2025 tunai',
      source: { type: 'demo.cash-to-bank', id: 'shu-2025' },
      debit: 'cash',
      credit: 'bank',
      amount: cash.reduce((sum, s) => sum + s.net, 0n),
    }),
  );
  const desk = await firstActiveDesk(deps.database.db, ksp.id);
  if (!desk) throw new Error('demo: the KSP has no cash desk');
  const session = await openSession(payDay, kasir, {
    deskId: desk.id,
    businessDate: PAYOUT_DATE,
    openingFloatRupiah: 25_000_000n,
  });
  for (const s of cash)
    await shu.payCash(payDay, kasir, runId, s.memberId, { sessionId: BigInt(session.id) });
  const counted = await mySession(payDay, kasir);
  await closeSession({ ...deps, clock: at('2026-04-01T09:00:00Z') }, kasir, BigInt(session.id), {
    countedRupiah: BigInt(counted?.expectedRupiah ?? '0'),
    entryDate: PAYOUT_DATE,
  });
  return { runId: runId.toString(), cash: cash.length, uncollected: uncollected.length };
}

/** The KSPPS has its RAT for book year 2026 planned (secret ballot for the SHU). */
export async function seedDemoKsppsRatPlanned(deps: Deps, kspps: OrganizationView) {
  const pengurus = await userCtx(deps, kspps, 'kspps.pengurus', ['pengurus']);
  const m = await rat.planMeeting({ ...deps, clock: at('2026-12-01T02:00:00Z') }, pengurus, {
    bookYear: 2026,
    mode: 'in-person',
    scheduledOn: '2027-03-13',
    startsAt: '08:30',
    location: 'Aula Masjid Al-Ikhlas, Jl. Dr. Sutomo No. 8, Pekalongan',
  });
  await papers.saveBookSection(
    deps,
    pengurus,
    BigInt(m.id),
    'plan',
    'Rencana kerja 2027: menambah pembiayaan murabahah untuk pedagang pasar dan memperluas layanan pembiayaan haji dengan uang muka 0 %.',
  );
  return m.id;
}
