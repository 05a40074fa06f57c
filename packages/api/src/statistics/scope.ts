// What a statistics request covers: an area with everything below it, a time
// range, and the time zone its weeks are counted in. Refusals are typed errors.
import type { JurisdictionRef } from '@aduan/core';
import { createGraphQLError } from 'graphql-yoga';
import { DEFAULT_TIME_ZONE, type RoutingSnapshot } from '../routing/catalog.js';

/** The range when none is given: the last 365 days up to now. */
export const DEFAULT_SPAN_DAYS = 365;
/** The longest range one request may ask for, in calendar years. */
export const MAX_SPAN_YEARS = 5;

export interface StatisticsScope {
  /** The area asked for; null means every report of this deployment. */
  area: JurisdictionRef | null;
  /** The area and every area below it (by parentCode); null when `area` is null. */
  codes: string[] | null;
  /**
   * The codes a report's area must be one of; null when the scope holds every area of
   * the deployment (the whole deployment, or its only city), so nothing is filtered.
   */
  areaFilter: string[] | null;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** IANA zone the weekly series is labelled in. */
  timeZone: string;
  /**
   * The scope's areas by time zone, each counting its weeks in its own zone; `codes`
   * null means every area (only when the whole deployment shares one zone).
   */
  zones: ZoneGroup[];
  /** The clock reading used for "overdue" and "past due". */
  now: Date;
}

export interface ZoneGroup {
  timeZone: string;
  codes: string[] | null;
  /**
   * The group's topmost areas: the tally rows of an area count it and every area below it
   * in the same time zone, so those of these areas count the whole group.
   */
  roots: string[];
}

export interface StatisticsArgs {
  jurisdictionCode?: string | null | undefined;
  from?: Date | null | undefined;
  to?: Date | null | undefined;
}

export function resolveScope(snapshot: RoutingSnapshot, args: StatisticsArgs, now: Date): StatisticsScope {
  const code = args.jurisdictionCode?.trim() || null;
  let area: JurisdictionRef | null = null;
  let codes: string[] | null = null;
  if (code !== null) {
    const entry = snapshot.index.get(code);
    if (!entry) {
      throw createGraphQLError(`The jurisdiction "${code}" is not known to Aduan.`, {
        extensions: { code: 'UNKNOWN_JURISDICTION' },
      });
    }
    area = { code: entry.code, name: entry.name, level: entry.level };
    codes = descendantCodes(snapshot, entry.code);
  }

  const to = args.to ?? now;
  const from = args.from ?? new Date(to.getTime() - DEFAULT_SPAN_DAYS * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from.getTime() >= to.getTime()) {
    throw createGraphQLError('`from` must be before `to`.', {
      extensions: { code: 'INVALID_RANGE', from: isoOrNull(from), to: isoOrNull(to) },
    });
  }
  const latest = new Date(from.getTime());
  latest.setUTCFullYear(latest.getUTCFullYear() + MAX_SPAN_YEARS);
  if (to.getTime() > latest.getTime()) {
    throw createGraphQLError(`A statistics range may span at most ${MAX_SPAN_YEARS} years.`, {
      extensions: { code: 'INVALID_RANGE', from: from.toISOString(), to: to.toISOString() },
    });
  }

  const areaFilter = codes !== null && codes.length < snapshot.index.size ? codes : null;
  return { area, codes, areaFilter, from, to, timeZone: timeZoneOfScope(snapshot, area), zones: zoneGroups(snapshot, areaFilter), now };
}

/** The code and every code below it, following the index's parent links. */
export function descendantCodes(snapshot: RoutingSnapshot, code: string): string[] {
  const out: string[] = [];
  const stack = [code];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    for (const child of snapshot.index.children(next)) stack.push(child.code);
  }
  return out;
}

/** The scope's areas grouped by time zone. */
function zoneGroups(snapshot: RoutingSnapshot, codes: string[] | null): ZoneGroup[] {
  const all = codes ?? snapshot.index.children(null).flatMap((root) => descendantCodes(snapshot, root.code));
  const byZone = new Map<string, string[]>();
  for (const code of all) {
    const zone = snapshot.timeZoneOf(code);
    const group = byZone.get(zone);
    if (group) group.push(code);
    else byZone.set(zone, [code]);
  }
  if (byZone.size === 0) return [{ timeZone: DEFAULT_TIME_ZONE, codes, roots: [] }];
  if (codes === null && byZone.size === 1) {
    return [{ timeZone: [...byZone.keys()][0]!, codes: null, roots: snapshot.index.children(null).map((root) => root.code) }];
  }
  return [...byZone].map(([timeZone, group]) => ({ timeZone, codes: group, roots: topmost(snapshot, group) }));
}

/** The codes none of whose ancestors is among them. */
function topmost(snapshot: RoutingSnapshot, codes: string[]): string[] {
  const among = new Set(codes);
  return codes.filter((code) => !snapshot.index.ancestry(code).some((ref) => ref.code !== code && among.has(ref.code)));
}

/** The area's zone; for the whole deployment, the zone its top-level areas share (else UTC). */
function timeZoneOfScope(snapshot: RoutingSnapshot, area: JurisdictionRef | null): string {
  if (area) return snapshot.timeZoneOf(area.code);
  const zones = new Set(snapshot.index.children(null).map((root) => snapshot.timeZoneOf(root.code)));
  return zones.size === 1 ? [...zones][0]! : DEFAULT_TIME_ZONE;
}

function isoOrNull(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
