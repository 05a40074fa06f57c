// The GraphQL endpoint as an Apollo Federation v2 subgraph: the SDL a router reads
// (and that it composes), entities by key — batched, as private as `reportStatus`, and
// for the staff `Report` as guarded as the `report` query — federated tracing, and the
// GraphQL-over-HTTP audit over a real socket.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { generateTrackingCode } from '@aduan/core';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHttpServer } from '../src/server/http-server.js';
import { schema } from '../src/schema/index.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const subgraphSdl = readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8');

describe('subgraph.graphql', () => {
  it('composes on its own into a supergraph', () => {
    const result = composeServices([{ name: 'aduan', typeDefs: parse(subgraphSdl), url: 'http://aduan.test/graphql' }]);
    expect(result.errors?.map((error) => error.message) ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('type PublicReport');
  });

  it('composes beside a subgraph that extends PublicReport, refers to Agency and has a Relay PageInfo of its own', () => {
    const workOrders = /* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])
      type PublicReport @key(fields: "trackingCode") { trackingCode: String! workOrder: WorkOrder }
      type Agency @key(fields: "slug", resolvable: false) { slug: String! }
      type WorkOrder { number: String! agency: Agency! status: ReportStatus! }
      enum ReportStatus { RECEIVED ACKNOWLEDGED IN_PROGRESS RESOLVED REJECTED CLOSED }
      type PageInfo @shareable { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
      type WorkOrderConnection { nodes: [WorkOrder!]! pageInfo: PageInfo! }
      type Query { workOrders: WorkOrderConnection! }
    `;
    const result = composeServices([
      { name: 'aduan', typeDefs: parse(subgraphSdl), url: 'http://aduan.test/graphql' },
      { name: 'work-orders', typeDefs: parse(workOrders), url: 'http://work-orders.test/graphql' },
    ]);
    expect(result.errors?.map((error) => error.message) ?? []).toEqual([]);
  });
});

const PUBLIC_FIELDS = /* GraphQL */ `
  fragment Public on PublicReport {
    trackingCode status submittedAt dueAt timeZone overdue
    category { code name }
    agency { slug name shortName }
    area { code name displayName level }
    timeline { at status note }
  }
`;
const ENTITIES = /* GraphQL */ `
  query Entities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ...Public
      ... on Agency { slug name shortName }
      ... on Category { code cityCode name keywords }
      ... on Jurisdiction { code displayName level parentCode timeZone }
      ... on Report { trackingCode description reporter { name } agency { slug } events { kind internalNote } }
    }
  }
  ${PUBLIC_FIELDS}
`;
const STATUS = /* GraphQL */ `
  query Status($code: String!) { reportStatus(trackingCode: $code) { ...Public } }
  ${PUBLIC_FIELDS}
`;
const STAFF_REPORT = /* GraphQL */ `
  query Report($code: String!) { report(trackingCode: $code) { trackingCode } }
`;

describe.each(databaseKinds)('the subgraph on %s', (kind) => {
  let aduan: TestAduan;
  /** SQL statements sent while `measuring` is set. */
  let measuring: string[] | null = null;
  /** 20 reports of dinas-pupr (jalan-rusak), then one of pdam-tirta-kupang (air-mati). */
  const codes: string[] = [];
  let otherAgencyCode: string;
  const token = { own: {} as Record<string, string>, other: {} as Record<string, string> };

  const entities = (representations: unknown[], headers?: Record<string, string>) =>
    aduan.gql<{ _entities: (Record<string, any> | null)[] }>(ENTITIES, { representations }, headers);
  const publicReport = (trackingCode: unknown) => ({ __typename: 'PublicReport', trackingCode });
  const staffReport = (trackingCode: unknown) => ({ __typename: 'Report', trackingCode });

  async function submit(category: string, description: string): Promise<string> {
    const response = await aduan.gql(SUBMIT, { input: { site: 'demo', category, description, jurisdictionCode: '53.71.04.1001' } });
    expect(response.data?.submitReport.__typename, JSON.stringify(response)).toBe('ReportSubmitted');
    return response.data!.submitReport.report.trackingCode as string;
  }

  /** How many SQL statements answering `run` took. */
  async function queriesFor(run: () => Promise<{ errors?: unknown }>): Promise<string[]> {
    measuring = [];
    try {
      const response = await run();
      expect(response.errors).toBeUndefined();
      return measuring;
    } finally {
      measuring = null;
    }
  }

  beforeAll(async () => {
    // The catalogue is not re-checked within the file (its check would count as a query per read).
    aduan = await createTestAduan(kind, { catalogRecheckMs: 600_000, onQuery: (event) => measuring?.push(event.query) });
    const prisma = aduan.test.database.prisma;
    for (let i = 0; i < 20; i++) codes.push(await submit('jalan-rusak', `Jalan berlubang di depan rumah nomor ${i + 1}`));
    otherAgencyCode = await submit('air-mati', 'Air tidak mengalir sejak kemarin');
    token.own = { authorization: `Bearer ${(await createApiToken(prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'router' })).token}` };
    token.other = { authorization: `Bearer ${(await createApiToken(prisma, { agency: 'pdam-tirta-kupang', role: 'STAFF', name: 'router' })).token}` };
    const NOTE = 'mutation ($input: AddReportNoteInput!) { addReportNote(input: $input) { __typename } }';
    for (const note of [{ internalNote: 'Pelapor tetangga kepala dinas' }, { publicNote: 'Tim sedang menuju lokasi' }]) {
      const added = await aduan.gql(NOTE, { input: { trackingCode: codes[0], ...note } }, token.own);
      expect(added.data?.addReportNote.__typename).toBe('ReportUpdated');
    }
  }, 120_000);
  afterAll(async () => {
    await aduan?.close();
  });

  it('answers _service with the SDL of subgraph.graphql: @link to federation v2.9 and the five keys', async () => {
    const response = await aduan.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    const sdl = response.data!._service.sdl;
    expect(`${sdl}\n`).toBe(subgraphSdl);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])');
    // Each `type Name @directive… {` on one line (the printer puts directives on lines of their own).
    const headers = [...sdl.matchAll(/^type (\w+)([^{]*)\{/gm)].map(([, name, rest]) => `type ${name}${rest!.replace(/\s+/g, ' ')}`.trim());
    expect(headers.filter((header) => header.includes('@key'))).toEqual([
      'type Agency @key(fields: "slug")',
      'type Category @key(fields: "cityCode code") @key(fields: "code")',
      'type Jurisdiction @key(fields: "code")',
      'type PublicReport @key(fields: "trackingCode")',
      'type Report @key(fields: "trackingCode")',
    ]);
    // Only where composition needs it: a PageInfo is what other subgraphs define too.
    expect(headers.filter((header) => header.includes('@shareable'))).toEqual(['type PageInfo @shareable']);
    expect(sdl.match(/@shareable\b/g)).toHaveLength(2); // the import, and PageInfo: no field of its own
  });

  it('refuses more than 100 representations, and a made-up type name, before anything runs and without a stack trace', async () => {
    const logged = vi.spyOn(console, 'error');
    const many = await entities(Array.from({ length: 101 }, (_, i) => publicReport(`KPG-AAAAA-${String(i).padStart(5, 'A')}`)));
    expect(many.status).toBe(400);
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REPRESENTATIONS' });
    expect(many.data ?? null).toBeNull();
    for (const representation of [{ __typename: 'Reportz', trackingCode: codes[0] }, { trackingCode: codes[0] }, null]) {
      const odd = await entities([representation]);
      expect(odd.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_ENTITY_TYPE' });
    }
    // Inline in the document too.
    const inline = await aduan.gql(`{ _entities(representations: [{ __typename: "Nope" }]) { __typename } }`);
    expect(inline.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_ENTITY_TYPE' });
    expect((await entities(Array.from({ length: 100 }, () => publicReport(codes[0]!)))).data!._entities).toHaveLength(100);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });

  it('resolves a PublicReport exactly as reportStatus does, internal notes left out', async () => {
    const status = await aduan.gql(STATUS, { code: codes[0] });
    const entity = await entities([publicReport(codes[0])]);
    expect(entity.errors).toBeUndefined();
    expect(entity.data!._entities).toEqual([{ __typename: 'PublicReport', ...status.data!.reportStatus }]);
    expect(entity.data!._entities[0]!.timeline).toEqual([
      expect.objectContaining({ status: 'RECEIVED', note: null }),
      expect.objectContaining({ status: 'RECEIVED', note: 'Tim sedang menuju lokasi' }),
    ]);
    expect(JSON.stringify(entity.data)).not.toContain('kepala dinas');
    // Forgiven like reportStatus forgives it; answered with the canonical code.
    const typed = await entities([publicReport(codes[0]!.toLowerCase().replaceAll('-', ' '))]);
    expect(typed.data!._entities[0]!.trackingCode).toBe(codes[0]);
  });

  it('resolves unknown keys, and keys that cannot be tracking codes, to null without an error', async () => {
    const response = await entities([
      publicReport(generateTrackingCode('KPG')),
      publicReport('not a tracking code'),
      publicReport('K'.repeat(100)),
      publicReport(42),
      { __typename: 'PublicReport' },
      { __typename: 'Agency', slug: 'dinas-yang-tidak-ada' },
      { __typename: 'Category', code: 'tidak-ada' },
      { __typename: 'Jurisdiction', code: '99.99' },
    ]);
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual(Array(8).fill(null));
  });

  it('resolves Agency, Category and Jurisdiction by key, and a mixed batch in the order asked', async () => {
    const response = await entities([
      { __typename: 'Jurisdiction', code: '53.71.04.1001' },
      publicReport(codes[1]),
      { __typename: 'Agency', slug: 'dinas-pupr' },
      { __typename: 'Category', code: 'jalan-rusak' },
      publicReport(generateTrackingCode('KPG')),
      { __typename: 'Agency', slug: 'pdam-tirta-kupang' },
      // One city's category: the key a router should use, since two cities may share a code.
      { __typename: 'Category', cityCode: '53.71', code: 'sampah' },
      { __typename: 'Category', cityCode: '98.71', code: 'sampah' },
      { __typename: 'Category', cityCode: 53.71, code: 'sampah' },
    ]);
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      { __typename: 'Jurisdiction', code: '53.71.04.1001', displayName: 'Kelurahan Oebobo', level: 4, parentCode: '53.71.04', timeZone: 'Asia/Makassar' },
      expect.objectContaining({ __typename: 'PublicReport', trackingCode: codes[1], agency: expect.objectContaining({ slug: 'dinas-pupr' }) }),
      expect.objectContaining({ __typename: 'Agency', slug: 'dinas-pupr', name: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Kupang' }),
      expect.objectContaining({ __typename: 'Category', code: 'jalan-rusak', name: 'Jalan rusak atau berlubang' }),
      null,
      expect.objectContaining({ __typename: 'Agency', slug: 'pdam-tirta-kupang' }),
      expect.objectContaining({ __typename: 'Category', code: 'sampah', cityCode: '53.71' }),
      null,
      null,
    ]);
  });

  it('reads a batch with a number of queries that does not grow with its size, one lookup per type', async () => {
    const one = await queriesFor(() => entities([publicReport(codes[0])]));
    const twenty = await queriesFor(() => entities(codes.map(publicReport)));
    expect(twenty.length).toBe(one.length);
    expect(twenty.filter((sql) => /"trackingCode" IN \(/.test(sql))).toHaveLength(1);

    const mixed = (n: number) => [
      ...codes.slice(0, n).map(publicReport),
      ...['dinas-pupr', 'pdam-tirta-kupang', 'dlhk', 'dishub'].slice(0, n).map((slug) => ({ __typename: 'Agency', slug })),
      ...['jalan-rusak', 'air-mati', 'sampah', 'pipa-bocor'].slice(0, n).map((code) => ({ __typename: 'Category', code })),
      ...['53.71.04.1001', '53.71.01.1001', '53.71.04', '53.71'].slice(0, n).map((code) => ({ __typename: 'Jurisdiction', code })),
    ];
    const mixedOne = await queriesFor(() => entities(mixed(1)));
    const mixedFour = await queriesFor(() => entities(mixed(4)));
    expect(mixedFour.length).toBe(mixedOne.length);
  });

  it('guards the staff Report like the report query: sign-in first, own agency only, null when unknown', async () => {
    const anonymousQuery = await aduan.gql(STAFF_REPORT, { code: codes[0] });
    for (const code of [codes[0], generateTrackingCode('KPG')]) {
      const anonymous = await entities([staffReport(code)]);
      expect(anonymous.data!._entities).toEqual([null]);
      expect(anonymous.errors).toEqual([expect.objectContaining({ message: anonymousQuery.errors![0]!.message, path: ['_entities', 0] })]);
      expect(anonymous.errors![0]!.extensions).toEqual(anonymousQuery.errors![0]!.extensions);
      expect(anonymous.errors![0]!.extensions?.['code']).toBe('UNAUTHENTICATED');
    }

    const own = await entities([staffReport(codes[0]), staffReport(generateTrackingCode('KPG')), publicReport(codes[0])], token.own);
    expect(own.errors).toBeUndefined();
    expect(own.data!._entities[0]).toEqual({
      __typename: 'Report',
      trackingCode: codes[0],
      description: 'Jalan berlubang di depan rumah nomor 1',
      reporter: null,
      agency: { slug: 'dinas-pupr' },
      events: expect.arrayContaining([{ kind: 'INTERNAL_NOTE', internalNote: 'Pelapor tetangga kepala dinas' }]),
    });
    expect(own.data!._entities.slice(1)).toEqual([null, expect.objectContaining({ __typename: 'PublicReport', trackingCode: codes[0] })]);

    const otherQuery = await aduan.gql(STAFF_REPORT, { code: otherAgencyCode }, token.own);
    const other = await entities([staffReport(otherAgencyCode), staffReport(codes[1])], token.own);
    expect(other.data!._entities).toEqual([null, expect.objectContaining({ trackingCode: codes[1] })]);
    expect(other.errors).toEqual([expect.objectContaining({ message: otherQuery.errors![0]!.message, path: ['_entities', 0] })]);
    expect(other.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });
    expect((await entities([staffReport(otherAgencyCode)], token.other)).data!._entities[0]).toMatchObject({ trackingCode: otherAgencyCode });
  });

  it('adds extensions.ftv1 (federated tracing) only when a router asks for it', async () => {
    const ask = async (headers: Record<string, string>) => {
      const response = await aduan.yoga.fetch('http://aduan.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query: ENTITIES, variables: { representations: [publicReport(codes[0])] } }),
      });
      return (await response.json()) as { data?: unknown; extensions?: Record<string, unknown> };
    };
    const resolverBefore = schema.getQueryType()!.getFields()['_entities']!.resolve;
    const traced = await ask({ 'apollo-federation-include-trace': 'ftv1' });
    const plain = await ask({});
    expect(traced.data).toEqual(plain.data);
    // Traces come from a copy of the schema: the resolvers everyone else reaches are never
    // wrapped by the trace plugin (its wrapper would cost every field of every request).
    const entitiesField = schema.getQueryType()!.getFields()['_entities']!;
    expect(entitiesField.resolve).toBe(resolverBefore);
    expect(Object.getOwnPropertySymbols(entitiesField).map((symbol) => symbol.description)).not.toContain('hasWrappedResolve');
    expect(plain).not.toHaveProperty('extensions');
    expect(traced.extensions?.['ftv1']).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    // A protobuf Trace: its nodes name the fields resolved.
    const trace = Buffer.from(traced.extensions!['ftv1'] as string, 'base64').toString('latin1');
    expect(trace).toContain('_entities');
    expect(trace).toContain('timeline');
  });

  describe('over a real socket', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createHttpServer({
        readiness: { check: async () => true },
        graphql: () => aduan.yoga,
        open311: () => aduan.open311,
        staticDirs: { widgetDir: null, demoDir: null },
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
    });

    it('answers _service and _entities as a router asks for them', async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'apollo-federation-include-trace': 'ftv1' },
        body: JSON.stringify({
          query: 'query ($r: [_Any!]!) { _service { sdl } _entities(representations: $r) { ... on Agency { name } } }',
          variables: { r: [{ __typename: 'Agency', slug: 'dinas-pupr' }] },
        }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { _service: { sdl: string }; _entities: unknown[] }; extensions: Record<string, unknown> };
      expect(`${body.data._service.sdl}\n`).toBe(subgraphSdl);
      expect(body.data._entities).toEqual([{ name: 'Dinas Pekerjaan Umum dan Penataan Ruang Kota Kupang' }]);
      expect(typeof body.extensions['ftv1']).toBe('string');
    });

    it.each([
      ['a client', {}],
      ['a router asking for traces', { 'apollo-federation-include-trace': 'ftv1' }],
    ])('passes every MUST of the GraphQL-over-HTTP audit for %s', async (_who, headers: Record<string, string>) => {
      const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
        const merged = new Headers(init.headers);
        for (const [name, value] of Object.entries(headers)) merged.set(name, value);
        return fetch(input, { ...init, headers: merged });
      };
      const results = await Promise.all(serverAudits({ url, fetchFn }).map(async (audit) => ({ name: audit.name, result: await audit.fn() })));
      const musts = results.filter((r) => r.name.startsWith('MUST'));
      expect(musts.length).toBeGreaterThan(10);
      const failed = musts.filter((r) => r.result.status !== 'ok').map((r) => `${r.name}: ${'reason' in r.result ? r.result.reason : ''}`);
      expect(failed).toEqual([]);
    });
  });
});
