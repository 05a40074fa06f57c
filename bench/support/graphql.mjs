// Sending GraphQL from a benchmark, and signing in as staff. The documents themselves
// come from @aduan/client, word for word as the widget and the console send them.
import { LoginDocument } from '@aduan/client/operations';

/** POSTs a GraphQL request to `url` (the server's origin); resolves with the parsed answer. */
export async function graphql(url, query, variables = {}, headers = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Signs `staff` ({ email, password }) in; resolves with the session cookie (`name=value`). */
export async function signIn(url, staff) {
  const { headers, body } = await graphql(url, LoginDocument, { email: staff.email, password: staff.password });
  const cookie = headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`Could not sign in: ${JSON.stringify(body)}`);
  return cookie;
}
