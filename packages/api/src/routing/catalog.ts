// The configuration intake needs on every request — jurisdictions with their
// spatial index, rules, agencies, categories, sites — held in memory and
// reloaded when `aduan config apply` changes the database.
import { JurisdictionIndex, type JurisdictionEntry, type RoutingRule } from '@aduan/core';
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
  code: string;
  nameId: string;
  nameEn: string;
  locationRequired: boolean;
  active: boolean;
}

export interface CatalogSite {
  id: string;
  key: string;
  allowedOrigins: string[];
  jurisdictionCode: string | null;
  categoryCodes: string[];
}

export interface RoutingSnapshot {
  index: JurisdictionIndex;
  rules: RoutingRule[];
  agenciesBySlug: Map<string, CatalogAgency>;
  categoriesByCode: Map<string, CatalogCategory>;
  sitesByKey: Map<string, CatalogSite>;
  trackingCodePrefix: string;
  /** Every origin pattern of every site, for CORS before the request body is read. */
  allOriginPatterns: string[];
  /** The IANA time zone a jurisdiction's dates are shown in (its own, else its nearest ancestor's). */
  timeZoneOf(code: string): string;
}

/** Where no jurisdiction in the ancestry names a zone. */
export const DEFAULT_TIME_ZONE = 'UTC';

export const DEFAULT_TRACKING_CODE_PREFIX = 'ADU';

export class RoutingCatalog {
  private snapshot: Promise<RoutingSnapshot> | undefined;
  private revision: string | undefined;
  private checkedAt = 0;

  constructor(
    private readonly prisma: PrismaClient,
    /** How stale the snapshot may get before the database is asked whether it changed. */
    private readonly recheckMs = 5_000,
  ) {}

  /** The current snapshot; asks the database for changes at most once per `recheckMs`. */
  async current(): Promise<RoutingSnapshot> {
    const now = Date.now();
    if (this.snapshot && now - this.checkedAt < this.recheckMs) return this.snapshot;
    this.checkedAt = now;
    const revision = await this.readRevision();
    if (!this.snapshot || revision !== this.revision) {
      this.revision = revision;
      const loading = this.load();
      this.snapshot = loading;
      loading.catch(() => {
        if (this.snapshot === loading) this.snapshot = undefined;
      });
    }
    return this.snapshot;
  }

  /** Forget the snapshot, e.g. right after applying a configuration in-process. */
  invalidate(): void {
    this.snapshot = undefined;
    this.revision = undefined;
  }

  private async readRevision(): Promise<string> {
    const rows = await this.prisma.$queryRaw<{ revision: string }[]>`
      SELECT concat_ws('|',
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Jurisdiction"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Agency"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Category"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "RoutingRule"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Site"),
        (SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') FROM "Setting")
      ) AS revision`;
    return rows[0]?.revision ?? '';
  }

  private async load(): Promise<RoutingSnapshot> {
    const [jurisdictions, rules, agencies, categories, sites, prefixSetting] = await Promise.all([
      this.prisma.jurisdiction.findMany({
        select: { code: true, name: true, kind: true, level: true, parentCode: true, boundary: true, timeZone: true },
      }),
      this.prisma.routingRule.findMany({
        include: { category: { select: { code: true } }, agency: { select: { slug: true } } },
      }),
      this.prisma.agency.findMany(),
      this.prisma.category.findMany(),
      this.prisma.site.findMany(),
      this.prisma.setting.findUnique({ where: { key: 'trackingCodePrefix' } }),
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
      allowedOrigins: s.allowedOrigins,
      jurisdictionCode: s.jurisdictionCode,
      categoryCodes: s.categoryCodes,
    }));
    const ownTimeZones = new Map(jurisdictions.filter((j) => j.timeZone).map((j) => [j.code, j.timeZone!]));
    const index = new JurisdictionIndex(entries);
    return {
      index,
      rules: rules.map((r) => ({
        id: r.id,
        name: r.name,
        categoryCode: r.category?.code ?? null,
        jurisdictionCode: r.jurisdictionCode,
        agencySlug: r.agency.slug,
        responseHours: r.responseHours,
      })),
      agenciesBySlug: new Map(agencies.map((a) => [a.slug, a])),
      categoriesByCode: new Map(categories.map((c) => [c.code, c])),
      sitesByKey: new Map(siteList.map((s) => [s.key, s])),
      trackingCodePrefix:
        typeof prefixSetting?.value === 'string' ? prefixSetting.value : DEFAULT_TRACKING_CODE_PREFIX,
      allOriginPatterns: [...new Set(siteList.flatMap((s) => s.allowedOrigins))],
      timeZoneOf(code) {
        for (const area of index.ancestry(code)) {
          const zone = ownTimeZones.get(area.code);
          if (zone) return zone;
        }
        return DEFAULT_TIME_ZONE;
      },
    };
  }
}
