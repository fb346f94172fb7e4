import { describe, expect, it } from 'vitest';
import {
  addYears,
  checkTerm,
  complianceChecklist,
  compositionStatus,
  inOffice,
  reviewEffect,
  type DpsMemberFacts,
} from '../../../src/domain/sharia/dps.js';

/** Permenkop 11/2017 composition: ≥ 2 eligible persons in office, ≥ 1 with a valid certificate. */

const person = (over: Partial<DpsMemberFacts> & { id: string }): DpsMemberFacts => ({
  name: `DPS ${over.id}`,
  terms: [{ start: '2025-01-01', end: '2026-12-31' }],
  endedOn: null,
  noConvictionDeclared: true,
  noRelationDeclared: true,
  certificates: [],
  ...over,
});
const cert = {
  kind: 'dsn_mui_training' as const,
  issuedOn: '2024-05-01',
  validUntil: '2027-04-30',
};

describe('DPS composition (Permenkop 11/2017)', () => {
  it('two eligible persons, one certified: compliant', () => {
    const s = compositionStatus(
      [person({ id: '1', certificates: [cert] }), person({ id: '2' })],
      '2026-06-01',
    );
    expect(s).toMatchObject({
      compliant: true,
      inOffice: 2,
      eligible: 2,
      certified: 1,
      reasons: [],
    });
  });

  it('nobody recorded: DPS_NONE', () => {
    const s = compositionStatus([], '2026-06-01');
    expect(s.compliant).toBe(false);
    expect(s.reasons.map((r) => r.code)).toEqual(['DPS_NONE']);
  });

  it('one person, certified: too few', () => {
    const s = compositionStatus([person({ id: '1', certificates: [cert] })], '2026-06-01');
    expect(s.compliant).toBe(false);
    expect(s.reasons.map((r) => r.code)).toEqual(['DPS_TOO_FEW']);
  });

  it('two persons, the only certificate expired the day before: no certified member', () => {
    const terms = [{ start: '2025-01-01', end: '2028-12-31' }];
    const members = [person({ id: '1', terms, certificates: [cert] }), person({ id: '2', terms })];
    expect(compositionStatus(members, '2027-04-30').compliant).toBe(true); // last valid day
    const s = compositionStatus(members, '2027-05-01');
    expect(s.compliant).toBe(false);
    expect(s.reasons.map((r) => r.code)).toEqual(['DPS_NO_CERTIFIED']);
  });

  it('a certificate not yet issued does not count', () => {
    const s = compositionStatus(
      [person({ id: '1', certificates: [cert] }), person({ id: '2' })],
      '2024-04-30',
    );
    // and nobody is in office before the term starts
    expect(s.reasons.map((r) => r.code)).toEqual(['DPS_NONE']);
  });

  it('a dismissed person or a term run out leaves the DPS short', () => {
    const members = [
      person({ id: '1', certificates: [cert] }),
      person({ id: '2', endedOn: '2026-03-01' }),
    ];
    expect(compositionStatus(members, '2026-02-28').compliant).toBe(true);
    expect(compositionStatus(members, '2026-03-01').reasons.map((r) => r.code)).toEqual([
      'DPS_TOO_FEW',
    ]);
    expect(
      compositionStatus(
        [person({ id: '1', certificates: [cert] }), person({ id: '2' })],
        '2027-01-01',
      ).reasons[0]?.code,
    ).toBe('DPS_NONE');
  });

  it('a missing or negative declaration: in office but not counted, named in the reasons', () => {
    const s = compositionStatus(
      [
        person({ id: '1', certificates: [cert] }),
        person({ id: '2', noRelationDeclared: null }),
        person({ id: '3', noConvictionDeclared: false }),
      ],
      '2026-06-01',
    );
    expect(s).toMatchObject({ compliant: false, inOffice: 3, eligible: 1, certified: 1 });
    expect(s.reasons).toEqual([
      { code: 'DPS_TOO_FEW' },
      { code: 'DPS_DECLARATION_MISSING', memberId: '2', name: 'DPS 2' },
      { code: 'DPS_DECLARATION_NEGATIVE', memberId: '3', name: 'DPS 3' },
    ]);
  });

  it('a renewed term keeps the person in office', () => {
    const m = person({
      id: '1',
      terms: [
        { start: '2023-01-01', end: '2024-12-31' },
        { start: '2025-01-01', end: '2026-12-31' },
      ],
    });
    expect(inOffice(m, '2024-12-31')).toBe(true);
    expect(inOffice(m, '2025-01-01')).toBe(true);
    expect(inOffice(m, '2027-01-01')).toBe(false);
  });
});

describe('DPS terms', () => {
  it('an outsider serves at most two years; a member may be open-ended', () => {
    expect(checkTerm(false, '2025-01-10', { start: '2025-02-01', end: '2027-02-01' })).toBeNull();
    expect(checkTerm(false, '2025-01-10', { start: '2025-02-01', end: '2027-02-02' })).toBe(
      'DPS_TERM_TOO_LONG',
    );
    expect(checkTerm(false, '2025-01-10', { start: '2025-02-01', end: null })).toBe(
      'DPS_TERM_REQUIRED',
    );
    expect(checkTerm(true, '2025-01-10', { start: '2025-02-01', end: null })).toBeNull();
    expect(checkTerm(true, '2025-03-01', { start: '2025-02-01', end: null })).toBe(
      'DPS_TERM_DATES',
    );
    expect(checkTerm(true, '2025-01-01', { start: '2025-02-01', end: '2025-02-01' })).toBe(
      'DPS_TERM_DATES',
    );
  });

  it('adds years by the calendar (29 February)', () => {
    expect(addYears('2024-02-29', 2)).toBe('2026-02-28');
    expect(addYears('2025-07-15', 2)).toBe('2027-07-15');
  });

  it('a change waits for a DPS in office, otherwise takes effect flagged', () => {
    expect(reviewEffect(2)).toBe('waits');
    expect(reviewEffect(0)).toBe('flagged');
  });
});

describe('sharia-compliance checklist items 1–3', () => {
  const ok = compositionStatus(
    [person({ id: '1', certificates: [cert] }), person({ id: '2' })],
    '2025-12-31',
  );
  it('met: composition, report to DSN-MUI, every product approved with its fatwa', () => {
    const items = complianceChecklist(
      ok,
      { reportedToDsnOn: '2026-02-27', dsnReportReference: '017/DPS' },
      [{ code: 'SW', status: 'approved', fatwaReference: '02/DSN-MUI/IV/2000' }],
    );
    expect(items.map((i) => i.met)).toEqual([true, true, true]);
    expect(items[1]?.evidence).toEqual(['2026-02-27 017/DPS']);
  });
  it('not met: short DPS, opinion not reported, a product pending or without fatwa', () => {
    const items = complianceChecklist(
      compositionStatus([], '2025-12-31'),
      { reportedToDsnOn: null, dsnReportReference: null },
      [
        { code: 'SW', status: 'approved', fatwaReference: null },
        { code: 'SM', status: 'pending', fatwaReference: null },
        { code: 'SB', status: null, fatwaReference: null },
      ],
    );
    expect(items.map((i) => i.met)).toEqual([false, false, false]);
    expect(items[0]?.evidence).toEqual(['DPS_NONE']);
    expect(items[1]?.evidence).toEqual(['DPS_NOT_REPORTED']);
    expect(items[2]?.evidence).toEqual(['SW: approved', 'SM: pending', 'SB: not reviewed']);
    expect(complianceChecklist(ok, null, [])[1]?.evidence).toEqual(['DPS_NO_OPINION']);
  });
});
