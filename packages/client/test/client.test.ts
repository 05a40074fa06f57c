import { describe, expect, it } from 'vitest';
import { categories as categoriesOf, createAduanClient, reportStatusStreamUrl, site, supportReport } from '../src/client.js';
import { CategoriesDocument, FormStartDocument, ReportStatusChangedDocument, SimilarReportsDocument } from '../src/operations.js';
import { createUrqlAduanClient } from '../src/urql.js';
import { AduanGraphQLError, AduanNetworkError, isNetworkError } from '../src/errors.js';

function recorder(response: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(response), { headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

const createAduanClientByFetch = createAduanClient;

describe.each([
  ['createAduanClient (fetch)', createAduanClient],
  ['createUrqlAduanClient', createUrqlAduanClient],
])('%s', (_, createAduanClient) => {
  it('POSTs typed queries as JSON and unwraps the data', async () => {
    const { calls, fetch } = recorder({ data: { categories: [{ code: 'pothole', name: 'Jalan rusak' }] } });
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    const categories = await categoriesOf(client, 'demo', 'EN');
    expect(categories[0]?.code).toBe('pothole');
    expect(calls[0]?.url).toBe('https://aduan.test/graphql');
    expect(calls[0]?.init.method).toBe('POST');
    const body = JSON.parse(String(calls[0]?.init.body));
    expect(body.variables).toEqual({ site: 'demo', locale: 'EN' });
    // Word for word as generated (a server in persisted-operations mode knows only that text).
    expect(body.query).toBe(CategoriesDocument);
  });

  it('asks for a status by GET, so a status page needs no CORS preflight either', async () => {
    const { calls, fetch } = recorder({ data: { reportStatus: null } });
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    expect(await client.reportStatus('KPG-AAAAA-AAAAA')).toBeNull();
    if (createAduanClient === createAduanClientByFetch) {
      expect(calls[0]?.init.method).toBe('GET');
      expect(JSON.parse(new URL(calls[0]!.url).searchParams.get('variables')!)).toEqual({ trackingCode: 'KPG-AAAAA-AAAAA' });
    } else expect(JSON.parse(String(calls[0]?.init.body)).variables).toEqual({ trackingCode: 'KPG-AAAAA-AAAAA' });
  });

  it('starts a form with one read: the catalogue, the site and its areas', async () => {
    const answer = { categories: [{ code: 'pothole', name: 'Pothole' }], site: { key: 'demo', kelurahan: [{ code: '53.71.04.1001' }], kecamatan: [] } };
    const { calls, fetch } = recorder({ data: answer });
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    expect(await client.formStart('demo', 'EN', '53.71.04')).toEqual(answer);
    expect(calls).toHaveLength(1);
    const sent = calls[0]!;
    if (createAduanClient === createAduanClientByFetch) {
      // A GET with no header but Accept: a simple request, which a browser sends without a CORS preflight.
      expect(sent.init.method).toBe('GET');
      expect(Object.keys(sent.init.headers as Record<string, string>)).toEqual(['accept']);
      expect(sent.init.body).toBeUndefined();
      const url = new URL(sent.url);
      expect(`${url.origin}${url.pathname}`).toBe('https://aduan.test/graphql');
      expect(url.searchParams.get('query')).toBe(FormStartDocument);
      expect(JSON.parse(url.searchParams.get('variables')!)).toEqual({ site: 'demo', locale: 'EN', within: '53.71.04' });
    } else {
      expect(JSON.parse(String(sent.init.body)).variables).toEqual({ site: 'demo', locale: 'EN', within: '53.71.04' });
    }
  });

  it('asks for similar reports and supports one', async () => {
    const nearby = {
      handle: 'opaque-handle',
      category: 'pothole',
      status: 'RECEIVED',
      ageDays: 2,
      distance: 'UNDER_100_M',
      supporters: 1,
      area: { code: '53.71.04.1001', name: 'Oebobo', displayName: 'Kelurahan Oebobo' },
    };
    const similar = recorder({ data: { similarReports: [nearby] } });
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch: similar.fetch });
    expect(await client.similarReports('pothole', { lat: -10.1, lng: 123.6 }, null, 'EN')).toEqual([nearby]);
    const body = JSON.parse(String(similar.calls[0]?.init.body));
    expect(body.variables).toEqual({ category: 'pothole', location: { lat: -10.1, lng: 123.6 }, radiusMeters: null, locale: 'EN' });
    expect(body.query).toBe(SimilarReportsDocument);

    const supported = { __typename: 'ReportSupported', supporters: 2, replayed: false, report: { trackingCode: 'ADU-K7QX-4M2P' } };
    const support = recorder({ data: { supportReport: supported } });
    const client2 = createAduanClient({ url: 'https://aduan.test/graphql', fetch: support.fetch });
    expect(await supportReport(client2, 'opaque-handle', 'key-12345678')).toEqual(supported);
    expect(JSON.parse(String(support.calls[0]?.init.body)).variables).toEqual({ handle: 'opaque-handle', idempotencyKey: 'key-12345678' });
  });

  it('asks for a proof-of-work challenge first and sends the solution with the report', async () => {
    const answers = [
      { data: { proofOfWorkChallenge: { challenge: '{"parameters":{"nonce":"00"}}' } } },
      { data: { submitReport: { __typename: 'ReportSubmitted', replayed: false, report: { trackingCode: 'KPG-1' } } } },
    ];
    const bodies: { query: string; variables: { input?: Record<string, unknown> } }[] = [];
    const fetch = (async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return new Response(JSON.stringify(answers.shift()), { headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    const solved: string[] = [];
    const client = createAduanClient({
      url: 'https://aduan.test/graphql',
      fetch,
      solveProofOfWork: async (c) => {
        solved.push(c);
        return 'U09MVkVE';
      },
    });
    const result = await client.submitReport({ site: 'demo', category: 'x', description: 'hello' });
    expect(result.__typename).toBe('ReportSubmitted');
    expect(bodies[0]?.query).toContain('proofOfWorkChallenge');
    expect(solved).toEqual(['{"parameters":{"nonce":"00"}}']);
    expect(bodies[1]?.variables.input).toMatchObject({ site: 'demo', proofOfWork: 'U09MVkVE' });
  });

  it('tries once more with a fresh challenge when the server refuses the proof, not the report', async () => {
    const refusedProof = { data: { submitReport: { __typename: 'InvalidInput', code: 'PROOF_OF_WORK_INVALID', message: 'lapsed', fields: [] } } };
    const challenge = (n: number) => ({ data: { proofOfWorkChallenge: { challenge: `c${n}` } } });
    const submitted = { data: { submitReport: { __typename: 'ReportSubmitted', replayed: false, report: { trackingCode: 'KPG-2' } } } };
    const answers = [challenge(1), refusedProof, challenge(2), submitted];
    const fetch = (async () =>
      new Response(JSON.stringify(answers.shift()), { headers: { 'content-type': 'application/json' } })) as unknown as typeof globalThis.fetch;
    const solved: string[] = [];
    const client = createAduanClient({
      url: 'https://aduan.test/graphql',
      fetch,
      solveProofOfWork: async (c) => {
        solved.push(c);
        return `proof-of-${c}`;
      },
    });
    expect((await client.submitReport({ site: 'demo', category: 'x', description: 'hello' })).__typename).toBe('ReportSubmitted');
    expect(solved).toEqual(['c1', 'c2']);
    // Any other refusal is the answer: no second try.
    const other = [challenge(3), { data: { submitReport: { __typename: 'InvalidInput', code: 'VALIDATION_FAILED', message: 'x', fields: [] } } }];
    const once = createAduanClient({
      url: 'https://aduan.test/graphql',
      fetch: (async () =>
        new Response(JSON.stringify(other.shift()), { headers: { 'content-type': 'application/json' } })) as unknown as typeof globalThis.fetch,
      solveProofOfWork: async () => 'p',
    });
    expect(await once.submitReport({ site: 'demo', category: 'x', description: 'hello' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(other).toEqual([]);
  });

  it('throws AduanNetworkError when fetch fails', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    await expect(client.submitReport({ site: 'demo', category: 'x', description: 'hello' })).rejects.toMatchObject({
      name: 'AduanNetworkError',
      reason: 'offline',
    });
  });

  it.each([
    ['DATABASE_UNAVAILABLE', 'busy'],
    ['SERVICE_UNAVAILABLE', 'busy'],
    ['RATE_LIMITED', 'busy'],
    ['INTERNAL_SERVER_ERROR', 'server'],
  ])('treats %s as "try later" (a network error, %s), so reports are kept', async (code, reason) => {
    const { fetch } = recorder({ errors: [{ message: 'Not now', extensions: { code } }] });
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    const error = await client.submitReport({ site: 'demo', category: 'x', description: 'hello' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AduanNetworkError);
    expect((error as AduanNetworkError).reason).toBe(reason);
  });

  it('throws AduanGraphQLError on GraphQL errors', async () => {
    const { fetch } = recorder({ errors: [{ message: 'Cannot query field "site"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    await expect(site(client, 'demo')).rejects.toBeInstanceOf(AduanGraphQLError);
  });
});

describe('createAduanClient with a non-GraphQL answer', () => {
  it.each([
    [502, 'server'],
    [500, 'server'],
    [503, 'busy'],
    [429, 'busy'],
  ])('treats an HTML error page (HTTP %i) as a network error (retryable, %s)', async (status, reason) => {
    const fetch = (async () => new Response('<h1>Error</h1>', { status })) as unknown as typeof globalThis.fetch;
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    await expect(client.reportStatus('ABC')).rejects.toMatchObject({ name: 'AduanNetworkError', reason });
  });
});

describe('isNetworkError', () => {
  it('knows an AduanNetworkError made by another copy of this package (a widget chunk’s) as retryable', () => {
    const fromAnotherCopy = Object.assign(new Error('Failed to fetch'), { name: 'AduanNetworkError', reason: 'offline' });
    expect(isNetworkError(fromAnotherCopy)).toBe(true);
    expect(isNetworkError(new AduanGraphQLError('Cannot query field'))).toBe(false);
    expect(isNetworkError(new TypeError('Failed to fetch'))).toBe(true);
  });
});

describe('reportStatusStreamUrl', () => {
  it('puts the subscription and its variables in a GET URL for EventSource', () => {
    const url = new URL(reportStatusStreamUrl('https://aduan.test/graphql', 'ADU-K7QX-4M2P'));
    expect(url.origin + url.pathname).toBe('https://aduan.test/graphql');
    expect(url.searchParams.get('query')).toBe(ReportStatusChangedDocument);
    expect(JSON.parse(url.searchParams.get('variables')!)).toEqual({ trackingCode: 'ADU-K7QX-4M2P' });
  });
});
