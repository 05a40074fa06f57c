/**
 * Tracking codes that residents read aloud, write on paper and type on cheap phones.
 *
 * Canonical form: `PREFIX-XXXXX-XXXXX`, e.g. `KPG-7F3K2-Q9D4X`.
 * - PREFIX: the deployment's 2–6 uppercase letters A–Z.
 * - 9 random symbols of Crockford base32 (45 random bits: unguessable by enumeration),
 *   followed by 1 check symbol.
 *
 * The check symbol makes the body a codeword of a polynomial check over GF(32):
 * reading the 10 symbol values v₀…v₉ as elements of GF(2⁵) (modulus x⁵ + x² + 1),
 * Σ vᵢ·α^(9−i) = 0, where α = x generates the field's multiplicative group (order 31).
 * - A single substitution adds e·α^k with e ≠ 0, which is never 0: always detected.
 * - Swapping symbols a ≠ b at positions k and k+d adds (a−b)·α^k·(α^d − 1), which is 0
 *   only when α^d = 1, i.e. d a multiple of 31: every transposition in a 10-symbol body
 *   (adjacent or not, including with the check symbol) is detected.
 * Luhn mod N was the first candidate but it misses one adjacent transposition
 * (values 0 and N−1, i.e. "0Z" ↔ "Z0"), the same blind spot as Luhn's "09" ↔ "90".
 */

/** Crockford base32: digits and letters without I, L, O, U (no look-alikes, no accidental words). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_SYMBOLS = 9;
const BODY_SYMBOLS = RANDOM_SYMBOLS + 1;
const PREFIX_PATTERN = /^[A-Z]{2,6}$/;
/** x⁵ + x² + 1, a primitive polynomial: α = x has multiplicative order 31. */
const FIELD_MODULUS = 0b100101;
/** Longer inputs cannot be a code; refusing them early keeps parsing cheap on hostile input. */
const MAX_INPUT_LENGTH = 64;

/** How many random bits a tracking code carries (9 symbols × 5 bits). */
export const TRACKING_CODE_RANDOM_BITS = RANDOM_SYMBOLS * 5;

/** Source of cryptographically strong random bytes; injectable for deterministic tests. */
export type RandomBytes = (n: number) => Uint8Array;

const defaultRandomBytes: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

const SYMBOL_VALUES: ReadonlyMap<string, number> = new Map([...ALPHABET].map((symbol, value) => [symbol, value] as const));
/** Characters people type for symbols that Crockford base32 leaves out. */
const LOOK_ALIKES: ReadonlyMap<string, number> = new Map([
  ['O', 0],
  ['I', 1],
  ['L', 1],
]);

function multiplyByAlpha(value: number): number {
  const shifted = value << 1;
  return shifted & 0b100000 ? shifted ^ FIELD_MODULUS : shifted;
}

/** Horner evaluation of the body polynomial at α; 0 for a valid body (with check symbol). */
function syndrome(values: readonly number[]): number {
  let acc = 0;
  for (const value of values) acc = multiplyByAlpha(acc) ^ value;
  return acc;
}

/** The check value that makes `randomValues` followed by it evaluate to 0 (in GF(2⁵), −x = x). */
function checkValue(randomValues: readonly number[]): number {
  return multiplyByAlpha(syndrome(randomValues));
}

function assertPrefix(prefix: string): void {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new RangeError(`Tracking code prefix must be 2–6 uppercase letters A–Z, got ${JSON.stringify(prefix)}`);
  }
}

function format(prefix: string, values: readonly number[]): string {
  const symbols = values.map((value) => ALPHABET[value]).join('');
  return `${prefix}-${symbols.slice(0, 5)}-${symbols.slice(5)}`;
}

/**
 * A new random tracking code such as `KPG-7F3K2-Q9D4X`.
 * Each random symbol takes exactly 5 bits from the random bytes, so every symbol is
 * uniform (no modulo bias). Throws a RangeError on a prefix that is not 2–6 letters A–Z.
 */
export function generateTrackingCode(prefix: string, randomBytes: RandomBytes = defaultRandomBytes): string {
  assertPrefix(prefix);
  const byteCount = Math.ceil(TRACKING_CODE_RANDOM_BITS / 8);
  const bytes = randomBytes(byteCount);
  if (bytes.length < byteCount) {
    throw new RangeError(`randomBytes returned ${bytes.length} bytes, ${byteCount} needed`);
  }
  const values: number[] = [];
  let buffer = 0;
  let bufferedBits = 0;
  let byteIndex = 0;
  while (values.length < RANDOM_SYMBOLS) {
    if (bufferedBits < 5) {
      buffer = ((buffer << 8) | (bytes[byteIndex++] ?? 0)) & 0xfff;
      bufferedBits += 8;
    }
    bufferedBits -= 5;
    values.push((buffer >> bufferedBits) & 0b11111);
  }
  values.push(checkValue(values));
  return format(prefix, values);
}

/**
 * The canonical code for what a resident typed, or null if it is not a valid code.
 *
 * Forgiving where it is safe: case-insensitive; separators (hyphens, spaces, dots,
 * underscores, any non-alphanumeric character) are ignored; O reads as 0 and I, L as 1
 * in the body; the prefix may be left out. Strict where it matters: the body must be
 * 10 symbols, anything before it must be this deployment's prefix, and the check
 * symbol must match. Throws a RangeError on a bad `prefix` (a programmer error).
 */
export function parseTrackingCode(input: string, prefix: string): string | null {
  assertPrefix(prefix);
  if (input.length > MAX_INPUT_LENGTH) return null;
  const compact = input.replace(/[^\p{L}\p{N}]+/gu, '').toUpperCase();
  if (compact.length !== BODY_SYMBOLS && compact.length !== BODY_SYMBOLS + prefix.length) return null;

  const typedPrefix = compact.slice(0, compact.length - BODY_SYMBOLS);
  if (typedPrefix !== '' && typedPrefix !== prefix) return null;

  const values: number[] = [];
  for (const symbol of compact.slice(typedPrefix.length)) {
    const value = SYMBOL_VALUES.get(symbol) ?? LOOK_ALIKES.get(symbol);
    if (value === undefined) return null;
    values.push(value);
  }
  return syndrome(values) === 0 ? format(prefix, values) : null;
}
