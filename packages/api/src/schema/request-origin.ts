import type { RequestOrigin } from '../intake/route-submission.js';
import type { Context } from './context.js';

/** The page a browser request came from, and this server's own origin. */
export function requestOrigin(context: Context): RequestOrigin {
  return { origin: context.request.headers.get('origin'), ownOrigin: context.ownOrigin };
}
