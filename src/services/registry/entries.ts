import type { OrgTx } from '../context.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import * as ewRepo from '../../db/early-warning.repo.js';
import * as repo from '../../db/registry.repo.js';
import type { RegistryOrder, RegistryRow } from '../../db/registry.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError, invalidFields as invalid } from '../../domain/errors.js';
import {
  checkOrganTerm,
  checkRegistryFields,
  checkStatusChange,
  type OrganTermInput,
  type RegistryFilter,
  type RegistryFields,
  type RegistryFieldsInput,
  type RegistryStatus,
} from '../../domain/supervision/registry.js';
import {
  checkRatRecord,
  ratDeadline,
  ratTimeliness,
} from '../../domain/supervision/early-warning.js';

/**
 * The registry a supervising office keeps of the cooperatives under its jurisdiction: list and
 * search, one entry with its status history and organs, filing, correcting, status changes (each
 * written to the history) and organ terms. Every call runs in the office's tenant transaction, so
 * row-level security holds it to its region whatever the statement says.
 */

export type RegistryView = ReturnType<typeof registryView>;

export function registryView(r: RegistryRow) {
  return {
    id: r.id.toString(),
    regionCode: r.region_code,
    linkedOrganizationId: r.linked_organization_id,
    name: r.name,
    nikKoperasi: r.nik_koperasi,
    nikCertificateValidUntil: r.nik_certificate_valid_until,
    badanHukumNumber: r.badan_hukum_number,
    badanHukumDate: r.badan_hukum_date,
    nib: r.nib,
    npwp: r.npwp,
    cooperativeType: r.cooperative_type,
    cooperativeForm: r.cooperative_form,
    sector: r.sector,
    membershipArea: r.membership_area,
    address: r.address,
    provinceCode: r.province_code,
    regencyCode: r.regency_code,
    districtCode: r.district_code,
    villageCode: r.village_code,
    latitude: r.latitude,
    longitude: r.longitude,
    memberCount: r.member_count,
    businessSize: r.business_size,
    status: r.status,
    statusSince: r.status_since,
    officerUserId: r.officer_user_id,
    updatedAt: r.updated_at.toISOString(),
  };
}

/** The fields as the registry table's columns. */
export function registryColumns(f: RegistryFields, linkedOrganizationId: string | null) {
  return {
    region_code: f.regionCode,
    linked_organization_id: linkedOrganizationId,
    name: f.name,
    nik_koperasi: f.nikKoperasi,
    nik_certificate_valid_until: f.nikCertificateValidUntil,
    badan_hukum_number: f.badanHukumNumber,
    badan_hukum_date: f.badanHukumDate,
    nib: f.nib,
    npwp: f.npwp,
    cooperative_type: f.cooperativeType,
    cooperative_form: f.cooperativeForm,
    sector: f.sector,
    membership_area: f.membershipArea,
    address: f.address,
    province_code: f.provinceCode,
    regency_code: f.regencyCode,
    district_code: f.districtCode,
    village_code: f.villageCode,
    latitude: f.latitude,
    longitude: f.longitude,
    member_count: f.memberCount,
    business_size: f.businessSize,
  };
}

/** The office's region, the key of everything it may see; only a supervising office has one. */
export async function regionOf(o: OrgTx): Promise<string> {
  const region = await repo.officeRegion(o.tx, o.ctx.organizationId);
  if (region === undefined) throw new AppError('FORBIDDEN');
  return region;
}

/** Checks fields for the office and refuses with every problem. */
export function checkedFields(
  input: RegistryFieldsInput,
  region: string,
  today: string,
): RegistryFields {
  const c = checkRegistryFields(input, region, today);
  if (!c.ok) throw invalid(c.problems);
  return c.value;
}

/**
 * Which NIK koperasi and linked organisations among `entries` are already filed under any office
 * (other than the row `exceptId`); a linked organisation must be a cooperative.
 */
export async function filedElsewhere(
  o: OrgTx,
  entries: { nikKoperasi: string | null; linkedOrganizationId: string | null }[],
  exceptId: bigint | null,
): Promise<{ nik: Set<string>; org: Set<string> }> {
  const numbers = entries.flatMap((e) => (e.nikKoperasi ? [e.nikKoperasi] : []));
  const orgs = entries.flatMap((e) => (e.linkedOrganizationId ? [e.linkedOrganizationId] : []));
  for (const id of orgs)
    if ((await repo.organizationKind(o.tx, id)) !== 'cooperative')
      throw invalid([{ field: 'linkedOrganizationId', code: 'NOT_A_COOPERATIVE' }]);
  const taken = await repo.identityTaken(o.tx, numbers, orgs, exceptId);
  return {
    nik: new Set(taken.flatMap((t) => (t.nik_koperasi ? [t.nik_koperasi] : []))),
    org: new Set(
      taken.flatMap((t) => (t.linked_organization_id ? [t.linked_organization_id] : [])),
    ),
  };
}

/** The NIK koperasi is unique nationally; a Sokoguru cooperative has one registry row. */
async function refuseFiledElsewhere(
  o: OrgTx,
  nikKoperasi: string | null,
  linked: string | null,
  exceptId: bigint | null,
): Promise<void> {
  const taken = await filedElsewhere(o, [{ nikKoperasi, linkedOrganizationId: linked }], exceptId);
  if (nikKoperasi && taken.nik.has(nikKoperasi)) throw new AppError('ORG_NIK_KOPERASI_TAKEN');
  if (linked && taken.org.has(linked))
    throw invalid([{ field: 'linkedOrganizationId', code: 'ALREADY_LINKED' }]);
}

/** One page of the office's registry that meets the filter, in the order asked, with the count. */
export async function searchRegistry(
  deps: Deps,
  ctx: OrgContext,
  filter: RegistryFilter,
  order: RegistryOrder,
  page: { limit: number; offset: number },
) {
  return inOrg(deps, ctx, async (o) => {
    const r = await repo.searchRegistry(o.tx, await regionOf(o), filter, order, page);
    return { items: r.items.map(registryView), total: r.total };
  });
}

async function mustFind(o: OrgTx, region: string, id: bigint, forUpdate = false) {
  const row = await repo.findRegistryRow(o.tx, region, id, forUpdate);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

async function detail(o: OrgTx, region: string, row: RegistryRow) {
  const [history, organs, rats, officers] = await Promise.all([
    repo.statusHistory(o.tx, region, row.id),
    repo.organMembers(o.tx, region, row.id),
    ewRepo.ratsOf(o.tx, region, row.id),
    row.officer_user_id ? ewRepo.officersOf(o.tx, o.ctx.organizationId) : Promise.resolve([]),
  ]);
  const officer = row.officer_user_id
    ? (officers.find((u) => u.id === row.officer_user_id) ?? null)
    : null;
  return {
    ...registryView(row),
    // an officer of another office (the province's, seen from a city) shows as such, unnamed
    officer: row.officer_user_id
      ? { userId: row.officer_user_id, fullName: officer?.full_name ?? null }
      : null,
    rats: rats.map((r) => ({
      bookYear: r.book_year,
      heldOn: r.held_on,
      deadline: ratDeadline(r.book_year),
      timeliness: ratTimeliness(r.book_year, r.held_on),
      recordedBy: r.recorded_by_name,
      recordedAt: r.recorded_at.toISOString(),
    })),
    statusHistory: history.map((h) => ({
      id: h.id.toString(),
      status: h.status,
      effectiveOn: h.effective_on,
      reason: h.reason,
      recordedAt: h.recorded_at.toISOString(),
    })),
    organs: organs.map((m) => ({
      id: m.id.toString(),
      organ: m.organ,
      position: m.position,
      fullName: m.full_name,
      phone: m.phone,
      termStart: m.term_start,
      termEnd: m.term_end,
    })),
  };
}
export type RegistryDetail = Awaited<ReturnType<typeof detail>>;

export async function getRegistryEntry(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
): Promise<RegistryDetail> {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    return detail(o, region, await mustFind(o, region, id));
  });
}

export interface NewRegistryEntry extends RegistryFieldsInput {
  linkedOrganizationId?: string | null;
  status?: RegistryStatus;
  statusSince?: string;
}

export async function createRegistryEntry(
  deps: Deps,
  ctx: OrgContext,
  input: NewRegistryEntry,
): Promise<RegistryDetail> {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const f = checkedFields(input, region, today);
    const since = input.statusSince ?? today;
    if (since > today) throw invalid([{ field: 'statusSince', code: 'DATE_IN_FUTURE' }]);
    const linked = input.linkedOrganizationId ?? null;
    await refuseFiledElsewhere(o, f.nikKoperasi, linked, null);
    const [row] = await repo.insertRegistryRows(
      o.tx,
      [{ ...registryColumns(f, linked), status: input.status ?? 'active', status_since: since }],
      ctx.actor.userId,
      'didaftarkan',
    );
    await o.audit({
      action: 'registry.created',
      entityType: 'registry-cooperative',
      entityId: row!.id,
      after: { ...registryView(row!) },
    });
    return detail(o, region, row!);
  });
}

/** A correction of an entry's data; its status changes only through changeRegistryStatus. */
export async function updateRegistryEntry(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: RegistryFieldsInput & { linkedOrganizationId?: string | null },
): Promise<RegistryDetail> {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const before = await mustFind(o, region, id, true);
    const f = checkedFields(input, region, today);
    const linked =
      input.linkedOrganizationId === undefined
        ? before.linked_organization_id
        : input.linkedOrganizationId;
    await refuseFiledElsewhere(o, f.nikKoperasi, linked, id);
    const after = await repo.updateRegistryRow(o.tx, region, id, registryColumns(f, linked));
    await o.audit({
      action: 'registry.updated',
      entityType: 'registry-cooperative',
      entityId: id,
      before: { ...registryView(before) },
      after: { ...registryView(after) },
    });
    return detail(o, region, after);
  });
}

export async function changeRegistryStatus(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  change: { status: RegistryStatus; effectiveOn: string; reason: string },
): Promise<RegistryDetail> {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const before = await mustFind(o, region, id, true);
    const c = checkStatusChange(
      { status: before.status, since: before.status_since },
      change,
      today,
    );
    if (!c.ok)
      throw invalid([
        { field: c.code === 'DATE_INVALID' ? 'effectiveOn' : 'status', code: c.code },
      ]);
    await repo.insertStatusChange(o.tx, before, { ...change }, ctx.actor.userId);
    const after = await repo.updateRegistryRow(o.tx, region, id, {
      status: change.status,
      status_since: change.effectiveOn,
    });
    await o.audit({
      action: 'registry.status-changed',
      entityType: 'registry-cooperative',
      entityId: id,
      before: { status: before.status, since: before.status_since },
      after: { status: after.status, since: after.status_since, reason: change.reason },
    });
    return detail(o, region, after);
  });
}

export async function addOrganMember(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: OrganTermInput,
): Promise<RegistryDetail> {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const row = await mustFind(o, region, id);
    const c = checkOrganTerm(input);
    if (!c.ok) throw invalid([{ field: c.field, code: c.code }]);
    const m = await repo.insertOrganMember(o.tx, row, {
      organ: c.value.organ,
      position: c.value.position,
      full_name: c.value.fullName,
      phone: c.value.phone,
      term_start: c.value.termStart,
      term_end: c.value.termEnd,
    });
    await o.audit({
      action: 'registry.organ-member-added',
      entityType: 'registry-cooperative',
      entityId: id,
      after: { organ: m.organ, fullName: m.full_name, termStart: m.term_start },
    });
    return detail(o, region, row);
  });
}

/**
 * Records the RAT a cooperative held for a book year (from the minutes the office received), or
 * corrects the date already recorded; the audit log keeps the date before.
 */
export async function recordRat(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: { bookYear: number; heldOn: string },
): Promise<RegistryDetail> {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const row = await mustFind(o, region, id);
    const problem = checkRatRecord(input, today);
    if (problem) throw invalid([problem]);
    const before = await ewRepo.upsertRat(
      o.tx,
      {
        region_code: row.region_code,
        registry_id: row.id,
        book_year: input.bookYear,
        held_on: input.heldOn,
      },
      ctx.actor.userId,
    );
    await o.audit({
      action: 'registry.rat-recorded',
      entityType: 'registry-cooperative',
      entityId: id,
      ...(before ? { before: { bookYear: input.bookYear, heldOn: before } } : {}),
      after: { bookYear: input.bookYear, heldOn: input.heldOn },
    });
    return detail(o, region, row);
  });
}

/** Puts an officer of the office in charge of a cooperative of its region, or nobody. */
export async function assignOfficer(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  officerUserId: string | null,
): Promise<RegistryDetail> {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const before = await mustFind(o, region, id, true);
    if (officerUserId !== null) {
      const officers = await ewRepo.officersOf(o.tx, ctx.organizationId);
      if (!officers.some((u) => u.id === officerUserId))
        throw invalid([{ field: 'officerUserId', code: 'NOT_AN_OFFICER' }]);
    }
    const after = await repo.updateRegistryRow(o.tx, region, id, {
      officer_user_id: officerUserId,
    });
    await o.audit({
      action: 'registry.officer-assigned',
      entityType: 'registry-cooperative',
      entityId: id,
      before: { officerUserId: before.officer_user_id },
      after: { officerUserId },
    });
    return detail(o, region, after);
  });
}
