// `GET /staff/photos/<id>`: the photo bytes for staff of the report's agency
// (ADMIN sees all; the escalation parent's supervisor while it is escalated), 404
// for anyone else's and for unknown ids, 401 for nobody, 403 for a session still on
// its one-time password — through the real HTTP front door, on PGlite and on PostgreSQL,
// with the photos in the data folder and in a bucket on an S3-compatible server.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../src/server/http-server.js';
import { StaffPhotos } from '../src/server/staff-photos.js';
import { addStaffAccount, createApiToken, login, SESSION_COOKIE } from '../src/staff/index.js';
import type { DatabaseKind } from '../src/db/database.js';
import { openS3PhotoStorage, type PhotoStorage } from '../src/photos/index.js';
import { createTestAduan, KUPANG, ORIGIN, type TestAduan } from './support/aduan.js';
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

const STAFF_REPORT = /* GraphQL */ `
  query Report($code: String!) {
    report(trackingCode: $code) { trackingCode photos { id contentType byteSize url } }
  }
`;

const setups: [DatabaseKind, 'disk' | 's3'][] = [
  ['pglite', 'disk'],
  ['postgres', 'disk'],
  ['postgres', 's3'],
];

describe.each(setups)('staff photos on %s, kept on %s', (kind, storage) => {
  let aduan: TestAduan;
  let s3: TestS3 | undefined;
  let bucket: PhotoStorage | undefined;
  let server: Server;
  let base: string;
  let trackingCode: string;
  let photoId: string;
  let storedBytes: Uint8Array;
  const auth = {} as Record<
    'ownCookie' | 'ownToken' | 'otherCookie' | 'otherToken' | 'adminToken' | 'parentSupervisor' | 'oneTimeCookie',
    Record<string, string>
  >;

  beforeAll(async () => {
    if (storage === 's3') {
      s3 = await startTestS3();
      bucket = await openS3PhotoStorage({ bucket: 'aduan-photos', prefix: 'kupang' }, s3.connection);
    }
    aduan = await createTestAduan(kind, { photoStorage: bucket });
    const prisma = aduan.test.database.prisma;
    const staffPhotos = new StaffPhotos({ prisma, photoStorage: aduan.photoStorage });
    server = createHttpServer({
      readiness: { check: async () => true },
      graphql: () => aduan.yoga,
      open311: () => aduan.open311,
      staffPhotos: () => staffPhotos,
      staticDirs: { widgetDir: null, demoDir: null },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const now = new Date();
    for (const [side, agency] of [
      ['own', 'dinas-pupr'],
      ['other', 'pdam-tirta-kupang'],
    ] as const) {
      const { account, password } = await addStaffAccount(prisma, { agency, email: `${side}@kupang.go.id`, role: 'STAFF' });
      await prisma.staffAccount.update({ where: { id: account.id }, data: { mustChangePassword: false } });
      const session = await login(prisma, `${side}@kupang.go.id`, password, now);
      auth[`${side}Cookie`] = { cookie: `${SESSION_COOKIE}=${session!.secret}` };
      auth[`${side}Token`] = { authorization: `Bearer ${(await createApiToken(prisma, { agency, role: 'STAFF', name: side })).token}` };
    }
    auth.adminToken = { authorization: `Bearer ${(await createApiToken(prisma, { agency: 'pdam-tirta-kupang', role: 'ADMIN', name: 'admin' })).token}` };
    // pusat-pengaduan is dinas-pupr's escalation parent in the Kupang demo.
    auth.parentSupervisor = {
      authorization: `Bearer ${(await createApiToken(prisma, { agency: 'pusat-pengaduan', role: 'SUPERVISOR', name: 'pusat' })).token}`,
    };
    const oneTime = await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'new@kupang.go.id', role: 'STAFF' });
    auth.oneTimeCookie = { cookie: `${SESSION_COOKIE}=${(await login(prisma, 'new@kupang.go.id', oneTime.password, now))!.secret}` };

    // A report with one photo, sent as the widget sends it: GraphQL multipart.
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 0, g: 128, b: 0 } } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query: SUBMIT,
        variables: {
          input: { site: 'demo', category: 'jalan-rusak', description: 'Lubang besar di depan pasar', location: KUPANG.oebobo, photos: [null] },
        },
      }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.input.photos.0'] }));
    form.append('0', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'lubang.jpg');
    const response = await aduan.yoga.fetch('http://aduan.test/graphql', {
      method: 'POST',
      headers: { origin: ORIGIN, accept: 'application/json' },
      body: form,
    });
    const body = (await response.json()) as { data: any };
    expect(body.data.submitReport).toMatchObject({ __typename: 'ReportSubmitted', photoCount: 1 });
    trackingCode = body.data.submitReport.report.trackingCode;
    const photo = await prisma.photo.findFirstOrThrow({ where: { report: { trackingCode } }, include: { report: { include: { agency: true } } } });
    expect(photo.report.agency.slug).toBe('dinas-pupr');
    photoId = photo.id;
    storedBytes = (await aduan.photoStorage.get(photo.storageKey))!.bytes;
  }, 60_000);

  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await aduan?.close();
    bucket?.close();
    await s3?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it('gives staff of the report’s agency the stored bytes, by session cookie or bearer token', async () => {
    for (const headers of [auth.ownCookie, auth.ownToken, auth.adminToken]) {
      const response = await get(`/staff/photos/${photoId}`, headers);
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(storedBytes));
      expect(
        Object.fromEntries(
          ['content-type', 'cache-control', 'x-content-type-options', 'content-security-policy', 'cross-origin-resource-policy'].map((h) => [
            h,
            response.headers.get(h),
          ]),
        ),
      ).toEqual({
        'content-type': 'image/jpeg',
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
        'cross-origin-resource-policy': 'same-origin',
      });
    }
  });

  it('answers 404 to another agency, exactly as for a photo that does not exist', async () => {
    const unknown = await get('/staff/photos/00000000-0000-4000-8000-000000000000', auth.otherCookie);
    for (const headers of [auth.otherCookie, auth.otherToken]) {
      const response = await get(`/staff/photos/${photoId}`, headers);
      expect(response.status).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.text()).toBe(await unknown.clone().text());
    }
    expect(unknown.status).toBe(404);
  });

  it('shows the escalation parent’s supervisor the photo only while the report is escalated', async () => {
    const prisma = aduan.test.database.prisma;
    expect((await get(`/staff/photos/${photoId}`, auth.parentSupervisor)).status).toBe(404);
    await prisma.report.update({ where: { trackingCode }, data: { escalatedAt: new Date() } });
    try {
      const response = await get(`/staff/photos/${photoId}`, auth.parentSupervisor);
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array(storedBytes));
      expect((await get(`/staff/photos/${photoId}`, auth.otherToken)).status).toBe(404);
    } finally {
      await prisma.report.update({ where: { trackingCode }, data: { escalatedAt: null } });
    }
  });

  it('answers 403 to a session still on its one-time password', async () => {
    const response = await get(`/staff/photos/${photoId}`, auth.oneTimeCookie);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/password/);
  });

  it('answers 401 to anonymous requests and to bad credentials', async () => {
    for (const headers of [
      {},
      { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` },
      { authorization: 'Bearer nope' },
      { authorization: `Bearer ${'A'.repeat(43)}` },
    ] as Record<string, string>[]) {
      const response = await get(`/staff/photos/${photoId}`, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });

  it('answers 404 to unknown and malformed ids', async () => {
    for (const path of [
      '/staff/photos/00000000-0000-4000-8000-000000000000',
      '/staff/photos/not-a-photo',
      '/staff/photos/',
      '/staff/photos',
      `/staff/photos/${photoId}/x`,
      `/staff/photos/..%2F..%2Fetc%2Fpasswd`,
    ]) {
      expect((await get(path, auth.ownToken)).status, path).toBe(404);
    }
  });

  it('lists the photo’s URL for staff; the public reportStatus has no photo', async () => {
    const staff = await aduan.gql(STAFF_REPORT, { code: trackingCode }, auth.ownToken);
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.report.photos).toEqual([{ id: photoId, contentType: 'image/jpeg', byteSize: storedBytes.byteLength, url: `/staff/photos/${photoId}` }]);

    const publicReport = await aduan.gql(/* GraphQL */ `query S($code: String!) { reportStatus(trackingCode: $code) { trackingCode } }`, {
      code: trackingCode,
    });
    expect(publicReport.data!.reportStatus).toEqual({ trackingCode });
    const fields = await aduan.gql(/* GraphQL */ `{ __type(name: "PublicReport") { fields { name } } }`);
    expect(fields.data!.__type.fields.map((f: { name: string }) => f.name).filter((n: string) => /photo/i.test(n))).toEqual([]);
  });

  it('answers 404 when the row is there but the bytes are gone from the storage', async () => {
    const { storageKey } = await aduan.test.database.prisma.photo.findUniqueOrThrow({ where: { id: photoId } });
    await aduan.photoStorage.delete(storageKey);
    try {
      expect((await get(`/staff/photos/${photoId}`, auth.ownToken)).status).toBe(404);
    } finally {
      await aduan.photoStorage.put(storageKey, storedBytes, 'image/jpeg');
    }
    expect((await get(`/staff/photos/${photoId}`, auth.ownToken)).status).toBe(200);
  });
});
