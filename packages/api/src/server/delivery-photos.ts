// `GET /delivery/photos/<photoId>?expires=…&signature=…`: a photo's bytes for an
// agency's own system, through the expiring signed link its delivery carried
// (src/delivery/photo-links.ts). No session: the link is the permission. A bad or
// expired link is 403 and reveals nothing; a genuine link to a deleted photo, 404.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PrismaClient } from '@aduan/prisma';
import { DELIVERY_PHOTOS_PREFIX, PhotoLinkSigner } from '../delivery/photo-links.js';
import type { PhotoStorage } from '../photos/index.js';

const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DeliveryPhotosOptions {
  prisma: PrismaClient;
  photoStorage: PhotoStorage;
  signer?: PhotoLinkSigner;
  now?: () => Date;
}

export class DeliveryPhotos {
  private readonly signer: PhotoLinkSigner;

  constructor(private readonly options: DeliveryPhotosOptions) {
    this.signer = options.signer ?? new PhotoLinkSigner(options.prisma);
  }

  static matches(path: string): boolean {
    return path.startsWith(DELIVERY_PHOTOS_PREFIX);
  }

  /** Answers a request whose path `matches`; `url` carries the query. */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'Only GET and HEAD are allowed here.\n', { allow: 'GET, HEAD' });
      return;
    }
    const id = url.pathname.slice(DELIVERY_PHOTOS_PREFIX.length);
    const now = this.options.now?.() ?? new Date();
    const genuine = PHOTO_ID.test(id) && (await this.signer.verify(id, url.searchParams.get('expires'), url.searchParams.get('signature'), now));
    if (!genuine) {
      send(response, 403, 'This photo link is not valid, or it has expired.\n');
      return;
    }
    const photo = await this.options.prisma.photo.findUnique({ where: { id }, select: { storageKey: true } });
    const stored = photo ? await this.options.photoStorage.get(photo.storageKey) : null;
    if (!stored) {
      send(response, 404, 'Not found.\n');
      return;
    }
    response.writeHead(200, {
      'content-type': stored.contentType,
      'content-length': String(stored.bytes.byteLength),
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'referrer-policy': 'no-referrer',
    });
    response.end(request.method === 'HEAD' ? undefined : stored.bytes);
  }
}

function send(response: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, { ...extra, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(text);
}
