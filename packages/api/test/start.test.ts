// The README's first command: `npm start` on an empty data dir becomes healthy
// and answers a query about the Kupang demo.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<number[]> {
  const seen: number[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      seen.push(response.status);
      if (response.status === 200) return seen;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not healthy after ${timeoutMs} ms (saw ${seen.join(', ') || 'no answer'})`);
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aduan-start-'));
  let child: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((resolve) => child!.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('on an empty data dir becomes healthy and answers a query', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ADUAN_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    child = spawn('npm', ['start'], { cwd: repositoryRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(url, child, 150_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${output}`);
    }
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ categories(site: "demo", locale: EN) { code name } }' }),
    });
    const body = (await response.json()) as { data: { categories: { code: string; name: string }[] } };
    expect(body.data.categories.length).toBeGreaterThanOrEqual(12);
    expect(output).toContain('Loaded the Kupang demo');
    expect(output).toContain(`GraphQL at http://localhost:${port}/graphql`);
  }, 180_000);
});
