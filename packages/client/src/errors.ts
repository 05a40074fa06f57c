/**
 * Why a request is worth trying again, for what a resident is told: `offline` (no answer
 * at all: no connection, DNS, CORS), `busy` (the server or a proxy said "not now": 429,
 * 503, RATE_LIMITED, DATABASE_UNAVAILABLE…) or `server` (an unexpected fault on the way
 * or in the server: another 5xx, a page that is not GraphQL, INTERNAL_SERVER_ERROR).
 */
export type RetryReason = 'offline' | 'busy' | 'server';

/** The request got no usable answer; retrying later may help. `reason` says why. */
export class AduanNetworkError extends Error {
  override name = 'AduanNetworkError';
  constructor(
    message: string,
    readonly reason: RetryReason = 'offline',
  ) {
    super(message);
  }
}

/** The reason for an answer that was not GraphQL, by its HTTP status. */
export function reasonForStatus(status: number): RetryReason {
  return status === 429 || status === 503 ? 'busy' : 'server';
}

/**
 * Answers that mean "not now" rather than "no": the server is starting, its database
 * is not answering, this network sent too much, or the server failed unexpectedly (a
 * fault is not the resident's). Thrown as network errors, so the widget keeps the
 * report and sends it later.
 */
export const RETRY_LATER_CODES: readonly string[] = ['SERVICE_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL_SERVER_ERROR'];

/** The server answered with GraphQL errors (a bug or an unsupported field): retrying won't help. */
export class AduanGraphQLError extends Error {
  override name = 'AduanGraphQLError';
  constructor(
    message: string,
    readonly code: string = 'GRAPHQL_ERROR',
  ) {
    super(message);
  }
}

/**
 * True for an error worth retrying: an AduanNetworkError — known by its name too, since a
 * bundle split in parts may hold two copies of this class — or fetch's TypeError.
 */
export function isNetworkError(error: unknown): boolean {
  return error instanceof AduanNetworkError || (error as Error | null)?.name === 'AduanNetworkError' || error instanceof TypeError;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown };
}

/** The error to throw for a GraphQL error: retryable for RETRY_LATER_CODES, final otherwise. */
export function errorFor(message: string, code: unknown): AduanNetworkError | AduanGraphQLError {
  if (typeof code === 'string' && RETRY_LATER_CODES.includes(code)) return new AduanNetworkError(message, code === 'INTERNAL_SERVER_ERROR' ? 'server' : 'busy');
  return new AduanGraphQLError(message, typeof code === 'string' ? code : undefined);
}

/** Turns a GraphQL response body into its data, or throws. */
export function unwrap<D>(body: { data?: D | null; errors?: readonly GraphQLErrorLike[] } | null | undefined): D {
  const first = body?.errors?.[0];
  if (first) throw errorFor(first.message, first.extensions?.code);
  if (!body?.data) throw new AduanNetworkError('Empty response');
  return body.data;
}
