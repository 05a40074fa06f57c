// Which web pages may use a site's key. Patterns are exact origins, `*` for any
// port (`http://localhost:*`), `*.` for any subdomain (`https://*.kupangkota.go.id`),
// or a lone `*` for any origin. Configuration refuses any other form when a file
// is applied (originPatternProblem), rather than it silently never matching.

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

const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Why `pattern` is not an allowed-origin pattern, or null when it is one. */
export function originPatternProblem(pattern: string): string | null {
  if (pattern === '*') return null;
  const scheme = /^(https?):\/\//.exec(pattern);
  if (!scheme) return `origin "${pattern}" must start with http:// or https:// (or be exactly "*")`;
  const rest = pattern.slice(scheme[0].length);
  if (/[/?#]/.test(rest)) return `origin "${pattern}" has a path; an origin is scheme://host[:port] with no trailing slash`;
  if (rest.includes('@')) return `origin "${pattern}" has credentials; an origin is scheme://host[:port]`;
  const hostAndPort = /^([^:]*)(?::([^:]*))?$/.exec(rest);
  if (!hostAndPort) return `origin "${pattern}" is not scheme://host[:port] (IPv6 hosts are not supported)`;
  const host = hostAndPort[1] ?? '';
  const port = hostAndPort[2];
  if (port !== undefined && port !== '*') {
    const number = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(number >= 1 && number <= 65535)) return `origin "${pattern}" has port "${port}"; use a number 1–65535 or "*"`;
  }
  const labels = host.split('.');
  const wildcardFirst = labels[0] === '*';
  if (wildcardFirst && labels.length < 3 && !(labels.length === 2 && labels[1] === 'localhost')) {
    return `origin "${pattern}" puts "*" over a whole domain; use "*." only before a registrable domain (https://*.example.org)`;
  }
  const named = wildcardFirst ? labels.slice(1) : labels;
  for (const label of named) {
    if (label.includes('*')) return `origin "${pattern}" uses "*" inside the host; "*" may only be the whole port or the leftmost subdomain label`;
    if (!hostLabel.test(label)) return `origin "${pattern}" has an invalid host "${host}"`;
  }
  return null;
}
