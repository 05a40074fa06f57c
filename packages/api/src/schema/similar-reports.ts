// Duplicates: before sending, the widget asks which open reports of the same category
// are already nearby; the resident may follow one of them ("+1") instead.
// NearbyReport is public and deliberately thin (test/privacy.test.ts walks it): no
// tracking code (a handle for supportReport stands for it), description, reporter,
// exact point or place text — only a band of distance between grid cells.
import { createGraphQLError } from 'graphql-yoga';
import { message } from '../intake/messages.js';
import { jurisdictionDisplayName } from '../jurisdictions/display-name.js';
import { DEFAULT_RADIUS_M, DISTANCE_BANDS, MAX_RADIUS_M, RADIUS_STEPS, similarReports, supportReport, type NearbyReportShape } from '../similar/index.js';
import { builder } from './builder.js';
import { rateLimit } from './rate-limit.js';
import { InvalidInput } from './invalid-input.js';
import { LocaleEnum } from './locale.js';
import { PublicReport, ReportStatusEnum } from './public-report.js';
import { LocationInput } from './submit-report.js';
import type { Report } from '@aduan/prisma';

const NearbyArea = builder.objectRef<NearbyReportShape['area']>('NearbyArea').implement({
  description: 'The area a nearby report was routed by.',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    displayName: t.string({ resolve: (area) => jurisdictionDisplayName(area) }),
  }),
});

const NearbyDistance = builder.enumType('NearbyDistance', {
  description: 'How far a nearby report is, between the grid cells (about 110 m) of the two points.',
  values: Object.fromEntries(DISTANCE_BANDS.map((band) => [band, { value: band }])) as Record<
    (typeof DISTANCE_BANDS)[number],
    { value: (typeof DISTANCE_BANDS)[number] }
  >,
});

const NearbyReport = builder.objectRef<NearbyReportShape>('NearbyReport').implement({
  description: 'An open report of the same category near a point: enough to recognise it, nothing about who sent it, exactly where, or its tracking code.',
  fields: (t) => ({
    handle: t.exposeString('handle', {
      description:
        'Pass it to `supportReport` to follow this report. Opaque, different in every answer, valid for an hour; it reads nothing and acts on nothing else.',
    }),
    category: t.exposeString('category', { description: 'The category code.' }),
    status: t.expose('status', { type: ReportStatusEnum }),
    ageDays: t.exposeInt('ageDays', { description: 'Whole days since it was submitted.' }),
    distance: t.field({ type: NearbyDistance, resolve: (report) => report.distance }),
    area: t.field({ type: NearbyArea, resolve: (report) => report.area }),
    supporters: t.exposeInt('supporters', { description: 'Residents who followed it instead of reporting again.' }),
  }),
});

/** A refused similarReports: like the inbox, a typed error naming the field; nothing is read. */
function refused(code: 'VALIDATION_FAILED' | 'UNKNOWN_CATEGORY', text: string, field: string): ReturnType<typeof createGraphQLError> {
  return createGraphQLError(text, { extensions: { code, field, fields: [{ field, message: text }] } });
}

builder.queryField('similarReports', (t) =>
  t.field({
    type: [NearbyReport],
    description: `Open reports (RECEIVED, ACKNOWLEDGED, IN_PROGRESS) of this category within \`radiusMeters\` (default ${DEFAULT_RADIUS_M}, at most ${MAX_RADIUS_M}; rounded up to ${RADIUS_STEPS.join(', ')}) of the point, measured between grid cells of about 110 m: at most 10, nearest first. Bad input is an error with \`extensions.code\` VALIDATION_FAILED or UNKNOWN_CATEGORY and \`extensions.field\`.`,
    args: {
      category: t.arg.string({ required: true, description: 'A category code.' }),
      location: t.arg({ type: LocationInput, required: true }),
      radiusMeters: t.arg.int(),
      locale: t.arg({ type: LocaleEnum, description: 'The language of error messages; Indonesian by default.' }),
    },
    resolve: async (_root, args, context) => {
      await rateLimit(context, 'lookup.address');
      const locale = args.locale ?? 'ID';
      const { lat, lng } = args.location;
      if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw refused('VALIDATION_FAILED', message('LAT_RANGE', locale), 'location.lat');
      if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw refused('VALIDATION_FAILED', message('LNG_RANGE', locale), 'location.lng');
      const radius = args.radiusMeters ?? DEFAULT_RADIUS_M;
      if (radius < 1 || radius > MAX_RADIUS_M) {
        const text = locale === 'EN' ? `The radius must be 1–${MAX_RADIUS_M} metres.` : `Radius harus 1–${MAX_RADIUS_M} meter.`;
        throw refused('VALIDATION_FAILED', text, 'radiusMeters');
      }
      const code = args.category.trim();
      // The catalogue of the city the point is in.
      const snapshot = await context.catalog.current();
      const located = snapshot.index.locate(lng, lat);
      const category = snapshot.categoriesOf(snapshot.cityOf(located?.code ?? null)).get(code);
      if (!category?.active) throw refused('UNKNOWN_CATEGORY', message('UNKNOWN_CATEGORY', locale, { category: code.slice(0, 64) }), 'category');
      return similarReports(context, { categoryId: category.id, categoryCode: category.code, location: { lat, lng }, radiusMeters: radius });
    },
  }),
);

const ReportSupported = builder.objectRef<{ report: Report; supporters: number; replayed: boolean }>('ReportSupported').implement({
  description: 'The resident now follows this report; it counts one more supporter.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'supporters' in value,
  fields: (t) => ({
    report: t.field({ type: PublicReport, resolve: (result) => result.report }),
    supporters: t.exposeInt('supporters', { description: 'Residents following it, this one included.' }),
    replayed: t.exposeBoolean('replayed', { description: 'True when this address or idempotency key had already counted.' }),
  }),
});

const SupportReportResult = builder.unionType('SupportReportResult', { types: [ReportSupported, InvalidInput] });

builder.mutationField('supportReport', (t) =>
  t.field({
    type: SupportReportResult,
    description:
      '"+1 resident": follow an open report found by `similarReports` instead of sending the same problem again. One supporter per address and report; with an idempotency key, a retry counts once. The answer gives the report as the public sees it, to follow. Refusals: UNKNOWN_REPORT (a handle that is forged or over an hour old), REPORT_NOT_OPEN, VALIDATION_FAILED (idempotencyKey); nothing is written.',
    args: {
      handle: t.arg.string({ required: true, description: 'A `NearbyReport.handle`.' }),
      idempotencyKey: t.arg.string({ description: '8–128 of letters, digits, - _ . : (as for submitReport).' }),
      locale: t.arg({ type: LocaleEnum }),
    },
    resolve: async (_root, args, context) => {
      await rateLimit(context, 'lookup.address');
      const outcome = await supportReport(context, args);
      return outcome.ok ? { report: outcome.report, supporters: outcome.supporters, replayed: outcome.replayed } : outcome.invalid;
    },
  }),
);
