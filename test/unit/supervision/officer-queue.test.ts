import { describe, expect, it } from 'vitest';
import {
  buildQueue,
  changedSince,
  queueCounts,
  queueDigest,
  queueItem,
  type QueueFactOf,
} from '../../../src/domain/supervision/officer-queue.js';

const TODAY = '2026-12-04';
const of = (fact: QueueFactOf['fact'], cooperative = 'KSP Maju'): QueueFactOf => ({
  registryId: '1',
  cooperative,
  fact,
});

describe('an item of the queue', () => {
  it('a recommendation 4 days past due is overdue since the day after, serious; past 90 days critical', () => {
    expect(
      queueItem(
        of({ kind: 'recommendation_overdue', ref: 'r:1', dueOn: '2026-11-30', text: 'SOP' }),
        TODAY,
      ),
    ).toMatchObject({ overdue: true, daysOverdue: 4, since: '2026-12-01', severity: 2 });
    expect(
      queueItem(
        of({ kind: 'recommendation_overdue', ref: 'r:2', dueOn: '2026-09-05', text: 'SOP' }),
        TODAY,
      ),
    ).toMatchObject({ daysOverdue: 90, severity: 2 });
    expect(
      queueItem(
        of({ kind: 'recommendation_overdue', ref: 'r:3', dueOn: '2026-09-04', text: 'SOP' }),
        TODAY,
      ),
    ).toMatchObject({ daysOverdue: 91, severity: 3 });
  });

  it('a certificate is expiring (watch) through its last day and expired (overdue) the day after', () => {
    const cert = (validUntil: string) =>
      queueItem(
        of({
          kind: 'certificate_expiring',
          ref: 'c',
          validUntil,
          holderName: 'Siti',
          scheme: 'KSP',
        }),
        TODAY,
      );
    expect(cert('2027-01-15')).toMatchObject({ overdue: false, severity: 1, since: '2026-10-17' });
    expect(cert(TODAY)).toMatchObject({ overdue: false, severity: 1 });
    expect(cert('2026-12-03')).toMatchObject({ overdue: true, severity: 2, since: '2026-12-04' });
  });

  it('a letter is to be delivered within 7 days of its date, then overdue', () => {
    const letter = (issuedOn: string) =>
      queueItem(
        of({
          kind: 'letter_undelivered',
          ref: 'l',
          issuedOn,
          number: '500/001',
          step: 'teguran_1',
        }),
        TODAY,
      );
    expect(letter('2026-11-27')).toMatchObject({
      overdue: false,
      dueOn: '2026-12-04',
      severity: 1,
    });
    expect(letter('2026-11-26')).toMatchObject({ overdue: true, daysOverdue: 1, severity: 2 });
  });

  it('a sanction step beyond the second warning is critical; a RAT missing two years in a row too', () => {
    const step = (nextStep: string) =>
      queueItem(
        of({
          kind: 'sanction_step_allowed',
          ref: 's',
          deadlineOn: '2026-12-01',
          number: 'x',
          nextStep,
        }),
        TODAY,
      ).severity;
    expect(step('teguran_2')).toBe(2);
    expect(step('pembatasan')).toBe(3);
    const rat = (previousHeld: boolean) =>
      queueItem(
        of({
          kind: 'rat_not_held',
          ref: 'rat',
          bookYear: 2025,
          deadlineOn: '2026-06-30',
          previousHeld,
        }),
        TODAY,
      ).severity;
    expect(rat(true)).toBe(3); // 157 days past the deadline
    const recent = queueItem(
      of({
        kind: 'rat_not_held',
        ref: 'rat',
        bookYear: 2025,
        deadlineOn: '2026-11-30',
        previousHeld: true,
      }),
      TODAY,
    );
    expect(recent.severity).toBe(2);
    expect(rat(false)).toBe(3);
  });

  it('an open alert keeps its severity and has no due date', () => {
    expect(
      queueItem(
        of({
          kind: 'alert_open',
          ref: 'a',
          raisedOn: '2026-11-01',
          rule: 'npl',
          severity: 3,
          detail: 'npl',
        }),
        TODAY,
      ),
    ).toMatchObject({ dueOn: null, overdue: false, severity: 3, since: '2026-11-01' });
  });
});

describe('the queue', () => {
  const facts: QueueFactOf[] = [
    of(
      {
        kind: 'alert_open',
        ref: 'a',
        raisedOn: '2026-11-01',
        rule: 'npl',
        severity: 3,
        detail: 'npl',
      },
      'A',
    ),
    of(
      {
        kind: 'certificate_expiring',
        ref: 'c',
        validUntil: '2027-01-15',
        holderName: 'S',
        scheme: 'K',
      },
      'B',
    ),
    of({ kind: 'report_missing', ref: 'q', period: '2026-Q2', dueOn: '2026-07-30' }, 'C'),
    of({ kind: 'recommendation_overdue', ref: 'r', dueOn: '2026-11-30', text: 'SOP' }, 'D'),
    of(
      {
        kind: 'instalment_overdue',
        ref: 'i',
        dueOn: '2026-11-20',
        caseTitle: 'Gagal bayar',
        no: 2,
        owedRupiah: 5_000_000n,
      },
      'E',
    ),
  ];

  it('is ordered overdue first, then worst, then oldest date', () => {
    expect(buildQueue(facts, TODAY).map((i) => i.ref)).toEqual(['q', 'i', 'r', 'a', 'c']);
  });

  it('counts every kind, zero included, and the overdue', () => {
    const c = queueCounts(buildQueue(facts, TODAY));
    expect(c).toMatchObject({ total: 5, overdue: 3 });
    expect(c.byKind).toMatchObject({ letter_undelivered: 0, report_missing: 1, alert_open: 1 });
  });

  it('what is new or changed since the last digest: entered its state on that day or after', () => {
    const q = buildQueue(facts, TODAY);
    expect(changedSince(q, null)).toHaveLength(5);
    expect(changedSince(q, '2026-12-01').map((i) => i.ref)).toEqual(['r']);
    expect(changedSince(q, '2026-12-02')).toEqual([]);
  });

  it('the digest says the size, the overdue and lists the changes in the officer’s language', () => {
    const q = buildQueue(facts, TODAY);
    const id = queueDigest('id', q, changedSince(q, '2026-11-01'));
    expect(id).toContain('Sokoguru tugas saya: 5 butir (3 terlambat)');
    expect(id).toContain('- D: rekomendasi pemeriksaan lewat batas — SOP (terlambat 4 hari)');
    expect(id).toContain('Buka Sokoguru > Tugas saya.');
    const en = queueDigest('en', q, q);
    expect(en).toContain('5 new or changed');
    expect(en).toContain('(due 2027-01-15)');
    const many = Array.from({ length: 25 }, (_, n) =>
      queueItem(
        of({ kind: 'report_missing', ref: `q${n}`, period: '2026-Q2', dueOn: '2026-07-30' }),
        TODAY,
      ),
    );
    const long = queueDigest('id', many, many);
    expect(long).toContain('… dan 15 lainnya.');
    expect(long.length).toBeLessThanOrEqual(2000);
  });
});
