// Persisted-operations mode, for deployments that want strangers to run only what
// Aduan's own clients send (ADUAN_PERSISTED_OPERATIONS=only): a request without a
// valid staff session or token may carry only a document whose SHA-256 is on the
// list — every operation of @aduan/client, which the widget, the console's sign-in
// and the examples send word for word. Signed-in staff and agency tokens stay free to
// query as they like. A client may also send just the hash, as Apollo's persisted
// query extension (`extensions.persistedQuery.sha256Hash`) has it.
import { createHash } from 'node:crypto';
import * as operations from '@aduan/client/operations';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class PersistedOperations {
  private readonly byHash: Map<string, string>;

  constructor(documents: readonly string[] = clientOperations()) {
    this.byHash = new Map(documents.map((document) => [sha256(document), document]));
  }

  /** Whether an anonymous request may run `query`. */
  allows(query: string | undefined): boolean {
    return query !== undefined && this.byHash.has(sha256(query));
  }

  document(hash: string): string | undefined {
    return this.byHash.get(hash.toLowerCase());
  }
}

/** Every GraphQL document @aduan/client exports. */
export function clientOperations(): string[] {
  return (Object.values(operations) as unknown[]).filter(
    (value): value is string => typeof value === 'string' && /^(query|mutation|subscription)\b/.test(value),
  );
}

/** Fills in `query` for a request that sent only the hash of a listed document. */
export function usePersistedHashes(list: PersistedOperations): Plugin {
  return {
    onParams({ params, setParams }) {
      const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (params.query || typeof hash !== 'string') return;
      const document = list.document(hash);
      if (!document) {
        throw createGraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } } });
      }
      setParams({ ...params, query: document });
    },
  };
}

export function refuseUnlisted(): Error {
  return createGraphQLError('This server runs only the operations of Aduan’s own clients for requests without a staff sign-in.', {
    extensions: { code: 'PERSISTED_OPERATION_REQUIRED', http: { status: 403 } },
  });
}
