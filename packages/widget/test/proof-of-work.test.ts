import { describe, expect, it } from 'vitest';
import { solveInWorker } from '../src/requests/proof-of-work.js';

/** A challenge as the server makes one: the prefix is SHA-256(salt ‖ nonce ‖ counter) for a secret counter. */
async function challengeFor(counter: number): Promise<string> {
  const salt = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
  const nonce = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
  const bytes = (hex: string) => (hex.match(/../g) ?? []).map((h) => parseInt(h, 16));
  const input = new Uint8Array([...bytes(salt), ...bytes(nonce), 0, 0, 0, 0]);
  new DataView(input.buffer).setUint32(input.length - 4, counter, false);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
  const keyPrefix = Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return JSON.stringify({ parameters: { algorithm: 'SHA-256', nonce, salt, cost: 1, keyLength: 32, keyPrefix }, signature: 'x' });
}

describe('the proof of work', () => {
  it('is solved in a Web Worker, to the counter the server picked', async () => {
    const RealWorker = globalThis.Worker;
    const made: string[] = [];
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        made.push(String(url));
      }
    };
    const before = performance.now();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let payload: { challenge: { parameters: { keyPrefix: string } }; solution: { counter: number; derivedKey: string } };
    try {
      payload = JSON.parse(atob(await solveInWorker(await challengeFor(30_000))));
    } finally {
      clearInterval(timer);
      globalThis.Worker = RealWorker;
    }
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^blob:/);
    expect(payload.solution.counter).toBe(30_000);
    expect(payload.solution.derivedKey).toMatch(new RegExp(`^${payload.challenge.parameters.keyPrefix}`));
    // The page kept running while the worker hashed.
    expect(ticks).toBeGreaterThan(0);
    expect(performance.now() - before).toBeLessThan(10_000);
  });
});
