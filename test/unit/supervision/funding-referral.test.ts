import { describe, expect, it } from 'vitest';
import {
  AUDIT_LOANS_THRESHOLD_RUPIAH,
  checkTransition,
  compareReadiness,
  NEXT_STATUSES,
  readiness,
  referralLetterNumber,
  REFERRAL_STATUSES,
  type ReadinessFacts,
  type ReferralState,
} from '../../../src/domain/supervision/funding-referral.js';

/**
 * A KSP on 4 December 2026: active, legal identity complete, Cukup Sehat in 2025-12, the reports
 * of 2025-Q4 to 2026-Q3 received (2026-Q3's due date passed), its 2025 RAT held, loans of
 * Rp 1.8 billion in 2026-Q3 — ready for LPDB conventional. Each test changes one fact.
 */
const ready: ReadinessFacts = {
  cooperativeType: 'KSP',
  status: 'active',
  badanHukumNumber: '123/BH/XIV.14/2010',
  nib: '9120001234567',
  npwp: '01.234.567.8-501.000',
  predikat: 'Cukup Sehat',
  assessedPeriod: '2025-12',
  quarters: [
    { period: '2026-Q3', status: 'on_time' },
    { period: '2026-Q2', status: 'late' },
    { period: '2026-Q1', status: 'on_time' },
    { period: '2025-Q4', status: 'on_time' },
    { period: '2025-Q3', status: 'missing' },
  ],
  ratBookYear: 2025,
  ratHeldOn: '2026-04-18',
  loansRupiah: 1_800_000_000n,
  loansPeriod: '2026-Q3',
  auditConfirmed: false,
};
const state = (r: ReturnType<typeof readiness>, item: string) =>
  r.items.find((i) => i.item === item)!;

describe('readiness for a programme', () => {
  it('a healthy KSP with its reports, RAT and identity is ready for LPDB conventional', () => {
    const r = readiness('lpdb_konvensional', ready);
    expect(r.ready).toBe(true);
    expect(r.metRequired).toBe(7);
    expect(r.required).toBe(7);
    expect(state(r, 'audit').figure).toContain('Rp 1.800.000.000');
  });

  it('Sehat and Cukup Sehat pass; Dalam Pengawasan and no assessment do not', () => {
    expect(
      state(readiness('lpdb_konvensional', { ...ready, predikat: 'Sehat' }), 'health').state,
    ).toBe('met');
    const dp = readiness('lpdb_konvensional', { ...ready, predikat: 'Dalam Pengawasan' });
    expect(state(dp, 'health')).toMatchObject({
      state: 'not_met',
      figure: 'Dalam Pengawasan (penilaian 2025-12)',
    });
    expect(dp.ready).toBe(false);
    const none = readiness('lpdb_konvensional', { ...ready, predikat: null, assessedPeriod: null });
    expect(state(none, 'health').state).toBe('not_met');
  });

  it('UMi does not require the health predikat: shown for information', () => {
    const r = readiness('umi', { ...ready, predikat: 'Dalam Pengawasan' });
    expect(state(r, 'health')).toMatchObject({ required: false, state: 'not_met' });
    expect(r.ready).toBe(true);
  });

  it('the last four quarters due must have arrived; a quarter not yet due is skipped', () => {
    const missing = readiness('lpdb_konvensional', {
      ...ready,
      quarters: ready.quarters.map((q) =>
        q.period === '2026-Q1' ? { ...q, status: 'missing' } : q,
      ),
    });
    expect(state(missing, 'reports')).toMatchObject({
      state: 'not_met',
      figure: '3 dari 4 laporan triwulan terakhir diterima; tidak masuk: 2026-Q1',
    });
    // 2026-Q3 not yet due: the four before it count, and 2025-Q3 is missing
    const notDue = readiness('lpdb_konvensional', {
      ...ready,
      quarters: ready.quarters.map((q) =>
        q.period === '2026-Q3' ? { ...q, status: 'not_yet_due' } : q,
      ),
    });
    expect(state(notDue, 'reports').state).toBe('not_met');
    // fewer than four quarters on record is not enough
    const young = readiness('lpdb_konvensional', {
      ...ready,
      quarters: ready.quarters.slice(0, 3),
    });
    expect(state(young, 'reports').state).toBe('not_met');
  });

  it('the RAT of the last book year due must be on record (late counts as held)', () => {
    expect(state(readiness('umi', { ...ready, ratHeldOn: '2026-08-01' }), 'rat').state).toBe('met');
    const r = readiness('umi', { ...ready, ratHeldOn: null });
    expect(state(r, 'rat')).toMatchObject({
      state: 'not_met',
      figure: 'RAT tahun buku 2025 tidak tercatat',
    });
    expect(r.ready).toBe(false);
  });

  it('badan hukum, NIB and NPWP are all needed; an inactive cooperative is not ready', () => {
    const r = readiness('lpdb_konvensional', { ...ready, nib: null, npwp: null });
    expect(state(r, 'legal')).toMatchObject({
      state: 'not_met',
      figure: 'Belum tercatat: NIB, NPWP',
    });
    expect(state(readiness('umi', { ...ready, status: 'inactive' }), 'active').state).toBe(
      'not_met',
    );
  });

  it('the sharia window takes a KSPPS only; the conventional one no KSPPS', () => {
    expect(state(readiness('lpdb_syariah', ready), 'type').state).toBe('not_met');
    const kspps = { ...ready, cooperativeType: 'KSPPS' as const };
    expect(readiness('lpdb_syariah', kspps).ready).toBe(true);
    expect(state(readiness('lpdb_konvensional', kspps), 'type').state).toBe('not_met');
    expect(state(readiness('umi', { ...ready, cooperativeType: 'KONSUMEN' }), 'type').state).toBe(
      'not_met',
    );
  });

  it('loans of exactly Rp 2.5 billion need no audit; one rupiah more needs the officer’s confirmation', () => {
    const at = readiness('lpdb_konvensional', {
      ...ready,
      loansRupiah: AUDIT_LOANS_THRESHOLD_RUPIAH,
    });
    expect(state(at, 'audit').state).toBe('met');
    const above = readiness('lpdb_konvensional', {
      ...ready,
      loansRupiah: AUDIT_LOANS_THRESHOLD_RUPIAH + 1n,
    });
    expect(state(above, 'audit').state).toBe('needs_confirmation');
    expect(above.ready).toBe(false);
    const confirmed = readiness('lpdb_konvensional', {
      ...ready,
      loansRupiah: AUDIT_LOANS_THRESHOLD_RUPIAH + 1n,
      auditConfirmed: true,
    });
    expect(state(confirmed, 'audit').state).toBe('met');
    expect(confirmed.ready).toBe(true);
    // no report: the loans are unknown, so the officer must confirm
    const unknown = readiness('umi', { ...ready, loansRupiah: null, loansPeriod: null });
    expect(state(unknown, 'audit').state).toBe('needs_confirmation');
  });

  it('ranks ready first, then by items met, then by items awaiting confirmation', () => {
    const a = readiness('lpdb_konvensional', ready);
    const b = readiness('lpdb_konvensional', { ...ready, loansRupiah: null });
    const c = readiness('lpdb_konvensional', { ...ready, loansRupiah: null, ratHeldOn: null });
    const d = readiness('lpdb_konvensional', { ...ready, ratHeldOn: null, nib: null });
    const sorted = [d, c, b, a].sort(compareReadiness);
    expect(sorted).toEqual([a, b, c, d]);
  });
});

describe('the outcome of a referral', () => {
  const s = (status: ReferralState['status'], approved: bigint | null = null): ReferralState => ({
    status,
    on: '2026-09-01',
    amountRequestedRupiah: 500_000_000n,
    amountApprovedRupiah: approved,
  });
  const t = (to: ReferralState['status'], extra = {}) => ({
    to,
    on: '2026-10-01',
    amountRupiah: null,
    reason: null,
    ...extra,
  });

  it('moves only to the next step, never back or skipping', () => {
    for (const from of REFERRAL_STATUSES)
      for (const to of REFERRAL_STATUSES) {
        const p = checkTransition(
          s(from, 400_000_000n),
          t(to, {
            amountRupiah: to === 'approved' || to === 'disbursed' ? 400_000_000n : null,
            reason: to === 'rejected' ? 'Agunan kurang' : null,
          }),
          '2026-12-04',
        );
        if (NEXT_STATUSES[from].includes(to)) expect(p, `${from} → ${to}`).toBeNull();
        else expect(p, `${from} → ${to}`).toEqual({ kind: 'out_of_order', from, to });
      }
    expect(NEXT_STATUSES.referred).toEqual(['under_review']);
    expect(NEXT_STATUSES.rejected).toEqual([]);
    expect(NEXT_STATUSES.disbursed).toEqual([]);
  });

  it('is dated on or after the latest status and not after today', () => {
    expect(
      checkTransition(s('referred'), t('under_review', { on: '2026-09-01' }), '2026-12-04'),
    ).toBeNull();
    expect(
      checkTransition(s('referred'), t('under_review', { on: '2026-08-31' }), '2026-12-04'),
    ).toEqual({ kind: 'invalid', field: 'on', code: 'BEFORE_PREVIOUS_STATUS' });
    expect(
      checkTransition(s('referred'), t('under_review', { on: '2026-12-05' }), '2026-12-04'),
    ).toEqual({ kind: 'invalid', field: 'on', code: 'DATE_IN_FUTURE' });
  });

  it('approval carries an amount up to the amount requested; disbursement up to the amount approved', () => {
    const today = '2026-12-04';
    expect(checkTransition(s('under_review'), t('approved'), today)).toMatchObject({
      field: 'amountRupiah',
      code: 'REQUIRED_POSITIVE',
    });
    expect(
      checkTransition(s('under_review'), t('approved', { amountRupiah: 500_000_000n }), today),
    ).toBeNull();
    expect(
      checkTransition(s('under_review'), t('approved', { amountRupiah: 500_000_001n }), today),
    ).toMatchObject({ code: 'ABOVE_REQUESTED' });
    expect(
      checkTransition(
        s('approved', 300_000_000n),
        t('disbursed', { amountRupiah: 300_000_000n }),
        today,
      ),
    ).toBeNull();
    expect(
      checkTransition(
        s('approved', 300_000_000n),
        t('disbursed', { amountRupiah: 300_000_001n }),
        today,
      ),
    ).toMatchObject({ code: 'ABOVE_APPROVED' });
    expect(
      checkTransition(s('referred'), t('under_review', { amountRupiah: 1n }), today),
    ).toMatchObject({ code: 'NOT_EXPECTED' });
  });

  it('a rejection carries its reason; other steps none', () => {
    const today = '2026-12-04';
    expect(checkTransition(s('under_review'), t('rejected'), today)).toMatchObject({
      field: 'reason',
      code: 'REQUIRED',
    });
    expect(
      checkTransition(s('under_review'), t('rejected', { reason: '  ' }), today),
    ).toMatchObject({ field: 'reason', code: 'REQUIRED' });
    expect(
      checkTransition(
        s('under_review'),
        t('rejected', { reason: 'Rasio kecukupan modal rendah' }),
        today,
      ),
    ).toBeNull();
    expect(checkTransition(s('referred'), t('under_review', { reason: 'x' }), today)).toMatchObject(
      { field: 'reason', code: 'NOT_EXPECTED' },
    );
  });

  it('numbers the cover letter per year with three digits at least', () => {
    expect(referralLetterNumber(7, 2026)).toBe('007/RUJ-DANA/2026');
    expect(referralLetterNumber(1234, 2026)).toBe('1234/RUJ-DANA/2026');
  });
});
