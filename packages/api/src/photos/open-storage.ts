// The photo storage a server or command uses: the data directory's `photos/` folder, or
// the bucket ADUAN_PHOTO_STORAGE names — checked before anything relies on it, so a
// wrong bucket, key or endpoint fails at start with one sentence, not at the first photo.
import type { Environment } from '../environment.js';
import { photoStorageIn } from './disk-storage.js';
import type { S3Connection, S3Location } from './s3-location.js';
import type { PhotoStorage } from './storage.js';

/** The storage `env` configures, ready to use; close it when done. */
export async function openPhotoStorage(env: Pick<Environment, 'dataDir' | 'photoStorage' | 's3'>): Promise<PhotoStorage> {
  return env.photoStorage ? openS3PhotoStorage(env.photoStorage, env.s3) : photoStorageIn(env.dataDir);
}

/** A bucket's storage, after checking that the bucket is there and may be used. */
export async function openS3PhotoStorage(location: S3Location, connection: S3Connection): Promise<PhotoStorage> {
  // Loaded here only: the AWS SDK adds about 22 MB resident and 0.4 s of start a server on disk never needs.
  const { S3PhotoStorage } = await import('./s3-storage.js');
  const storage = new S3PhotoStorage(location, connection);
  try {
    await storage.check();
  } catch (error) {
    storage.close();
    throw error;
  }
  return storage;
}
