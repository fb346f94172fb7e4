import { Command } from 'commander';
import { z } from 'zod';
import { migrate } from '../db/migrate.js';
import { ALL_ROLES } from '../domain/auth/permissions.js';
import { inputMessage, type Lang } from '../i18n/messages.js';
import { verifyLedger } from '../ledger/verify.js';
import { isoDate, roleSchema, username, uuid } from '../schemas/common.js';
import { verifyAuditTrail } from '../services/audit.js';
import { backup, checksum, restore } from '../services/backup.js';
import { systemContext } from '../services/context.js';
import { formatDemoLogins, seedDemo } from '../services/demo/seed.js';
import {
  COOPERATIVE_TYPES,
  contactPatchSchema,
  createOrganization,
  createUser,
  legalPatchSchema,
} from '../services/organizations.js';
import { serve } from '../server.js';
import { reportFailure } from './exit.js';
import { registerExtensions } from './extensions.js';
import { action, CliInputError, existingFile, flag, portNumber, text } from './input.js';
import { cliLogger, processIo, requireOrganization, withDeps, type Cli, type CliIo } from './io.js';
import { tableProgress } from './progress.js';

export { exitCodeOf } from './exit.js';

/** A comma-separated list of roles (create-user --role admin,pengurus). */
const roleList = z
  .string()
  .transform((v) => v.split(',').map((r) => r.trim()))
  .pipe(z.array(roleSchema).min(1).max(6));

export function buildProgram(cli: Cli): Command {
  const { io } = cli;
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const program = new Command('sokoguru')
    .description(
      'Sokoguru: cooperatives and Dinas Koperasi. Database: DATABASE_URL (PostgreSQL) or embedded PGlite in SOKOGURU_DATA_DIR (./data).',
    )
    .option('--lang <lang>', 'message language: id | en', 'id')
    // every command refuses bad input through reportFailure (exit 2), never by commander's exit
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    })
    .showSuggestionAfterError(false)
    .hook('preAction', (root) => {
      const lang = z.enum(['id', 'en']).safeParse(root.opts<{ lang: unknown }>().lang);
      if (!lang.success)
        throw new CliInputError([
          inputMessage('choice', cli.lang, {
            option: '--lang',
            value: String(root.opts<{ lang: unknown }>().lang),
            choices: 'id, en',
          }),
        ]);
    });

  program
    .command('serve')
    .description('run the HTTP server (migrates the database first); log lines on stdout')
    .option('--port <port>', 'port (default: PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: HOST or 0.0.0.0)')
    .option('--demo', 'seed demo data on first start and print the demo logins')
    .option('--json', 'log JSON lines even on a terminal')
    .action(
      action(
        cli,
        z.object({
          port: portNumber.optional(),
          host: text(253).optional(),
          demo: flag,
          json: flag,
        }),
        async (o) => {
          const logger = cliLogger(io, { json: o.json, stream: io.stdout });
          logger.level = io.env.LOG_LEVEL ?? 'info';
          await serve({
            demo: o.demo,
            logger,
            ...(o.port ? { port: o.port } : {}),
            ...(o.host ? { host: o.host } : {}),
          });
        },
      ),
    );

  program
    .command('migrate')
    .description('apply pending SQL migrations')
    .action(
      action(cli, z.object({}), async () => {
        const database = await io.openDatabase();
        try {
          const r = await migrate(database, (name) => out(`applied ${name}`));
          out(`${r.applied.length} applied, ${r.alreadyApplied} already applied`);
        } finally {
          await database.close();
        }
      }),
    );

  program
    .command('seed-demo')
    .description('seed the demo Dinas and cooperatives (once)')
    .action(
      action(cli, z.object({}), () =>
        withDeps(cli, async (deps) => {
          const r = await seedDemo(deps);
          out(r.seeded ? formatDemoLogins(r.logins) : 'demo data already present');
        }),
      ),
    );

  program
    .command('create-org')
    .description('register a cooperative or a Dinas office')
    .option('--kind <kind>', 'cooperative | dinas (required)')
    .option('--name <name>', 'name (required)')
    .option('--type <type>', `cooperative type: ${COOPERATIVE_TYPES.join(' | ')} (default KSP)`)
    .option('--form <form>', 'primer | sekunder (default primer)')
    .option('--nik-koperasi <nik>', 'Nomor Induk Koperasi (16 digits)')
    .option('--badan-hukum <number>', 'badan hukum number')
    .option('--badan-hukum-date <date>', 'badan hukum date (YYYY-MM-DD)')
    .option(
      '--region <code>',
      'regency/city code (e.g. 3375); for a Dinas (required), the region it oversees',
    )
    .option('--address <address>', 'address')
    .option('--dinas <id>', 'supervising Dinas organisation id')
    .option(
      '--ministry',
      'for a Dinas: the ministry level, which oversees every region (no --region)',
    )
    .action(
      action(
        cli,
        z.object({
          kind: z.enum(['cooperative', 'dinas']),
          ministry: z.boolean().optional(),
          name: contactPatchSchema.shape.name.unwrap(),
          type: z.enum(COOPERATIVE_TYPES).default('KSP'),
          form: z.enum(['primer', 'sekunder']).default('primer'),
          nikKoperasi: legalPatchSchema.shape.nikKoperasi,
          badanHukum: legalPatchSchema.shape.badanHukumNumber,
          badanHukumDate: isoDate.optional(),
          region: z
            .string()
            .regex(/^[0-9]{2}(\.?[0-9]{2})?$/)
            .transform((r) => r.replace(/\./g, ''))
            .optional(),
          address: contactPatchSchema.shape.address,
          dinas: uuid.optional(),
        }),
        (o) => {
          if (o.ministry && (o.kind !== 'dinas' || o.region))
            throw new CliInputError([
              inputMessage('conflictingOptions', cli.lang, {
                option: '--ministry',
                other: o.region ? '--region' : `--kind ${o.kind}`,
              }),
            ]);
          if (o.kind === 'dinas' && !o.region && !o.ministry)
            throw new CliInputError([inputMessage('required', cli.lang, { option: '--region' })]);
          return withDeps(cli, async (deps) => {
            const region = o.region;
            const where = {
              address: o.address ?? null,
              provinceCode: region?.slice(0, 2) ?? null,
              regencyCode: region && region.length === 4 ? region : null,
            };
            const org =
              o.kind === 'dinas'
                ? await createOrganization(deps, {
                    kind: 'dinas',
                    name: o.name,
                    dinasRegionCode: region ?? '',
                    ...where,
                  })
                : await createOrganization(deps, {
                    kind: 'cooperative',
                    name: o.name,
                    cooperativeType: o.type,
                    cooperativeForm: o.form,
                    nikKoperasi: o.nikKoperasi ?? null,
                    badanHukumNumber: o.badanHukum ?? null,
                    badanHukumDate: o.badanHukumDate ?? null,
                    supervisingDinasId: o.dinas ?? null,
                    ...where,
                  });
            out(JSON.stringify(org, null, 2));
          });
        },
      ),
    );

  program
    .command('create-user')
    .description(
      'create a user with roles in an organisation (password from --password or SOKOGURU_PASSWORD)',
    )
    .option('--org <id>', 'organisation id (required)')
    .option('--username <username>', 'username (required)')
    .option('--full-name <name>', 'full name (required)')
    .option('--password <password>', 'initial password (prefer SOKOGURU_PASSWORD)')
    .option('--role <roles>', `comma-separated roles (required): ${ALL_ROLES.join(', ')}`)
    .action(
      action(
        cli,
        z.object({
          org: uuid,
          username,
          fullName: text(200),
          password: z.string().min(1).max(200).optional(),
          role: roleList,
        }),
        (o) =>
          withDeps(cli, async (deps) => {
            await requireOrganization(deps, o.org);
            const u = await createUser(
              deps,
              { ...systemContext(o.org, 'cli'), roles: [] },
              {
                username: o.username,
                fullName: o.fullName,
                password: o.password ?? io.env.SOKOGURU_PASSWORD ?? '',
                roles: o.role,
              },
            );
            out(JSON.stringify(u));
          }),
      ),
    );

  const audit = program.command('audit').description('audit trail');
  audit
    .command('verify')
    .description(
      'seal pending events, then recompute every hash chain; exits 1 on any edited, deleted or reordered event',
    )
    .option('--org <id>', 'only this organisation')
    .action(
      action(cli, z.object({ org: uuid.optional() }), (o) =>
        withDeps(cli, async (deps) => {
          if (o.org) await requireOrganization(deps, o.org);
          await deps.sealer.sealAll();
          const r = await verifyAuditTrail(deps.database, o.org);
          if (r.ok) {
            out(`audit trail intact: ${r.events} events verified`);
          } else {
            for (const p of r.problems)
              out(
                `BROKEN org=${p.organizationId} seq=${p.chainSeq ?? '-'} event=${p.eventId ?? '-'} ${p.problem}`,
              );
            out(`audit trail BROKEN: ${r.problems.length} problems in ${r.events} events`);
            cli.exitCode = 1;
          }
        }),
      ),
    );

  program
    .command('verify')
    .description(
      'check every invariant: balanced entries, kept balances = sum of lines, gapless numbers, closed periods untouched, reversals, audit chains; exit 1 on any violation',
    )
    .option('--coop <id>', 'only this cooperative')
    .action(
      action(cli, z.object({ coop: uuid.optional() }), (o) =>
        withDeps(cli, async (deps) => {
          if (o.coop) await requireOrganization(deps, o.coop, 'cooperative');
          await deps.sealer.sealAll();
          const ledgerViolations = await verifyLedger(deps.database.db, o.coop);
          const audit = await verifyAuditTrail(deps.database, o.coop);
          for (const v of ledgerViolations)
            out(`VIOLATION ${v.check} coop=${v.cooperativeId} ${v.detail}`);
          for (const p of audit.problems)
            out(`VIOLATION audit-${p.problem} org=${p.organizationId} seq=${p.chainSeq ?? '-'}`);
          const total = ledgerViolations.length + audit.problems.length;
          if (total === 0) out(`all invariants hold (${audit.events} audit events verified)`);
          else {
            out(`${total} violations`);
            cli.exitCode = 1;
          }
        }),
      ),
    );

  program
    .command('backup')
    .description('write a consistent archive of one organisation or the whole database')
    .option('--out <file>', 'archive file (.sgb.gz) (required)')
    .option('--org <id>', 'only this organisation')
    .action(
      action(cli, z.object({ out: text(4096), org: uuid.optional() }), (o) =>
        withDeps(cli, async (deps) => {
          if (o.org) await requireOrganization(deps, o.org);
          const h = await backup(deps.database, o.out, o.org ?? null, tableProgress(io.stderr));
          const rows = h.tables.reduce((a, t) => a + t.rows, 0);
          out(`backup written: ${o.out} (${h.tables.length} tables, ${rows} rows)`);
        }),
      ),
    );

  program
    .command('restore')
    .description('restore an archive into an empty database (migrates it first)')
    .option('--in <file>', 'archive file (required)')
    .action(
      action(cli, z.object({ in: existingFile }), (o) =>
        withDeps(cli, async (deps) => {
          const h = await restore(deps.database, o.in, tableProgress(io.stderr));
          out(
            `restored ${h.tables.length} tables${h.organizationId ? ` of organisation ${h.organizationId}` : ''}`,
          );
        }),
      ),
    );

  program
    .command('checksum')
    .description(
      'checksums of one organisation or the whole database (compare before backup and after restore)',
    )
    .option('--org <id>', 'only this organisation')
    .option('--json', 'print per-table checksums as JSON')
    .action(
      action(cli, z.object({ org: uuid.optional(), json: flag }), (o) =>
        withDeps(cli, async (deps) => {
          if (o.org) await requireOrganization(deps, o.org);
          const c = await checksum(deps.database, o.org ?? null);
          if (o.json) out(JSON.stringify(c, null, 2));
          else {
            for (const t of c.tables) out(`${t.name.padEnd(30)} ${t.rows.padStart(10)} ${t.sum}`);
            out(`digest ${c.digest}`);
          }
        }),
      ),
    );

  registerExtensions(program, cli);
  return program;
}

/** The language of the run's messages: --lang en anywhere on the line, else Indonesian. */
function langOf(argv: readonly string[]): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const v = i < 0 ? undefined : argv[i]?.includes('=') ? argv[i]?.split('=')[1] : argv[i + 1];
  return v === 'en' ? 'en' : 'id';
}

/**
 * Runs one command line (argv as process.argv: node, script, args…) and returns its exit code
 * (docs/cli.md). Nothing is thrown: every failure is a message on stderr.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const cli: Cli = { io, lang: langOf(argv), exitCode: 0 };
  try {
    const program = buildProgram(cli);
    await program.parseAsync([...argv]);
    return cli.exitCode;
  } catch (err) {
    return reportFailure(err, io.stderr, cli.lang, io.env.SOKOGURU_DEBUG === '1');
  }
}

export async function main(argv: string[]): Promise<void> {
  const code = await run(argv);
  // a failure ends the process at once (an open pool or timer must not keep it alive)
  if (code !== 0) process.exit(code);
  process.exitCode = code;
}
