// Tracking-code look-ups (`reportStatus`) are counted here, once, when the request
// arrives: before the public-read cache (server/public-read-cache.ts) may answer it, so a
// kept answer costs the asker the same allowance as one read from the database and
// guessing codes stays as slow. (A router's `_entities` and the live status stream count
// their own.)
import type { Plugin } from 'graphql-yoga';
import type { RateLimits } from '../abuse/rate-limits.js';
import { clientAddress } from '../abuse/client-address.js';
import { refuseUnless } from './rate-limit.js';
import type { ServerContext } from '../server/graphql.js';

/**
 * Each occurrence of the name in the document counts as one look-up. GraphQL has no other
 * way to write a field, so none goes uncounted; a comment naming it costs one too.
 */
const LOOKUP_FIELD = /\breportStatus\b/g;

/**
 * `maxLookups`: the most a request is charged, one more than the alias limit allows
 * (a document with more is refused at validation anyway).
 */
export function useLookupCounting(rateLimits: RateLimits | null, trustedProxyHops: number, maxLookups: number): Plugin<Record<string, unknown>, ServerContext> {
  return {
    async onParams({ params, request, context }) {
      // Not a string: Yoga refuses it with a 400 of its own right after.
      const lookups = rateLimits && typeof params.query === 'string' ? (params.query.match(LOOKUP_FIELD)?.length ?? 0) : 0;
      if (!rateLimits || lookups === 0) return;
      const address = clientAddress(request.headers, context.req?.socket.remoteAddress, trustedProxyHops);
      refuseUnless(await rateLimits.take('lookup.address', address, Math.min(lookups, maxLookups)));
    },
  };
}
