// Where photo bytes live: the same promises from the data directory's folder and from a
// bucket on a real S3-compatible server (s3rver) — put, get, delete, size and list by
// key, and nothing but Aduan's own keys — and a bucket that cannot be used is refused
// at start in one sentence.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskPhotoStorage, newPhotoKey, openS3PhotoStorage, type PhotoEntry, type PhotoStorage } from '../src/photos/index.js';
import { startTestS3, type TestS3 } from './support/s3.js';

let s3: TestS3;
let rawS3: S3Client;
const dirs: string[] = [];

beforeAll(async () => {
  s3 = await startTestS3(['aduan-photos', 'other-city']);
  rawS3 = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: 'us-east-1', credentials: s3.connection.credentials! });
});

afterAll(async () => {
  rawS3?.destroy();
  await s3?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function diskStorage(): DiskPhotoStorage {
  const dir = mkdtempSync(join(tmpdir(), 'aduan-photos-disk-'));
  dirs.push(dir);
  return new DiskPhotoStorage(dir);
}

/** A stored photo with its bytes as plain numbers (a disk gives a Buffer, a bucket a Uint8Array). */
async function read(storage: PhotoStorage, key: string) {
  const photo = await storage.get(key);
  return photo && { bytes: [...photo.bytes], contentType: photo.contentType };
}

async function listed(storage: PhotoStorage): Promise<PhotoEntry[]> {
  const entries: PhotoEntry[] = [];
  for await (const entry of storage.list()) entries.push(entry);
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}

const storages = {
  disk: async () => diskStorage(),
  s3: () => openS3PhotoStorage({ bucket: 'aduan-photos', prefix: 'kupang/laporan' }, s3.connection),
};

describe.each(Object.keys(storages) as (keyof typeof storages)[])('photo storage on %s', (kind) => {
  let storage: PhotoStorage;
  beforeAll(async () => {
    storage = await storages[kind]();
  });
  afterAll(() => storage?.close());

  it('puts, gets, sizes and deletes by key, and refuses keys that are not its own', async () => {
    const key = newPhotoKey('image/jpeg', new Date('2026-11-28T00:00:00Z'));
    expect(key).toMatch(/^2026\/11\/[0-9a-f-]{36}\.jpg$/);
    await storage.put(key, new Uint8Array([1, 2, 3]), 'image/jpeg');
    expect(await read(storage, key)).toEqual({ bytes: [1, 2, 3], contentType: 'image/jpeg' });
    expect(await storage.sizeOf(key)).toBe(3);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    expect(await storage.sizeOf(key)).toBeNull();
    await storage.delete(key); // already gone: fine
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(/Not a photo key/);
    await expect(storage.sizeOf('2026/11/x.jpg')).rejects.toThrow(/Not a photo key/);
    await expect(storage.delete('kupang/../../x.jpg')).rejects.toThrow(/Not a photo key/);
    await expect(storage.put('2026/11/../../../x.jpg', new Uint8Array(1), 'image/jpeg')).rejects.toThrow(/Not a photo key/);
    await expect(storage.put(key, new Uint8Array(1), 'image/webp')).rejects.toThrow(/does not match/);
    expect(await storage.get(key)).toBeNull();
  });

  it('lists the photos it holds with their sizes, and nothing else that lies beside them', async () => {
    const jpeg = newPhotoKey('image/jpeg', new Date('2026-11-28T00:00:00Z'));
    const webp = newPhotoKey('image/webp', new Date('2027-01-02T00:00:00Z'));
    await storage.put(jpeg, new Uint8Array(5), 'image/jpeg');
    await storage.put(webp, new Uint8Array(7), 'image/webp');
    if (storage instanceof DiskPhotoStorage) {
      // A write cut short and a file put there by hand.
      writeFileSync(join(storage.root, `${jpeg}.0000.partial`), 'half');
      writeFileSync(join(storage.root, 'README.txt'), 'photos');
    } else {
      // Another city's prefix, and an object under this one that Aduan did not make.
      await rawS3.send(new PutObjectCommand({ Bucket: 'aduan-photos', Key: `kupang/${jpeg}`, Body: 'x' }));
      await rawS3.send(new PutObjectCommand({ Bucket: 'aduan-photos', Key: 'kupang/laporan/notes.txt', Body: 'x' }));
    }
    expect(await listed(storage)).toEqual([
      { key: jpeg, byteSize: 5 },
      { key: webp, byteSize: 7 },
    ]);
    await storage.delete(jpeg);
    await storage.delete(webp);
    expect(await listed(storage)).toEqual([]);
  });
});

describe('photos on disk', () => {
  it('are for the server’s user alone', async () => {
    const storage = diskStorage();
    const key = newPhotoKey('image/jpeg', new Date('2026-11-28T00:00:00Z'));
    await storage.put(key, new Uint8Array([1, 2, 3]), 'image/jpeg');
    expect(statSync(join(storage.root, key)).mode & 0o777).toBe(0o600);
    expect(statSync(join(storage.root, '2026', '11')).mode & 0o777).toBe(0o700);
    expect(storage.location).toBe(storage.root);
  });

  it('list nothing before the first photo makes the folder', async () => {
    const storage = new DiskPhotoStorage(join(diskStorage().root, 'photos'));
    expect(await listed(storage)).toEqual([]);
    mkdirSync(storage.root);
    expect(await listed(storage)).toEqual([]);
  });
});

describe('photos in a bucket', () => {
  it('are objects under the prefix with their content type, which any S3 client reads', async () => {
    const storage = await storages.s3();
    try {
      expect(storage.location).toBe(`s3://aduan-photos/kupang/laporan at ${s3.endpoint}`);
      const key = newPhotoKey('image/webp');
      await storage.put(key, new Uint8Array([9, 8, 7]), 'image/webp');
      const object = await rawS3.send(new GetObjectCommand({ Bucket: 'aduan-photos', Key: `kupang/laporan/${key}` }));
      expect(object.ContentType).toBe('image/webp');
      expect(await object.Body!.transformToByteArray()).toEqual(new Uint8Array([9, 8, 7]));
    } finally {
      storage.close();
    }
  });

  it('are kept apart by prefix and bucket', async () => {
    const kupang = await storages.s3();
    const elsewhere = await openS3PhotoStorage({ bucket: 'aduan-photos', prefix: 'kabupaten-kupang' }, s3.connection);
    const otherBucket = await openS3PhotoStorage({ bucket: 'other-city', prefix: '' }, s3.connection);
    try {
      const key = newPhotoKey('image/jpeg');
      await kupang.put(key, new Uint8Array([1]), 'image/jpeg');
      expect(await elsewhere.get(key)).toBeNull();
      expect(await otherBucket.get(key)).toBeNull();
      await otherBucket.put(key, new Uint8Array([2, 2]), 'image/jpeg');
      expect(await listed(otherBucket)).toEqual([{ key, byteSize: 2 }]);
      expect(await read(kupang, key)).toEqual({ bytes: [1], contentType: 'image/jpeg' });
      await kupang.delete(key);
      await otherBucket.delete(key);
    } finally {
      for (const storage of [kupang, elsewhere, otherBucket]) storage.close();
    }
  });

  it('is refused at start, in one sentence without a key, when the bucket cannot be used', async () => {
    const where = { bucket: 'aduan-photos', prefix: 'kupang' };
    await expect(openS3PhotoStorage({ bucket: 'no-such-bucket', prefix: '' }, s3.connection)).rejects.toThrow(
      `Photo storage s3://no-such-bucket at ${s3.endpoint}: the bucket "no-such-bucket" does not exist.`,
    );
    const wrongKey = openS3PhotoStorage(where, { ...s3.connection, credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'rahasia-salah' } });
    await expect(wrongKey).rejects.toThrow(
      `Photo storage s3://aduan-photos/kupang at ${s3.endpoint}: access denied: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that they may list the bucket`,
    );
    await expect(wrongKey).rejects.not.toThrow(/rahasia-salah/);
    const closedPort = await freePort();
    await expect(openS3PhotoStorage(where, { ...s3.connection, endpoint: `http://127.0.0.1:${closedPort}` })).rejects.toThrow(
      `Photo storage s3://aduan-photos/kupang at http://127.0.0.1:${closedPort}: the server does not answer (ECONNREFUSED): check ADUAN_S3_ENDPOINT.`,
    );
    await expect(wrongKey).rejects.toMatchObject({ code: 'PHOTO_STORAGE_UNAVAILABLE' });
  });
});

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
