import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../../src/db/database.js';
import { freshDatabase } from '../../support/db.js';

/**
 * Citus's rules for co-located distributed tables, checked against the migrated catalog (see
 * docs/scaling.md). Every organisation-owned table is distributed by its tenant column
 * (cooperative_id, or organization_id for tables every kind of organisation has — both hold an
 * organizations.id, so all of them share one co-location group); every other table is a reference
 * table, copied to every node. For a distributed table:
 *   (a) the primary key includes the distribution column;
 *   (b) every unique constraint, exclusion constraint and unique index includes it as a plain column;
 *   (c) a foreign key to another distributed table maps the distribution column onto the target's;
 *       a foreign key to a reference table is allowed, but only to the targets listed below;
 * and (d) a reference table never has a foreign key to a distributed table.
 */

export interface ForeignKeyDesc {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

export interface TableDesc {
  name: string;
  columns: string[];
  primaryKey: { name: string; columns: string[] } | null;
  /** Unique and exclusion constraints and unique indexes; null stands for an expression column. */
  uniques: { name: string; columns: (string | null)[] }[];
  foreignKeys: ForeignKeyDesc[];
}

export interface Exception {
  table: string;
  constraint: string;
  reason: string;
}

export interface Violation {
  table: string;
  constraint: string;
  rule: 'a' | 'b' | 'c' | 'd';
  message: string;
}

/** The tenant columns, in order of preference: the first one a table has distributes it. */
const DISTRIBUTION_COLUMNS = ['cooperative_id', 'organization_id'];

export function distributionColumn(t: TableDesc): string | undefined {
  return DISTRIBUTION_COLUMNS.find((c) => t.columns.includes(c));
}

/** Reference tables a distributed table may point a foreign key at (Citus allows such keys). */
export const REFERENCE_TARGETS: Record<string, string> = {
  organizations:
    'the tenants themselves: small (~130k rows nationally), read everywhere, written rarely',
  users: 'people: looked up by username before any organisation is known; written rarely',
  registry_cooperatives:
    'an office’s early-warning alerts name a registry row: the registry is written rarely (filing, corrections)',
  registry_organ_members:
    'a training participant may name their organ term in the registry: organ terms are written rarely (a few per cooperative and term)',
  koperasi_modern_criteria_versions:
    'an office’s koperasi modern target names the criteria version it counts: a handful of rows, written rarely',
};

/** Tables that are reference tables on purpose; a new table without a tenant column must be listed. */
export const REFERENCE_TABLES: Record<string, string> = {
  organizations: 'tenant registry (cooperatives, Dinas, platform), shared by every node',
  users: 'global login identities; one user may hold roles in several organisations',
  sessions: 'looked up by cookie hash before the organisation is known (or kept coordinator-local)',
  schema_migrations: 'migration bookkeeping, one row per migration',
  registry_cooperatives:
    'the supervisors’ registry: owned by a region, not an organisation (~130k cooperatives nationally)',
  registry_status_history: 'the registry’s status changes: a few rows per cooperative',
  registry_organ_members: 'the registry’s organ members and terms: about ten rows per cooperative',
  registry_search_words: 'the registry’s search words: about fifteen rows per cooperative',
  supervision_report_schedules: 'an office’s reporting rules: a few dated rows per region',
  supervision_reports:
    'report versions keyed by region and registry row like the registry (~4 quarterly + 1 yearly per cooperative and year)',
  supervision_report_reminders:
    'reminders for missing reports: a few rows per cooperative and year',
  supervision_report_sums:
    'the dashboard’s sums of the latest report versions by region, quarter and registry fields (migration 0019)',
  supervision_report_arrivals:
    'the dashboard’s counts of first report versions by region, quarter and day (migration 0019)',
  health_rubric_versions: 'rubric versions the ministry loads: a handful of rows, national',
  registry_rats: 'the RATs each registry cooperative held: one row per cooperative and book year',
  registry_rat_documents:
    'documents of a registry cooperative’s RAT (minutes, attendance, statements): a few per cooperative and book year',
  registry_rat_reminders:
    'RAT reminders an office sent: at most three per cooperative and book year',
  mediation_cases:
    'mediation cases keyed by region and registry row like the registry (a few per troubled cooperative)',
  mediation_officers: 'the officers assigned to a mediation case: a few rows per case',
  mediation_parties:
    'the parties of a mediation case and their claims: a few to a few hundred per case',
  mediation_meetings: 'the meetings of a mediation case with their minutes: a few per case',
  mediation_agreements: 'the agreement of a mediation case: one per case',
  mediation_instalments: 'the instalment plan of a mediation agreement: up to 120 per case',
  competency_certificates:
    'competency certificates of registry cooperatives’ managers and staff, keyed by region and registry row like the registry (a few per cooperative)',
  health_assessments:
    'health assessments keyed by region and registry row like the registry (about one a year per cooperative)',
  health_assessment_figures: 'an assessment’s rupiah figures: 9–27 rows per assessment',
  health_assessment_answers: 'an assessment’s checklist answers: 38–46 rows per assessment',
  health_assessment_evidence:
    'evidence files of an assessment’s checklist items: a few per assessment',
  inspection_visits:
    'inspection visits keyed by region and registry row like the registry (a few a year per cooperative)',
  inspection_visit_officers: 'the officers of a visit: one to three rows per visit',
  inspection_checklist_answers: 'a visit’s checklist answers: up to 46 rows per visit',
  inspection_findings: 'findings of a visit: a few per visit',
  inspection_recommendations: 'recommendations on a finding: one or two per finding',
  inspection_evidence: 'evidence files of findings and their follow-up: a few per finding',
  sanction_letters:
    'letters of the sanctions ladder keyed by region and registry row (rare: a few per cooperative ever)',
  sanction_letter_findings: 'the findings a letter names: a few per letter',
  sanction_letter_deliveries: 'a letter’s delivery: one row per letter',
  sanction_letter_revocations: 'a letter withdrawn: rare',
  koperasi_modern_criteria_versions:
    'koperasi modern criteria versions: national or a region’s own, a handful of rows',
  koperasi_modern_criteria: 'the items of a criteria version: 2–30 rows per version',
  koperasi_modern_assessments:
    'koperasi modern checklists keyed by region and registry row like the registry (a few per cooperative)',
  koperasi_modern_answers: 'a checklist’s answers: one row per item of its version',
  koperasi_modern_evidence: 'evidence files of a checklist’s items: a few per checklist',
  funding_referrals:
    'funding referrals keyed by region and registry row like the registry (rare: a few per cooperative ever)',
  funding_referral_events: 'a referral’s status history: at most four rows per referral',
};

/** Violations accepted on purpose, each with its reason. Stale entries fail the test. */
export const EXCEPTIONS: Exception[] = [
  {
    table: 'api_tokens',
    constraint: 'api_tokens_token_hash_key',
    reason:
      'known, reported: a bearer token is resolved by its hash before the organisation is known, so ' +
      'the hash is unique across all organisations. Under Citus api_tokens becomes a reference table ' +
      '(few rows, rarely written, references only organizations and users) or gets a lookup table.',
  },
];

export function checkCitusRules(
  tables: TableDesc[],
  exceptions: Exception[] = [],
): {
  distributed: { table: string; column: string }[];
  reference: string[];
  violations: Violation[];
  staleExceptions: Exception[];
} {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const dist = (name: string) => {
    const t = byName.get(name);
    return t ? distributionColumn(t) : undefined;
  };
  const found: Violation[] = [];
  for (const t of tables) {
    const col = distributionColumn(t);
    if (col === undefined) {
      for (const fk of t.foreignKeys) {
        if (dist(fk.refTable) !== undefined)
          found.push({
            table: t.name,
            constraint: fk.name,
            rule: 'd',
            message: `reference table ${t.name} references distributed table ${fk.refTable}`,
          });
      }
      continue;
    }
    if (!t.primaryKey || !t.primaryKey.columns.includes(col))
      found.push({
        table: t.name,
        constraint: t.primaryKey?.name ?? '(no primary key)',
        rule: 'a',
        message: `primary key (${t.primaryKey?.columns.join(', ') ?? ''}) lacks ${col}`,
      });
    for (const u of t.uniques) {
      if (!u.columns.includes(col))
        found.push({
          table: t.name,
          constraint: u.name,
          rule: 'b',
          message: `unique (${u.columns.map((c) => c ?? '<expr>').join(', ')}) lacks ${col}`,
        });
    }
    for (const fk of t.foreignKeys) {
      const refCol = dist(fk.refTable);
      if (refCol === undefined) {
        if (!(fk.refTable in REFERENCE_TARGETS))
          found.push({
            table: t.name,
            constraint: fk.name,
            rule: 'c',
            message: `references reference table ${fk.refTable}, not an allowed reference target`,
          });
        continue;
      }
      const mapped = fk.columns.some((c, i) => c === col && fk.refColumns[i] === refCol);
      if (!mapped)
        found.push({
          table: t.name,
          constraint: fk.name,
          rule: 'c',
          message:
            `(${fk.columns.join(', ')}) -> ${fk.refTable} (${fk.refColumns.join(', ')}) ` +
            `does not map ${col} onto ${refCol}`,
        });
    }
  }
  const excepted = (v: Violation) =>
    exceptions.some((e) => e.table === v.table && e.constraint === v.constraint);
  return {
    distributed: tables.flatMap((t) => {
      const column = distributionColumn(t);
      return column ? [{ table: t.name, column }] : [];
    }),
    reference: tables.filter((t) => distributionColumn(t) === undefined).map((t) => t.name),
    violations: found.filter((v) => !excepted(v)),
    staleExceptions: exceptions.filter(
      (e) => !found.some((v) => v.table === e.table && v.constraint === e.constraint),
    ),
  };
}

/** Describes every ordinary and partitioned table in schema public from the catalog. */
async function describeSchema(db: Database['db']): Promise<TableDesc[]> {
  const cols = (rel: string, keys: string, extra = '') =>
    `(select coalesce(json_agg(a.attname::text order by k.ord), '[]'::json)
        from unnest(${keys}::int2[]) with ordinality k(attnum, ord)
        left join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.attnum ${extra})`;
  const tables = await sql<{ name: string; columns: string[] }>`
    select c.relname::text as name,
           (select json_agg(a.attname::text order by a.attnum) from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`.execute(db);
  const constraints = await sql<{
    table: string;
    name: string;
    type: string;
    columns: string[];
    ref_table: string | null;
    ref_columns: string[];
  }>`
    select c.relname::text as table, con.conname::text as name, con.contype::text as type,
           ${sql.raw(cols('con.conrelid', 'con.conkey'))} as columns,
           f.relname::text as ref_table,
           ${sql.raw(cols('con.confrelid', 'con.confkey'))} as ref_columns
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_class f on f.oid = con.confrelid
     where n.nspname = 'public' and con.contype in ('p', 'u', 'x', 'f') and con.conparentid = 0
     order by 1, 2`.execute(db);
  // Unique indexes that back no constraint (partial and expression ones included); key columns only.
  const indexes = await sql<{ table: string; name: string; columns: (string | null)[] }>`
    select c.relname::text as table, ic.relname::text as name,
           ${sql.raw(cols('i.indrelid', 'i.indkey', 'where k.ord <= i.indnkeyatts'))} as columns
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_class ic on ic.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and i.indisunique
       and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid
                          and con.contype in ('p', 'u', 'x'))
     order by 1, 2`.execute(db);
  return tables.rows.map((t): TableDesc => {
    const own = constraints.rows.filter((c) => c.table === t.name);
    const pk = own.find((c) => c.type === 'p');
    return {
      name: t.name,
      columns: t.columns,
      primaryKey: pk ? { name: pk.name, columns: pk.columns } : null,
      uniques: [
        ...own.filter((c) => c.type === 'u' || c.type === 'x'),
        ...indexes.rows.filter((i) => i.table === t.name),
      ].map((u) => ({ name: u.name, columns: u.columns })),
      foreignKeys: own
        .filter((c) => c.type === 'f')
        .map((c) => ({
          name: c.name,
          columns: c.columns,
          refTable: c.ref_table ?? '',
          refColumns: c.ref_columns,
        })),
    };
  });
}

describe('checkCitusRules (self-check on fake table descriptions)', () => {
  const parent: TableDesc = {
    name: 'parents',
    columns: ['cooperative_id', 'id', 'code'],
    primaryKey: { name: 'parents_pkey', columns: ['cooperative_id', 'id'] },
    uniques: [{ name: 'parents_code_key', columns: ['cooperative_id', 'code'] }],
    foreignKeys: [
      {
        name: 'parents_coop_fkey',
        columns: ['cooperative_id'],
        refTable: 'organizations',
        refColumns: ['id'],
      },
    ],
  };
  const organizations: TableDesc = {
    name: 'organizations',
    columns: ['id', 'name'],
    primaryKey: { name: 'organizations_pkey', columns: ['id'] },
    uniques: [],
    foreignKeys: [],
  };

  it('accepts co-located tables, counters keyed by cooperative_id alone and keys to organizations', () => {
    const counter: TableDesc = {
      name: 'counters',
      columns: ['cooperative_id', 'next'],
      primaryKey: { name: 'counters_pkey', columns: ['cooperative_id'] },
      uniques: [],
      foreignKeys: [],
    };
    const r = checkCitusRules([organizations, parent, counter]);
    expect(r.violations).toEqual([]);
    expect(r.reference).toEqual(['organizations']);
    expect(r.distributed).toEqual([
      { table: 'parents', column: 'cooperative_id' },
      { table: 'counters', column: 'cooperative_id' },
    ]);
  });

  it('reports every broken rule, and stops reporting what an exception names', () => {
    const bad: TableDesc = {
      name: 'bad',
      columns: ['cooperative_id', 'id', 'parent_id', 'email', 'session_id'],
      primaryKey: { name: 'bad_pkey', columns: ['id'] },
      uniques: [
        { name: 'bad_email_key', columns: ['email'] },
        { name: 'bad_lower_email', columns: [null] },
      ],
      foreignKeys: [
        {
          name: 'bad_parent_fkey',
          columns: ['parent_id'],
          refTable: 'parents',
          refColumns: ['id'],
        },
        {
          name: 'bad_crossed_fkey',
          columns: ['cooperative_id', 'parent_id'],
          refTable: 'parents',
          refColumns: ['id', 'cooperative_id'],
        },
        {
          name: 'bad_session_fkey',
          columns: ['session_id'],
          refTable: 'sessions',
          refColumns: ['id'],
        },
      ],
    };
    const sessions: TableDesc = {
      name: 'sessions',
      columns: ['id', 'parent_id'],
      primaryKey: { name: 'sessions_pkey', columns: ['id'] },
      uniques: [],
      foreignKeys: [
        {
          name: 'sessions_parent_fkey',
          columns: ['parent_id'],
          refTable: 'parents',
          refColumns: ['id'],
        },
      ],
    };
    const r = checkCitusRules([organizations, parent, bad, sessions]);
    expect(r.violations.map((v) => `${v.rule} ${v.table}.${v.constraint}`)).toEqual([
      'a bad.bad_pkey',
      'b bad.bad_email_key',
      'b bad.bad_lower_email',
      'c bad.bad_parent_fkey',
      'c bad.bad_crossed_fkey',
      'c bad.bad_session_fkey',
      'd sessions.sessions_parent_fkey',
    ]);
    const excepted = checkCitusRules(
      [organizations, parent, bad, sessions],
      [
        { table: 'bad', constraint: 'bad_email_key', reason: 'test' },
        { table: 'bad', constraint: 'no_such_constraint', reason: 'test' },
      ],
    );
    expect(excepted.violations).toHaveLength(6);
    expect(excepted.staleExceptions.map((e) => e.constraint)).toEqual(['no_such_constraint']);
  });

  it('reports a distributed table without a primary key', () => {
    const r = checkCitusRules([{ ...parent, primaryKey: null }]);
    expect(r.violations.map((v) => v.rule)).toEqual(['a']);
  });
});

// The catalog is read at collection time so the test names can list the tables.
const testDb = await freshDatabase();
const schema = await describeSchema(testDb.database.db);
const result = checkCitusRules(schema, EXCEPTIONS);
afterAll(() => testDb.drop());

describe('the migrated schema follows Citus co-location rules', () => {
  it(`distributes ${result.distributed.length} tables by their tenant column`, () => {
    expect(result.distributed.length).toBeGreaterThan(20);
    expect(result.distributed.filter((d) => d.column === 'cooperative_id').length).toBeGreaterThan(
      15,
    );
  });

  it(`reference tables: ${result.reference.join(', ')}`, () => {
    // A new table without a tenant column must be made a reference table on purpose.
    expect(result.reference.sort()).toEqual(Object.keys(REFERENCE_TABLES).sort());
  });

  it('(a) primary keys, (b) unique keys, (c, d) foreign keys — violations outside EXCEPTIONS', () => {
    expect(result.violations).toEqual([]);
  });

  it(`exceptions are all still needed: ${EXCEPTIONS.map((e) => `${e.table}.${e.constraint}`).join(', ')}`, () => {
    expect(result.staleExceptions).toEqual([]);
  });
});
