// The database package: the generated Prisma client and where the schema,
// migrations and demo city live on disk (they ship beside dist/).
import { fileURLToPath } from 'node:url';

export * from './generated/client/client.js';
export { getDatamodel } from './generated/pothos-types.js';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The Prisma schema file, for the migration engine and drift checks. */
export const schemaPath = here('../schema.prisma');
/** Committed migrations in Prisma's standard layout. */
export const migrationsDir = here('../migrations');
/** The Kupang demo city, a file for `aduan config apply`. */
export const demoCityPath = here('../kupang/city.json');
