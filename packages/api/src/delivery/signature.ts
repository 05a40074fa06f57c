// The webhook signature: `Aduan-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`
// over "<t>.<raw body>" with the channel's secret. The timestamp is signed too, so
// a receiver can refuse old replays; verifySignature is what a receiver runs (the
// README carries a copy-paste version).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Aduan-Signature';

export function signatureHeader(secret: string, rawBody: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmac(secret, `${unixSeconds}.${rawBody}`)}`;
}

export interface VerifyOptions {
  /** Refuse signatures older (or newer) than this many seconds; 300 by default. */
  toleranceSeconds?: number;
  now?: Date;
}

/** Whether `header` signs `rawBody` with `secret`, within the time tolerance. */
export function verifySignature(secret: string, rawBody: string, header: string | null | undefined, options: VerifyOptions = {}): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), item.slice(at + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(secret, `${t}.${rawBody}`), 'hex');
  // Several v1 values are allowed, so a secret can be rotated without a gap.
  return (parts.get('v1') ?? []).some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function hmac(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('hex');
}
