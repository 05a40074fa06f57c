// Persisted-operations mode: without a staff sign-in, only the documents of Aduan's own
// clients run (sent whole or as their hash); staff and agency tokens are not limited; a
// forged credential does not get around it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CategoriesDocument, LoginDocument, SubmitReportDocument } from '@aduan/client';
import { PersistedOperations } from '../src/abuse/persisted-operations.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, type TestAduan } from './support/aduan.js';

describe('persisted-operations mode', () => {
  let aduan: TestAduan;
  beforeAll(async () => {
    aduan = await createTestAduan('pglite', { graphql: { persistedOperations: new PersistedOperations() } });
  });
  afterAll(() => aduan?.close());

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await aduan.yoga.fetch('http://aduan.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5173', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  };

  it('runs the operations the widget and the console sign-in send, whole or by hash', async () => {
    const whole = await post({ query: CategoriesDocument, variables: { site: 'demo' } });
    expect(whole.body.errors).toBeUndefined();
    expect(whole.body.data.categories.length).toBeGreaterThan(5);
    const hash = createHash('sha256').update(CategoriesDocument).digest('hex');
    const byHash = await post({ variables: { site: 'demo' }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(byHash.body.data).toEqual(whole.body.data);
    const login = await post({ query: LoginDocument, variables: { email: 'nobody@kupang.go.id', password: 'salah-sekali' } });
    expect(login.body.data.login.__typename).toBe('InvalidInput');
  });

  it('refuses any other document without a sign-in, writing nothing, and says why', async () => {
    const before = await aduan.counts();
    const changed = SubmitReportDocument.replace('__typename', '__typename __typename');
    const refused = await post({
      query: changed,
      variables: { input: { site: 'demo', category: 'sampah', description: 'Sampah di pinggir jalan', location: KUPANG.oebobo } },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_OPERATION_REQUIRED');
    expect(await aduan.counts()).toEqual(before);
    expect((await post({ query: '{ __schema { types { name } } }' })).status).toBe(403);
    const unknownHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect(unknownHash.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // A made-up session cookie is no sign-in.
    const forged = await post({ query: '{ __typename }' }, { cookie: 'aduan_session=made-up', 'x-aduan-csrf': '1' });
    expect(forged.status).toBe(403);
  });

  it('lets a signed-in agency token ask what it likes', async () => {
    const { token } = await createApiToken(aduan.test.database.prisma, { agency: 'dlhk', role: 'STAFF', name: 'persisted-test' });
    const free = await post({ query: '{ me { email } inbox(first: 1) { edges { node { trackingCode } } } }' }, { authorization: `Bearer ${token}` });
    expect(free.body.errors).toBeUndefined();
    expect(free.status).toBe(200);
  });
});
