import { describe, expect, it } from 'vitest';
import type { OrganizationView } from '../../../src/services/organizations.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { runCli } from '../cli/run-cli.js';
import { makeUser, signIn, testAppForFile } from '../../support/fixtures.js';

/**
 * The ministry level of the registry's hierarchy (region '', every region) and a province office
 * are created with `sokoguru create-org --kind dinas --ministry` and `--region 33`; the ministry
 * then sees every office's cooperatives, the province its cities'.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });

async function createdByCli(args: string[]): Promise<OrganizationView> {
  const r = await runCli(file.deps, ['create-org', '--kind', 'dinas', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as OrganizationView;
}

describe('offices above the city', () => {
  it('creates the ministry (every region) and a province office from the CLI', async () => {
    const ministry = await createdByCli(['--name', 'Kementerian Koperasi', '--ministry']);
    expect(ministry).toMatchObject({ kind: 'dinas', dinasRegionCode: '', provinceCode: null });
    const province = await createdByCli(['--name', 'Dinas Koperasi Jawa Tengah', '--region', '33']);
    expect(province).toMatchObject({ dinasRegionCode: '33', provinceCode: '33' });

    // a city office files a cooperative; the province and the ministry find it, another province not
    const city = await createOrganization(
      file.deps,
      { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan', dinasRegionCode: '3375' },
      'test',
    );
    const jatim = await createdByCli(['--name', 'Dinas Koperasi Jawa Timur', '--region', '35']);
    const admin = async (org: { id: string }) =>
      signIn(
        file.app,
        (await makeUser(file.deps, org as OrganizationView, ['dinas_admin'])).username,
      );
    const filed = await (
      await admin(city)
    ).request('POST', `/api/v1/orgs/${city.id}/registry`, {
      name: 'KSP Kementerian Uji',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      membershipArea: 'regency',
      provinceCode: '33',
      regencyCode: '3375',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    for (const [org, found] of [
      [ministry, 1],
      [province, 1],
      [jatim, 0],
    ] as const) {
      const res = await (
        await admin(org)
      ).request('GET', `/api/v1/orgs/${org.id}/registry?q=kementerian`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<{ total: number }>().total, org.name).toBe(found);
    }
  });

  it('refuses --ministry with a region or for a cooperative (exit 2, nothing created)', async () => {
    for (const args of [
      ['--kind', 'dinas', '--name', 'Kementerian Dua', '--ministry', '--region', '33'],
      ['--kind', 'cooperative', '--name', 'Koperasi Kementerian', '--ministry'],
    ]) {
      const r = await runCli(file.deps, ['create-org', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--ministry tidak boleh dipakai bersama/);
    }
  });
});
