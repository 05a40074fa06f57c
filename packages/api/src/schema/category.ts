// What residents can report, and each site's catalogue.
import { createGraphQLError } from 'graphql-yoga';
import { builder } from './builder.js';
import { inLocale, LocaleEnum, LocalizedText, pick, requestedLocale } from './locale.js';

export const Category = builder.prismaObject('Category', {
  description: 'Something residents can report. `code` doubles as the Open311 service_code.',
  select: { id: true, code: true, cityCode: true },
  fields: (t) => ({
    code: t.exposeString('code'),
    cityCode: t.exposeString('cityCode', { description: 'The city whose catalogue it is in: two cities may use the same code.' }),
    name: t.string({
      description: "In the catalogue query's locale unless one is given here.",
      args: { locale: t.arg({ type: LocaleEnum }) },
      select: { nameId: true, nameEn: true },
      resolve: (category, args) => pick(args.locale ?? requestedLocale(category), category.nameId, category.nameEn),
    }),
    names: t.field({
      type: LocalizedText,
      select: { nameId: true, nameEn: true },
      resolve: (category) => ({ id: category.nameId, en: category.nameEn }),
    }),
    description: t.string({
      nullable: true,
      args: { locale: t.arg({ type: LocaleEnum }) },
      select: { descriptionId: true, descriptionEn: true },
      resolve: (category, args) => {
        const locale = args.locale ?? requestedLocale(category);
        return locale === 'EN' ? category.descriptionEn : category.descriptionId;
      },
    }),
    group: t.string({
      description: 'The name of the group it is listed under, if any.',
      nullable: true,
      args: { locale: t.arg({ type: LocaleEnum }) },
      select: { group: { select: { nameId: true, nameEn: true } } },
      resolve: (category, args) => {
        const locale = args.locale ?? requestedLocale(category);
        return category.group ? pick(locale, category.group.nameId, category.group.nameEn) : null;
      },
    }),
    groupCode: t.exposeString('groupCode', { nullable: true }),
    keywords: t.exposeStringList('keywords'),
    locationRequired: t.exposeBoolean('locationRequired', {
      description: 'Whether a report needs a point or a kelurahan.',
    }),
  }),
});

// For a router: anyone, and inactive categories too (a report keeps the category it was filed under).
// Keyed by city and code; by code alone for routers that know only the code (a code two
// cities share then names the lowest city code's).
builder.asEntity(Category, {
  key: [builder.selection<{ cityCode: string; code: string }>('cityCode code'), builder.selection<{ code: string }>('code')],
  resolveReference: (ref, context) => {
    const cityCode = (ref as { cityCode?: unknown }).cityCode;
    if (cityCode === undefined) return context.entities.categories.load(ref.code);
    return typeof cityCode === 'string' && typeof ref.code === 'string' ? context.entities.cityCategories.load(`${cityCode}|${ref.code}`) : null;
  },
});

builder.queryField('categories', (t) =>
  t.prismaField({
    type: [Category],
    description: "A site's service catalogue, in the order the city chose.",
    args: {
      site: t.arg.id({ required: true, description: 'The site key from the embed code.' }),
      locale: t.arg({ type: LocaleEnum }),
    },
    resolve: async (query, _root, args, context) => {
      const snapshot = await context.catalog.current();
      const site = snapshot.sitesByKey.get(String(args.site));
      if (!site) {
        throw createGraphQLError(`The site "${args.site}" is not registered with Aduan.`, {
          extensions: { code: 'UNKNOWN_SITE' },
        });
      }
      const rows = await context.prisma.category.findMany({
        ...query,
        // The site's city's catalogue; a site of the whole deployment offers every city's.
        where: {
          active: true,
          ...(snapshot.cityOf(site.jurisdictionCode) ? { cityCode: snapshot.cityOf(site.jurisdictionCode)! } : {}),
          ...(site.categoryCodes.length > 0 ? { code: { in: site.categoryCodes } } : {}),
        },
        orderBy: [{ group: { position: 'asc' } }, { position: 'asc' }, { code: 'asc' }],
      });
      return rows.map((row) => inLocale(row, args.locale ?? 'ID'));
    },
  }),
);
