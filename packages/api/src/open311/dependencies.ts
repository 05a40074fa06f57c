// What Open311 runs on: the same database, routing catalogue, report ledger and clock
// as GraphQL. They are taken from the GraphQL handler's own context, so Open311 is
// ready exactly when GraphQL is, and a report filed here is stored and announced
// (mail, subscriptions) like one filed through submitReport.
import type { PrismaClient } from '@aduan/prisma';
import type { ReportLedger } from '../workflow/ledger.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { AduanYoga } from '../server/graphql.js';
import type { RateLimits } from '../abuse/rate-limits.js';

export interface Open311Dependencies {
  prisma: PrismaClient;
  catalog: RoutingCatalog;
  ledger: ReportLedger;
  now: () => Date;
  rateLimits: RateLimits | null;
  trustedProxyHops: number;
}

const fromYoga = new WeakMap<AduanYoga, Promise<Open311Dependencies>>();

/**
 * Builds one GraphQL context (anonymous: a request with no credentials) and keeps
 * its long-lived parts; the handler's dependencies never change for its lifetime.
 */
export function open311Dependencies(yoga: AduanYoga): Promise<Open311Dependencies> {
  let deps = fromYoga.get(yoga);
  if (!deps) {
    const request = new Request('http://open311.invalid/graphql', { method: 'POST' });
    const enveloped = yoga.getEnveloped({ request, params: { query: '' } } as Parameters<AduanYoga['getEnveloped']>[0]);
    deps = Promise.resolve(enveloped.contextFactory()).then((context) => ({
      prisma: context.prisma,
      catalog: context.catalog,
      ledger: context.ledger,
      now: context.now,
      rateLimits: context.rateLimits,
      trustedProxyHops: context.trustedProxyHops,
    }));
    deps.catch(() => fromYoga.delete(yoga));
    fromYoga.set(yoga, deps);
  }
  return deps;
}
