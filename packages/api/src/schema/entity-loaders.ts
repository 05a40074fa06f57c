// Finding entities by their federation key, batched: the router sends `_entities` a
// list of representations, and every one of a type asked for in the same tick is
// read with one `findMany … where key in (…)`. One set of loaders per request (in the
// GraphQL context), so nothing is cached across requests or viewers.
import type { PrismaClient } from '@aduan/prisma';
import DataLoader from 'dataloader';
import type { RoutingCatalog } from '../routing/catalog.js';
import { canonicalTrackingCode } from '../workflow/load.js';

export interface EntityLoader<Row> {
  /**
   * The row a representation's key names; null when none has it. A router may send
   * anything as a key: what is not a string names no entity of ours either.
   */
  load(key: unknown): Promise<Row | null>;
}

/**
 * Reads rows whose `key` is one of those asked for, in any order (missing ones are absent).
 * `canonical` turns what was sent into the stored form, or null when it cannot be one.
 */
function loaderBy<Row extends object>(
  key: keyof Row & string,
  find: (keys: readonly string[]) => Promise<Row[]>,
  canonical: (value: string) => Promise<string | null> = async (value) => value,
): EntityLoader<Row> {
  const loader = new DataLoader<string, Row | null>(async (keys) => {
    const rows = new Map((await find(keys)).map((row) => [row[key] as string, row]));
    return keys.map((value) => rows.get(value) ?? null);
  });
  return {
    load: async (value) => {
      const stored = typeof value === 'string' ? await canonical(value) : null;
      return stored === null ? null : loader.load(stored);
    },
  };
}

/**
 * The columns read here are the key and what deciding access needs; a type's fields read
 * the rest through their own selections (batched by the Prisma plugin), exactly as they do
 * under any other query. Tracking codes are forgiven as `reportStatus` forgives them.
 */
export function createEntityLoaders(prisma: PrismaClient, catalog: RoutingCatalog) {
  const trackingCode = (value: string) => canonicalTrackingCode(prisma, catalog, value);
  return {
    publicReports: loaderBy(
      'trackingCode',
      (codes) => prisma.report.findMany({ where: { trackingCode: { in: [...codes] } }, select: { id: true, trackingCode: true } }),
      trackingCode,
    ),
    staffReports: loaderBy(
      'trackingCode',
      (codes) =>
        prisma.report.findMany({
          where: { trackingCode: { in: [...codes] } },
          select: { id: true, trackingCode: true, agencyId: true, status: true, escalatedAt: true },
        }),
      trackingCode,
    ),
    agencies: loaderBy('slug', (slugs) => prisma.agency.findMany({ where: { slug: { in: [...slugs] } }, select: { id: true, slug: true } })),
    // By code alone: a code two cities share names the lowest city code's (read last, so kept).
    categories: loaderBy('code', (codes) =>
      prisma.category.findMany({ where: { code: { in: [...codes] } }, select: { id: true, code: true, cityCode: true }, orderBy: { cityCode: 'desc' } }),
    ),
    /** By `<city code>|<code>`: one city's category. */
    cityCategories: loaderBy('key', async (keys) => {
      const pairs = keys.map((key) => key.split('|') as [string, string]);
      const rows = await prisma.category.findMany({
        where: { OR: pairs.map(([cityCode, code]) => ({ cityCode, code })) },
        select: { id: true, code: true, cityCode: true },
      });
      return rows.map((row) => ({ ...row, key: `${row.cityCode}|${row.code}` }));
    }),
    jurisdictions: loaderBy('code', (codes) => prisma.jurisdiction.findMany({ where: { code: { in: [...codes] } }, select: { code: true } })),
  };
}

export type EntityLoaders = ReturnType<typeof createEntityLoaders>;
