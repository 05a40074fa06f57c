// What the static routes (demo pages, widget, console) share: the page policy, turning
// a URL path into a file that is surely inside one folder, and answering with it.
// Content types come from Hono's table. Hono's own serve-static middleware is not used:
// it serves dot files and follows symbolic links out of its root.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { getMimeType } from 'hono/utils/mime';

/** Content Security Policy of Aduan's own pages: the strictest one the widget must work under. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** PAGE_CSP letting in images (map tiles) from `origins` too. */
export function pageCspWithImagesFrom(origins: readonly string[]): string {
  return origins.length ? PAGE_CSP.replace("img-src 'self'", `img-src 'self' ${origins.join(' ')}`) : PAGE_CSP;
}

const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
/** Text worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml)/;

/** The content type of a file Aduan serves, by its extension; undefined for one it does not. */
export function contentTypeOf(file: string): string | undefined {
  const type = getMimeType(file);
  return type === 'application/json' ? 'application/json; charset=utf-8' : type;
}

/**
 * The real path of `rest` (URL-encoded segments separated by `/`) inside `root`, or null:
 * for dot files, `..`, encoded separators, bad encodings, unknown types, folders,
 * and symbolic links that lead out of `root`.
 */
export function fileWithin(root: string, rest: string): string | null {
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!SAFE_SEGMENT.test(segment)) return null;
    segments.push(segment);
  }
  if (!contentTypeOf(segments.at(-1) ?? '')) return null;
  try {
    const real = realpathSync(join(root, ...segments));
    if (!real.startsWith(root + sep) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** br when the client takes it, else gzip, else the bytes as they are. */
export function chooseEncoding(header: string | null | undefined, allowBrotli = true): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
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

/** An answer with a body; HEAD gets the same headers and no body. */
export function bytesResponse(request: Request, status: number, headers: Record<string, string>, body: Uint8Array): Response {
  const withLength = { ...headers, 'content-length': String(body.byteLength) };
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status, headers: withLength });
}

/** A file found by fileWithin, gzipped when it is text and the client takes gzip. */
export function fileResponse(request: Request, file: string, headers: Record<string, string>): Response {
  const type = contentTypeOf(file)!;
  const identity = readFileSync(file);
  const gzip = COMPRESSIBLE.test(type) && chooseEncoding(request.headers.get('accept-encoding'), false) === 'gzip';
  return bytesResponse(
    request,
    200,
    { ...headers, 'content-type': type, vary: 'Accept-Encoding', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
    gzip ? gzipSync(identity) : identity,
  );
}

/** Plain text, never cached: errors and refusals of the file routes. */
export function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}

/** The answer of a file route to anything but GET and HEAD. */
export function onlyGetAndHead(): Response {
  return textResponse(405, 'Only GET and HEAD are allowed here.\n', { allow: 'GET, HEAD' });
}
