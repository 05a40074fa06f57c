import { describe, expect, it } from 'vitest';
import { createAduanClient } from '../src/client.js';
import { createUrqlAduanClient } from '../src/urql.js';
import { AduanGraphQLError, AduanNetworkError } from '../src/errors.js';

function recorder(response: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(response), { headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof globalThis.fetch;
  return { calls, fetch };
}

describe.each([
  ['createAduanClient (fetch)', createAduanClient],
  ['createUrqlAduanClient', createUrqlAduanClient],
])('%s', (_, createAduanClient) => {
  it('POSTs typed queries as JSON and unwraps the data', async () => {
    const { calls, fetch } = recorder({ data: { categories: [{ code: 'pothole', name: 'Jalan rusak' }] } });
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    const categories = await client.categories('demo', 'EN');
    expect(categories[0]?.code).toBe('pothole');
    expect(calls[0]?.url).toBe('https://aduan.test/graphql');
    expect(calls[0]?.init.method).toBe('POST');
    const body = JSON.parse(String(calls[0]?.init.body));
    expect(body.variables).toEqual({ site: 'demo', locale: 'EN' });
    expect(body.query).toContain('categories(site: $site, locale: $locale)');
  });

  it('throws AduanNetworkError when fetch fails', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    await expect(client.submitReport({ site: 'demo', category: 'x', description: 'hello' })).rejects.toBeInstanceOf(AduanNetworkError);
  });

  it('throws AduanGraphQLError on GraphQL errors', async () => {
    const { fetch } = recorder({ errors: [{ message: 'Cannot query field "site"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    await expect(client.site('demo')).rejects.toBeInstanceOf(AduanGraphQLError);
  });
});

describe('createAduanClient with a non-GraphQL answer', () => {
  it('treats an HTML error page as a network error (retryable)', async () => {
    const fetch = (async () => new Response('<h1>502 Bad Gateway</h1>', { status: 502 })) as unknown as typeof globalThis.fetch;
    const client = createAduanClient({ url: 'https://aduan.test/graphql', fetch });
    await expect(client.reportStatus('ABC')).rejects.toBeInstanceOf(AduanNetworkError);
  });
});
