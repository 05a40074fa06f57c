// Rate limits on what anyone can do without signing in: submitting reports (per
// client address and per site) and looking reports up by tracking code (per client
// address, so codes cannot be enumerated). Counters live in memory, or in Redis when
// REDIS_URL is set, so that every replica counts together (rate-limiter-flexible).
// A refusal says how long to wait; GraphQL and Open311 turn it into 429 + Retry-After.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export const RATE_LIMIT_NAMES = [
  'submit.address',
  'submit.site',
  'lookup.address',
  'login.address',
  'password.account',
  'statistics.address',
  'open311.key',
] as const;
export type RateLimitName = (typeof RATE_LIMIT_NAMES)[number];

export interface RateLimitRule {
  /** How many in each window. */
  points: number;
  /** The window, in seconds. */
  seconds: number;
}

/**
 * Generous per address: in Indonesia most mobile users share carrier-grade NAT
 * addresses, so one address can be a whole neighbourhood.
 */
export const DEFAULT_RATE_LIMITS: Record<RateLimitName, RateLimitRule> = {
  'submit.address': { points: 30, seconds: 600 },
  'submit.site': { points: 600, seconds: 600 },
  'lookup.address': { points: 300, seconds: 60 },
  'login.address': { points: 20, seconds: 600 },
  /** Guesses at a signed-in account's current password (changePassword), wherever they come from. */
  'password.account': { points: 10, seconds: 600 },
  /** Public statistics per address: a dashboard refreshes a few times a minute. */
  'statistics.address': { points: 60, seconds: 60 },
  /** Open311 filings per integration key (aduan open311-key), refused or not. */
  'open311.key': { points: 300, seconds: 600 },
};

/** `submit.address=30/600,lookup.address=300/60` over the defaults; throws with the offending part. */
export function parseRateLimits(text: string | undefined): Record<RateLimitName, RateLimitRule> {
  const rules = { ...DEFAULT_RATE_LIMITS };
  if (!text || text.trim() === '') return rules;
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9.]+)=(\d+)\/(\d+)$/.exec(part);
    const name = match?.[1] as RateLimitName | undefined;
    if (!match || !name || !RATE_LIMIT_NAMES.includes(name) || Number(match[2]) < 1 || Number(match[3]) < 1) {
      throw new Error(`ADUAN_RATE_LIMITS: "${part}" is not NAME=COUNT/SECONDS with NAME one of ${RATE_LIMIT_NAMES.join(', ')} (e.g. submit.address=30/600).`);
    }
    rules[name] = { points: Number(match[2]), seconds: Number(match[3]) };
  }
  return rules;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: RateLimitName };

export class RateLimits {
  private readonly limiters: Map<RateLimitName, RateLimiterAbstract>;

  constructor(
    readonly rules: Record<RateLimitName, RateLimitRule> = DEFAULT_RATE_LIMITS,
    /** Shared counters for all replicas; without it, this process counts alone. */
    redis?: Redis,
  ) {
    this.limiters = new Map(
      RATE_LIMIT_NAMES.map((name) => {
        const options = { keyPrefix: `aduan:rate:${name}`, points: rules[name].points, duration: rules[name].seconds };
        // Should Redis fail, each replica keeps counting on its own rather than letting everything through.
        const limiter = redis
          ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) })
          : new RateLimiterMemory(options);
        return [name, limiter];
      }),
    );
  }

  /**
   * Whether `key`'s window under `name` still has room, counting nothing: for a quota
   * that only what was accepted may use up (a site's reports), so refusals cannot.
   */
  async check(name: RateLimitName, key: string): Promise<RateDecision> {
    const used = await this.limiters.get(name)!.get(key);
    if (!used || used.consumedPoints < this.rules[name].points) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(used.msBeforeNext / 1000)), limit: name };
  }

  /** Counts one more for `key` under `name`; refuses when the window is full. */
  async take(name: RateLimitName, key: string, points = 1): Promise<RateDecision> {
    try {
      await this.limiters.get(name)!.consume(key, points);
      return { allowed: true };
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)), limit: name };
      }
      throw error;
    }
  }
}
