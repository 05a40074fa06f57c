// `GET /staff/photos/<photoId>`: a report's photo bytes, for whoever may read the
// report in GraphQL (its agency's staff, ADMIN, a SUPERVISOR overseeing its
// escalation; workflow/access.ts). Authenticated like GraphQL: the
// session cookie (so the console's <img> works) or a bearer token. A photo that
// does not exist and one of another agency's report both answer 404, so the
// endpoint reveals nothing about reports a viewer may not see. A session still on
// its one-time password gets 403 until it is changed.
import type { PrismaClient } from '@aduan/prisma';
import type { PhotoStorage } from '../photos/index.js';
import { authenticate, AuthenticationError, type Viewer } from '../staff/viewer.js';
import { mayRead } from '../workflow/access.js';
import { bytesResponse, onlyGetAndHead, textResponse } from './safe-files.js';

export const STAFF_PHOTOS_PREFIX = '/staff/photos/';

/** The staff URL of a photo's bytes. */
export function staffPhotoUrl(photoId: string): string {
  return `${STAFF_PHOTOS_PREFIX}${photoId}`;
}

const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The bytes are the photo, nothing else: no scripts, no sniffing, no embedding elsewhere. */
const PHOTO_HEADERS = {
  'cache-control': 'private, max-age=3600',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'",
  'cross-origin-resource-policy': 'same-origin',
};

export interface StaffPhotosOptions {
  prisma: PrismaClient;
  photoStorage: PhotoStorage;
  now?: () => Date;
}

export class StaffPhotos {
  constructor(private readonly options: StaffPhotosOptions) {}

  static matches(path: string): boolean {
    return path === '/staff/photos' || path.startsWith(STAFF_PHOTOS_PREFIX);
  }

  /** Answers a request whose path `matches`. */
  async respond(request: Request, path: string): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return onlyGetAndHead();
    const { prisma, photoStorage } = this.options;
    const now = this.options.now?.() ?? new Date();
    let viewer: Viewer | null;
    try {
      viewer = await authenticate(prisma, request, now);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      viewer = null;
    }
    if (!viewer) return textResponse(401, 'Sign in first.\n', { 'www-authenticate': 'Bearer' });
    if (viewer.mustChangePassword) return textResponse(403, 'Change your one-time password first.\n');
    const id = path.slice(STAFF_PHOTOS_PREFIX.length);
    // Anything but a UUID is never a photo; no need to ask the database.
    const photo = PHOTO_ID.test(id)
      ? await prisma.photo.findUnique({
          where: { id: id.toLowerCase() },
          select: { storageKey: true, report: { select: { agencyId: true, status: true, escalatedAt: true } } },
        })
      : null;
    const stored = photo && (await mayRead(prisma, viewer, photo.report)) ? await photoStorage.get(photo.storageKey) : null;
    if (!stored) return textResponse(404, 'Not found.\n');
    // Cookies decide who may see it: a shared cache must not reuse it across viewers.
    return bytesResponse(request, 200, { ...PHOTO_HEADERS, 'content-type': stored.contentType, vary: 'Cookie, Authorization' }, stored.bytes);
  }
}
