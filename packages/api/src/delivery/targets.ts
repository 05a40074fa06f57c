// Where deliveries may go: an agency's system on the internet, not this server's own
// network. A channel's URL that is, or resolves to, a loopback, private, link-local or
// otherwise internal address (127.0.0.1, 10.x, 169.254.169.254 — a cloud's metadata
// service —, ::1, fc00::/7 …) is refused, when the channel is added and again on every
// connection: the check runs on the address the connection actually uses, so a name
// that resolves elsewhere later (DNS rebinding) gains nothing. A city whose agency
// systems are on its own network (and tests, whose receivers are on 127.0.0.1) sets
// ADUAN_ALLOW_PRIVATE_TARGETS=1.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, fetch as guardedFetch, type RequestInit as GuardedInit } from 'undici';

const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/** Whether an address is one a delivery must not reach (IPv4-mapped IPv6 as its IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return INTERNAL.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export function allowsPrivateTargets(env: NodeJS.ProcessEnv): boolean {
  return env['ADUAN_ALLOW_PRIVATE_TARGETS'] === '1';
}

/** Why a channel URL may not be used (its host is an internal address), or null. Names are checked when connecting. */
export function targetRefusal(url: string, env: NodeJS.ProcessEnv): string | null {
  if (allowsPrivateTargets(env)) return null;
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null; // the URL's own check says what is wrong with it
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this machine`;
  if (isIP(host) && isInternalAddress(host)) return `${host} is a loopback, private or link-local address`;
  return null;
}

export const TARGET_REFUSED = 'ADUAN_INTERNAL_TARGET';

/** A DNS lookup that fails for internal addresses, so a connection never reaches one. */
function externalLookup(hostname: string, options: LookupOptions, callback: (...args: unknown[]) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error);
    const internal = addresses.find((entry) => isInternalAddress(entry.address));
    if (internal) {
      const refused = Object.assign(new Error(`${hostname} resolves to ${internal.address}, an internal address`), { code: TARGET_REFUSED });
      return callback(refused);
    }
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

let guarded: Agent | undefined;

/**
 * fetch for deliveries: to `url` only when it is not internal (unless the operator
 * allows it), checked on the literal host and on every address a connection resolves.
 */
export async function deliveryFetch(url: string | URL, init: GuardedInit, env: NodeJS.ProcessEnv): Promise<Response> {
  if (allowsPrivateTargets(env)) return (await fetch(url, init as RequestInit)) as Response;
  const refusal = targetRefusal(String(url), env);
  if (refusal) throw Object.assign(new Error(`refused: ${refusal} (set ADUAN_ALLOW_PRIVATE_TARGETS=1 for a city's own network)`), { code: TARGET_REFUSED });
  guarded ??= new Agent({ connect: { lookup: externalLookup as never } });
  return (await guardedFetch(url, { ...init, dispatcher: guarded })) as unknown as Response;
}
