// Applies the committed migrations with Prisma's own schema engine, compiled to
// WebAssembly, so `aduan migrate` needs no native binary and records
// `_prisma_migrations` exactly as `prisma migrate deploy` would.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { migrationsDir, schemaPath } from '@aduan/prisma';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Database } from './database.js';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

let wasmReady: Promise<void> | undefined;

// Node has WebAssembly, but @types/node for Node 20 does not declare it.
const webAssembly = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
    };
  }
).WebAssembly;

/** Instantiates the engine's WebAssembly module once per process. */
function loadEngineWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    // The .wasm file is not in the package's exports map: find it beside the bindings.
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const bytes = readFileSync(wasmPath);
    const { instance } = await webAssembly.instantiate(bytes, { './schema_engine_bg.js': engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

export async function createSchemaEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngine> {
  await loadEngineWasm();
  const datamodel = readFileSync(schemaPath, 'utf8');
  return engineBindings.SchemaEngine.new({ datamodels: [['schema.prisma', datamodel]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapterFactory));
}

/** The committed migrations as the engine wants them. */
export function readMigrations(dir: string = migrationsDir): MigrationList {
  const lockPath = join(dir, 'migration_lock.toml');
  const directories = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => {
      const file = join(dir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: existsSync(file) ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') } : { tag: 'error' as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * Whether `_prisma_migrations` already records every committed migration as
 * applied, unchanged (same SHA-256 checksum the engine writes) and nothing as
 * failed. Then the engine, whose WebAssembly takes a while to start, is not
 * needed; in any other case (no table, a new, edited or failed migration) it is.
 */
export async function isUpToDate(prisma: Database['prisma'], dir: string = migrationsDir): Promise<boolean> {
  let rows: { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }[];
  try {
    rows = await prisma.$queryRawUnsafe('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"');
  } catch {
    return false; // no table yet
  }
  if (rows.some((row) => row.finished_at === null && row.rolled_back_at === null)) return false;
  const applied = new Map(rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row.checksum]));
  return readMigrations(dir).migrationDirectories.every((migration) => {
    const content = migration.migrationFile.content;
    if (content.tag !== 'ok') return false;
    return applied.get(migration.path) === createHash('sha256').update(content.value).digest('hex');
  });
}

/** Applies pending migrations (of `dir`, the committed ones by default); returns the names applied (none when up to date). */
export async function applyMigrations(
  database: Pick<Database, 'openMigrationConnection'> & Partial<Pick<Database, 'prisma'>>,
  dir: string = migrationsDir,
): Promise<string[]> {
  if (database.prisma && (await isUpToDate(database.prisma, dir))) return [];
  const connection = database.openMigrationConnection();
  try {
    const engine = await createSchemaEngine(connection.factory);
    try {
      const result = await engine.applyMigrations({ migrationsList: readMigrations(dir), filters: noFilters });
      return result.appliedMigrationNames;
    } finally {
      engine.free();
    }
  } finally {
    await connection.close();
  }
}

/**
 * SQL that would take a database built from the committed migrations to the
 * schema in schema.prisma: empty when they agree. Uses PGlite as the shadow.
 */
export async function diffMigrationsToSchema(adapterFactory: SqlMigrationAwareDriverAdapterFactory, dir: string = migrationsDir): Promise<string> {
  const engine = await createSchemaEngine(adapterFactory);
  try {
    const result = await engine.diff({
      from: { tag: 'migrations', ...readMigrations(dir) },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: readFileSync(schemaPath, 'utf8') }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

/**
 * Writes a new migration for whatever schema.prisma adds to the committed ones
 * (`aduan migrate create NAME`). Returns its folder, or null when nothing changed.
 */
export async function createMigration(name: string, now: Date = new Date()): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error('A migration name uses lowercase letters, digits and underscores only.');
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const scratch = new PGlite('memory://');
  try {
    const lockPath = join(migrationsDir, 'migration_lock.toml');
    if (!existsSync(lockPath)) {
      mkdirSync(migrationsDir, { recursive: true });
      writeFileSync(lockPath, '# Written by `aduan migrate create`; keep it in version control.\nprovider = "postgresql"\n');
    }
    const sql = await diffMigrationsToSchema(new PrismaPGlite(scratch));
    if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) return null;
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
    const folder = join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'migration.sql'), sql);
    return folder;
  } finally {
    await scratch.close();
  }
}
