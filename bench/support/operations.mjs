// The GraphQL requests benchmarks send that are not in @aduan/client (the console's
// own), and signing in as staff.

/** The staff inbox's first page, as the console asks for it. */
export const InboxQuery = `query Inbox($filter: InboxFilter, $first: Int, $after: String, $locale: Locale) {
  inbox(filter: $filter, first: $first, after: $after) {
    edges { cursor node { trackingCode status description placeText submittedAt dueAt overdue
      category { code name(locale: $locale) } area { code displayName timeZone }
      agency { slug name shortName } assignee { name email } escalatedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** A city's statistics page, as the console asks for it. */
export const StatisticsQuery = `query Statistics($code: String, $from: DateTime, $to: DateTime, $level: Int, $locale: Locale) {
  statistics(jurisdictionCode: $code, from: $from, to: $to) {
    from to timeZone total
    byCategory { category { code name(locale: $locale) } count }
    byArea(level: $level) { area { code name displayName } count }
    byStatus { status count }
    agencies {
      agency { slug name shortName }
      received responded medianHoursToFirstResponse resolved medianHoursToResolution
      answeredWithinDeadline deadlineDecided withinDeadlineShare reroutes openOverdue
    }
    weekly { week startsOn received resolved }
  }
}`;

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
  const { headers, body } = await graphql(url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }', {
    e: staff.email,
    p: staff.password,
  });
  const cookie = headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`Could not sign in: ${JSON.stringify(body)}`);
  return cookie;
}
