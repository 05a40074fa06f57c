// The address a request came from, for rate limits. Behind a reverse proxy the
// socket's peer is the proxy, so X-Forwarded-For is read — but only as many hops
// from the right as the operator says are proxies of their own (ADUAN_TRUST_PROXY),
// since any client can write that header itself.
import { isIP } from 'node:net';

/** What to count requests by when no address is known (in-process calls in tests). */
export const UNKNOWN_ADDRESS = 'unknown';

/** Where headers are read from: a Fetch request's Headers, or node:http's (see headerSource). */
export type HeaderSource = Pick<Headers, 'get'>;

/** node:http's headers read like a Fetch request's (repeated headers joined by commas, as Node does). */
export function headerSource(headers: import('node:http').IncomingHttpHeaders): HeaderSource {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * `socketAddress`: the TCP peer; `trustedHops`: how many proxies of the operator's
 * own sit in front (0: use the peer, ignore X-Forwarded-For).
 */
export function clientAddress(headers: HeaderSource, socketAddress: string | undefined, trustedHops: number): string {
  const peer = normalize(socketAddress);
  if (trustedHops <= 0) return peer ?? UNKNOWN_ADDRESS;
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  // [client, proxy1, …]: each trusted proxy appended the address it saw; the one the
  // outermost trusted proxy saw is `trustedHops` from the right, counting the peer.
  const chain = [...forwarded, ...(peer ? [peer] : [])];
  const candidate = normalize(chain[chain.length - 1 - trustedHops]);
  return candidate ?? chain.map(normalize).find((a) => a !== null) ?? UNKNOWN_ADDRESS;
}

/** An IP address in one spelling (IPv4-mapped IPv6 as plain IPv4), or null when it is not one. */
function normalize(address: string | undefined): string | null {
  if (!address) return null;
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(plain) ? plain.toLowerCase() : null;
}
