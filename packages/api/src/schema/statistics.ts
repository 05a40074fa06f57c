// Public, aggregate statistics: what residents report, where, and how each
// agency answers. Counts, medians and shares only — no report, no resident,
// no text anyone wrote. Definitions are in packages/api/README.md ("Statistics").
import { REPORT_STATUSES } from '@aduan/core';
import { createGraphQLError } from 'graphql-yoga';
import { queryStatistics, resolveScope, rollUpAreas, type AgencyRow, type StatisticsData, type StatisticsScope, type WeekRow } from '../statistics/index.js';
import { jurisdictionDisplayName } from '../jurisdictions/display-name.js';
import { builder } from './builder.js';
import { rateLimit } from './rate-limit.js';
import type { Context } from './context.js';
import { LocaleEnum, pick } from './locale.js';
import { ReportStatusEnum } from './public-report.js';

const SECONDS_PER_HOUR = 3600;

/** One request's statistics; the SQL runs once, when the first counted field is asked for. */
/** PostgreSQL cancelled the statement (57014: statement_timeout), however the driver wraps it. */
function isStatementTimeout(error: unknown): boolean {
  return /\b57014\b|statement timeout/.test(
    `${(error as { code?: unknown })?.code ?? ''} ${(error as Error)?.message ?? ''} ${String((error as { cause?: unknown })?.cause ?? '')}`,
  );
}

class StatisticsResult {
  #data: Promise<StatisticsData> | undefined;
  constructor(
    readonly scope: StatisticsScope,
    private readonly catalogue: object,
    private readonly context: Context,
  ) {}
  data(): Promise<StatisticsData> {
    this.#data ??= this.context.statistics.get(this.scope, this.catalogue, () =>
      queryStatistics(this.context.statisticsPrisma, this.scope).catch((error: unknown) => {
        if (isStatementTimeout(error)) {
          throw createGraphQLError('The statistics took too long to count; ask for a smaller area or a shorter range.', {
            extensions: { code: 'STATISTICS_TIMEOUT' },
          });
        }
        throw error;
      }),
    );
    return this.#data;
  }
}

interface AreaShape {
  code: string;
  name: string;
  kind: string;
  level: number;
}
interface CategoryShape {
  code: string;
  nameId: string;
  nameEn: string;
}
interface AgencyShape {
  slug: string;
  name: string;
  shortName: string | null;
}

const MapPoint = builder.objectRef<{ lat: number; lng: number }>('MapPoint').implement({
  description: 'A point in WGS 84 degrees.',
  fields: (t) => ({ lat: t.exposeFloat('lat'), lng: t.exposeFloat('lng') }),
});

const StatisticsArea = builder.objectRef<AreaShape>('StatisticsArea').implement({
  description: 'An administrative area, as statistics name it.',
  fields: (t) => ({
    labelPoint: t.field({
      type: MapPoint,
      nullable: true,
      description:
        'Where a map shows this area’s numbers: the point inside its largest part farthest from its edges — the area’s place, never a report’s. Null when it has no boundary.',
      resolve: async (area, _args, context) => (await context.catalog.current()).areaLabelPoint(area.code),
    }),
    code: t.exposeString('code'),
    name: t.exposeString('name', { description: 'The name alone, e.g. "Oebobo".' }),
    displayName: t.string({ resolve: (area) => jurisdictionDisplayName(area) }),
    level: t.exposeInt('level', { description: '1 province, 2 kota/kabupaten, 3 kecamatan, 4 kelurahan/desa.' }),
  }),
});

const StatisticsCategory = builder.objectRef<CategoryShape>('StatisticsCategory').implement({
  description: 'A category of the catalogue, as statistics name it.',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.string({
      args: { locale: t.arg({ type: LocaleEnum, defaultValue: 'ID' }) },
      resolve: (category, args) => pick(args.locale ?? 'ID', category.nameId, category.nameEn),
    }),
  }),
});

const StatisticsAgency = builder.objectRef<AgencyShape>('StatisticsAgency').implement({
  description: 'An agency, as statistics name it.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    shortName: t.exposeString('shortName', { nullable: true }),
  }),
});

const CategoryCount = builder.objectRef<{ category: CategoryShape; count: number }>('CategoryCount').implement({
  fields: (t) => ({
    category: t.field({ type: StatisticsCategory, resolve: (row) => row.category }),
    count: t.exposeInt('count'),
  }),
});

const AreaCount = builder.objectRef<{ area: AreaShape; count: number; open: number }>('AreaCount').implement({
  fields: (t) => ({
    area: t.field({ type: StatisticsArea, resolve: (row) => row.area }),
    count: t.exposeInt('count'),
    open: t.exposeInt('open', { description: 'Of these reports, how many are open now (RECEIVED, ACKNOWLEDGED, IN_PROGRESS).' }),
  }),
});

const StatusCount = builder.objectRef<{ status: (typeof REPORT_STATUSES)[number]; count: number }>('StatusCount').implement({
  fields: (t) => ({
    status: t.field({ type: ReportStatusEnum, resolve: (row) => row.status }),
    count: t.exposeInt('count'),
  }),
});

const hours = (seconds: number | null) => (seconds === null ? null : seconds / SECONDS_PER_HOUR);

const AgencyPerformance = builder.objectRef<AgencyRow & { agency: AgencyShape }>('AgencyPerformance').implement({
  description: 'How one agency answered the reports in scope (reports count for the agency they are assigned to now).',
  fields: (t) => ({
    agency: t.field({ type: StatisticsAgency, resolve: (row) => row.agency }),
    received: t.exposeInt('received', { description: 'Reports submitted in the range.' }),
    responded: t.exposeInt('responded', { description: 'Of those, how many got a first response (so far).' }),
    medianHoursToFirstResponse: t.float({
      nullable: true,
      description: 'Median hours from submission to the first status change or public note by agency staff; null when none responded.',
      resolve: (row) => hours(row.medianSecondsToFirstResponse),
    }),
    resolved: t.exposeInt('resolved', { description: 'Of those, how many reached RESOLVED (so far).' }),
    medianHoursToResolution: t.float({
      nullable: true,
      description: 'Median hours from submission to the first event reaching RESOLVED; null when none did.',
      resolve: (row) => hours(row.medianSecondsToResolution),
    }),
    answeredWithinDeadline: t.exposeInt('answeredWithinDeadline', {
      description: 'Reports whose first response came at or before their deadline (dueAt).',
    }),
    deadlineDecided: t.exposeInt('deadlineDecided', {
      description: 'Reports that got a first response or are past their deadline without one.',
    }),
    withinDeadlineShare: t.float({
      nullable: true,
      description: 'answeredWithinDeadline / deadlineDecided, from 0 to 1; null when deadlineDecided is 0.',
      resolve: (row) => (row.deadlineDecided === 0 ? null : row.answeredWithinDeadline / row.deadlineDecided),
    }),
    reroutes: t.exposeInt('reroutes', { description: 'REROUTED events on these reports (routing misses).' }),
    openOverdue: t.exposeInt('openOverdue', {
      description: 'Of these reports, how many are still open (RECEIVED, ACKNOWLEDGED, IN_PROGRESS) past their deadline.',
    }),
  }),
});

const WeekCount = builder.objectRef<WeekRow>('WeekCount').implement({
  description: 'One ISO week (Monday to Sunday in the scope’s time zone).',
  fields: (t) => ({
    week: t.exposeString('week', { description: 'The ISO week, e.g. "2026-W05".' }),
    startsOn: t.exposeString('startsOn', { description: 'Its Monday, YYYY-MM-DD, in the scope’s time zone.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: 'The instant that Monday begins.' }),
    received: t.exposeInt('received', { description: 'Reports submitted that week (within the range).' }),
    resolved: t.exposeInt('resolved', {
      description: 'Reports of the range first reaching RESOLVED that week (within the range).',
    }),
  }),
});

const Statistics = builder.objectRef<StatisticsResult>('Statistics').implement({
  description: 'Aggregate numbers for the reports routed to an area (or below it) and submitted in [from, to).',
  fields: (t) => ({
    area: t.field({
      type: StatisticsArea,
      nullable: true,
      description: 'The area asked for; null for the whole deployment.',
      resolve: async (result, _args, context) => {
        const code = result.scope.area?.code;
        if (!code) return null;
        return (await areaShapes(context, [code]))[0] ?? null;
      },
    }),
    from: t.field({ type: 'DateTime', description: 'Inclusive.', resolve: (result) => result.scope.from }),
    to: t.field({ type: 'DateTime', description: 'Exclusive.', resolve: (result) => result.scope.to }),
    timeZone: t.string({
      description: 'The IANA time zone weeks are counted in.',
      resolve: (result) => result.scope.timeZone,
    }),
    total: t.int({ resolve: async (result) => (await result.data()).total }),
    byCategory: t.field({
      type: [CategoryCount],
      description: 'Categories with at least one report, most reported first.',
      resolve: async (result, _args, context) => {
        const { byCategoryId } = await result.data();
        const categories = await context.prisma.category.findMany({
          where: { id: { in: byCategoryId.map((row) => row.categoryId) } },
          select: { id: true, code: true, nameId: true, nameEn: true },
        });
        const byId = new Map(categories.map((c) => [c.id, c]));
        return byCategoryId
          .map((row) => ({ category: byId.get(row.categoryId)!, count: row.count }))
          .filter((row) => row.category)
          .sort((x, y) => y.count - x.count || x.category.code.localeCompare(y.category.code));
      },
    }),
    byArea: t.field({
      type: [AreaCount],
      description:
        'Counts rolled up to one level (3 kecamatan, 4 kelurahan/desa): every area of that level in scope, zeros included, plus any broader area reports were routed by directly. Most reported first.',
      args: { level: t.arg.int({ defaultValue: 3 }) },
      resolve: async (result, args, context) => {
        const level = args.level ?? 3;
        if (!Number.isInteger(level) || level < 1 || level > 4) {
          throw createGraphQLError('`level` must be 1, 2, 3 or 4.', { extensions: { code: 'INVALID_LEVEL' } });
        }
        const [data, snapshot] = await Promise.all([result.data(), context.catalog.current()]);
        const rows = rollUpAreas(snapshot, result.scope.area, data.byJurisdictionCode, data.openByJurisdictionCode, level);
        const shapes = new Map(
          (
            await areaShapes(
              context,
              rows.map((r) => r.code),
            )
          ).map((a) => [a.code, a]),
        );
        return rows.flatMap((row) => {
          const area = shapes.get(row.code);
          return area ? [{ area, count: row.count, open: row.open }] : [];
        });
      },
    }),
    byStatus: t.field({
      type: [StatusCount],
      description: 'Every status, in lifecycle order, zeros included.',
      resolve: async (result) => {
        const { byStatus } = await result.data();
        return REPORT_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
      },
    }),
    agencies: t.field({
      type: [AgencyPerformance],
      description: 'Agencies with at least one report in scope, most reports first.',
      resolve: async (result, _args, context) => {
        const { agencies } = await result.data();
        const rows = await context.prisma.agency.findMany({
          where: { id: { in: agencies.map((a) => a.agencyId) } },
          select: { id: true, slug: true, name: true, shortName: true },
        });
        const byId = new Map(rows.map((a) => [a.id, a]));
        return agencies
          .flatMap((row) => {
            const agency = byId.get(row.agencyId);
            return agency ? [{ ...row, agency }] : [];
          })
          .sort((x, y) => y.received - x.received || x.agency.slug.localeCompare(y.agency.slug));
      },
    }),
    weekly: t.field({
      type: [WeekCount],
      description: 'Every ISO week the range touches, oldest first, zeros included.',
      resolve: async (result) => (await result.data()).weekly,
    }),
  }),
});

async function areaShapes(context: Context, codes: string[]): Promise<AreaShape[]> {
  if (codes.length === 0) return [];
  return context.prisma.jurisdiction.findMany({
    where: { code: { in: codes } },
    select: { code: true, name: true, kind: true, level: true },
  });
}

builder.queryField('statistics', (t) =>
  t.field({
    type: Statistics,
    description:
      'Public, aggregate statistics for the reports routed to `jurisdictionCode` or any area below it (every report when omitted), submitted in [from, to) — by default the last 365 days. Errors: UNKNOWN_JURISDICTION; INVALID_RANGE when from ≥ to or the range spans more than 5 years.',
    args: {
      jurisdictionCode: t.arg.string(),
      from: t.arg({ type: 'DateTime' }),
      to: t.arg({ type: 'DateTime' }),
    },
    resolve: async (_root, args, context) => {
      // Staff dashboards are not limited; the public counts each statistics it asks for.
      if (!context.viewer) await rateLimit(context, 'statistics.address');
      const snapshot = await context.catalog.current();
      return new StatisticsResult(resolveScope(snapshot, args, context.now()), snapshot, context);
    },
  }),
);
