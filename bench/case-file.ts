// The case file of one cooperative with ten years of history (issue: Dinas portal 2), on
// PostgreSQL, over the 20,000-cooperative province of bench/province.ts: its route timed as
// requests through the app (Fastify in process, session, permission check, the office's tenant
// transaction with row-level security, every area's reads, the merge). Target: p95 < 150 ms.
// The cooperative's history is written as the owner: status changes, forty quarterly reports with
// corrections and reminders, ten RATs with their documents and reminders, assessments copied from
// the province's, and some 1,600 early-warning alerts raised and cleared — about 200 timeline
// entries a year.
// Run: npx tsx bench/case-file.ts   (needs the province: BENCH_ONLY=province first, once)
//   BENCH_CASE_FILE_REQUESTS (200)  requests timed
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { findOrganizationByName } from '../src/db/organizations.repo.js';
import { findUserByUsername } from '../src/db/users.repo.js';
import { databaseExists, openBenchDeps, writeResult } from './support.js';

const DATABASE = 'sokoguru_bench_province';
const OFFICE = 'Dinas Koperasi dan UKM Kota Pekalongan';
const PASSWORD = 'Bench#Province2026';
const REQUESTS = Number(process.env.BENCH_CASE_FILE_REQUESTS ?? 200);
const TARGET_P95_MS = 150;
const NAME = 'KSP Berkas Sepuluh Tahun';
/** 2016–2025 */
const YEARS = 10;
const FIRST_YEAR = 2016;
/** Alerts per year, each raised and cleared: two entries. */
const ALERTS_PER_YEAR = 95;

async function signIn(app: FastifyInstance, username: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((k) => k.name === 'sg_session');
  if (!c) throw new Error('no session cookie');
  return `sg_session=${c.value}`;
}

async function main() {
  if (!(await databaseExists(DATABASE)))
    throw new Error('the province is missing: run BENCH_ONLY=province npm run bench once first');
  const deps = await openBenchDeps(DATABASE);
  const db = deps.database.db;
  const office = await findOrganizationByName(db, OFFICE);
  const officer = await findUserByUsername(db, 'bench.3375');
  if (!office || !officer) throw new Error(`${OFFICE} or bench.3375 is missing`);

  const t0 = performance.now();
  // one cooperative of the city, written again on each run in one transaction (a failed run leaves
  // nothing half-written behind): the last run's is removed first
  const registryId = await db.transaction().execute(async (db) => {
    await sql`
      WITH c AS (SELECT id FROM registry_cooperatives WHERE name = ${NAME}),
        a AS (DELETE FROM early_warning_alerts WHERE registry_id IN (SELECT id FROM c)),
        b AS (DELETE FROM registry_rat_documents WHERE registry_id IN (SELECT id FROM c)),
        d AS (DELETE FROM registry_rat_reminders WHERE registry_id IN (SELECT id FROM c)),
        e AS (DELETE FROM registry_rats WHERE registry_id IN (SELECT id FROM c)),
        f AS (DELETE FROM health_assessments WHERE registry_id IN (SELECT id FROM c)),
        g AS (DELETE FROM supervision_report_reminders WHERE registry_id IN (SELECT id FROM c)),
        h AS (DELETE FROM registry_status_history WHERE registry_id IN (SELECT id FROM c)),
        i AS (DELETE FROM registry_search_words WHERE registry_id IN (SELECT id FROM c))
      DELETE FROM supervision_reports WHERE registry_id IN (SELECT id FROM c)`.execute(db);
    await sql`DELETE FROM registry_cooperatives WHERE name = ${NAME}`.execute(db);
    const r = await sql<{ id: bigint }>`
      INSERT INTO registry_cooperatives (region_code, name, badan_hukum_number, badan_hukum_date,
        cooperative_type, cooperative_form, membership_area, province_code, regency_code,
        district_code, member_count, status, status_since, officer_user_id)
      VALUES ('3375', ${NAME}, 'AHU-0000001.AH.01.15', '2015-03-02', 'KSP', 'primer', 'regency',
        '33', '3375', '337501', 850, 'active', '2015-03-02', ${officer.id})
      RETURNING id`.execute(db);
    const registryId = r.rows[0]!.id;
    await sql`
      INSERT INTO registry_status_history (region_code, registry_id, status, effective_on, reason)
      VALUES ('3375', ${registryId}, 'active', '2015-03-02', 'didaftarkan'),
             ('3375', ${registryId}, 'inactive', '2019-04-01', 'pengurus vakum'),
             ('3375', ${registryId}, 'active', '2020-02-01', 'RAT luar biasa memilih pengurus baru')`.execute(
      db,
    );
    // forty quarters, every fourth corrected once, with the province's sample content
    await sql`
      INSERT INTO supervision_reports (region_code, registry_id, report_kind, period, version, channel,
        content, content_sha256, submitted_at, submitted_on, submitted_by, submitted_by_org,
        total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah, pinjaman_rupiah,
        pinjaman_bermasalah_rupiah, simpanan_rupiah, shu_rupiah, member_count)
      SELECT '3375', ${registryId}, 'quarterly', y || '-Q' || q, v, 'form',
        (SELECT content FROM supervision_reports LIMIT 1),
        md5(y::text || q || v) || md5(v::text || q || y),
        d::timestamptz, d, ${officer.id}::uuid, ${office.id}::uuid,
        3000000000, 1800000000, 1200000000, 2100000000, 84000000, 1500000000, 75000000, 850
      FROM generate_series(${FIRST_YEAR}::int, ${FIRST_YEAR + YEARS - 1}::int) y
      CROSS JOIN generate_series(1, 4) q
      CROSS JOIN LATERAL (SELECT v FROM generate_series(1, CASE WHEN q = 2 THEN 2 ELSE 1 END) v) vv
      CROSS JOIN LATERAL (SELECT (make_date(y, q * 3, 1) + interval '1 month' + (20 + v * 10) * interval '1 day')::date AS d) dd`.execute(
      db,
    );
    await sql`
      INSERT INTO supervision_report_reminders (region_code, registry_id, report_kind, period, note, sent_at, sent_by)
      SELECT '3375', ${registryId}, 'quarterly', y || '-Q' || q, 'Laporan belum masuk',
        make_date(y, q * 3, 1) + interval '2 months', ${officer.id}::uuid
      FROM generate_series(${FIRST_YEAR}::int, ${FIRST_YEAR + YEARS - 1}::int) y CROSS JOIN generate_series(1, 2) q`.execute(
      db,
    );
    await sql`
      INSERT INTO registry_rats (region_code, registry_id, book_year, held_on, recorded_by)
      SELECT '3375', ${registryId}, y, make_date(y + 1, 3 + y % 5, 10), ${officer.id}::uuid
      FROM generate_series(${FIRST_YEAR}::int, ${FIRST_YEAR + YEARS - 1}::int) y`.execute(db);
    await sql`
      INSERT INTO registry_rat_documents (region_code, registry_id, book_year, kind, file_name,
        content_type, content, content_sha256, received_on, uploaded_by)
      SELECT '3375', ${registryId}, y, k, k || '-' || y || '.pdf', 'application/pdf',
        convert_to('%PDF-1.4 ' || k, 'UTF8'), md5(k || y) || md5(y || k),
        make_date(y + 1, 3 + y % 5, 20), ${officer.id}::uuid
      FROM generate_series(${FIRST_YEAR}::int, ${FIRST_YEAR + YEARS - 1}::int) y
      CROSS JOIN unnest(array['minutes', 'attendance', 'accountability', 'statements']) k`.execute(
      db,
    );
    await sql`
      INSERT INTO registry_rat_reminders (region_code, registry_id, book_year, stage, sent_on, body, sent_by)
      SELECT '3375', ${registryId}, y, s, make_date(y + 1, 5, 1) + (i::int * 46), 'Pengingat RAT', ${officer.id}::uuid
      FROM generate_series(${FIRST_YEAR}::int, ${FIRST_YEAR + YEARS - 1}::int) y
      CROSS JOIN unnest(array['h60', 'h14']) WITH ORDINALITY AS t (s, i)`.execute(db);
    // a yearly assessment: the province's final assessments, copied onto this cooperative
    await sql`
      INSERT INTO health_assessments (region_code, registry_id, period, rubric_id, rubric_version,
        rubric_digest, figures_source, status, result, total_score, predikat, provisional,
        examiner_user_id, examiner_name, finalized_at)
      SELECT '3375', ${registryId}, (${FIRST_YEAR}::int + n::int - 1) || '-12', a.rubric_id, a.rubric_version,
        a.rubric_digest, a.figures_source, 'final', a.result, a.total_score, a.predikat,
        a.provisional, a.examiner_user_id, a.examiner_name, make_date(${FIRST_YEAR}::int + n::int, 3, 15)
      FROM (SELECT *, row_number() OVER (ORDER BY id) AS n FROM health_assessments
            WHERE status = 'final' AND rubric_id = 'permenkop-09-2020' LIMIT ${YEARS}) a`.execute(
      db,
    );
    // early warning: alerts raised and cleared over the years (the bulk of the timeline)
    await sql`
      INSERT INTO early_warning_alerts (organization_id, registry_id, rule, severity, value,
        threshold, officer_user_id, raised_on, checked_on, cleared_on)
      SELECT ${office.id}::uuid, ${registryId}, (array['liquidity', 'npl', 'capital', 'shrinking', 'reports'])[1 + i % 5],
        1 + i % 3, (500 + i % 900)::text, '800', ${officer.id}::uuid,
        make_date(${FIRST_YEAR}::int, 1, 1) + (i * 365 / ${ALERTS_PER_YEAR}::int),
        make_date(${FIRST_YEAR}::int, 1, 1) + (i * 365 / ${ALERTS_PER_YEAR}::int) + 3,
        make_date(${FIRST_YEAR}::int, 1, 1) + (i * 365 / ${ALERTS_PER_YEAR}::int) + 3
      FROM generate_series(0, ${YEARS * ALERTS_PER_YEAR - 1}::int) i`.execute(db);
    return registryId;
  });
  await sql`ANALYZE`.execute(db);
  const writeSeconds = Math.round((performance.now() - t0) / 100) / 10;

  const app = await buildApp(deps, {
    secureCookies: false,
    logger: false,
    loginRateLimitPerMinute: 10_000,
  });
  await app.ready();
  const cookie = await signIn(app, 'bench.3375');
  const url = `/api/v1/orgs/${office.id}/supervision/cooperatives/${registryId}/case-file`;
  const once = async () => {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return { ms, entries: res.json<{ entries: { on: string }[] }>().entries };
  };
  for (let i = 0; i < 10; i++) await once(); // warm
  const ms: number[] = [];
  let entries: { on: string }[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const r = await once();
    ms.push(r.ms);
    entries = r.entries;
  }
  await app.close();
  await deps.close();
  ms.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]! * 10) / 10;
  const perYear = new Map<string, number>();
  for (const e of entries) perYear.set(e.on.slice(0, 4), (perYear.get(e.on.slice(0, 4)) ?? 0) + 1);
  const p95 = pct(0.95);
  writeResult('case-file', {
    cooperatives: (await countCoops()) ?? null,
    entries: entries.length,
    entriesPerYear: Object.fromEntries([...perYear].sort()),
    writeSeconds,
    requests: REQUESTS,
    p50Ms: pct(0.5),
    p95Ms: p95,
    maxMs: Math.round(ms.at(-1)! * 10) / 10,
    targetP95Ms: TARGET_P95_MS,
    targetMet: p95 < TARGET_P95_MS,
  });
}

async function countCoops(): Promise<number | undefined> {
  const deps = await openBenchDeps(DATABASE);
  try {
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM registry_cooperatives`.execute(deps.database.db);
    return r.rows[0]?.n;
  } finally {
    await deps.close();
  }
}

await main();
