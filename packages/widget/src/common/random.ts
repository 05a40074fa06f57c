/** Bytes in base64url, no padding. */
export function base64url(bytes: ArrayBuffer | Uint8Array): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
}

/**
 * `bytes` random bytes in base64url: idempotency keys (16) and resident keys (32).
 * getRandomValues works on plain-http pages too, where many city sites still are.
 */
export function randomKey(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}
