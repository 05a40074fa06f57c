// Tracking-code look-ups (`reportStatus`) are counted here, once, when the request
// arrives: before a kept answer may be served (server/kept-answer-desk.ts before Yoga,
// server/public-read-cache.ts inside it), so a kept answer costs the asker the same
// allowance as one read from the database and guessing codes stays as slow. (A router's
// `_entities` and the live status stream count their own.)
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import type { RateDecision, RateLimits } from '../abuse/rate-limits.js';
import { clientAddress, type HeaderSource } from '../abuse/client-address.js';
import { refuseUnless } from './rate-limit.js';
import type { ServerContext } from '../server/graphql.js';

/**
 * Each occurrence of the name in the document counts as one look-up. GraphQL has no other
 * way to write a field, so none goes uncounted; a comment naming it costs one too.
 */
const LOOKUP_FIELD = /\breportStatus\b/g;

/** Requests already charged on arrival (by the desk), with what was decided, so Yoga does not charge them again. */
const chargedOnArrival = new WeakMap<IncomingMessage, RateDecision | null>();

export class LookupCounter {
  /**
   * `maxLookups`: the most a request is charged, one more than the alias limit allows
   * (a document with more is refused at validation anyway).
   */
  constructor(
    private readonly rateLimits: RateLimits | null,
    private readonly trustedProxyHops: number,
    private readonly maxLookups: number,
  ) {}

  /** Charges the asker for the look-ups in `query`; null when there are none (or no limits). */
  async charge(query: unknown, headers: HeaderSource, socketAddress: string | undefined): Promise<RateDecision | null> {
    // Not a string: Yoga refuses it with a 400 of its own.
    const lookups = this.rateLimits && typeof query === 'string' ? (query.match(LOOKUP_FIELD)?.length ?? 0) : 0;
    if (!this.rateLimits || lookups === 0) return null;
    const address = clientAddress(headers, socketAddress, this.trustedProxyHops);
    return this.rateLimits.take('lookup.address', address, Math.min(lookups, this.maxLookups));
  }

  /** Charges a request on node:http before Yoga sees it; Yoga then applies the same decision. */
  async chargeOnArrival(query: unknown, incoming: IncomingMessage, headers: HeaderSource): Promise<RateDecision | null> {
    const decision = await this.charge(query, headers, incoming.socket.remoteAddress);
    chargedOnArrival.set(incoming, decision);
    return decision;
  }

  /** The Yoga plugin: charges each request, unless the desk did, and refuses it when over the limit. */
  plugin(): Plugin<Record<string, unknown>, ServerContext> {
    return {
      onParams: async ({ params, request, context }) => {
        const incoming = context.req;
        const decision =
          incoming && chargedOnArrival.has(incoming)
            ? chargedOnArrival.get(incoming)
            : await this.charge(params.query, request.headers, incoming?.socket.remoteAddress);
        if (decision) refuseUnless(decision);
      },
    };
  }
}
