// The HTTP front door, as one fetch router (Hono): `/healthz` for load balancers, the
// widget script and the demo page (static-files.ts), the staff console
// (console-files.ts), report photos for staff (`/staff/photos/<id>`, staff-photos.ts)
// and for agencies' systems through signed links (`/delivery/photos/<id>?…`,
// delivery-photos.ts), Open311 GeoReport v2 at `/open311/v2/` (open311/), and GraphQL
// at `/graphql`; anything else is a 404. Every route answers a Fetch Request, so a test can call
// `createFrontDoor(…).fetch(request)` without a socket; http-server.ts puts it on
// node:http. Until the database is ready, GraphQL, Open311 and photos answer 503.
import { compressed } from './compression.js';
import { PREVIEW_PAGE_PATH, previewPage, STATISTICS_PAGE_PATH, statisticsPage, type PublicSite } from './site-pages.js';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { handleOpen311, type Open311Dependencies } from '../open311/index.js';
import { logFailure } from '../log.js';
import { ConsoleFiles, defaultConsoleDir } from './console-files.js';
import type { DeliveryPhotos } from './delivery-photos.js';
import type { AduanYoga } from './graphql.js';
import { bodyRefusal, requestLineRefusal, type Refusal } from './request-limits.js';
import { GRAPHIQL_CSP, graphiqlAsset } from './graphiql.js';
import type { StaffPhotos } from './staff-photos.js';
import { defaultStaticDirs, StaticFiles, type StaticFilesOptions } from './static-files.js';

export interface Readiness {
  /** Resolves true when the service can answer requests now. */
  check(): Promise<boolean>;
}

export interface FrontDoorOptions {
  readiness: Readiness;
  /** Null until the database is migrated and the schema can be served. */
  graphql: () => AduanYoga | null;
  /** Null until the database is ready; what Open311 runs on (the service's database, catalogue and ledger). */
  open311?: () => Open311Dependencies | null;
  /** Null until the database is ready; built with the database and the photo storage. */
  staffPhotos?: () => StaffPhotos | null;
  /** Null until the database is ready; photos behind the signed links in deliveries. */
  deliveryPhotos?: () => DeliveryPhotos | null;
  /** Where the widget bundle and the demo page are; `@aduan/widget`'s `dist/` and `demo/` by default. */
  staticDirs?: Partial<StaticFilesOptions>;
  /** The staff console's build folder; `@aduan/console`'s `dist/` by default, null for none. */
  consoleDir?: string | null;
  /** Origins of the sites' map tiles, let into the demo page as images. */
  mapTileOrigins?: () => Promise<string[]>;
  /** A site by its key (null when unknown), for its public statistics page. */
  publicSite?: (key: string) => Promise<PublicSite | null>;
}

/** node:http's request and response, when the front door runs on a socket (absent for in-process `fetch`). */
export type FrontDoor = Hono<{ Bindings: Partial<HttpBindings> }>;

const STARTING = { message: 'Aduan is starting; try again in a few seconds.', extensions: { code: 'SERVICE_UNAVAILABLE' } };

export function createFrontDoor(options: FrontDoorOptions): FrontDoor {
  const defaults = defaultStaticDirs();
  const staticFiles = new StaticFiles({
    widgetDir: options.staticDirs?.widgetDir !== undefined ? options.staticDirs.widgetDir : defaults.widgetDir,
    demoDir: options.staticDirs?.demoDir !== undefined ? options.staticDirs.demoDir : defaults.demoDir,
  });
  const consoleFiles = new ConsoleFiles(options.consoleDir !== undefined ? options.consoleDir : defaultConsoleDir());
  const app: FrontDoor = new Hono();
  // The raw path: a router's decoded path must never decide which file is read.
  const pathOf = (c: Context) => new URL(c.req.url).pathname;

  app.all('/healthz', async () => {
    try {
      const ready = await options.readiness.check();
      return json(ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
    } catch {
      return json(503, { status: 'unavailable' });
    }
  });

  for (const route of ['/', '/demo', '/demo/*', '/widget/*']) {
    app.all(route, async (c, next) =>
      StaticFiles.matches(pathOf(c)) ? staticFiles.respond(c.req.raw, pathOf(c), (await options.mapTileOrigins?.()) ?? []) : next(),
    );
  }
  for (const route of ['/console', '/console/*']) {
    app.all(route, async (c) => consoleFiles.respond(c.req.raw, pathOf(c), (await options.mapTileOrigins?.()) ?? []));
  }

  app.all('/statistik/*', (c, next) => {
    const key = STATISTICS_PAGE_PATH.exec(pathOf(c))?.[1];
    return key ? statisticsPage(c.req.raw, key, options.publicSite ?? (async () => null)) : next();
  });
  app.all('/pratinjau/*', (c, next) => {
    const key = PREVIEW_PAGE_PATH.exec(pathOf(c))?.[1];
    return key ? previewPage(c.req.raw, key, options.publicSite ?? (async () => null)) : next();
  });

  for (const route of ['/staff/photos', '/staff/photos/*']) {
    app.all(route, async (c) => {
      const photos = options.staffPhotos?.() ?? null;
      return photos ? photos.respond(c.req.raw, pathOf(c)) : starting();
    });
  }
  app.all('/delivery/photos/*', async (c) => {
    const photos = options.deliveryPhotos?.() ?? null;
    return photos ? photos.respond(c.req.raw) : starting();
  });

  app.all('/graphiql/*', (c) => graphiqlAsset(c.req.raw, pathOf(c)));

  for (const route of ['/open311/v2', '/open311/v2/*']) {
    app.all(route, (c) => handleOpen311(c.req.raw, { address: c.env?.incoming?.socket.remoteAddress }, options.open311?.() ?? null));
  }

  app.all('/graphql', async (c) => {
    const refusal = bodyRefusal(c.req.raw) ?? requestLineRefusal(c.req.raw);
    // The body is never read, so the connection cannot be used again.
    if (refusal) return refused(refusal, { connection: 'close' });
    const yoga = options.graphql();
    if (!yoga) return starting();
    const incoming = c.env?.incoming;
    const response = await yoga.fetch(c.req.raw, incoming ? { req: incoming } : {});
    return response.headers.get('content-type')?.startsWith('text/html') ? asPage(response) : compressed(c.req.raw, response);
  });

  app.notFound(() => new Response('Not found.\n', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } }));
  app.onError((error) => {
    logFailure('a request failed', error);
    return json(500, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });
  return app;
}

/** GraphiQL's page, under Aduan's page policy: scripts and styles from this origin only, no framing. */
async function asPage(response: Response): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', GRAPHIQL_CSP);
  headers.set('x-frame-options', 'DENY');
  headers.set('x-content-type-options', 'nosniff');
  headers.set('referrer-policy', 'no-referrer');
  return new Response(await response.text(), { status: response.status, headers });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function refused(refusal: Refusal, headers: Record<string, string> = {}): Response {
  return json(refusal.status, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] }, headers);
}

function starting(): Response {
  return json(503, { errors: [STARTING] }, { 'retry-after': '5' });
}
