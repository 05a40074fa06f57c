/** The request never got a GraphQL answer: offline, DNS, CORS, a proxy's 5xx. Worth retrying. */
export class AduanNetworkError extends Error {
  override name = 'AduanNetworkError';
}

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

/** Turns a GraphQL response body into its data, or throws. */
export function unwrap<D>(body: { data?: D | null; errors?: readonly GraphQLErrorLike[] } | null | undefined): D {
  const first = body?.errors?.[0];
  if (first) throw new AduanGraphQLError(first.message, typeof first.extensions?.code === 'string' ? first.extensions.code : undefined);
  if (!body?.data) throw new AduanNetworkError('Empty response');
  return body.data;
}
