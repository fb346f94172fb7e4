import { Command, Option } from 'commander';
import pino from 'pino';
import { databaseConfigFromEnv } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/database.js';
import { ALL_ROLES, isRole } from '../domain/auth/permissions.js';
import { AppError, type ErrorKind } from '../domain/errors.js';
import { errorMessage, type Lang } from '../i18n/messages.js';
import { verifyLedger } from '../ledger/verify.js';
import { verifyAuditTrail } from '../services/audit.js';
import { backup, checksum, restore, RestoreError } from '../services/backup.js';
import { systemContext } from '../services/context.js';
import { openDeps, type OpenedDeps } from '../services/deps.js';
import { formatDemoLogins, seedDemo } from '../services/demo/seed.js';
import { COOPERATIVE_TYPES, createOrganization, createUser } from '../services/organizations.js';
import { serve } from '../server.js';
import { tableProgress } from './progress.js';
import { registerExtensions } from './extensions.js';

/** Exit codes per kind of operating error (documented in docs/cli.md). */
export function exitCodeOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
    case 'unprocessable':
    case 'too-large':
      return 2;
    case 'not-found':
      return 3;
    case 'conflict':
      return 4;
    case 'unauthenticated':
    case 'forbidden':
    case 'locked':
      return 5;
    case 'rate-limited':
      return 6;
    case 'internal':
      return 1;
  }
}

const quietLogger = () => pino({ level: process.env.LOG_LEVEL ?? 'warn' });

async function withDeps<T>(fn: (deps: OpenedDeps) => Promise<T>): Promise<T> {
  const deps = await openDeps(databaseConfigFromEnv(), { logger: quietLogger() });
  try {
    return await fn(deps);
  } finally {
    await deps.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('sokoguru')
    .description(
      'Sokoguru: cooperatives and Dinas Koperasi. Database: DATABASE_URL (PostgreSQL) or embedded PGlite in SOKOGURU_DATA_DIR (./data).',
    )
    .addOption(new Option('--lang <lang>', 'message language').choices(['id', 'en']).default('id'));

  program
    .command('serve')
    .description('run the HTTP server (migrates the database first)')
    .option('--port <port>', 'port', (v) => Number(v))
    .option('--host <host>', 'interface to listen on')
    .option('--demo', 'seed demo data on first start and print the demo logins', false)
    .action(async (o: { port?: number; host?: string; demo: boolean }) => {
      await serve({
        demo: o.demo,
        ...(o.port ? { port: o.port } : {}),
        ...(o.host ? { host: o.host } : {}),
      });
    });

  program
    .command('migrate')
    .description('apply pending SQL migrations')
    .action(async () => {
      const database = await openDatabase(databaseConfigFromEnv());
      try {
        const r = await migrate(database, (name) => process.stdout.write(`applied ${name}\n`));
        process.stdout.write(`${r.applied.length} applied, ${r.alreadyApplied} already applied\n`);
      } finally {
        await database.close();
      }
    });

  program
    .command('seed-demo')
    .description('seed the demo Dinas and cooperatives (once)')
    .action(async () =>
      withDeps(async (deps) => {
        const r = await seedDemo(deps);
        process.stdout.write(
          r.seeded ? `${formatDemoLogins(r.logins)}\n` : 'demo data already present\n',
        );
      }),
    );

  program
    .command('create-org')
    .description('register a cooperative or a Dinas office')
    .requiredOption('--kind <kind>', 'cooperative | dinas')
    .requiredOption('--name <name>', 'name')
    .addOption(new Option('--type <type>', 'cooperative type').choices([...COOPERATIVE_TYPES]))
    .addOption(
      new Option('--form <form>', 'primer | sekunder')
        .choices(['primer', 'sekunder'])
        .default('primer'),
    )
    .option('--nik-koperasi <nik>', 'Nomor Induk Koperasi (16 digits)')
    .option('--badan-hukum <number>', 'badan hukum number')
    .option('--badan-hukum-date <date>', 'badan hukum date (YYYY-MM-DD)')
    .option(
      '--region <code>',
      'regency/city code (e.g. 3375) — for a Dinas, the region it oversees',
    )
    .option('--address <address>', 'address')
    .option('--dinas <id>', 'supervising Dinas organisation id')
    .action(async (o: Record<string, string | undefined>) =>
      withDeps(async (deps) => {
        const region = o.region?.replace(/\./g, '');
        const org =
          o.kind === 'dinas'
            ? await createOrganization(deps, {
                kind: 'dinas',
                name: o.name ?? '',
                dinasRegionCode: region ?? '',
                address: o.address ?? null,
                provinceCode: region?.slice(0, 2) ?? null,
                regencyCode: region && region.length === 4 ? region : null,
              })
            : await createOrganization(deps, {
                kind: 'cooperative',
                name: o.name ?? '',
                cooperativeType: (o.type ?? 'KSP') as (typeof COOPERATIVE_TYPES)[number],
                cooperativeForm: o.form === 'sekunder' ? 'sekunder' : 'primer',
                nikKoperasi: o.nikKoperasi ?? null,
                badanHukumNumber: o.badanHukum ?? null,
                badanHukumDate: o.badanHukumDate ?? null,
                supervisingDinasId: o.dinas ?? null,
                address: o.address ?? null,
                provinceCode: region?.slice(0, 2) ?? null,
                regencyCode: region && region.length === 4 ? region : null,
              });
        process.stdout.write(`${JSON.stringify(org, null, 2)}\n`);
      }),
    );

  program
    .command('create-user')
    .description(
      'create a user with roles in an organisation (password from --password or SOKOGURU_PASSWORD)',
    )
    .requiredOption('--org <id>', 'organisation id')
    .requiredOption('--username <username>', 'username')
    .requiredOption('--full-name <name>', 'full name')
    .option('--password <password>', 'initial password (prefer SOKOGURU_PASSWORD)')
    .requiredOption('--role <roles>', `comma-separated roles: ${ALL_ROLES.join(', ')}`)
    .action(
      async (o: {
        org: string;
        username: string;
        fullName: string;
        password?: string;
        role: string;
      }) =>
        withDeps(async (deps) => {
          const roles = o.role.split(',').map((r) => r.trim());
          const bad = roles.find((r) => !isRole(r));
          if (bad) throw new AppError('USER_ROLE_NOT_ALLOWED', { role: bad });
          const password = o.password ?? process.env.SOKOGURU_PASSWORD ?? '';
          const ctx = { ...systemContext(o.org, 'cli'), roles: [] };
          const u = await createUser(deps, ctx, {
            username: o.username,
            fullName: o.fullName,
            password,
            roles: roles.filter(isRole),
          });
          process.stdout.write(`${JSON.stringify(u)}\n`);
        }),
    );

  const audit = program.command('audit').description('audit trail');
  audit
    .command('verify')
    .description(
      'seal pending events, then recompute every hash chain; exits 1 on any edited, deleted or reordered event',
    )
    .option('--org <id>', 'only this organisation')
    .action(async (o: { org?: string }) =>
      withDeps(async (deps) => {
        await deps.sealer.sealAll();
        const r = await verifyAuditTrail(deps.database, o.org);
        if (r.ok) {
          process.stdout.write(`audit trail intact: ${r.events} events verified\n`);
        } else {
          for (const p of r.problems) {
            process.stdout.write(
              `BROKEN org=${p.organizationId} seq=${p.chainSeq ?? '-'} event=${p.eventId ?? '-'} ${p.problem}\n`,
            );
          }
          process.stdout.write(
            `audit trail BROKEN: ${r.problems.length} problems in ${r.events} events\n`,
          );
          process.exitCode = 1;
        }
      }),
    );

  program
    .command('verify')
    .description(
      'check every invariant: balanced entries, kept balances = sum of lines, gapless numbers, closed periods untouched, reversals, audit chains; exit 1 on any violation',
    )
    .option('--coop <id>', 'only this cooperative')
    .action(async (o: { coop?: string }) =>
      withDeps(async (deps) => {
        await deps.sealer.sealAll();
        const ledgerViolations = await verifyLedger(deps.database.db, o.coop);
        const audit = await verifyAuditTrail(deps.database, o.coop);
        for (const v of ledgerViolations)
          process.stdout.write(`VIOLATION ${v.check} coop=${v.cooperativeId} ${v.detail}\n`);
        for (const p of audit.problems)
          process.stdout.write(
            `VIOLATION audit-${p.problem} org=${p.organizationId} seq=${p.chainSeq ?? '-'}\n`,
          );
        const total = ledgerViolations.length + audit.problems.length;
        if (total === 0)
          process.stdout.write(`all invariants hold (${audit.events} audit events verified)\n`);
        else {
          process.stdout.write(`${total} violations\n`);
          process.exitCode = 1;
        }
      }),
    );

  program
    .command('backup')
    .description('write a consistent archive of one organisation or the whole database')
    .requiredOption('--out <file>', 'archive file (.sgb.gz)')
    .option('--org <id>', 'only this organisation')
    .action(async (o: { out: string; org?: string }) =>
      withDeps(async (deps) => {
        const h = await backup(deps.database, o.out, o.org ?? null, tableProgress());
        const rows = h.tables.reduce((a, t) => a + t.rows, 0);
        process.stdout.write(
          `backup written: ${o.out} (${h.tables.length} tables, ${rows} rows)\n`,
        );
      }),
    );

  program
    .command('restore')
    .description('restore an archive into an empty database (migrates it first)')
    .requiredOption('--in <file>', 'archive file')
    .action(async (o: { in: string }) =>
      withDeps(async (deps) => {
        const h = await restore(deps.database, o.in, tableProgress());
        process.stdout.write(
          `restored ${h.tables.length} tables${h.organizationId ? ` of organisation ${h.organizationId}` : ''}\n`,
        );
      }),
    );

  program
    .command('checksum')
    .description(
      'checksums of one organisation or the whole database (compare before backup and after restore)',
    )
    .option('--org <id>', 'only this organisation')
    .option('--json', 'print per-table checksums as JSON', false)
    .action(async (o: { org?: string; json: boolean }) =>
      withDeps(async (deps) => {
        const c = await checksum(deps.database, o.org ?? null);
        if (o.json) process.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
        else {
          for (const t of c.tables)
            process.stdout.write(`${t.name.padEnd(30)} ${t.rows.padStart(10)} ${t.sum}\n`);
          process.stdout.write(`digest ${c.digest}\n`);
        }
      }),
    );

  registerExtensions(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const lang = program.opts<{ lang: Lang }>().lang ?? 'id';
    if (err instanceof AppError) {
      process.stderr.write(`${err.code}: ${errorMessage(err.code, lang, err.params)}\n`);
      process.exit(exitCodeOf(err.kind));
    }
    if (err instanceof RestoreError) {
      process.stderr.write(`restore refused: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}
