// `aduan staff add | reset-password | disable`, `aduan token create | revoke | list` and
// `aduan open311-key create | revoke | list`
// as an operator runs them, against a fresh PostgreSQL database; every refusal one
// sentence, exit 1, nothing written.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresFromTemplate } from './support/databases.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('aduan staff and token commands against PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  async function aduan(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [join(repositoryRoot, 'packages/api/bin/aduan.js'), ...args], {
        cwd: repositoryRoot,
        env: { ...process.env, DATABASE_URL: database.url },
        timeout: 120_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }
  async function query(sql: string, values: unknown[] = []): Promise<any[]> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql, values)).rows;
    } finally {
      await client.end();
    }
  }
  async function count(table: string): Promise<number> {
    return Number((await query(`SELECT count(*) AS n FROM "${table}"`))[0].n);
  }
  function oneSentence(stderr: string, pattern: RegExp) {
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  }

  beforeAll(async () => {
    database = await createPostgresFromTemplate('demo');
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it('adds a staff account with a one-time password, refusing duplicates, bad roles and unknown agencies', async () => {
    const added = await aduan('staff', 'add', '--agency', 'dinas-pupr', '--email', 'Budi@Kupang.go.id', '--role', 'supervisor', '--name', 'Budi');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Created SUPERVISOR budi@kupang\.go\.id \([0-9a-f-]{36}\) in dinas-pupr\.$/m);
    expect(added.stdout).toMatch(/^One-time password .*: \d{4}( \d{4}){4}$/m);
    // It must be replaced at the first sign-in.
    expect((await query('SELECT "mustChangePassword" FROM "StaffAccount" WHERE email = $1', ['budi@kupang.go.id']))[0].mustChangePassword).toBe(true);

    const duplicate = await aduan('staff', 'add', '--agency', 'dlhk', '--email', 'budi@KUPANG.go.id', '--role', 'STAFF');
    expect(duplicate.code).toBe(1);
    oneSentence(duplicate.stderr, /^aduan: There is already a staff account for budi@kupang\.go\.id\.$/);
    const role = await aduan('staff', 'add', '--agency', 'dlhk', '--email', 'x@kupang.go.id', '--role', 'BOSS');
    expect(role.code).toBe(1);
    oneSentence(role.stderr, /^aduan: "BOSS" is not a role; use one of STAFF, SUPERVISOR, ADMIN\.$/);
    const agency = await aduan('staff', 'add', '--agency', 'nowhere', '--email', 'x@kupang.go.id', '--role', 'STAFF');
    expect(agency.code).toBe(1);
    oneSentence(agency.stderr, /^aduan: There is no agency "nowhere"/);
    const email = await aduan('staff', 'add', '--agency', 'dlhk', '--email', 'not-an-address', '--role', 'STAFF');
    expect(email.code).toBe(1);
    expect(await count('StaffAccount')).toBe(1);
  }, 120_000);

  it('resets a password and disables an account, ending their sessions; refuses unknown and disabled accounts', async () => {
    const account = async () => (await query('SELECT * FROM "StaffAccount" WHERE email = $1', ['budi@kupang.go.id']))[0];
    const addSession = () =>
      query(
        `INSERT INTO "StaffSession" (id, "accountId", "tokenHash", "expiresAt") VALUES (gen_random_uuid(), $1, md5(random()::text), now() + interval '1 hour')`,
        [before.id],
      );
    const before = await account();
    await query('UPDATE "StaffAccount" SET "mustChangePassword" = false WHERE id = $1', [before.id]);
    await addSession();

    const reset = await aduan('staff', 'reset-password', '--email', ' BUDI@kupang.go.id');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^Reset the password of budi@kupang\.go\.id; ended 1 session\.$/m);
    expect(reset.stdout).toMatch(/^One-time password .*: \d{4}( \d{4}){4}$/m);
    const afterReset = await account();
    expect(afterReset.mustChangePassword).toBe(true);
    expect(afterReset.passwordHash).not.toBe(before.passwordHash);
    expect(await count('StaffSession')).toBe(0);

    const unknown = await aduan('staff', 'reset-password', '--email', 'nobody@kupang.go.id');
    expect(unknown.code).toBe(1);
    oneSentence(unknown.stderr, /^aduan: There is no staff account for nobody@kupang\.go\.id\.$/);
    expect((await aduan('staff', 'disable', '--email', 'nobody@kupang.go.id')).code).toBe(1);

    await addSession();
    const disabled = await aduan('staff', 'disable', '--email', 'budi@kupang.go.id');
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toMatch(/^Disabled budi@kupang\.go\.id; ended 1 session, unassigned 0 reports\.$/m);
    expect((await account()).disabledAt).not.toBeNull();
    expect(await count('StaffSession')).toBe(0);

    const again = await aduan('staff', 'disable', '--email', 'budi@kupang.go.id');
    expect(again.code).toBe(1);
    oneSentence(again.stderr, /^aduan: The account budi@kupang\.go\.id is already disabled\.$/);
    const resetDisabled = await aduan('staff', 'reset-password', '--email', 'budi@kupang.go.id');
    expect(resetDisabled.code).toBe(1);
    oneSentence(resetDisabled.stderr, /^aduan: The account budi@kupang\.go\.id is disabled\.$/);
    expect((await account()).passwordHash).toBe(afterReset.passwordHash);
  }, 120_000);

  it('creates, lists and revokes Open311 keys for a site, printing the key once and storing only its hash', async () => {
    const created = await aduan('open311-key', 'create', '--site', 'demo', '--name', 'SP4N-LAPOR!');
    expect(created.code).toBe(0);
    const key = /api_key .*: (o311_[A-Za-z0-9_-]{43})$/m.exec(created.stdout)![1]!;
    const list = await aduan('open311-key', 'list');
    expect(list.stdout).toMatch(/^demo {2}"SP4N-LAPOR!" {2}active {2}created \d{4}-/m);
    expect(list.stdout).not.toContain(key);
    expect(JSON.stringify(await query('SELECT * FROM "Open311Key"'))).not.toContain(key.slice(5));
    // One sentence, exit 1, nothing written.
    for (const args of [
      ['--site', 'nowhere', '--name', 'x'],
      ['--site', 'demo', '--name', 'SP4N-LAPOR!'],
      ['--site', 'demo', '--name', '   '],
    ]) {
      const refused = await aduan('open311-key', 'create', ...args);
      expect(refused.code, args.join(' ')).toBe(1);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await count('Open311Key')).toBe(1);
    expect((await aduan('open311-key', 'revoke', '--site', 'demo', '--name', 'SP4N-LAPOR!')).code).toBe(0);
    expect((await aduan('open311-key', 'list')).stdout).toMatch(/"SP4N-LAPOR!" {2}revoked \d{4}-/);
    expect((await aduan('open311-key', 'revoke', '--site', 'demo', '--name', 'SP4N-LAPOR!')).code).toBe(1);
  });

  it('creates, lists and revokes tokens, printing the secret once and storing only its hash', async () => {
    const created = await aduan('token', 'create', '--agency', 'pdam-tirta-kupang', '--role', 'STAFF', '--name', 'PDAM ticketing');
    expect(created.code).toBe(0);
    const id = /Created token ([0-9a-f-]{36})/.exec(created.stdout)![1]!;
    const secret = /Bearer token .*: ([A-Za-z0-9_-]{43})$/m.exec(created.stdout)![1]!;

    const list = await aduan('token', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${id}  pdam-tirta-kupang  STAFF  "PDAM ticketing"  active  last used never`);
    expect(list.stdout).not.toContain(secret);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const rows = (await client.query('SELECT * FROM "ApiToken"')).rows;
    await client.end();
    expect(JSON.stringify(rows)).not.toContain(secret);

    expect((await aduan('token', 'create', '--agency', 'nowhere', '--role', 'STAFF', '--name', 'x')).code).toBe(1);
    expect((await aduan('token', 'create', '--agency', 'dlhk', '--role', 'KING', '--name', 'x')).code).toBe(1);
    expect(await count('ApiToken')).toBe(1);

    const revoked = await aduan('token', 'revoke', id);
    expect(revoked.code).toBe(0);
    expect((await aduan('token', 'list')).stdout).toMatch(new RegExp(`${id} .* revoked \\d{4}-`));
    const again = await aduan('token', 'revoke', id);
    expect(again.code).toBe(1);
    oneSentence(again.stderr, /^aduan: Token .* was already revoked/);
    const unknown = await aduan('token', 'revoke', 'nope');
    expect(unknown.code).toBe(1);
    oneSentence(unknown.stderr, /^aduan: There is no token nope;/);
  }, 120_000);
});
