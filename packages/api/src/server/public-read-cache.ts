// Answers to public reads, kept: widgets poll and follow the same tracking codes, and load
// the same catalogue, so most of these requests ask what was just asked. A kept answer
// is served before the request's context is built or its document parsed.
//
// What is kept, and for how long:
// - only anonymous requests: one with a cookie, an Authorization header, a router's trace
//   request or a validator (If-None-Match) neither reads nor writes the cache;
// - `reportStatus`: 30 s, and forgotten by tracking code the moment the report changes
//   (the ledger waits for it, see ReportChanges.settleWith). `overdue` is computed from
//   the clock, so it may turn true up to 30 s late; nothing else in it depends on time;
// - `categories`, `site`, `jurisdiction(s)` and `agencies`: 10 min, and the catalogue's
//   revision is part of every key, so a changed catalogue is new keys at once;
// - nothing else (a proof-of-work challenge, statistics, similar reports, staff reads):
//   any field not listed here makes the whole answer uncached.
// Look-ups are counted before the cache (schema/lookup-count.ts), so a kept answer still
// uses up the asker's look-up allowance.
import { createHash } from 'node:crypto';
import { useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { HeaderSource } from '../abuse/client-address.js';
import type { GraphQLSchema } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { ReportChanges } from '../events/report-changes.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import { forgetChangedReports } from './public-read-store.js';

const CATALOGUE_READ_MS = 10 * 60_000;

const RESERVED_ALIAS = '__responseCache';

/** The Query fields whose answers are kept, and how long (ms). */
const KEPT_READS: Readonly<Record<string, number>> = {
  reportStatus: 30_000,
  categories: CATALOGUE_READ_MS,
  site: CATALOGUE_READ_MS,
  jurisdiction: CATALOGUE_READ_MS,
  jurisdictions: CATALOGUE_READ_MS,
  agencies: CATALOGUE_READ_MS,
};

/** Headers that make a request someone's own, or ask for what a kept answer does not hold. */
const PERSONAL_HEADERS = ['cookie', 'authorization', 'if-none-match', 'if-modified-since', 'apollo-federation-include-trace'];

/** Every Query field: its time if kept, 0 otherwise (an answer lives as long as its shortest field). */
function timesToLive(schema: GraphQLSchema): Record<string, number> {
  const fields = Object.keys(schema.getQueryType()?.getFields() ?? {});
  return Object.fromEntries(fields.map((field) => [`Query.${field}`, KEPT_READS[field] ?? 0]));
}

/** The key of an answer: the catalogue's revision and the request's document, operation and variables. */
export function keptAnswerKey(revision: string, document: string, operationName: string | undefined | null, variables: unknown): string {
  return createHash('sha256')
    .update([revision, document, operationName ?? '', JSON.stringify(variables ?? {})].join('\u0000'))
    .digest('base64url');
}

/** Whether a request's headers let it read and write kept answers. */
export function isAnonymousRead(headers: HeaderSource): boolean {
  return !PERSONAL_HEADERS.some((name) => headers.get(name) !== null);
}

export function usePublicReadCache(options: { store: Cache; catalog: RoutingCatalog; changes: ReportChanges; schema: GraphQLSchema }): Plugin[] {
  const { store, catalog, changes, schema } = options;
  forgetChangedReports(changes, store);
  return [
    {
      // The plugin marks what it adds to a document with these aliases and reads them back
      // from the answer: a document of the asker's own using them could mislabel an answer.
      onParams({ params }) {
        if (typeof params.query === 'string' && params.query.includes(RESERVED_ALIAS)) {
          throw createGraphQLError(`Names starting with "${RESERVED_ALIAS}" are reserved.`, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        }
      },
      // The plugin would hand out its cache key as an ETag; a kept answer is not revalidated.
      onResponse({ response }) {
        response.headers.delete('etag');
        response.headers.delete('last-modified');
      },
    },
    useResponseCache({
      cache: store,
      session: () => null,
      enabled: (request) => isAnonymousRead(request.headers),
      ttl: 0,
      ttlPerSchemaCoordinate: timesToLive(schema),
      idFields: ['trackingCode'],
      invalidateViaMutation: false,
      includeExtensionMetadata: false,
      buildResponseCacheKey: async ({ documentString, operationName, variableValues }) =>
        keptAnswerKey(await catalog.revision(), documentString, operationName, variableValues),
    }),
  ];
}
