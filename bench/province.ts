// A province's supervision data on PostgreSQL (issue: Dinas portal 1): BENCH_PROVINCE_COOPS
// cooperatives (default 20,000) spread over Jawa Tengah's 35 regencies and cities with their status
// history, then the registry search an officer types into, timed as requests through the app
// (Fastify in process, session, permission check, tenant transaction with row-level security, the
// query): for a city office and for the province office, and the Dinas dashboard the same way.
// Targets: registry search p95 < 100 ms, dashboard p95 < 300 ms. The reports are inserted in one
// statement as the owner and the assessments by the demo's seeding: migration 0019's triggers
// keep the dashboard's summaries as they are written, as they do for the application's writes.
// Run: npx tsx bench/province.ts   (PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432)
//   BENCH_PROVINCE_REQUESTS (200)  requests per measured phase
//   BENCH_REUSE=1  time again over the database the last run generated (generating takes about 8
//                  minutes on the 2-core machine, 7 of them the assessments, scored one by one)
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { listDistricts, listRegencies } from '../src/domain/identity/regions.js';
import { systemContext } from '../src/services/context.js';
import {
  createOrganization,
  createUser,
  organizationView,
  type OrganizationView,
} from '../src/services/organizations.js';
import { reportFromEntry } from '../src/domain/supervision/report.js';
import { findUserByUsername } from '../src/db/users.repo.js';
import { rng } from '../src/services/demo/common.js';
import { seedDemoAssessments } from '../src/services/demo/supervision-assessments.js';
import { demoPaperReport } from '../src/services/demo/supervision-reports.js';
import { reportJson } from '../src/services/supervision/reports.js';
import { benchDeps, databaseExists, openBenchDeps, writeResult } from './support.js';
import type { OpenedDeps } from '../src/services/deps.js';
import { findOrganizationByName } from '../src/db/organizations.repo.js';

const COOPS = Number(process.env.BENCH_PROVINCE_COOPS ?? 20_000);
/** Five years of quarters. */
const QUARTERS = 20;
const REQUESTS = Number(process.env.BENCH_PROVINCE_REQUESTS ?? 200);
const PASSWORD = 'Bench#Province2026';
const TARGET_SEARCH_P95_MS = 100;
const DATABASE = 'sokoguru_bench_province';
/** The offices whose officers the timed phases sign in as: the province and one city. */
const OFFICES = [
  ['33', 'Dinas Koperasi dan UKM Provinsi Jawa Tengah'],
  ['3375', 'Dinas Koperasi dan UKM Kota Pekalongan'],
] as const;
const TARGET_DASHBOARD_P95_MS = 300;
/** A province's watch list reads every cooperative: about a second each, so fewer requests. */
const WATCH_LIST_REQUESTS = 20;

interface Session {
  cookie: string;
}

async function signIn(app: FastifyInstance, username: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((k) => k.name === 'sg_session');
  if (!c) throw new Error('no session cookie');
  return { cookie: `sg_session=${c.value}` };
}

/** Milliseconds of each request, in order; every answer must be 200. */
async function timeRequests(
  app: FastifyInstance,
  s: Session,
  urls: string[],
): Promise<{ p50Ms: number; p95Ms: number; maxMs: number; requests: number }> {
  const ms: number[] = [];
  for (const url of urls) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
    ms.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  }
  ms.sort((a, b) => a - b);
  const pct = (p: number) =>
    Math.round(ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]! * 10) / 10;
  return { p50Ms: pct(0.5), p95Ms: pct(0.95), maxMs: pct(1), requests: ms.length };
}

const WORDS = [
  'Artha',
  'Mitra',
  'Bina',
  'Sumber',
  'Karya',
  'Dana',
  'Usaha',
  'Sinar',
  'Tunas',
  'Cahaya',
];
const TAILS = ['Mandiri', 'Sejahtera', 'Sentosa', 'Makmur', 'Abadi', 'Utama', 'Jaya', 'Lestari'];
const TYPES = ['KONSUMEN', 'KONSUMEN', 'KSP', 'KSP', 'KSPPS', 'PRODUSEN', 'PEMASARAN', 'JASA'];

async function generate(deps: OpenedDeps) {
  const regencies = listRegencies('33');
  const districts = regencies.flatMap((r) =>
    listDistricts(r.code).map((d) => ({ regency: r.code, district: d.code })),
  );

  const offices = new Map<string, OrganizationView>();
  for (const [code, name] of OFFICES) {
    const office = await createOrganization(
      deps,
      { kind: 'dinas', name, dinasRegionCode: code },
      'bench',
    );
    offices.set(code, office);
    await createUser(deps, systemContext(office.id, 'bench'), {
      username: `bench.${code}`,
      fullName: `Petugas ${name}`,
      password: PASSWORD,
      roles: ['dinas_pengawas'],
    });
  }

  const t0 = performance.now();
  // Generated set-based as the database owner (row-level security does not apply to the owner);
  // the registry's own import is measured by its own tests, not here.
  await sql`
    CREATE TEMP TABLE bench_districts AS
    SELECT row_number() OVER () AS n, regency, district
    FROM unnest(${districts.map((d) => d.regency)}::text[], ${districts.map((d) => d.district)}::text[])
      AS d (regency, district)`.execute(deps.database.db);
  await sql`
    INSERT INTO registry_cooperatives (region_code, name, nik_koperasi, badan_hukum_number,
      badan_hukum_date, nib, cooperative_type, cooperative_form, sector, membership_area, address,
      province_code, regency_code, district_code, latitude, longitude, member_count, business_size,
      status, status_since)
    SELECT d.regency,
      (CASE t.type WHEN 'KSP' THEN 'KSP ' WHEN 'KSPPS' THEN 'KSPPS BMT ' ELSE 'Koperasi ' END)
        || (${WORDS}::text[])[1 + (g * 7) % 10] || ' ' || (${TAILS}::text[])[1 + (g * 13) % 8] || ' ' || g,
      CASE WHEN g % 5 <> 0 THEN '33' || lpad(g::text, 14, '0') END,
      'AHU-' || lpad(g::text, 7, '0') || '.AH.01.26',
      date '1985-01-01' + (g * 37 % 14600),
      CASE WHEN g % 3 = 0 THEN '9' || lpad(g::text, 12, '0') END,
      t.type, 'primer', 'Umum', 'regency', 'Jl. Raya No. ' || (g % 200),
      '33', d.regency, d.district,
      -7.5 + (g * 7919 % 10000) / 10000.0, 110.0 + (g * 104729 % 10000) / 10000.0,
      20 + g * 31 % 2000, 'KUK1',
      CASE WHEN g % 10 = 0 THEN 'inactive' ELSE 'active' END,
      date '1985-01-01' + (g * 37 % 14600)
    FROM generate_series(1, ${COOPS}) g
    JOIN bench_districts d ON d.n = 1 + g % (SELECT count(*) FROM bench_districts)
    CROSS JOIN LATERAL (SELECT (${TYPES}::text[])[1 + g % 8] AS type) t`.execute(deps.database.db);
  await sql`
    INSERT INTO registry_status_history (region_code, registry_id, status, effective_on, reason)
    SELECT region_code, id, status, status_since, 'didaftarkan' FROM registry_cooperatives`.execute(
    deps.database.db,
  );
  const registrySeconds = (performance.now() - t0) / 1000;

  // Five years of quarterly reports (2021-Q4 to 2026-Q3), about one in thirteen missing and the
  // rest on time or late, typed by the office: one sample report's content (2.7 KB of JSON, as a
  // real one) with each cooperative's own headline figures, which the dashboards aggregate.
  const t1 = performance.now();
  const province = offices.get('33')!;
  const officer = await findUserByUsername(deps.database.db, 'bench.33');
  const periods = Array.from({ length: QUARTERS }, (_, i) => {
    const q = 4 * 2021 + 3 + i; // 2021-Q4 is the first
    return { year: Math.floor(q / 4), quarter: (q % 4) + 1 };
  });
  const sample = reportJson(
    reportFromEntry(
      demoPaperReport(
        {
          baseAssets: 2_000_000_000n,
          financial: true,
          nplPerMille: 40,
          members: 500,
          menPerMille: 500,
          growthPerMillePerQuarter: 10,
        },
        '2025-Q2',
        6,
        rng(33),
      ),
    ),
  );
  await sql`
    INSERT INTO supervision_report_schedules (region_code, report_kind, due_days, effective_from)
    VALUES ('33', 'quarterly', 30, '2021-01-01')`.execute(deps.database.db);
  await sql`
    INSERT INTO supervision_reports (region_code, registry_id, report_kind, period, version, channel,
      content, content_sha256, submitted_at, submitted_on, submitted_by, submitted_by_org,
      total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah, pinjaman_rupiah,
      pinjaman_bermasalah_rupiah, simpanan_rupiah, shu_rupiah, member_count)
    SELECT r.region_code, r.id, 'quarterly', p.period, 1, 'form', ${JSON.stringify(sample)}::jsonb,
      md5(r.id::text || p.period) || md5(p.period || r.id::text),
      (p.due + ((r.id + p.n) % 45 - 15)::int)::timestamptz, p.due + ((r.id + p.n) % 45 - 15)::int,
      ${officer!.id}::uuid, ${province.id}::uuid,
      a.aset, a.aset * 6 / 10, a.aset - a.aset * 6 / 10, a.aset * 7 / 10, a.aset * 7 / 10 * (r.id % 20) / 100,
      a.aset / 2, a.aset / 40, r.member_count
    FROM registry_cooperatives r
    CROSS JOIN (SELECT n, y || '-Q' || q AS period,
                  (make_date(y, q * 3, 1) + interval '1 month' - interval '1 day')::date + 30 AS due
                FROM unnest(${periods.map((x) => x.year)}::int[], ${periods.map((x) => x.quarter)}::int[])
                  WITH ORDINALITY AS t (y, q, n)) p
    CROSS JOIN LATERAL (SELECT (r.member_count::bigint * 3000000 * (100 + p.n * 2) / 100) AS aset) a
    WHERE (r.id * 31 + p.n * 17) % 13 <> 0`.execute(deps.database.db);
  const reportSeconds = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  // each city's office assesses its own cooperatives (as the demo's city does), one city at a time
  let assessed = 0;
  for (const regency of regencies) {
    const cityOffice =
      offices.get(regency.code) ??
      (await createOrganization(
        deps,
        { kind: 'dinas', name: `Dinas Koperasi ${regency.name}`, dinasRegionCode: regency.code },
        'bench',
      ));
    assessed += (await seedDemoAssessments(deps, cityOffice, { examiner: 'bench.33' })).assessments;
  }
  const assessmentSeconds = (performance.now() - t2) / 1000;
  return {
    offices,
    regencies: regencies.length,
    assessed,
    generateSeconds: {
      registry: Math.round(registrySeconds * 10) / 10,
      reports: Math.round(reportSeconds * 10) / 10,
      assessments: Math.round(assessmentSeconds * 10) / 10,
    },
  };
}

/** The offices of a generated database, found again by name (BENCH_REUSE). */
async function reopen(deps: OpenedDeps) {
  const offices = new Map<string, OrganizationView>();
  for (const [code, name] of OFFICES) {
    const row = await findOrganizationByName(deps.database.db, name);
    if (!row) throw new Error(`${name} is missing: run once without BENCH_REUSE`);
    offices.set(code, organizationView(row));
  }
  return {
    offices,
    regencies: listRegencies('33').length,
    assessed: undefined,
    generateSeconds: undefined,
  };
}

async function main() {
  const reuse = process.env.BENCH_REUSE === '1' && (await databaseExists(DATABASE));
  const deps = reuse ? await openBenchDeps(DATABASE) : await benchDeps(DATABASE);
  const { offices, regencies, assessed, generateSeconds } = reuse
    ? await reopen(deps)
    : await generate(deps);
  // vacuumed as autovacuum would have: the dashboard's index-only scans need the visibility map
  await sql`VACUUM ANALYZE`.execute(deps.database.db);
  const counts = await sql<{ reports: number; assessments: number }>`
    SELECT (SELECT count(*)::int FROM supervision_reports) AS reports,
           (SELECT count(*)::int FROM health_assessments) AS assessments`.execute(deps.database.db);

  const app = await buildApp(deps, {
    secureCookies: false,
    logger: false,
    loginRateLimitPerMinute: 10_000,
  });
  await app.ready();
  const searches = (orgId: string) =>
    Array.from({ length: REQUESTS }, (_, i) => {
      const p = new URLSearchParams({ limit: '50' });
      // what an officer types and picks: a name word, a type, a status, a district, combinations
      if (i % 4 !== 3) p.set('q', WORDS[i % WORDS.length]!.slice(0, 3 + (i % 3)).toLowerCase());
      if (i % 3 === 0) p.set('cooperativeType', TYPES[i % TYPES.length]!);
      if (i % 5 === 0) p.set('status', 'active');
      return `/api/v1/orgs/${orgId}/registry?${p.toString()}`;
    });
  const search: Record<string, object> = {};
  const dashboard: Record<string, object> = {};
  // the early-warning watch list (no target in the issue; recorded so a regression shows): every
  // active cooperative's indicators, the rules and the peer ranking, the worst 100 answered
  const watchList: Record<string, object> = {};
  for (const [code, office] of offices) {
    const s = await signIn(app, `bench.${code}`);
    await timeRequests(app, s, searches(office.id).slice(0, 20)); // warm
    search[code === '33' ? 'province' : 'city'] = await timeRequests(app, s, searches(office.id));
    const board = Array.from(
      { length: REQUESTS },
      () => `/api/v1/orgs/${office.id}/supervision/dashboard`,
    );
    await timeRequests(app, s, board.slice(0, 5)); // warm
    dashboard[code === '33' ? 'province' : 'city'] = await timeRequests(app, s, board);
    const watch = Array.from(
      { length: code === '33' ? WATCH_LIST_REQUESTS : REQUESTS },
      () => `/api/v1/orgs/${office.id}/health/watch-list`,
    );
    await timeRequests(app, s, watch.slice(0, 2)); // warm
    watchList[code === '33' ? 'province' : 'city'] = await timeRequests(app, s, watch);
  }
  await app.close();
  await deps.close();

  const p95 = (m: Record<string, object>) =>
    Math.max(...Object.values(m).map((x) => (x as { p95Ms: number }).p95Ms));
  const worstSearchP95 = Math.max(
    ...Object.values(search).map((s) => (s as { p95Ms: number }).p95Ms),
  );
  writeResult('province', {
    cooperatives: COOPS,
    regencies,
    reused: reuse,
    quarters: QUARTERS,
    reports: counts.rows[0]!.reports,
    assessments: counts.rows[0]!.assessments,
    assessedCooperatives: assessed,
    generateSeconds,
    registrySearch: search,
    targetSearchP95Ms: TARGET_SEARCH_P95_MS,
    searchTargetMet: worstSearchP95 < TARGET_SEARCH_P95_MS,
    dashboard,
    targetDashboardP95Ms: TARGET_DASHBOARD_P95_MS,
    dashboardTargetMet: p95(dashboard) < TARGET_DASHBOARD_P95_MS,
    watchList,
  });
}

await main();
