// Opens the one database Aduan runs on: embedded PGlite by default, PostgreSQL
// when a URL is given. Everything above this module sees only a PrismaClient.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaClient, type Prisma } from '@aduan/prisma';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { sendingWholeScripts } from './whole-scripts.js';
import type { ContactCipher } from '../privacy/contact-cipher.js';
import { sealingContact } from '../privacy/sealed-contact.js';
import type { SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { claimEmbeddedDirectory } from './embedded-lock.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /**
   * For public statistics, the heaviest reads: on PostgreSQL a pool of its own, small
   * (two connections a process) and with a statement timeout, so questions about a large
   * city queue behind each other and give up instead of taking every connection; on
   * PGlite (one connection) the same client as `prisma`.
   */
  readonly statisticsPrisma: PrismaClient;
  /** A connection for the migration engine, closed after each use so its locks go with it. */
  openMigrationConnection(): MigrationConnection;
  /** Where the data lives, without credentials, for logs and errors. */
  readonly location: string;
  /** PGlite only: the whole data directory as a tar file, to start another database from. */
  dumpPglite?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface MigrationConnection {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…`; when absent, embedded PGlite at `embedded`. */
  databaseUrl?: string | undefined;
  /** PGlite's own directory (`embeddedDatabaseOf(env)`: `<ADUAN_DATA_DIR>/pglite`), or `memory://` for a throw-away database. */
  embedded?: string | undefined;
  /** PGlite: start from a dumped data directory (`dumpPglite()`) instead of an empty one. */
  pgliteSnapshot?: Blob | undefined;
  /** Seals reporter contact at rest with these keys (privacy/contact-cipher.ts); stored as given without. */
  contactCipher?: ContactCipher | undefined;
  /** PostgreSQL pool size per process. */
  poolSize?: number;
  /** PostgreSQL: how long one statistics statement may run (STATISTICS_TIMEOUT_MS by default). */
  statisticsTimeoutMs?: number;
  /** Called with every SQL statement the client sends (to measure; nothing is logged without it). */
  onQuery?: ((event: Prisma.QueryEvent) => void) | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const client = (adapter: SqlDriverAdapterFactory) => createClient(adapter, options);
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, client, options.statisticsTimeoutMs ?? STATISTICS_TIMEOUT_MS);
  return openPglite(options.embedded ?? '.aduan/pglite', client, options.pgliteSnapshot);
}

type ClientFactory = (adapter: SqlDriverAdapterFactory) => PrismaClient;

function createClient(adapter: SqlDriverAdapterFactory, options: DatabaseOptions): PrismaClient {
  let client: PrismaClient;
  if (options.onQuery) {
    const logging = new PrismaClient({ adapter, log: [{ emit: 'event' as const, level: 'query' as const }] });
    logging.$on('query', options.onQuery);
    client = logging as unknown as PrismaClient;
  } else {
    client = new PrismaClient({ adapter });
  }
  return options.contactCipher ? sealingContact(client, options.contactCipher) : client;
}

async function openPglite(where: string, createClient: ClientFactory, snapshot?: Blob): Promise<Database> {
  const inMemory = where.startsWith('memory://');
  const location = inMemory ? where : resolve(where);
  if (!inMemory) mkdirSync(location, { recursive: true });
  const release = inMemory ? () => {} : claimEmbeddedDirectory(location);
  let pglite: PGlite;
  try {
    pglite = snapshot ? new PGlite(location, { loadDataDir: snapshot }) : new PGlite(location);
    await pglite.waitReady;
  } catch (error) {
    release();
    throw error;
  }
  const prisma = createClient(new PrismaPGlite(pglite));
  return {
    kind: 'pglite',
    prisma,
    statisticsPrisma: prisma,
    // The engine and the client share the one embedded instance: PGlite is single-connection.
    openMigrationConnection: () => ({ factory: new PrismaPGlite(pglite), close: async () => {} }),
    location: inMemory ? where : `PGlite in ${location}`,
    dumpPglite: () => pglite.dumpDataDir('none'),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}

/** How long one statistics statement may run on PostgreSQL before it is cancelled. */
export const STATISTICS_TIMEOUT_MS = 10_000;

function openPostgres(databaseUrl: string, poolSize: number, createClient: ClientFactory, statisticsTimeoutMs: number): Database {
  const url = parsePostgresUrl(databaseUrl);
  // Fail fast rather than hang when PostgreSQL is unreachable or overloaded.
  const poolConfig = {
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A database that stops answering mid-query (a network cut, no reset) fails the
    // query after this rather than holding the request for minutes; TCP keepalive
    // notices dead connections in the pool.
    query_timeout: 30_000,
    keepAlive: true,
  };
  const prisma = createClient(new PrismaPg(poolConfig, { statementNameGenerator: namedStatements() }));
  const statisticsPrisma = createClient(new PrismaPg({ ...poolConfig, max: 2, statement_timeout: statisticsTimeoutMs }));
  return {
    kind: 'postgres',
    prisma,
    statisticsPrisma,
    openMigrationConnection() {
      // Its own small pool, ended after use: the engine holds a session-level
      // advisory lock that only goes away with the connection.
      const pool = new pg.Pool({ ...poolConfig, max: 2 });
      return { factory: sendingWholeScripts(new PrismaPg(pool)), close: () => pool.end() };
    },
    location: `PostgreSQL at ${url.host}${url.pathname}`,
    async close() {
      await Promise.all([prisma.$disconnect(), statisticsPrisma.$disconnect()]);
    },
  };
}

/** Most distinct statements named per process; any beyond run unnamed, as before. */
const MAX_NAMED_STATEMENTS = 2_000;

/**
 * Names for Prisma's statements, one per distinct SQL text, so each connection prepares a
 * statement once and PostgreSQL can keep its plan: planning the inbox page's joins cost
 * more than running them. Prisma's SQL has a bounded set of shapes (values are always
 * parameters), so the map stays small.
 */
function namedStatements(): (query: { sql: string }) => string {
  const names = new Map<string, string>();
  return ({ sql }) => {
    let name = names.get(sql);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
      name = `aduan_${names.size.toString(36)}`;
      names.set(sql, name);
    }
    // The adapter passes it on as pg's `name`, where undefined means unnamed.
    return name as string;
  };
}

function parsePostgresUrl(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('DATABASE_URL is not a valid URL; expected postgres://user@host:5432/database.');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}//.`);
  }
  return url;
}
