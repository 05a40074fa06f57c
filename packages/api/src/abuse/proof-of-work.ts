// Spam without surveillance: before a report is accepted, the resident's browser
// spends about a second of work on a challenge (ALTCHA, through altcha-lib): no
// third party, no cookie, no tracking, invisible to the resident. Challenges are
// signed with a key every replica shares, expire, and are spent by the report they
// let in (Report.proofOfWork is unique), so a solution cannot be replayed.
//
// The challenge is ALTCHA v2's deterministic SHA-256 kind: the server picks a secret
// counter n in [maxCounter / 4, maxCounter] and publishes a prefix of
// SHA-256(salt ‖ nonce ‖ n); the browser tries counters from 0 until the prefix
// matches, so the work is n hashes, and the server checks the answer with one HMAC.
import { createChallenge, randomInt, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { ServerSecret } from '../secrets/server-secret.js';

export interface ProofOfWorkSettings {
  /** The most hashes a challenge can take; a quarter of it at least. */
  maxCounter: number;
  /** How long a challenge stays valid. */
  ttlSeconds: number;
}

/** About 0.3–1.5 s on a cheap phone's browser, a few ms for the server to check. */
export const DEFAULT_PROOF_OF_WORK: ProofOfWorkSettings = { maxCounter: 20_000, ttlSeconds: 30 * 60 };

export type ProofOfWorkCheck =
  | { ok: true; signature: string }
  | { ok: false; code: 'PROOF_OF_WORK_REQUIRED' | 'PROOF_OF_WORK_INVALID'; reason: 'missing' | 'malformed' | 'expired' | 'wrong' };

export class ProofOfWork {
  /** Keys derived from the server's secret, the same on every replica and never in the database. */
  private readonly signature: Buffer;
  private readonly keySignature: Buffer;

  constructor(
    secret: ServerSecret,
    readonly settings: ProofOfWorkSettings = DEFAULT_PROOF_OF_WORK,
  ) {
    this.signature = secret.key('proof-of-work.signature');
    this.keySignature = secret.key('proof-of-work.key-signature');
  }

  async challenge(): Promise<Challenge> {
    const { signature, keySignature } = this;
    const max = this.settings.maxCounter;
    return createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(Math.max(1, Math.floor(max / 4)), Math.max(2, max)),
      deriveKey,
      // The real clock, as altcha-lib checks expiry against it.
      expiresAt: new Date(Date.now() + this.settings.ttlSeconds * 1000),
      hmacSignatureSecret: signature.toString('base64url'),
      hmacKeySignatureSecret: keySignature.toString('base64url'),
    });
  }

  /** `payload`: base64 of JSON `{ challenge, solution }`, as the widget sends it. */
  async check(payload: string | null | undefined): Promise<ProofOfWorkCheck> {
    if (!payload) return { ok: false, code: 'PROOF_OF_WORK_REQUIRED', reason: 'missing' };
    const parsed = parsePayload(payload);
    if (!parsed) return { ok: false, code: 'PROOF_OF_WORK_INVALID', reason: 'malformed' };
    const { signature, keySignature } = this;
    let result: Awaited<ReturnType<typeof verifySolution>>;
    try {
      result = await verifySolution({
        challenge: parsed.challenge,
        solution: parsed.solution,
        deriveKey,
        hmacSignatureSecret: signature.toString('base64url'),
        hmacKeySignatureSecret: keySignature.toString('base64url'),
      });
    } catch {
      return { ok: false, code: 'PROOF_OF_WORK_INVALID', reason: 'malformed' };
    }
    if (result.verified && parsed.challenge.signature) return { ok: true, signature: parsed.challenge.signature };
    return { ok: false, code: 'PROOF_OF_WORK_INVALID', reason: result.expired ? 'expired' : 'wrong' };
  }
}

const MAX_PAYLOAD_CHARS = 4096;

function parsePayload(payload: string): { challenge: Challenge; solution: Solution } | null {
  if (payload.length > MAX_PAYLOAD_CHARS) return null;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { challenge?: Challenge; solution?: Solution };
    const p = value.challenge?.parameters;
    const s = value.solution;
    if (!p || typeof p.nonce !== 'string' || typeof p.salt !== 'string' || typeof p.keyPrefix !== 'string') return null;
    if (p.algorithm !== 'SHA-256' || typeof value.challenge?.signature !== 'string') return null;
    if (!s || !Number.isInteger(s.counter) || s.counter < 0 || typeof s.derivedKey !== 'string' || !/^[0-9a-f]{1,128}$/.test(s.derivedKey)) return null;
    return { challenge: value.challenge!, solution: { counter: s.counter, derivedKey: s.derivedKey } };
  } catch {
    return null;
  }
}
