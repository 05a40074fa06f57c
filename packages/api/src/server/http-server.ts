// The HTTP front door: `/healthz` for load balancers, the widget script and the
// demo page (static-files.ts), report photos for staff (`/staff/photos/<id>`,
// staff-photos.ts) and for agencies' systems through signed links
// (`/delivery/photos/<id>?…`, delivery-photos.ts), Open311 GeoReport v2 at
// `/open311/v2/` (open311/), and
// `/graphql` for everyone else. It listens at once and answers 503 on GraphQL
// and Open311 until the database is ready.
import { createServer, type Server } from 'node:http';
import { handleOpen311, isOpen311Path, open311Dependencies } from '../open311/index.js';
import type { AduanYoga } from './graphql.js';
import { DeliveryPhotos } from './delivery-photos.js';
import { StaffPhotos } from './staff-photos.js';
import { defaultStaticDirs, StaticFiles, type StaticFilesOptions } from './static-files.js';

export interface Readiness {
  /** Resolves true when the service can answer requests now. */
  check(): Promise<boolean>;
}

export interface HttpServerOptions {
  readiness: Readiness;
  /** Null until the database is migrated and the schema can be served. */
  graphql: () => AduanYoga | null;
  /** Null until the database is ready; built with the database and the photo storage. */
  staffPhotos?: () => StaffPhotos | null;
  /** Null until the database is ready; photos behind the signed links in deliveries. */
  deliveryPhotos?: () => DeliveryPhotos | null;
  /** Where the widget bundle and the demo page are; `@aduan/widget`'s `dist/` and `demo/` by default. */
  staticDirs?: Partial<StaticFilesOptions>;
}

/** Multipart bodies larger than this are refused before they are read: 3 photos of 8 MB and the rest. */
export const MAX_GRAPHQL_BODY_BYTES = 26 * 1024 * 1024;
/** Any other GraphQL body: a report's text is at most 5,000 characters, a staff query far less. */
export const MAX_JSON_BODY_BYTES = 128 * 1024;

/**
 * Sizes are checked from Content-Length before a byte is read; a POST without one
 * (a chunked body, whose size nobody knows in advance) is refused with 411 — every
 * browser, fetch and XMLHttpRequest sends it.
 */
function bodyRefusal(request: import('node:http').IncomingMessage): { status: number; code: string; message: string } | null {
  if (request.method !== 'POST') return null;
  const header = request.headers['content-length'];
  if (header === undefined) return { status: 411, code: 'LENGTH_REQUIRED', message: 'Send the request with a Content-Length header.' };
  const length = Number(header);
  const multipart = String(request.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');
  const max = multipart ? MAX_GRAPHQL_BODY_BYTES : MAX_JSON_BODY_BYTES;
  if (!Number.isSafeInteger(length) || length <= max) return null;
  return {
    status: 413,
    code: 'REQUEST_TOO_LARGE',
    message: multipart ? 'The request is too large: at most 3 photos of 8 MB each.' : `The request is too large: at most ${max / 1024} KB without photos.`,
  };
}

export function createHttpServer(options: HttpServerOptions): Server {
  const defaults = defaultStaticDirs();
  const staticFiles = new StaticFiles({
    widgetDir: options.staticDirs?.widgetDir !== undefined ? options.staticDirs.widgetDir : defaults.widgetDir,
    demoDir: options.staticDirs?.demoDir !== undefined ? options.staticDirs.demoDir : defaults.demoDir,
  });
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/healthz') {
      void options.readiness.check().then(
        (ready) => sendJson(response, ready ? 200 : 503, { status: ready ? 'ok' : 'starting' }),
        () => sendJson(response, 503, { status: 'unavailable' }),
      );
      return;
    }
    if (staticFiles.handle(request, response, path)) return;
    if (StaffPhotos.matches(path) || DeliveryPhotos.matches(path)) {
      const staff = StaffPhotos.matches(path);
      const photos = staff ? (options.staffPhotos?.() ?? null) : (options.deliveryPhotos?.() ?? null);
      if (!photos) {
        response.setHeader('retry-after', '5');
        sendJson(response, 503, { errors: [{ message: 'Aduan is starting; try again in a few seconds.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
        return;
      }
      const handled =
        photos instanceof StaffPhotos ? photos.handle(request, response, path) : photos.handle(request, response, new URL(request.url ?? '/', 'http://aduan.invalid'));
      void handled.catch(() => {
        if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'The photo could not be read.' }] });
        else response.destroy();
      });
      return;
    }
    if (isOpen311Path(path)) {
      // Open311 runs on GraphQL's database, catalogue and change bus (open311/dependencies.ts).
      const yoga = options.graphql();
      void handleOpen311(request, response, path, yoga ? open311Dependencies(yoga) : null);
      return;
    }
    const refusal = bodyRefusal(request) ?? requestLineRefusal(request);
    if (refusal) {
      response.setHeader('connection', 'close');
      sendJson(response, refusal.status, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] });
      return;
    }
    const yoga = options.graphql();
    if (!yoga) {
      response.setHeader('retry-after', '5');
      sendJson(response, 503, { errors: [{ message: 'Aduan is starting; try again in a few seconds.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
      return;
    }
    void yoga.requestListener(request, response);
  });
}

/**
 * What Yoga would otherwise answer with a 500: a Host header no URL can be made of, and
 * GET parameters `variables` or `extensions` that are not JSON objects.
 */
function requestLineRefusal(request: import('node:http').IncomingMessage): { status: number; code: string; message: string } | null {
  let url: URL;
  try {
    url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
  } catch {
    return { status: 400, code: 'BAD_REQUEST', message: 'The Host header or the request path is not valid.' };
  }
  if (request.method === 'GET') {
    for (const name of ['variables', 'extensions']) {
      const value = url.searchParams.get(name);
      if (value === null) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = undefined;
      }
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
        return { status: 400, code: 'BAD_REQUEST', message: `The "${name}" parameter must be a JSON object.` };
      }
    }
  }
  return null;
}

function sendJson(response: import('node:http').ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
