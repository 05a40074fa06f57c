// Staff passwords: scrypt (memory-hard, built into Node), N=2^15, r=8, p=1,
// a 16-byte salt, stored as `scrypt$N$r$p$salt$hash` (base64url salt and hash).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; the default maxmem (32 MiB) is exactly that at N=2^15, r=8, so leave room.
  const options: ScryptOptions = { N: n, r, p, maxmem: 128 * n * r * 2 };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches `encoded`; false (never an exception) for a malformed hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Refuse parameters that would let a tampered row exhaust memory or time.
  if (!Number.isInteger(n) || n < 2 || n > 2 ** 20 || (n & (n - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = await scrypt(password, salt, n, r, p);
  return timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows, checked when the e-mail is unknown so both refusals take as long. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  return dummyHash;
}

/**
 * A one-time password to hand to a staff member, often read aloud over the phone: five
 * groups of four digits ("4821 7390 1156 2087 6612", about 66 bits), said the same in
 * any language. It works typed with or without the spaces (see `loginForms`), and must
 * be replaced at the first sign-in.
 */
export function generatePassword(): string {
  let digits = '';
  // Bytes of 250 and above are dropped, so each digit is equally likely (250 = 25 × 10).
  while (digits.length < 20) for (const byte of randomBytes(24)) if (byte < 250 && digits.length < 20) digits += String(byte % 10);
  return digits.match(/.{4}/g)!.join(' ');
}

/**
 * The forms of what was typed that may match: as typed, and for a one-time password
 * typed with other spaces or hyphens (or none), its digits grouped as generatePassword gives them.
 */
export function loginForms(typed: string): string[] {
  const digits = typed.replace(/[\s-]/g, '');
  if (!/^\d{20}$/.test(digits)) return [typed];
  const grouped = digits.match(/.{4}/g)!.join(' ');
  return grouped === typed ? [typed] : [typed, grouped];
}
