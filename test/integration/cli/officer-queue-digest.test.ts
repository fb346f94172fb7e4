import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../src/services/context.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { assignOfficer, createRegistryEntry } from '../../../src/services/registry/entries.js';
import { makeUser } from '../../support/fixtures.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { runCli } from './run-cli.js';

/**
 * `sokoguru health alerts --office ID --digest --send FILE`, the daily job with the officers'
 * queues: on 4 December 2026 the officer of a cooperative with no RAT for 2025 nor 2024 gets the
 * early-warning message and the digest of their queue, both delivered to the file; a second run
 * the same day queues no second digest.
 */

let deps: TestDeps;
let office: OrganizationView;
const dir = mkdtempSync(join(tmpdir(), 'sg-officer-queue-'));
const out = join(dir, 'pesan.jsonl');

beforeAll(async () => {
  deps = await testDeps({ clock: () => new Date('2026-12-04T00:30:00Z') });
  office = await createOrganization(
    deps,
    {
      kind: 'dinas',
      name: `Dinas Koperasi Uji Tugas ${Date.now().toString(36)}`,
      dinasRegionCode: '3375',
    },
    'test',
  );
  const officer = await makeUser(deps, office, ['dinas_pembina']);
  const ctx = systemContext(office.id, 'test');
  const entry = await createRegistryEntry(deps, ctx, {
    name: 'KSP Lupa Rapat',
    cooperativeType: 'KSP',
    cooperativeForm: 'primer',
    membershipArea: 'regency',
    provinceCode: '33',
    regencyCode: '3375',
  });
  await assignOfficer(deps, ctx, BigInt(entry.id), officer.id);
});
afterAll(async () => {
  await deps.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sokoguru health alerts --digest', () => {
  it('queues and sends the officer’s queue digest once a day', async () => {
    const first = await runCli(deps, [
      'health',
      'alerts',
      '--office',
      office.id,
      '--digest',
      '--send',
      out,
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('1 queue digest(s) queued');
    const sent = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { template: string; body: string });
    expect(sent.map((m) => m.template).sort()).toEqual([
      'early-warning.digest',
      'officer-queue.digest',
    ]);
    const digest = sent.find((m) => m.template === 'officer-queue.digest')!;
    expect(digest.body).toContain('Sokoguru tugas saya: 1 butir (1 terlambat)');
    expect(digest.body).toContain('- KSP Lupa Rapat: RAT belum diadakan — 2025');

    const second = await runCli(deps, [
      'health',
      'alerts',
      '--office',
      office.id,
      '--digest',
      '--send',
      out,
      '--json',
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      digest: { digestsQueued: 0 },
      sent: { sent: 0 },
    });
  });
});
