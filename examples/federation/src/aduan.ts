// Aduan itself, run in this process as a library (the same `startService` that
// `aduan serve` runs), on embedded PGlite with the Kupang demo.
import { environment, startService, type RunningService } from '../../../packages/api/dist/index.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../../packages/api/dist/staff/index.js';

export type { RunningService as RunningAduan };

export interface AduanOptions {
  port?: number;
  host?: string;
  /** This Aduan's own folder: its embedded database (new ones get the Kupang demo), contact keys and photos. */
  dataDir: string;
  /** `memory://` keeps the database in memory (files still go to `dataDir`). */
  embeddedDatabase?: string;
  log?: (line: string) => void;
}

export function startAduan({ port = 0, host = '127.0.0.1', dataDir, embeddedDatabase, log = () => {} }: AduanOptions): Promise<RunningService> {
  // The demo agencies' delivery channels point at example hosts, so nothing is sent.
  return startService(environment({ port, host, dataDir, embeddedDatabase, deliveryWorker: false }), log);
}

/** Aduan's GraphQL endpoint, by address rather than `localhost`, which may resolve to ::1. */
export function aduanGraphqlUrl(aduan: RunningService, host = '127.0.0.1'): string {
  return `http://${host}:${new URL(aduan.url).port}/graphql`;
}

const DEMO_TOKEN_NAME = 'example-federation demo';

/**
 * A bearer token for a STAFF member of `agency`, as `aduan token create` makes one.
 * The demo's earlier tokens are revoked, so restarts do not pile them up.
 */
export async function demoStaffToken(aduan: RunningService, agency: string): Promise<string> {
  const { prisma } = aduan.database;
  for (const earlier of await listApiTokens(prisma)) {
    if (earlier.name === DEMO_TOKEN_NAME && !earlier.revokedAt) await revokeApiToken(prisma, earlier.id);
  }
  return (await createApiToken(prisma, { agency, role: 'STAFF', name: DEMO_TOKEN_NAME })).token;
}
