// Bearer tokens and session ids: 32 random bytes, base64url. The database keeps
// only their SHA-256, so a leaked table grants nothing.
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
