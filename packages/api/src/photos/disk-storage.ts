// Photos as files under one folder: `$ADUAN_DATA_DIR/photos` unless ADUAN_PHOTO_STORAGE
// names a bucket. Several replicas on disk need that folder on one shared volume.
import { randomUUID } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { checkPhotoKey, checkPut, contentTypeOfKey, isPhotoKey, type PhotoEntry, type PhotoStorage, type StoredPhoto } from './storage.js';

/** Where a server keeps photos on disk: `photos/` in its data directory (ADUAN_DATA_DIR), on either database. */
export function photoStorageIn(dataDir: string): DiskPhotoStorage {
  return new DiskPhotoStorage(join(dataDir, 'photos'));
}

export class DiskPhotoStorage implements PhotoStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  get location(): string {
    return this.root;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    checkPut(key, contentType);
    const path = this.pathOf(key);
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
      return { bytes, contentType: contentTypeOfKey(key) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async sizeOf(key: string): Promise<number | null> {
    try {
      const stats = await stat(this.pathOf(key));
      return stats.isFile() ? stats.size : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async *list(): AsyncIterable<PhotoEntry> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return; // no photo was ever stored
      throw error;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      // Half-written `.partial` files and anything put there by hand are not photos.
      const key = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (!isPhotoKey(key)) continue;
      const size = await this.sizeOf(key);
      if (size !== null) yield { key, byteSize: size };
    }
  }

  close(): void {}

  private pathOf(key: string): string {
    checkPhotoKey(key);
    const path = resolve(join(this.root, ...key.split('/')));
    if (!path.startsWith(this.root + sep)) throw new Error(`Not a photo key: ${JSON.stringify(key)}`);
    return path;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}
