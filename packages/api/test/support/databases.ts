// Every API test runs on both databases Aduan supports: embedded PGlite and a
// real PostgreSQL. Each test file gets a fresh, migrated database of its own.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type DatabaseKind, type DatabaseOptions } from '../../src/db/database.js';
import { applyMigrations } from '../../src/db/migrate.js';

/** Administrative connection used to create and drop per-file databases. */
export const postgresAdminUrl = process.env.ADUAN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const databaseKinds: DatabaseKind[] = ['pglite', 'postgres'];

export interface TestDatabase {
  database: Database;
  /** The URL of the per-file PostgreSQL database (undefined for PGlite). */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database (with the Kupang demo when `demo`), copied from the run's
 * templates (./templates.ts). On PostgreSQL, an unreachable server fails the test, never skips it.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: Pick<DatabaseOptions, 'onQuery' | 'contactCipher'> & { demo?: boolean } = {},
): Promise<TestDatabase> {
  const templates = inject('databaseTemplates');
  const template = options.demo ? 'demo' : 'migrated';
  if (kind === 'pglite') {
    const snapshot = new Blob([readFileSync(templates.pglite[template])]);
    const database = await openDatabase({ embedded: 'memory://', pgliteSnapshot: snapshot, onQuery: options.onQuery, contactCipher: options.contactCipher });
    await applyMigrations(database); // up to date: only checks
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `aduan_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templates.postgres[template]}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4, onQuery: options.onQuery, contactCipher: options.contactCipher });
  await applyMigrations(database);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A fresh PostgreSQL database copied from a template of the run (migrated, or with the demo too). */
export async function createPostgresFromTemplate(template: 'migrated' | 'demo'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `aduan_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${inject('databaseTemplates').postgres[template]}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A fresh, empty PostgreSQL database with nothing applied; dropped by the returned function. */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `aduan_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is required for these tests and is not reachable at ${postgresAdminUrl} (${(error as Error).message}). Start it, or set ADUAN_TEST_DATABASE_URL.`,
    );
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
