// The committed migrations build exactly the schema in schema.prisma, and
// applying them is idempotent on both databases.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrationsDir } from '@aduan/prisma';
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

describe.each(databaseKinds)('a one-city deployment becoming many cities on %s', (kind) => {
  it('keeps its catalogue, prefix and rules as they were, now the city’s own', async () => {
    // The migrations before the one that made catalogues per city, and a deployment built on them.
    const before = await mkdtemp(join(tmpdir(), 'aduan-migrations-'));
    const names = (await readdir(migrationsDir)).sort();
    const upTo = names.findIndex((name) => name.endsWith('_city_catalogues'));
    expect(upTo).toBeGreaterThan(0);
    for (const name of [...names.slice(0, upTo), 'migration_lock.toml']) await cp(join(migrationsDir, name), join(before, name), { recursive: true });
    const empty = kind === 'postgres' ? await createEmptyPostgresDatabase() : null;
    const database = await openDatabase(empty ? { databaseUrl: empty.url, poolSize: 2 } : { embedded: 'memory://' });
    try {
      await applyMigrations(database, before);
      const sql = (text: string) => database.prisma.$executeRawUnsafe(text);
      await sql(`INSERT INTO "Jurisdiction" (code, name, level, kind, "workingDays", "updatedAt") VALUES ('53.71', 'Kupang', 2, 'kota', '{}', now())`);
      await sql(
        `INSERT INTO "Jurisdiction" (code, name, level, kind, "parentCode", "workingDays", "updatedAt") VALUES ('53.71.04', 'Oebobo', 3, 'kecamatan', '53.71', '{}', now())`,
      );
      await sql(
        `INSERT INTO "Agency" (id, slug, name, "jurisdictionCode", triage, "updatedAt") VALUES ('a1', 'pusat', 'Pusat Pengaduan', '53.71', true, now())`,
      );
      await sql(`INSERT INTO "CategoryGroup" (code, "nameId", "nameEn") VALUES ('umum', 'Umum', 'General')`);
      await sql(
        `INSERT INTO "Category" (id, code, "nameId", "nameEn", "groupCode", keywords, "updatedAt") VALUES ('c1', 'sampah', 'Sampah', 'Rubbish', 'umum', '{}', now())`,
      );
      await sql(
        `INSERT INTO "RoutingRule" (id, name, "categoryId", "agencyId", "responseHours", "updatedAt") VALUES ('r1', 'Sampah di mana saja', 'c1', 'a1', 72, now())`,
      );
      await sql(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('trackingCodePrefix', '"KPG"', now())`);

      expect(await applyMigrations(database)).toEqual(names.slice(upTo).filter((name) => name !== 'migration_lock.toml'));
      const { prisma } = database;
      expect(await prisma.category.findUniqueOrThrow({ where: { id: 'c1' } })).toMatchObject({ cityCode: '53.71', code: 'sampah', groupCode: 'umum' });
      expect(await prisma.categoryGroup.findMany()).toMatchObject([{ cityCode: '53.71', code: 'umum' }]);
      expect((await prisma.jurisdiction.findMany({ orderBy: { code: 'asc' } })).map((j) => [j.code, j.trackingCodePrefix])).toEqual([
        ['53.71', 'KPG'],
        ['53.71.04', null],
      ]);
      // "Anywhere" was the one city.
      expect(await prisma.routingRule.findUniqueOrThrow({ where: { id: 'r1' } })).toMatchObject({ jurisdictionCode: '53.71' });
      expect(await prisma.setting.findMany()).toEqual([]);
    } finally {
      await database.close();
      await empty?.drop();
      await rm(before, { recursive: true, force: true });
    }
  });
});
