// `GET /delivery/photos/<photoId>?expires=…&signature=…`: a photo's bytes for an
// agency's own system, through the expiring signed link its delivery carried
// (src/delivery/photo-links.ts). No session: the link is the permission. A bad or
// expired link is 403 and reveals nothing; a genuine link to a deleted photo, 404.
import type { PrismaClient } from '@aduan/prisma';
import { DELIVERY_PHOTOS_PREFIX, type PhotoLinkSigner } from '../delivery/photo-links.js';
import type { PhotoStorage } from '../photos/index.js';
import { bytesResponse, onlyGetAndHead, textResponse } from './safe-files.js';

const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DeliveryPhotosOptions {
  prisma: PrismaClient;
  photoStorage: PhotoStorage;
  /** What the links were signed with (the server's secret): the delivery worker's signer. */
  signer: PhotoLinkSigner;
  now?: () => Date;
}

export class DeliveryPhotos {
  private readonly signer: PhotoLinkSigner;

  constructor(private readonly options: DeliveryPhotosOptions) {
    this.signer = options.signer;
  }

  static matches(path: string): boolean {
    return path.startsWith(DELIVERY_PHOTOS_PREFIX);
  }

  /** Answers a request whose path `matches`. */
  async respond(request: Request): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return onlyGetAndHead();
    const url = new URL(request.url);
    const id = url.pathname.slice(DELIVERY_PHOTOS_PREFIX.length);
    const now = this.options.now?.() ?? new Date();
    const genuine = PHOTO_ID.test(id) && (await this.signer.verify(id, url.searchParams.get('expires'), url.searchParams.get('signature'), now));
    if (!genuine) return textResponse(403, 'This photo link is not valid, or it has expired.\n');
    const photo = await this.options.prisma.photo.findUnique({ where: { id }, select: { storageKey: true } });
    const stored = photo ? await this.options.photoStorage.get(photo.storageKey) : null;
    if (!stored) return textResponse(404, 'Not found.\n');
    return bytesResponse(
      request,
      200,
      {
        'content-type': stored.contentType,
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
        'referrer-policy': 'no-referrer',
      },
      stored.bytes,
    );
  }
}
