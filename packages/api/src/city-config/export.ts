// `aduan config export --jurisdiction CODE`: a city's configuration as it is now, in the
// file format `config apply` reads — the city file and one GeoJSON file of its
// boundaries — so that applying the export changes nothing. What the file format cannot
// hold stays behind: channels added from the command line, inactive categories (their
// absence keeps them inactive), reports and staff.
import { Prisma, type Category } from '@aduan/prisma';
import { kindOf } from './boundaries.js';
import { CityConfigError } from './errors.js';
import { aliasesSetting, cityAliasesOf } from '../open311/aliases.js';
import { publicLocationSetting } from '../open311/location.js';
import { digestSetting, type DigestSetting } from '../digests/digest-setting.js';
import type { CityConfigInput } from './schema.js';
import { codeWithin } from '../jurisdictions/tree.js';

/** The file names the export writes, beside each other. */
export const EXPORT_BOUNDARY_FILE = 'boundaries.geojson';

const LEVEL_NAMES: Record<number, string> = { 1: 'provinsi', 2: 'kabupaten_kota', 3: 'kecamatan', 4: 'kelurahan_desa' };

export interface ExportedCity {
  config: CityConfigInput;
  /** The GeoJSON FeatureCollection `config.boundaries` names (EXPORT_BOUNDARY_FILE). */
  boundaries: { type: 'FeatureCollection'; features: unknown[] };
}

export interface ExportOptions {
  /**
   * false: no boundary file; areas with a boundary appear by code only (with their
   * settings), so applying the document leaves their boundaries as they are. What the
   * console edits: a city's settings without megabytes of polygons.
   */
  boundaries?: boolean;
}

/** The city `code` (a jurisdiction with a tracking-code prefix) as a city file and its boundaries. */
export async function exportCityConfig(prisma: Prisma.TransactionClient, code: string, options: ExportOptions = {}): Promise<ExportedCity> {
  const withBoundaries = options.boundaries ?? true;
  const city = await prisma.jurisdiction.findUnique({ where: { code } });
  if (!city?.trackingCodePrefix) {
    throw new CityConfigError([{ path: 'jurisdiction', message: `"${code}" is not a city (no city file has set it up)` }]);
  }
  const inCity = codeWithin('code', code);
  const byArea = codeWithin('jurisdictionCode', code);
  const [areas, withBoundary, holidays, agencies, groups, categories, rules, sites, publicLocation, aliasRow, digest] = await Promise.all([
    prisma.jurisdiction.findMany({ where: inCity, orderBy: { code: 'asc' }, omit: { boundary: !withBoundaries } }),
    prisma.jurisdiction.findMany({ where: { ...inCity, boundary: { not: Prisma.DbNull } }, select: { code: true } }),
    prisma.holiday.findMany({ where: byArea, orderBy: [{ jurisdictionCode: 'asc' }, { date: 'asc' }] }),
    prisma.agency.findMany({
      where: byArea,
      orderBy: { slug: 'asc' },
      include: { escalationParent: { select: { slug: true } }, channels: { where: { source: 'config', removedAt: null }, orderBy: { name: 'asc' } } },
    }),
    prisma.categoryGroup.findMany({ where: { cityCode: code }, orderBy: [{ position: 'asc' }, { code: 'asc' }] }),
    prisma.category.findMany({ where: { cityCode: code, active: true }, orderBy: [{ position: 'asc' }, { code: 'asc' }] }),
    prisma.routingRule.findMany({ where: byArea, include: { category: { select: { code: true } }, agency: { select: { slug: true } } } }),
    prisma.site.findMany({ where: byArea, orderBy: { key: 'asc' } }),
    prisma.setting.findUnique({ where: { key: publicLocationSetting(code) } }),
    prisma.setting.findUnique({ where: { key: aliasesSetting(code) } }),
    prisma.setting.findUnique({ where: { key: digestSetting(code) } }),
  ]);
  // Each Open311 alias goes back to the jurisdiction or site that declared it.
  const aliasesOf = new Map<string, string[]>();
  for (const [alias, target] of Object.entries(cityAliasesOf(aliasRow?.value ?? null)).sort(([a], [b]) => a.localeCompare(b))) {
    const holder = 'jurisdiction' in target ? `jurisdiction:${target.jurisdiction}` : `site:${target.site}`;
    aliasesOf.set(holder, [...(aliasesOf.get(holder) ?? []), alias]);
  }

  // Areas with a boundary go to the GeoJSON file; their settings (and areas without one) are entries.
  const features = areas
    .filter((area) => area.boundary != null && kindOf(area.code, area.level) === area.kind)
    .map((area) => ({
      type: 'Feature',
      properties: { code: area.code, name: area.name, level: LEVEL_NAMES[area.level] },
      geometry: area.boundary,
    }));
  const inFile = new Set(withBoundaries ? features.map((f) => f.properties.code) : withBoundary.map((a) => a.code));
  const holidaysOf = new Map<string, { date: string; name: string }[]>();
  for (const h of holidays) {
    const list = holidaysOf.get(h.jurisdictionCode);
    if (list) list.push({ date: h.date, name: h.name });
    else holidaysOf.set(h.jurisdictionCode, [{ date: h.date, name: h.name }]);
  }
  const jurisdictions = areas.flatMap((area) => {
    const settings = {
      ...(area.timeZone ? { timeZone: area.timeZone } : {}),
      ...(area.workingDays.length > 0 ? { workingDays: area.workingDays } : {}),
      ...(holidaysOf.has(area.code) ? { holidays: holidaysOf.get(area.code)! } : {}),
      ...(aliasesOf.has(`jurisdiction:${area.code}`) ? { aliases: aliasesOf.get(`jurisdiction:${area.code}`)! } : {}),
    };
    if (inFile.has(area.code)) return Object.keys(settings).length > 0 ? [{ code: area.code, ...settings }] : [];
    return [{ code: area.code, name: area.name, level: area.level, kind: area.kind as never, parentCode: area.parentCode, ...settings }];
  });

  const config: CityConfigInput = {
    city: code,
    trackingCodePrefix: city.trackingCodePrefix,
    boundaries: withBoundaries && features.length > 0 ? [{ file: EXPORT_BOUNDARY_FILE }] : [],
    jurisdictions,
    agencies: agencies.map((a) => ({
      slug: a.slug,
      name: a.name,
      ...(a.shortName ? { shortName: a.shortName } : {}),
      jurisdiction: a.jurisdictionCode,
      ...(a.email ? { email: a.email } : {}),
      triage: a.triage,
      defaultResponseHours: a.defaultResponseHours,
      ...(a.escalationParent ? { escalatesTo: a.escalationParent.slug } : {}),
      channels: a.channels.map((c) => ({
        name: c.name,
        kind: c.kind.toLowerCase() as 'webhook' | 'email' | 'open311',
        ...(c.url ? { url: c.url } : {}),
        ...(c.email ? { email: c.email } : {}),
        ...(c.secretEnv ? { secretEnv: c.secretEnv } : {}),
        ...(c.serviceCodes ? { serviceCodes: c.serviceCodes as Record<string, string> } : {}),
        ...(c.jurisdictionId ? { jurisdictionId: c.jurisdictionId } : {}),
        locale: c.locale === 'EN' ? 'en' : 'id',
      })),
    })),
    categoryGroups: groups.map((g) => ({ code: g.code, name: { id: g.nameId, en: g.nameEn } })),
    categories: categories.map(categoryEntry),
    rules: rules
      .map((r) => ({
        name: r.name,
        category: r.category?.code ?? null,
        jurisdiction: r.jurisdictionCode,
        agency: r.agency.slug,
        responseHours: r.responseHours,
      }))
      .sort((x, y) => `${x.jurisdiction}|${x.category ?? ''}`.localeCompare(`${y.jurisdiction}|${y.category ?? ''}`)),
    sites: sites.map((s) => ({
      key: s.key,
      name: s.name,
      allowedOrigins: s.allowedOrigins,
      jurisdiction: s.jurisdictionCode,
      categories: s.categoryCodes,
      ...(s.theme ? { theme: s.theme as Record<string, unknown> } : {}),
      ...(s.map ? { map: s.map as never } : {}),
      ...(aliasesOf.has(`site:${s.key}`) ? { aliases: aliasesOf.get(`site:${s.key}`)! } : {}),
    })),
    ...(publicLocation ? { open311: { publicLocation: publicLocation.value as 'none' | 'coarse' } } : {}),
    ...(digest ? { digest: digest.value as DigestSetting } : {}),
  };
  return { config, boundaries: { type: 'FeatureCollection', features: withBoundaries ? features : [] } };
}

/** A category as the city file writes it. */
export function categoryEntry(c: Category): NonNullable<CityConfigInput['categories']>[number] {
  return {
    code: c.code,
    name: { id: c.nameId, en: c.nameEn },
    ...(c.descriptionId && c.descriptionEn ? { description: { id: c.descriptionId, en: c.descriptionEn } } : {}),
    ...(c.groupCode ? { group: c.groupCode } : {}),
    keywords: c.keywords,
    locationRequired: c.locationRequired,
  };
}
