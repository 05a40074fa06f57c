// Which web pages may use a site's key. Patterns are exact origins, `*` for any
// port (`http://localhost:*`), `*.` for any subdomain (`https://*.kupangkota.go.id`),
// or a lone `*` for any origin.

export function originMatches(origin: string, pattern: string): boolean {
  if (pattern === '*') return true;
  let candidate: URL;
  try {
    candidate = new URL(origin);
  } catch {
    return false;
  }
  // An origin is scheme, host and port only: paths, queries or credentials mean it is something else.
  const bare = candidate.pathname === '/' && !candidate.search && !candidate.hash && !candidate.username;
  if (!bare || origin.endsWith('/')) return false;
  const match = /^(https?):\/\/(\*\.)?([^:/*]+)(?::(\*|\d{1,5}))?$/.exec(pattern);
  if (!match) return false;
  const [, scheme, anySubdomain, host, port] = match;
  if (candidate.protocol !== `${scheme}:`) return false;
  const hostname = candidate.hostname.toLowerCase();
  const wantedHost = host!.toLowerCase();
  const hostOk = anySubdomain ? hostname.endsWith(`.${wantedHost}`) : hostname === wantedHost;
  if (!hostOk) return false;
  if (port === '*') return true;
  const defaultPort = scheme === 'https' ? '443' : '80';
  return (candidate.port || defaultPort) === (port ?? defaultPort);
}

export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => originMatches(origin, pattern));
}
