// Administrative areas, for picking a kelurahan when there is no GPS fix.
import type { Prisma } from '@aduan/prisma';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { jurisdictionDisplayName } from '../jurisdictions/display-name.js';

export const Jurisdiction = builder.prismaObject('Jurisdiction', {
  description: 'An administrative area: kota/kabupaten, kecamatan, kelurahan/desa. Codes nest.',
  select: { code: true },
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Official code, e.g. 53.71.04.1001.' }),
    name: t.exposeString('name', { description: 'The name alone, e.g. "Oebobo".' }),
    displayName: t.string({
      description: 'The name with its kind, e.g. "Kelurahan Oebobo".',
      select: { name: true, kind: true },
      resolve: (jurisdiction) => jurisdictionDisplayName(jurisdiction),
    }),
    level: t.exposeInt('level', { description: '1 province, 2 kota/kabupaten, 3 kecamatan, 4 kelurahan/desa.' }),
    kind: t.exposeString('kind', { description: 'provinsi, kota, kabupaten, kecamatan, kelurahan or desa.' }),
    parentCode: t.exposeString('parentCode', { nullable: true }),
    timeZone: t.string({
      description: 'The IANA time zone its dates are shown in, inherited from its parents when not set.',
      resolve: async (jurisdiction, _args, context) => (await context.catalog.current()).timeZoneOf(jurisdiction.code),
    }),
    parent: t.relation('parent', { nullable: true }),
  }),
});

// For a router: anyone may see an area.
builder.asEntity(Jurisdiction, {
  key: builder.selection<{ code: string }>('code'),
  resolveReference: ({ code }, context) => context.entities.jurisdictions.load(code),
});

builder.queryField('jurisdiction', (t) =>
  t.prismaField({
    type: Jurisdiction,
    nullable: true,
    description: 'One area by its official code; null when unknown.',
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, args, context) => context.prisma.jurisdiction.findUnique({ ...query, where: { code: args.code.trim() } }),
  }),
);

builder.queryField('jurisdictions', (t) =>
  t.prismaField({
    type: [Jurisdiction],
    description:
      'The children of `parentCode` (the top-level areas without it). With `level`, every area at that level below `parentCode` instead — e.g. all kelurahan of a city.',
    args: {
      parentCode: t.arg.string(),
      level: t.arg.int(),
    },
    resolve: async (query, _root, args, context) => {
      const parentCode = args.parentCode?.trim() || null;
      if (args.level == null) return context.prisma.jurisdiction.findMany({ ...query, where: { parentCode }, orderBy: BY_NAME });
      if (!parentCode) return context.prisma.jurisdiction.findMany({ ...query, where: { level: args.level }, orderBy: BY_NAME });
      return areasBelow(context, parentCode, args.level, query);
    },
  }),
);

const BY_NAME = [{ name: 'asc' as const }, { code: 'asc' as const }];

/** Every area at `level` below `parentCode`, by name; none when it is unknown or not above that level. */
export async function areasBelow(context: Context, parentCode: string, level: number, query: Pick<Prisma.JurisdictionFindManyArgs, 'select' | 'include'> = {}) {
  const parent = (await context.catalog.current()).index.get(parentCode);
  if (!parent || level <= parent.level) return [];
  return context.prisma.jurisdiction.findMany({ ...query, where: { level, ...descendantOf(parentCode, level - parent.level) }, orderBy: BY_NAME });
}

/**
 * "Below `ancestorCode`, `depth` levels down" as nested parent filters, so the
 * database walks the parentCode index instead of matching code prefixes.
 */
function descendantOf(ancestorCode: string, depth: number): Prisma.JurisdictionWhereInput {
  let where: Prisma.JurisdictionWhereInput = { parentCode: ancestorCode };
  for (let step = 1; step < depth; step++) where = { parent: where };
  return where;
}
