import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { INPUT_FORMAT_MESSAGES, inputMessage, type Lang } from '../i18n/messages.js';
import { inputFormats, type InputFormat } from '../schemas/common.js';
import type { Cli } from './io.js';

/**
 * A command's options and arguments, refused before anything is opened: the messages say which
 * option, the value given and what is expected, in the run's language. Exit code 2.
 */
export class CliInputError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
    this.name = 'CliInputError';
  }
}

/** A TCP port (serve --port). */
export const portNumber = z.coerce
  .number()
  .int()
  .min(1)
  .max(65535)
  .register(inputFormats, { format: 'port' });

/** A file that must exist (restore --in, import members FILE). */
export const existingFile = z
  .string()
  .min(1)
  .refine((p) => existsSync(p))
  .register(inputFormats, { format: 'file' });

/** Free text of 1 to `max` characters. */
export const text = (max: number) =>
  z.string().trim().min(1).max(max).register(inputFormats, { format: 'text' });

/** A flag: absent is false. */
export const flag = z.boolean().default(false);

/** The format a (possibly optional or defaulted) schema expects, from the shared registry. */
function formatOf(schema: z.ZodType | undefined): InputFormat | undefined {
  let s: z.ZodType | undefined = schema;
  for (let depth = 0; s && depth < 8; depth++) {
    const meta = inputFormats.get(s);
    if (meta) return meta.format;
    const def = s._zod.def as { innerType?: z.ZodType; in?: z.ZodType };
    s = def.innerType ?? def.in;
  }
  return undefined;
}

function describeIssues(
  cmd: Command,
  schema: z.ZodObject,
  raw: Record<string, unknown>,
  error: z.ZodError,
  lang: Lang,
): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (seen.has(key)) continue;
    seen.add(key);
    const option =
      cmd.options.find((o) => o.attributeName() === key)?.long ??
      (cmd.registeredArguments.some((a) => a.name() === key) ? `<${key}>` : key);
    // commander hands over strings, string arrays and booleans
    const value = raw[key] as string | string[] | boolean | undefined;
    if (value === undefined) {
      lines.push(inputMessage('required', lang, { option }));
    } else if (issue.code === 'invalid_value') {
      lines.push(
        inputMessage('choice', lang, {
          option,
          value: String(value),
          choices: issue.values.map(String).join(', '),
        }),
      );
    } else {
      const format = formatOf(schema.shape[key] as z.ZodType | undefined) ?? 'text';
      lines.push(
        inputMessage('invalid', lang, {
          option,
          value: String(value),
          expected: INPUT_FORMAT_MESSAGES[format][lang],
        }),
      );
    }
  }
  return lines;
}

/** The options and named arguments of the command being run, as commander parsed them. */
function rawInput(cmd: Command): Record<string, unknown> {
  const raw: Record<string, unknown> = { ...cmd.opts() };
  cmd.registeredArguments.forEach((a, i) => {
    raw[a.name()] = cmd.processedArgs[i];
  });
  return raw;
}

/**
 * A commander action that parses the command's options and arguments with `schema` (the shared
 * input schemas of src/schemas/common.ts) and only then runs `fn` with typed values.
 */
export function action<S extends z.ZodObject>(
  cli: Cli,
  schema: S,
  fn: (input: z.output<S>) => Promise<void> | void,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const raw = rawInput(cmd);
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      throw new CliInputError(describeIssues(cmd, schema, raw, parsed.error, cli.lang));
    await fn(parsed.data);
  };
}
