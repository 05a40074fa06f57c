// Tracking-code look-ups are counted when the request arrives, before the public-read
// cache (server/public-read-cache.ts) may answer it: a kept answer costs the asker the
// same allowance as one read from the database, so guessing codes stays as slow.
import type { Plugin } from 'graphql-yoga';
import type { RateLimits } from '../abuse/rate-limits.js';
import { clientAddress } from '../abuse/client-address.js';
import { refuseUnless } from './rate-limit.js';
import type { ServerContext } from '../server/graphql.js';

/** Each occurrence of the field in the document is a look-up (more than counted: never fewer). */
const LOOKUP_FIELD = /\breportStatus\b/g;

export interface LookupCounting {
  /** Requests whose look-ups were counted here: their resolvers count nothing more. */
  counted: WeakSet<Request>;
  plugin: Plugin<Record<string, unknown>, ServerContext>;
}

/**
 * `maxLookups`: the most a request is charged, one more than the alias limit allows
 * (a document with more is refused at validation anyway).
 */
export function lookupCounting(rateLimits: RateLimits | null, trustedProxyHops: number, maxLookups: number): LookupCounting {
  const counted = new WeakSet<Request>();
  return {
    counted,
    plugin: {
      async onParams({ params, request, context }) {
        // Not a string: Yoga refuses it with a 400 of its own right after.
        const lookups = rateLimits && typeof params.query === 'string' ? (params.query.match(LOOKUP_FIELD)?.length ?? 0) : 0;
        if (!rateLimits || lookups === 0) return;
        counted.add(request);
        const address = clientAddress(request.headers, context.req?.socket.remoteAddress, trustedProxyHops);
        refuseUnless(await rateLimits.take('lookup.address', address, Math.min(lookups, maxLookups)));
      },
    },
  };
}
