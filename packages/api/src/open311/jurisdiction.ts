// `jurisdiction_id` names one of the cities this deployment holds (e.g. "53.71" for
// Kota Kupang; before any city file, the roots of its tree), or an alias a city
// declared (aliases.ts), which names that city or an area in it. The spec makes it
// required only where one server hosts several; a value it does not serve is a 404
// (the spec's "jurisdiction_id provided was not found"), a missing one there a 400.
import type { JurisdictionRef } from '@aduan/core';
import type { Prisma } from '@aduan/prisma';
import type { Locale } from '../intake/messages.js';
import type { RoutingSnapshot } from '../routing/catalog.js';
import { descendantCodes } from '../statistics/scope.js';
import { ALIAS_PATTERN, normalizeAlias, readAliases } from './aliases.js';
import type { Open311Dependencies } from './dependencies.js';
import { badRequest, notFound } from './errors.js';
import { say } from './messages.js';

export interface JurisdictionScope {
  /** What the request is about: a city, or the area an alias names. */
  area: JurisdictionRef;
  /** True when it is the deployment's only top-level jurisdiction, so filtering by it changes nothing. */
  only: boolean;
}

export function topLevelJurisdictions(snapshot: RoutingSnapshot): JurisdictionRef[] {
  return snapshot.cities.length > 0 ? snapshot.cities : snapshot.index.children(null);
}

/** The jurisdiction a request is about; null only for a deployment with no jurisdictions yet. */
export async function resolveJurisdiction(
  deps: Pick<Open311Dependencies, 'prisma'>,
  snapshot: RoutingSnapshot,
  jurisdictionId: string | null,
  locale: Locale,
): Promise<JurisdictionScope | null> {
  const roots = topLevelJurisdictions(snapshot);
  const codes = roots.map((r) => r.code).join(', ');
  const id = jurisdictionId?.trim() ?? '';
  if (id !== '') {
    const area = roots.find((r) => r.code === id) ?? (await aliasedArea(deps, snapshot, id));
    if (!area) throw notFound(say('JURISDICTION_UNKNOWN', locale, { id, codes }));
    return { area, only: roots.length === 1 && area.code === roots[0]!.code };
  }
  if (roots.length > 1) throw badRequest(say('JURISDICTION_REQUIRED', locale, { codes }));
  return roots[0] ? { area: roots[0], only: true } : null;
}

/** The area an alias names, while it still lies in the city that declared it; null for anything else. */
async function aliasedArea(deps: Pick<Open311Dependencies, 'prisma'>, snapshot: RoutingSnapshot, id: string): Promise<JurisdictionRef | null> {
  const alias = normalizeAlias(id);
  if (!ALIAS_PATTERN.test(alias)) return null;
  const declared = (await readAliases(deps.prisma)).get(alias);
  if (!declared) return null;
  const { city, target } = declared;
  let code: string | null = null;
  if ('jurisdiction' in target) code = target.jurisdiction;
  else if (snapshot.sitesByKey.has(target.site)) code = snapshot.sitesByKey.get(target.site)!.jurisdictionCode ?? city; // a site of no area serves its city
  if (code === null || !snapshot.index.isWithin(code, city)) return null;
  return snapshot.index.get(code) ?? null;
}

/** The reports a scope covers, as a filter. */
export function reportsWithin(snapshot: RoutingSnapshot, scope: JurisdictionScope | null): Prisma.ReportWhereInput {
  // With one root every report is inside it; only a narrower scope needs the list of codes.
  if (!scope || scope.only) return {};
  return { jurisdictionCode: { in: descendantCodes(snapshot, scope.area.code) } };
}

/** The events of the reports a scope covers, as a filter. */
export function eventsWithin(snapshot: RoutingSnapshot, scope: JurisdictionScope | null): Prisma.ReportEventWhereInput {
  return !scope || scope.only ? {} : { report: reportsWithin(snapshot, scope) };
}

/** Whether a report of `code` lies in the scope. */
export function isInScope(snapshot: RoutingSnapshot, scope: JurisdictionScope | null, code: string): boolean {
  return !scope || scope.only || snapshot.index.isWithin(code, scope.area.code);
}
