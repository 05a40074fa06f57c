// @prisma/adapter-pg runs a migration script by splitting it at every ";" — also
// the ones inside a function body such as `$$ BEGIN …; END $$`, which then fails
// ("unterminated dollar-quoted string"). Prisma's native engine sends the script
// whole, and PostgreSQL's simple query protocol runs a whole script as one implicit
// transaction; this wrapper makes the WebAssembly engine do the same through pg.
import { DriverAdapterError, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type pg from 'pg';

export function sendingWholeScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    // PrismaPg exposes its pg pool (not part of the adapter interface).
    const driver = (adapter as SqlDriverAdapter & { underlyingDriver(): pg.Pool | pg.Client }).underlyingDriver();
    adapter.executeScript = async (script: string) => {
      try {
        await driver.query(script);
      } catch (error) {
        const e = error as pg.DatabaseError;
        throw new DriverAdapterError({
          kind: 'postgres',
          code: e.code ?? 'N/A',
          severity: e.severity ?? 'ERROR',
          message: e.message,
          detail: e.detail,
          column: e.column,
          hint: e.hint,
        });
      }
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrap(await factory.connect()),
    connectToShadowDb: async () => wrap(await factory.connectToShadowDb()),
  };
}
