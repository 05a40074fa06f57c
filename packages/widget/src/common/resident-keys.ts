/**
 * The resident key: 256 random bits made on the device before a report's first attempt.
 * Only its SHA-256 goes to the server (`residentKeyHash`); the key stays on this device
 * with the tracking code (status/kept-keys.ts), and it is what lets the reporter reopen
 * the report or confirm it resolved — the code alone only reads. On a plain-http page
 * there is no crypto.subtle to hash with: no hash is sent, the server makes a key and
 * returns it once, and that one is kept instead.
 */
import { base64url, randomKey } from './random.js';

export interface ResidentKey {
  key: string;
  hash?: string;
}

export async function newResidentKey(): Promise<ResidentKey> {
  const key = randomKey(32);
  return crypto.subtle ? { key, hash: base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key))) } : { key };
}
