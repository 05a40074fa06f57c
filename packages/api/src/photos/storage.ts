// Where photo bytes live. A small interface so object storage (S3, GCS, …) can
// replace the local disk later without intake changing.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export interface StoredPhoto {
  bytes: Uint8Array;
  contentType: string;
}

export interface PhotoStorage {
  /** Stores bytes under a key made by `newPhotoKey`; replaces nothing that exists. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes and type under a key, or null when there is none. */
  get(key: string): Promise<StoredPhoto | null>;
  /** Removes a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp' };
const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', webp: 'image/webp' };
/** `2026/11/<uuid>.jpg`: dated folders keep directories small; nothing a caller could steer. */
const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.(jpg|webp)$/;

/** A fresh, unguessable key for a photo of this type. */
export function newPhotoKey(contentType: string, now: Date = new Date()): string {
  const extension = EXTENSIONS[contentType];
  if (!extension) throw new Error(`Photos are stored as JPEG or WebP, not ${contentType}.`);
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${randomUUID()}.${extension}`;
}

/** Photos as files under one directory (`$ADUAN_DATA_DIR/photos` when serving). */
/** Where a server keeps photos: `photos/` in its data directory (ADUAN_DATA_DIR), on either database. */
export function photoStorageIn(dataDir: string): DiskPhotoStorage {
  return new DiskPhotoStorage(join(dataDir, 'photos'));
}

export class DiskPhotoStorage implements PhotoStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const path = this.pathOf(key);
    if (CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)] !== contentType) {
      throw new Error(`The key ${key} does not match the content type ${contentType}.`);
    }
    // Residents' photos are for the server's user alone: folders 0700, files 0600.
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Write beside, then rename: a reader never sees half a photo.
    const partial = `${path}.${randomUUID()}.partial`;
    await writeFile(partial, bytes, { flag: 'wx', mode: 0o600 });
    await rename(partial, path);
  }

  async get(key: string): Promise<StoredPhoto | null> {
    try {
      const bytes = await readFile(this.pathOf(key));
      return { bytes, contentType: CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)]! };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`Not a photo key: ${JSON.stringify(key)}`);
    const path = resolve(join(this.root, ...key.split('/')));
    if (!path.startsWith(this.root + sep)) throw new Error(`Not a photo key: ${JSON.stringify(key)}`);
    return path;
  }
}
