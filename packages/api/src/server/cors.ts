// Which pages may call GraphQL from a browser: this server's own and any page a site
// allows (the site itself is checked again in a mutation, once the body says which site).
// Yoga answers CORS for every request it serves; the kept-answer desk, which answers
// before Yoga, sends the same headers from here.
import type { RoutingCatalog } from '../routing/catalog.js';
import { originAllowed } from '../sites/origins.js';

/** What Yoga's CORS option takes for an allowed origin. */
export interface CorsAllowance {
  origin: string;
  methods: string[];
  allowedHeaders: string[];
  credentials: false;
  maxAge: number;
}

const METHODS = ['GET', 'POST', 'OPTIONS'];
const ALLOWED_HEADERS = ['content-type', 'accept', 'authorization', 'idempotency-key', 'x-aduan-csrf'];
/** A preflight is remembered for 10 minutes. */
const MAX_AGE_SECONDS = 600;

/** The allowance for `origin` calling this server (at `ownOrigin`), or false. */
export async function corsAllowance(catalog: RoutingCatalog, origin: string | null, ownOrigin: string): Promise<CorsAllowance | false> {
  if (!origin) return false;
  if (origin !== ownOrigin && !originAllowed(origin, (await catalog.current()).allOriginPatterns)) return false;
  return { origin, methods: METHODS, allowedHeaders: ALLOWED_HEADERS, credentials: false, maxAge: MAX_AGE_SECONDS };
}

/** The headers an allowance puts on an answer, as Yoga writes them (a test holds the two together). */
export function corsHeaders(allowance: CorsAllowance): Record<string, string> {
  return {
    'access-control-allow-origin': allowance.origin,
    'access-control-allow-methods': allowance.methods.join(', '),
    'access-control-allow-headers': allowance.allowedHeaders.join(', '),
    'access-control-max-age': String(allowance.maxAge),
  };
}
