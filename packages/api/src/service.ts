// `aduan serve`: listen at once, then open and migrate the database, load the
// demo city when asked or when an embedded database is new, and start answering.
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { demoCityPath } from '@aduan/prisma';
import { applyCityConfig, loadCityConfig } from './city-config/index.js';
import { openDatabase, type Database } from './db/database.js';
import { applyMigrations } from './db/migrate.js';
import type { Environment } from './environment.js';
import { DiskPhotoStorage } from './photos/index.js';
import { ReportChanges } from './events/report-changes.js';
import { RoutingCatalog } from './routing/catalog.js';
import { createGraphQLHandler, type AduanYoga } from './server/graphql.js';
import { createHttpServer } from './server/http-server.js';

export interface RunningService {
  url: string;
  database: Database;
  /** Stored changes to reports, for subscriptions and notifications. */
  changes: ReportChanges;
  close(): Promise<void>;
}

export type Log = (line: string) => void;

export async function startService(env: Environment, log: Log = console.log): Promise<RunningService> {
  let yoga: AduanYoga | null = null;
  let database: Database | undefined;
  const changes = new ReportChanges();
  const server = createHttpServer({
    graphql: () => yoga,
    readiness: {
      async check() {
        if (!yoga || !database) return false;
        await withTimeout(database.prisma.$queryRaw`SELECT 1`, 2_000);
        return true;
      },
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  try {
    database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
    const applied = await applyMigrations(database);
    log(`Database: ${database.location}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);
    if (await shouldLoadDemo(database, env)) {
      const summary = await applyCityConfig(database.prisma, await loadCityConfig(demoCityPath));
      log(`Loaded the Kupang demo: ${summary.jurisdictions.created} areas, ${summary.agencies.created} agencies, ${summary.categories.created} categories.`);
    }
    const catalog = new RoutingCatalog(database.prisma);
    await catalog.current();
    // Photos live on local disk under the data dir, for PostgreSQL deployments too.
    const photoStorage = new DiskPhotoStorage(join(env.dataDir, 'photos'));
    yoga = createGraphQLHandler({ prisma: database.prisma, catalog, photoStorage, changes });
  } catch (error) {
    server.close();
    await database?.close();
    throw error;
  }
  log(`Aduan is ready: GraphQL at ${url}/graphql, health at ${url}/healthz`);

  return {
    url,
    database,
    changes,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await yoga?.dispose();
      await database?.close();
    },
  };
}

/** Embedded databases get the demo when new; PostgreSQL only when ADUAN_DEMO=1 asks. */
async function shouldLoadDemo(database: Database, env: Environment): Promise<boolean> {
  if (env.demo) return true;
  if (database.kind !== 'pglite') return false;
  return (await database.prisma.jurisdiction.count()) === 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
