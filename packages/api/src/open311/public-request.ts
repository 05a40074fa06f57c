// A report as an Open311 `request`: what the public status API (PublicReport) shows
// and no more. The select below is the privacy boundary: reporter fields, the
// description, place text, internal notes and the tracking code are never read, so
// they cannot leak. The tracking code lets its holder reopen or confirm a report,
// so a request is named by the report's internal id instead, which no resident
// action accepts. The point is read only to publish it coarsely when the city opts in
// (and then a report without one is shown at its area's label point).
import type { ReportStatus } from '@aduan/core';
import type { Prisma } from '@aduan/prisma';
import type { Locale } from '../intake/messages.js';
import type { RoutingSnapshot } from '../routing/catalog.js';
import { PUBLIC_EVENT_KINDS, withholdTrackingCodes } from '../events/public-timeline.js';
import { humanDateTime, w3cDateTime } from './dates.js';
import { coarsePoint, type PublicLocation } from './location.js';
import { sayWhole } from './messages.js';
import { open311Status, type Open311Status } from './status.js';

export const PUBLIC_REQUEST_SELECT = {
  id: true,
  status: true,
  jurisdictionCode: true,
  submittedAt: true,
  dueAt: true,
  lat: true,
  lng: true,
  category: { select: { code: true, nameId: true, nameEn: true } },
  agency: { select: { name: true } },
  events: {
    where: { kind: { in: [...PUBLIC_EVENT_KINDS] } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    select: { at: true, publicNote: true },
  },
} satisfies Prisma.ReportSelect;

export type PublicRequestRow = Prisma.ReportGetPayload<{ select: typeof PUBLIC_REQUEST_SELECT }>;

export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  address_id: string;
  zipcode: null;
  lat?: number;
  long?: number;
}

export function toOpen311Request(row: PublicRequestRow, snapshot: RoutingSnapshot, locale: Locale, publicLocation: PublicLocation): Open311Request {
  const zone = snapshot.timeZoneOf(row.jurisdictionCode);
  const status = open311Status(row.status as ReportStatus);
  // Events come newest first: the latest public step, and the latest note the agency made public.
  const latest = row.events[0]?.at ?? row.submittedAt;
  const note = row.events.find((event) => event.publicNote !== null)?.publicNote ?? null;
  const areaChain = snapshot.index.ancestry(row.jurisdictionCode).map((area) => area.name);
  const point = publicLocation === 'coarse' ? publicPoint(row, snapshot) : null;
  return {
    service_request_id: row.id,
    status,
    status_notes: note === null ? null : withholdTrackingCodes(note, snapshot.trackingCodePrefixFor(row.jurisdictionCode), locale),
    service_name: locale === 'EN' ? row.category.nameEn : row.category.nameId,
    service_code: row.category.code,
    description: null,
    agency_responsible: row.agency.name,
    service_notice: status === 'open' ? serviceNotice(row.agency.name, row.dueAt, zone, locale) : null,
    requested_datetime: w3cDateTime(row.submittedAt, zone),
    updated_datetime: w3cDateTime(latest, zone),
    expected_datetime: w3cDateTime(row.dueAt, zone),
    address: areaChain.length > 0 ? areaChain.join(', ') : row.jurisdictionCode,
    address_id: row.jurisdictionCode,
    zipcode: null,
    ...(point ?? {}),
  };
}

/**
 * Where a city that publishes coarse points shows a report: its own point, rounded; for
 * one placed by name only, its area's label point (a point well inside it), rounded the
 * same way, since clients such as FixMyStreet skip a request without one. An area with
 * no boundary lends its nearest ancestor's.
 */
function publicPoint(row: PublicRequestRow, snapshot: RoutingSnapshot): { lat: number; long: number } | null {
  if (row.lat !== null && row.lng !== null) return coarsePoint(row.lat, row.lng);
  for (const area of snapshot.index.ancestry(row.jurisdictionCode)) {
    const point = snapshot.areaLabelPoint(area.code);
    if (point) return coarsePoint(point.lat, point.lng);
  }
  return null;
}

export function serviceNotice(agencyName: string, dueAt: Date, timeZone: string, locale: Locale): string {
  return sayWhole('SERVICE_NOTICE', locale, { agency: agencyName, due: humanDateTime(dueAt, timeZone, locale) });
}
