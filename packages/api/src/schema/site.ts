// A site as its embed sees it: its name, the area it serves (the widget lists that
// area's kelurahan) and the map it offers. Allowed origins and theme stay server-side.
import type { BBox } from '@aduan/core';
import { originAllowed } from '../sites/origins.js';
import { embedSnippet } from '../sites/save-site.js';
import type { Viewer } from '../staff/viewer.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { areasBelow, Jurisdiction } from './jurisdiction.js';
import { isWithinArea } from '../jurisdictions/tree.js';

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

/** The ADMIN viewing, when their powers cover `area` (a site's); null otherwise. */
function adminOf(context: Context, area: string | null): Viewer | null {
  const viewer = context.viewer;
  const covers = area !== null && viewer !== null && isWithinArea(area, viewer.area);
  return viewer?.role === 'ADMIN' && !viewer.mustChangePassword && covers ? viewer : null;
}

const SiteSettings = builder.objectRef<{ allowedOrigins: string[]; categoryCodes: string[] }>('SiteSettings').implement({
  description: 'What only the city’s ADMINs see of a site.',
  fields: (t) => ({
    allowedOrigins: t.exposeStringList('allowedOrigins', {
      description: 'Pages on these origins may embed the form: exact (`https://dinas.kupangkota.go.id`) or with `*` for a port or one subdomain level.',
    }),
    categoryCodes: t.exposeStringList('categoryCodes', { description: 'The categories offered; empty: every active category of the city.' }),
    allowsPage: t.boolean({
      description:
        'Whether a page at this address (a full URL, e.g. https://dinas.kupangkota.go.id/lapor) may embed the form; false for something that is not a URL.',
      args: { url: t.arg.string({ required: true }) },
      resolve: (settings, args) => {
        try {
          const url = new URL(args.url.trim());
          return (url.protocol === 'https:' || url.protocol === 'http:') && originAllowed(url.origin, settings.allowedOrigins);
        } catch {
          return false;
        }
      },
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
    areas: t.field({
      type: [Jurisdiction],
      description:
        'Every area at `level` in the site’s area, by name — what a form lists to pick from (`level: 4`: its kelurahan and desa; `level: 3`: its kecamatan, to group them). `within` lists those of another area instead (a page that names its own). Empty when the site serves every area and no `within` is given. With `categories` and the rest of the site, one request starts a form.',
      args: {
        level: t.arg.int({ required: true }),
        within: t.arg.string({ description: 'An area code, e.g. `53.71.04` (a kecamatan); the site’s area when not given.' }),
      },
      select: { jurisdictionCode: true },
      resolve: (site, args, context) => {
        const within = args.within?.trim() || site.jurisdictionCode;
        return within ? areasBelow(context, within, args.level) : [];
      },
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
    embedSnippet: t.string({
      description: 'The code a webmaster pastes into a page: the one script tag (with this server’s public address) and the inline form.',
      select: { key: true },
      resolve: (site, _args, context) => embedSnippet(context.publicUrl, site.key),
    }),
    settings: t.field({
      type: SiteSettings,
      nullable: true,
      description: 'Allowed origins and categories: for an ADMIN of the site’s city; null for everyone else.',
      select: { jurisdictionCode: true, allowedOrigins: true, categoryCodes: true },
      resolve: (site, _args, context) => (adminOf(context, site.jurisdictionCode) ? site : null),
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
