import { sql } from 'kysely';
import { findUserByUsername } from '../../db/users.repo.js';
import type { Deps, OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import * as rat from '../rat.js';
import * as papers from '../rat-papers.js';
import * as shu from '../shu.js';
import type { Role } from '../../domain/auth/permissions.js';

/**
 * The demo KSP's 2025 book year after its close (issue 17 item 7): the AD/ART's SHU settings and
 * the RAT of 14 March 2026 (invited, 61 % of the members checked in, the motions decided, the
 * minutes signed, the package sent to the province office that supervises it). The demo's books
 * begin in December 2025, so 2025 closes with a small loss (one month of costs, the first
 * instalments fall due in January): the RAT decides to carry it forward, and there is no SHU of
 * 2025 to share. The KSPPS has its RAT for 2026 planned.
 *
 * Runs between the 2025 year-end close and the closing of 2026's months, with the clock of each
 * day it happened (the services check dates against "today").
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

Penyaluran pinjaman tumbuh dengan tetap menjaga kualitas: pinjaman bermasalah dipantau setiap bulan, dan empat pinjaman macet telah dicadangkan penuh. Pendapatan jasa pinjaman melampaui beban bunga simpanan dan beban operasional, sehingga koperasi membukukan SHU yang diusulkan untuk dibagi dalam rapat ini.

Pengurus menyampaikan terima kasih kepada seluruh anggota atas kepercayaan dan partisipasinya.`,
  supervision: `Pengawas telah memeriksa pembukuan, kas dan pelaksanaan keputusan RAT 2024 setiap triwulan. Kas dan saldo bank sesuai dengan catatan pada tanggal pemeriksaan, penutupan bulan dilaksanakan tepat waktu, dan persetujuan pinjaman serta jurnal manual telah melalui persetujuan dua orang.

Pengawas menyarankan agar penagihan pinjaman kolektibilitas kurang lancar diperketat dan pelatihan manajer bersertifikat dilanjutkan pada tahun 2026. Pengawas tidak menemukan penyimpangan material dan menyarankan RAT menerima laporan pertanggungjawaban pengurus.`,
  plan: `Rencana kerja 2026: menambah 150 anggota baru, terutama pelaku UMKM batik di Pekalongan Barat dan Selatan; menjaga rasio pinjaman bermasalah di bawah 5 %; membuka layanan setoran melalui agen di dua kelurahan; mengikutsertakan dua pengurus dan manajer dalam sertifikasi kompetensi.

Rencana anggaran 2026: pendapatan jasa pinjaman diperkirakan tumbuh 10 %, beban operasional naik paling banyak 6 %, dan biaya pendidikan anggota dianggarkan dari dana pendidikan hasil pembagian SHU 2025.`,
};

export async function seedDemoKspRatAndShu(
  deps: Deps,
  ksp: OrganizationView,
): Promise<{ meetingId: string; present: number }> {
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
    jasaModalBasis: 'average',
    businessLines: { pinjaman: 1 },
    source: 'AD/ART KSP pasal 38 (perubahan RAT 2023)',
  });

  // the RAT: planned on 20 February, invitations out the same day
  const plannedOn = { ...deps, clock: at('2026-02-20T02:00:00Z') };
  const agenda = rat.standardAgenda(2025).map((a) =>
    // 2025 closed with a loss: the meeting decides how to treat it, by show of hands
    a.kind === 'shu'
      ? {
          ...a,
          title: 'Penetapan penanganan SHU tahun buku 2025',
          ballot: 'open' as const,
          motion:
            'SHU negatif tahun buku 2025 (bulan pertama pembukuan di Sokoguru) dibawa ke tahun buku 2026',
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
  const day = { ...deps, clock: at('2026-03-14T02:05:00Z') };
  const opened = await rat.openMeeting(day, pengurus, id);
  const present = opened.quorum.counted;
  // the motions, by show of hands, counted by the chair
  const votes: Record<number, [number, number]> = {
    1: [0.97, 0],
    2: [0.9, 0.04],
    4: [0.93, 0.02],
    5: [0.88, 0.07],
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
    const [yes, no] = votes[item.seq] ?? [0.9, 0.05];
    const setuju = Math.floor(present * yes);
    const tidakSetuju = Math.floor(present * no);
    await rat.openVoting(clock, pengurus, id, item.seq);
    await rat.recordResult(clock, pengurus, id, item.seq, {
      setuju,
      tidakSetuju,
      abstain: present - setuju - tidakSetuju,
      note:
        item.kind === 'shu'
          ? 'Tidak ada SHU tahun buku 2025 yang dibagi; kerugian dibawa ke tahun buku 2026.'
          : null,
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

  return { meetingId: m.id, present };
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
