// Photos on submitReport, sent as real GraphQL multipart requests: checked by
// count, size and magic bytes, re-encoded without metadata, stored, and never
// written when anything is refused — on PGlite and on PostgreSQL.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportChanges } from '../src/events/report-changes.js';
import { submitReport } from '../src/intake/submit-report.js';
import { DiskPhotoStorage, detectImageType } from '../src/photos/index.js';
import { ReportLedger } from '../src/workflow/ledger.js';
import { databaseKinds } from './support/databases.js';
import { createTestAduan, KUPANG, ORIGIN, type TestAduan } from './support/aduan.js';

const SUBMIT_WITH_PHOTOS = /* GraphQL */ `
  mutation Submit($input: SubmitReportInput!) {
    submitReport(input: $input) {
      __typename
      ... on ReportSubmitted { replayed photoCount report { trackingCode } }
      ... on InvalidInput { code message fields { field message } }
    }
  }
`;

interface Upload {
  name: string;
  type: string;
  bytes: Uint8Array;
}

const GPS = { IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '10/1 9/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '123/1 36/1 0/1' } };

/** A 2400 × 1800 camera JPEG, turned by EXIF orientation 6 (shown 1800 × 2400), with GPS and a camera make. */
async function cameraJpeg(): Promise<Uint8Array> {
  return sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'AduanTestCam' }, ...GPS })
    .toBuffer();
}

async function screenshotPng(): Promise<Uint8Array> {
  return sharp({ create: { width: 3000, height: 1000, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .png()
    .withExif({ IFD0: { Make: 'AduanTestCam' }, ...GPS })
    .toBuffer();
}

async function smallJpeg(): Promise<Uint8Array> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 0, g: 128, b: 0 } } })
    .jpeg()
    .toBuffer();
}

const concat = (...parts: (Uint8Array | string)[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));

describe.each(databaseKinds)('photos on %s', (kind) => {
  let aduan: TestAduan;
  beforeAll(async () => {
    aduan = await createTestAduan(kind);
  });
  afterAll(async () => {
    await aduan?.close();
  });

  /** submitReport as a browser sends it: operations, map, then one part per file. */
  async function submitWithPhotos(uploads: Upload[], input: Record<string, unknown> = {}) {
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query: SUBMIT_WITH_PHOTOS,
        variables: {
          input: {
            site: 'demo',
            category: 'jalan-rusak',
            description: 'Lubang besar di depan pasar',
            location: KUPANG.oebobo,
            locale: 'EN',
            ...input,
            photos: uploads.map(() => null),
          },
        },
      }),
    );
    form.append('map', JSON.stringify(Object.fromEntries(uploads.map((_, i) => [String(i), [`variables.input.photos.${i}`]]))));
    for (const [i, upload] of uploads.entries()) form.append(String(i), new Blob([new Uint8Array(upload.bytes)], { type: upload.type }), upload.name);
    const response = await aduan.yoga.fetch('http://aduan.test/graphql', {
      method: 'POST',
      headers: { origin: ORIGIN, accept: 'application/json' },
      body: form,
    });
    const body = (await response.json()) as { data?: any; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data.submitReport;
  }

  async function expectRefused(uploads: Upload[], field: string, text: RegExp) {
    const before = await aduan.counts();
    const result = await submitWithPhotos(uploads);
    expect(result).toMatchObject({ __typename: 'InvalidInput', code: 'INVALID_PHOTO' });
    expect(result.fields).toEqual([{ field, message: expect.stringMatching(text) }]);
    expect(result.message).toMatch(text);
    expect(await aduan.counts()).toEqual(before);
    return result;
  }

  async function storedPhotos(trackingCode: string) {
    const report = await aduan.test.database.prisma.report.findUniqueOrThrow({
      where: { trackingCode },
      include: { photos: { orderBy: { createdAt: 'asc' } } },
    });
    return Promise.all(
      report.photos.map(async (row) => {
        const stored = await aduan.photoStorage.get(row.storageKey);
        expect(stored).not.toBeNull();
        return { row, bytes: stored!.bytes, contentType: stored!.contentType, metadata: await sharp(stored!.bytes).metadata() };
      }),
    );
  }

  it('stores a JPEG and a PNG re-encoded: upright, within 1600 px, no EXIF or GPS left', async () => {
    const jpeg = await cameraJpeg();
    const png = await screenshotPng();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined(); // the inputs do carry EXIF
    expect((await sharp(png).metadata()).exif).toBeDefined();
    const before = await aduan.counts();

    const result = await submitWithPhotos([
      { name: 'IMG_0001.jpg', type: 'image/jpeg', bytes: jpeg },
      { name: 'layar.png', type: 'image/png', bytes: png },
    ]);
    expect(result).toMatchObject({ __typename: 'ReportSubmitted', replayed: false, photoCount: 2 });
    expect(await aduan.counts()).toEqual({
      reports: before.reports + 1,
      events: before.events + 1,
      photos: before.photos + 2,
      photoFiles: before.photoFiles + 2,
    });

    const photos = await storedPhotos(result.report.trackingCode);
    expect(photos).toHaveLength(2);
    for (const { row, bytes, contentType, metadata } of photos) {
      expect(contentType).toBe('image/jpeg');
      expect(row).toMatchObject({ contentType: 'image/jpeg', byteSize: bytes.byteLength });
      expect(row.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
      expect(metadata.format).toBe('jpeg');
      expect(metadata.exif).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(Buffer.from(bytes).includes('AduanTestCam')).toBe(false);
      expect(Math.max(metadata.width, metadata.height)).toBeLessThanOrEqual(1600);
      expect({ width: row.width, height: row.height }).toEqual({ width: metadata.width, height: metadata.height });
    }
    const sizes = photos.map(({ metadata }) => [metadata.width, metadata.height]).sort();
    // The camera photo is turned upright by its orientation (1800 × 2400 → 1200 × 1600).
    expect(sizes).toEqual(
      [
        [1200, 1600],
        [1600, 533],
      ].sort(),
    );
  });

  it('keeps transparency as WebP, and accepts WebP uploads', async () => {
    const transparent = await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#884400' } })
      .webp()
      .toBuffer();
    const result = await submitWithPhotos([
      { name: 'a.png', type: 'image/png', bytes: transparent },
      { name: 'b.webp', type: 'image/webp', bytes: webp },
    ]);
    expect(result.photoCount).toBe(2);
    const photos = await storedPhotos(result.report.trackingCode);
    expect(photos.map((p) => p.contentType).sort()).toEqual(['image/jpeg', 'image/webp']);
  });

  it('drops a payload appended after the image data', async () => {
    const payload = '<?php system($_GET["c"]); ?>'.repeat(200);
    const result = await submitWithPhotos([{ name: 'foto.jpg', type: 'image/jpeg', bytes: concat(await smallJpeg(), payload) }]);
    expect(result.photoCount).toBe(1);
    const [photo] = await storedPhotos(result.report.trackingCode);
    expect(Buffer.from(photo!.bytes).includes('system(')).toBe(false);
    expect(photo!.metadata).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
  });

  it('refuses a fourth photo', async () => {
    const bytes = await smallJpeg();
    const photo = { name: 'p.jpg', type: 'image/jpeg', bytes };
    await expectRefused([photo, photo, photo, photo], 'photos.3', /^At most 3 photos per report\.$/);
  });

  it('refuses HEIC clearly, in either language', async () => {
    // An iPhone photo's first box: size, `ftyp`, major brand `heic`, compatible brands.
    const heic = concat(Buffer.from([0, 0, 0, 0x18]), 'ftypheic', Buffer.from([0, 0, 0, 0]), 'mif1heic', Buffer.alloc(200));
    expect(detectImageType(heic)).toBe('heic');
    await expectRefused(
      [
        { name: 'a.jpg', type: 'image/jpeg', bytes: await smallJpeg() },
        { name: 'IMG_0002.HEIC', type: 'image/heic', bytes: heic },
      ],
      'photos.1',
      /^HEIC photos are not supported: choose JPEG \('Most Compatible'\) in your camera settings, or send it through the form, which converts it\.$/,
    );
    const heif = concat(Buffer.from([0, 0, 0, 0x10]), 'ftypmif1', Buffer.from([0, 0, 0, 0]), Buffer.alloc(64));
    expect(detectImageType(heif)).toBe('heic');
    const before = await aduan.counts();
    const indonesian = await submitWithPhotos([{ name: 'x.heif', type: 'image/heif', bytes: heif }], { locale: 'ID' });
    expect(indonesian.code).toBe('INVALID_PHOTO');
    expect(indonesian.message).toMatch(/^Foto HEIC tidak didukung/);
    expect(await aduan.counts()).toEqual(before);
  });

  it('refuses a text file named .jpg, whatever type the browser claimed', async () => {
    await expectRefused(
      [{ name: 'foto.jpg', type: 'image/jpeg', bytes: Buffer.from('just some text, not a photo\n'.repeat(20)) }],
      'photos.0',
      /^Photo 1 is not a JPEG, PNG or WebP image\.$/,
    );
  });

  it('refuses an image that starts like a JPEG but cannot be decoded', async () => {
    const broken = concat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 0x41));
    await expectRefused([{ name: 'rusak.jpg', type: 'image/jpeg', bytes: broken }], 'photos.0', /^Photo 1 is damaged or cannot be read\.$/);
  });

  it('refuses an image of more pixels than a phone camera makes (a decompression bomb), however small its file', async () => {
    const bomb = await sharp({ create: { width: 8000, height: 6400, channels: 3, background: '#808080' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectRefused([{ name: 'bom.png', type: 'image/png', bytes: bomb }], 'photos.0', /^Photo 1 is damaged or cannot be read\.$/);
  });

  it('refuses a photo over 8 MB', async () => {
    const huge = concat(await smallJpeg(), Buffer.alloc(9 * 1024 * 1024));
    await expectRefused(
      [
        { name: 'ok.jpg', type: 'image/jpeg', bytes: await smallJpeg() },
        { name: 'besar.jpg', type: 'image/jpeg', bytes: huge },
      ],
      'photos.1',
      /^Photo 2 is too large: at most 8 MB\.$/,
    );
  });

  it('stores photos once when an idempotent submission is replayed', async () => {
    const uploads = [{ name: 'p.jpg', type: 'image/jpeg', bytes: await smallJpeg() }];
    const input = { idempotencyKey: `photos-${kind}-0001` };
    const before = await aduan.counts();
    const first = await submitWithPhotos(uploads, input);
    const again = await submitWithPhotos(uploads, input);
    expect(first).toMatchObject({ replayed: false, photoCount: 1 });
    expect(again).toMatchObject({ replayed: true, photoCount: 1, report: first.report });
    expect(await aduan.counts()).toEqual({
      reports: before.reports + 1,
      events: before.events + 1,
      photos: before.photos + 1,
      photoFiles: before.photoFiles + 1,
    });
  });

  it('refuses a non-file where a File is expected', async () => {
    const response = await aduan.gql(SUBMIT_WITH_PHOTOS, {
      input: { site: 'demo', category: 'jalan-rusak', description: 'Lubang besar', location: KUPANG.oebobo, photos: ['x'] },
    });
    expect(response.errors?.[0]?.message).toMatch(/Expected a file/);
  });

  it('removes stored files when the database write fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aduan-photos-fail-'));
    try {
      const prisma = aduan.test.database.prisma;
      const failing = new Proxy(prisma, {
        get: (target, property) => (property === '$queryRaw' ? () => Promise.reject(new Error('the database went away')) : Reflect.get(target, property)),
      });
      const before = await aduan.counts();
      const bytes = await smallJpeg();
      await expect(
        submitReport(
          {
            ledger: new ReportLedger({ prisma: failing, changes: new ReportChanges(), mail: false }),
            catalog: aduan.catalog,
            photoStorage: new DiskPhotoStorage(dir),
          },
          {
            site: 'demo',
            category: 'jalan-rusak',
            description: 'Lubang besar di depan pasar',
            location: KUPANG.oebobo,
            photos: [new File([new Uint8Array(bytes)], 'a.jpg'), new File([new Uint8Array(bytes)], 'b.jpg')],
          },
          { origin: null, ownOrigin: 'http://aduan.test' },
        ),
      ).rejects.toThrow('the database went away');
      expect(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())).toEqual([]);
      expect(await aduan.counts()).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
