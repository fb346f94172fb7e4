import { describe, expect, it } from 'vitest';
import { cooperativeAdminForFile } from '../../support/fixtures.js';

const file = cooperativeAdminForFile();

const branchCount = async (code: string) =>
  (
    await file.deps.database.db
      .selectFrom('branches')
      .select('id')
      .where('cooperative_id', '=', file.coop.id)
      .where('code', '=', code)
      .execute()
  ).length;

describe('Idempotency-Key', () => {
  it('the same request sent twice concurrently has one effect and both get the first result', async () => {
    const key = 'idem-key-concurrent-0001';
    const send = () =>
      file.admin.request(
        'POST',
        `/api/v1/orgs/${file.coop.id}/branches`,
        { code: 'IDEM1', name: 'Cabang Idempoten' },
        { 'idempotency-key': key },
      );
    const [r1, r2] = await Promise.all([send(), send()]);
    expect([r1.statusCode, r2.statusCode]).toEqual([201, 201]);
    expect(r1.json()).toEqual(r2.json());
    expect(
      [r1.headers['idempotent-replayed'], r2.headers['idempotent-replayed']].filter(Boolean),
    ).toEqual(['true']);
    expect(await branchCount('IDEM1')).toBe(1);
    const events = await file.deps.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('organization_id', '=', file.coop.id)
      .where('action', '=', 'branch.created')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('ten concurrent replays still create exactly one branch', async () => {
    const key = 'idem-key-concurrent-0010';
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        file.admin.request(
          'POST',
          `/api/v1/orgs/${file.coop.id}/branches`,
          { code: 'IDEM10', name: 'Cabang Sepuluh' },
          { 'idempotency-key': key },
        ),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(results.map((r) => r.json<{ id: string }>().id)).size).toBe(1);
    expect(await branchCount('IDEM10')).toBe(1);
  });

  it('the same key with a different request is refused and changes nothing', async () => {
    const key = 'idem-key-mismatch-0001';
    const first = await file.admin.request(
      'POST',
      `/api/v1/orgs/${file.coop.id}/branches`,
      { code: 'IDEM2', name: 'Cabang Dua' },
      { 'idempotency-key': key },
    );
    expect(first.statusCode).toBe(201);
    const second = await file.admin.request(
      'POST',
      `/api/v1/orgs/${file.coop.id}/branches`,
      { code: 'IDEM3', name: 'Cabang Tiga' },
      { 'idempotency-key': key },
    );
    expect(second.statusCode).toBe(422);
    expect(second.json<{ code: string }>().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await branchCount('IDEM3')).toBe(0);
  });

  it('a failed request leaves its key unused so the corrected request can run', async () => {
    const key = 'idem-key-failure-0001';
    await file.admin.request('POST', `/api/v1/orgs/${file.coop.id}/branches`, {
      code: 'IDEM4',
      name: 'Cabang Empat',
    });
    const dup = await file.admin.request(
      'POST',
      `/api/v1/orgs/${file.coop.id}/branches`,
      { code: 'IDEM4', name: 'Lagi' },
      { 'idempotency-key': key },
    );
    expect(dup.statusCode).toBe(409);
    const keys = await file.deps.database.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('key', '=', key)
      .execute();
    expect(keys).toHaveLength(0);
  });
});
