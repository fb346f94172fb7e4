import { CommanderError } from 'commander';
import { AppError, type ErrorKind } from '../domain/errors.js';
import { errorMessage, inputMessage, type Lang } from '../i18n/messages.js';
import { RestoreError } from '../services/backup.js';
import { CliInputError } from './input.js';
import type { Output } from './io.js';

/** Exit codes (docs/cli.md). */
export const EXIT = {
  ok: 0,
  failed: 1,
  invalid: 2,
  notFound: 3,
  conflict: 4,
  notAllowed: 5,
  rateLimited: 6,
} as const;

/** Exit codes per kind of operating error. */
export function exitCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
    case 'unprocessable':
    case 'too-large':
      return EXIT.invalid;
    case 'not-found':
      return EXIT.notFound;
    case 'conflict':
      return EXIT.conflict;
    case 'unauthenticated':
    case 'forbidden':
    case 'locked':
      return EXIT.notAllowed;
    case 'rate-limited':
      return EXIT.rateLimited;
    case 'internal':
    case 'unavailable':
      return EXIT.failed;
  }
}

/** The first quoted name in commander's English message ("unknown option '--x'"). */
function quoted(message: string): string {
  return /'([^']*)'/.exec(message)?.[1]?.split(' ')[0] ?? '';
}

/** Commander's refusals of the command line, in the run's language; undefined for help/version. */
function commanderLine(err: CommanderError, lang: Lang): string | undefined {
  switch (err.code) {
    case 'commander.helpDisplayed':
    case 'commander.version':
    case 'commander.help':
      return undefined;
    case 'commander.unknownOption':
      return inputMessage('unknownOption', lang, { option: quoted(err.message) });
    case 'commander.unknownCommand':
      return inputMessage('unknownCommand', lang, { command: quoted(err.message) });
    case 'commander.missingArgument':
      return inputMessage('missingArgument', lang, { argument: `<${quoted(err.message)}>` });
    case 'commander.optionMissingArgument':
      return inputMessage('optionMissingValue', lang, { option: quoted(err.message) });
    case 'commander.missingMandatoryOptionValue':
      return inputMessage('required', lang, { option: quoted(err.message) });
    case 'commander.excessArguments':
      return inputMessage('excessArguments', lang, { command: quoted(err.message) });
    default:
      return `${err.message.replace(/^error: /, '')}`;
  }
}

const FILE_ERRORS = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM', 'EROFS']);

/**
 * What the run ends with when a command throws: one message per line on stderr, never a stack
 * trace (SOKOGURU_DEBUG=1 adds it for an internal error), and the exit code of docs/cli.md.
 */
export function reportFailure(err: unknown, stderr: Output, lang: Lang, debug: boolean): number {
  const prefix = inputMessage('prefix', lang);
  const say = (line: string) => stderr.write(`${prefix}: ${line}\n`);
  if (err instanceof CliInputError) {
    for (const line of err.lines) say(line);
    return EXIT.invalid;
  }
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return EXIT.ok;
    const line = commanderLine(err, lang);
    if (line) say(line);
    return EXIT.invalid;
  }
  if (err instanceof AppError) {
    stderr.write(`${err.code}: ${errorMessage(err.code, lang, err.params)}\n`);
    for (const fe of err.fieldErrors ?? []) stderr.write(`  ${fe.message}\n`);
    return exitCodeOf(err.kind);
  }
  if (err instanceof RestoreError) {
    stderr.write(`restore refused: ${err.message}\n`);
    return EXIT.invalid;
  }
  const e = err as {
    name?: string;
    code?: unknown;
    path?: unknown;
    message?: string;
    stack?: string;
  };
  if (typeof e.code === 'string' && FILE_ERRORS.has(e.code) && typeof e.path === 'string') {
    say(inputMessage('fileUnusable', lang, { path: e.path, reason: e.code }));
    return EXIT.invalid;
  }
  // input the database refused (invalid text representation, constraint): still the caller's input
  if (
    e.name === 'ZodError' ||
    (typeof e.code === 'string' && /^(22|23)[0-9A-Z]{3}$/.test(e.code))
  ) {
    stderr.write(
      `VALIDATION_FAILED: ${errorMessage('VALIDATION_FAILED', lang)} (${e.message ?? ''})\n`,
    );
    return EXIT.invalid;
  }
  stderr.write(`INTERNAL: ${errorMessage('INTERNAL', lang)} (${e.message ?? String(err)})\n`);
  if (debug && e.stack) stderr.write(`${e.stack}\n`);
  return EXIT.failed;
}
