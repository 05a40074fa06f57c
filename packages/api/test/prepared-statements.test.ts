// On PostgreSQL each distinct statement Prisma sends is prepared once per connection
// under a name of its own, so PostgreSQL plans it once instead of on every request
// (planning the inbox page's joins cost more than running them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { createPostgresFromTemplate } from './support/databases.js';

/** The statements this session has prepared, by name. */
async function preparedStatements(database: Database): Promise<{ name: string; statement: string }[]> {
  return database.prisma.$queryRaw<{ name: string; statement: string }[]>`SELECT name, statement FROM pg_prepared_statements ORDER BY name`;
}

describe('prepared statements on PostgreSQL', () => {
  let postgres: { url: string; drop(): Promise<void> };
  let database: Database;
  beforeAll(async () => {
    postgres = await createPostgresFromTemplate('demo');
    // One connection, so every query here and pg_prepared_statements share a session.
    database = await openDatabase({ databaseUrl: postgres.url, poolSize: 1 });
  });
  afterAll(async () => {
    await database?.close();
    await postgres?.drop();
  });

  it('prepares a query once under a name and reuses it with other values', async () => {
    const findAgency = (slug: string) => database.prisma.agency.findUnique({ where: { slug }, select: { name: true } });
    expect((await findAgency('upt-kebersihan-oebobo'))?.name).toMatch(/Kebersihan/);
    const afterFirst = (await preparedStatements(database)).filter((s) => s.statement.includes('"Agency"'));
    expect(afterFirst).toHaveLength(1);
    expect(afterFirst[0]!.name).toMatch(/^aduan_[0-9a-z]+$/);

    // Other values, same statement: the same prepared statement answers.
    expect(await findAgency('no-such-agency')).toBeNull();
    expect((await findAgency('upt-kebersihan-oebobo'))?.name).toMatch(/Kebersihan/);
    const afterMore = (await preparedStatements(database)).filter((s) => s.statement.includes('"Agency"'));
    expect(afterMore).toEqual(afterFirst);
  });

  it('gives different statements different names', async () => {
    await database.prisma.category.findMany({ where: { code: 'sampah' }, select: { code: true } });
    await database.prisma.category.count();
    const names = (await preparedStatements(database)).filter((s) => s.statement.includes('"Category"')).map((s) => s.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });
});
