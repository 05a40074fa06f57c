// When a failed delivery is tried again: exponential backoff with "equal jitter".
// The n-th retry waits between half and all of min(cap, base·2^(n−1)), so a
// receiver that comes back is not hit by every worker at the same instant, and a
// delay never collapses to nothing.

export interface BackoffPolicy {
  /** The first retry's full delay (ADUAN_DELIVERY_BACKOFF_MS, 30 s by default). */
  baseMs: number;
  /** No retry waits longer than this (ADUAN_DELIVERY_MAX_BACKOFF_MS, 1 h by default). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, capMs: 3_600_000 };

/** The delay before the next try after `failedAttempts` failures (1 for the first). */
export function retryDelayMs(failedAttempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError(`failedAttempts must be a whole number ≥ 1, got ${failedAttempts}`);
  }
  // 2^(n−1) overflows to Infinity long after it passes any cap; Math.min keeps it finite.
  const full = Math.min(policy.capMs, policy.baseMs * 2 ** (failedAttempts - 1));
  return Math.round(full / 2 + random() * (full / 2));
}
