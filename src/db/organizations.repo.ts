import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Queryable } from './database.js';
import type { OrganizationsTable } from './schema.js';

export type OrganizationRow = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type OrganizationPatch = Updateable<OrganizationsTable>;

export async function findOrganization(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<OrganizationRow | undefined> {
  let q = db.selectFrom('organizations').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function insertOrganization(
  db: Queryable,
  org: NewOrganization,
): Promise<OrganizationRow> {
  return db.insertInto('organizations').values(org).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrganization(
  db: Queryable,
  id: string,
  patch: OrganizationPatch,
): Promise<OrganizationRow> {
  return db
    .updateTable('organizations')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function nikKoperasiTaken(
  db: Queryable,
  nik: string,
  exceptId?: string,
): Promise<boolean> {
  let q = db.selectFrom('organizations').select('id').where('nik_koperasi', '=', nik);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function cooperativesSupervisedBy(db: Queryable, dinasId: string) {
  return db
    .selectFrom('organizations')
    .select([
      'id',
      'name',
      'cooperative_type',
      'nik_koperasi',
      'badan_hukum_number',
      'regency_code',
      'address',
    ])
    .where('supervising_dinas_id', '=', dinasId)
    .where('kind', '=', 'cooperative')
    .orderBy('name')
    .execute();
}

export async function findOrganizationByName(
  db: Queryable,
  name: string,
): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('name', '=', name).executeTakeFirst();
}

// Branches ------------------------------------------------------------------------------------

export async function listBranches(db: Queryable, cooperativeId: string) {
  return db
    .selectFrom('branches')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('code')
    .execute();
}

export async function findBranch(db: Queryable, cooperativeId: string, id: bigint) {
  return db
    .selectFrom('branches')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertBranch(
  db: Queryable,
  b: {
    cooperativeId: string;
    code: string;
    name: string;
    address: string | null;
    regencyCode: string | null;
    isHeadOffice: boolean;
  },
) {
  return db
    .insertInto('branches')
    .values({
      cooperative_id: b.cooperativeId,
      code: b.code,
      name: b.name,
      address: b.address,
      regency_code: b.regencyCode,
      is_head_office: b.isHeadOffice,
    })
    .onConflict((oc) => oc.columns(['cooperative_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
}
