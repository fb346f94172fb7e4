import pino, { type Logger } from 'pino';
import { openDatabase, type Database, type DatabaseConfig } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { AuditSealer, SEAL_DELAY_MS } from './audit.js';
import type { Deps } from './context.js';

export interface OpenedDeps extends Deps {
  close(): Promise<void>;
}

/** Opens the database, applies migrations and wires the services' dependencies. */
export async function openDeps(
  config: DatabaseConfig | Database,
  options: { logger?: Logger; clock?: () => Date; migrate?: boolean } = {},
): Promise<OpenedDeps> {
  const logger = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const database = 'db' in config ? config : await openDatabase(config);
  if (options.migrate !== false) {
    const r = await migrate(database);
    if (r.applied.length > 0) logger.info({ applied: r.applied }, 'migrations applied');
  }
  const sealer = new AuditSealer(database, logger, SEAL_DELAY_MS[database.kind]);
  return {
    database,
    logger,
    clock: options.clock ?? (() => new Date()),
    sealer,
    async close() {
      await sealer.stop();
      await database.close();
    },
  };
}
