// What the front door refuses before GraphQL reads a byte: bodies too large or of unknown
// size, and request lines Yoga would otherwise answer with a 500.

/** Multipart bodies larger than this are refused before they are read: 3 photos of 8 MB and the rest. */
export const MAX_GRAPHQL_BODY_BYTES = 26 * 1024 * 1024;
/** Any other GraphQL body: a report's text is at most 5,000 characters, a staff query far less. */
export const MAX_JSON_BODY_BYTES = 128 * 1024;

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/**
 * Sizes are checked from Content-Length before a byte is read; a POST without one
 * (a chunked body, whose size nobody knows in advance) is refused with 411 — every
 * browser, fetch and XMLHttpRequest sends it.
 */
export function bodyRefusal(request: Request): Refusal | null {
  if (request.method !== 'POST') return null;
  const header = request.headers.get('content-length');
  if (header === null) return { status: 411, code: 'LENGTH_REQUIRED', message: 'Send the request with a Content-Length header.' };
  const length = Number(header);
  const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/');
  const max = multipart ? MAX_GRAPHQL_BODY_BYTES : MAX_JSON_BODY_BYTES;
  if (!Number.isSafeInteger(length) || length <= max) return null;
  return {
    status: 413,
    code: 'REQUEST_TOO_LARGE',
    message: multipart ? 'The request is too large: at most 3 photos of 8 MB each.' : `The request is too large: at most ${max / 1024} KB without photos.`,
  };
}

/** GET parameters `variables` or `extensions` that are not JSON objects. */
export function requestLineRefusal(request: Request): Refusal | null {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  for (const name of ['variables', 'extensions']) {
    const value = url.searchParams.get(name);
    if (value === null) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      return { status: 400, code: 'BAD_REQUEST', message: `The "${name}" parameter must be a JSON object.` };
    }
  }
  return null;
}
