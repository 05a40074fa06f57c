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

const ACCEPT = 'application/graphql-response+json, application/json';

/** One JSON POST per operation (GraphQL over HTTP). */
export function fetchTransport(options: FetchTransportOptions): Transport {
  return (query, variables, signal) =>
    answerOf(options, signal, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: ACCEPT, ...options.headers },
      body: JSON.stringify({ query, variables }),
    });
}

/**
 * One GET per query, the document and variables in the URL: with no header but Accept,
 * it is a "simple" cross-origin request, so the browser sends no CORS preflight first —
 * one round trip where a POST takes two on a page that has not asked for a while.
 * For queries only (the server runs no mutation from a GET).
 */
export function fetchGetTransport(options: FetchTransportOptions): Transport {
  return (query, variables, signal) => {
    const url = new URL(options.url, globalThis.location?.href);
    url.searchParams.set('query', query);
    url.searchParams.set('variables', JSON.stringify(variables));
    return answerOf({ ...options, url: url.href }, signal, { method: 'GET', headers: { accept: ACCEPT, ...options.headers } });
  };
}

async function answerOf<Result>(options: FetchTransportOptions, signal: AbortSignal | undefined, init: RequestInit): Promise<Result> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.url, { ...init, ...(options.credentials ? { credentials: options.credentials } : {}), signal });
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
}
