import { sql } from 'kysely';
import type { Queryable } from './database.js';

/** One round trip through the pool: the database answers and a connection can be had. */
export async function databaseAnswers(db: Queryable): Promise<void> {
  await sql`select 1`.execute(db);
}
