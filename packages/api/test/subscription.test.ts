// Live status: reportStatusChanged over real GraphQL-over-SSE (Yoga's built-in), the way
// the widget's EventSource asks for it (GET, Accept: text/event-stream), delivering a
// change that another request made through the staff workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportChanges } from '../src/events/report-changes.js';
import { createGraphQLHandler, type AduanYoga } from '../src/server/graphql.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, ORIGIN, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { sseReader } from './support/sse.js';

const SUBSCRIPTION = /* GraphQL */ `
  subscription Live($trackingCode: String!) {
    reportStatusChanged(trackingCode: $trackingCode) { trackingCode status overdue timeline { status note } }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateReportStatusInput!) {
    updateReportStatus(input: $input) { __typename ... on InvalidInput { code message } }
  }
`;

describe.each(databaseKinds)('reportStatusChanged on %s', (kind) => {
  let aduan: TestAduan;
  let yoga: AduanYoga;
  const changes = new ReportChanges();
  let listeners = 0;
  let staff: Record<string, string>;

  beforeAll(async () => {
    aduan = await createTestAduan(kind);
    const prisma = aduan.test.database.prisma;
    // A handler of our own on the same database, to see when a subscriber is listening.
    const subscribe = changes.subscribeToNotices.bind(changes);
    changes.subscribeToNotices = (listener) => {
      listeners++;
      const off = subscribe(listener);
      return () => {
        listeners--;
        return off();
      };
    };
    yoga = createGraphQLHandler({ prisma, catalog: aduan.catalog, changes });
    const { token } = await createApiToken(prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'live-test' });
    staff = { authorization: `Bearer ${token}` };
  }, 60_000);
  afterAll(async () => {
    await yoga?.dispose();
    await aduan?.close();
  });

  async function gql(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await yoga.fetch('http://aduan.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  }

  /** The key the server gave each reporter, to act as them. */
  const residentKeys = new Map<string, string>();

  async function submit(): Promise<string> {
    const input = {
      site: 'demo',
      category: 'jalan-rusak',
      description: 'Jalan berlubang besar',
      location: KUPANG.oebobo,
      reporter: { email: 'maria@example.org' },
    };
    const result = await gql(SUBMIT, { input });
    expect(result.data?.submitReport.__typename).toBe('ReportSubmitted');
    residentKeys.set(result.data!.submitReport.report.trackingCode, result.data!.submitReport.residentKey);
    return result.data!.submitReport.report.trackingCode;
  }

  /** Opens the stream as an EventSource would: GET with the operation in the query string. */
  async function subscribe(trackingCode: string) {
    const url = new URL('http://aduan.test/graphql');
    url.searchParams.set('query', SUBSCRIPTION);
    url.searchParams.set('variables', JSON.stringify({ trackingCode }));
    const response = await yoga.fetch(url, { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    return sseReader(response);
  }

  async function until(check: () => boolean) {
    const deadline = Date.now() + 5_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('delivers a status change made by another request, and only for its report', async () => {
    const watched = await submit();
    const other = await submit();
    const before = listeners;
    // Residents type codes loosely: lower case without the hyphen still finds it.
    const stream = await subscribe(watched.toLowerCase().replace(/-/g, ' '));
    // The body is pulled lazily: start reading so the subscription starts.
    const first = stream.next(10_000);
    await until(() => listeners === before + 1);

    // A change to another report first: it must not reach this subscriber.
    expect((await gql(UPDATE, { input: { trackingCode: other, status: 'ACKNOWLEDGED', publicNote: 'Lain' } }, staff)).data?.updateReportStatus.__typename).toBe(
      'ReportUpdated',
    );
    const update = await gql(
      UPDATE,
      { input: { trackingCode: watched, status: 'ACKNOWLEDGED', publicNote: 'Petugas akan datang besok.', internalNote: 'rahasia' } },
      staff,
    );
    expect(update.data?.updateReportStatus.__typename).toBe('ReportUpdated');

    const event = await first;
    expect(event?.event).toBe('next');
    expect(event?.data.errors).toBeUndefined();
    const live = event!.data.data.reportStatusChanged;
    expect(live.trackingCode).toBe(watched);
    expect(live.status).toBe('ACKNOWLEDGED');
    expect(live.timeline.at(-1)).toEqual({ status: 'ACKNOWLEDGED', note: 'Petugas akan datang besok.' });
    expect(JSON.stringify(event)).not.toContain('rahasia');

    // And the next one too.
    await gql(UPDATE, { input: { trackingCode: watched, status: 'IN_PROGRESS', publicNote: 'Sedang dikerjakan.' } }, staff);
    const second = await stream.next();
    expect(second!.data.data.reportStatusChanged).toMatchObject({ trackingCode: watched, status: 'IN_PROGRESS' });
    expect(second!.data.data.reportStatusChanged.timeline.at(-1).note).toBe('Sedang dikerjakan.');

    // The client goes away: the listener is removed from the bus.
    await stream.cancel();
    await until(() => listeners === before);
  });

  it('a resident’s own change (reopen/confirm) reaches the stream too, as a POST subscription', async () => {
    const code = await submit();
    const before = listeners;
    const response = await yoga.fetch('http://aduan.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { trackingCode: code } }),
    });
    const stream = sseReader(response);
    let pending = stream.next(10_000);
    await until(() => listeners === before + 1);
    for (const status of ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED']) {
      await gql(UPDATE, { input: { trackingCode: code, status } }, staff);
      expect((await pending)!.data.data.reportStatusChanged.status).toBe(status);
      pending = stream.next();
    }
    await gql(`mutation($c: String!, $k: String!) { confirmResolved(trackingCode: $c, residentKey: $k) { __typename } }`, {
      c: code,
      k: residentKeys.get(code),
    });
    expect((await pending)!.data.data.reportStatusChanged.status).toBe('CLOSED');
    await stream.cancel();
    await until(() => listeners === before);
  });

  it('sends nothing for an assignment, which is internal', async () => {
    const code = await submit();
    const prisma = aduan.test.database.prisma;
    const supervisor = { authorization: `Bearer ${(await createApiToken(prisma, { agency: 'dinas-pupr', role: 'SUPERVISOR', name: 'live-sup' })).token}` };
    await prisma.staffAccount.create({
      data: { email: 'budi@pupr.test', name: 'Budi', role: 'STAFF', passwordHash: 'x', agency: { connect: { slug: 'dinas-pupr' } } },
    });
    const before = listeners;
    const stream = await subscribe(code);
    const first = stream.next(10_000);
    await until(() => listeners === before + 1);
    const assigned = await gql('mutation($c: String!) { assignReport(trackingCode: $c, assignee: "budi@pupr.test") { __typename } }', { c: code }, supervisor);
    expect(assigned.data?.assignReport.__typename).toBe('ReportUpdated');
    await gql(UPDATE, { input: { trackingCode: code, status: 'ACKNOWLEDGED' } }, staff);
    // The first event is the status change: the assignment before it was not sent.
    const event = await first;
    expect(event!.data.data.reportStatusChanged.status).toBe('ACKNOWLEDGED');
    expect(JSON.stringify(event)).not.toMatch(/budi/i);
    await stream.cancel();
    await until(() => listeners === before);
  });

  it('an unknown code is one error event, then the stream completes', async () => {
    const before = listeners;
    const stream = await subscribe('ADU-ZZZZ-ZZZZ');
    const event = await stream.next();
    expect(event?.event).toBe('next');
    expect(event?.data.errors[0].extensions.code).toBe('UNKNOWN_REPORT');
    expect((await stream.next())?.event).toBe('complete');
    expect(listeners).toBe(before);
  });
});
