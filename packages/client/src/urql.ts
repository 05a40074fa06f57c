// The same operations on @urql/core, for apps that want urql's exchanges (caching,
// subscriptions, devtools): the staff console uses `createUrqlClient` and `urqlTransport`.
// The widget uses the smaller fetch transport (client.ts) and never imports this module.
import { parse, type DocumentNode } from '@0no-co/graphql.web';
import { Client, fetchExchange, type AnyVariables, type ClientOptions, type OperationResult } from '@urql/core';
import { aduanClientOver, type AduanClient, type AduanClientOptions } from './client.js';
import { AduanNetworkError, errorFor } from './errors.js';
import type { Transport } from './transport.js';

/** Throws AduanNetworkError when there was no GraphQL answer (or "try later"), AduanGraphQLError for errors. */
function data<D>(result: OperationResult<D, AnyVariables>): D {
  const error = result.error;
  if (error) {
    const first = error.graphQLErrors[0];
    if (first) throw errorFor(first.message, first.extensions?.['code']);
    throw new AduanNetworkError(error.networkError?.message ?? error.message);
  }
  if (!result.data) throw new AduanNetworkError('Empty response');
  return result.data;
}

/** An urql client as Aduan's clients use it: POST only, and nothing served from a cache. */
export function createUrqlClient(options: { url: string; fetch?: typeof fetch; fetchOptions?: ClientOptions['fetchOptions'] }): Client {
  return new Client({
    url: options.url,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    // Statuses, previews and inboxes change; nothing is worth serving stale.
    requestPolicy: 'network-only',
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.fetchOptions ? { fetchOptions: options.fetchOptions } : {}),
  });
}

const parsed = new Map<string, DocumentNode>();

/**
 * The document urql is given for `text`: parsed with its location, so urql sends the text
 * exactly as written (given a string, it would send its own printing of it, which a server
 * in persisted-operations mode does not know).
 */
function documentOf(text: string): DocumentNode {
  let document = parsed.get(text);
  if (!document) {
    document = parse(text);
    parsed.set(text, document);
  }
  return document;
}

/** Sends each operation through `urql` (a mutation as a mutation, anything else as a query). */
export function urqlTransport(urql: Client): Transport {
  return async (text, variables, signal) => {
    const context = signal ? { fetchOptions: { signal } } : undefined;
    const vars = (variables ?? {}) as AnyVariables;
    const document = documentOf(text);
    const operation = text.startsWith('mutation') ? urql.mutation(document, vars, context) : urql.query(document, vars, context);
    return data(await operation.toPromise()) as never;
  };
}

export function createUrqlAduanClient(options: AduanClientOptions): AduanClient & { urql: Client } {
  const urql = createUrqlClient(options);
  return { ...aduanClientOver(options.url, urqlTransport(urql), options.solveProofOfWork), urql };
}
