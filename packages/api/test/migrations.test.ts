// The committed migrations build exactly the schema in schema.prisma, and
// applying them is idempotent on both databases.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, diffMigrationsToSchema, readMigrations } from '../src/db/migrate.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { createEmptyPostgresDatabase, databaseKinds } from './support/databases.js';

describe('migrations', () => {
  it('produce exactly the schema in schema.prisma (no drift)', async () => {
    const scratch = new PGlite('memory://');
    try {
      const sql = await diffMigrationsToSchema(new PrismaPGlite(scratch));
      expect(sql.replace(/^--.*$/gm, '').trim()).toBe('');
    } finally {
      await scratch.close();
    }
  });

  it('notice drift: a migrations folder missing a table differs from the schema', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'aduan-migrations-'));
    const real = readMigrations();
    writeFileSync(join(dir, 'migration_lock.toml'), real.lockfile.content ?? '');
    for (const migration of real.migrationDirectories) {
      mkdirSync(join(dir, migration.path));
      const sql = readFileSync(join(real.baseDir, migration.path, 'migration.sql'), 'utf8');
      // Drop every statement about the Setting table from the copy: the diff must then want to create it.
      const statements = sql.split(/;\s*\n/).filter((statement) => !statement.includes('"Setting"'));
      writeFileSync(join(dir, migration.path, 'migration.sql'), statements.join(';\n'));
    }
    const scratch = new PGlite('memory://');
    try {
      expect(await diffMigrationsToSchema(new PrismaPGlite(scratch), dir)).toContain('CREATE TABLE "Setting"');
    } finally {
      await scratch.close();
    }
  });
});

describe.each(databaseKinds)('applying migrations on %s', (kind) => {
  let database: Database;
  let drop: () => Promise<void> = async () => {};

  beforeAll(async () => {
    if (kind === 'pglite') {
      database = await openDatabase({ embedded: 'memory://' });
    } else {
      const empty = await createEmptyPostgresDatabase();
      database = await openDatabase({ databaseUrl: empty.url, poolSize: 2 });
      drop = empty.drop;
    }
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('applies every migration once, records it, then has nothing to do', async () => {
    const names = readMigrations().migrationDirectories.map((m) => m.path);
    expect(await applyMigrations(database)).toEqual(names);
    expect(await applyMigrations(database)).toEqual([]);
    const recorded = await database.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
    expect(recorded.map((row) => row.migration_name)).toEqual(names);
    expect(await database.prisma.report.count()).toBe(0);
  });
});
