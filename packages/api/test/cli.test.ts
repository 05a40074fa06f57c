// The `aduan` command as an operator runs it: from the repository root with
// `npx aduan`, against PostgreSQL, with one clear sentence on every failure.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase } from './support/databases.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const demoCity = join(repositoryRoot, 'prisma/kupang/city.json');

async function aduan(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', 'aduan', ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('aduan schema', () => {
  it('prints the client schema, and with --subgraph the federation subgraph SDL, as committed', async () => {
    const committed = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
    expect(await aduan(['schema'])).toMatchObject({ code: 0, stdout: committed('schema.graphql') });
    expect(await aduan(['schema', '--subgraph'])).toMatchObject({ code: 0, stdout: committed('subgraph.graphql') });
  });
});

describe('aduan command line against PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('migrates, then has nothing to do', async () => {
    const first = await aduan(['migrate'], { DATABASE_URL: database.url });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied \d+_init(, \d+_\w+)* to PostgreSQL at 127\.0\.0\.1:5432\/aduan_test_\w+\.$/m);
    const second = await aduan(['migrate'], { DATABASE_URL: database.url });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('is up to date');
  });

  it('applies the Kupang demo, and applying it again changes nothing', async () => {
    const first = await aduan(['config', 'apply', demoCity], { DATABASE_URL: database.url });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/jurisdictions: 58 created/);
    const second = await aduan(['config', 'apply', demoCity], { DATABASE_URL: database.url });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/jurisdictions: 0 created, 0 updated, 58 unchanged/);
  });

  it('exports the city in the file format, and applying the export changes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'aduan-export-'));
    try {
      const exported = await aduan(['config', 'export', '--jurisdiction', '53.71', '--out', out], { DATABASE_URL: database.url });
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain('boundaries.geojson (58 boundaries)');
      const applied = await aduan(['config', 'apply', join(out, 'city.json')], { DATABASE_URL: database.url });
      expect(applied.code, applied.stderr).toBe(0);
      for (const line of applied.stdout.split('\n').filter((l) => /^ {2}\w+:/.test(l))) expect(line).toMatch(/: 0 created, 0 updated, \d+ unchanged/);
      const notACity = await aduan(['config', 'export', '--jurisdiction', '53.71.04', '--out', out], { DATABASE_URL: database.url });
      expect(notACity.code).toBe(1);
      expect(notACity.stderr).toContain('"53.71.04" is not a city');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses a bad file with the path of the offending entry, in one sentence, changing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aduan-cli-'));
    const bad = join(dir, 'city.json');
    writeFileSync(
      bad,
      JSON.stringify({
        city: '53.71',
        trackingCodePrefix: 'KPG',
        agencies: [{ slug: 'desk', name: 'Desk', jurisdiction: '53.71', triage: true }],
        rules: [{ name: 'x', category: null, jurisdiction: null, agency: 'nobody', responseHours: 24 }],
      }),
    );
    const result = await aduan(['config', 'apply', bad], { DATABASE_URL: database.url });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')[0]).toMatch(/^aduan: rules\[0\]\.agency: .*"nobody"/);
    const again = await aduan(['config', 'apply', demoCity], { DATABASE_URL: database.url });
    expect(again.stdout).toMatch(/agencies: 0 created, 0 updated, 9 unchanged/);
  });

  it('explains a missing file and an unreachable database', async () => {
    const missing = await aduan(['config', 'apply', '/nonexistent/city.json'], { DATABASE_URL: database.url });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^aduan: .*city\.json.*(cannot be read|not found|ENOENT)/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);

    const unreachable = await aduan(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^aduan: .*(reach|connect)/i);

    const badUrl = await aduan(['migrate'], { DATABASE_URL: 'mysql://localhost/x' });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr.trim()).toBe('aduan: DATABASE_URL must start with postgres:// or postgresql://, not mysql://.');
  });

  it('rejects an unknown command', async () => {
    const result = await aduan(['frobnicate']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });
});
