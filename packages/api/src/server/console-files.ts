// The staff console (`@aduan/console`'s `dist/`) at `/console` and `/console/*`: its
// content-hashed assets, and index.html for every other path under /console (the app
// routes in the browser). Same strict CSP as the demo pages: the console has no
// inline script or style. Nothing outside that folder is reachable.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileWithin, PAGE_CSP } from './safe-files.js';

/** Where `@aduan/console` is installed: its `dist/` folder, or null when the package is missing. */
export function defaultConsoleDir(): string | null {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@aduan/console/package.json')), 'dist');
  } catch {
    return null;
  }
}

/** The same policy as the demo pages. */
export const CONSOLE_CSP = PAGE_CSP;

export const CONSOLE_HEADERS: Record<string, string> = {
  'content-security-policy': CONSOLE_CSP,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.json', '.map', '.svg', '.txt']);

export class ConsoleFiles {
  private realRoot: string | null = null;

  constructor(private readonly dir: string | null) {}

  private get root(): string | null {
    if (!this.realRoot && this.dir && existsSync(this.dir)) this.realRoot = realpathSync(this.dir);
    return this.realRoot;
  }

  /** True for `/console` and anything below it. */
  static matches(path: string): boolean {
    return path === '/console' || path.startsWith('/console/');
  }

  handle(request: IncomingMessage, response: ServerResponse, path: string): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      response.end('Only GET and HEAD are allowed here.\n');
      return;
    }
    const root = this.root;
    const index = root ? join(root, 'index.html') : null;
    if (!root || !index || !existsSync(index)) {
      this.send(request, response, 503, 'text/html; charset=utf-8', Buffer.from(NOT_BUILT_PAGE), { 'cache-control': 'no-store', 'retry-after': '30' });
      return;
    }
    const rest = path === '/console' ? '' : path.slice('/console/'.length);
    const last = rest.split('/').at(-1) ?? '';
    if (rest && extname(last)) {
      // A file: it exists inside dist/, or it is a 404 (never index.html for a missing script).
      const file = this.file(root, rest);
      if (!file) {
        response.writeHead(404, { ...CONSOLE_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        response.end('Not found.\n');
        return;
      }
      const hashed = rest.startsWith('assets/');
      this.sendFile(request, response, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    // Any app route (/console/, /console/reports/KPG-…, /console/statistics): the app's page.
    this.sendFile(request, response, index, 'no-cache');
  }

  private file(root: string, rest: string): string | null {
    return fileWithin(root, rest, TYPES);
  }


  private sendFile(request: IncomingMessage, response: ServerResponse, file: string, cache: string): void {
    const extension = extname(file).toLowerCase();
    const identity = readFileSync(file);
    const encoding = COMPRESSIBLE.has(extension) && acceptsGzip(request.headers['accept-encoding']) ? 'gzip' : 'identity';
    const body = encoding === 'gzip' ? gzipSync(identity) : identity;
    this.send(request, response, 200, TYPES[extension]!, body, {
      'cache-control': cache,
      vary: 'Accept-Encoding',
      ...(encoding === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
    });
  }

  private send(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    type: string,
    body: Buffer,
    extra: Record<string, string>,
  ): void {
    response.writeHead(status, { ...CONSOLE_HEADERS, 'content-type': type, 'content-length': String(body.byteLength), ...extra });
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  return (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .some((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return (name === 'gzip' || name === '*') && (q ? Number(q.slice(2)) > 0 : true);
    });
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aduan console</title></head>
<body><h1>Aduan console</h1>
<p>The staff console is not built yet: run <code>npm run build -w @aduan/console</code> (or <code>npm run build</code>), then reload.</p>
</body></html>
`;
