// A site as its embed sees it: its name and the area it serves (the widget
// lists that area's kelurahan). Allowed origins and theme stay server-side.
import { builder } from './builder.js';
import { Jurisdiction } from './jurisdiction.js';

export const Site = builder.prismaObject('Site', {
  description: 'A website that embeds the report form, by its public key.',
  select: { id: true },
  fields: (t) => ({
    key: t.exposeID('key', { description: 'The public key in the embed code (`data-site`).' }),
    name: t.exposeString('name'),
    area: t.relation('jurisdiction', {
      type: Jurisdiction,
      nullable: true,
      description: 'The area the site serves; reports outside it are refused. Null when it serves every area.',
    }),
  }),
});

builder.queryField('site', (t) =>
  t.prismaField({
    type: Site,
    nullable: true,
    description: 'A site by its public key; null when unknown.',
    args: { key: t.arg.id({ required: true }) },
    resolve: (query, _root, args, context) => {
      const key = String(args.key).trim();
      if (key.length === 0 || key.length > 100) return null;
      return context.prisma.site.findUnique({ ...query, where: { key } });
    },
  }),
);
