// The files the HTTP front door serves besides GraphQL: the widget's one-script
// bundle (`/widget/aduan.js`, plus a content-hashed copy cached for a year), the chunks
// it fetches when a page needs them (`/widget/chunks/<name>-<hash>.js`) and the
// demo page (`/`, `/demo/*`); the staff console is console-files.ts. Nothing outside
// those folders is reachable.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { bytesResponse, chooseEncoding, fileResponse, fileWithin, onlyGetAndHead, PAGE_CSP, pageCspWithImagesFrom, textResponse } from './safe-files.js';

export { chooseEncoding } from './safe-files.js';

export interface StaticFilesOptions {
  /** The widget's build folder holding `aduan.js`; null when there is none. */
  widgetDir: string | null;
  /** The folder of the demo page (`index.html` and its files); null when there is none. */
  demoDir: string | null;
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

/** The demo's headers; a site's map tiles are the one thing from elsewhere, as images. */
function demoHeaders(tileOrigins: readonly string[]) {
  return { ...DEMO_HEADERS, 'content-security-policy': pageCspWithImagesFrom(tileOrigins) };
}

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
/** A chunk's name carries its content hash: nothing else under /widget/chunks/ is served. */
const CHUNK_PATH = /^\/widget\/chunks\/([A-Za-z0-9_-]+-[A-Za-z0-9_-]{8}\.js)$/;

/** A script, ready in each encoding. */
interface WidgetBundle {
  hash: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

export class StaticFiles {
  private widget: WidgetBundle | null = null;
  /** Chunks read so far, by file name (a name is its content, so never read twice). */
  private readonly chunks = new Map<string, WidgetBundle>();
  private lastLoadAttempt = 0;
  private demoRealPath: string | null = null;

  constructor(private readonly options: StaticFilesOptions) {
    this.loadWidget();
  }

  /** True for the widget's paths, `/`, `/demo` and anything below it. */
  static matches(path: string): boolean {
    return (
      path === `/widget/${WIDGET_FILE}` || HASHED_PATH.test(path) || CHUNK_PATH.test(path) || path === '/' || path === '/demo' || path.startsWith('/demo/')
    );
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

  /** Answers a request whose path `matches`; the demo page lets in map tiles from `tileOrigins`. */
  respond(request: Request, path: string, tileOrigins: readonly string[] = []): Response {
    if (request.method !== 'GET' && request.method !== 'HEAD') return onlyGetAndHead();
    return path.startsWith('/widget/') ? this.serveWidget(request, path) : this.serveDemo(request, path, tileOrigins);
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
    this.widget = compressed(file);
  }

  private serveChunk(request: Request, name: string): Response {
    let chunk = this.chunks.get(name);
    const file = this.options.widgetDir ? join(this.options.widgetDir, 'chunks', name) : null;
    if (!chunk && file && existsSync(file)) this.chunks.set(name, (chunk = compressed(file)));
    if (!chunk) return textResponse(404, 'Not found.\n');
    const headers = { ...WIDGET_HEADERS, 'cache-control': IMMUTABLE_CACHE, etag: `"${chunk.hash}"` };
    if (etagMatches(request.headers.get('if-none-match'), headers.etag)) return new Response(null, { status: 304, headers });
    const encoding = chooseEncoding(request.headers.get('accept-encoding'));
    return bytesResponse(request, 200, { ...headers, ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }) }, chunk[encoding]);
  }

  private serveWidget(request: Request, path: string): Response {
    const chunkName = CHUNK_PATH.exec(path)?.[1];
    if (chunkName) return this.serveChunk(request, chunkName);
    const widget = this.currentWidget();
    if (!widget) {
      return textResponse(503, 'The Aduan widget is not built: run `npm run build -w @aduan/widget` (or `npm start`).\n', { 'retry-after': '30' });
    }
    const hashed = HASHED_PATH.exec(path);
    if (hashed && hashed[1] !== widget.hash) return textResponse(404, 'Not found.\n');
    const etag = `"${widget.hash}"`;
    const headers: Record<string, string> = {
      ...WIDGET_HEADERS,
      'cache-control': hashed ? IMMUTABLE_CACHE : SHORT_CACHE,
      etag,
      // Lets a page (or a monitoring check) learn the content-hashed URL to pin.
      'aduan-widget-version': widget.hash,
      'access-control-expose-headers': 'Aduan-Widget-Version',
    };
    if (etagMatches(request.headers.get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
    const encoding = chooseEncoding(request.headers.get('accept-encoding'));
    return bytesResponse(request, 200, { ...headers, ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }) }, widget[encoding]);
  }

  private serveDemo(request: Request, path: string, tileOrigins: readonly string[]): Response {
    const root = this.demoRoot;
    const DEMO_HEADERS = demoHeaders(tileOrigins);
    if (path === '/' || path === '/demo' || path === '/demo/') {
      const index = root ? join(root, 'index.html') : null;
      if (!index || !existsSync(index))
        return bytesResponse(request, 503, { ...DEMO_HEADERS, 'content-type': 'text/html; charset=utf-8' }, Buffer.from(NOT_BUILT_PAGE));
      return fileResponse(request, index, DEMO_HEADERS);
    }
    const file = root ? fileWithin(root, path.slice('/demo/'.length)) : null;
    return file ? fileResponse(request, file, DEMO_HEADERS) : textResponse(404, 'Not found.\n', DEMO_HEADERS);
  }
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aduan</title></head>
<body><h1>Aduan</h1>
<p>The widget and its demo page are not built yet: run <code>npm run build -w @aduan/widget</code> (or <code>npm start</code>), then reload.</p>
<p>The GraphQL API is at <a href="/graphql">/graphql</a>.</p>
</body></html>
`;

function compressed(file: string): WidgetBundle {
  const identity = readFileSync(file);
  return {
    hash: createHash('sha256').update(identity).digest('hex').slice(0, 10),
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}
