// The example end to end, in one process: a real Aduan (startService, in-memory PGlite,
// the Kupang demo), the work-orders subgraph, the demo's reports and work orders, a
// supergraph composed from both subgraphs' SDL, and the gateway runtime with the same
// subgraph settings as gateway.config.ts. Requests reach the gateway through its
// fetch (no socket); the gateway reaches the subgraphs over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../packages/api/dist/staff/index.js';
import { subgraphTraffic } from '../gateway.config.js';
import { aduanGraphqlUrl, startAduan, type RunningAduan } from '../src/aduan.js';
import { ADUAN_SUBGRAPH, composeSupergraph, CompositionError, fetchSubgraphSdl, WORK_ORDERS_SUBGRAPH, workOrdersSdl } from '../src/compose.js';
import { loadDemo } from '../src/demo.js';
import { startWorkOrders, type RunningWorkOrders } from '../src/work-orders/server.js';
import { WorkOrderStore, type WorkOrder } from '../src/work-orders/store.js';
import { solveProofOfWork } from '@aduan/client';

const GATEWAY = 'http://gateway.test/graphql';

let aduan: RunningAduan;
let dataDir: string;
let aduanGraphql: string;
let aduanSdl: string;
let workOrders: RunningWorkOrders;
let gateway: GatewayRuntime;
let orders: WorkOrder[];
/** Subscribers Aduan has for report changes right now. */
let listening = 0;

beforeAll(async () => {
  // Its files (contact keys) in a folder of its own, its database in memory.
  dataDir = mkdtempSync(join(tmpdir(), 'aduan-federation-'));
  aduan = await startAduan({ dataDir, embeddedDatabase: 'memory://' });
  aduanGraphql = aduanGraphqlUrl(aduan);
  const subscribe = aduan.changes.subscribeToNotices.bind(aduan.changes);
  aduan.changes.subscribeToNotices = (listener) => {
    listening++;
    const off = subscribe(listener);
    return () => {
      listening--;
      off();
    };
  };

  const store = new WorkOrderStore();
  workOrders = await startWorkOrders(store);
  orders = await loadDemo(aduanGraphql, store, new Date('2026-11-19T03:00:00Z'));

  aduanSdl = await fetchSubgraphSdl(aduanGraphql);
  const supergraph = composeSupergraph([
    { name: ADUAN_SUBGRAPH, url: aduanGraphql, sdl: aduanSdl },
    { name: WORK_ORDERS_SUBGRAPH, url: workOrders.url, sdl: workOrdersSdl() },
  ]);
  gateway = createGatewayRuntime({ supergraph, ...subgraphTraffic, logging: false });
});

afterAll(async () => {
  await gateway?.dispose();
  await workOrders?.close();
  await aduan?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await gateway.fetch(GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** A solved anti-spam challenge, asked for through the gateway, as a resident's browser would solve it. */
async function proof(): Promise<string | undefined> {
  const { data } = await gql(`{ proofOfWorkChallenge { challenge } }`, {});
  return data?.proofOfWorkChallenge ? solveProofOfWork(data.proofOfWorkChallenge.challenge) : undefined;
}

/** Another report, filed through the gateway, with no work order. */
async function fileReport(description: string): Promise<string> {
  const { data, errors } = await gql(
    `mutation($input: SubmitReportInput!) { submitReport(input: $input) { ... on ReportSubmitted { report { trackingCode } } } }`,
    { input: { site: 'demo', category: 'lampu-jalan-mati', description, jurisdictionCode: '53.71.04.1001', proofOfWork: await proof() } },
  );
  expect(errors).toBeUndefined();
  return data.submitReport.report.trackingCode;
}

describe('composition', () => {
  it('composes Aduan’s subgraph with the work-orders subgraph with no errors', () => {
    const supergraph = composeSupergraph([
      { name: ADUAN_SUBGRAPH, url: aduanGraphql, sdl: aduanSdl },
      { name: WORK_ORDERS_SUBGRAPH, url: workOrders.url, sdl: workOrdersSdl() },
    ]);
    expect(supergraph).toContain('workOrder: WorkOrder @join__field(graph: WORK_ORDERS)');
    expect(supergraph).toMatch(
      /type PublicReport @join__type\(graph: ADUAN, key: "trackingCode"\) @join__type\(graph: WORK_ORDERS, key: "trackingCode", extension: true\)/,
    );
  });

  it('refuses subgraphs that disagree, with the composer’s errors', () => {
    const clash =
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])\n' +
      'type PublicReport @key(fields: "trackingCode") { trackingCode: Int! }';
    let error: unknown;
    try {
      composeSupergraph([
        { name: ADUAN_SUBGRAPH, url: aduanGraphql, sdl: aduanSdl },
        { name: 'clash', url: 'http://127.0.0.1:9/graphql', sdl: clash },
      ]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CompositionError);
    expect((error as CompositionError).errors.length).toBeGreaterThan(0);
    expect((error as CompositionError).message).toMatch(/trackingCode/);
  });
});

describe('the demo', () => {
  it('finds the same reports when it is loaded again, so restarts keep the tracking codes', async () => {
    const again = await loadDemo(aduanGraphql, new WorkOrderStore(), new Date('2026-11-19T03:00:00Z'));
    expect(again.map((order) => order.trackingCode)).toEqual(orders.map((order) => order.trackingCode));
    expect(orders.map((order) => order.agencySlug)).toEqual(['dinas-pupr', 'upt-kebersihan-oebobo', 'pdam-tirta-kupang']);
  });
});

describe('the work-orders subgraph', () => {
  it('resolves PublicReport entities by tracking code, null for a code it has no work order for', async () => {
    const response = await fetch(workOrders.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on PublicReport { trackingCode workOrder { crew scheduledFor state agency { slug } } }
          }
        }`,
        variables: {
          representations: [
            { __typename: 'PublicReport', trackingCode: orders[0]!.trackingCode },
            { __typename: 'PublicReport', trackingCode: 'KPG-00000-00000' },
          ],
        },
      }),
    });
    expect(await response.json()).toEqual({
      data: {
        _entities: [
          {
            trackingCode: orders[0]!.trackingCode,
            workOrder: {
              crew: 'Regu Tambal Jalan 2',
              scheduledFor: '2026-11-20T00:00:00.000Z',
              state: 'SCHEDULED',
              agency: { slug: 'dinas-pupr' },
            },
          },
          null,
        ],
      },
    });
  });
});

describe('the gateway', () => {
  it('answers a report’s status, agency and work order in one request', async () => {
    const { data, errors } = await gql(
      `query($code: String!) {
        reportStatus(trackingCode: $code) {
          trackingCode status category { code } agency { slug name }
          workOrder { crew scheduledFor state agency { slug shortName } }
        }
      }`,
      { code: orders[1]!.trackingCode.toLowerCase() },
    );
    expect(errors).toBeUndefined();
    expect(data.reportStatus).toEqual({
      trackingCode: orders[1]!.trackingCode,
      status: 'RECEIVED',
      category: { code: 'sampah' },
      agency: { slug: 'upt-kebersihan-oebobo', name: 'UPT Kebersihan Kecamatan Oebobo' },
      workOrder: {
        crew: 'Truk Sampah Oebobo 3',
        scheduledFor: '2026-11-19T00:00:00.000Z',
        state: 'IN_PROGRESS',
        // Aduan answers the agency's own fields: the work-orders subgraph only knows its slug.
        agency: { slug: 'upt-kebersihan-oebobo', shortName: 'UPT Kebersihan Oebobo' },
      },
    });
  });

  it('answers workOrder: null for a report with no work order', async () => {
    const code = await fileReport('Lampu jalan mati di depan kantor lurah.');
    const { data, errors } = await gql(`query($code: String!) { reportStatus(trackingCode: $code) { status workOrder { crew } } }`, { code });
    expect(errors).toBeUndefined();
    expect(data.reportStatus).toEqual({ status: 'RECEIVED', workOrder: null });
  });

  it('passes every MUST of the GraphQL-over-HTTP audit', async () => {
    const results = await Promise.all(
      serverAudits({ url: GATEWAY, fetchFn: gateway.fetch }).map(async (audit) => ({ name: audit.name, result: await audit.fn() })),
    );
    const musts = results.filter((r) => r.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThan(10);
    const failed = musts.filter((r) => r.result.status !== 'ok').map((r) => `${r.name}: ${'reason' in r.result ? r.result.reason : ''}`);
    expect(failed).toEqual([]);
  });

  it('forwards Authorization to Aduan for staff fields, which refuse a request without it', async () => {
    const order = orders[2]!;
    const { token } = await createApiToken(aduan.database.prisma, { agency: order.agencySlug, role: 'STAFF', name: 'federation example' });
    const query = `query($code: String!) { report(trackingCode: $code) { trackingCode description } }`;

    const signedIn = await gql(query, { code: order.trackingCode }, { authorization: `Bearer ${token}` });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data.report).toEqual({ trackingCode: order.trackingCode, description: expect.stringContaining('Pipa PDAM bocor') });

    const anonymous = await gql(query, { code: order.trackingCode });
    expect(anonymous.data?.report ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('forwards the page’s Origin, so a site’s allowed origins still apply to submissions', async () => {
    const submit = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename ... on InvalidInput { code } } }`;
    const input = { site: 'demo', category: 'sampah', description: 'Sampah menumpuk di pasar.', jurisdictionCode: '53.71.04.1001' };
    expect((await gql(submit, { input }, { origin: 'https://elsewhere.example' })).data.submitReport).toEqual({
      __typename: 'InvalidInput',
      code: 'ORIGIN_NOT_ALLOWED',
    });
    const allowed = { ...input, proofOfWork: await proof() };
    expect((await gql(submit, { input: allowed }, { origin: 'http://localhost:8080' })).data.submitReport.__typename).toBe('ReportSubmitted');
  });

  it('passes a subscription through to Aduan and delivers a change another request makes', async () => {
    const order = orders[0]!;
    const { token } = await createApiToken(aduan.database.prisma, { agency: order.agencySlug, role: 'STAFF', name: 'federation example live' });
    const before = listening;
    const stream = await gateway.fetch(GATEWAY, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: `subscription($code: String!) {
          reportStatusChanged(trackingCode: $code) { trackingCode status timeline { note } workOrder { crew } }
        }`,
        variables: { code: order.trackingCode },
      }),
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = sseEvents(stream);
    try {
      // Aduan sends nothing on subscribing: wait until the gateway's upstream subscription is listening.
      await until(() => listening > before);
      const update = await gql(
        `mutation($input: UpdateReportStatusInput!) { updateReportStatus(input: $input) { __typename } }`,
        { input: { trackingCode: order.trackingCode, status: 'ACKNOWLEDGED', publicNote: 'Regu dijadwalkan besok pagi.' } },
        { authorization: `Bearer ${token}` },
      );
      expect(update).toEqual({ data: { updateReportStatus: { __typename: 'ReportUpdated' } } });

      const event = await events.next();
      expect(event).toEqual({
        data: {
          reportStatusChanged: {
            trackingCode: order.trackingCode,
            status: 'ACKNOWLEDGED',
            timeline: [{ note: null }, { note: 'Regu dijadwalkan besok pagi.' }],
            // Each event is completed with the work-orders subgraph's fields by the gateway.
            workOrder: { crew: 'Regu Tambal Jalan 2' },
          },
        },
      });
    } finally {
      await events.cancel();
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The `next` events' payloads of a GraphQL-over-SSE response, one at a time. */
function sseEvents(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(timeoutMs = 5_000): Promise<unknown> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const event =
            lines
              .find((line) => line.startsWith('event:'))
              ?.slice(6)
              .trim() ?? 'message';
          const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart());
          if (data.length === 0 || event === 'complete') continue; // keep-alives and the end
          return JSON.parse(data.join('\n'));
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event in time');
        const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event in time')), left))]);
        if (chunk.done) throw new Error('the stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}
