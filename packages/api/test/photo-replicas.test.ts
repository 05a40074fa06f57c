// Two `aduan serve` replicas with no shared folder, one PostgreSQL and one bucket on an
// S3-compatible server (s3rver): a photo sent to one is served by the other, to staff
// and through an agency's signed link, with the same checks as on disk; `aduan privacy
// erase` removes it from the bucket; and a bucket that cannot be used stops a server at
// start with one sentence.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhotoLinkSigner } from '../src/delivery/photo-links.js';
import { environment } from '../src/environment.js';
import { openS3PhotoStorage, type PhotoEntry, type PhotoStorage } from '../src/photos/index.js';
import { serverSecretFor } from '../src/secrets/server-secret.js';
import { startService, type RunningService } from '../src/service.js';
import { createApiToken } from '../src/staff/index.js';
import { KUPANG, ORIGIN } from './support/aduan.js';
import { createPostgresFromTemplate } from './support/databases.js';
import { startTestS3, type TestS3 } from './support/s3.js';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitReportInput!) {
    submitReport(input: $input) {
      __typename
      ... on ReportSubmitted { photoCount report { trackingCode } }
      ... on InvalidInput { code message }
    }
  }
`;
const BUCKET = { bucket: 'aduan-photos', prefix: 'kupang' };

describe('two replicas sharing photos through one bucket', () => {
  let s3: TestS3;
  let bucket: PhotoStorage;
  let database: { url: string; drop(): Promise<void> };
  const replicas: RunningService[] = [];
  const dirs: string[] = [];
  const logs: string[] = [];
  const secret = randomBytes(32).toString('base64');

  beforeAll(async () => {
    s3 = await startTestS3();
    bucket = await openS3PhotoStorage(BUCKET, s3.connection);
    database = await createPostgresFromTemplate('demo');
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), `aduan-photo-replica-${i}-`));
      dirs.push(dataDir);
      replicas.push(
        await startService(
          environment({
            port: 0,
            host: '127.0.0.1',
            databaseUrl: database.url,
            dataDir,
            secret,
            rateLimits: 'off',
            proofOfWorkMaxCounter: 0,
            deliveryWorker: false,
            photoStorage: BUCKET,
            s3: s3.connection,
          }),
          (line) => logs.push(line),
        ),
      );
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close(2_000)));
    bucket?.close();
    await s3?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function inBucket(): Promise<PhotoEntry[]> {
    const entries: PhotoEntry[] = [];
    for await (const entry of bucket.list()) entries.push(entry);
    return entries;
  }

  it('serves a photo sent to one replica from the other, and erases it from the bucket', async () => {
    const [a, b] = replicas as [RunningService, RunningService];
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 0, g: 128, b: 0 } } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    const input = { site: 'demo', category: 'jalan-rusak', description: 'Lubang besar di depan pasar', location: KUPANG.oebobo, photos: [null] };
    form.append('operations', JSON.stringify({ query: SUBMIT, variables: { input } }));
    form.append('map', JSON.stringify({ 0: ['variables.input.photos.0'] }));
    form.append('0', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'lubang.jpg');
    const response = await fetch(`${a.url}/graphql`, { method: 'POST', headers: { origin: ORIGIN, accept: 'application/json' }, body: form });
    const body = (await response.json()) as { data: { submitReport: { __typename: string; photoCount: number; report: { trackingCode: string } } } };
    expect(body.data.submitReport).toMatchObject({ __typename: 'ReportSubmitted', photoCount: 1 });
    const trackingCode = body.data.submitReport.report.trackingCode;

    // The bytes are in the bucket, and in neither replica's folder.
    const prisma = a.database.prisma;
    const photo = await prisma.photo.findFirstOrThrow({ where: { report: { trackingCode } } });
    expect(await inBucket()).toEqual([{ key: photo.storageKey, byteSize: photo.byteSize }]);
    for (const dir of dirs) expect(existsSync(join(dir, 'photos'))).toBe(false);
    const stored = [...(await bucket.get(photo.storageKey))!.bytes];

    // Staff of the report's agency get them from the other replica; another agency's staff get nothing.
    const own = { authorization: `Bearer ${(await createApiToken(prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'pupr' })).token}` };
    const other = { authorization: `Bearer ${(await createApiToken(prisma, { agency: 'pdam-tirta-kupang', role: 'STAFF', name: 'pdam' })).token}` };
    const fromB = await fetch(`${b.url}/staff/photos/${photo.id}`, { headers: own });
    expect(fromB.status).toBe(200);
    expect(fromB.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array(await fromB.arrayBuffer())]).toEqual(stored);
    expect((await fetch(`${b.url}/staff/photos/${photo.id}`, { headers: other })).status).toBe(404);
    expect((await fetch(`${b.url}/staff/photos/${photo.id}`)).status).toBe(401);

    // An agency's system follows the signed link its delivery carried, made with the replicas' shared secret.
    const signer = new PhotoLinkSigner(serverSecretFor({ secret, dataDir: dirs[0]! }, () => {}));
    const link = await signer.link(b.url, photo.id, new Date(Date.now() + 3_600_000));
    const delivered = await fetch(link);
    expect(delivered.status).toBe(200);
    expect([...new Uint8Array(await delivered.arrayBuffer())]).toEqual(stored);
    // One character of the signature changed (to another one: a signature may start with 0).
    const forged = link.replace(/signature=(.)/, (_, first: string) => `signature=${first === '0' ? '1' : '0'}`);
    expect(forged).not.toBe(link);
    expect((await fetch(forged)).status).toBe(403);

    // `aduan privacy erase`, run as an operator would, with the same settings.
    const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
    const erased = await promisify(execFile)(process.execPath, [join(repositoryRoot, 'packages/api/bin/aduan.js'), 'privacy', 'erase', trackingCode], {
      env: { ...process.env, ...s3.env, DATABASE_URL: database.url, ADUAN_DATA_DIR: dirs[0]!, ADUAN_PHOTO_STORAGE: 's3://aduan-photos/kupang' },
      timeout: 60_000,
    });
    expect(erased.stdout).toContain('and 1 photo(s) of');
    expect(await inBucket()).toEqual([]);
    expect((await fetch(`${a.url}/staff/photos/${photo.id}`, { headers: own })).status).toBe(404);
  }, 120_000);

  it('says where the photos are, and logs no credential', () => {
    expect(logs.filter((line) => line.startsWith('Photos: '))).toEqual([
      `Photos: s3://aduan-photos/kupang at ${s3.endpoint}.`,
      `Photos: s3://aduan-photos/kupang at ${s3.endpoint}.`,
    ]);
    // s3rver's access key and secret are both "S3RVER".
    expect(logs.filter((line) => line.includes('S3RVER'))).toEqual([]);
  });

  it('does not start on a bucket that does not exist, saying which', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'aduan-photo-replica-missing-'));
    dirs.push(dataDir);
    await expect(
      startService(
        environment({
          port: 0,
          host: '127.0.0.1',
          databaseUrl: database.url,
          dataDir,
          secret,
          deliveryWorker: false,
          photoStorage: { bucket: 'no-such-bucket', prefix: '' },
          s3: s3.connection,
        }),
        () => {},
      ),
    ).rejects.toThrow(`Photo storage s3://no-such-bucket at ${s3.endpoint}: the bucket "no-such-bucket" does not exist.`);
  }, 60_000);
});
