// The handle similarReports gives for each nearby report instead of its tracking code:
// opaque (AES-256-GCM under a key derived from the server secret, a new IV each time,
// so two answers never share a handle), valid for an hour, and good for one thing:
// supportReport. Holding one tells nothing about the report and lets nobody act on it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ServerSecret } from '../secrets/server-secret.js';

const LIFETIME_MS = 3_600_000;
const AAD = Buffer.from('aduan:nearby-handle', 'utf8');

export class NearbyHandles {
  private readonly key: Buffer;

  constructor(secret: ServerSecret) {
    this.key = secret.key('nearby-handle');
  }

  issue(reportId: string, now: Date): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(`${reportId} ${now.getTime() + LIFETIME_MS}`, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The report a handle names, or null for a forged, altered or expired one. */
  open(handle: string, now: Date): string | null {
    if (handle.length > 200) return null;
    const raw = Buffer.from(handle, 'base64url');
    if (raw.length < 29) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(AAD);
      decipher.setAuthTag(raw.subarray(12, 28));
      const [reportId, expires] = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()])
        .toString('utf8')
        .split(' ');
      return reportId && Number(expires) > now.getTime() ? reportId : null;
    } catch {
      return null;
    }
  }
}
