/**
 * How an operation reaches the server. The clients' one method table (client.ts) runs on
 * any transport: plain fetch (the widget's, a few hundred bytes) or urql (urql.ts, for
 * apps that want its exchanges: the console).
 */
import type { Document } from './document.js';
import { AduanNetworkError, reasonForStatus, unwrap } from './errors.js';

/** Sends one operation; resolves with its data, or throws AduanNetworkError (retry later) or AduanGraphQLError. */
export type Transport = <Result, Variables>(document: Document<Result, Variables>, variables: Variables, signal?: AbortSignal) => Promise<Result>;

export interface FetchTransportOptions {
  /** The GraphQL endpoint, e.g. https://aduan.example.go.id/graphql */
  url: string;
  /** A fetch to use instead of the global one (tests, server-side rendering). */
  fetch?: typeof fetch;
  /** Sent with every request (the console's `X-Aduan-CSRF`). */
  headers?: Record<string, string>;
  /** `same-origin` sends a session cookie; the widget sends none. */
  credentials?: RequestCredentials;
}

/** One JSON POST per operation (GraphQL over HTTP). */
export function fetchTransport(options: FetchTransportOptions): Transport {
  return async <Result, Variables>(query: Document<Result, Variables>, variables: Variables, signal?: AbortSignal): Promise<Result> => {
    const doFetch = options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...options.headers },
        body: JSON.stringify({ query, variables }),
        ...(options.credentials ? { credentials: options.credentials } : {}),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new AduanNetworkError(error instanceof Error ? error.message : 'Network request failed');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      // A proxy's HTML error page or a cut connection: no GraphQL answer, so retryable.
      throw new AduanNetworkError(`HTTP ${response.status}`, reasonForStatus(response.status));
    }
    return unwrap(body as { data?: Result });
  };
}
