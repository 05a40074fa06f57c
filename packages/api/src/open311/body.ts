// The fields of POST requests: form-encoded as the spec says, multipart as many
// Open311 clients send, or a JSON object with the same names. Read with a small
// limit: a service request is a few kilobytes of text.
import type { Locale } from '../intake/messages.js';
import { badRequest, Open311Error } from './errors.js';
import { say } from './messages.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface Fields {
  /** The field's first value, trimmed; null when missing or empty. */
  get(name: string): string | null;
}

export async function readFields(request: Request, locale: Locale): Promise<Fields> {
  const contentType = request.headers.get('content-type') ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'].includes(type)) {
    throw badRequest(say('BODY_TYPE', locale));
  }
  const bytes = await readBody(request, locale);
  if (type === 'application/json') return jsonFields(bytes, locale);
  // Response parses both form encodings exactly as browsers produce them.
  const form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData().catch(() => {
    throw badRequest(say('BODY_TYPE', locale));
  });
  return {
    get(name) {
      const value = form.get(name);
      if (value === null) return null;
      if (typeof value !== 'string') throw badRequest(say('NOT_TEXT', locale, { field: name }));
      return value.trim() || null;
    },
  };
}

function jsonFields(bytes: Buffer, locale: Locale): Fields {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw badRequest(say('BODY_JSON', locale));
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(say('BODY_JSON', locale));
  const record = body as Record<string, unknown>;
  return {
    get(name) {
      const value = Object.hasOwn(record, name) ? record[name] : undefined;
      if (value === undefined || value === null) return null;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (typeof value !== 'string') throw badRequest(say('NOT_TEXT', locale, { field: name }));
      return value.trim() || null;
    },
  };
}

async function readBody(request: Request, locale: Locale): Promise<Buffer> {
  const tooLarge = () => new Open311Error(413, say('BODY_TOO_LARGE', locale, { max: MAX_BODY_BYTES / 1024 }), { connection: 'close' });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader!.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}
