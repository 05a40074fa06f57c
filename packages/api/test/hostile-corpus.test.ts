// A generated hostile corpus against the running server over real sockets, on
// PostgreSQL: no answer is a 5xx, the server stays up, and no refused request writes
// anything — every row count and photo file is compared around every request. What is
// accepted (script and SQL text in a report is just text) is stored exactly as sent.
import { readdirSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solveProofOfWork } from '@aduan/client';
import { startService, type RunningService } from '../src/service.js';
import { createPostgresFromTemplate } from './support/databases.js';
import { hostileCorpus, INJECTIONS, type HostileRequest } from './support/hostile-corpus.js';
import { environment } from '../src/environment.js';

interface Answer {
  status: number;
  body: string;
}

/** Sends one request as written; the status line and body of the answer. */
function send(base: URL, entry: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to "${entry.name}" within 20 s`)), 20_000);
    const done = (answer: Answer) => {
      clearTimeout(timer);
      resolve(answer);
    };
    if (entry.rawFraming) {
      const socket = connect(Number(base.port), base.hostname);
      const head = [
        `${entry.method} ${entry.path} HTTP/1.1`,
        `Host: ${base.host}`,
        ...Object.entries(entry.headers).map(([k, v]) => `${k}: ${v}`),
        'Connection: close',
        '',
        '',
      ].join('\r\n');
      socket.end(Buffer.concat([Buffer.from(head), entry.body ?? Buffer.alloc(0)]));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', () => {});
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('latin1');
        done({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text });
      });
      return;
    }
    const headers: Record<string, string | number> = { ...entry.headers };
    if (entry.body && headers['content-length'] === undefined) headers['content-length'] = entry.body.length;
    const req = httpRequest({ hostname: base.hostname, port: base.port, path: entry.path, method: entry.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => done({ status: res.statusCode ?? 0, body: '' }));
    });
    req.on('error', (error) => {
      // The server may close as soon as it has answered a body it will not read.
      clearTimeout(timer);
      reject(error);
    });
    req.end(entry.body);
  });
}

describe('a hostile corpus against the running server (postgres)', () => {
  let service: RunningService;
  let database: { url: string; drop(): Promise<void> };
  let dataDir: string;
  let client: pg.Client;
  const proofs: string[] = [];

  beforeAll(async () => {
    database = await createPostgresFromTemplate('demo');
    dataDir = mkdtempSync(join(tmpdir(), 'aduan-hostile-'));
    const unlimited = 'submit.address=100000/60,submit.site=100000/60,lookup.address=100000/60,login.address=100000/60';
    service = await startService(
      environment({
        port: 0,
        host: '127.0.0.1',
        databaseUrl: database.url,
        dataDir,
        demo: false,
        deliveryWorker: false,
        rateLimits: unlimited,
        proofOfWorkMaxCounter: 40,
      }),
      () => {},
    );
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // Solved ahead, so that entries meant to reach the deeper checks get past the proof of work.
    for (let i = 0; i < 220; i++) {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ proofOfWorkChallenge { challenge } }' }),
      });
      proofs.push(
        await solveProofOfWork(((await response.json()) as { data: { proofOfWorkChallenge: { challenge: string } } }).data.proofOfWorkChallenge.challenge),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await service?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function written(): Promise<string> {
    const tables = [
      'Report',
      'ReportEvent',
      'Photo',
      'Delivery',
      'ReportSupport',
      'ReportTally',
      'StaffSession',
      'StaffAccount',
      'ApiToken',
      'Setting',
      'Jurisdiction',
      'Site',
    ];
    const counts = (await client.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`)).rows[0];
    const photos = join(dataDir, 'photos');
    const files = existsSync(photos) ? readdirSync(photos, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
    return JSON.stringify({ ...counts, files });
  }

  it('answers every request without a 5xx, writes nothing for what it refuses, and keeps going', async () => {
    const corpus = hostileCorpus(() => proofs.shift() ?? 'no proof left');
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const base = new URL(service.url);
    const failures: string[] = [];
    const accepted: string[] = [];
    for (const entry of corpus) {
      const before = await written();
      let answer: Answer;
      try {
        answer = await send(base, entry);
      } catch (error) {
        failures.push(`${entry.name}: ${(error as Error).message}`);
        continue;
      }
      const after = await written();
      if (answer.status >= 500 || answer.status === 0) failures.push(`${entry.name}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
      const success = answer.body.includes('"ReportSubmitted"') || (entry.path.startsWith('/open311/') && entry.method === 'POST' && answer.status === 200);
      if (success) accepted.push(entry.name);
      else if (after !== before) failures.push(`${entry.name}: refused (HTTP ${answer.status}) but wrote ${before} → ${after}`);
    }
    expect(failures).toEqual([]);
    // The server is still up and still takes a report.
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
    expect(accepted.length).toBeGreaterThan(10);
  }, 600_000);

  it('stored the script and SQL text it accepted exactly as written, and the tables are all still there', async () => {
    const { rows } = await client.query<{ description: string; placeText: string | null }>('SELECT description, "placeText" FROM "Report"');
    for (const [i, text] of INJECTIONS.entries()) {
      expect(rows.map((r) => r.description)).toContain(`${text} — description ${i}`);
      expect(rows.map((r) => r.placeText)).toContain(`${text} — placeText ${i}`);
    }
    const { rows: tables } = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables[0].n).toBeGreaterThan(15);
  });
});
