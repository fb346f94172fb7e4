import { describe, expect, it } from 'vitest';
import { checksum } from '../../../src/services/backup.js';
import { cooperativeAdminForFile } from '../../support/fixtures.js';

const file = cooperativeAdminForFile();

describe('bad input', () => {
  const hostile: unknown[] = [
    { code: 'X'.repeat(5000), name: 'Cabang' },
    { code: "A'; DROP TABLE branches; --", name: 'Cabang' },
    { code: 'OK1', name: '<script>alert(1)</script>'.repeat(20) },
    { code: 12345, name: 'Cabang' },
    { code: 'OK2', name: 'Cabang', isHeadOffice: 'yes' },
    { code: 'OK3', name: 'Cabang', extra: 1 },
    { code: 'OK4', name: 'Cabang', regencyCode: '99999' },
    [],
    null,
    'teks',
  ];

  it('hostile bodies get 400 problem+json with field errors, never 5xx, and change nothing', async () => {
    await file.deps.sealer.settle(); // sealing changes audit rows: settle it before comparing
    const before = await checksum(file.deps.database, file.coop.id);
    for (const body of hostile) {
      const res = await file.admin.request('POST', `/api/v1/orgs/${file.coop.id}/branches`, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    }
    await file.deps.sealer.settle();
    expect((await checksum(file.deps.database, file.coop.id)).digest).toBe(before.digest);
  });

  it('malformed JSON and oversized bodies are 4xx problems', async () => {
    const broken = await file.app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${file.coop.id}/branches`,
      headers: {
        cookie: file.admin.cookie,
        'x-csrf-token': file.admin.csrf,
        'content-type': 'application/json',
      },
      payload: '{"code": "A", ',
    });
    expect(broken.statusCode).toBe(400);
    const huge = await file.admin.request('POST', `/api/v1/orgs/${file.coop.id}/branches`, {
      code: 'BIG',
      name: 'x'.repeat(2_000_000),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json<{ code: string }>().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('bad ids in the path are 4xx, not 5xx', async () => {
    for (const url of [
      `/api/v1/orgs/not-a-uuid/branches`,
      `/api/v1/orgs/${file.coop.id}/branches/abc`,
      `/api/v1/orgs/${file.coop.id}/branches/99999999999999999999999`,
      `/api/v1/orgs/${file.coop.id}/branches/-1`,
    ]) {
      const res = await file.admin.request('GET', url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('a date or month outside the years 1900-2999 (year 0000, which PostgreSQL cannot store) is a 400 validation problem', async () => {
    for (const [method, url, body] of [
      ['GET', `/api/v1/orgs/${file.coop.id}/journal?from=0000-01-01`, undefined],
      ['GET', `/api/v1/orgs/${file.coop.id}/statements/neraca?period=0000-01`, undefined],
    ] as const) {
      const res = await file.admin.request(method, url, body);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ code: string }>().code, url).toBe('VALIDATION_FAILED');
    }
  });

  it('an unknown API path is a 404 problem', async () => {
    const res = await file.admin.request('GET', '/api/v1/tidak-ada');
    expect(res.statusCode).toBe(404);
    expect(res.json<{ code: string }>().code).toBe('NOT_FOUND');
  });
});

describe('organisation identity', () => {
  it('an unknown Kemendagri region code is refused and nothing is created', async () => {
    const { createOrganization } = await import('../../../src/services/organizations.js');
    const { AppError } = await import('../../../src/domain/errors.js');
    const before = await file.deps.database.db.selectFrom('organizations').select('id').execute();
    const attempt = createOrganization(file.deps, {
      kind: 'cooperative',
      name: 'Koperasi Wilayah Fiktif',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3399',
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'ORG_REGION_UNKNOWN' });
    expect(
      await file.deps.database.db.selectFrom('organizations').select('id').execute(),
    ).toHaveLength(before.length);
  });
});
