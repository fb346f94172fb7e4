import { sql, type Insertable, type Selectable } from 'kysely';
import type { Queryable } from './database.js';
import type {
  RegistryCooperativesTable,
  RegistryOrganMembersTable,
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

export interface RegistryFilter {
  /** words matched against name, identifiers and address */
  q?: string;
  status?: string;
  cooperativeType?: string;
  cooperativeForm?: string;
  membershipArea?: string;
  businessSize?: string;
  sector?: string;
  /** a region inside the office's: a regency, district or village code prefix of the address */
  regionPrefix?: string;
  linked?: boolean;
  afterId?: bigint;
  limit: number;
}

export async function listRegistry(
  db: Queryable,
  region: string,
  f: RegistryFilter,
): Promise<RegistryRow[]> {
  const words = (f.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const r = await sql<RegistryRow>`select * from registry_cooperatives where ${under(region)}
    ${sql.join(
      words.map(
        (
          w,
        ) => sql`and concat_ws(' ', lower(name), nik_koperasi, lower(badan_hukum_number), nib, npwp,
          lower(address), lower(sector)) like ${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
      ),
      sql` `,
    )}
    ${f.status ? sql`and status = ${f.status}` : sql``}
    ${f.cooperativeType ? sql`and cooperative_type = ${f.cooperativeType}` : sql``}
    ${f.cooperativeForm ? sql`and cooperative_form = ${f.cooperativeForm}` : sql``}
    ${f.membershipArea ? sql`and membership_area = ${f.membershipArea}` : sql``}
    ${f.businessSize ? sql`and business_size = ${f.businessSize}` : sql``}
    ${f.sector ? sql`and lower(sector) = ${f.sector.toLowerCase()}` : sql``}
    ${
      f.regionPrefix
        ? sql`and coalesce(village_code, district_code, regency_code, province_code) like ${`${f.regionPrefix}%`}`
        : sql``
    }
    ${f.linked === undefined ? sql`` : f.linked ? sql`and linked_organization_id is not null` : sql`and linked_organization_id is null`}
    ${f.afterId !== undefined ? sql`and id > ${f.afterId}` : sql``}
    order by id limit ${f.limit}`.execute(db);
  return r.rows;
}

/** Every row under the region, in id order (the export). */
export async function allRegistry(db: Queryable, region: string): Promise<RegistryRow[]> {
  const r =
    await sql<RegistryRow>`select * from registry_cooperatives where ${under(region)} order by id`.execute(
      db,
    );
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
export async function officeRegion(db: Queryable, organizationId: string) {
  const r = await sql<{ dinas_region_code: string | null }>`
    select dinas_region_code from organizations where id = ${organizationId} and kind = 'dinas'`.execute(
    db,
  );
  return r.rows[0]?.dinas_region_code ?? undefined;
}
