import { sql } from 'kysely';
import { allRegistry } from '../../db/registry.repo.js';
import { findUserByUsername } from '../../db/users.repo.js';
import { addDays, businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { rng } from './common.js';

/**
 * Training and certification for the demo city office (issue 16 item 3): four training events
 * from 2024 to 2026 (risk management for savings-and-loan managers, financial statements with the
 * university, the managers' competency certification with the LSP, and an online course on going
 * digital) with people of the registry's cooperatives, their attendance and results; competency
 * certificates of the savings-and-loan cooperatives' managers and staff, issued 2021–2026 for three
 * years, so some have expired and a few expire within the next 90 days; the managers who passed the
 * 2025 certification hold its certificate. Set-based: a handful of statements.
 */

const FIRST = [
  'Siti',
  'Sri',
  'Dwi',
  'Tri',
  'Endang',
  'Rina',
  'Nur',
  'Umi',
  'Yuli',
  'Wahyu',
  'Agus',
  'Budi',
  'Joko',
  'Slamet',
  'Bambang',
  'Eko',
  'Hadi',
  'Imam',
  'Ahmad',
  'Rudi',
  'Fitri',
  'Dewi',
];
const LAST = [
  'Aminah',
  'Rahayu',
  'Lestari',
  'Wulandari',
  'Handayani',
  'Santoso',
  'Prasetyo',
  'Hidayat',
  'Setiawan',
  'Kurniawan',
  'Susanto',
  'Maulana',
  'Fauzi',
  'Rahmawati',
  'Saputra',
];

const OFFICE = 'Dinas Koperasi dan UKM Kota Pekalongan';
const HALL = 'Aula Dinas Koperasi dan UKM, Jl. Sriwijaya No. 44, Pekalongan';
const LSP = 'LSP Koperasi Jasa Keuangan';

interface DemoEvent {
  title: string;
  organiser: string;
  topic: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
  online: boolean;
  location: string;
  sessions: { heldOn: IsoDate; topic: string; trainer: string }[];
  /** savings-and-loan cooperatives only */
  savingsAndLoan: boolean;
  participants: number;
  positions: ('pengurus' | 'pengawas' | 'manajer' | 'karyawan')[];
  results: 'tested' | 'attendance';
}

export const DEMO_EVENTS: DemoEvent[] = [
  {
    title: 'Pelatihan Manajemen Risiko Koperasi Simpan Pinjam',
    organiser: OFFICE,
    topic: 'Manajemen risiko',
    startsOn: '2024-05-14',
    endsOn: '2024-05-15',
    online: false,
    location: HALL,
    sessions: [
      {
        heldOn: '2024-05-14',
        topic: 'Risiko kredit dan kolektibilitas',
        trainer: 'Dr. Wahyu Prasetyo, S.E., M.M.',
      },
      {
        heldOn: '2024-05-15',
        topic: 'Risiko likuiditas dan permodalan',
        trainer: 'Dr. Wahyu Prasetyo, S.E., M.M.',
      },
    ],
    savingsAndLoan: true,
    participants: 18,
    positions: ['manajer', 'pengurus'],
    results: 'attendance',
  },
  {
    title: 'Bimbingan Teknis Penyusunan Laporan Keuangan Koperasi (SAK EP)',
    organiser: `${OFFICE} bersama Universitas Pekalongan`,
    topic: 'Akuntansi dan pelaporan',
    startsOn: '2025-02-18',
    endsOn: '2025-02-20',
    online: false,
    location: 'Gedung Pascasarjana Universitas Pekalongan, Jl. Sriwijaya No. 3',
    sessions: [
      {
        heldOn: '2025-02-18',
        topic: 'Neraca dan perhitungan hasil usaha',
        trainer: 'Endang Lestari, S.E., Ak., M.Si.',
      },
      {
        heldOn: '2025-02-19',
        topic: 'Simpanan, piutang dan penyisihan',
        trainer: 'Endang Lestari, S.E., Ak., M.Si.',
      },
      {
        heldOn: '2025-02-20',
        topic: 'Laporan ke Dinas dan ODS',
        trainer: 'Rina Wulandari, S.E. (Dinas)',
      },
    ],
    savingsAndLoan: false,
    participants: 24,
    positions: ['pengurus', 'karyawan', 'pengawas'],
    results: 'tested',
  },
  {
    title: 'Sertifikasi Kompetensi Manajer KSP dan KSPPS',
    organiser: `${LSP} bersama ${OFFICE}`,
    topic: 'Sertifikasi kompetensi manajer',
    startsOn: '2025-09-09',
    endsOn: '2025-09-11',
    online: false,
    location: 'Hotel Santika Pekalongan, Jl. Dr. Sutomo No. 43',
    sessions: [
      {
        heldOn: '2025-09-09',
        topic: 'Pra-asesmen dan portofolio',
        trainer: 'Asesor LSP: Hadi Santoso',
      },
      {
        heldOn: '2025-09-10',
        topic: 'Uji tertulis dan studi kasus',
        trainer: 'Asesor LSP: Hadi Santoso',
      },
      {
        heldOn: '2025-09-11',
        topic: 'Wawancara dan keputusan asesmen',
        trainer: 'Asesor LSP: Dewi Rahmawati',
      },
    ],
    savingsAndLoan: true,
    participants: 14,
    positions: ['manajer'],
    results: 'tested',
  },
  {
    title: 'Digitalisasi Koperasi: Pembukuan dan Layanan Anggota Daring',
    organiser: `${OFFICE} bersama Kementerian Koperasi`,
    topic: 'Digitalisasi',
    startsOn: '2026-10-21',
    endsOn: '2026-10-22',
    online: true,
    location: 'Zoom',
    sessions: [
      {
        heldOn: '2026-10-21',
        topic: 'Pembukuan digital dan laporan otomatis',
        trainer: 'Tim Kementerian Koperasi',
      },
      {
        heldOn: '2026-10-22',
        topic: 'Portal anggota dan pembayaran non-tunai',
        trainer: 'Tim Kementerian Koperasi',
      },
    ],
    savingsAndLoan: false,
    participants: 30,
    positions: ['pengurus', 'manajer', 'karyawan'],
    results: 'attendance',
  },
];

export async function seedDemoTraining(
  deps: Deps,
  office: OrganizationView,
  options: { today?: IsoDate } = {},
): Promise<{ events: number; participants: number; certificates: number }> {
  const today = options.today ?? businessDateWib(deps.clock());
  const next = rng(16_3);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const pembina = await findUserByUsername(deps.database.db, 'dinas.pembina');
  if (!pembina) throw new Error('demo user dinas.pembina is missing');
  const ctx: OrgContext = {
    organizationId: office.id,
    actor: { userId: pembina.id, label: 'dinas.pembina' },
    roles: ['dinas_pembina'],
    requestId: null,
    ip: null,
  };
  return inOrg(deps, ctx, async (o) => {
    const region = office.dinasRegionCode ?? '';
    const active = (await allRegistry(o.tx, region)).filter((r) => r.status === 'active');
    const sl = active.filter((r) => r.cooperative_type === 'KSP' || r.cooperative_type === 'KSPPS');
    const events = DEMO_EVENTS.filter((e) => e.startsOn <= today);
    const inserted0 = await sql<{ id: bigint; title: string }>`
      insert into training_events (organization_id, title, organiser, topic, starts_on, ends_on, online, location, created_by)
      select ${office.id}, e.title, e.organiser, e.topic, e.starts_on, e.ends_on, e.online, e.location, ${pembina.id}
      from unnest(${events.map((e) => e.title)}::text[], ${events.map((e) => e.organiser)}::text[],
                  ${events.map((e) => e.topic)}::text[], ${events.map((e) => e.startsOn)}::date[],
                  ${events.map((e) => e.endsOn)}::date[], ${events.map((e) => e.online)}::bool[],
                  ${events.map((e) => e.location)}::text[])
        as e(title, organiser, topic, starts_on, ends_on, online, location)
      returning id, title`.execute(o.tx);
    const idOf = new Map(inserted0.rows.map((r) => [r.title, r.id.toString()]));
    const eventId = (e: DemoEvent) => idOf.get(e.title)!;
    const sessions = events.flatMap((e) => e.sessions.map((s) => ({ ...s, eventId: eventId(e) })));
    await sql`
      insert into training_sessions (organization_id, event_id, held_on, topic, trainer)
      select ${office.id}, s.event_id, s.held_on, s.topic, s.trainer
      from unnest(${sessions.map((s) => s.eventId)}::int8[], ${sessions.map((s) => s.heldOn)}::date[],
                  ${sessions.map((s) => s.topic)}::text[], ${sessions.map((s) => s.trainer)}::text[])
        as s(event_id, held_on, topic, trainer)`.execute(o.tx);

    // participants: one person from each of n distinct cooperatives per event
    const people: {
      eventId: string;
      regionCode: string;
      registryId: string;
      fullName: string;
      position: string;
      result: string | null;
      score: number | null;
      /** the share of sessions attended, as a threshold of the draw */
      presence: number;
    }[] = [];
    const passedCertification: { regionCode: string; registryId: string; fullName: string }[] = [];
    events.forEach((e) => {
      const pool = [...(e.savingsAndLoan ? sl : active)];
      const ended = e.endsOn < today;
      for (let k = 0; k < e.participants && pool.length > 0; k++) {
        const coop = pool.splice(Math.floor(next() * pool.length), 1)[0]!;
        const u = next();
        const tested = e.results === 'tested';
        const passed = u < 0.82;
        const fullName = person();
        const score =
          tested && ended
            ? passed
              ? 70 + Math.floor(next() * 26)
              : 45 + Math.floor(next() * 20)
            : null;
        people.push({
          eventId: eventId(e),
          regionCode: coop.region_code,
          registryId: coop.id.toString(),
          fullName,
          position: pick(e.positions),
          result: !ended ? null : tested ? (passed ? 'lulus' : 'tidak_lulus') : 'peserta',
          score,
          presence: passed ? 0.95 : 0.6,
        });
        if (e.title.startsWith('Sertifikasi') && ended && passed)
          passedCertification.push({
            regionCode: coop.region_code,
            registryId: coop.id.toString(),
            fullName,
          });
      }
    });
    const inserted = await sql<{ id: bigint; event_id: bigint; n: number }>`
      insert into training_participants (organization_id, event_id, region_code, registry_id, full_name,
        position, result, score, result_recorded_by, added_by)
      select ${office.id}, p.event_id, p.region_code, p.registry_id, p.full_name, p.position, p.result,
        p.score, case when p.result is null then null else ${pembina.id}::uuid end, ${pembina.id}
      from unnest(${people.map((p) => p.eventId)}::int8[], ${people.map((p) => p.regionCode)}::text[],
                  ${people.map((p) => p.registryId)}::int8[], ${people.map((p) => p.fullName)}::text[],
                  ${people.map((p) => p.position)}::text[], ${people.map((p) => p.result)}::text[],
                  ${people.map((p) => p.score)}::int2[])
        as p(event_id, region_code, registry_id, full_name, position, result, score)
      on conflict do nothing
      returning id, event_id`.execute(o.tx);
    // attendance of the ended events' sessions: present by a fixed draw per participant and session
    const endedIds = events.filter((e) => e.endsOn < today).map(eventId);
    await sql`
      insert into training_attendance (organization_id, event_id, participant_id, session_id, present, recorded_by)
      select ${office.id}, p.event_id, p.id, s.id,
        -- a fixed pseudo-random draw: most attend every session, a few miss one
        ((p.id * 7919 + s.id * 104729) % 100) < 90, ${pembina.id}
      from training_participants p
      join training_sessions s on s.organization_id = p.organization_id and s.event_id = p.event_id
      where p.organization_id = ${office.id} and p.event_id = any(${endedIds}::int8[])`.execute(
      o.tx,
    );

    // certificates: the managers who passed the certification, and managers and staff of about
    // seven in ten savings-and-loan cooperatives, issued for three years
    const certs: {
      regionCode: string;
      registryId: string;
      holder: string;
      position: string;
      scheme: string;
      number: string;
      issuedOn: string;
      validUntil: string;
    }[] = [];
    let serial = 0;
    const number = (year: string) => `${year}/LSP-KJK/${String(++serial).padStart(4, '0')}`;
    for (const p of passedCertification)
      certs.push({
        ...p,
        holder: p.fullName,
        position: 'manajer',
        scheme: 'Manajer Koperasi Simpan Pinjam',
        number: number('2025'),
        issuedOn: '2025-09-19',
        validUntil: '2028-09-18',
      });
    const certified = new Set(passedCertification.map((p) => p.registryId));
    sl.forEach((c, i) => {
      if (certified.has(c.id.toString()) || next() > 0.7) return;
      // a few expire within the next 90 days, the rest spread over 2021–2026
      const issuedOn =
        i % 9 === 0
          ? addDays(today, -(3 * 365) + 10 + Math.floor(next() * 70))
          : addDays(today, -Math.floor(next() * 5 * 365) - 30);
      const validUntil = addDays(issuedOn, 3 * 365 - 1);
      certs.push({
        regionCode: c.region_code,
        registryId: c.id.toString(),
        holder: person(),
        position: 'manajer',
        scheme:
          c.cooperative_type === 'KSPPS'
            ? 'Manajer Koperasi Simpan Pinjam dan Pembiayaan Syariah'
            : 'Manajer Koperasi Simpan Pinjam',
        number: number(issuedOn.slice(0, 4)),
        issuedOn,
        validUntil,
      });
      if (next() < 0.4) {
        const staffIssued = addDays(today, -Math.floor(next() * 4 * 365) - 30);
        certs.push({
          regionCode: c.region_code,
          registryId: c.id.toString(),
          holder: person(),
          position: 'karyawan',
          scheme: 'Teller dan Layanan Anggota Koperasi',
          number: number(staffIssued.slice(0, 4)),
          issuedOn: staffIssued,
          validUntil: addDays(staffIssued, 3 * 365 - 1),
        });
      }
    });
    const c = await sql`
      insert into competency_certificates (region_code, registry_id, holder_name, position, scheme,
        certificate_number, issuer, issued_on, valid_until, recorded_by)
      select k.region_code, k.registry_id, k.holder, k.position, k.scheme, k.number, ${LSP},
        k.issued_on, k.valid_until, ${pembina.id}
      from unnest(${certs.map((k) => k.regionCode)}::text[], ${certs.map((k) => k.registryId)}::int8[],
                  ${certs.map((k) => k.holder)}::text[], ${certs.map((k) => k.position)}::text[],
                  ${certs.map((k) => k.scheme)}::text[], ${certs.map((k) => k.number)}::text[],
                  ${certs.map((k) => k.issuedOn)}::date[], ${certs.map((k) => k.validUntil)}::date[])
        as k(region_code, registry_id, holder, position, scheme, number, issued_on, valid_until)
      on conflict do nothing`.execute(o.tx);
    await o.audit({
      action: 'demo.training-seeded',
      entityType: 'training-event',
      entityId: office.id,
      after: {
        events: events.length,
        participants: inserted.rows.length,
        certificates: certs.length,
      },
    });
    return {
      events: events.length,
      participants: inserted.rows.length,
      certificates: Number(c.numAffectedRows ?? 0n),
    };
  });
}
