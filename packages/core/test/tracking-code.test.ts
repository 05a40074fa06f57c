import { describe, expect, it } from 'vitest';
import { TRACKING_CODE_RANDOM_BITS, generateTrackingCode, parseTrackingCode } from '../src/index.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CANONICAL = /^KPG-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** Deterministic bytes (xorshift32), so failures can be reproduced. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let state = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out[i] = state & 0xff;
    }
    return out;
  };
}

function body(code: string): string {
  return code.slice(4).replace('-', '');
}

function withBody(symbols: string): string {
  return `KPG-${symbols.slice(0, 5)}-${symbols.slice(5)}`;
}

describe('generateTrackingCode', () => {
  it('carries 45 random bits', () => {
    expect(TRACKING_CODE_RANDOM_BITS).toBe(45);
  });

  it('produces canonical codes that parse back to themselves (10,000 codes)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const code = generateTrackingCode('KPG');
      expect(code).toMatch(CANONICAL);
      expect(parseTrackingCode(code, 'KPG')).toBe(code);
      seen.add(code);
    }
    expect(seen.size).toBe(10_000);
  });

  it('is deterministic with injected random bytes and uses exactly 5 bits per symbol', () => {
    const a = generateTrackingCode('KPG', seededBytes(42));
    const b = generateTrackingCode('KPG', seededBytes(42));
    expect(a).toBe(b);
    expect(generateTrackingCode('KPG', seededBytes(43))).not.toBe(a);

    // All-zero bytes: all-zero symbols, and the check symbol of an all-zero body is 0.
    expect(generateTrackingCode('KPG', (n) => new Uint8Array(n))).toBe('KPG-00000-00000');
    // 0xff bytes: every random symbol is Z (value 31).
    expect(generateTrackingCode('KPG', (n) => new Uint8Array(n).fill(0xff)).slice(0, 14)).toBe('KPG-ZZZZZ-ZZZZ');
    // 0b00001_000 10_00011 ... : bits are read most significant first, 5 at a time.
    const bits = '000010001000011001000010100110001110100001001';
    const bytes = new Uint8Array(6);
    for (let i = 0; i < bits.length; i++) if (bits[i] === '1') bytes[i >> 3]! |= 0x80 >> (i & 7);
    expect(body(generateTrackingCode('KPG', () => bytes)).slice(0, 9)).toBe('123456789');
  });

  it('asks for 6 bytes and rejects a short supply', () => {
    const asked: number[] = [];
    generateTrackingCode('KPG', (n) => {
      asked.push(n);
      return new Uint8Array(n);
    });
    expect(asked).toEqual([6]);
    expect(() => generateTrackingCode('KPG', () => new Uint8Array(5))).toThrow(RangeError);
  });

  it('rejects a bad prefix', () => {
    for (const prefix of ['', 'K', 'kpg', 'KPGKPGK', 'KP1', 'KÖP', 'KP G']) {
      expect(() => generateTrackingCode(prefix)).toThrow(RangeError);
    }
    expect(generateTrackingCode('AB')).toMatch(/^AB-/);
    expect(generateTrackingCode('ABCDEF')).toMatch(/^ABCDEF-/);
  });

  it('spreads symbols evenly over every position (32,768 codes)', () => {
    const counts = Array.from({ length: 9 }, () => new Array<number>(32).fill(0));
    const random = seededBytes(2024);
    const total = 32_768;
    for (let i = 0; i < total; i++) {
      const symbols = body(generateTrackingCode('KPG', random));
      for (let p = 0; p < 9; p++) counts[p]![ALPHABET.indexOf(symbols[p]!)]! += 1;
    }
    // Expected 1,024 per cell, σ ≈ 31.5; ±25% is > 8σ yet catches any bias of note.
    for (const row of counts) {
      for (const count of row) {
        expect(count).toBeGreaterThan(768);
        expect(count).toBeLessThan(1280);
      }
    }
  });
});

describe('parseTrackingCode', () => {
  const code = generateTrackingCode('KPG', seededBytes(7));

  it('accepts what residents actually type', () => {
    const symbols = body(code);
    const variants = [
      code,
      code.toLowerCase(),
      symbols,
      symbols.toLowerCase(),
      `kpg ${symbols.slice(0, 5)} ${symbols.slice(5)}`,
      `KPG.${symbols.slice(0, 5)}.${symbols.slice(5)}`,
      `KPG_${symbols}`,
      `  ${code}  `,
      `Kpg — ${symbols.slice(0, 3)} ${symbols.slice(3, 6)} ${symbols.slice(6)}`,
      `${symbols.slice(0, 5)}-${symbols.slice(5)}`,
    ];
    for (const variant of variants) expect(parseTrackingCode(variant, 'KPG'), variant).toBe(code);
  });

  it('reads O as 0 and I or L as 1 in the body', () => {
    const withZerosAndOnes = '1010101010';
    // Find a valid code whose body has 0s and 1s: brute-force the check symbol.
    const valid = [...ALPHABET]
      .map((check) => withBody(`${withZerosAndOnes.slice(0, 9)}${check}`))
      .find((candidate) => parseTrackingCode(candidate, 'KPG') !== null);
    expect(valid).toBeDefined();
    const typed = valid!.replaceAll('0', 'o').replace('1', 'l').replace('1', 'I').replace('1', 'i');
    expect(parseTrackingCode(typed, 'KPG')).toBe(valid);
    // The prefix is not subject to look-alike mapping.
    expect(parseTrackingCode(valid!.replace('KPG', 'KP6'), 'KPG')).toBeNull();
  });

  it('rejects wrong lengths, invalid symbols, other prefixes and junk', () => {
    const symbols = body(code);
    expect(parseTrackingCode(code.slice(0, -1), 'KPG')).toBeNull();
    expect(parseTrackingCode(`${code}0`, 'KPG')).toBeNull();
    expect(parseTrackingCode(symbols.slice(1), 'KPG')).toBeNull();
    expect(parseTrackingCode(`U${symbols.slice(1)}`, 'KPG')).toBeNull();
    expect(parseTrackingCode(`é${symbols.slice(1)}`, 'KPG')).toBeNull();
    expect(parseTrackingCode(`SBY-${symbols}`, 'KPG')).toBeNull();
    expect(parseTrackingCode(`KP-${symbols}`, 'KPG')).toBeNull();
    expect(parseTrackingCode(`XKPG-${symbols}`, 'KPG')).toBeNull();
    expect(parseTrackingCode(`${code}`.replace('KPG', 'SBY'), 'SBY')).toBe(code.replace('KPG', 'SBY'));
    expect(parseTrackingCode('', 'KPG')).toBeNull();
    expect(parseTrackingCode('-'.repeat(10_000) + code, 'KPG')).toBeNull();
    expect(() => parseTrackingCode(code, 'kpg')).toThrow(RangeError);
  });

  it('detects every single-symbol substitution', () => {
    const random = seededBytes(99);
    for (let c = 0; c < 50; c++) {
      const symbols = body(generateTrackingCode('KPG', random));
      for (let p = 0; p < 10; p++) {
        for (const replacement of ALPHABET) {
          if (replacement === symbols[p]) continue;
          const typo = symbols.slice(0, p) + replacement + symbols.slice(p + 1);
          expect(parseTrackingCode(typo, 'KPG'), typo).toBeNull();
        }
      }
    }
  });

  it('detects every adjacent transposition of distinct symbols, for every symbol pair', () => {
    // Every ordered pair of distinct symbols at every adjacent pair of random positions,
    // inside an otherwise random body made valid by choosing its check symbol.
    const random = seededBytes(5);
    let checked = 0;
    for (let p = 0; p < 8; p++) {
      for (const a of ALPHABET) {
        for (const b of ALPHABET) {
          if (a === b) continue;
          const base = body(generateTrackingCode('KPG', random));
          const head = base.slice(0, p) + a + b + base.slice(p + 2, 9);
          const valid = [...ALPHABET].map((check) => head + check).find((s) => parseTrackingCode(s, 'KPG') !== null);
          expect(valid).toBeDefined();
          const swapped = valid!.slice(0, p) + b + a + valid!.slice(p + 2);
          expect(parseTrackingCode(swapped, 'KPG'), `${valid} → ${swapped}`).toBeNull();
          checked++;
        }
      }
    }
    expect(checked).toBe(8 * 32 * 31);
  });

  it('detects transpositions with the check symbol', () => {
    const random = seededBytes(11);
    for (let c = 0; c < 2000; c++) {
      const symbols = body(generateTrackingCode('KPG', random));
      if (symbols[8] === symbols[9]) continue;
      const swapped = symbols.slice(0, 8) + symbols[9] + symbols[8];
      expect(parseTrackingCode(swapped, 'KPG'), swapped).toBeNull();
    }
  });
});
