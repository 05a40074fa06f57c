// Kept answers (public-read-cache.ts) served straight from node:http. Widgets poll their
// reports with GETs, and most are answered from what was kept; for those, turning
// node:http's request into a Fetch Request (undici's Headers, an AbortSignal), routing it
// and running Yoga's pipeline cost several times the answer itself. The desk looks at a GET
// to /graphql first: when an anonymous request's answer is kept, it writes that answer,
// with the headers Yoga would send; anything else — a miss, a POST, a signed-in request,
// a header it does not know how to answer — goes on to the front door unchanged.
//
// The desk charges look-ups as Yoga would (schema/lookup-count.ts) and marks the request,
// so a request it passes on is not charged twice; an asker over the limit is passed on and
// gets Yoga's own refusal.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import { headerSource } from '../abuse/client-address.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { LookupCounter } from '../schema/lookup-count.js';
import { acceptsGzipHeader, MIN_COMPRESSED_BYTES } from './compression.js';
import { corsAllowance, corsHeaders } from './cors.js';
import { isAnonymousRead, keptAnswerKey } from './public-read-cache.js';
import type { PublicReadStore } from './public-read-store.js';

const gzipAsync = promisify(gzip);

export interface KeptAnswerDeskOptions {
  store: PublicReadStore;
  catalog: RoutingCatalog;
  lookups: LookupCounter;
}

/** The GraphQL path, followed by its query string. */
const GRAPHQL_GET = '/graphql?';

export class KeptAnswerDesk {
  constructor(private readonly options: KeptAnswerDeskOptions) {}

  /** True when the answer was written; false leaves the request as it came, for the front door. */
  async answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<boolean> {
    const request = readableGet(incoming);
    if (!request) return false;
    const headers = headerSource(incoming.headers);
    if (!isAnonymousRead(headers)) return false;
    const mediaType = answerMediaType(incoming.headers.accept);
    const ownOrigin = originOf(incoming);
    if (!mediaType || !ownOrigin) return false;

    const decision = await this.options.lookups.chargeOnArrival(request.query, incoming, headers);
    if (decision && !decision.allowed) return false;

    const { catalog, store } = this.options;
    const json = await store.answerText(keptAnswerKey(await catalog.revision(), request.query, request.operationName, request.variables));
    if (json === null) return false;

    const allowance = await corsAllowance(catalog, headers.get('origin'), ownOrigin);
    const head: Record<string, string> = {
      'content-type': `${mediaType}; charset=utf-8`,
      ...(allowance ? corsHeaders(allowance) : {}),
      vary: 'Accept-Encoding',
    };
    let body: Buffer = Buffer.from(json);
    if (body.byteLength >= MIN_COMPRESSED_BYTES && acceptsGzipHeader(headers.get('accept-encoding'))) {
      body = await gzipAsync(body, { level: constants.Z_BEST_SPEED });
      head['content-encoding'] = 'gzip';
    }
    head['content-length'] = String(body.byteLength);
    outgoing.writeHead(200, head);
    outgoing.end(body);
    return true;
  }
}

interface GetParams {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

/**
 * A GET to /graphql with a document, with no body, no `extensions` (persisted documents
 * are Yoga's) and JSON variables; parsed as Yoga parses it, since the key must match the
 * one Yoga kept the answer under.
 */
function readableGet(incoming: IncomingMessage): GetParams | null {
  const url = incoming.url;
  if (incoming.method !== 'GET' || !url?.startsWith(GRAPHQL_GET) || !incoming.headers.host) return null;
  if (incoming.headers['content-length'] !== undefined || incoming.headers['transfer-encoding'] !== undefined) return null;
  const search = new URLSearchParams(url.slice(GRAPHQL_GET.length));
  const query = search.get('query');
  if (!query || search.has('extensions')) return null;
  const variablesText = search.get('variables') || undefined;
  let variables: unknown;
  try {
    variables = variablesText === undefined ? undefined : JSON.parse(variablesText);
  } catch {
    return null;
  }
  if (variables !== undefined && (variables === null || typeof variables !== 'object' || Array.isArray(variables))) return null;
  return { query, operationName: search.get('operationName') || undefined, variables: variables as Record<string, unknown> | undefined };
}

/** This server's origin as the request names it (as the front door reads it), or null when the Host is not one. */
function originOf(incoming: IncomingMessage): string | null {
  const scheme = (incoming.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${incoming.headers.host}`).origin;
  } catch {
    return null;
  }
}

const ANSWER_TYPES = ['application/graphql-response+json', 'application/json'];

/**
 * The media type Yoga answers a plain result in for this Accept header, or null when it
 * would answer something else (a 406, say). Yoga reads the listed types last to first, in
 * UTF-8 only, and the last match wins: the first acceptable type listed.
 */
export function answerMediaType(accept: string | undefined): string | null {
  const asked = (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',');
  let chosen: string | null = null;
  for (const item of asked.reverse()) {
    const [type = '', ...params] = item.split(';');
    const charset = params.find((param) => param.includes('charset=')) ?? 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    const [pre, suf] = type.split('/');
    for (const candidate of ANSWER_TYPES) {
      const [cPre, cSuf] = candidate.split('/');
      if ((pre === '*' || pre === cPre) && (suf === '*' || suf === cSuf)) chosen = candidate;
    }
  }
  return chosen;
}
