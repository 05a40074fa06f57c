// What Open311 runs on: the same database, routing catalogue, report ledger, rate limits
// and clock as GraphQL, handed over by the service that built them (service.ts), so a
// report filed here is stored and announced (mail, subscriptions) like one filed
// through submitReport, and Open311 is ready exactly when the database is.
import type { PrismaClient } from '@aduan/prisma';
import type { RateLimits } from '../abuse/rate-limits.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { ReportLedger } from '../workflow/ledger.js';

export interface Open311Dependencies {
  prisma: PrismaClient;
  catalog: RoutingCatalog;
  ledger: ReportLedger;
  now: () => Date;
  rateLimits: RateLimits | null;
  /** How many proxies' X-Forwarded-For entries to believe (ADUAN_TRUST_PROXY). */
  trustedProxyHops: number;
  /** Where residents follow a report: ADUAN_PUBLIC_URL, else this server on localhost. Never the request's Host header. */
  publicUrl: string;
}

/** The dependencies with their defaults: the real clock, no rate limits, no proxies, links to http://localhost. */
export function open311Dependencies(deps: Pick<Open311Dependencies, 'prisma' | 'catalog' | 'ledger'> & Partial<Open311Dependencies>): Open311Dependencies {
  return {
    now: () => new Date(),
    rateLimits: null,
    trustedProxyHops: 0,
    publicUrl: 'http://localhost',
    ...deps,
  };
}
