// Sites and the audit log for a city's ADMINs: the sites of their city with their
// settings and embed code, `saveSite` (sites/save-site.ts, the same rules as the city
// file), and who changed what. Another city's sites and entries are not theirs to see.
import { saveSite } from '../sites/save-site.js';
import { builder } from './builder.js';
import { InvalidInput } from './invalid-input.js';
import { Site } from './site.js';
import { actorName } from './staff-report.js';
import { codeWithin } from '../jurisdictions/tree.js';

builder.queryField('sites', (t) =>
  t.prismaField({
    type: [Site],
    authScopes: { admin: true },
    description: 'ADMIN: the sites of your city, by name.',
    resolve: (query, _root, _args, context) => {
      const area = context.viewer!.area;
      return context.prisma.site.findMany({
        ...query,
        where: codeWithin('jurisdictionCode', area),
        orderBy: [{ name: 'asc' }, { key: 'asc' }],
      });
    },
  }),
);

const SaveSiteInput = builder.inputType('SaveSiteInput', {
  fields: (t) => ({
    key: t.id({ description: 'The site to change; omit it for a new site (its key is made from its name).' }),
    name: t.string({ required: true }),
    jurisdictionCode: t.string({ required: true, description: 'The area it serves, inside your city.' }),
    allowedOrigins: t.stringList({ required: true, description: 'At least one origin pattern.' }),
    categoryCodes: t.stringList({ description: 'A subset of the city’s categories; omitted or empty: all of them.' }),
  }),
});

const SiteSaved = builder.objectRef<{ key: string }>('SiteSaved').implement({
  description: 'The site as saved; pages on its allowed origins may embed the form at once.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'key' in value && !('fields' in value),
  fields: (t) => ({
    site: t.prismaField({
      type: Site,
      resolve: (query, saved, _args, context) => context.prisma.site.findUniqueOrThrow({ ...query, where: { key: saved.key } }),
    }),
  }),
});

const SaveSiteResult = builder.unionType('SaveSiteResult', { types: [SiteSaved, InvalidInput] });

builder.mutationField('saveSite', (t) =>
  t.field({
    type: SaveSiteResult,
    authScopes: { admin: true },
    description:
      'ADMIN: creates a site (no key) or changes one of your city’s, with the rules of the city file (VALIDATION_FAILED naming each field: an unknown area or one outside your city, a bad origin pattern, a category the city has not). Recorded in the audit log.',
    args: { input: t.arg({ type: SaveSiteInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const viewer = context.viewer!;
      const result = await saveSite(context.prisma, await context.catalog.current(), { actor: viewer.actor, area: viewer.area }, input);
      // The catalogue is read again at once, so a page on a newly allowed origin works now.
      if ('key' in result) context.catalog.invalidate();
      return result;
    },
  }),
);

const AuditEntry = builder.prismaObject('AuditEntry', {
  description: 'One change to a city’s settings.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.exposeString('actor', { description: '`staff:<id>`, `token:<id>`, or `config` (aduan config apply).' }),
    actorName: t.string({
      nullable: true,
      description: 'The staff member’s or the API token’s name; null for a city file.',
      resolve: (e, _args, context) => actorName(context.prisma, e.actor),
    }),
    action: t.exposeString('action', { description: 'e.g. site.create, site.update.' }),
    subject: t.exposeString('subject', { description: 'What changed, e.g. the site’s key.' }),
    before: t.string({
      nullable: true,
      description: 'As JSON; null for something new.',
      resolve: (e) => (e.before === null ? null : JSON.stringify(e.before)),
    }),
    after: t.string({ nullable: true, description: 'As JSON.', resolve: (e) => (e.after === null ? null : JSON.stringify(e.after)) }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.prismaField({
    type: [AuditEntry],
    authScopes: { admin: true },
    description: 'ADMIN: the latest changes to your city’s settings, newest first (at most `first`, 1–200, 50 by default).',
    args: { first: t.arg.int() },
    resolve: (query, _root, args, context) => {
      const area = context.viewer!.area;
      const first = Math.min(200, Math.max(1, args.first ?? 50));
      return context.prisma.auditEntry.findMany({
        ...query,
        where: codeWithin('cityCode', area),
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        take: first,
      });
    },
  }),
);
