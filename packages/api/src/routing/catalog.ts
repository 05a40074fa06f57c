// The configuration intake needs on every request — jurisdictions with their
// spatial index and working calendars, rules, agencies, categories, sites — held in
// memory and reloaded when `aduan config apply` changes the database.
import {
  EVERY_DAY,
  JurisdictionIndex,
  geometryBBox,
  labelPoint,
  unionBBox,
  type BBox,
  type JurisdictionEntry,
  type JurisdictionRef,
  type RoutingRule,
  type WorkingCalendar,
} from '@aduan/core';
import type { PrismaClient } from '@aduan/prisma';
import { jurisdictionDisplayName } from '../jurisdictions/display-name.js';

export interface CatalogAgency {
  id: string;
  slug: string;
  name: string;
  jurisdictionCode: string;
  triage: boolean;
  defaultResponseHours: number;
}

export interface CatalogCategory {
  id: string;
  /** The city whose catalogue it is in. */
  cityCode: string;
  code: string;
  nameId: string;
  nameEn: string;
  locationRequired: boolean;
  active: boolean;
}

export interface CatalogSite {
  id: string;
  key: string;
  name: string;
  allowedOrigins: string[];
  jurisdictionCode: string | null;
  categoryCodes: string[];
  /** The origin of its map tiles; null when it has no map. */
  mapTileOrigin: string | null;
}

export interface RoutingSnapshot {
  /** The origins of the sites' map tiles, which the demo page's policy lets in as images. */
  mapTileOrigins: string[];
  index: JurisdictionIndex;
  rules: RoutingRule[];
  agenciesBySlug: Map<string, CatalogAgency>;
  /**
   * The city an area belongs to: itself or its nearest ancestor that is a city (has a
   * tracking-code prefix); for null (a site of the whole deployment) the only city, if
   * there is just one. Null outside every city.
   */
  cityOf(code: string | null): string | null;
  /** Every city, by code. */
  cities: JurisdictionRef[];
  /**
   * A city's catalogue by code. For null, every city's (when two share a code, the
   * lowest city code's): what a site of the whole deployment offers before it knows where.
   */
  categoriesOf(city: string | null): Map<string, CatalogCategory>;
  /** Every category with this code, whichever city's. */
  categoriesWithCode(code: string): CatalogCategory[];
  sitesByKey: Map<string, CatalogSite>;
  /** Every city's prefix (the default one when there is no city yet), for reading codes. */
  trackingCodePrefixes: string[];
  /** The prefix of the codes of reports in an area: its city's. */
  trackingCodePrefixFor(code: string | null): string;
  /** Every origin pattern of every site, for CORS before the request body is read. */
  allOriginPatterns: string[];
  /** The IANA time zone a jurisdiction's dates are shown in (its own, else its nearest ancestor's). */
  timeZoneOf(code: string): string;
  /** The box around an area and everything in it (every area for null); null without boundaries. */
  areaBounds(code: string | null): BBox | null;
  /** Where a map shows an area's numbers: a point well inside its own boundary; null without one. */
  areaLabelPoint(code: string): { lat: number; lng: number } | null;
  /**
   * The calendar a jurisdiction's deadlines count on: its time zone (as `timeZoneOf`),
   * its own working days or else its nearest ancestor's (every day when none sets
   * them), and the holidays of itself and every ancestor.
   */
  calendarOf(code: string): WorkingCalendar;
}

/** Where no jurisdiction in the ancestry names a zone. */
export const DEFAULT_TIME_ZONE = 'UTC';

export const DEFAULT_TRACKING_CODE_PREFIX = 'ADU';

export class RoutingCatalog {
  private snapshot: Promise<RoutingSnapshot> | undefined;
  private loadedRevision: string | undefined;
  private checkedAt = 0;

  constructor(
    private readonly prisma: PrismaClient,
    /**
     * How stale the snapshot may get before the database is asked whether it changed: a
     * configuration change (a city file, or the console) reaches every server within 5 s,
     * this plus the time to load it.
     */
    private readonly recheckMs = 4_000,
  ) {}

  /** The current snapshot; asks the database for changes at most once per `recheckMs`. */
  async current(): Promise<RoutingSnapshot> {
    const now = Date.now();
    if (this.snapshot && now - this.checkedAt < this.recheckMs) return this.snapshot;
    this.checkedAt = now;
    const revision = await this.readRevision();
    if (!this.snapshot || revision !== this.loadedRevision) {
      this.loadedRevision = revision;
      const loading = this.load();
      this.snapshot = loading;
      loading.catch(() => {
        if (this.snapshot === loading) this.snapshot = undefined;
      });
    }
    return this.snapshot;
  }

  /** What the current snapshot was loaded from: it changes whenever the catalogue does. */
  async revision(): Promise<string> {
    await this.current();
    return this.loadedRevision ?? '';
  }

  /** Forget the snapshot, e.g. right after applying a configuration in-process. */
  invalidate(): void {
    this.snapshot = undefined;
    this.loadedRevision = undefined;
  }

  private async readRevision(): Promise<string> {
    const rows = await this.prisma.$queryRaw<{ revision: string }[]>`
      SELECT concat_ws('|',
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Jurisdiction"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Agency"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Category"),
        -- Groups have no updatedAt: a digest of what the catalogue shows of them.
        (SELECT count(*) || ':' || coalesce(md5(string_agg(concat_ws(' ', "cityCode", code, "nameId", "nameEn", position), ',' ORDER BY "cityCode", code)), '') FROM "CategoryGroup"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "RoutingRule"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Site"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Setting"),
        -- Holidays have no updatedAt: a digest of their dates notices one moved.
        (SELECT count(*) || ':' || coalesce(md5(string_agg("jurisdictionCode" || ' ' || date, ',' ORDER BY "jurisdictionCode", date)), '') FROM "Holiday")
      ) AS revision`;
    return rows[0]?.revision ?? '';
  }

  private async load(): Promise<RoutingSnapshot> {
    const [jurisdictions, holidays, rules, agencies, categories, sites] = await Promise.all([
      this.prisma.jurisdiction.findMany({
        select: {
          code: true,
          name: true,
          kind: true,
          level: true,
          parentCode: true,
          boundary: true,
          timeZone: true,
          workingDays: true,
          trackingCodePrefix: true,
        },
      }),
      this.prisma.holiday.findMany({ select: { jurisdictionCode: true, date: true } }),
      this.prisma.routingRule.findMany({
        include: { category: { select: { code: true } }, agency: { select: { slug: true } } },
      }),
      this.prisma.agency.findMany(),
      this.prisma.category.findMany(),
      this.prisma.site.findMany(),
    ]);
    const entries: JurisdictionEntry[] = jurisdictions.map((j) => ({
      code: j.code,
      name: jurisdictionDisplayName(j),
      level: j.level,
      parentCode: j.parentCode,
      geometry: (j.boundary ?? null) as JurisdictionEntry['geometry'],
    }));
    const siteList: CatalogSite[] = sites.map((s) => ({
      id: s.id,
      key: s.key,
      name: s.name,
      allowedOrigins: s.allowedOrigins,
      jurisdictionCode: s.jurisdictionCode,
      categoryCodes: s.categoryCodes,
      mapTileOrigin: tileOrigin(s.map),
    }));
    const ownTimeZones = new Map(jurisdictions.filter((j) => j.timeZone).map((j) => [j.code, j.timeZone!]));
    const ownWorkingDays = new Map(jurisdictions.filter((j) => (j.workingDays ?? []).length > 0).map((j) => [j.code, j.workingDays]));
    const ownHolidays = new Map<string, string[]>();
    for (const h of holidays) {
      const list = ownHolidays.get(h.jurisdictionCode);
      if (list) list.push(h.date);
      else ownHolidays.set(h.jurisdictionCode, [h.date]);
    }
    const index = new JurisdictionIndex(entries);
    const timeZoneOf = (code: string): string => {
      for (const area of index.ancestry(code)) {
        const zone = ownTimeZones.get(area.code);
        if (zone) return zone;
      }
      return DEFAULT_TIME_ZONE;
    };
    const calendars = new Map<string, WorkingCalendar>();
    const calendarOf = (code: string): WorkingCalendar => {
      let calendar = calendars.get(code);
      if (!calendar) {
        const ancestry = index.ancestry(code);
        const workingDays = ancestry.map((area) => ownWorkingDays.get(area.code)).find((days) => days !== undefined) ?? EVERY_DAY;
        calendar = Object.freeze({
          timeZone: timeZoneOf(code),
          workingDays: Object.freeze([...workingDays]),
          holidays: Object.freeze([...new Set(ancestry.flatMap((area) => ownHolidays.get(area.code) ?? []))].sort()),
        });
        if (ancestry.length > 0) calendars.set(code, calendar); // only real codes, so the cache stays the size of the tree
      }
      return calendar;
    };
    const bounds = new Map<string, BBox | null>();
    const areaBounds = (code: string | null): BBox | null => {
      const key = code ?? '';
      if (!bounds.has(key)) {
        let box: BBox | null = null;
        // Codes nest (53.71 → 53.71.04 → 53.71.04.1001): an area's own and its parts' boundaries.
        for (const entry of entries) {
          if (!entry.geometry || (code !== null && entry.code !== code && !entry.code.startsWith(`${code}.`))) continue;
          const own = geometryBBox(entry.geometry);
          if (own) box = box ? unionBBox(box, own) : own;
        }
        bounds.set(key, box);
      }
      return bounds.get(key) ?? null;
    };
    const labelPoints = new Map<string, { lat: number; lng: number } | null>();
    const geometryByCode = new Map(entries.map((entry) => [entry.code, entry.geometry]));
    const areaLabelPoint = (code: string) => {
      if (!labelPoints.has(code)) {
        const geometry = geometryByCode.get(code);
        const point = geometry ? labelPoint(geometry) : null;
        labelPoints.set(code, point ? { lng: point[0]!, lat: point[1]! } : null);
      }
      return labelPoints.get(code) ?? null;
    };
    const mapTileOrigins = siteList.flatMap((s) => (s.mapTileOrigin ? [s.mapTileOrigin] : []));
    const prefixOfCity = new Map(jurisdictions.flatMap((j) => (j.trackingCodePrefix ? [[j.code, j.trackingCodePrefix] as const] : [])));
    const onlyCity = prefixOfCity.size === 1 ? [...prefixOfCity.keys()][0]! : null;
    const cityOf = (code: string | null): string | null =>
      code === null ? onlyCity : (index.ancestry(code).find((area) => prefixOfCity.has(area.code))?.code ?? null);
    const catalogues = new Map<string | null, Map<string, CatalogCategory>>([[null, new Map()]]);
    for (const category of [...categories].sort((a, b) => (a.cityCode < b.cityCode ? -1 : a.cityCode > b.cityCode ? 1 : 0))) {
      if (!catalogues.has(category.cityCode)) catalogues.set(category.cityCode, new Map());
      catalogues.get(category.cityCode)!.set(category.code, category);
      if (!catalogues.get(null)!.has(category.code)) catalogues.get(null)!.set(category.code, category);
    }
    const noCategories = new Map<string, CatalogCategory>();
    const prefixes = [...new Set(prefixOfCity.values())];
    return {
      index,
      areaBounds,
      areaLabelPoint,
      mapTileOrigins: [...new Set(mapTileOrigins)],
      rules: rules.map(routingRuleOf),
      agenciesBySlug: new Map(agencies.map((a) => [a.slug, a])),
      cityOf,
      cities: [...prefixOfCity.keys()].sort().flatMap((code) => index.get(code) ?? []),
      categoriesOf: (city) => catalogues.get(city) ?? noCategories,
      categoriesWithCode: (code) => categories.filter((c) => c.code === code),
      sitesByKey: new Map(siteList.map((s) => [s.key, s])),
      trackingCodePrefixes: prefixes.length > 0 ? prefixes : [DEFAULT_TRACKING_CODE_PREFIX],
      trackingCodePrefixFor: (code) => {
        const city = cityOf(code) ?? onlyCity;
        return (city && prefixOfCity.get(city)) ?? DEFAULT_TRACKING_CODE_PREFIX;
      },
      allOriginPatterns: [...new Set(siteList.flatMap((s) => s.allowedOrigins))],
      timeZoneOf,
      calendarOf,
    };
  }
}

/** A rule row (with its category's code and agency's slug) as routing chooses among rules. */
export function routingRuleOf(row: {
  id: string;
  name: string;
  category: { code: string } | null;
  jurisdictionCode: string | null;
  agency: { slug: string };
  responseHours: number;
}): RoutingRule {
  return {
    id: row.id,
    name: row.name,
    categoryCode: row.category?.code ?? null,
    jurisdictionCode: row.jurisdictionCode,
    agencySlug: row.agency.slug,
    responseHours: row.responseHours,
  };
}

/** The origin a site's map tiles come from (`map.tiles` is a URL template); null without a map. */
function tileOrigin(map: unknown): string | null {
  const tiles = (map as { tiles?: string } | null)?.tiles;
  return tiles ? new URL(tiles.replace(/\{[xyz]\}/g, '0')).origin : null;
}
