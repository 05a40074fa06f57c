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

/** Bodies larger than this are refused before they are read: 3 photos of 8 MB and the rest. */
export const MAX_GRAPHQL_BODY_BYTES = 26 * 1024 * 1024;

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
    if (Number(request.headers['content-length'] ?? 0) > MAX_GRAPHQL_BODY_BYTES) {
      response.setHeader('connection', 'close');
      sendJson(response, 413, { errors: [{ message: 'The request is too large: at most 3 photos of 8 MB each.' }] });
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

function sendJson(response: import('node:http').ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
