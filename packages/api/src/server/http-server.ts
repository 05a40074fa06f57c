// The front door (front-door.ts) on node:http. A request node:http cannot turn into a
// URL (no Host header, say) gets a 400 here; everything else is the router's.
import { createServer, type Server } from 'node:http';
import { getRequestListener, RequestError } from '@hono/node-server';
import { createFrontDoor, type FrontDoorOptions } from './front-door.js';

export type { Readiness } from './front-door.js';
export { MAX_GRAPHQL_BODY_BYTES, MAX_JSON_BODY_BYTES } from './request-limits.js';
export type HttpServerOptions = FrontDoorOptions;

export function createHttpServer(options: FrontDoorOptions): Server {
  const app = createFrontDoor(options);
  const listener = getRequestListener((request, env) => app.fetch(request, env), {
    // Yoga and the rest of the process keep Node's own Request and Response.
    overrideGlobalObjects: false,
    errorHandler: (error) => {
      const bad = error instanceof RequestError;
      const body = bad
        ? { message: 'The Host header or the request path is not valid.', extensions: { code: 'BAD_REQUEST' } }
        : { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      return new Response(JSON.stringify({ errors: [body] }), {
        status: bad ? 400 : 500,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' },
      });
    },
  });
  return createServer((incoming, outgoing) => void listener(incoming, outgoing));
}
