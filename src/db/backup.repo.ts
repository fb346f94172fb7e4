import { sql } from 'kysely';
import type { Queryable } from './database.js';

/**
 * Generic table metadata for backup, restore and checksums, read from the catalogue so that every
 * table a later migration adds is covered without a list to keep up to date.
 */
export interface TableInfo {
  name: string;
  /** cooperative_id / organization_id, or for organizations itself 'id'; null for global tables. */
  orgColumn: string | null;
  primaryKey: string[];
  identityColumns: string[];
  /** Foreign keys to other tables: [column, referenced table, referenced column] (single-column only). */
  references: { column: string; table: string; refColumn: string }[];
}

/** Tables never archived: migration bookkeeping and login sessions (re-created by signing in). */
const SKIPPED = new Set(['schema_migrations', 'sessions']);

export async function listTables(db: Queryable): Promise<TableInfo[]> {
  // pg_catalog rather than information_schema.columns: the same columns (tables and partitions of
  // the public schema, in column order) in a few milliseconds instead of 300–700 ms, which every
  // checksum paid (the fuzz sweep takes one per route).
  const cols = await sql<{ table_name: string; column_name: string; is_identity: string }>`
    select cl.relname::text as table_name, a.attname::text as column_name,
      case when a.attidentity <> '' then 'YES' else 'NO' end as is_identity
    from pg_class cl
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = cl.oid and a.attnum > 0 and not a.attisdropped
    where cl.relkind in ('r', 'p')
    order by cl.relname, a.attnum`.execute(db);
  const pks = await sql<{ table_name: string; columns: string[] }>`
    select cl.relname::text as table_name, array_agg(a.attname::text order by k.ord) as columns
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname = 'public'
    cross join lateral unnest(con.conkey) with ordinality as k(attnum, ord)
    join pg_attribute a on a.attrelid = cl.oid and a.attnum = k.attnum
    where con.contype = 'p'
    group by cl.relname`.execute(db);
  const fks = await sql<{
    table_name: string;
    column_name: string;
    ref_table: string;
    ref_column: string;
  }>`
    select cl.relname::text as table_name, a.attname::text as column_name, rcl.relname::text as ref_table, ra.attname::text as ref_column
    from pg_constraint con
    join pg_class cl on cl.oid = con.conrelid
    join pg_namespace n on n.oid = cl.relnamespace and n.nspname = 'public'
    join pg_class rcl on rcl.oid = con.confrelid
    join pg_attribute a on a.attrelid = cl.oid and a.attnum = con.conkey[1]
    join pg_attribute ra on ra.attrelid = rcl.oid and ra.attnum = con.confkey[1]
    where con.contype = 'f' and array_length(con.conkey, 1) = 1`.execute(db);
  const byTable = new Map<string, TableInfo>();
  for (const c of cols.rows) {
    if (SKIPPED.has(c.table_name)) continue;
    let t = byTable.get(c.table_name);
    if (!t) {
      t = {
        name: c.table_name,
        orgColumn: null,
        primaryKey: [],
        identityColumns: [],
        references: [],
      };
      byTable.set(c.table_name, t);
    }
    if (c.column_name === 'cooperative_id' || c.column_name === 'organization_id')
      t.orgColumn ??= c.column_name;
    if (c.is_identity === 'YES') t.identityColumns.push(c.column_name);
  }
  const orgs = byTable.get('organizations');
  if (orgs) orgs.orgColumn = 'id';
  for (const p of pks.rows) {
    const t = byTable.get(p.table_name);
    if (t) t.primaryKey = p.columns;
  }
  for (const f of fks.rows) {
    const t = byTable.get(f.table_name);
    if (t && f.ref_table !== f.table_name)
      t.references.push({ column: f.column_name, table: f.ref_table, refColumn: f.ref_column });
  }
  return topologicalOrder([...byTable.values()]);
}

/** Referenced tables first, so rows restore in an order foreign keys accept. */
function topologicalOrder(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const r of t.references) {
      const dep = byName.get(r.table);
      if (dep) visit(dep, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The WHERE clause selecting what belongs to one organisation in a table: its own rows, or for a
 * global table (users), the rows the organisation's rows point at.
 */
export function scopeFilter(
  t: TableInfo,
  all: TableInfo[],
  organizationId: string | null,
): string | null {
  if (organizationId === null) return t.name === 'organizations' ? "kind <> 'platform'" : 'true';
  const lit = `'${organizationId.replace(/'/g, "''")}'::uuid`;
  if (t.name === 'organizations') {
    // The organisation, plus any organisation it references (its supervising Dinas).
    // The platform organisation is excluded: every database has it from its first migration.
    return `id = ${lit} or id in (select supervising_dinas_id from organizations where id = ${lit})`;
  }
  if (t.orgColumn) return `${ident(t.orgColumn)} = ${lit}`;
  const sources: string[] = [];
  for (const other of all) {
    if (!other.orgColumn || other.name === 'organizations') continue;
    for (const r of other.references) {
      if (r.table === t.name) {
        sources.push(
          `select ${ident(r.column)} from ${ident(other.name)} where ${ident(other.orgColumn)} = ${lit}`,
        );
      }
    }
  }
  const pk = t.primaryKey[0];
  if (sources.length === 0 || !pk) return null;
  return `${ident(pk)} in (${sources.join(' union ')})`;
}

/** Opens a cursor over a table's selected rows as JSON text (inside the caller's transaction). */
export async function openRowCursor(
  db: Queryable,
  cursor: string,
  t: TableInfo,
  where: string,
): Promise<void> {
  const order = t.primaryKey.map(ident).join(', ') || '1';
  await sql`declare ${sql.raw(ident(cursor))} no scroll cursor for
    select row_to_json(x)::text as j from ${sql.raw(ident(t.name))} x where ${sql.raw(where)} order by ${sql.raw(order)}`.execute(
    db,
  );
}

export async function fetchRows(db: Queryable, cursor: string, limit: number): Promise<string[]> {
  const r = await sql<{
    j: string;
  }>`fetch ${sql.raw(String(limit))} from ${sql.raw(ident(cursor))}`.execute(db);
  return r.rows.map((row) => row.j);
}

export async function closeCursor(db: Queryable, cursor: string): Promise<void> {
  await sql`close ${sql.raw(ident(cursor))}`.execute(db);
}

export async function countRows(db: Queryable, t: TableInfo, where: string): Promise<bigint> {
  const r = await sql<{
    n: bigint;
  }>`select count(*) as n from ${sql.raw(ident(t.name))} where ${sql.raw(where)}`.execute(db);
  return r.rows[0]?.n ?? 0n;
}

/**
 * An order-independent checksum of a table's selected rows: the sum of the first 60 bits of each
 * row's MD5 (as numeric, so no overflow), with the row count. No sort, one pass.
 */
/**
 * Row count and sum of row hashes of many tables in one statement (one round trip and one plan
 * instead of one per table), in the order given.
 */
export async function tableChecksums(
  db: Queryable,
  scoped: { table: TableInfo; where: string }[],
): Promise<{ rows: bigint; sum: string }[]> {
  if (scoped.length === 0) return [];
  const parts = scoped.map(
    ({ table, where }, i) =>
      `select ${i} as i, count(*) as n, coalesce(sum(('x' || substr(md5(row_to_json(x)::text), 1, 15))::bit(60)::bigint::numeric), 0)::text as s from ${ident(table.name)} x where ${where}`,
  );
  const r = await sql<{
    i: number;
    n: bigint;
    s: string;
  }>`${sql.raw(parts.join('\nunion all\n'))}`.execute(db);
  const out = scoped.map(() => ({ rows: 0n, sum: '0' }));
  for (const row of r.rows) out[Number(row.i)] = { rows: BigInt(row.n), sum: row.s };
  return out;
}

export async function insertJsonRows(
  db: Queryable,
  t: TableInfo,
  jsonRows: string[],
): Promise<void> {
  if (jsonRows.length === 0) return;
  const overriding =
    t.identityColumns.length > 0 ? sql.raw('overriding system value') : sql.raw('');
  await sql`insert into ${sql.raw(ident(t.name))} ${overriding}
    select * from json_populate_recordset(null::${sql.raw(ident(t.name))}, ${`[${jsonRows.join(',')}]`}::json)
    on conflict do nothing`.execute(db);
}

export async function resetIdentitySequences(db: Queryable, t: TableInfo): Promise<void> {
  for (const c of t.identityColumns) {
    await sql`select setval(pg_get_serial_sequence(${t.name}, ${c}), greatest((select max(${sql.raw(ident(c))}) from ${sql.raw(ident(t.name))}), 1))`.execute(
      db,
    );
  }
}

/** The settings every archive transaction runs with: timestamps written and read as UTC. */
export async function useUtc(db: Queryable): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(db);
}

/** A backup only reads; saying so lets PostgreSQL skip the bookkeeping of a writer. */
export async function readOnly(db: Queryable): Promise<void> {
  await sql`set transaction read only`.execute(db);
}

/**
 * Triggers (immutability, maintained balances) would reject or double-count archived rows that
 * were already checked when first written; replica mode skips them where we are allowed to.
 */
export async function skipTriggersIfAllowed(db: Queryable): Promise<void> {
  await sql`set local session_replication_role = replica`.execute(db).catch(() => undefined);
}

/** Ids of the cooperatives and Dinas offices present (the platform organisation always is). */
export async function organizationIds(db: Queryable): Promise<string[]> {
  const rows = await db
    .selectFrom('organizations')
    .select('id')
    .where('kind', '<>', 'platform')
    .execute();
  return rows.map((r) => r.id);
}
