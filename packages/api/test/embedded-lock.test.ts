// PGlite is one process's database. A second process that opened the same directory
// (`aduan staff add` while `aduan serve` runs) would work on its own copy and one of
// the two would lose its writes; instead it is refused in one sentence that says what
// to do, and a lock left by a process that died does not keep anyone out.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('the embedded database, claimed by one process at a time', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aduan-lock-'));
  const embedded = join(dataDir, 'pglite');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses the command line while a server has it open, and lets it in once the server is gone', async () => {
    const server = await openDatabase({ embedded });
    expect(existsSync(`${embedded}.lock`)).toBe(true);
    const cli = async () => {
      try {
        await run(process.execPath, [join(repositoryRoot, 'packages/api/bin/aduan.js'), 'token', 'list'], {
          cwd: repositoryRoot,
          env: { ...process.env, DATABASE_URL: '', ADUAN_DATA_DIR: dataDir, ADUAN_EMBEDDED_DATABASE: '' },
          timeout: 120_000,
        });
        return { code: 0, stderr: '' };
      } catch (error) {
        return error as { code: number; stderr: string };
      }
    };
    const refused = await cli();
    expect(refused.code).toBe(1);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`in use by another Aduan process \\(pid ${process.pid}\\)\\. Stop it first`));
    expect(lines[0]).toContain('from the console (Pengaturan)');

    await server.close();
    expect(existsSync(`${embedded}.lock`)).toBe(false);
    // A lock left by a process that is gone keeps no one out.
    writeFileSync(`${embedded}.lock`, '2147483646\n');
    const again = await openDatabase({ embedded });
    await again.close();
    expect(existsSync(`${embedded}.lock`)).toBe(false);
  }, 180_000);
});
