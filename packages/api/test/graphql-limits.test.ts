// Documents that ask for too much are refused before anything runs, with an error
// that says which limit; introspection and every operation Aduan's own clients send
// fit inside the limits.
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GRAPHQL_LIMITS } from '../src/abuse/graphql-limits.js';
import { clientOperations } from '../src/abuse/persisted-operations.js';
import { createTestAduan, type TestAduan } from './support/aduan.js';

describe('GraphQL limits', () => {
  let aduan: TestAduan;
  beforeAll(async () => {
    aduan = await createTestAduan('pglite');
  });
  afterAll(() => aduan?.close());

  const refused = async (query: string, pattern: RegExp) => {
    const before = await aduan.counts();
    const response = await aduan.gql(query);
    // GraphQL over HTTP: 200 for application/json, 400 for application/graphql-response+json.
    expect(response.status).toBe(200);
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.map((e) => e.message).join(' ')).toMatch(pattern);
    expect(await aduan.counts()).toEqual(before);
  };

  it('refuses a document too deep, too costly, with too many aliases, directives or tokens', async () => {
    const deep = `{ jurisdiction(code: "53.71") ${'{ parent '.repeat(DEFAULT_GRAPHQL_LIMITS.maxDepth)}{ code }${' }'.repeat(DEFAULT_GRAPHQL_LIMITS.maxDepth)} }`;
    await refused(deep, /depth/i);
    const aliases = `{ ${Array.from({ length: DEFAULT_GRAPHQL_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: site(key: "demo") { name }`).join(' ')} }`;
    await refused(aliases, /aliases/i);
    const directives = `{ site(key: "demo") { name ${'@include(if: true) '.repeat(DEFAULT_GRAPHQL_LIMITS.maxDirectives + 1)} } }`;
    await refused(directives, /directives/i);
    const tokens = `{ site(key: "demo") { ${'name '.repeat(DEFAULT_GRAPHQL_LIMITS.maxTokens)} } }`;
    await refused(tokens, /token/i);
    // Fragments that multiply one another: each level spreads the next one four times.
    const levels = ['A', 'B', 'C', 'D', 'E'];
    const fragmentBomb = `query { jurisdictions { ...A } } ${levels
      .slice(0, -1)
      .map((name, i) => `fragment ${name} on Jurisdiction { ${`...${levels[i + 1]} `.repeat(4)}}`)
      .join(' ')} fragment E on Jurisdiction { code name level parent { code name } }`;
    await refused(fragmentBomb, /cost/i);
  });

  it('answers the standard introspection query (GraphiQL, code generators, gateways)', async () => {
    const response = await aduan.gql(
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true }),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.__schema.queryType.name).toBe('Query');
  });

  it("lets every operation of Aduan's client library through", async () => {
    const documents = clientOperations();
    expect(documents.length).toBeGreaterThan(8);
    for (const document of documents) {
      const name = /^\w+ (\w+)/.exec(document)?.[1];
      const response = await aduan.gql(document, {});
      const limitErrors = (response.errors ?? []).filter((e) => /depth|cost|aliases|directives|token limit/i.test(e.message));
      expect(limitErrors, name).toEqual([]);
    }
  });
});
