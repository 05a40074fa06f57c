// What the static routes (demo pages, widget, console) share: the page policy,
// and turning a URL path into a file that is surely inside one folder.
import { realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

/** Content Security Policy of Aduan's own pages: the strictest one the widget must work under. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; worker-src blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * The real path of `rest` (URL-encoded segments separated by `/`) inside `root`, or null:
 * for dot files, `..`, encoded separators, bad encodings, unknown extensions, folders,
 * and symbolic links that lead out of `root`.
 */
export function fileWithin(root: string, rest: string, types: Record<string, string>): string | null {
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
  if (!types[extname(segments.at(-1) ?? '').toLowerCase()]) return null;
  try {
    const real = realpathSync(join(root, ...segments));
    if (!real.startsWith(root + sep) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}
