import { describe, expect, it } from 'vitest';
import {
  daysLate,
  missingRatDocuments,
  onTimeShareBps,
  ratReminderStage,
  ratReminderText,
  ratStatus,
} from '../../../src/domain/supervision/rat-compliance.js';

describe('RAT status for a book year', () => {
  // book year 2025: deadline 30 June 2026
  it('held on the deadline is on time; the day after is late', () => {
    expect(ratStatus(2025, '2026-06-30', '2026-12-04')).toBe('on_time');
    expect(ratStatus(2025, '2026-07-01', '2026-12-04')).toBe('late');
    expect(ratStatus(2025, '2026-02-14', '2026-03-01')).toBe('on_time');
  });

  it('not held is pending up to and on the deadline, not held from the day after', () => {
    expect(ratStatus(2025, null, '2026-06-29')).toBe('pending');
    expect(ratStatus(2025, null, '2026-06-30')).toBe('pending');
    expect(ratStatus(2025, null, '2026-07-01')).toBe('not_held');
  });

  it('the deadline does not move off a weekend: 30 June 2024 was a Sunday, a RAT on Monday 1 July was late', () => {
    // the rule (30 June of the next year, supervision.md / shu-rat.md) names a date, not a
    // working day; no source moves it to the next working day, so neither does Sokoguru
    expect(new Date('2024-06-30T00:00:00Z').getUTCDay()).toBe(0);
    expect(ratStatus(2023, '2024-06-30', '2024-12-01')).toBe('on_time');
    expect(ratStatus(2023, '2024-07-01', '2024-12-01')).toBe('late');
    expect(daysLate(2023, '2024-07-01')).toBe(1);
    expect(ratStatus(2023, null, '2024-07-01')).toBe('not_held');
  });

  it('counts the days late from the deadline', () => {
    expect(daysLate(2025, '2026-06-30')).toBe(0);
    expect(daysLate(2025, '2026-07-01')).toBe(1);
    expect(daysLate(2025, '2026-03-31')).toBe(-91);
    expect(daysLate(2025, null)).toBeNull();
    // a leap year's February is counted
    expect(daysLate(2027, '2028-07-31')).toBe(31);
  });
});

describe('RAT reminders', () => {
  it('60 days ahead, 14 days ahead, then overdue; never once it is held', () => {
    expect(ratReminderStage(2025, null, '2026-04-30')).toBeNull(); // 61 days ahead
    expect(ratReminderStage(2025, null, '2026-05-01')).toBe('h60'); // 60 days ahead
    expect(ratReminderStage(2025, null, '2026-06-15')).toBe('h60'); // 15 days ahead
    expect(ratReminderStage(2025, null, '2026-06-16')).toBe('h14');
    expect(ratReminderStage(2025, null, '2026-06-30')).toBe('h14');
    expect(ratReminderStage(2025, null, '2026-07-01')).toBe('overdue');
    expect(ratReminderStage(2025, '2026-03-20', '2026-06-20')).toBeNull();
  });

  it('says the deadline in Indonesian with the cooperative and the office', () => {
    const text = ratReminderText('h14', 'KSP Maju', 2025, 'Dinkop Kota Pekalongan');
    expect(text).toContain('30 Juni 2026');
    expect(text).toContain('KSP Maju');
    expect(text).toContain('tahun buku 2025');
    expect(text.startsWith('Dinkop Kota Pekalongan:')).toBe(true);
  });
});

describe('RAT documents and the region’s share on time', () => {
  it('lists the required documents not received, in order', () => {
    expect(missingRatDocuments([])).toEqual([
      'minutes',
      'attendance',
      'accountability',
      'statements',
    ]);
    expect(missingRatDocuments(['statements', 'minutes', 'other'])).toEqual([
      'attendance',
      'accountability',
    ]);
    expect(missingRatDocuments(['minutes', 'attendance', 'accountability', 'statements'])).toEqual(
      [],
    );
  });

  it('shares on time among those due, floored to a basis point; pending ones do not count', () => {
    expect(onTimeShareBps({ bookYear: 2025, onTime: 2, late: 0, notHeld: 1, pending: 5 })).toBe(
      6666,
    );
    expect(
      onTimeShareBps({ bookYear: 2025, onTime: 0, late: 0, notHeld: 0, pending: 9 }),
    ).toBeNull();
    expect(onTimeShareBps({ bookYear: 2025, onTime: 3, late: 0, notHeld: 0, pending: 0 })).toBe(
      10000,
    );
  });
});
