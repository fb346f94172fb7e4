import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  can,
  permissionMatrixMarkdown,
  ROLE_PERMISSIONS,
} from '../../../src/domain/auth/permissions.js';
import {
  afterFailedLogin,
  LOCKOUT_THRESHOLD,
  passwordAcceptable,
} from '../../../src/domain/auth/password-policy.js';

describe('permission matrix', () => {
  it('docs/permissions.md is the matrix the code enforces', () => {
    expect(readFileSync('docs/permissions.md', 'utf8')).toBe(permissionMatrixMarkdown());
  });
  it('a member has only self-service, a teller cannot decide approvals, a pengurus can', () => {
    // self-service, and the mlijo rounds: ordering for the own household, and a member who is a
    // vendor (a vendor record, checked by the service) delivering the own route
    expect(ROLE_PERMISSIONS.anggota).toEqual(['self.read', 'mlijo.order', 'mlijo.vendor']);
    expect(can(['kasir'], 'approvals.decide')).toBe(false);
    expect(can(['pengurus'], 'approvals.decide')).toBe(true);
    expect(can(['dinas_pengawas'], 'members.read')).toBe(false);
  });
});

describe('password policy', () => {
  it('refuses short passwords and the username itself', () => {
    expect(passwordAcceptable('pendek', 'budi')).toBe(false);
    expect(passwordAcceptable('budi.santoso', 'budi.santoso')).toBe(false);
    expect(passwordAcceptable('Kata-Sandi-Panjang', 'budi')).toBe(true);
  });
  it(`locks on the ${LOCKOUT_THRESHOLD}th failure in a row`, () => {
    const now = new Date('2026-11-24T00:00:00Z');
    let state = { failedCount: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < LOCKOUT_THRESHOLD; i++) {
      state = afterFailedLogin(state.failedCount, now);
      expect(state.lockedUntil).toBeNull();
    }
    state = afterFailedLogin(state.failedCount, now);
    expect(state.lockedUntil?.getTime()).toBe(now.getTime() + 15 * 60_000);
  });
});
