// Two cities federated through Open311 GeoReport v2: city A forwards a report to
// city B's Open311 server through an `open311` channel (an Open311 key B made for A as api_key,
// from the environment), then polls B and puts B's public notes and its closing on
// A's timeline. City B is a real `aduan serve` on PostgreSQL; city A runs in
// process on PGlite and PostgreSQL with a controllable clock.
import { openDatabase } from '../src/db/database.js';
import { createOpen311Key } from '../src/open311/keys.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChannel, parseChannelSpec, pollOpen311, runDeliveries } from '../src/delivery/index.js';
import { startService, type RunningService } from '../src/service.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { createEmptyPostgresDatabase, databaseKinds } from './support/databases.js';
import { environment } from '../src/environment.js';

describe.each(databaseKinds)('Open311 federation from a city on %s', (kind) => {
  let cityA: TestAduan;
  let cityB: RunningService;
  let databaseB: { url: string; drop(): Promise<void> };
  let dataDirB: string;
  let clock = new Date('2026-11-25T01:00:00.000Z');
  const now = () => clock;
  /** City A's worker: B's Open311 key for A (made below), and B on 127.0.0.1 allowed. */
  const env: Record<string, string> = { ADUAN_ALLOW_PRIVATE_TARGETS: '1' };

  beforeAll(async () => {
    databaseB = await createEmptyPostgresDatabase();
    dataDirB = mkdtempSync(join(tmpdir(), 'aduan-city-b-'));
    cityB = await startService(
      environment({ port: 0, host: '127.0.0.1', databaseUrl: databaseB.url, dataDir: dataDirB, demo: true, deliveryWorker: false }),
      () => {},
    );
    // B's operator gives A an Open311 key for B's demo site (B's site key alone would only read).
    const databaseOfB = await openDatabase({ databaseUrl: databaseB.url });
    env['ADUAN_SECRET_CITY_B'] = (await createOpen311Key(databaseOfB.prisma, { site: 'demo', name: 'kota-a' })).key;
    await databaseOfB.close();
    cityA = await createTestAduan(kind, { now });
    const { prisma } = cityA.test.database;
    await prisma.deliveryChannel.deleteMany();
    await addChannel(
      prisma,
      'dinas-pupr',
      parseChannelSpec({
        name: 'kota-b',
        kind: 'open311',
        url: `${cityB.url}/open311/v2/`,
        secretEnv: 'ADUAN_SECRET_CITY_B',
        serviceCodes: { 'jalan-rusak': 'jalan-rusak' },
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await cityA?.close();
    await cityB?.close();
    await databaseB?.drop();
    rmSync(dataDirB, { recursive: true, force: true });
  });

  const worker = () => ({ prisma: cityA.test.database.prisma, publicUrl: 'https://aduan.kota-a.example', mailer: null, env, now });

  async function inCityB(query: string, variables: Record<string, unknown>, authorization: string) {
    const response = await fetch(`${cityB.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  it('forwards the report, then brings B’s notes and its closing back onto A’s timeline', async () => {
    const { prisma } = cityA.test.database;
    const submitted = await cityA.gql(SUBMIT, {
      input: {
        site: 'demo',
        category: 'jalan-rusak',
        description: 'Jalan berlubang di perbatasan kota',
        location: KUPANG.oebobo,
        reporter: { name: 'Yohanes Lado', email: 'yohanes@example.org' },
      },
    });
    const code = submitted.data!.submitReport.report.trackingCode as string;
    expect(await runDeliveries(worker())).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { report: { trackingCode: code } } });
    expect(delivery.remoteId).toBeTruthy();

    // In city B the report exists, routed there, with A's text, reporter and a link back to A's tracking page.
    const remote = await cityB.database.prisma.report.findUniqueOrThrow({ where: { id: delivery.remoteId! } });
    expect(remote.description).toContain('Jalan berlubang di perbatasan kota');
    expect(remote.description).toContain(`https://aduan.kota-a.example/?code=${code}`);
    expect(remote.reporterEmail).toBe('yohanes@example.org');
    const publicB = await (await fetch(`${cityB.url}/open311/v2/requests/${delivery.remoteId}.json`)).json();
    expect(publicB[0]).toMatchObject({ service_request_id: delivery.remoteId, status: 'open' });

    // Nothing new in B: the poll changes nothing in A.
    expect(await pollOpen311({ ledger: cityA.ledger, now, pollEveryMs: 0, env })).toBe(0);

    const admin = `Bearer ${(await createApiToken(cityB.database.prisma, { agency: 'dinas-pupr', role: 'ADMIN', name: 'b-admin' })).token}`;
    const step = (status: string, publicNote?: string) =>
      inCityB(
        `mutation($i: UpdateReportStatusInput!) { updateReportStatus(input: $i) { __typename } }`,
        { i: { trackingCode: remote.trackingCode, status, ...(publicNote ? { publicNote } : {}) } },
        admin,
      );
    expect((await step('ACKNOWLEDGED', 'Tim sudah dijadwalkan ke lokasi')).data.updateReportStatus.__typename).toBe('ReportUpdated');

    clock = new Date(clock.getTime() + 3_600_000);
    expect(await pollOpen311({ ledger: cityA.ledger, now, pollEveryMs: 0, env })).toBe(1);
    let timeline = await prisma.reportEvent.findMany({ where: { report: { trackingCode: code } }, orderBy: { id: 'asc' } });
    expect(timeline.at(-1)).toMatchObject({
      kind: 'PUBLIC_NOTE',
      status: 'RECEIVED',
      publicNote: 'Tim sudah dijadwalkan ke lokasi',
      actor: `channel:${delivery.channelId}`,
    });
    // The same note is not added twice.
    expect(await pollOpen311({ ledger: cityA.ledger, now, pollEveryMs: 0, env })).toBe(0);

    expect((await step('IN_PROGRESS')).data.updateReportStatus.__typename).toBe('ReportUpdated');
    expect((await step('RESOLVED', 'Lubang sudah ditambal')).data.updateReportStatus.__typename).toBe('ReportUpdated');
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await pollOpen311({ ledger: cityA.ledger, now, pollEveryMs: 0, env })).toBe(1);

    const report = await prisma.report.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(report.status).toBe('RESOLVED');
    expect(report.firstRespondedAt).toEqual(new Date('2026-11-25T02:00:00.000Z'));
    expect(report.resolvedAt).toEqual(clock);
    timeline = await prisma.reportEvent.findMany({ where: { report: { trackingCode: code } }, orderBy: { id: 'asc' } });
    expect(timeline.slice(-3).map((e) => [e.kind, e.status, e.publicNote])).toEqual([
      ['STATUS_CHANGED', 'ACKNOWLEDGED', null],
      ['STATUS_CHANGED', 'IN_PROGRESS', null],
      ['STATUS_CHANGED', 'RESOLVED', 'Lubang sudah ditambal'],
    ]);
    // The resident of city A sees it on the public status.
    const status = await cityA.gql(`query($c: String!) { reportStatus(trackingCode: $c) { status timeline { status note } } }`, { c: code });
    expect(status.data!.reportStatus.status).toBe('RESOLVED');
    expect(status.data!.reportStatus.timeline.at(-1)).toEqual({ status: 'RESOLVED', note: 'Lubang sudah ditambal' });
    // Closed in B: A stops asking.
    expect((await prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).remoteClosedAt).toEqual(clock);
    expect(await pollOpen311({ ledger: cityA.ledger, now: () => new Date(clock.getTime() + 86_400_000), pollEveryMs: 0, env })).toBe(0);
  });

  it('a refused api_key is a failed attempt with B’s own error, retried later', async () => {
    const { prisma } = cityA.test.database;
    const submitted = await cityA.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan amblas dekat jembatan', location: KUPANG.oebobo },
    });
    const code = submitted.data!.submitReport.report.trackingCode as string;
    expect(await runDeliveries({ ...worker(), env: { ADUAN_SECRET_CITY_B: 'bukan-kunci', ADUAN_ALLOW_PRIVATE_TARGETS: '1' } })).toEqual({
      delivered: 0,
      retrying: 1,
      dead: 0,
    });
    const delivery = await prisma.delivery.findFirstOrThrow({ where: { report: { trackingCode: code } } });
    expect(delivery.lastError).toMatch(/^The Open311 endpoint answered 403: /);
    expect(delivery.remoteId).toBeNull();
  });
});
