// The department or utility responsible for a report. Public: names only.
import { createGraphQLError } from 'graphql-yoga';
import { areaWithAncestryAndBelow } from '../jurisdictions/tree.js';
import { builder } from './builder.js';

export const Agency = builder.prismaObject('Agency', {
  description: 'A department (OPD) or utility that answers reports.',
  select: { id: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    shortName: t.exposeString('shortName', { nullable: true }),
  }),
});

// For a router: anyone may see an agency.
builder.asEntity(Agency, {
  key: builder.selection<{ slug: string }>('slug'),
  resolveReference: ({ slug }, context) => context.entities.agencies.load(slug),
});

builder.queryField('agencies', (t) =>
  t.prismaField({
    type: [Agency],
    description:
      'The agencies that serve an area, by name: those of the area itself, of the areas above it (a province’s) and of the areas below it; every agency when no area is given. For choosing where a report should go (rerouting). An unknown code is an error with extensions.code UNKNOWN_JURISDICTION.',
    args: { jurisdictionCode: t.arg.string({ description: 'A jurisdiction code, e.g. `53.71` (Kota Kupang).' }) },
    resolve: async (query, _root, args, context) => {
      let codes: string[] | null = null;
      if (args.jurisdictionCode) {
        codes = areaWithAncestryAndBelow((await context.catalog.current()).index, args.jurisdictionCode);
        if (!codes) {
          throw createGraphQLError(`There is no area "${args.jurisdictionCode}".`, { extensions: { code: 'UNKNOWN_JURISDICTION', field: 'jurisdictionCode' } });
        }
      }
      return context.prisma.agency.findMany({
        ...query,
        where: codes ? { jurisdictionCode: { in: codes } } : {},
        orderBy: [{ name: 'asc' }, { slug: 'asc' }],
      });
    },
  }),
);
