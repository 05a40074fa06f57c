// The spec's error answer: an array of `{ code, description }` with an HTTP status
// of 404 for what does not exist, 403 for a missing or wrong api_key and 400 for
// anything else the request got wrong. `code` repeats the HTTP status.
import { AduanError } from '../errors.js';

export interface Open311ErrorItem {
  code: number;
  description: string;
}

export class Open311Error extends AduanError {
  readonly errors: Open311ErrorItem[];

  constructor(
    readonly status: number,
    descriptions: string | readonly string[],
    /** Extra response headers, e.g. `allow` for a 405. */
    readonly headers: Record<string, string> = {},
  ) {
    const list = typeof descriptions === 'string' ? [descriptions] : [...descriptions];
    super(list.join(' '), `OPEN311_${status}`);
    this.errors = list.map((description) => ({ code: status, description }));
  }
}

export const badRequest = (description: string | readonly string[]) => new Open311Error(400, description);
export const forbidden = (description: string) => new Open311Error(403, description);
export const notFound = (description: string) => new Open311Error(404, description);
