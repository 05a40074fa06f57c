// Checks a submission against the configuration (site, origin, category, area)
// and decides which agency gets it. Shared by submitReport and routingPreview,
// so the preview a resident sees is exactly what submitting would do.
import { routeReport, type JurisdictionRef, type Located, type RoutingDecision } from '@aduan/core';
import { originAllowed } from '../sites/origins.js';
import type { CatalogAgency, CatalogCategory, CatalogSite, RoutingSnapshot } from '../routing/catalog.js';
import { invalidInput, type InvalidInput } from './invalid-input.js';
import type { Locale } from './messages.js';

export interface RoutingRequest {
  site: string;
  category: string;
  location?: { lat: number; lng: number } | null | undefined;
  jurisdictionCode?: string | null | undefined;
}

export interface RequestOrigin {
  /** The `Origin` header, when a browser sent one. */
  origin: string | null;
  /** This server's own origin: its own pages (GraphiQL, the demo) may always submit. */
  ownOrigin: string;
}

export interface RoutedSubmission {
  site: CatalogSite;
  category: CatalogCategory;
  agency: CatalogAgency;
  decision: RoutingDecision;
  /** How the area was found: from a point, a named jurisdiction, or the site's own area. */
  method: 'POINT' | 'NAMED' | 'SITE_DEFAULT';
  /** Everything that explains the decision, stored with the report for audit. */
  audit: { decision: RoutingDecision; candidates: string[]; tieBreak: boolean };
}

export type RouteOutcome = { ok: true; routed: RoutedSubmission } | { ok: false; invalid: InvalidInput };

export function routeSubmission(snapshot: RoutingSnapshot, request: RoutingRequest, from: RequestOrigin, locale: Locale): RouteOutcome {
  const refuse = (invalid: InvalidInput): RouteOutcome => ({ ok: false, invalid });

  const site = snapshot.sitesByKey.get(request.site.trim());
  if (!site) return refuse(invalidInput('UNKNOWN_SITE', locale, 'site', { site: request.site }));
  if (from.origin && from.origin !== from.ownOrigin && !originAllowed(from.origin, site.allowedOrigins)) {
    return refuse(invalidInput('ORIGIN_NOT_ALLOWED', locale, 'site', { origin: from.origin }));
  }
  return routeForSite(snapshot, site, request, locale);
}

/**
 * Routing as `site` offers it: its city's categories, its area. The console's routing
 * tester passes a city's whole area as the site, so it answers what intake would.
 */
export function routeForSite(snapshot: RoutingSnapshot, site: CatalogSite, request: Omit<RoutingRequest, 'site'>, locale: Locale): RouteOutcome {
  const refuse = (invalid: InvalidInput): RouteOutcome => ({ ok: false, invalid });

  // The site's city's catalogue; a site of the whole deployment learns the city from where the report is.
  const categoryCode = request.category.trim();
  const offeredIn = (city: string | null): CatalogCategory | null => {
    const found = snapshot.categoriesOf(city).get(categoryCode);
    return found?.active && (site.categoryCodes.length === 0 || site.categoryCodes.includes(found.code)) ? found : null;
  };
  const unknownCategory = () => refuse(invalidInput('UNKNOWN_CATEGORY', locale, 'category', { category: request.category }));
  const siteCity = snapshot.cityOf(site.jurisdictionCode);
  let category = offeredIn(siteCity);
  if (!category) return unknownCategory();

  const { index } = snapshot;
  const serviceArea = site.jurisdictionCode ? index.get(site.jurisdictionCode) : undefined;
  const areaName = serviceArea?.name ?? 'Aduan';
  const insideService = (code: string) => !site.jurisdictionCode || index.isWithin(code, site.jurisdictionCode);
  const jurisdictionCode = request.jurisdictionCode?.trim() || null;

  if (request.location && jurisdictionCode) {
    return refuse(invalidInput('LOCATION_CONFLICT', locale, 'location'));
  }

  let located: Located | undefined;
  let named: JurisdictionRef[] | undefined;
  let method: 'point' | 'named' | 'site' = 'point';
  if (request.location) {
    const found = index.locate(request.location.lng, request.location.lat);
    if (!found || !insideService(found.code)) {
      return refuse(invalidInput('OUTSIDE_SERVICE_AREA', locale, 'location', { area: areaName }));
    }
    located = found;
  } else if (jurisdictionCode) {
    if (!index.get(jurisdictionCode) || !insideService(jurisdictionCode)) {
      return refuse(invalidInput('UNKNOWN_JURISDICTION', locale, 'jurisdictionCode', { code: jurisdictionCode }));
    }
    named = index.ancestry(jurisdictionCode);
    method = 'named';
  } else if (!category.locationRequired && site.jurisdictionCode) {
    named = index.ancestry(site.jurisdictionCode);
    method = 'site';
  } else {
    return refuse(invalidInput('LOCATION_REQUIRED', locale, 'location'));
  }

  const ancestry = located?.ancestry ?? named ?? [];
  if (!siteCity && ancestry[0]) {
    category = offeredIn(snapshot.cityOf(ancestry[0].code));
    if (!category) return unknownCategory();
  }
  const triage = chooseTriageAgency(snapshot, ancestry);
  const routed = routeReport({
    rules: snapshot.rules,
    categoryCode: category.code,
    categoryName: category.nameId,
    ...(located ? { located } : { named: named! }),
    triage: { agencySlug: triage.slug, responseHours: triage.defaultResponseHours },
    agencyNames: Object.fromEntries([...snapshot.agenciesBySlug.values()].map((a) => [a.slug, a.name])),
  });
  const decision: RoutingDecision =
    method === 'site'
      ? {
          ...routed,
          reason: `No location given; routed by the site's area. ${routed.reason}`,
          reasonId: `Tanpa lokasi; disalurkan menurut wilayah situs. ${routed.reasonId}`,
        }
      : routed;
  const agency = snapshot.agenciesBySlug.get(decision.agencySlug);
  if (!agency) throw new Error(`Routing chose agency "${decision.agencySlug}", which does not exist.`);
  return {
    ok: true,
    routed: {
      site,
      category,
      agency,
      decision,
      method: method === 'point' ? 'POINT' : method === 'named' ? 'NAMED' : 'SITE_DEFAULT',
      audit: { decision, candidates: [...(located?.candidates ?? [])], tieBreak: located?.tieBreak ?? false },
    },
  };
}

/**
 * The triage desk for an area: the triage agency of the deepest jurisdiction in its
 * ancestry. Configuration guarantees every city one of its own or above it, so an area
 * never falls to another city's desk; an area with none is a configuration error.
 */
export function chooseTriageAgency(snapshot: Pick<RoutingSnapshot, 'agenciesBySlug'>, ancestry: readonly JurisdictionRef[]): CatalogAgency {
  const triageAgencies = [...snapshot.agenciesBySlug.values()].filter((agency) => agency.triage).sort((a, b) => a.slug.localeCompare(b.slug));
  for (const area of ancestry) {
    const local = triageAgencies.find((agency) => agency.jurisdictionCode === area.code);
    if (local) return local;
  }
  throw new Error(`No triage agency covers ${ancestry[0]?.code ?? 'this area'}; \`aduan config apply\` requires one for the whole city.`);
}
