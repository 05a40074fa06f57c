// Expiring links to a report's photos for agencies' own systems, which have no
// staff session: `/delivery/photos/<photoId>?expires=<unix>&signature=<hex>`,
// an HMAC-SHA256 of "<photoId>.<expires>" with a key derived from the server's secret
// (ADUAN_SECRET, which every replica shares): never from the database, so whoever can
// read the database still cannot make a link.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerSecret } from '../secrets/server-secret.js';

export const DELIVERY_PHOTOS_PREFIX = '/delivery/photos/';
/** How long a photo link in a delivery stays valid. */
export const PHOTO_LINK_TTL_SECONDS = 7 * 24 * 3600;

export class PhotoLinkSigner {
  private readonly key: Buffer;

  constructor(secret: ServerSecret) {
    this.key = secret.key('photo-links');
  }

  /** The absolute link to a photo, valid until `expiresAt`. */
  async link(publicUrl: string, photoId: string, expiresAt: Date): Promise<string> {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    const signature = sign(this.key, photoId, expires);
    return `${publicUrl}${DELIVERY_PHOTOS_PREFIX}${photoId}?expires=${expires}&signature=${signature}`;
  }

  /** Whether a link's parts are genuine and not expired at `now`. */
  async verify(photoId: string, expires: string | null, signature: string | null, now: Date): Promise<boolean> {
    const at = Number(expires);
    if (!Number.isInteger(at) || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
    if (at * 1000 < now.getTime()) return false;
    const expected = Buffer.from(sign(this.key, photoId, at), 'hex');
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  }
}

function sign(key: Buffer, photoId: string, expires: number): string {
  return createHmac('sha256', key).update(`${photoId}.${expires}`, 'utf8').digest('hex');
}
