// The Open311 GeoReport v2 endpoint at /open311/v2/: which resource a path names,
// the format from its extension (`.xml` or `.json`, as the spec says), CORS, and
// errors in the requested format.
//
// CORS: reads (GET) are public and answer any page (`*`), like the spec's browser
// clients expect. POST follows GraphQL: a browser page may file a report only from
// an origin some site allows (the site of the api_key is checked again by intake),
// so a site key copied into another page cannot be used from there.
import type { Locale } from '../intake/messages.js';
import { originAllowed } from '../sites/origins.js';
import { logFailure } from '../log.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable.js';
import type { RateLimitName } from '../abuse/rate-limits.js';
import { readFields } from './body.js';
import { addressOf, refuseWhenLimited } from './rate-limit.js';
import type { Open311Dependencies } from './dependencies.js';
import { discovery } from './discovery.js';
import { notFound, Open311Error } from './errors.js';
import { resolveJurisdiction } from './jurisdiction.js';
import { localeOf, say } from './messages.js';
import { getRequest, listRequests, param, resolveToken } from './requests.js';
import { CONTENT_TYPES, render, type Format, type Root } from './serialize.js';
import { listServices, serviceDefinition } from './services.js';
import { createRequest } from './submit.js';
import { listUpdates } from './updates.js';
import schemaDocument from './open311.schema.json' with { type: 'json' };
import updatesSchemaDocument from './servicerequestupdates.schema.json' with { type: 'json' };

export const OPEN311_BASE_PATH = '/open311/v2';

type Resource =
  | { kind: 'discovery' }
  | { kind: 'services' }
  | { kind: 'service'; code: string }
  | { kind: 'requests' }
  | { kind: 'request'; id: string }
  | { kind: 'token'; token: string }
  | { kind: 'updates' };

/** The JSON Schemas of the answers, served beside them. */
const SCHEMAS: Record<string, unknown> = {
  'schema.json': schemaDocument,
  'servicerequestupdates.schema.json': updatesSchemaDocument,
};

type Route = { resource: Resource; format: Format } | { schema: unknown } | null;

const READ_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'access-control-allow-headers': 'accept, accept-language',
  'access-control-max-age': '600',
};

const POST_HEADERS = {
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, accept, accept-language, idempotency-key',
  'access-control-max-age': '600',
};

export function isOpen311Path(path: string): boolean {
  return path === OPEN311_BASE_PATH || path.startsWith(`${OPEN311_BASE_PATH}/`);
}

const LISTS: Record<string, Resource> = {
  discovery: { kind: 'discovery' },
  services: { kind: 'services' },
  requests: { kind: 'requests' },
  servicerequestupdates: { kind: 'updates' },
};

const ITEMS: Record<string, (value: string) => Resource> = {
  services: (code) => ({ kind: 'service', code }),
  requests: (id) => ({ kind: 'request', id }),
  tokens: (token) => ({ kind: 'token', token }),
};

/** The resource and format a path names (`requests/{id}.json`), or null when it names none. */
export function parseRoute(path: string): Route {
  const rest = path.slice(OPEN311_BASE_PATH.length + 1);
  if (Object.hasOwn(SCHEMAS, rest)) return { schema: SCHEMAS[rest] };
  const match = /^([a-z]+)(?:\/([^/]+))?\.(xml|json)$/.exec(rest);
  if (!match) return null;
  const [, collection = '', item, format] = match;
  if (item === undefined) {
    const resource = LISTS[collection];
    return resource ? { resource, format: format as Format } : null;
  }
  const make = ITEMS[collection];
  if (!make) return null;
  try {
    return { resource: make(decodeURIComponent(item)), format: format as Format };
  } catch {
    return null; // a malformed %-escape names nothing
  }
}

/** Who sent a request, as the TCP connection tells (absent for an in-process `fetch`). */
export interface Peer {
  address?: string | undefined;
}

/** Answers one request under /open311/v2/; `deps` is null while the database is not ready (503). Never rejects. */
export async function handleOpen311(request: Request, peer: Peer, deps: Open311Dependencies | null): Promise<Response> {
  const path = new URL(request.url).pathname;
  const locale = localeOf(request.headers.get('accept-language'));
  const route = parseRoute(path);
  const format: Format = route && 'format' in route ? route.format : /\.json$/.test(path) ? 'json' : 'xml';
  const method = request.method.toUpperCase();
  const isPost = method === 'POST' || (method === 'OPTIONS' && isPreflightFor(request, 'POST'));
  const cors = isPost ? await postCors(request, deps) : READ_HEADERS;
  try {
    if (!route) throw notFound(say('NOT_FOUND', locale, { path }));
    if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...cors, vary: 'origin' } });
    if ('schema' in route) {
      ensureMethod(method, ['GET', 'HEAD'], locale);
      return send(200, 'application/schema+json; charset=utf-8', JSON.stringify(route.schema, null, 2), cors);
    }
    const { resource } = route;
    const allowed = resource.kind === 'requests' ? ['GET', 'HEAD', 'POST'] : ['GET', 'HEAD'];
    ensureMethod(method, allowed, locale);
    if (!deps) throw new Open311Error(503, say('STARTING', locale), { 'retry-after': '5' });
    const limit = limitFor(resource, method);
    if (limit) await refuseWhenLimited(deps, limit, addressOf(deps, request, peer.address), locale);
    const { root, body } = await answer(deps, resource, method, request, locale);
    return send(200, CONTENT_TYPES[format], render(format, root, body), cors);
  } catch (error) {
    const unavailable = !(error instanceof Open311Error) && isDatabaseUnavailable(error);
    if (!(error instanceof Open311Error) && !unavailable) logFailure('an Open311 request failed', error);
    const failure =
      error instanceof Open311Error
        ? error
        : unavailable
          ? new Open311Error(503, say('DATABASE_UNAVAILABLE', locale), { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) })
          : new Open311Error(500, say('INTERNAL', locale));
    return send(failure.status, CONTENT_TYPES[format], render(format, 'errors', failure.errors), { ...cors, ...failure.headers });
  }
}

function limitFor(resource: Resource, method: string): RateLimitName | null {
  if (resource.kind === 'requests') return method === 'POST' ? 'submit.address' : 'lookup.address';
  return resource.kind === 'request' || resource.kind === 'token' || resource.kind === 'updates' ? 'lookup.address' : null;
}

function ensureMethod(method: string, allowed: string[], locale: Locale): void {
  if (!allowed.includes(method)) {
    throw new Open311Error(405, say('METHOD_NOT_ALLOWED', locale, { method, allowed: allowed.join(', ') }), { allow: allowed.join(', ') });
  }
}

async function answer(deps: Open311Dependencies, resource: Resource, method: string, request: Request, locale: Locale): Promise<{ root: Root; body: unknown }> {
  const params = new URL(request.url).searchParams;
  switch (resource.kind) {
    case 'discovery': {
      const snapshot = await deps.catalog.current();
      const scope = await resolveJurisdiction(deps, snapshot, param(params, 'jurisdiction_id'), locale);
      const zone = scope ? snapshot.timeZoneOf(scope.area.code) : 'UTC';
      const origins = { endpoint: deps.publicUrl, public: deps.publicUrl };
      return { root: 'discovery', body: await discovery(deps.prisma, origins, OPEN311_BASE_PATH, zone, locale) };
    }
    case 'services': {
      const snapshot = await deps.catalog.current();
      const scope = await resolveJurisdiction(deps, snapshot, param(params, 'jurisdiction_id'), locale);
      return { root: 'services', body: await listServices(deps.prisma, snapshot.cityOf(scope?.area.code ?? null), locale) };
    }
    case 'service': {
      const snapshot = await deps.catalog.current();
      const scope = await resolveJurisdiction(deps, snapshot, param(params, 'jurisdiction_id'), locale);
      return { root: 'service_definition', body: serviceDefinition(snapshot, scope?.area.code ?? null, resource.code, locale) };
    }
    case 'requests': {
      if (method === 'POST') {
        const fields = await readFields(request, locale);
        const idempotencyKey = request.headers.get('idempotency-key')?.trim() || null;
        const from = { origin: headerOrigin(request), ownOrigin: ownOrigin(request) };
        const context = { from, locale, idempotencyKey, publicUrl: deps.publicUrl };
        return { root: 'service_requests', body: await createRequest(deps, fields, context) };
      }
      return { root: 'service_requests', body: await listRequests(deps, params, locale) };
    }
    case 'request':
      return { root: 'service_requests', body: await getRequest(deps, resource.id, params, locale) };
    case 'token':
      return { root: 'service_requests', body: await resolveToken(deps, resource.token, params, locale) };
    case 'updates':
      return { root: 'service_request_updates', body: await listUpdates(deps, params, locale) };
  }
}

function isPreflightFor(request: Request, method: string): boolean {
  return (request.headers.get('access-control-request-method') ?? '').toUpperCase() === method;
}

function headerOrigin(request: Request): string | null {
  return request.headers.get('origin') || null;
}

/** This server's own origin, as the browser sees it; its own pages may always file reports. */
function ownOrigin(request: Request): string {
  const url = new URL(request.url);
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return forwarded === 'https' ? `https://${url.host}` : url.origin;
}

/** CORS for POST: the calling page's origin when this server or one of its sites allows it, otherwise none. */
async function postCors(request: Request, deps: Open311Dependencies | null): Promise<Record<string, string>> {
  const origin = headerOrigin(request);
  if (!origin || !deps) return {};
  try {
    if (origin !== ownOrigin(request)) {
      const { allOriginPatterns } = await deps.catalog.current();
      if (!originAllowed(origin, allOriginPatterns)) return { vary: 'origin' };
    }
  } catch {
    return {};
  }
  return { ...POST_HEADERS, 'access-control-allow-origin': origin, vary: 'origin' };
}

function send(status: number, contentType: string, body: string, headers: Record<string, string>): Response {
  return new Response(body, {
    status,
    headers: { ...headers, 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
  });
}
