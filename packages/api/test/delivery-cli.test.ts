// `aduan channel add | list | remove` and `aduan worker` as an operator runs them,
// against PostgreSQL: refusals are one sentence, exit 1, nothing written; a server
// with its worker turned off stores a report, and the separate worker process
// delivers it, then stops cleanly on SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../src/delivery/index.js';
import { startService } from '../src/service.js';
import { KUPANG, ORIGIN, proofFrom, SUBMIT } from './support/aduan.js';
import { createPostgresFromTemplate } from './support/databases.js';
import { createReceiver } from './support/receiver.js';
import { environment } from '../src/environment.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(repositoryRoot, 'packages/api/bin/aduan.js');

describe('aduan channel and aduan worker against PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  // Where the server keeps what is not in the database (its contact keys, photos).
  const dataDir = mkdtempSync(join(tmpdir(), 'aduan-delivery-cli-'));
  async function aduan(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: database.url }, timeout: 60_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }
  async function channels(): Promise<{ name: string; removed: boolean }[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query('SELECT name, "removedAt" IS NOT NULL AS removed FROM "DeliveryChannel" ORDER BY name');
      return rows.rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await createPostgresFromTemplate('demo');
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds, lists and removes channels; a bad one is one sentence, exit 1, and nothing is written', async () => {
    const before = await channels();
    const bad = await aduan('channel', 'add', '--agency', 'dinas-pupr', '--name', 'hook', '--kind', 'webhook', '--url', 'https://sim.example/hook');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('aduan: The channel is not valid — secretEnv: is required: the environment variable holding the signing secret.');
    const unknown = await aduan('channel', 'add', '--agency', 'dinas-tidak-ada', '--name', 'surel', '--kind', 'email');
    expect(unknown.stderr.trim()).toBe('aduan: There is no agency "dinas-tidak-ada".');
    expect(await channels()).toEqual(before);

    const added = await aduan(
      'channel',
      'add',
      '--agency',
      'dishub',
      '--name',
      'open311-dishub',
      '--kind',
      'open311',
      '--url',
      'https://311.dishub.example/v2/',
      '--service-code',
      'parkir-liar=PARK',
      '--secret-env',
      'ADUAN_SECRET_DISHUB_311',
    );
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Added channel open311-dishub (open311) to dishub.');
    expect(added.stdout).toContain('Set ADUAN_SECRET_DISHUB_311 in the environment of every process that sends deliveries.');
    const listed = await aduan('channel', 'list', '--agency', 'dishub');
    expect(listed.stdout.trim()).toBe('dishub  open311-dishub  open311  https://311.dishub.example/v2/  secret in $ADUAN_SECRET_DISHUB_311  (cli)');
    expect((await aduan('channel', 'remove', '--agency', 'dishub', '--name', 'open311-dishub')).stdout).toContain('Removed channel open311-dishub of dishub.');
    expect((await aduan('channel', 'list', '--agency', 'dishub')).stdout.trim()).toBe('No channels.');
    const again = await aduan('channel', 'remove', '--agency', 'dishub', '--name', 'open311-dishub');
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('aduan: The agency "dishub" has no channel "open311-dishub".');
  }, 120_000);

  it('a server without its worker stores the delivery; `aduan worker` sends it and stops on SIGTERM', async () => {
    const receiver = await createReceiver();
    await receiver.start();
    const added = await aduan(
      'channel',
      'add',
      '--agency',
      'dinas-pupr',
      '--name',
      'hook',
      '--kind',
      'webhook',
      '--url',
      receiver.url,
      '--secret-env',
      'ADUAN_SECRET_TEST_HOOK',
    );
    expect(added.code).toBe(0);
    const service = await startService(
      environment({ port: 0, host: '127.0.0.1', databaseUrl: database.url, dataDir, demo: false, deliveryWorker: false }),
      () => {},
    );
    let code: string;
    try {
      const response = await fetch(`${service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({
          query: SUBMIT,
          variables: {
            input: {
              site: 'demo',
              category: 'jalan-rusak',
              description: 'Jalan berlubang dekat sekolah',
              location: KUPANG.oebobo,
              proofOfWork: await proofFrom(service.url),
            },
          },
        }),
      });
      const body = (await response.json()) as { data: { submitReport: { report: { trackingCode: string } } } };
      code = body.data.submitReport.report.trackingCode;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.requests).toHaveLength(0); // nobody sends on this replica
    } finally {
      await service.close();
    }

    const worker = spawn(process.execPath, [cli, 'worker'], {
      env: { ...process.env, DATABASE_URL: database.url, ADUAN_SECRET_TEST_HOOK: 'rahasia', ADUAN_DELIVERY_POLL_MS: '200' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    worker.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 30_000;
      while (receiver.requests.filter((r) => JSON.parse(r.body).report.trackingCode === code).length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const mine = receiver.requests.find((r) => JSON.parse(r.body).report.trackingCode === code)!;
      expect(mine).toBeDefined();
      expect(verifySignature('rahasia', mine.body, mine.headers['aduan-signature'] as string)).toBe(true);
    } finally {
      const exited = new Promise<number | null>((resolve) => worker.once('exit', (status) => resolve(status)));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      await receiver.stop();
    }
    expect(output).toMatch(/Delivery worker running on PostgreSQL/);
    expect(output).toMatch(/Deliveries: \d+ delivered/);
    expect(output).toMatch(/Delivery worker stopped\./);
  }, 120_000);
});
