// The `aduan` command line: serve, migrate, and apply a city's configuration.
// Every failure ends with one clear sentence on stderr and a non-zero exit.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { applyCityConfig, CityConfigError, EXPORT_BOUNDARY_FILE, exportCityConfig, loadCityConfig } from './city-config/index.js';
import { openConfiguredDatabase } from './db/open-configured.js';
import { registerDeliveryCommands } from './delivery/commands.js';
import { registerPrivacyCommands } from './privacy/commands.js';
import { registerPhotoCommands } from './photos/commands.js';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from './open311/keys.js';
import { applyMigrations, createMigration } from './db/migrate.js';
import { readEnvironment } from './environment.js';
import { commandChanges } from './events/command-changes.js';
import { PhotoLinkSigner, runDeliveries } from './delivery/index.js';
import { serverSecretFor } from './secrets/server-secret.js';
import { runAutoClose, runEscalation, type DeadlineJobOptions } from './jobs/index.js';
import { mailerFromEnvironment } from './notifications/index.js';
import { ReportLedger } from './workflow/ledger.js';
import { AduanError } from './errors.js';
import { addStaffAccount, createApiToken, disableStaffAccount, listApiTokens, resetStaffPassword, revokeApiToken, STAFF_ROLES } from './staff/index.js';

type PrismaClient = import('@aduan/prisma').PrismaClient;

/**
 * Opens the database (migrating it), runs `work`, closes, and exits 0. Report changes go
 * through a ledger of their own: what they put in the outbox, a running server's worker
 * sends (or `aduan worker`).
 */
async function withDatabase(work: (prisma: PrismaClient, ledger: ReportLedger) => Promise<void>): Promise<void> {
  const env = readEnvironment();
  const database = await openConfiguredDatabase(env);
  const bus = commandChanges(env, (line) => console.error(line));
  try {
    await applyMigrations(database);
    await work(database.prisma, new ReportLedger({ prisma: database.prisma, changes: bus.changes, mail: Boolean(env.smtpUrl) }));
  } finally {
    await bus.close();
    await database.close();
  }
  process.exit(0);
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('aduan')
    .description("Residents' complaints, routed to the agency responsible, followed by tracking code.")
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('Run the API (GraphQL at /graphql, health at /healthz). PGlite in $ADUAN_DATA_DIR unless $DATABASE_URL is set.')
    .action(async () => {
      // Loaded here, not at the top: the server (GraphQL schema, Yoga, image codecs) is most
      // of the start-up time, and the other commands do not need it.
      const { startService } = await import('./service.js');
      const service = await startService(readEnvironment());
      // Graceful: no new connections, requests already taken are answered, deliveries in
      // flight are recorded, pools are closed. A second signal stops at once.
      const stop = () => {
        console.log('Stopping: finishing the requests already taken…');
        void service.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  const migrate = program
    .command('migrate')
    .description('Apply pending database migrations (idempotent).')
    .action(async () => {
      const env = readEnvironment();
      const database = await openConfiguredDatabase(env);
      try {
        const applied = await applyMigrations(database);
        console.log(applied.length ? `Applied ${applied.join(', ')} to ${database.location}.` : `${database.location} is up to date.`);
      } finally {
        await database.close();
      }
      process.exit(0); // the migration engine keeps a timer alive
    });

  migrate
    .command('create <name>')
    .description('For developers: write a new migration for what prisma/schema.prisma adds.')
    .action(async (name: string) => {
      const folder = await createMigration(name);
      console.log(folder ? `Wrote ${folder}/migration.sql` : 'schema.prisma matches the migrations; nothing to write.');
      process.exit(0);
    });

  const config = program.command('config').description("Manage a city's configuration.");
  config
    .command('export')
    .description('Write a city’s current configuration in the file format (city.json and boundaries.geojson in a folder); applying it again changes nothing.')
    .requiredOption('--jurisdiction <code>', 'the city’s own jurisdiction code, e.g. 53.71')
    .option('--out <folder>', 'where to write (created if missing)', '.')
    .action(async (options: { jurisdiction: string; out: string }) => {
      await withDatabase(async (prisma) => {
        const { config: file, boundaries } = await exportCityConfig(prisma, options.jurisdiction);
        await mkdir(options.out, { recursive: true });
        const cityPath = join(options.out, 'city.json');
        await writeFile(cityPath, `${JSON.stringify(file, null, 2)}\n`);
        if (boundaries.features.length > 0) await writeFile(join(options.out, EXPORT_BOUNDARY_FILE), JSON.stringify(boundaries));
        console.log(`Wrote ${cityPath}${boundaries.features.length > 0 ? ` and ${EXPORT_BOUNDARY_FILE} (${boundaries.features.length} boundaries)` : ''}.`);
      });
    });
  config
    .command('apply <file>')
    .description('Create or update jurisdictions, agencies, categories, rules and sites from a JSON or YAML file, in one transaction.')
    .action(async (file: string) => {
      const env = readEnvironment();
      const loaded = await loadCityConfig(file);
      const database = await openConfiguredDatabase(env);
      const bar = process.stdout.isTTY ? new SingleBar({ format: '{phase} [{bar}] {value}/{total}', hideCursor: true }, Presets.shades_classic) : undefined;
      let phase = '';
      try {
        await applyMigrations(database);
        const summary = await applyCityConfig(database.prisma, loaded, {
          onProgress: (progress) => {
            if (!bar) return;
            if (progress.phase !== phase) {
              if (phase) bar.stop();
              phase = progress.phase;
              bar.start(progress.total, progress.done, { phase });
            } else bar.update(progress.done);
          },
        });
        bar?.stop();
        console.log(`Applied ${file} to ${database.location}:`);
        for (const [kind, counts] of Object.entries(summary)) {
          const parts = Object.entries(counts as Record<string, number>).map(([what, n]) => `${n} ${what}`);
          console.log(`  ${kind}: ${parts.join(', ')}`);
        }
      } finally {
        bar?.stop();
        await database.close();
      }
      process.exit(0);
    });

  const staff = program.command('staff').description('Manage staff accounts.');
  staff
    .command('add')
    .description('Create a staff account in an agency and print its one-time password (to be changed at the first sign-in).')
    .requiredOption('--agency <slug>', 'the agency the person works for')
    .requiredOption('--email <email>', 'their e-mail address (the login)')
    .requiredOption('--role <role>', STAFF_ROLES.join(' | '))
    .option('--name <name>', 'their name (the e-mail’s local part unless given)')
    .action(async (options: { agency: string; email: string; role: string; name?: string }) => {
      await withDatabase(async (prisma) => {
        const { account, password } = await addStaffAccount(prisma, options);
        console.log(`Created ${account.role} ${account.email} (${account.id}) in ${options.agency}.`);
        console.log(`One-time password (shown once; hand it over safely): ${password}`);
      });
    });
  staff
    .command('reset-password')
    .description('Print a new one-time password for an account (to be changed at the next sign-in) and end its sessions.')
    .requiredOption('--email <email>', 'the account’s e-mail address')
    .action(async (options: { email: string }) => {
      await withDatabase(async (prisma) => {
        const { account, password, sessionsEnded } = await resetStaffPassword(prisma, options);
        console.log(`Reset the password of ${account.email}; ended ${plural(sessionsEnded, 'session')}.`);
        console.log(`One-time password (shown once; hand it over safely): ${password}`);
      });
    });
  staff
    .command('disable')
    .description('Disable an account: no more sign-in or mail; its sessions end and its reports become unassigned.')
    .requiredOption('--email <email>', 'the account’s e-mail address')
    .action(async (options: { email: string }) => {
      await withDatabase(async (_prisma, ledger) => {
        const { account, sessionsEnded, reportsUnassigned } = await disableStaffAccount(ledger, options);
        console.log(`Disabled ${account.email}; ended ${plural(sessionsEnded, 'session')}, unassigned ${plural(reportsUnassigned, 'report')}.`);
      });
    });

  const token = program.command('token').description('Manage bearer API tokens for agencies’ own systems.');
  token
    .command('create')
    .description('Create a bearer token and print it once.')
    .requiredOption('--agency <slug>', 'the agency whose reports it may reach')
    .requiredOption('--role <role>', STAFF_ROLES.join(' | '))
    .requiredOption('--name <name>', 'who or what uses it')
    .action(async (options: { agency: string; role: string; name: string }) => {
      await withDatabase(async (prisma) => {
        const created = await createApiToken(prisma, options);
        console.log(`Created token ${created.id} for ${options.agency}.`);
        console.log(`Bearer token (shown once; only its hash is kept): ${created.token}`);
      });
    });
  token
    .command('revoke <id>')
    .description('Revoke a token; requests with it are refused from now on.')
    .action(async (id: string) => {
      await withDatabase(async (prisma) => {
        await revokeApiToken(prisma, id);
        console.log(`Revoked token ${id}.`);
      });
    });
  token
    .command('list')
    .description('List tokens (never the secrets).')
    .action(async () => {
      await withDatabase(async (prisma) => {
        const tokens = await listApiTokens(prisma);
        if (!tokens.length) console.log('No tokens.');
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
          const used = t.lastUsedAt ? t.lastUsedAt.toISOString() : 'never';
          console.log(`${t.id}  ${t.agency}  ${t.role}  ${JSON.stringify(t.name)}  ${state}  last used ${used}`);
        }
      });
    });

  const open311Key = program
    .command('open311-key')
    .description('Manage the secret keys integrations file reports with over Open311 (a site key alone reads only).');
  open311Key
    .command('create')
    .description('Create a key for one integration of a site and print it once.')
    .requiredOption('--site <key>', 'the site it files reports for')
    .requiredOption('--name <name>', 'which integration uses it')
    .action(async (options: { site: string; name: string }) => {
      await withDatabase(async (prisma) => {
        const { key } = await createOpen311Key(prisma, options);
        console.log(`Created Open311 key "${options.name.trim()}" for site ${options.site}.`);
        console.log(`api_key (shown once; only its hash is kept): ${key}`);
      });
    });
  open311Key
    .command('revoke')
    .description('Revoke a key; filing with it is refused from now on.')
    .requiredOption('--site <key>', 'its site')
    .requiredOption('--name <name>', 'its name')
    .action(async (options: { site: string; name: string }) => {
      await withDatabase(async (prisma) => {
        await revokeOpen311Key(prisma, options);
        console.log(`Revoked Open311 key "${options.name}" of site ${options.site}.`);
      });
    });
  open311Key
    .command('list')
    .description('List Open311 keys (never the keys themselves).')
    .action(async () => {
      await withDatabase(async (prisma) => {
        const keys = await listOpen311Keys(prisma);
        if (!keys.length) console.log('No Open311 keys.');
        for (const k of keys)
          console.log(
            `${k.site}  ${JSON.stringify(k.name)}  ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'}  created ${k.createdAt.toISOString()}`,
          );
      });
    });

  registerDeliveryCommands(program, withDatabase);
  registerPrivacyCommands(program, withDatabase);
  registerPhotoCommands(program);

  /** Runs one deadline job against the database, then sends the mail it queued (when SMTP is set), as the server would. */
  async function deadlineJob(job: (options: DeadlineJobOptions) => Promise<number>, done: (n: number) => string) {
    const env = readEnvironment();
    await withDatabase(async (prisma, ledger) => {
      const count = await job({ ledger, autoCloseDays: env.autoCloseDays });
      console.log(done(count));
      const mailer = mailerFromEnvironment(env);
      if (mailer) {
        await runDeliveries({
          prisma,
          mailer,
          publicUrl: env.publicUrl ?? `http://localhost:${env.port}`,
          photoLinks: new PhotoLinkSigner(serverSecretFor(env, () => {})),
        });
        mailer.close();
      }
    });
  }

  program
    .command('escalate')
    .description('Escalate overdue open reports once (`aduan serve` does it every $ADUAN_ESCALATION_INTERVAL_MS) and mail their supervisors.')
    .action(async () => {
      await deadlineJob(runEscalation, (n) => (n === 1 ? 'Escalated 1 overdue report.' : `Escalated ${n} overdue reports.`));
    });

  program
    .command('auto-close')
    .description('Close RESOLVED/REJECTED reports older than $ADUAN_AUTO_CLOSE_DAYS (14) days, once (`aduan serve` does it with escalation).')
    .action(async () => {
      await deadlineJob(runAutoClose, (n) => (n === 1 ? 'Closed 1 answered report.' : `Closed ${n} answered reports.`));
    });

  program
    .command('schema')
    .description('Print the GraphQL schema (SDL) as clients see it.')
    .option('--subgraph', 'print it as an Apollo Federation v2 subgraph instead, with @link, @key and @shareable (what `_service { sdl }` answers)')
    .action(async (options: { subgraph?: boolean }) => {
      const { clientSchema, schema } = await import('./schema/index.js');
      if (options.subgraph) {
        const { printSubgraphSchema } = await import('@apollo/subgraph');
        process.stdout.write(`${printSubgraphSchema(schema)}\n`);
      } else {
        const { printSchema } = await import('graphql');
        process.stdout.write(`${printSchema(clientSchema)}\n`);
      }
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    console.error(`aduan: ${describeError(error)}`);
    if (error instanceof CityConfigError && error.issues.length > 1) {
      for (const issue of error.issues) console.error(`  ${issue.path}: ${issue.message}`);
    }
    process.exit(1);
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function describeError(error: unknown): string {
  if (error instanceof AduanError) return error.message;
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return 'the port is already in use; set PORT to another one.';
  // Driver and engine messages run to several lines; the first says what happened.
  const first =
    error.message
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? error.name;
  if (code === 'ECONNREFUSED' || /can't reach database|connection refused|timed out/i.test(first)) {
    return `${first.replace(/\.$/, '')}; is PostgreSQL running, and is DATABASE_URL right?`;
  }
  return first;
}
