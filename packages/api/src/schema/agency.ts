// The department or utility responsible for a report. Public: names only.
import { builder } from './builder.js';
import { entity } from './federation.js';

export const Agency = builder.prismaObject('Agency', {
  description: 'A department (OPD) or utility that answers reports.',
  select: { id: true },
  ...entity('slug', (slug, context) => context.entities.agencies.load(slug)),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    shortName: t.exposeString('shortName', { nullable: true }),
  }),
});
