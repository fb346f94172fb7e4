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
 * `sokoguru health alerts --office ID --send FILE`, the daily cron of early warning: on
 * 4 December 2026 a cooperative with no RAT recorded for 2025 (due 30 June 2026) nor for 2024
 * raises one critical RAT alert; its officer gets one message, delivered to the file; the next
 * day's run raises nothing and sends nothing.
 */

let deps: TestDeps;
let office: OrganizationView;
const dir = mkdtempSync(join(tmpdir(), 'sg-health-alerts-'));
const out = join(dir, 'pesan.jsonl');

beforeAll(async () => {
  deps = await testDeps({ clock: () => new Date('2026-12-04T00:30:00Z') });
  office = await createOrganization(
    deps,
    {
      kind: 'dinas',
      name: `Dinas Koperasi Uji Peringatan ${Date.now().toString(36)}`,
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

describe('sokoguru health alerts', () => {
  it('raises, tells the officer once, and is quiet the second time', async () => {
    const first = await runCli(deps, ['health', 'alerts', '--office', office.id, '--send', out]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout + first.stderr).toMatch(
      /^2026-12-04: 1 raised, 0 escalated, 0 cleared, 1 open, 1 officer\(s\) notified/,
    );
    const sent = readFileSync(out, 'utf8').trim().split('\n');
    expect(sent).toHaveLength(1);
    const m = JSON.parse(sent[0]!) as { template: string; body: string };
    expect(m.template).toBe('early-warning.digest');
    expect(m.body).toContain('- KSP Lupa Rapat: RAT belum diadakan, tenggat 2026-06-30 [kritis]');

    const second = await runCli(deps, [
      'health',
      'alerts',
      '--office',
      office.id,
      '--send',
      out,
      '--json',
    ]);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      raised: 0,
      open: 1,
      officersNotified: 0,
      sent: { sent: 0, failed: 0 },
    });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
