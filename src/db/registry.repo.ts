import { sql, type Insertable, type Selectable } from 'kysely';
import type { Queryable } from './database.js';
import type { RegistryFilter, RegistrySort } from '../domain/supervision/registry.js';
import type {
  RegistryCooperativesTable,
  RegistryOrganMembersTable,
  RegistrySavedFiltersTable,
  RegistryStatusHistoryTable,
} from './schema.js';

/**
 * The supervisors' registry (migration 0012). Every statement is scoped to the office's region
 * prefix (`region`: '3375', '33', or '' for the ministry); row-level security applies the same
 * prefix to the transaction's organisation, so a statement that forgot it still sees only its
 * jurisdiction.
 */

export type RegistryRow = Selectable<RegistryCooperativesTable>;
export type NewRegistryRow = Insertable<RegistryCooperativesTable>;
export type StatusHistoryRow = Selectable<RegistryStatusHistoryTable>;
export type OrganMemberRow = Selectable<RegistryOrganMembersTable>;

/** Rows under an office's region: 'region_code starts with the office's code'. */
const under = (region: string) => sql<boolean>`region_code like ${`${region}%`}`;

/**
 * The words of a search as the registry's search words (migration 0015, registry_words): lower
 * case, split on every character that is not a-z or a digit; a word of digits and separators (an
 * NPWP typed as 01.234.567.8-901.000) is its digits.
 */
export function searchWords(q: string): string[] {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .flatMap((w) => (/^[0-9.\-/]+$/.test(w) ? [w.replace(/[^0-9]/g, '')] : w.split(/[^a-z0-9]+/)))
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, 100));
  return [...new Set(words)];
}

/** The first string after every string that starts with `prefix` (a-z0-9 words: never 'z' + 1 overflow). */
const afterPrefix = (prefix: string) =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

export interface RegistryOrder {
  sort: RegistrySort;
  direction: 'asc' | 'desc';
}

const SORT_COLUMN: Record<RegistrySort, ReturnType<typeof sql.raw>> = {
  name: sql.raw('lower(name) collate "C"'),
  badanHukumDate: sql.raw('badan_hukum_date'),
  memberCount: sql.raw('member_count'),
  statusSince: sql.raw('status_since'),
  updatedAt: sql.raw('updated_at'),
};

const ADDRESS_COLUMN: Record<number, ReturnType<typeof sql.raw>> = {
  2: sql.raw('province_code'),
  4: sql.raw('regency_code'),
  6: sql.raw('district_code'),
  10: sql.raw('village_code'),
};

/** The rows under the office's region that meet every condition of the filter. */
function matching(region: string, f: RegistryFilter) {
  const words = searchWords(f.q ?? '');
  const conditions = [under(region)];
  // each word begins a word of the row: ranges on the words' index (leakproof operators, so
  // usable under row-level security; migration 0015), the ids that have them all collected once
  // (an InitPlan) and looked up by primary key
  if (words.length > 0)
    conditions.push(
      sql<boolean>`id = any(array(${sql.join(
        words.map(
          (w) => sql`select registry_id from registry_search_words
          where word >= ${w} and word < ${afterPrefix(w)}`,
        ),
        sql` intersect `,
      )}))`,
    );
  if (f.status) conditions.push(sql`status = ${f.status}`);
  if (f.cooperativeType) conditions.push(sql`cooperative_type = ${f.cooperativeType}`);
  if (f.cooperativeForm) conditions.push(sql`cooperative_form = ${f.cooperativeForm}`);
  if (f.membershipArea) conditions.push(sql`membership_area = ${f.membershipArea}`);
  if (f.businessSize) conditions.push(sql`business_size = ${f.businessSize}`);
  if (f.sector) conditions.push(sql`lower(sector) = ${f.sector.toLowerCase()}`);
  if (f.regionCode) {
    const column = ADDRESS_COLUMN[f.regionCode.length];
    if (!column) throw new Error(`not a region code: ${f.regionCode}`);
    conditions.push(sql`${column} = ${f.regionCode}`);
  }
  if (f.linked !== undefined)
    conditions.push(
      f.linked ? sql`linked_organization_id is not null` : sql`linked_organization_id is null`,
    );
  if (f.memberCountMin !== undefined) conditions.push(sql`member_count >= ${f.memberCountMin}`);
  if (f.memberCountMax !== undefined) conditions.push(sql`member_count <= ${f.memberCountMax}`);
  if (f.badanHukumFrom) conditions.push(sql`badan_hukum_date >= ${f.badanHukumFrom}::date`);
  if (f.badanHukumTo) conditions.push(sql`badan_hukum_date <= ${f.badanHukumTo}::date`);
  return sql.join(conditions, sql` and `);
}

const orderBy = (o: RegistryOrder) => {
  const dir = sql.raw(o.direction === 'desc' ? 'desc' : 'asc');
  return sql`${SORT_COLUMN[o.sort]} ${dir} nulls last, id ${dir}`;
};

/**
 * One page of the search, in the order asked (ties by id), with the number of rows that match.
 * Measured at 20,000 rows on PostgreSQL in docs/domain/supervision-registry.md.
 */
export async function searchRegistry(
  db: Queryable,
  region: string,
  f: RegistryFilter,
  order: RegistryOrder,
  page: { limit: number; offset: number },
): Promise<{ items: RegistryRow[]; total: number }> {
  const where = matching(region, f);
  const items = await sql<RegistryRow>`select * from registry_cooperatives where ${where}
    order by ${orderBy(order)} limit ${page.limit} offset ${page.offset}`.execute(db);
  const total = await sql<{ total: number }>`select count(*)::int as total
    from registry_cooperatives where ${where}`.execute(db);
  return { items: items.rows, total: total.rows[0]?.total ?? 0 };
}

/** Every row the filter matches, in the order asked (the export). */
export async function allRegistry(
  db: Queryable,
  region: string,
  f: RegistryFilter = {},
  order: RegistryOrder = { sort: 'name', direction: 'asc' },
): Promise<RegistryRow[]> {
  const r = await sql<RegistryRow>`select * from registry_cooperatives
    where ${matching(region, f)} order by ${orderBy(order)}`.execute(db);
  return r.rows;
}

export async function findRegistryRow(
  db: Queryable,
  region: string,
  id: bigint,
  forUpdate = false,
): Promise<RegistryRow | undefined> {
  const r =
    await sql<RegistryRow>`select * from registry_cooperatives where ${under(region)} and id = ${id}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return r.rows[0];
}

/** Inserts rows with their first status history entry; ids in the rows' order. */
export async function insertRegistryRows(
  db: Queryable,
  rows: NewRegistryRow[],
  recordedBy: string | null,
  reason: string,
): Promise<RegistryRow[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('registry_cooperatives')
    .values(rows)
    .returningAll()
    .execute();
  await db
    .insertInto('registry_status_history')
    .values(
      inserted.map((r) => ({
        region_code: r.region_code,
        registry_id: r.id,
        status: r.status,
        effective_on: r.status_since,
        reason,
        recorded_by: recordedBy,
      })),
    )
    .execute();
  return inserted;
}

export async function updateRegistryRow(
  db: Queryable,
  region: string,
  id: bigint,
  patch: Partial<NewRegistryRow>,
): Promise<RegistryRow> {
  return db
    .updateTable('registry_cooperatives')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where(under(region))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertStatusChange(
  db: Queryable,
  row: { region_code: string; id: bigint },
  change: { status: RegistryRow['status']; effectiveOn: string; reason: string | null },
  recordedBy: string | null,
): Promise<void> {
  await db
    .insertInto('registry_status_history')
    .values({
      region_code: row.region_code,
      registry_id: row.id,
      status: change.status,
      effective_on: change.effectiveOn,
      reason: change.reason,
      recorded_by: recordedBy,
    })
    .execute();
}

export async function statusHistory(
  db: Queryable,
  region: string,
  id: bigint,
): Promise<StatusHistoryRow[]> {
  const r = await sql<StatusHistoryRow>`select * from registry_status_history
    where ${under(region)} and registry_id = ${id} order by effective_on, id`.execute(db);
  return r.rows;
}

export async function organMembers(
  db: Queryable,
  region: string,
  id: bigint,
): Promise<OrganMemberRow[]> {
  const r = await sql<OrganMemberRow>`select * from registry_organ_members
    where ${under(region)} and registry_id = ${id} order by organ, term_start, id`.execute(db);
  return r.rows;
}

export async function insertOrganMember(
  db: Queryable,
  row: { region_code: string; id: bigint },
  m: Omit<Insertable<RegistryOrganMembersTable>, 'region_code' | 'registry_id'>,
): Promise<OrganMemberRow> {
  return db
    .insertInto('registry_organ_members')
    .values({ ...m, region_code: row.region_code, registry_id: row.id })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Which of these NIK koperasi and organisations are already filed under any office (both are
 * unique nationally; the function answers without showing the other office's row).
 */
export async function identityTaken(
  db: Queryable,
  numbers: string[],
  organizations: string[],
  exceptId: bigint | null = null,
): Promise<{ nik_koperasi: string | null; linked_organization_id: string | null }[]> {
  if (numbers.length === 0 && organizations.length === 0) return [];
  const r = await sql<{ nik_koperasi: string | null; linked_organization_id: string | null }>`
    select * from registry_identity_taken(${numbers}::text[], ${organizations}::uuid[], ${exceptId}::bigint)`.execute(
    db,
  );
  return r.rows;
}

/** The kind of an organisation (a registry row may link only a cooperative). */
export async function organizationKind(db: Queryable, id: string): Promise<string | undefined> {
  const r = await sql<{
    kind: string;
  }>`select kind from organizations where id = ${id}`.execute(db);
  return r.rows[0]?.kind;
}

/** The region of a supervising office ('' for the ministry); undefined for any other organisation. */
/** The office's name, as its letters and reminders are signed. */
export async function officeName(db: Queryable, organizationId: string) {
  const r = await sql<{ name: string }>`
    select name from organizations where id = ${organizationId} and kind = 'dinas'`.execute(db);
  return r.rows[0]?.name;
}

export async function officeRegion(db: Queryable, organizationId: string) {
  const r = await sql<{ dinas_region_code: string | null }>`
    select dinas_region_code from organizations where id = ${organizationId} and kind = 'dinas'`.execute(
    db,
  );
  return r.rows[0]?.dinas_region_code ?? undefined;
}

export type SavedFilterRow = Selectable<RegistrySavedFiltersTable>;

/** The filters a user saved in an office, by name. */
export async function savedFilters(
  db: Queryable,
  organizationId: string,
  userId: string,
): Promise<SavedFilterRow[]> {
  return db
    .selectFrom('registry_saved_filters')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Saves a filter under a name, replacing the user's filter of the same name. */
export async function saveFilter(
  db: Queryable,
  organizationId: string,
  userId: string,
  name: string,
  filter: Record<string, unknown>,
): Promise<SavedFilterRow> {
  const json = JSON.stringify(filter);
  return db
    .insertInto('registry_saved_filters')
    .values({ organization_id: organizationId, user_id: userId, name, filter: json })
    .onConflict((oc) =>
      oc
        .columns(['organization_id', 'user_id', 'name'])
        .doUpdateSet({ filter: json, created_at: sql`now()` }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes one of the user's saved filters; whether there was one. */
export async function deleteSavedFilter(
  db: Queryable,
  organizationId: string,
  userId: string,
  id: bigint,
): Promise<boolean> {
  const r = await db
    .deleteFrom('registry_saved_filters')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Organ members of many registry rows (an import), in one statement. */
export async function insertOrganMembers(
  db: Queryable,
  rows: Insertable<RegistryOrganMembersTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('registry_organ_members').values(rows).execute();
}

/** The organ members of these registry rows (an export), by row, organ and term. */
export async function organMembersOf(
  db: Queryable,
  region: string,
  ids: bigint[],
): Promise<OrganMemberRow[]> {
  if (ids.length === 0) return [];
  const r = await sql<OrganMemberRow>`select * from registry_organ_members
    where ${under(region)} and registry_id = any(${ids.map(String)}::bigint[])
    order by registry_id, organ, term_start, id`.execute(db);
  return r.rows;
}
