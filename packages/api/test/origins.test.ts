import { describe, expect, it } from 'vitest';
import { originAllowed, originMatches } from '../src/sites/origins.js';

describe('site origin patterns', () => {
  it.each([
    ['http://localhost:5173', 'http://localhost:*', true],
    ['http://localhost', 'http://localhost:*', true],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:*', true],
    ['https://localhost:5173', 'http://localhost:*', false],
    ['http://localhost.evil.test:80', 'http://localhost:*', false],
    ['https://kupangkota.go.id', 'https://kupangkota.go.id', true],
    ['https://kupangkota.go.id:443', 'https://kupangkota.go.id', true],
    ['https://kupangkota.go.id:8443', 'https://kupangkota.go.id', false],
    ['https://dlhk.kupangkota.go.id', 'https://*.kupangkota.go.id', true],
    ['https://kupangkota.go.id', 'https://*.kupangkota.go.id', false],
    ['https://evilkupangkota.go.id', 'https://*.kupangkota.go.id', false],
    ['https://anything.example', '*', true],
    ['null', 'http://localhost:*', false],
    ['http://localhost:5173/path', 'http://localhost:*', false],
  ])('%s against %s → %s', (origin, pattern, expected) => {
    expect(originMatches(origin, pattern)).toBe(expected);
  });

  it('allows an origin when any pattern matches', () => {
    expect(originAllowed('http://127.0.0.1:3000', ['http://localhost:*', 'http://127.0.0.1:*'])).toBe(true);
    expect(originAllowed('https://example.org', ['http://localhost:*'])).toBe(false);
    expect(originAllowed('https://example.org', [])).toBe(false);
  });
});
