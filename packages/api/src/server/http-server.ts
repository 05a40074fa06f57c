// The HTTP front door: `/healthz` for load balancers, `/graphql` for everyone
// else. It listens at once and answers 503 until the database is ready.
import { createServer, type Server } from 'node:http';
import type { AduanYoga } from './graphql.js';

export interface Readiness {
  /** Resolves true when the service can answer requests now. */
  check(): Promise<boolean>;
}

export interface HttpServerOptions {
  readiness: Readiness;
  /** Null until the database is migrated and the schema can be served. */
  graphql: () => AduanYoga | null;
}

export function createHttpServer(options: HttpServerOptions): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      void options.readiness.check().then(
        (ready) => sendJson(response, ready ? 200 : 503, { status: ready ? 'ok' : 'starting' }),
        () => sendJson(response, 503, { status: 'unavailable' }),
      );
      return;
    }
    if (path === '/') {
      response.writeHead(302, { location: '/graphql' }).end();
      return;
    }
    const yoga = options.graphql();
    if (!yoga) {
      response.setHeader('retry-after', '5');
      sendJson(response, 503, { errors: [{ message: 'Aduan is starting; try again in a few seconds.' }] });
      return;
    }
    void yoga.requestListener(request, response);
  });
}

function sendJson(response: import('node:http').ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}
