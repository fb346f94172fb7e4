import pino, { type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { databaseConfigFromEnv } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import type { Lang } from '../i18n/messages.js';
import { getOrganization } from '../services/organizations.js';
import { systemContext } from '../services/context.js';
import { AppError } from '../domain/errors.js';
import { openDeps, type OpenedDeps } from '../services/deps.js';

/** Where a command writes: process.stdout/stderr, or a test's buffers. */
export interface Output {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** What a command may reach outside itself; tests run the program in-process with their own. */
export interface CliIo {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  /** The services' dependencies over the configured database (DATABASE_URL or PGlite). */
  openDeps(logger: Logger): Promise<OpenedDeps>;
  /** The bare database (migrate). */
  openDatabase(): Promise<Database>;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    openDeps: (logger) => openDeps(databaseConfigFromEnv(process.env), { logger }),
    openDatabase: () => openDatabase(databaseConfigFromEnv(process.env)),
  };
}

/** One run of the program: its outputs, its language and the exit code a command may set. */
export interface Cli {
  io: CliIo;
  lang: Lang;
  /** set by a command that ran but found something wrong (a broken invariant, a failed loan) */
  exitCode: number;
}

/**
 * Log lines for the operator: readable lines (pino-pretty) when stderr is a terminal, JSON lines
 * when it is piped or the command was asked for --json. Logs go to stderr so that stdout carries
 * only the command's answer. Level from LOG_LEVEL (default warn: the CLI's own output says what
 * it did).
 */
export function cliLogger(io: CliIo, options: { json?: boolean; stream?: Output } = {}): Logger {
  const stream = options.stream ?? io.stderr;
  const level = io.env.LOG_LEVEL ?? 'warn';
  if (stream.isTTY && !options.json) {
    const prettify = prettyFactory({
      colorize: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname',
    });
    return pino({ level }, { write: (line: string) => stream.write(prettify(line)) });
  }
  return pino({ level }, { write: (line: string) => stream.write(line) });
}

/** Opens the dependencies, runs `fn`, closes them whatever happens. */
export async function withDeps<T>(
  cli: Cli,
  fn: (deps: OpenedDeps) => Promise<T>,
  options: { json?: boolean } = {},
): Promise<T> {
  const deps = await cli.io.openDeps(cliLogger(cli.io, options));
  try {
    return await fn(deps);
  } finally {
    await deps.close();
  }
}

/**
 * The organisation a --coop or --org option names must exist (ORG_NOT_FOUND: exit 3), and --coop
 * must name a cooperative, before a command reads or writes anything for it.
 */
export async function requireOrganization(
  deps: OpenedDeps,
  organizationId: string,
  kind?: 'cooperative' | 'dinas',
): Promise<void> {
  const org = await getOrganization(deps, systemContext(organizationId, 'cli'));
  if (kind && org.kind !== kind) throw new AppError('ORG_NOT_FOUND');
}
