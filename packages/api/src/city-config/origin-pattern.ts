// Which origin patterns a site may list. The same forms the request-time matcher
// (src/sites/origins.ts) understands: `scheme://host[:port]`, `*` as the whole port
// or as the leftmost subdomain label, or a lone `*`. Anything else is refused when
// the file is applied, not silently never matched later.

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
