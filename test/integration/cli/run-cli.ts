import type { Command } from 'commander';
import { buildProgram, run } from '../../../src/cli/main.js';
import type { CliIo } from '../../../src/cli/io.js';
import type { OpenedDeps } from '../../../src/services/deps.js';

/** What one in-process run of `sokoguru` left: exit code, stdout, stderr, databases opened. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  opened: number;
}

/**
 * Runs the real program in this process (no child start-up, seconds each on a loaded host) over
 * the test's database; the command closes nothing it did not open. `tty` makes stdout/stderr
 * look like a terminal.
 */
export async function runCli(
  deps: OpenedDeps,
  args: string[],
  options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let opened = 0;
  const io: CliIo = {
    stdout: { write: (s) => (stdout += String(s)), isTTY: options.tty ?? false },
    stderr: { write: (s) => (stderr += String(s)), isTTY: options.tty ?? false },
    env: { LOG_LEVEL: 'silent', ...options.env },
    openDeps: () => {
      opened++;
      return Promise.resolve({ ...deps, close: () => Promise.resolve() });
    },
    openDatabase: () => {
      opened++;
      return Promise.resolve({ ...deps.database, close: () => Promise.resolve() });
    },
  };
  const code = await run(['node', 'sokoguru', ...args], io);
  return { code, stdout, stderr, opened };
}

/** Every command that runs something (the leaves of the tree), as its words: ['audit', 'verify']. */
export function leafCommands(): string[][] {
  const program = buildProgram({
    io: {} as CliIo,
    lang: 'id',
    exitCode: 0,
  });
  const walk = (cmd: Command, path: string[]): string[][] =>
    cmd.commands.length === 0 ? [path] : cmd.commands.flatMap((c) => walk(c, [...path, c.name()]));
  return walk(program, []);
}
