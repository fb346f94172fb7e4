import { sql } from 'kysely';
import { findUserByUsername } from '../../db/users.repo.js';
import { allRegistry } from '../../db/registry.repo.js';
import { businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { checklistsOf, type Answer } from '../../domain/supervision/checklists.js';
import { RUBRICS, type RubricId } from '../../domain/supervision/index.js';
import { BUILTIN_VERSION } from '../../domain/supervision/rubric-version.js';
import { inOrg, type Deps } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { digestOf } from '../supervision/assessments-rubrics.js';
import { scoreParts } from '../supervision/assessments.js';
import { rng } from './common.js';

/**
 * Demo health assessments for an office's registry (issue 15 item 8): every active cooperative of
 * the region gets a historic assessment under Perdep 06/2016 (year-end 2020, before the KKPKK) and
 * a recent one under the KKPKK (last year's year-end), both final, examined by the office's
 * pengawas. Each cooperative has a health w (0 healthy … 1 weak) drawn so the predikat spread
 * looks like a city's: its figures blend a healthy and a weak profile by w at its own size, its
 * checklists have as many "Ya" as the blend says. Scored by the engine; written set-based (one
 * statement per table, parts while still drafts, then every row finalised at once).
 */

const M = 1_000_000n;
type Profile = Record<string, bigint>;

/** Perdep 06/2016: a healthy (0) and a weak (1) cooperative of Rp 1 M assets. */
const PERDEP: [Profile, Profile] = [
  {
    totalAset: 1000n * M,
    modalSendiri: 500n * M,
    pinjamanDiberikan: 800n * M,
    pinjamanAnggota: 700n * M,
    pinjamanBerisiko: 100n * M,
    modalTertimbang: 100n * M,
    atmr: 1000n * M,
    pinjamanKurangLancar: 8n * M,
    pinjamanDiragukan: 0n,
    pinjamanMacet: 0n,
    cadanganRisiko: 4n * M,
    partisipasiBruto: 200n * M,
    bebanOperasiAnggota: 160n * M,
    bebanUsaha: 30n * M,
    shuKotor: 100n * M,
    biayaKaryawan: 20n * M,
    kasBank: 12n * M,
    kewajibanLancar: 100n * M,
    danaDiterima: 900n * M,
    shuSebelumPajak: 110n * M,
    shuBagianAnggota: 30n * M,
    partisipasiNeto: 50n * M,
    bebanPerkoperasian: 10n * M,
    pendapatanNonPartisipasi: 20n * M,
    pea: 15n * M,
    simpananPokok: 50n * M,
    simpananWajib: 100n * M,
    'manajemen.umum': 11n,
    'manajemen.kelembagaan': 6n,
    'manajemen.permodalan': 5n,
    'manajemen.aktiva': 9n,
    'manajemen.likuiditas': 5n,
  },
  {
    totalAset: 1000n * M,
    modalSendiri: 40n * M,
    pinjamanDiberikan: 800n * M,
    pinjamanAnggota: 150n * M,
    pinjamanBerisiko: 400n * M,
    modalTertimbang: 20n * M,
    atmr: 1000n * M,
    pinjamanKurangLancar: 200n * M,
    pinjamanDiragukan: 100n * M,
    pinjamanMacet: 120n * M,
    cadanganRisiko: 5n * M,
    partisipasiBruto: 200n * M,
    bebanOperasiAnggota: 210n * M,
    bebanUsaha: 95n * M,
    shuKotor: 100n * M,
    biayaKaryawan: 140n * M,
    kasBank: 5n * M,
    kewajibanLancar: 100n * M,
    danaDiterima: 1500n * M,
    shuSebelumPajak: 5n * M,
    shuBagianAnggota: 1n * M,
    partisipasiNeto: 20n * M,
    bebanPerkoperasian: 10n * M,
    pendapatanNonPartisipasi: 400n * M,
    pea: 2n * M,
    simpananPokok: 50n * M,
    simpananWajib: 100n * M,
    'manajemen.umum': 3n,
    'manajemen.kelembagaan': 2n,
    'manajemen.permodalan': 1n,
    'manajemen.aktiva': 2n,
    'manajemen.likuiditas': 1n,
  },
];

/** KKPKK: a healthy (0) and a weak (1) cooperative of Rp 2 M assets. */
const KKPKK: [Profile, Profile] = [
  {
    totalAset: 2000n * M,
    ekuitas: 500n * M,
    ekuitasTahunLalu: 450n * M,
    shuSetelahPajak: 90n * M,
    totalPendapatan: 400n * M,
    pinjamanDiberikan: 1400n * M,
    pinjamanBermasalah: 84n * M,
    asetProduktif: 1750n * M,
    biayaPembinaan: 3_600_000n,
    'checklists.kelembagaan.met': 28n,
    'checklists.risikoKepatuhan.met': 7n,
    'checklists.risikoOperasional.met': 6n,
  },
  {
    totalAset: 2000n * M,
    ekuitas: 150n * M,
    ekuitasTahunLalu: 160n * M,
    shuSetelahPajak: 10n * M,
    totalPendapatan: 400n * M,
    pinjamanDiberikan: 1400n * M,
    pinjamanBermasalah: 260n * M,
    asetProduktif: 1450n * M,
    biayaPembinaan: 0n,
    'checklists.kelembagaan.met': 9n,
    'checklists.risikoKepatuhan.met': 2n,
    'checklists.risikoOperasional.met': 2n,
  },
];

/** A cooperative's figures at health w (per mille) and size (per mille of the profile's). */
function blend(pair: [Profile, Profile], wPerMille: bigint, sizePerMille: bigint): Profile {
  const [a, b] = pair;
  const out: Profile = {};
  for (const k of Object.keys(a)) {
    const v = a[k]! + ((b[k]! - a[k]!) * wPerMille) / 1000n;
    out[k] = k.includes('.') ? v : (v * sizePerMille) / 1000n;
  }
  return out;
}

/** Exactly `ya` "Ya" answers among a checklist's items, at places the generator picks. */
function answersOf(key: string, items: number, ya: number, next: () => number): Answer[] {
  const order = Array.from({ length: items }, (_, i) => i + 1).sort(() => next() - 0.5);
  const yes = new Set(order.slice(0, ya));
  return Array.from({ length: items }, (_, i) => ({
    checklist: key,
    itemNo: i + 1,
    answer: yes.has(i + 1),
  }));
}

export interface DemoAssessmentsResult {
  assessments: number;
  byPredikat: Record<string, number>;
}

interface Planned {
  registryId: bigint;
  regionCode: string;
  rubricId: RubricId;
  period: string;
  figures: Record<string, bigint>;
  answers: Answer[];
}

/**
 * Seeds the assessments of every active registry row under `office`'s region (call it after the
 * registry is seeded). `examiner` is the username whose name the assessments carry (default the
 * demo's dinas.pengawas); `today` fixes the recent year-end (default the clock's).
 */
export async function seedDemoAssessments(
  deps: Deps,
  office: OrganizationView,
  options: { today?: IsoDate; examiner?: string } = {},
): Promise<DemoAssessmentsResult> {
  const today = options.today ?? businessDateWib(deps.clock());
  const examinerName = options.examiner ?? 'dinas.pengawas';
  const examiner = await findUserByUsername(deps.database.db, examinerName);
  if (!examiner) throw new Error(`demo user ${examinerName} is missing`);
  const ctx = {
    organizationId: office.id,
    actor: { userId: examiner.id, label: examinerName },
    roles: ['dinas_pengawas' as const],
    requestId: null,
    ip: null,
  };
  const recent = `${Number(today.slice(0, 4)) - 1}-12`;
  const next = rng(4_2026);

  return inOrg(deps, ctx, async (o) => {
    const rows = (await allRegistry(o.tx, office.dinasRegionCode ?? '')).filter(
      (r) => r.status === 'active',
    );
    const planned: Planned[] = [];
    for (const row of rows) {
      // a city: about 40 % healthy, a quarter fair, the rest under supervision
      const u = next();
      const w = BigInt(
        Math.floor(u < 0.4 ? u * 500 : u < 0.65 ? 200 + (u - 0.4) * 600 : 350 + (u - 0.65) * 1500),
      );
      const size = BigInt(100 + Math.floor(next() * next() * 9900));
      for (const [rubricId, period, pair, wShift] of [
        ['perdep-06-2016', '2020-12', PERDEP, BigInt(Math.floor(next() * 120)) - 60n],
        ['permenkop-09-2020', recent, KKPKK, 0n],
      ] as const) {
        const rubric = RUBRICS[rubricId];
        const wHere = w + wShift < 0n ? 0n : w + wShift > 1000n ? 1000n : w + wShift;
        const profile = blend(pair, wHere, size);
        const figures: Record<string, bigint> = {};
        const answers: Answer[] = [];
        for (const def of rubric.inputs)
          if (def.kind === 'rupiah') figures[def.key] = profile[def.key]!;
        for (const c of checklistsOf(rubric)) {
          const ya = Number(profile[c.key] ?? profile[`${c.key}.met`] ?? 0n);
          answers.push(...answersOf(c.key, c.items.length, Math.min(ya, c.items.length), next));
        }
        planned.push({
          registryId: row.id,
          regionCode: row.region_code,
          rubricId,
          period,
          figures,
          answers,
        });
      }
    }
    if (planned.length === 0) return { assessments: 0, byPredikat: {} };

    const results = planned.map((p) => scoreParts(RUBRICS[p.rubricId], p.figures, p.answers));
    const inserted = await o.tx
      .insertInto('health_assessments')
      .values(
        planned.map((p, i) => ({
          region_code: p.regionCode,
          registry_id: p.registryId,
          period: p.period,
          rubric_id: p.rubricId,
          rubric_version: BUILTIN_VERSION,
          rubric_digest: digestOf(RUBRICS[p.rubricId]),
          figures_source: 'examiner' as const,
          report_version_id: null,
          result: JSON.stringify(results[i]),
          total_score: results[i]!.totalScore,
          predikat: results[i]!.predikat,
          provisional: results[i]!.provisional,
          examiner_user_id: examiner.id,
          examiner_name: examiner.fullName,
          notes: 'Data demo',
        })),
      )
      .returning(['id', 'registry_id', 'rubric_id'])
      .execute();
    const idOf = new Map(inserted.map((r) => [`${r.registry_id}:${r.rubric_id}`, r.id]));
    const key = (p: Planned) => ({
      region_code: p.regionCode,
      registry_id: p.registryId,
      assessment_id: idOf.get(`${p.registryId}:${p.rubricId}`)!,
    });
    const figureRows = planned.flatMap((p) =>
      Object.entries(p.figures).map(([input_key, amount_rupiah]) => ({
        ...key(p),
        input_key,
        amount_rupiah,
      })),
    );
    const answerRows = planned.flatMap((p) =>
      p.answers.map((a) => ({
        ...key(p),
        checklist: a.checklist,
        item_no: a.itemNo,
        answer: a.answer,
      })),
    );
    // one statement per table, the rows as parallel arrays (unnest): no parameter limit, no
    // statement text growing with the rows
    const col = <T>(rows: Record<string, unknown>[], k: string) => rows.map((r) => r[k] as T);
    await sql`insert into health_assessment_figures
        (region_code, registry_id, assessment_id, input_key, amount_rupiah)
      select * from unnest(${col(figureRows, 'region_code')}::text[],
        ${col<bigint>(figureRows, 'registry_id').map(String)}::bigint[],
        ${col<bigint>(figureRows, 'assessment_id').map(String)}::bigint[],
        ${col(figureRows, 'input_key')}::text[],
        ${col<bigint>(figureRows, 'amount_rupiah').map(String)}::bigint[])`.execute(o.tx);
    await sql`insert into health_assessment_answers
        (region_code, registry_id, assessment_id, checklist, item_no, answer)
      select * from unnest(${col(answerRows, 'region_code')}::text[],
        ${col<bigint>(answerRows, 'registry_id').map(String)}::bigint[],
        ${col<bigint>(answerRows, 'assessment_id').map(String)}::bigint[],
        ${col(answerRows, 'checklist')}::text[],
        ${col<number>(answerRows, 'item_no')}::smallint[],
        ${col<boolean>(answerRows, 'answer')}::boolean[])`.execute(o.tx);
    // final at the period's year-end examination, three months after the year ended
    await sql`update health_assessments
      set status = 'final', finalized_at = (left(period, 4)::int + 1 || '-03-31T03:00:00Z')::timestamptz
      where region_code like ${`${office.dinasRegionCode ?? ''}%`} and status = 'draft' and notes = 'Data demo'`.execute(
      o.tx,
    );
    const byPredikat: Record<string, number> = {};
    for (const r of results)
      byPredikat[`${r.rubric.id}: ${r.predikat}`] =
        (byPredikat[`${r.rubric.id}: ${r.predikat}`] ?? 0) + 1;
    return { assessments: planned.length, byPredikat };
  });
}
