// Database templates for the test run, built once by the global setup: a migrated
// database, and one with the Kupang demo applied too, on both kinds. A test file then
// starts from a copy — `CREATE DATABASE … TEMPLATE` on PostgreSQL, a dumped data
// directory on PGlite — instead of running every migration and the demo city again.
// Templates are named by a hash of the migrations and the demo, so a change to either
// builds new ones, and one run's templates serve the next.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { demoCityPath, migrationsDir } from '@aduan/prisma';
import { applyCityConfig, loadCityConfig } from '../../src/city-config/index.js';
import { openDatabase } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';

export type TemplateName = 'migrated' | 'demo';

export interface Templates {
  /** PostgreSQL template database names. */
  postgres: Record<TemplateName, string>;
  /** Files holding PGlite data directories (tar). */
  pglite: Record<TemplateName, string>;
}

/** A hash of everything a template holds: the migrations and the demo city with its boundaries. */
function contentKey(): string {
  const hash = createHash('sha256');
  const add = (dir: string) => {
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }).sort((a, b) =>
      join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)),
    )) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      hash.update(path.slice(dir.length)).update(readFileSync(path));
    }
  };
  add(migrationsDir);
  add(dirname(demoCityPath));
  return hash.digest('hex').slice(0, 12);
}

export async function buildTemplates(adminUrl: string): Promise<Templates> {
  const key = contentKey();
  const templates: Templates = {
    postgres: { migrated: `aduan_tpl_${key}_migrated`, demo: `aduan_tpl_${key}_demo` },
    pglite: {
      migrated: join(tmpdir(), 'aduan-test-templates', key, 'migrated.tar'),
      demo: join(tmpdir(), 'aduan-test-templates', key, 'demo.tar'),
    },
  };
  await Promise.all([buildPostgres(adminUrl, key, templates.postgres), buildPglite(templates.pglite)]);
  return templates;
}

async function buildPostgres(adminUrl: string, key: string, names: Record<TemplateName, string>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required for these tests and is not reachable at ${adminUrl} (${(error as Error).message}). Start it, or set ADUAN_TEST_DATABASE_URL.`,
    );
  }
  try {
    // One builder at a time, should two test runs start together.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['aduan_test_templates']);
    const existing = new Set(
      (await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'aduan\\_tpl\\_%' AND datistemplate`)).rows.map(
        (r) => r.datname,
      ),
    );
    for (const stale of existing) {
      if (!stale.startsWith(`aduan_tpl_${key}_`)) {
        await admin.query(`ALTER DATABASE ${stale} IS_TEMPLATE false`);
        await admin.query(`DROP DATABASE IF EXISTS ${stale} WITH (FORCE)`);
      }
    }
    for (const [name, withDemo] of [
      [names.migrated, false],
      [names.demo, true],
    ] as const) {
      if (existing.has(name)) continue;
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); // a half-built one
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
      try {
        await applyMigrations(database);
        if (withDemo) await applyCityConfig(database.prisma, await loadCityConfig(demoCityPath));
      } finally {
        await database.close();
      }
      await admin.query(`ALTER DATABASE ${name} IS_TEMPLATE true`);
    }
  } finally {
    await admin.end();
  }
}

async function buildPglite(files: Record<TemplateName, string>): Promise<void> {
  if (existsSync(files.migrated) && existsSync(files.demo) && statSync(files.demo).size > 0) return;
  mkdirSync(dirname(files.migrated), { recursive: true });
  const database = await openDatabase({ embedded: 'memory://' });
  try {
    await applyMigrations(database);
    await writeAtomically(files.migrated, await database.dumpPglite!());
    await applyCityConfig(database.prisma, await loadCityConfig(demoCityPath));
    await writeAtomically(files.demo, await database.dumpPglite!());
  } finally {
    await database.close();
  }
}

async function writeAtomically(path: string, blob: Blob): Promise<void> {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
  renameSync(partial, path);
}
