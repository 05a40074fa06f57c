// The files the HTTP front door serves besides GraphQL: the widget's one-script
// bundle (`/widget/aduan.js`, plus a content-hashed copy cached for a year), the
// demo page (`/`, `/demo/*`) and the staff console (`/console/*`, console-files.ts).
// Nothing outside those folders is reachable.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { ConsoleFiles, defaultConsoleDir } from './console-files.js';
import { fileWithin, PAGE_CSP } from './safe-files.js';

export interface StaticFilesOptions {
  /** The widget's build folder holding `aduan.js`; null when there is none. */
  widgetDir: string | null;
  /** The folder of the demo page (`index.html` and its files); null when there is none. */
  demoDir: string | null;
  /** The staff console's build folder (`@aduan/console`'s `dist/`); found by default, null for none. */
  consoleDir?: string | null;
}

/** Where `@aduan/widget` is installed: its `dist/` and `demo/` folders. */
export function defaultStaticDirs(): StaticFilesOptions {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('@aduan/widget/package.json'));
    return { widgetDir: join(root, 'dist'), demoDir: join(root, 'demo') };
  } catch {
    return { widgetDir: null, demoDir: null };
  }
}

/** Content Security Policy of the demo pages: the strictest one the widget must work under. */
export const DEMO_CSP = PAGE_CSP;

const DEMO_HEADERS = {
  'content-security-policy': DEMO_CSP,
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

/** Any page may load the widget script: it is public and carries no secrets. */
const WIDGET_HEADERS = {
  'content-type': 'text/javascript; charset=utf-8',
  'access-control-allow-origin': '*',
  'cross-origin-resource-policy': 'cross-origin',
  'x-content-type-options': 'nosniff',
  vary: 'Accept-Encoding',
};

const WIDGET_FILE = 'aduan.js';
const SHORT_CACHE = 'public, max-age=300';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const HASHED_PATH = /^\/widget\/aduan\.([0-9a-f]{10})\.js$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.map', '.svg', '.txt']);
/** One path segment of a demo file: no dot files, no separators, nothing encoded away. */

interface WidgetBundle {
  hash: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

type Encoding = 'br' | 'gzip' | 'identity';

export class StaticFiles {
  private widget: WidgetBundle | null = null;
  private lastLoadAttempt = 0;
  private demoRealPath: string | null = null;
  private readonly console: ConsoleFiles;

  constructor(private readonly options: StaticFilesOptions) {
    this.loadWidget();
    this.console = new ConsoleFiles(options.consoleDir !== undefined ? options.consoleDir : defaultConsoleDir());
  }

  /** The demo folder's real path, once it exists. */
  private get demoRoot(): string | null {
    if (!this.demoRealPath && this.options.demoDir && existsSync(this.options.demoDir)) {
      this.demoRealPath = realpathSync(this.options.demoDir);
    }
    return this.demoRealPath;
  }

  /** The widget's content hash (first 10 hex digits of its SHA-256), or null when it is not built. */
  get widgetVersion(): string | null {
    return this.currentWidget()?.hash ?? null;
  }

  /** Answers the request when it is for a static file; false leaves it to the caller. */
  handle(request: IncomingMessage, response: ServerResponse, path: string): boolean {
    if (ConsoleFiles.matches(path)) {
      this.console.handle(request, response, path);
      return true;
    }
    const isWidget = path === `/widget/${WIDGET_FILE}` || HASHED_PATH.test(path);
    const isDemo = path === '/' || path === '/demo' || path.startsWith('/demo/');
    if (!isWidget && !isDemo) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      response.end('Only GET and HEAD are allowed here.\n');
      return true;
    }
    if (isWidget) this.serveWidget(request, response, path);
    else this.serveDemo(request, response, path);
    return true;
  }

  private currentWidget(): WidgetBundle | null {
    // Built after the server started (e.g. a watch build)? Look again, at most once a second.
    if (!this.widget && Date.now() - this.lastLoadAttempt > 1_000) this.loadWidget();
    return this.widget;
  }

  private loadWidget(): void {
    this.lastLoadAttempt = Date.now();
    if (!this.options.widgetDir) return;
    const file = join(this.options.widgetDir, WIDGET_FILE);
    if (!existsSync(file)) return;
    const identity = readFileSync(file);
    this.widget = {
      hash: createHash('sha256').update(identity).digest('hex').slice(0, 10),
      identity,
      gzip: gzipSync(identity, { level: 9 }),
      br: brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    };
  }

  private serveWidget(request: IncomingMessage, response: ServerResponse, path: string): void {
    const widget = this.currentWidget();
    if (!widget) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '30' });
      response.end('The Aduan widget is not built: run `npm run build -w @aduan/widget` (or `npm start`).\n');
      return;
    }
    const hashed = HASHED_PATH.exec(path);
    if (hashed && hashed[1] !== widget.hash) {
      notFound(response);
      return;
    }
    const etag = `"${widget.hash}"`;
    const headers: Record<string, string> = {
      ...WIDGET_HEADERS,
      'cache-control': hashed ? IMMUTABLE_CACHE : SHORT_CACHE,
      etag,
      // Lets a page (or a monitoring check) learn the content-hashed URL to pin.
      'aduan-widget-version': widget.hash,
      'access-control-expose-headers': 'Aduan-Widget-Version',
    };
    if (etagMatches(request.headers['if-none-match'], etag)) {
      response.writeHead(304, headers).end();
      return;
    }
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    const body = widget[encoding === 'identity' ? 'identity' : encoding];
    send(request, response, 200, { ...headers, ...encodingHeaders(encoding, body) }, body);
  }

  private serveDemo(request: IncomingMessage, response: ServerResponse, path: string): void {
    const root = this.demoRoot;
    const index = root ? join(root, 'index.html') : null;
    if (path === '/' || path === '/demo' || path === '/demo/') {
      if (!index || !existsSync(index)) {
        send(request, response, 503, { ...DEMO_HEADERS, 'content-type': 'text/html; charset=utf-8' }, Buffer.from(NOT_BUILT_PAGE));
        return;
      }
      this.sendDemoFile(request, response, index);
      return;
    }
    const file = this.demoFile(path.slice('/demo/'.length));
    if (!file) {
      notFound(response, DEMO_HEADERS);
      return;
    }
    this.sendDemoFile(request, response, file);
  }

  /** The real path of a file inside the demo folder, or null for anything else. */
  private demoFile(rest: string): string | null {
    const root = this.demoRoot;
    if (!root) return null;
    return fileWithin(root, rest, CONTENT_TYPES);
  }

  private sendDemoFile(request: IncomingMessage, response: ServerResponse, file: string): void {
    const extension = extname(file).toLowerCase();
    const identity = readFileSync(file);
    const encoding = COMPRESSIBLE.has(extension) ? chooseEncoding(request.headers['accept-encoding'], false) : 'identity';
    const body = encoding === 'gzip' ? gzipSync(identity) : identity;
    send(
      request,
      response,
      200,
      { ...DEMO_HEADERS, 'content-type': CONTENT_TYPES[extension]!, vary: 'Accept-Encoding', ...encodingHeaders(encoding, body) },
      body,
    );
  }
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aduan</title></head>
<body><h1>Aduan</h1>
<p>The widget and its demo page are not built yet: run <code>npm run build -w @aduan/widget</code> (or <code>npm start</code>), then reload.</p>
<p>The GraphQL API is at <a href="/graphql">/graphql</a>.</p>
</body></html>
`;

function send(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
): void {
  response.writeHead(status, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

function notFound(response: ServerResponse, extra: Record<string, string> = {}): void {
  response.writeHead(404, { ...extra, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end('Not found.\n');
}

function encodingHeaders(encoding: Encoding, body: Buffer): Record<string, string> {
  return {
    'content-length': String(body.byteLength),
    ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
  };
}

/** br when the client takes it, else gzip, else the bytes as they are. */
export function chooseEncoding(header: string | string[] | undefined, allowBrotli = true): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const takes = (name: string) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  if (allowBrotli && takes('br')) return 'br';
  if (takes('gzip')) return 'gzip';
  return 'identity';
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}
