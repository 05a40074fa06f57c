// The server's secret: from ADUAN_SECRET, or made once in the data directory (0600) and
// said so; a bad one stops the server with one sentence; one purpose, one key.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ServerSecret, ServerSecretError, serverSecretFor } from '../src/secrets/server-secret.js';

describe('the server secret', () => {
  it('is made once in the data directory, for this user alone, and said so; a PostgreSQL server is told to share one', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'aduan-secret-')), 'data');
    try {
      const said: string[] = [];
      const first = serverSecretFor({ dataDir }, (line) => said.push(line));
      expect(statSync(join(dataDir, 'server-secret')).mode & 0o777).toBe(0o600);
      expect(said).toEqual([expect.stringMatching(/^aduan: no ADUAN_SECRET; made the server's secret in .*server-secret/)]);
      const again = serverSecretFor({ dataDir, databaseUrl: 'postgres://db/aduan' }, (line) => said.push(line));
      expect(again.key('photo-links')).toEqual(first.key('photo-links'));
      expect(said[1]).toMatch(/Give every replica the same ADUAN_SECRET/);
      expect(readFileSync(join(dataDir, 'server-secret'), 'utf8')).not.toContain(first.key('photo-links').toString('base64'));
    } finally {
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    }
  });

  it('takes ADUAN_SECRET, refuses a short one in one sentence, and derives a different key per purpose', () => {
    const secret = Buffer.alloc(32, 7).toString('base64');
    const a = serverSecretFor({ secret, dataDir: '/nonexistent' }, () => expect.fail('nothing to say'));
    const b = new ServerSecret(Buffer.alloc(32, 7));
    expect(a.key('photo-links')).toEqual(b.key('photo-links'));
    expect(a.key('photo-links')).not.toEqual(a.key('nearby-handle'));
    expect(a.pseudonym('supporter', 'x')).not.toEqual(ServerSecret.random().pseudonym('supporter', 'x'));
    expect(() => serverSecretFor({ secret: 'c2hvcnQ=', dataDir: '/nonexistent' }, () => {})).toThrow(ServerSecretError);
    expect(() => serverSecretFor({ secret: 'c2hvcnQ=', dataDir: '/nonexistent' }, () => {})).toThrow(/ADUAN_SECRET must be at least 32 bytes in base64/);
  });
});
