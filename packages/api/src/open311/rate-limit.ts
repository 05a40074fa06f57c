// Open311's side of the rate limits (src/abuse/rate-limits.ts): the same windows as
// GraphQL, refused the GeoReport way — 429 with Retry-After and an error list.
import { clientAddress } from '../abuse/client-address.js';
import type { RateDecision, RateLimitName } from '../abuse/rate-limits.js';
import type { Locale } from '../intake/messages.js';
import type { Open311Dependencies } from './dependencies.js';
import { Open311Error } from './errors.js';
import { say } from './messages.js';

/** Counts one for `key` under `name`; throws a 429 when the window is full. */
export async function refuseWhenLimited(deps: Open311Dependencies, name: RateLimitName, key: string, locale: Locale): Promise<void> {
  refuseUnless(await deps.rateLimits?.take(name, key), locale);
}

/** Refuses with a 429 when `key`'s quota is used up, counting nothing (a site's: only accepted reports count). */
export async function refuseWhenUsedUp(deps: Open311Dependencies, name: RateLimitName, key: string, locale: Locale): Promise<void> {
  refuseUnless(await deps.rateLimits?.check(name, key), locale);
}

function refuseUnless(decision: RateDecision | undefined, locale: Locale): void {
  if (!decision || decision.allowed) return;
  const seconds = String(decision.retryAfterSeconds);
  throw new Open311Error(429, say('RATE_LIMITED', locale, { seconds }), { 'retry-after': seconds });
}

/** The client's address, as GraphQL reads it (behind ADUAN_TRUST_PROXY proxies). */
export function addressOf(deps: Open311Dependencies, request: Request, peerAddress: string | undefined): string {
  return clientAddress(request.headers, peerAddress, deps.trustedProxyHops);
}
