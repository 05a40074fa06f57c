// What every resolver can reach: what the workflow needs (the database, the routing
// catalogue, the report ledger, who asks, the clock), and the request itself.
import type { PrismaClient } from '@aduan/prisma';
import type { StatisticsCache } from '../statistics/cache.js';
import type { ServerSecret } from '../secrets/server-secret.js';
import type { NearbyHandles } from '../similar/handles.js';
import type { ReportChanges } from '../events/report-changes.js';
import type { EntityLoaders } from './entity-loaders.js';
import type { PhotoStorage } from '../photos/index.js';
import type { RateLimits } from '../abuse/rate-limits.js';
import type { ProofOfWork } from '../abuse/proof-of-work.js';
import type { WorkflowContext } from '../workflow/context.js';

export interface Context extends WorkflowContext {
  /** Where report photos are kept; undefined when this server takes no photos. */
  photoStorage: PhotoStorage | undefined;
  request: Request;
  /** This server's own origin, whose pages may always submit. */
  ownOrigin: string;
  /** The address residents use (ADUAN_PUBLIC_URL), for links such as a site's embed code. */
  publicUrl: string;
  /** Where stored changes are announced (the ledger publishes; live subscriptions listen). */
  changes: ReportChanges;
  /**
   * Whether a cross-site page could not have sent this request without a CORS preflight
   * (a non-simple content type such as application/json, or the X-Aduan-CSRF header).
   * A session cookie on a request that is not counts for nothing (see README, "CSRF").
   */
  csrfSafe: boolean;
  /** This request's batched look-ups of federation entities by key (`_entities`). */
  entities: EntityLoaders;
  /** Adds a Set-Cookie header to the response. */
  setCookie(cookie: string): void;
  /** The address the request came from (see abuse/client-address.ts), for rate limits. */
  clientAddress: string;
  /** Null when this server does not limit (tests that do not test limits). */
  rateLimits: RateLimits | null;
  /** How many proxies of the operator's own are in front (for Open311's own address look-up). */
  trustedProxyHops: number;
  /** When set, reports need a solved challenge (abuse/proof-of-work.ts). */
  proofOfWork: ProofOfWork | null;
  /** The server's secret (secrets/server-secret.ts), for pseudonyms such as a supporter's. */
  secret: ServerSecret;
  /** Seals and opens the handles similarReports gives instead of tracking codes. */
  handles: NearbyHandles;
  /** Public statistics kept until a report changes (statistics/cache.ts). */
  statistics: StatisticsCache;
  /** Where statistics are counted: their own small pool with a statement timeout on PostgreSQL. */
  statisticsPrisma: PrismaClient;
}
