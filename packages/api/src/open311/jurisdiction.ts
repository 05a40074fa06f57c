// `jurisdiction_id` names one of the cities this deployment holds (e.g. "53.71" for
// Kota Kupang; before any city file, the roots of its tree). The spec makes it required
// only where one server hosts several; a value it does not serve is a 404 (the
// spec's "jurisdiction_id provided was not found"), a missing one there a 400.
import type { JurisdictionRef } from '@aduan/core';
import type { Locale } from '../intake/messages.js';
import type { RoutingSnapshot } from '../routing/catalog.js';
import { badRequest, notFound } from './errors.js';
import { say } from './messages.js';

export interface JurisdictionScope {
  root: JurisdictionRef;
  /** True when it is the deployment's only root, so filtering by it changes nothing. */
  only: boolean;
}

export function topLevelJurisdictions(snapshot: RoutingSnapshot): JurisdictionRef[] {
  return snapshot.cities.length > 0 ? snapshot.cities : snapshot.index.children(null);
}

/** The jurisdiction a request is about; null only for a deployment with no jurisdictions yet. */
export function resolveJurisdiction(snapshot: RoutingSnapshot, jurisdictionId: string | null, locale: Locale): JurisdictionScope | null {
  const roots = topLevelJurisdictions(snapshot);
  const codes = roots.map((r) => r.code).join(', ');
  const id = jurisdictionId?.trim() ?? '';
  if (id !== '') {
    const root = roots.find((r) => r.code === id);
    if (!root) throw notFound(say('JURISDICTION_UNKNOWN', locale, { id, codes }));
    return { root, only: roots.length === 1 };
  }
  if (roots.length > 1) throw badRequest(say('JURISDICTION_REQUIRED', locale, { codes }));
  return roots[0] ? { root: roots[0], only: true } : null;
}
