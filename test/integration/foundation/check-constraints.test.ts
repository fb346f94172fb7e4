import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../../support/db.js';

/**
 * Migration 0050 rewrote two checks that every UPDATE of their table evaluates (a million balance
 * updates at month-end): the bounded repetition of one character class, `^[C]{m,n}$`, became
 * `^[C]+$` with the length compared apart, which PostgreSQL matches several times faster. The
 * rule must be the one it was. This compares the installed constraint, as the catalog holds it,
 * with the original expression over generated strings: characters of the class and just outside it
 * (lower case, space, a newline, a multi-byte letter), lengths around both bounds, and the empty
 * string.
 */
const REWRITTEN = [
  {
    table: 'savings_accounts',
    constraint: 'savings_accounts_account_number_check',
    column: 'account_number',
    original: '^[A-Z0-9.-]{3,40}$',
    classChars: 'AZKS09.-',
    max: 40,
  },
  {
    table: 'loans',
    constraint: 'loans_loan_number_check',
    column: 'loan_number',
    original: '^[0-9A-Z./-]{1,30}$',
    classChars: 'AZP09./-',
    max: 30,
  },
] as const;

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('check constraints rewritten without a bounded repetition (0050)', () => {
  for (const c of REWRITTEN) {
    it(`${c.constraint} accepts exactly what ${c.original} accepts`, async () => {
      const def = await sql<{ def: string }>`
        select pg_get_constraintdef(oid) as def from pg_constraint
        where conname = ${c.constraint} and conrelid = ${c.table}::regclass`.execute(
        db.database.db,
      );
      const expression = /^CHECK \((.*)\)$/s.exec(def.rows[0]!.def)![1]!;
      // the point of the rewrite: no bounded repetition left for every update to match
      expect(expression).not.toMatch(/\{[0-9]+,[0-9]+\}/);

      const chars = [...c.classChars, 'a', 'z', ' ', '\n', '_', 'é', '#'];
      const candidate = fc.oneof(
        fc.array(fc.constantFrom(...c.classChars), { minLength: 0, maxLength: c.max + 3 }),
        fc.array(fc.constantFrom(...chars), { minLength: 0, maxLength: c.max + 3 }),
      );
      const strings = [
        '',
        c.classChars[0]!.repeat(c.max),
        c.classChars[0]!.repeat(c.max + 1),
        'A'.repeat(2),
        'A'.repeat(3),
        `${'A'.repeat(5)}\n`,
        ...fc.sample(
          candidate.map((a) => a.join('')),
          { numRuns: 2000, seed: 19 },
        ),
      ];
      // the installed expression evaluated with the column bound to each string, beside the original
      const r = await sql<{ s: string; before: boolean; now: boolean }>`
        select ${sql.ref(c.column)} as s, ${sql.ref(c.column)} ~ ${c.original} as before,
          (${sql.raw(expression)}) as now
        from unnest(${strings}::text[]) as x(${sql.ref(c.column)})`.execute(db.database.db);
      expect(r.rows).toHaveLength(strings.length);
      const differ = r.rows.filter((x) => x.before !== x.now);
      expect(differ).toEqual([]);
      // both outcomes occur among the strings, so the comparison says something
      expect(r.rows.some((x) => x.now)).toBe(true);
      expect(r.rows.some((x) => !x.now)).toBe(true);
    });
  }
});
