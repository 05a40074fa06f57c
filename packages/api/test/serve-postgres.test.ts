// `aduan serve` on PostgreSQL: migrated, no demo unless ADUAN_DEMO=1 asks, and
// the demo loads idempotently when it does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environment } from '../src/environment.js';
import { startService } from '../src/service.js';
import { createEmptyPostgresDatabase } from './support/databases.js';

async function jurisdictionCount(url: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ jurisdictions(parentCode: "53.71", level: 4) { code } }' }),
  });
  const body = (await response.json()) as { data: { jurisdictions: unknown[] } };
  return body.data.jurisdictions.length;
}

describe('serving from PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  // Where the service keeps what is not in the database (its contact keys, photos).
  const dataDir = mkdtempSync(join(tmpdir(), 'aduan-serve-postgres-'));
  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (demo: boolean) => environment({ port: 0, host: '127.0.0.1', databaseUrl: database.url, dataDir, demo });

  it('migrates an empty database and loads no demo by default', async () => {
    const lines: string[] = [];
    const service = await startService(env(false), (line) => lines.push(line));
    try {
      expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
      expect(await jurisdictionCount(service.url)).toBe(0);
      expect(lines.join('\n')).toMatch(/PostgreSQL at 127\.0\.0\.1:5432\/aduan_test_\w+ \(applied \d+_init(, \d+_\w+)*\)/);
    } finally {
      await service.close();
    }
  });

  it('loads the Kupang demo with ADUAN_DEMO=1, and again without duplicating it', async () => {
    for (let run = 0; run < 2; run++) {
      const service = await startService(env(true), () => {});
      try {
        expect(await jurisdictionCount(service.url)).toBe(51);
      } finally {
        await service.close();
      }
    }
  });
});
