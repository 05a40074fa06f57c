// The one way a resolver counts a request against a rate limit (src/abuse/rate-limits.ts):
// over the limit, the whole request is refused with 429, Retry-After and a typed error.
// A site's quota counts accepted reports only, so an attacker's junk cannot use it up.
import { createGraphQLError } from 'graphql-yoga';
import type { RateDecision, RateLimitName } from '../abuse/rate-limits.js';
import type { Context } from './context.js';

/** Counts one for `name` keyed by the client's address, or by `key` when given. */
export async function rateLimit(context: Context, name: RateLimitName, key: string = context.clientAddress): Promise<void> {
  if (!context.rateLimits) return;
  refuseUnless(await context.rateLimits.take(name, key));
}

/** Refuses when `key`'s quota under `name` is used up, counting nothing (a site's reports: see countAccepted). */
export async function refuseWhenUsedUp(context: Context, name: RateLimitName, key: string): Promise<void> {
  if (!context.rateLimits) return;
  refuseUnless(await context.rateLimits.check(name, key));
}

/** Counts what was accepted against `key`'s quota; the answer is given already, so it refuses nothing. */
export async function countAccepted(context: Context, name: RateLimitName, key: string): Promise<void> {
  await context.rateLimits?.take(name, key);
}

/** Throws the 429 a refused decision means. */
export function refuseUnless(decision: RateDecision): void {
  if (decision.allowed) return;
  const seconds = decision.retryAfterSeconds;
  throw createGraphQLError(`Too many requests; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
    extensions: {
      code: 'RATE_LIMITED',
      limit: decision.limit,
      retryAfterSeconds: seconds,
      http: { status: 429, headers: { 'retry-after': String(seconds) } },
    },
  });
}
