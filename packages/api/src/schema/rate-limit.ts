// The one way a resolver counts a request against a rate limit (src/abuse/rate-limits.ts):
// over the limit, the whole request is refused with 429, Retry-After and a typed error.
import { createGraphQLError } from 'graphql-yoga';
import type { RateLimitName } from '../abuse/rate-limits.js';
import type { Context } from './context.js';

/** Counts one for `name` keyed by the client's address, or by `key` when given (a site). */
export async function rateLimit(context: Context, name: RateLimitName, key: string = context.clientAddress): Promise<void> {
  if (!context.rateLimits) return;
  const decision = await context.rateLimits.take(name, key);
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
