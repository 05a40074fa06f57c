// Moving photos from the data folder to a bucket: `aduan photos copy --to s3://…`, run
// as an operator runs it, against a real S3-compatible server (s3rver). It copies every
// photo, skips what is already there, can be run again, and fails in one sentence with a
// non-zero exit.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPhotos, newPhotoKey, openS3PhotoStorage, type PhotoEntry, type PhotoStorage, photoStorageIn } from '../src/photos/index.js';
import { startTestS3, type TestS3 } from './support/s3.js';

const cliPath = fileURLToPath(new URL('../bin/aduan.js', import.meta.url));

let s3: TestS3;
const dirs: string[] = [];
const opened: PhotoStorage[] = [];

beforeAll(async () => {
  s3 = await startTestS3(['aduan-photos']);
});

afterAll(async () => {
  for (const storage of opened) storage.close();
  await s3?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A data folder with `count` photos of 1, 2, 3… KB in it. */
async function dataDirWithPhotos(count: number): Promise<{ dataDir: string; keys: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aduan-copy-'));
  dirs.push(dataDir);
  const disk = photoStorageIn(dataDir);
  const keys: string[] = [];
  for (let i = 1; i <= count; i++) {
    const key = newPhotoKey(i % 2 ? 'image/jpeg' : 'image/webp', new Date(Date.UTC(2026, i % 12, 1)));
    await disk.put(key, new Uint8Array(i * 1024).fill(i), i % 2 ? 'image/jpeg' : 'image/webp');
    keys.push(key);
  }
  return { dataDir, keys };
}

async function bucketAt(prefix: string): Promise<PhotoStorage> {
  const storage = await openS3PhotoStorage({ bucket: 'aduan-photos', prefix }, s3.connection);
  opened.push(storage);
  return storage;
}

async function listed(storage: PhotoStorage): Promise<PhotoEntry[]> {
  const entries: PhotoEntry[] = [];
  for await (const entry of storage.list()) entries.push(entry);
  return entries.sort((a, b) => a.key.localeCompare(b.key));
}

async function aduan(args: string[], env: Record<string, string>) {
  // No AWS_* or ADUAN_* from the developer's own shell: only what the test says.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(AWS_|ADUAN_)/.test(name)));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliPath, ...args], { env: { ...clean, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('copyPhotos', () => {
  it('copies what the target lacks or holds at another size, and goes on past a photo that fails', async () => {
    const { dataDir, keys } = await dataDirWithPhotos(4);
    const from = photoStorageIn(dataDir);
    const target = await bucketAt('copy-unit');
    // One photo already there, one cut short by an earlier attempt.
    await target.put(keys[0]!, (await from.get(keys[0]!))!.bytes, 'image/jpeg');
    await target.put(keys[2]!, new Uint8Array(10), 'image/jpeg');
    // A bucket that refuses one photo.
    const refusing: PhotoStorage = Object.create(target, {
      put: {
        value: (key: string, bytes: Uint8Array, type: string) =>
          key === keys[3] ? Promise.reject(new Error('SlowDown: please reduce your request rate')) : target.put(key, bytes, type),
      },
    });
    expect(await copyPhotos(from, refusing)).toEqual({
      copied: 2,
      bytes: 2 * 1024 + 3 * 1024,
      skipped: 1,
      vanished: 0,
      failed: [{ key: keys[3], reason: 'SlowDown: please reduce your request rate' }],
    });
    // Run again without the fault: only the one that failed is copied.
    expect(await copyPhotos(from, target)).toEqual({ copied: 1, bytes: 4 * 1024, skipped: 3, vanished: 0, failed: [] });
    expect(await listed(target)).toEqual(await listed(from));
    for (const key of keys) expect((await target.get(key))!.bytes).toEqual(new Uint8Array((await from.get(key))!.bytes));
  });
});

describe('aduan photos copy', () => {
  it('copies every photo from the data folder to the bucket, then finds nothing left to copy', async () => {
    const { dataDir } = await dataDirWithPhotos(3);
    // Not a photo: a note left by hand.
    writeFileSync(join(dataDir, 'photos', 'README.txt'), 'kept by hand');
    const env = { ...s3.env, ADUAN_DATA_DIR: dataDir };
    const first = await aduan(['photos', 'copy', '--to', 's3://aduan-photos/kupang/'], env);
    expect(first.stdout).toBe(
      `Copying photos from ${join(dataDir, 'photos')} to s3://aduan-photos/kupang at ${s3.endpoint}…\nCopied 3 photo(s) (6 KB); skipped 0 already there.\n`,
    );
    expect(first.code).toBe(0);
    expect(await listed(await bucketAt('kupang'))).toEqual(await listed(photoStorageIn(dataDir)));

    const again = await aduan(['photos', 'copy', '--to', 's3://aduan-photos/kupang'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/\nCopied 0 photo\(s\) \(0 KB\); skipped 3 already there\.\n$/);
  });

  it('refuses, with one sentence and exit code 1, a target it cannot copy to', async () => {
    const { dataDir } = await dataDirWithPhotos(1);
    const env = { ...s3.env, ADUAN_DATA_DIR: dataDir };
    const refusals: [string[], Record<string, string>, string][] = [
      [['--to', '/srv/photos'], env, 'aduan: --to must be s3://bucket or s3://bucket/prefix, not "/srv/photos".'],
      [['--to', 's3://Aduan_Photos'], env, 'aduan: --to names a bucket S3 would refuse: 3 to 63 lowercase letters'],
      [['--to', 's3://no-such-bucket'], env, `aduan: Photo storage s3://no-such-bucket at ${s3.endpoint}: the bucket "no-such-bucket" does not exist.`],
      [
        ['--to', 's3://aduan-photos'],
        { ...env, AWS_ACCESS_KEY_ID: 'NOT-A-KEY', AWS_SECRET_ACCESS_KEY: 'rahasia-salah' },
        `aduan: Photo storage s3://aduan-photos at ${s3.endpoint}: access denied: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`,
      ],
      [
        ['--to', 's3://aduan-photos'],
        { ADUAN_DATA_DIR: dataDir },
        "aduan: AWS_REGION must name the bucket's region (e.g. ap-southeast-3) for photos on AWS; for another S3 server, set ADUAN_S3_ENDPOINT.",
      ],
      [
        ['--to', 's3://aduan-photos/kupang'],
        { ...env, ADUAN_PHOTO_STORAGE: 's3://aduan-photos/kupang' },
        `aduan: The photos are already in s3://aduan-photos/kupang at ${s3.endpoint}: nothing to copy.`,
      ],
      [[], env, "error: required option '--to <s3-url>' not specified"],
    ];
    for (const [args, settings, message] of refusals) {
      const result = await aduan(['photos', 'copy', ...args], settings);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toContain('rahasia-salah');
      expect(result.stdout).not.toMatch(/Copied/);
    }
    // Nothing was copied anywhere by a refused command.
    expect(await listed(await bucketAt(''))).toEqual([]);
  });
});
