import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkDeadline,
  checkEscalation,
  checkNumberFormat,
  defaultDeadline,
  letterNumber,
  nextStep,
  SANCTION_LADDER,
  SANCTION_STEPS,
  type LetterOnRecord,
  type SanctionStep,
} from '../../../src/domain/supervision/sanctions.js';
import { findingResolved, followUp } from '../../../src/domain/supervision/inspections.js';

const letter = (step: SanctionStep, over: Partial<LetterOnRecord> = {}): LetterOnRecord => ({
  id: step,
  step,
  issuedOn: '2026-11-02',
  deadlineOn: '2026-12-02',
  deliveredOn: '2026-11-03',
  revoked: false,
  findingsResolved: false,
  ...over,
});

describe('the ladder as data', () => {
  it('has the steps of supervision.md in order, each with a legal basis and a correction period', () => {
    expect(SANCTION_LADDER.map((s) => s.step)).toEqual([...SANCTION_STEPS]);
    SANCTION_LADDER.forEach((s, i) => {
      expect(s.order).toBe(i + 1);
      expect(s.legalBasis.length).toBeGreaterThan(0);
      expect(s.defaultCorrectionDays).toBeGreaterThan(0);
    });
    // what could not be read in the regulation's text is marked, not asserted
    expect(SANCTION_LADDER.some((s) => s.legalBasis.some((b) => !b.confirmed))).toBe(true);
  });
});

describe('nextStep', () => {
  it('with no letter, a first written warning is allowed', () => {
    expect(nextStep([], '2026-11-02')).toMatchObject({ allowed: 'teguran_1', blocked: null });
  });

  it('worked example: teguran II is blocked on the deadline day and allowed the day after', () => {
    const one = [letter('teguran_1')];
    expect(nextStep(one, '2026-12-02')).toMatchObject({
      allowed: null,
      next: 'teguran_2',
      blocked: 'DEADLINE_NOT_PASSED',
      allowedFrom: '2026-12-03',
    });
    expect(nextStep(one, '2026-12-03')).toMatchObject({ allowed: 'teguran_2', blocked: null });
  });

  it('an undelivered letter holds the ladder whatever the date', () => {
    expect(nextStep([letter('teguran_1', { deliveredOn: null })], '2027-06-01')).toMatchObject({
      allowed: null,
      blocked: 'NOT_DELIVERED',
    });
  });

  it('findings resolved close the case: the next letter starts again at teguran I', () => {
    expect(
      nextStep(
        [
          letter('teguran_1'),
          letter('teguran_2', {
            issuedOn: '2026-12-05',
            deadlineOn: '2027-01-05',
            findingsResolved: true,
          }),
        ],
        '2027-02-01',
      ),
    ).toMatchObject({ allowed: 'teguran_1' });
  });

  it('a revoked letter does not count', () => {
    const ls = [
      letter('teguran_1'),
      letter('teguran_2', { issuedOn: '2026-12-05', revoked: true, deadlineOn: '2027-01-05' }),
    ];
    expect(nextStep(ls, '2027-02-01')).toMatchObject({ allowed: 'teguran_2' });
  });

  it('after the last step nothing more', () => {
    expect(nextStep([letter('pembubaran')], '2028-01-01')).toMatchObject({
      allowed: null,
      blocked: 'LADDER_END',
    });
  });
});

describe('checkEscalation', () => {
  it('refuses a skip (teguran I to pembatasan) as out of order, even past the deadline', () => {
    expect(checkEscalation([letter('teguran_1')], 'pembatasan', '2027-01-01')).toEqual({
      ok: false,
      reason: 'OUT_OF_ORDER',
    });
  });
  it('refuses teguran II before teguran I', () => {
    expect(checkEscalation([], 'teguran_2', '2027-01-01')).toEqual({
      ok: false,
      reason: 'OUT_OF_ORDER',
    });
  });
  it('refuses teguran II before the deadline with that reason', () => {
    expect(checkEscalation([letter('teguran_1')], 'teguran_2', '2026-11-20')).toEqual({
      ok: false,
      reason: 'DEADLINE_NOT_PASSED',
    });
  });
  it('allows the next step and names the letter it follows', () => {
    const r = checkEscalation([letter('teguran_1')], 'teguran_2', '2026-12-03');
    expect(r).toMatchObject({ ok: true, previous: { id: 'teguran_1' } });
  });

  it('property: whatever the history, an allowed step is exactly one above the latest counting letter (or teguran I)', () => {
    const step = fc.constantFrom(...SANCTION_STEPS);
    const day = fc.integer({ min: 0, max: 400 }).map((n) => {
      const d = new Date(Date.UTC(2026, 0, 1 + n));
      return d.toISOString().slice(0, 10);
    });
    const rec = fc.record({
      step,
      issuedOn: day,
      deadlineOn: day,
      delivered: fc.boolean(),
      revoked: fc.boolean(),
      findingsResolved: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 6 }), step, day, (rs, want, today) => {
        const ls: LetterOnRecord[] = rs.map((r, i) => ({
          id: String(i),
          step: r.step,
          issuedOn: r.issuedOn,
          deadlineOn: r.deadlineOn,
          deliveredOn: r.delivered ? r.issuedOn : null,
          revoked: r.revoked,
          findingsResolved: r.findingsResolved,
        }));
        const res = checkEscalation(ls, want, today);
        if (!res.ok) return;
        const counting = ls
          .filter((l) => !l.revoked)
          .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
        const last = counting.at(-1);
        if (!last || last.findingsResolved) expect(want).toBe('teguran_1');
        else {
          expect(SANCTION_STEPS.indexOf(want)).toBe(SANCTION_STEPS.indexOf(last.step) + 1);
          expect(today > last.deadlineOn).toBe(true);
          expect(last.deliveredOn).not.toBeNull();
        }
      }),
    );
  });
});

describe('deadlines and numbers', () => {
  it('a deadline comes after the letter, within a year', () => {
    expect(checkDeadline('2026-11-02', '2026-11-02')).toBe('BEFORE_ISSUE');
    expect(checkDeadline('2026-11-02', '2027-11-03')).toBe('TOO_FAR');
    expect(checkDeadline('2026-11-02', '2026-12-02')).toBeNull();
    expect(defaultDeadline('teguran_1', '2026-11-02')).toBe('2026-12-02');
  });
  it('the number fills the office format: 500.12/007/DINKOP/2026', () => {
    expect(letterNumber('500.12/{seq}/DINKOP/{year}', 7, 2026)).toBe('500.12/007/DINKOP/2026');
    expect(letterNumber('{seq}/{year}', 1234, 2026)).toBe('1234/2026');
    expect(checkNumberFormat('500/{seq}')).toBe('PLACEHOLDER_MISSING');
    expect(checkNumberFormat('500.12/{seq}/DINKOP/{year}')).toBeNull();
  });
});

describe('follow-up', () => {
  it('open until the due date, overdue after it, done when done', () => {
    expect(followUp({ dueOn: '2026-12-01', doneOn: null }, '2026-12-01')).toBe('open');
    expect(followUp({ dueOn: '2026-12-01', doneOn: null }, '2026-12-02')).toBe('overdue');
    expect(followUp({ dueOn: '2026-12-01', doneOn: '2026-12-05' }, '2026-12-09')).toBe('done');
  });
  it('a finding is resolved when every recommendation on it is done (and it has one)', () => {
    expect(findingResolved([])).toBe(false);
    expect(findingResolved([{ doneOn: '2026-12-01' }, { doneOn: null }])).toBe(false);
    expect(findingResolved([{ doneOn: '2026-12-01' }])).toBe(true);
  });
});
