// One GraphQL request over HTTP with Node's fetch, failing loudly on errors.

export interface GraphQLErrorBody {
  message: string;
  extensions?: Record<string, unknown>;
}

export class GraphQLRequestError extends Error {
  constructor(
    readonly url: string,
    readonly errors: GraphQLErrorBody[],
  ) {
    super(`${url}: ${errors.map((error) => error.message).join('; ')}`);
  }
}

export async function graphqlRequest<T>(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLErrorBody[] };
  if (body.errors?.length) throw new GraphQLRequestError(url, body.errors);
  if (!response.ok || body.data === undefined) throw new Error(`${url} answered ${response.status} with no data`);
  return body.data;
}
