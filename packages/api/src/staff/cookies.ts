// The console's session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent
// on cross-site POSTs), Path=/, and Secure whenever the request came over TLS —
// directly or through a proxy that says so in X-Forwarded-Proto.
export const SESSION_COOKIE = 'aduan_session';

/** Sessions last 12 hours from login. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function requestIsSecure(request: Request): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  const forwarded = request.headers.get('x-forwarded-proto');
  return forwarded?.split(',')[0]?.trim().toLowerCase() === 'https';
}

export function sessionCookie(request: Request, value: string, maxAgeSeconds: number): string {
  const attributes = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (requestIsSecure(request)) attributes.push('Secure');
  return attributes.join('; ');
}

export function clearedSessionCookie(request: Request): string {
  return sessionCookie(request, '', 0);
}
