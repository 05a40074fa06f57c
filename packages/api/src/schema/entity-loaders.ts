// Finding entities by their federation key, batched: the router sends `_entities` a
// list of representations, and every one of a type asked for in the same tick is
// read with one `findMany … where key in (…)`. One set of loaders per request (in the
// GraphQL context), so nothing is cached across requests or viewers.
import type { PrismaClient } from '@aduan/prisma';
import DataLoader from 'dataloader';

/** Reads rows whose `key` is one of `keys`, in any order; missing ones are absent. */
function loaderBy<Row extends object>(key: keyof Row & string, find: (keys: readonly string[]) => Promise<Row[]>): DataLoader<string, Row | null> {
  return new DataLoader(async (keys) => {
    const rows = new Map((await find(keys)).map((row) => [row[key] as string, row]));
    return keys.map((value) => rows.get(value) ?? null);
  });
}

/**
 * The columns read here are the key and what deciding access needs; a type's fields read
 * the rest through their own selections (batched by the Prisma plugin), exactly as they do
 * under any other query.
 */
export function createEntityLoaders(prisma: PrismaClient) {
  return {
    publicReports: loaderBy('trackingCode', (codes) =>
      prisma.report.findMany({ where: { trackingCode: { in: [...codes] } }, select: { id: true, trackingCode: true } }),
    ),
    staffReports: loaderBy('trackingCode', (codes) =>
      prisma.report.findMany({
        where: { trackingCode: { in: [...codes] } },
        select: { id: true, trackingCode: true, agencyId: true, status: true, escalatedAt: true },
      }),
    ),
    agencies: loaderBy('slug', (slugs) => prisma.agency.findMany({ where: { slug: { in: [...slugs] } }, select: { id: true, slug: true } })),
    categories: loaderBy('code', (codes) => prisma.category.findMany({ where: { code: { in: [...codes] } }, select: { id: true, code: true } })),
    jurisdictions: loaderBy('code', (codes) => prisma.jurisdiction.findMany({ where: { code: { in: [...codes] } }, select: { code: true } })),
  };
}

export type EntityLoaders = ReturnType<typeof createEntityLoaders>;
