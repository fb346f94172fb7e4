import { expect } from 'vitest';
import type { Deps } from '../../../src/services/context.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import type { Client } from '../../support/fixtures.js';

/**
 * The two city offices the supervision tests set against each other: Kota Pekalongan (3375), whose
 * work is tested, and Kota Malang (3573), which must see none of it.
 */
export async function twoCityOffices(
  deps: Deps,
): Promise<{ pekalongan: OrganizationView; malang: OrganizationView }> {
  const office = (name: string, dinasRegionCode: string) =>
    createOrganization(deps, { kind: 'dinas', name, dinasRegionCode }, 'test');
  return {
    pekalongan: await office('Dinas Koperasi Kota Pekalongan', '3375'),
    malang: await office('Dinas Koperasi Kota Malang', '3573'),
  };
}

/**
 * Files a primary cooperative whose members live in the office's city in its registry, through
 * the API as `client`; `extra` adds or overrides registry fields. Returns its registry id.
 */
export async function fileCooperative(
  client: Client,
  office: OrganizationView,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const regency = office.dinasRegionCode ?? '';
  const res = await client.request('POST', `/api/v1/orgs/${office.id}/registry`, {
    name,
    cooperativeType: 'KSP',
    cooperativeForm: 'primer',
    membershipArea: 'regency',
    provinceCode: regency.slice(0, 2),
    regencyCode: regency,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** A cooperative organisation (on Sokoguru) in Kota Pekalongan, for "a cooperative user" cases. */
export function pekalonganCooperative(deps: Deps, name: string): Promise<OrganizationView> {
  return createOrganization(
    deps,
    {
      kind: 'cooperative',
      name,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
}
