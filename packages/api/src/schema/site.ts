// A site as its embed sees it: its name, the area it serves (the widget lists that
// area's kelurahan) and the map it offers. Allowed origins and theme stay server-side.
import type { BBox } from '@aduan/core';
import { builder } from './builder.js';
import { Jurisdiction } from './jurisdiction.js';

interface SiteMapShape {
  tiles: string;
  attribution: string;
  maxZoom: number;
  bounds: BBox;
}

const SiteMap = builder.objectRef<SiteMapShape>('SiteMap').implement({
  description: 'The map the form offers for placing a report (the city configuration’s `map` of the site).',
  fields: (t) => ({
    tiles: t.exposeString('tiles', { description: 'Tile URL template with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png.' }),
    attribution: t.exposeString('attribution', { description: 'Show it on the map, as the tiles’ licence asks.' }),
    maxZoom: t.exposeInt('maxZoom'),
    bounds: t.field({
      type: ['Float'],
      description: 'The box around the site’s area to open the map on: west, south, east, north (WGS 84 degrees).',
      resolve: (map) => [...map.bounds],
    }),
  }),
});

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
    map: t.field({
      type: SiteMap,
      nullable: true,
      description: 'The map to place a report on; null when the site offers none (or its area has no boundaries).',
      select: { map: true, jurisdictionCode: true },
      resolve: async (site, _args, context) => {
        const map = site.map as Omit<SiteMapShape, 'bounds'> | null;
        const bounds = map ? (await context.catalog.current()).areaBounds(site.jurisdictionCode) : null;
        return map && bounds ? { ...map, bounds } : null;
      },
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
