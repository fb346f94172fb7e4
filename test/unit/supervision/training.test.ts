import { describe, expect, it } from 'vitest';
import {
  attendanceRate,
  certificationRequirement,
  checkCertificate,
  checkEvent,
  checkResult,
  DEFAULT_REQUIREMENT,
  expiryStatus,
  type HeldCertificate,
} from '../../../src/domain/supervision/training.js';

const TODAY = '2026-12-04';

describe('certificate expiry', () => {
  it('a certificate valid until today is still valid today, expiring with 0 days left', () => {
    expect(expiryStatus(TODAY, TODAY)).toEqual({ status: 'expiring', daysLeft: 0 });
  });
  it('a certificate valid until yesterday is expired', () => {
    expect(expiryStatus('2026-12-03', TODAY)).toEqual({ status: 'expired', daysLeft: -1 });
  });
  it('the window is inclusive: today + 90 days is expiring, today + 91 valid', () => {
    expect(expiryStatus('2027-03-04', TODAY)).toEqual({ status: 'expiring', daysLeft: 90 });
    expect(expiryStatus('2027-03-05', TODAY)).toEqual({ status: 'valid', daysLeft: 91 });
  });
  it('the office may ask for another window', () => {
    expect(expiryStatus('2027-01-03', TODAY, 30)).toEqual({ status: 'expiring', daysLeft: 30 });
    expect(expiryStatus('2027-01-04', TODAY, 30).status).toBe('valid');
  });
});

const manager = (over: Partial<HeldCertificate> = {}): HeldCertificate => ({
  holderName: 'Siti Aminah',
  position: 'manajer',
  issuedOn: '2024-01-10',
  validUntil: '2027-01-09',
  leftOn: null,
  ...over,
});

describe('certification requirement (KSP and KSPPS: one certified manager)', () => {
  it('a KSP with a manager certified until today meets it today, not tomorrow', () => {
    const c = [manager({ validUntil: TODAY })];
    expect(certificationRequirement('KSP', c, TODAY)).toEqual({
      status: 'met',
      certifiedManagers: 1,
      required: 1,
    });
    expect(certificationRequirement('KSP', c, '2026-12-05').status).toBe('not_met');
  });
  it('a certificate that ended yesterday does not count', () => {
    expect(
      certificationRequirement('KSPPS', [manager({ validUntil: '2026-12-03' })], TODAY).status,
    ).toBe('not_met');
  });
  it('a certificate issued after the day does not count on that day', () => {
    expect(
      certificationRequirement('KSP', [manager({ issuedOn: '2026-12-05' })], TODAY).status,
    ).toBe('not_met');
  });
  it('a manager who left no longer counts from the day he left', () => {
    expect(certificationRequirement('KSP', [manager({ leftOn: TODAY })], TODAY).status).toBe(
      'not_met',
    );
    expect(certificationRequirement('KSP', [manager({ leftOn: '2026-12-05' })], TODAY).status).toBe(
      'met',
    );
  });
  it('staff and board certificates do not count under the default rule, but do when the office widens it', () => {
    const c = [
      manager({ position: 'karyawan' }),
      manager({ holderName: 'Budi', position: 'pengurus' }),
    ];
    expect(certificationRequirement('KSP', c, TODAY).status).toBe('not_met');
    expect(
      certificationRequirement('KSP', c, TODAY, {
        ...DEFAULT_REQUIREMENT,
        managerPositions: ['manajer', 'pengurus'],
      }).status,
    ).toBe('met');
  });
  it('two certificates of one person count once (names compared without case and spaces)', () => {
    const c = [manager(), manager({ holderName: ' siti  AMINAH ', validUntil: '2028-01-01' })];
    const rule = { ...DEFAULT_REQUIREMENT, minimumCertifiedManagers: 2 };
    expect(certificationRequirement('KSP', c, TODAY, rule)).toEqual({
      status: 'not_met',
      certifiedManagers: 1,
      required: 2,
    });
  });
  it('a consumer cooperative is not held to it', () => {
    expect(certificationRequirement('KONSUMEN', [], TODAY)).toEqual({
      status: 'not_applicable',
      certifiedManagers: 0,
      required: 0,
    });
  });
});

describe('attendance rate', () => {
  it('2 of 3 sessions is 66.67 % (half up), all is 100 %, an event without sessions has none', () => {
    expect(attendanceRate(3, 2)).toEqual({ sessions: 3, attended: 2, rateBps: 6667 });
    expect(attendanceRate(3, 1).rateBps).toBe(3333);
    expect(attendanceRate(8, 1).rateBps).toBe(1250);
    expect(attendanceRate(4, 4).rateBps).toBe(10_000);
    expect(attendanceRate(0, 0).rateBps).toBeNull();
  });
  it('more sessions attended than held is a programmer error', () => {
    expect(() => attendanceRate(2, 3)).toThrow(RangeError);
  });
});

describe('checks', () => {
  const event = {
    title: 'Pelatihan manajemen risiko',
    organiser: 'Dinas',
    topic: 'Risiko',
    startsOn: '2026-03-10',
    endsOn: '2026-03-11',
    online: false,
    location: 'Aula Dinas',
    sessions: [{ heldOn: '2026-03-10', topic: 'Kredit', trainer: 'Dr. A' }],
  };
  it('an event ending before it starts, in person without a place, or a session outside it is refused', () => {
    expect(checkEvent(event)).toEqual([]);
    expect(checkEvent({ ...event, endsOn: '2026-03-09', sessions: [] })).toEqual([
      { field: 'endsOn', code: 'ENDS_BEFORE_START' },
    ]);
    expect(checkEvent({ ...event, location: ' ' })).toEqual([
      { field: 'location', code: 'REQUIRED' },
    ]);
    expect(checkEvent({ ...event, online: true, location: null })).toEqual([]);
    expect(
      checkEvent({ ...event, sessions: [{ heldOn: '2026-03-12', topic: 'x', trainer: 'y' }] }),
    ).toEqual([{ field: 'sessions.0.heldOn', code: 'SESSION_OUTSIDE_EVENT' }]);
  });
  it('a score needs a result other than attendance only', () => {
    expect(checkResult({ result: 'lulus', score: 80 })).toBeNull();
    expect(checkResult({ result: 'tidak_lulus', score: 40 })).toBeNull();
    expect(checkResult({ result: null, score: 80 })?.code).toBe('RESULT_REQUIRED');
    expect(checkResult({ result: 'peserta', score: 80 })?.code).toBe('SCORE_NOT_ALLOWED');
  });
  it('a certificate issued in the future or valid only until its issue day is refused', () => {
    const c = {
      holderName: 'Siti',
      position: 'manajer' as const,
      scheme: 'Manajer KSP',
      certificateNumber: 'LSP-1',
      issuer: 'LSP Koperasi Jasa Keuangan',
      issuedOn: '2026-01-10',
      validUntil: '2029-01-09',
      leftOn: null,
    };
    expect(checkCertificate(c, TODAY)).toEqual([]);
    expect(
      checkCertificate({ ...c, issuedOn: '2026-12-05', validUntil: '2026-12-05' }, TODAY),
    ).toEqual([
      { field: 'issuedOn', code: 'DATE_IN_FUTURE' },
      { field: 'validUntil', code: 'NOT_AFTER_ISSUE' },
    ]);
    expect(checkCertificate({ ...c, validUntil: '2026-02-30' }, TODAY)).toEqual([
      { field: 'validUntil', code: 'DATE_INVALID' },
    ]);
  });
});
