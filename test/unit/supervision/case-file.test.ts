import { describe, expect, it } from 'vitest';
import { orderCaseFile, type CaseFileEntry } from '../../../src/domain/supervision/case-file.js';

const entry = (on: string, kind: CaseFileEntry['kind'], ref: string): CaseFileEntry => ({
  on,
  kind,
  title: ref,
  detail: '',
  actor: null,
  documents: [],
  ref,
});

describe('the case file timeline', () => {
  it('puts the newest day first, then orders a day by area and row, whatever order it was read in', () => {
    const entries = [
      entry('2025-03-01', 'letter', 'letter:2'),
      entry('2025-06-30', 'rat', 'rat:2024'),
      entry('2025-03-01', 'inspection', 'inspection:7'),
      entry('2025-03-01', 'letter', 'letter:10'),
      entry('2024-12-31', 'report', 'report:1'),
    ];
    const refs = ['rat:2024', 'inspection:7', 'letter:10', 'letter:2', 'report:1'];
    expect(orderCaseFile(entries).map((e) => e.ref)).toEqual(refs);
    expect(orderCaseFile([...entries].reverse()).map((e) => e.ref)).toEqual(refs);
  });

  it('leaves the entries it was given unchanged', () => {
    const entries = [entry('2024-01-01', 'report', 'a'), entry('2025-01-01', 'report', 'b')];
    orderCaseFile(entries);
    expect(entries.map((e) => e.ref)).toEqual(['a', 'b']);
  });
});
