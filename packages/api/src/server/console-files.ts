// The staff console (`@aduan/console`'s `dist/`) at `/console` and `/console/*`: its
// content-hashed assets, and index.html for every other path under /console (the app
// routes in the browser). Same strict CSP as the demo pages: the console has no
// inline script or style. Nothing outside that folder is reachable.
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { bytesResponse, fileResponse, fileWithin, onlyGetAndHead, PAGE_CSP, pageCspWithImagesFrom, textResponse } from './safe-files.js';

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

  /**
   * Answers a request whose path `matches`. The app's page lets in images from
   * `imageOrigins` (the sites' map tiles, for the routing tester's map) as the demo page does.
   */
  respond(request: Request, path: string, imageOrigins: readonly string[] = []): Response {
    if (request.method !== 'GET' && request.method !== 'HEAD') return onlyGetAndHead();
    const root = this.root;
    const index = root ? join(root, 'index.html') : null;
    if (!root || !index || !existsSync(index)) {
      const headers = { ...CONSOLE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '30' };
      return bytesResponse(request, 503, headers, Buffer.from(NOT_BUILT_PAGE));
    }
    const rest = path === '/console' ? '' : path.slice('/console/'.length);
    const last = rest.split('/').at(-1) ?? '';
    if (rest && extname(last)) {
      // A file: it exists inside dist/, or it is a 404 (never index.html for a missing script).
      const file = fileWithin(root, rest);
      if (!file) return textResponse(404, 'Not found.\n', CONSOLE_HEADERS);
      const hashed = rest.startsWith('assets/');
      return fileResponse(request, file, { ...CONSOLE_HEADERS, 'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache' });
    }
    // Any app route (/console/, /console/reports/KPG-…, /console/statistics): the app's page.
    const csp = pageCspWithImagesFrom(imageOrigins);
    return fileResponse(request, index, { ...CONSOLE_HEADERS, 'content-security-policy': csp, 'cache-control': 'no-cache' });
  }
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Aduan console</title></head>
<body><h1>Aduan console</h1>
<p>The staff console is not built yet: run <code>npm run build -w @aduan/console</code> (or <code>npm run build</code>), then reload.</p>
</body></html>
`;
