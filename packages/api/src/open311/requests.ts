// GET requests, GET requests/{id} and GET tokens/{token}: reports by id or by
// filter, in their public form (public-request.ts). An id is the report's internal
// UUID, never its tracking code: anything that is not a UUID is simply unknown, so
// these reads cannot be used to test whether a tracking code exists.
import type { ReportStatus } from '@aduan/core';
import type { Prisma } from '@aduan/prisma';
import type { Locale } from '../intake/messages.js';
import type { RoutingSnapshot } from '../routing/catalog.js';
import { endOf, parseW3cDate } from './dates.js';
import type { Open311Dependencies } from './dependencies.js';
import { badRequest, notFound } from './errors.js';
import { isInScope, reportsWithin, resolveJurisdiction, type JurisdictionScope } from './jurisdiction.js';
import { readPublicLocations } from './location.js';
import { say } from './messages.js';
import { PUBLIC_REQUEST_SELECT, toOpen311Request, type Open311Request } from './public-request.js';
import { OPEN311_STATUSES, reportStatusesFor, type Open311Status } from './status.js';

/** The spec's default and largest window: "a span of 90 days or first 1000 requests returned, whichever is smallest". */
export const MAX_SPAN_DAYS = 90;
export const MAX_RESULTS = 1000;
const DAY_MS = 86_400_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A service_request_id as the report id it names, or null when it cannot name one. */
export function requestId(text: string): string | null {
  const id = text.trim().toLowerCase();
  return UUID.test(id) ? id : null;
}

/** Every value of a parameter the spec lets a client repeat or comma-delimit (`status=open,closed`). */
export function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** A parameter's value, null when missing or empty ("Optional" in the spec means both are the same). */
export function param(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value ? value : null;
}

interface Window {
  from: Date;
  /** Inclusive. */
  to: Date;
}

/** start_date/end_date, each defaulting from the other (or from now) to a 90-day span, never longer. */
export function requestWindow(params: URLSearchParams, now: Date, timeZone: string, locale: Locale): Window {
  const read = (field: 'start_date' | 'end_date') => {
    const value = param(params, field);
    if (value === null) return null;
    const parsed = parseW3cDate(value, timeZone);
    if (!parsed) throw badRequest(say('DATE_INVALID', locale, { field, value }));
    return parsed;
  };
  const start = read('start_date');
  const end = read('end_date');
  const span = MAX_SPAN_DAYS * DAY_MS;
  if (start && end) {
    if (start.date.getTime() > end.date.getTime()) throw badRequest(say('DATE_ORDER', locale));
    if (end.date.getTime() - start.date.getTime() > span) throw badRequest(say('DATE_SPAN', locale, { days: MAX_SPAN_DAYS }));
    return { from: start.date, to: endOf(end) };
  }
  if (start) return { from: start.date, to: new Date(start.date.getTime() + span) };
  if (end) return { from: new Date(end.date.getTime() - span), to: endOf(end) };
  return { from: new Date(now.getTime() - span), to: now };
}

function statusFilter(params: URLSearchParams, locale: Locale): ReportStatus[] | null {
  const wanted = listParam(params, 'status').map((value) => value.toLowerCase());
  if (wanted.length === 0) return null;
  const unknown = wanted.find((value) => !(OPEN311_STATUSES as readonly string[]).includes(value));
  if (unknown !== undefined) throw badRequest(say('STATUS_INVALID', locale, { value: unknown }));
  return [...new Set(wanted as Open311Status[])].flatMap(reportStatusesFor);
}

function serviceFilter(params: URLSearchParams, snapshot: RoutingSnapshot, locale: Locale): string[] | null {
  const codes = [...new Set(listParam(params, 'service_code'))];
  if (codes.length === 0) return null;
  const unknown = codes.find((code) => snapshot.categoriesWithCode(code).length === 0);
  if (unknown !== undefined) throw notFound(say('SERVICE_UNKNOWN', locale, { code: unknown }));
  return codes;
}

/** GET requests: by service_request_id (which "overrides all other arguments"), else by filter, newest first. */
export async function listRequests(deps: Open311Dependencies, params: URLSearchParams, locale: Locale): Promise<Open311Request[]> {
  const snapshot = await deps.catalog.current();
  const scope = await resolveJurisdiction(deps, snapshot, param(params, 'jurisdiction_id'), locale);
  const ids = listParam(params, 'service_request_id');
  let where: Prisma.ReportWhereInput;
  if (ids.length > 0) {
    if (ids.length > MAX_RESULTS) throw badRequest(say('TOO_MANY_IDS', locale, { max: MAX_RESULTS }));
    // Unknown or malformed ids are simply not in the answer, as with a filter that matches nothing.
    const known = ids.map(requestId).filter((id): id is string => id !== null);
    where = { id: { in: [...new Set(known)] } };
  } else {
    const zone = scope ? snapshot.timeZoneOf(scope.area.code) : 'UTC';
    const window = requestWindow(params, deps.now(), zone, locale);
    const statuses = statusFilter(params, locale);
    const services = serviceFilter(params, snapshot, locale);
    where = {
      submittedAt: { gte: window.from, lte: window.to },
      ...(statuses ? { status: { in: statuses } } : {}),
      ...(services ? { category: { code: { in: services } } } : {}),
    };
  }
  const [rows, publicLocation] = await Promise.all([
    deps.prisma.report.findMany({
      where: { ...where, ...reportsWithin(snapshot, scope) },
      orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
      take: MAX_RESULTS,
      select: PUBLIC_REQUEST_SELECT,
    }),
    readPublicLocations(deps.prisma),
  ]);
  return rows.map((row) => toOpen311Request(row, snapshot, locale, publicLocation(snapshot.cityOf(row.jurisdictionCode))));
}

async function findPublic(deps: Open311Dependencies, snapshot: RoutingSnapshot, text: string, scope: JurisdictionScope | null) {
  const id = requestId(text);
  if (!id) return null;
  const row = await deps.prisma.report.findUnique({ where: { id }, select: PUBLIC_REQUEST_SELECT });
  if (!row || !isInScope(snapshot, scope, row.jurisdictionCode)) return null;
  return row;
}

/** GET requests/{service_request_id}: that one report, as a list of one. */
export async function getRequest(deps: Open311Dependencies, id: string, params: URLSearchParams, locale: Locale): Promise<Open311Request[]> {
  const snapshot = await deps.catalog.current();
  const scope = await resolveJurisdiction(deps, snapshot, param(params, 'jurisdiction_id'), locale);
  const row = await findPublic(deps, snapshot, id, scope);
  if (!row) throw notFound(say('REQUEST_UNKNOWN', locale));
  return [toOpen311Request(row, snapshot, locale, (await readPublicLocations(deps.prisma))(snapshot.cityOf(row.jurisdictionCode)))];
}

/**
 * GET tokens/{token}. Aduan answers every POST with its service_request_id at once
 * (service type `realtime`) and so issues no tokens of its own; a client that asks
 * anyway may use the service_request_id as the token, and gets it back. A tracking
 * code is no token.
 */
export async function resolveToken(
  deps: Open311Dependencies,
  token: string,
  params: URLSearchParams,
  locale: Locale,
): Promise<{ service_request_id: string; token: string }[]> {
  const snapshot = await deps.catalog.current();
  const scope = await resolveJurisdiction(deps, snapshot, param(params, 'jurisdiction_id'), locale);
  const row = await findPublic(deps, snapshot, token, scope);
  if (!row) throw notFound(say('TOKEN_UNKNOWN', locale));
  return [{ service_request_id: row.id, token }];
}
