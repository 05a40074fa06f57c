// The front door (front-door.ts) on node:http, with kept answers to public GETs served
// before it (kept-answer-desk.ts). A request node:http cannot turn into a
// URL (no Host header, say) gets a 400 here; everything else is the router's.
// Idle connections are kept open longer than the reverse proxy in front keeps its own.
import { createServer, type Server } from 'node:http';
import { getRequestListener, RequestError } from '@hono/node-server';
import { DEFAULT_KEEP_ALIVE_TIMEOUT_MS, HEADERS_TIMEOUT_MARGIN_MS, type Environment } from '../environment.js';
import { logFailure } from '../log.js';
import { createFrontDoor, type FrontDoorOptions } from './front-door.js';
import type { KeptAnswerDesk } from './kept-answer-desk.js';

export type { Readiness } from './front-door.js';
export { MAX_GRAPHQL_BODY_BYTES, MAX_JSON_BODY_BYTES } from './request-limits.js';
export interface HttpServerOptions extends FrontDoorOptions {
  /** Null until the database is ready, or when answers are not kept; see kept-answer-desk.ts. */
  keptAnswers?: () => Pick<KeptAnswerDesk, 'answer'> | null;
  /** ADUAN_KEEP_ALIVE_TIMEOUT_MS and ADUAN_HEADERS_TIMEOUT_MS; their defaults when not given. */
  timeouts?: Pick<Environment, 'keepAliveTimeoutMs' | 'headersTimeoutMs'>;
}

/** Node's default limit on a whole request; Node refuses a headers timeout above it, so a longer one raises it. */
const NODE_REQUEST_TIMEOUT_MS = 300_000;

export function createHttpServer(options: HttpServerOptions): Server {
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
  const { keepAliveTimeoutMs, headersTimeoutMs } = options.timeouts ?? {
    keepAliveTimeoutMs: DEFAULT_KEEP_ALIVE_TIMEOUT_MS,
    headersTimeoutMs: DEFAULT_KEEP_ALIVE_TIMEOUT_MS + HEADERS_TIMEOUT_MARGIN_MS,
  };
  const timeouts = {
    keepAliveTimeout: keepAliveTimeoutMs,
    headersTimeout: headersTimeoutMs,
    requestTimeout: Math.max(NODE_REQUEST_TIMEOUT_MS, headersTimeoutMs),
  };
  return createServer(timeouts, (incoming, outgoing) => {
    const desk = options.keptAnswers?.();
    if (!desk) return void listener(incoming, outgoing);
    desk.answer(incoming, outgoing).then(
      (answered) => {
        if (!answered) void listener(incoming, outgoing);
      },
      (error) => {
        logFailure('a kept answer could not be sent', error);
        if (!outgoing.headersSent) void listener(incoming, outgoing);
      },
    );
  });
}
