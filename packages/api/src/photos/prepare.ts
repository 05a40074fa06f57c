// A report's photos, from upload to safe bytes: count, size and real type are
// checked first (cheap, before anything is decoded), then each photo is decoded
// and re-encoded, which drops EXIF (GPS position, camera serial), comments and
// anything appended after the image data.
import { message, type Locale, type MessageKey } from '../intake/messages.js';
import type { InvalidInput } from '../intake/invalid-input.js';
import { detectImageType } from './image-type.js';

export const PHOTO_LIMITS = {
  count: 3,
  bytes: 8 * 1024 * 1024,
  /** Longest side after re-encoding. */
  side: 1600,
  /** What a phone camera makes (a 50 MP sensor); a bigger image is a decompression bomb, not a photo. */
  inputPixels: 50_000_000,
} as const;

/** A multipart upload as Yoga hands it over (a Web `File`). */
export interface UploadedPhoto {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface PreparedPhoto {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
}

export type CheckedPhotos = { ok: true; photos: Uint8Array[] } | { ok: false; invalid: InvalidInput };
export type PreparedPhotos = { ok: true; photos: PreparedPhoto[] } | { ok: false; invalid: InvalidInput };

function refuse(locale: Locale, index: number, key: MessageKey, params: Record<string, string | number> = {}) {
  const text = message(key, locale, { number: index + 1, ...params });
  return {
    ok: false as const,
    invalid: { code: 'INVALID_PHOTO' as const, message: text, fields: [{ field: `photos.${index}`, message: text }] },
  };
}

/** Count, size and real type (by magic bytes) of every photo; reads each file once. */
export async function checkPhotos(uploads: readonly UploadedPhoto[], locale: Locale): Promise<CheckedPhotos> {
  if (uploads.length > PHOTO_LIMITS.count) {
    return refuse(locale, PHOTO_LIMITS.count, 'PHOTO_TOO_MANY', { max: PHOTO_LIMITS.count });
  }
  const maxMb = PHOTO_LIMITS.bytes / 1024 / 1024;
  for (const [index, upload] of uploads.entries()) {
    if (upload.size > PHOTO_LIMITS.bytes) return refuse(locale, index, 'PHOTO_TOO_LARGE', { maxMb });
  }
  const photos: Uint8Array[] = [];
  for (const [index, upload] of uploads.entries()) {
    const bytes = new Uint8Array(await upload.arrayBuffer());
    if (bytes.length > PHOTO_LIMITS.bytes) return refuse(locale, index, 'PHOTO_TOO_LARGE', { maxMb });
    const type = detectImageType(bytes);
    if (type === 'heic') return refuse(locale, index, 'PHOTO_HEIC');
    if (type === 'unknown') return refuse(locale, index, 'PHOTO_UNSUPPORTED');
    photos.push(bytes);
  }
  return { ok: true, photos };
}

/**
 * Decodes and re-encodes checked photos: turned upright by their EXIF
 * orientation, fitted inside 1600 × 1600 px, JPEG (WebP when there is
 * transparency), with no metadata at all.
 */
export async function preparePhotos(photos: readonly Uint8Array[], locale: Locale): Promise<PreparedPhotos> {
  const prepared: PreparedPhoto[] = [];
  // One at a time: libvips already uses every core for one image, and memory stays flat.
  for (const [index, bytes] of photos.entries()) {
    try {
      prepared.push(await reencode(bytes));
    } catch {
      return refuse(locale, index, 'PHOTO_UNREADABLE');
    }
  }
  return { ok: true, photos: prepared };
}

/**
 * Photos are decoded one at a time per server: libvips already uses every core for one
 * image, and a burst of requests each holding large images would otherwise hold them
 * all in memory at once. The queue keeps memory flat; requests wait their turn.
 */
let decoding: Promise<unknown> = Promise.resolve();

function reencode(bytes: Uint8Array): Promise<PreparedPhoto> {
  const turn = decoding.then(() => decode(bytes));
  decoding = turn.catch(() => {});
  return turn;
}

/**
 * sharp (libvips) is loaded when the first photo arrives: it holds about 25 MiB, and a
 * server that is never sent a photo, or a worker, never needs it.
 */
let sharpModule: Promise<typeof import('sharp')> | undefined;

async function decode(bytes: Uint8Array): Promise<PreparedPhoto> {
  const { default: sharp } = await (sharpModule ??= import('sharp'));
  const input = sharp(bytes, { limitInputPixels: PHOTO_LIMITS.inputPixels, failOn: 'error', pages: 1 });
  const { format, hasAlpha } = await input.metadata();
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp') throw new Error(`unexpected format ${format}`);
  const pipeline = input.rotate().resize({ width: PHOTO_LIMITS.side, height: PHOTO_LIMITS.side, fit: 'inside', withoutEnlargement: true });
  // sharp writes no metadata unless withMetadata/withExif is asked for.
  const { data, info } = hasAlpha
    ? await pipeline.webp({ quality: 80 }).toBuffer({ resolveWithObject: true })
    : await pipeline.jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
  return {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    contentType: hasAlpha ? 'image/webp' : 'image/jpeg',
    width: info.width,
    height: info.height,
  };
}
