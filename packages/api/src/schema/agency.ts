// The department or utility responsible for a report. Public: names only.
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
