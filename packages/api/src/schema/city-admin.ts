// A city's catalogue and routing, managed by its ADMINs from the console: categories and
// their groups, agencies with their delivery channels, routing rules, working days and
// holidays — each change an edit of the city's document, validated and applied like a
// city file (city-config/edit.ts), recorded in the audit log. `dryRun` shows what a
// change would do (above all, a category left to the triage desk somewhere) and saves
// nothing. `routingTest` answers where a report would go, as intake would route it.
import { dueAt } from '@aduan/core';
import { CityConfigError } from '../city-config/errors.js';
import { editCity, type CityEdit } from '../city-config/edit.js';
import { categoryEntry, exportCityConfig } from '../city-config/export.js';
import * as changes from '../city-config/changes.js';
import type { RoutingChange as RoutingChangeShape } from '../city-config/routing-table.js';
import { routeForSite } from '../intake/route-submission.js';
import type { FieldError, InvalidInput as InvalidInputShape } from '../intake/invalid-input.js';
import { isWithinArea } from '../jurisdictions/tree.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { InvalidInput } from './invalid-input.js';
import { LocaleEnum } from './locale.js';
import { LocationInput } from './submit-report.js';

const refused = (field: string, message: string): InvalidInputShape => ({ code: 'VALIDATION_FAILED', message, fields: [{ field, message }] });

/** The cities an ADMIN's powers cover: their own, or for a province's ADMIN every city below. */
async function managedCities(context: Context) {
  const area = context.viewer!.area;
  const { cities } = await context.catalog.current();
  return cities.filter((city) => isWithinArea(city.code, area) || isWithinArea(area, city.code));
}

/** The city a change is for: the one named, if the ADMIN manages it, else their only one. */
async function chosenCity(context: Context, city: string | null | undefined): Promise<string | InvalidInputShape> {
  const mine = await managedCities(context);
  if (city) return mine.some((c) => c.code === city.trim()) ? city.trim() : refused('city', `You manage no city "${city}".`);
  if (mine.length === 1) return mine[0]!.code;
  return refused('city', `Name the city: you manage ${mine.map((c) => c.code).join(', ') || 'none'}.`);
}

/** GraphQL gives null for an omitted field; the file's schema wants it absent. */
function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, withoutNulls(v)]]))) as T;
}

/** `categories[3].name.id` under `categories[3]` → `name.id`; elsewhere the document's own path. */
function fieldOf(path: string, at: string | null): string {
  const own = at && (path === at || path.startsWith(`${at}.`) || path.startsWith(`${at}[`)) ? path.slice(at.length).replace(/^\./, '') : path;
  return own.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '') || 'input';
}

interface Changed {
  saved: boolean;
  changed: boolean;
  routing: RoutingChangeShape[];
}

const RoutingChange = builder.objectRef<RoutingChangeShape>('RoutingChange').implement({
  description: 'Reports of one category that would go to another agency, in these areas.',
  fields: (t) => ({
    categoryCode: t.exposeString('categoryCode'),
    categoryName: t.exposeString('categoryName', { description: 'In Bahasa Indonesia.' }),
    fromAgency: t.exposeString('fromAgency', { nullable: true, description: 'Null: the category had no route before (new).' }),
    toAgency: t.exposeString('toAgency', { nullable: true, description: 'Null: the category can no longer be reported there (withdrawn).' }),
    toTriage: t.exposeBoolean('toTriage', { description: 'No agency answers for the category there: the triage desk gets it.' }),
    areas: t.exposeStringList('areas', { description: 'The smallest areas concerned (kelurahan, desa), by name.' }),
  }),
});

const CityChanged = builder.objectRef<Changed>('CityChanged').implement({
  description: 'What a change to a city’s settings did, or with `dryRun` would do.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'routing' in value,
  fields: (t) => ({
    saved: t.exposeBoolean('saved', { description: 'False for a dry run, or a change to what already is.' }),
    changed: t.exposeBoolean('changed', { description: 'Whether it differs from what is stored.' }),
    routingChanges: t.field({ type: [RoutingChange], resolve: (c) => c.routing }),
  }),
});

const CityChangeResult = builder.unionType('CityChangeResult', { types: [CityChanged, InvalidInput] });

/** Runs `edit` for the ADMIN's city; the catalogue is read again at once when it saved. */
async function runEdit(context: Context, city: string | null | undefined, dryRun: boolean | null | undefined, edit: CityEdit) {
  const code = await chosenCity(context, city);
  if (typeof code !== 'string') return code;
  try {
    const outcome = await editCity(context.prisma, context.viewer!.actor, code, edit, { dryRun: dryRun ?? false });
    if (outcome.saved) context.catalog.invalidate();
    return { saved: outcome.saved, changed: outcome.changed, routing: outcome.routing };
  } catch (error) {
    if (!(error instanceof CityConfigError)) throw error;
    // The edited entry's problems are named as the input's fields; others by where they are.
    const fields: FieldError[] = error.issues.map((issue) => ({ field: fieldOf(issue.path, error.editedAt), message: issue.message }));
    return { code: 'VALIDATION_FAILED' as const, message: `${fields[0]!.field}: ${fields[0]!.message}`, fields };
  }
}

const BilingualInput = builder.inputType('BilingualInput', {
  description: 'Words in Bahasa Indonesia and English.',
  fields: (t) => ({ id: t.string({ required: true }), en: t.string({ required: true }) }),
});

const CategoryInput = builder.inputType('CategoryInput', {
  fields: (t) => ({
    code: t.string({ required: true, description: 'Its stable code (lowercase letters, digits, hyphens); also its Open311 service_code.' }),
    name: t.field({ type: BilingualInput, required: true }),
    description: t.field({ type: BilingualInput, description: 'One sentence that helps residents choose.' }),
    group: t.string({ description: 'Its group’s code.' }),
    keywords: t.stringList({ description: 'Words residents might type.' }),
    locationRequired: t.boolean({ description: 'Default true; false for, e.g., complaints about a service.' }),
    active: t.boolean({ required: true, description: 'False withdraws it: residents can no longer choose it, and its routing rules go.' }),
    position: t.int({ description: 'Its place in the list, from 0; omitted: where it is (new: last).' }),
  }),
});

const CategoryGroupInput = builder.inputType('CategoryGroupInput', {
  fields: (t) => ({
    code: t.string({ required: true }),
    name: t.field({ type: BilingualInput, required: true }),
    position: t.int({ description: 'Its place among the groups, from 0.' }),
  }),
});

const ChannelInput = builder.inputType('DeliveryChannelInput', {
  description: 'Where an agency’s reports are delivered besides the console. Secrets stay in the server’s environment: name the variable.',
  fields: (t) => ({
    name: t.string({ required: true }),
    kind: t.string({ required: true, description: 'webhook, email or open311.' }),
    url: t.string(),
    email: t.string(),
    secretEnv: t.string({ description: 'The environment variable (ADUAN_SECRET_…) holding the webhook secret or Open311 api_key.' }),
    jurisdictionId: t.string(),
    locale: t.string({ description: 'id (default) or en: the language of its mail.' }),
  }),
});

const AgencyInput = builder.inputType('AgencyInput', {
  fields: (t) => ({
    slug: t.string({ required: true, description: 'Its stable identifier; a new slug makes a new agency.' }),
    name: t.string({ required: true }),
    shortName: t.string(),
    jurisdiction: t.string({ required: true, description: 'The area it serves, in the city.' }),
    email: t.string(),
    triage: t.boolean({ required: true, description: 'Receives what no rule covers in its area.' }),
    defaultResponseHours: t.int({ required: true }),
    escalatesTo: t.string({ description: 'The slug of the agency overdue reports go up to.' }),
    channels: t.field({ type: [ChannelInput], required: true }),
  }),
});

const RuleKeyInput = builder.inputType('RoutingRuleKeyInput', {
  description: 'What a rule covers: a category (null: any) in an area (null: the whole city).',
  fields: (t) => ({ category: t.string(), jurisdiction: t.string() }),
});

const RoutingRuleInput = builder.inputType('RoutingRuleInput', {
  fields: (t) => ({
    category: t.string({ description: 'Null: any category.' }),
    jurisdiction: t.string({ description: 'Null: the whole city.' }),
    agency: t.string({ required: true, description: 'The agency’s slug.' }),
    responseHours: t.int({ description: 'Omitted: the agency’s default.' }),
    name: t.string(),
    replaces: t.field({ type: RuleKeyInput, description: 'The rule this one replaces, when it covers something else now.' }),
  }),
});

const HolidayInput = builder.inputType('HolidayInput', {
  fields: (t) => ({ date: t.string({ required: true, description: 'YYYY-MM-DD, local.' }), name: t.string({ required: true }) }),
});

const WorkingCalendarInput = builder.inputType('WorkingCalendarInput', {
  fields: (t) => ({
    jurisdiction: t.string({ required: true }),
    workingDays: t.intList({ required: true, description: 'ISO weekdays (1 Monday … 7 Sunday); empty: the area above’s.' }),
    holidays: t.field({ type: [HolidayInput], required: true, description: 'Exactly the area’s own holidays.' }),
  }),
});

function defineCityMutation<T extends object>(name: string, description: string, input: unknown, toEdit: (input: T) => CityEdit) {
  builder.mutationField(name, (t) =>
    t.field({
      type: CityChangeResult,
      authScopes: { admin: true },
      description: `ADMIN: ${description} Validated like the city file (VALIDATION_FAILED naming each field); recorded in the audit log.`,
      args: {
        city: t.arg.string({ description: 'The city’s code; omitted: the one you manage.' }),
        dryRun: t.arg.boolean({ description: 'Check and show what would change; save nothing.' }),
        input: t.arg({ type: input as InputRef, required: true }),
      },
      resolve: (_root, args, context) => runEdit(context, args.city, args.dryRun, toEdit(withoutNulls(args.input) as T)),
    }),
  );
}
type InputRef = typeof CategoryInput;

defineCityMutation('saveCategory', 'creates, changes, moves or withdraws (active: false) a category of your city.', CategoryInput, changes.saveCategory);
defineCityMutation('saveCategoryGroup', 'creates, renames or moves a group of categories.', CategoryGroupInput, changes.saveCategoryGroup);
defineCityMutation('saveAgency', 'creates or changes an agency of your city, with exactly these delivery channels.', AgencyInput, changes.saveAgency);
defineCityMutation(
  'saveRoutingRule',
  'creates or changes the rule for a category (or any) in an area (or the whole city): which agency gets those reports, and its deadline.',
  RoutingRuleInput,
  changes.saveRule,
);
defineCityMutation(
  'deleteRoutingRule',
  'deletes a rule; its reports go to the next rule that covers them, or the triage desk.',
  RuleKeyInput,
  changes.deleteRule,
);
defineCityMutation('saveWorkingCalendar', 'sets an area’s own working days and holidays, on which deadlines stop.', WorkingCalendarInput, changes.saveCalendar);

builder.queryField('managedCities', (t) =>
  t.prismaField({
    type: ['Jurisdiction'],
    authScopes: { admin: true },
    description: 'ADMIN: the cities whose settings you manage: yours, or for a province’s ADMIN every city below it.',
    resolve: async (query, _root, _args, context) => {
      const codes = (await managedCities(context)).map((c) => c.code);
      return context.prisma.jurisdiction.findMany({ ...query, where: { code: { in: codes } }, orderBy: { code: 'asc' } });
    },
  }),
);

interface Configuration {
  cityCode: string;
  document: unknown;
  withdrawn: unknown[];
}

const CityConfiguration = builder.objectRef<Configuration>('CityConfiguration').implement({
  description: 'A city’s settings as its city file would hold them (`aduan config export`, without boundaries).',
  fields: (t) => ({
    cityCode: t.exposeString('cityCode'),
    document: t.string({
      description: 'The city file, as JSON: agencies, category groups, categories, rules, sites, working days and holidays.',
      resolve: (c) => JSON.stringify(c.document),
    }),
    withdrawnCategories: t.string({
      description: 'Categories residents can no longer choose, as JSON in the file’s shape, to offer again.',
      resolve: (c) => JSON.stringify(c.withdrawn),
    }),
  }),
});

builder.queryField('cityConfiguration', (t) =>
  t.field({
    type: CityConfiguration,
    nullable: true,
    authScopes: { admin: true },
    description: 'ADMIN: your city’s settings (null for a city you do not manage).',
    args: { city: t.arg.string({ description: 'Omitted: the one you manage.' }) },
    resolve: async (_root, args, context) => {
      const city = await chosenCity(context, args.city);
      if (typeof city !== 'string') return null;
      const [{ config }, withdrawn] = await Promise.all([
        exportCityConfig(context.prisma, city, { boundaries: false }),
        context.prisma.category.findMany({ where: { cityCode: city, active: false }, orderBy: { code: 'asc' } }),
      ]);
      return {
        cityCode: city,
        document: config,
        withdrawn: withdrawn.map(categoryEntry),
      };
    },
  }),
);

interface Tested {
  agencyId: string;
  jurisdictionCode: string;
  reason: string;
  responseHours: number;
  dueAt: Date;
  viaTriage: boolean;
}

const RoutingTest = builder.objectRef<Tested>('RoutingTest').implement({
  description: 'Where a report would go, with the deadline and reason intake would store.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'viaTriage' in value,
  fields: (t) => ({
    agency: t.prismaField({
      type: 'Agency',
      resolve: (query, tested, _args, context) => context.prisma.agency.findUniqueOrThrow({ ...query, where: { id: tested.agencyId } }),
    }),
    area: t.prismaField({
      type: 'Jurisdiction',
      resolve: (query, tested, _args, context) => context.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { code: tested.jurisdictionCode } }),
    }),
    reason: t.exposeString('reason', { description: 'Why, in the language asked for.' }),
    responseHours: t.exposeInt('responseHours'),
    dueAt: t.expose('dueAt', { type: 'DateTime', description: 'The deadline of a report sent now, on the area’s working days.' }),
    viaTriage: t.exposeBoolean('viaTriage', { description: 'No rule covers it: the triage desk gets it.' }),
  }),
});

const RoutingTestInput = builder.inputType('RoutingTestInput', {
  fields: (t) => ({
    category: t.string({ required: true }),
    location: t.field({ type: LocationInput, description: 'A point; or name an area.' }),
    jurisdictionCode: t.string(),
    locale: t.field({ type: LocaleEnum, description: 'The reason’s language; Bahasa Indonesia by default.' }),
  }),
});

builder.queryField('routingTest', (t) =>
  t.field({
    type: builder.unionType('RoutingTestResult', { types: [RoutingTest, InvalidInput] }),
    authScopes: { admin: true },
    description: 'ADMIN: the agency, deadline and reason a report of this category at this place would get in your city — exactly as intake decides.',
    args: { city: t.arg.string(), input: t.arg({ type: RoutingTestInput, required: true }) },
    resolve: async (_root, { city, input }, context) => {
      const code = await chosenCity(context, city);
      if (typeof code !== 'string') return code;
      const locale = input.locale ?? 'ID';
      const snapshot = await context.catalog.current();
      // The whole city as the site: every category of its own, anywhere in it.
      const site = { id: '', key: '', name: '', allowedOrigins: ['*'], jurisdictionCode: code, categoryCodes: [], mapTileOrigin: null };
      const outcome = routeForSite(snapshot, site, { category: input.category, location: input.location, jurisdictionCode: input.jurisdictionCode }, locale);
      if (!outcome.ok) return outcome.invalid;
      const { agency, decision } = outcome.routed;
      return {
        agencyId: agency.id,
        jurisdictionCode: decision.jurisdictionCode,
        reason: locale === 'ID' ? decision.reasonId : decision.reason,
        responseHours: decision.responseHours,
        dueAt: dueAt(context.now(), decision.responseHours, snapshot.calendarOf(decision.jurisdictionCode)),
        viaTriage: decision.ruleId === null,
      };
    },
  }),
);
