import { allRegistry } from '../../db/registry.repo.js';
import * as repo from '../../db/inspections.repo.js';
import { findUserByUsername } from '../../db/users.repo.js';
import { addDays, businessDateWib, type IsoDate } from '../../domain/calendar.js';
import {
  DEFAULT_NUMBER_FORMAT,
  ladderStep,
  letterNumber,
  type SanctionStep,
} from '../../domain/supervision/sanctions.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';

/**
 * The demo city office's inspections (issue 16 item 4), dated back from today: five visits to five
 * of its cooperatives — three held with findings (one with a photo and its location, one followed
 * up with evidence, one overdue), one planned in two weeks, one called off — and one cooperative on
 * teguran tertulis II: its RAT was not held, teguran I went unanswered past its deadline, and
 * teguran II's deadline is ten days away, so the next step is not allowed yet. A few dozen rows in
 * one transaction.
 */

/** A 1×1 PNG: the demo's photo of the office's empty document cabinet. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n% berita acara RAT (demo)\n%%EOF\n');

export async function seedDemoInspections(
  deps: Deps,
  office: OrganizationView,
  options: { today?: IsoDate } = {},
): Promise<{ visits: number; letters: number }> {
  const today = options.today ?? businessDateWib(deps.clock());
  const [examiner, pembina] = await Promise.all(
    ['dinas.pengawas', 'dinas.pembina'].map(async (u) => {
      const found = await findUserByUsername(deps.database.db, u);
      if (!found) throw new Error(`demo user ${u} is missing`);
      return found;
    }),
  );
  const ctx: OrgContext = {
    organizationId: office.id,
    actor: { userId: examiner!.id, label: 'dinas.pengawas' },
    roles: ['dinas_pengawas'],
    requestId: null,
    ip: null,
  };
  const on = (days: number) => addDays(today, days);
  return inOrg(deps, ctx, async (o) => {
    const rows = (await allRegistry(o.tx, office.dinasRegionCode ?? ''))
      .filter((r) => r.status === 'active' && r.linked_organization_id === null)
      .sort((a, b) => Number(a.id - b.id))
      .slice(3, 8);
    if (rows.length < 5) return { visits: 0, letters: 0 };
    const team = [examiner!.id, pembina!.id];
    const visit = (
      r: (typeof rows)[number],
      plannedOn: IsoDate,
      purpose: string,
      status: 'planned' | 'done' | 'cancelled' = 'done',
      note: string | null = null,
    ) =>
      repo.insertVisit(
        o.tx,
        {
          region_code: r.region_code,
          registry_id: r.id,
          planned_on: plannedOn,
          purpose,
          status,
          closed_on: status === 'planned' ? null : plannedOn,
          closed_note: note,
          planned_by: examiner!.id,
        },
        team,
      );
    const finding = (
      v: repo.VisitRow,
      description: string,
      item: [string, number] | null,
      at: [string, string] | null = null,
    ) =>
      repo.insertFinding(o.tx, {
        region_code: v.region_code,
        registry_id: v.registry_id,
        visit_id: v.id,
        description,
        checklist: item?.[0] ?? null,
        item_no: item?.[1] ?? null,
        latitude: at?.[0] ?? null,
        longitude: at?.[1] ?? null,
        recorded_by: examiner!.id,
      });
    const recommend = (f: repo.FindingRow, text: string, dueOn: IsoDate) =>
      repo.insertRecommendation(o.tx, {
        region_code: f.region_code,
        registry_id: f.registry_id,
        finding_id: f.id,
        text,
        due_on: dueOn,
        created_by: examiner!.id,
      });
    const evidence = (
      f: repo.FindingRow,
      fileName: string,
      recommendationId: bigint | null = null,
    ) =>
      repo.insertEvidence(o.tx, {
        region_code: f.region_code,
        registry_id: f.registry_id,
        finding_id: f.id,
        recommendation_id: recommendationId,
        file_name: fileName,
        content_type: fileName.endsWith('.pdf') ? 'application/pdf' : 'image/png',
        content: fileName.endsWith('.pdf') ? PDF : PHOTO,
        uploaded_by: examiner!.id,
      });

    // 1. on teguran tertulis II: no RAT for the last book year, no follow-up
    const [a, b, c, d, e] = rows as [
      (typeof rows)[number],
      (typeof rows)[number],
      (typeof rows)[number],
      (typeof rows)[number],
      (typeof rows)[number],
    ];
    const v1 = await visit(a, on(-120), 'Pemeriksaan kepatuhan: RAT dan laporan tahunan');
    await repo.replaceAnswers(o.tx, v1, [
      { checklist: 'checklists.kelembagaan', itemNo: 1, answer: true, note: null },
      { checklist: 'checklists.risikoKepatuhan', itemNo: 1, answer: false, note: 'RAT tidak ada' },
    ]);
    const f1 = await finding(
      v1,
      'RAT tahun buku terakhir tidak diselenggarakan; tidak ada berita acara maupun daftar hadir',
      ['checklists.risikoKepatuhan', 1],
      ['-6.888120', '109.675310'],
    );
    await evidence(f1, 'lemari-arsip-kosong.png');
    await recommend(f1, 'Selenggarakan RAT dan serahkan berita acaranya ke Dinas', on(-90));
    const year = (iso: IsoDate) => Number(iso.slice(0, 4));
    const seqs = new Map<number, number>();
    const letter = async (
      step: SanctionStep,
      issuedOn: IsoDate,
      deadlineOn: IsoDate,
      previous: bigint | null,
    ) => {
      const y = year(issuedOn);
      const seq = (seqs.get(y) ?? 0) + 1;
      seqs.set(y, seq);
      const l = await repo.insertLetter(
        o.tx,
        {
          region_code: a.region_code,
          registry_id: a.id,
          office_id: office.id,
          step,
          letter_year: y,
          letter_seq: seq,
          letter_number: letterNumber(DEFAULT_NUMBER_FORMAT, seq, y),
          issued_on: issuedOn,
          deadline_on: deadlineOn,
          findings_text: `1. ${f1.description} (rekomendasi: Selenggarakan RAT dan serahkan berita acaranya ke Dinas, paling lambat ${on(-90)})`,
          correction:
            'Menyelenggarakan Rapat Anggota Tahunan tahun buku terakhir dan menyerahkan berita acara, daftar hadir dan laporan pertanggungjawaban pengurus kepada Dinas.',
          legal_basis: ladderStep(step)
            .legalBasis.map((x) => `${x.citation}${x.confirmed ? '' : ' [belum dipastikan]'}`)
            .join('; '),
          officer_user_id: examiner!.id,
          officer_name: examiner!.fullName,
          office_name: office.name,
          cooperative_name: a.name,
          previous_letter_id: previous,
        },
        [f1.id],
      );
      await repo.insertDelivery(
        o.tx,
        l,
        { deliveredOn: addDays(issuedOn, 1), method: 'hand', receivedBy: 'Sekretaris pengurus' },
        examiner!.id,
      );
      return l;
    };
    const t1 = await letter('teguran_1', on(-85), on(-55), null);
    await letter('teguran_2', on(-50), on(10), t1.id);
    for (const [y, seq] of seqs)
      await o.tx
        .insertInto('sanction_letter_counters')
        .values({ organization_id: office.id, letter_year: y, last_seq: seq })
        .execute();

    // 2. two findings, one followed up with evidence, one open
    const v2 = await visit(b, on(-60), 'Pembinaan tata kelola dan manajemen risiko');
    const f2 = await finding(v2, 'Belum ada SOP simpan pinjam tertulis', [
      'checklists.risikoOperasional',
      1,
    ]);
    const r2 = await recommend(f2, 'Susun dan sahkan SOP simpan pinjam', on(-20));
    await evidence(f2, 'sop-simpan-pinjam.pdf', r2.id);
    await repo.markDone(o.tx, r2, on(-25), 'SOP disahkan rapat pengurus', examiner!.id);
    const f3 = await finding(v2, 'Pengurus merangkap sebagai pengawas', [
      'checklists.kelembagaan',
      25,
    ]);
    await recommend(f3, 'Pisahkan jabatan pengurus dan pengawas pada RAT berikutnya', on(20));

    // 3. a photo with its location, the recommendation overdue
    const v3 = await visit(c, on(-30), 'Pemeriksaan lapangan atas pengaduan anggota');
    const f4 = await finding(
      v3,
      'Papan nama dan jam layanan tidak ada; kantor tutup pada jam kerja',
      null,
      ['-6.901450', '109.681920'],
    );
    await evidence(f4, 'kantor-tutup.png');
    await recommend(f4, 'Pasang papan nama dan buka layanan sesuai jam kerja', on(-5));

    // 4. planned; 5. called off
    await visit(d, on(14), 'Pemeriksaan rutin tahunan', 'planned');
    await visit(
      e,
      on(-10),
      'Pemeriksaan rutin tahunan',
      'cancelled',
      'Pengurus sedang RAT; dijadwalkan ulang',
    );
    return { visits: 5, letters: 2 };
  });
}
