/** The request never got a GraphQL answer: offline, DNS, CORS, a proxy's 5xx. Worth retrying. */
export class AduanNetworkError extends Error {
  override name = 'AduanNetworkError';
}

/**
 * Answers that mean "not now" rather than "no": the server is starting, its database
 * is not answering, or this network sent too much. Thrown as network errors, so the
 * widget keeps the report and sends it later.
 */
export const RETRY_LATER_CODES: readonly string[] = ['SERVICE_UNAVAILABLE', 'DATABASE_UNAVAILABLE', 'RATE_LIMITED'];

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

export function isNetworkError(error: unknown): boolean {
  return error instanceof AduanNetworkError || error instanceof TypeError;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown };
}

/** The error to throw for a GraphQL error: retryable for RETRY_LATER_CODES, final otherwise. */
export function errorFor(message: string, code: unknown): AduanNetworkError | AduanGraphQLError {
  if (typeof code === 'string' && RETRY_LATER_CODES.includes(code)) return new AduanNetworkError(message);
  return new AduanGraphQLError(message, typeof code === 'string' ? code : undefined);
}

/** Turns a GraphQL response body into its data, or throws. */
export function unwrap<D>(body: { data?: D | null; errors?: readonly GraphQLErrorLike[] } | null | undefined): D {
  const first = body?.errors?.[0];
  if (first) throw errorFor(first.message, first.extensions?.code);
  if (!body?.data) throw new AduanNetworkError('Empty response');
  return body.data;
}
