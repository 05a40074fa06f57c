// POST requests: an Open311 service request becomes an Aduan report through the
// same intake as GraphQL's submitReport (checks, routing, deadline, idempotency,
// one write through the report ledger, which announces it). Only the Open311 parts live here:
// names of fields, the api_key, jurisdiction_id, and finding a place from address_string.
// The answer is the only place Open311 ever shows a tracking code: in the notice for
// the person filing, who needs it to follow, reopen or confirm the report.
import type { Report } from '@aduan/prisma';
import type { InvalidInput } from '../intake/invalid-input.js';
import type { Locale } from '../intake/messages.js';
import type { RequestOrigin } from '../intake/route-submission.js';
import { submitReport, type SubmitReportInput } from '../intake/submit-report.js';
import { trackingUrl } from '../notifications/compose.js';
import type { RoutingSnapshot } from '../routing/catalog.js';
import type { Fields } from './body.js';
import type { Open311Dependencies } from './dependencies.js';
import { badRequest, forbidden, notFound, Open311Error } from './errors.js';
import { resolveJurisdiction } from './jurisdiction.js';
import { integrationOf } from './keys.js';
import { refuseWhenLimited, refuseWhenUsedUp } from './rate-limit.js';
import { matchAddress } from './location.js';
import { say, sayWhole } from './messages.js';
import { serviceNotice } from './public-request.js';

export const MAX_MEDIA_URL = 2_000;

export interface CreatedRequest {
  /** The report's id, as GET requests/{id} takes it. */
  service_request_id: string;
  /** Who handles it and by when, then the tracking code and where to follow it. */
  service_notice: string;
  account_id: null;
  /**
   * The key that lets the filer act as the reporter (reopen, confirm resolved), shown this
   * once; null on a replay. An extension of GeoReport v2, like the tracking code in the notice.
   */
  resident_key: string | null;
}

export interface SubmitContext {
  from: RequestOrigin;
  locale: Locale;
  /** The `Idempotency-Key` header: a retried POST returns the same request instead of a second one. */
  idempotencyKey: string | null;
  /** Where residents follow a report (`{publicUrl}/?code=…`), as in Aduan's mail. */
  publicUrl: string;
}

export async function createRequest(deps: Open311Dependencies, fields: Fields, context: SubmitContext): Promise<CreatedRequest[]> {
  const { locale } = context;
  const snapshot = await deps.catalog.current();

  // The spec's order of refusals: who is asking (403), what it is about (404), then the fields (400).
  const apiKey = fields.get('api_key');
  if (!apiKey) throw forbidden(say('API_KEY_MISSING', locale));
  // Filing needs an integration's secret key; a site's own key is public and reads only.
  const integration = await integrationOf(deps.prisma, apiKey);
  if (!integration) throw forbidden(say(snapshot.sitesByKey.has(apiKey) ? 'API_KEY_READ_ONLY' : 'API_KEY_UNKNOWN', locale));
  const site = snapshot.sitesByKey.get(integration.siteKey);
  if (!site) throw forbidden(say('API_KEY_UNKNOWN', locale));
  // Each integration has its own allowance; the site's quota counts accepted reports only.
  await refuseWhenLimited(deps, 'open311.key', integration.keyId, locale);
  await refuseWhenUsedUp(deps, 'submit.site', site.key, locale);
  const scope = await resolveJurisdiction(deps, snapshot, fields.get('jurisdiction_id'), locale);
  // The site and the jurisdiction must meet: one lies in the other (an alias may name a part of the site's city).
  const { index } = snapshot;
  if (scope && site.jurisdictionCode && !index.isWithin(site.jurisdictionCode, scope.area.code) && !index.isWithin(scope.area.code, site.jurisdictionCode)) {
    throw badRequest(say('JURISDICTION_SITE', locale, { name: scope.area.name }));
  }
  const serviceCode = fields.get('service_code');
  if (!serviceCode) throw badRequest(say('SERVICE_CODE_MISSING', locale));
  const category = snapshot.categoriesOf(snapshot.cityOf(site.jurisdictionCode ?? scope?.area.code ?? null)).get(serviceCode);
  if (!category?.active) throw notFound(say('SERVICE_UNKNOWN', locale, { code: serviceCode }));

  const location = readPoint(fields, locale);
  const addressId = fields.get('address_id');
  const addressString = fields.get('address_string');
  let jurisdictionCode = addressId;
  let jurisdictionFrom: 'address_id' | 'address_string' = 'address_id';
  if (!location && !addressId && addressString) {
    const within = narrower(snapshot, site.jurisdictionCode, scope?.area.code ?? null);
    const match = await matchAddress(deps.prisma, snapshot, addressString, within);
    if (match.kind === 'one') {
      jurisdictionCode = match.code;
      jurisdictionFrom = 'address_string';
    } else if (match.kind === 'several') {
      throw badRequest(say('ADDRESS_AMBIGUOUS', locale, { names: match.names.join(', ') }));
    } else if (category.locationRequired) {
      const area = within ? (snapshot.index.get(within)?.name ?? within) : 'Aduan';
      throw badRequest(say('ADDRESS_UNMATCHED', locale, { area }));
    }
    // Otherwise the category needs no place, and intake routes it by the site's own area.
  }
  if (scope && !scope.only) checkInsideJurisdiction(snapshot, scope.area, location, jurisdictionCode, jurisdictionFrom, locale);

  const input: SubmitReportInput = {
    site: site.key,
    category: category.code,
    description: withMediaUrl(fields.get('description') ?? '', fields.get('media_url'), locale),
    location,
    jurisdictionCode: location ? (addressId ?? null) : jurisdictionCode,
    placeText: addressString,
    reporter: {
      name: [fields.get('first_name'), fields.get('last_name')].filter(Boolean).join(' ') || null,
      email: fields.get('email'),
      phone: fields.get('phone'),
    },
    locale,
    idempotencyKey: context.idempotencyKey,
  };
  const outcome = await submitReport({ ledger: deps.ledger, catalog: deps.catalog, now: deps.now }, input, context.from);
  if (!outcome.ok) throw refusal(outcome.invalid, jurisdictionFrom, locale);
  if (!outcome.replayed) await deps.rateLimits?.take('submit.site', site.key);
  return [
    {
      service_request_id: outcome.report.id,
      service_notice: notice(snapshot, outcome.report, context),
      account_id: null,
      resident_key: outcome.residentKey,
    },
  ];
}

/** Of two nested areas (either may be absent), the one inside the other. */
function narrower(snapshot: RoutingSnapshot, a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return snapshot.index.isWithin(a, b) ? a : b;
}

/** lat and long come together, as numbers of degrees; their ranges are intake's to check. */
function readPoint(fields: Fields, locale: Locale): { lat: number; lng: number } | null {
  const lat = fields.get('lat');
  const long = fields.get('long');
  if (lat === null && long === null) return null;
  if (lat === null) throw badRequest(say('LAT_LONG_PAIR', locale, { field: 'lat' }));
  if (long === null) throw badRequest(say('LAT_LONG_PAIR', locale, { field: 'long' }));
  const number = (text: string, field: string) => {
    const value = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) throw badRequest(say('NOT_A_NUMBER', locale, { field }));
    return value;
  };
  return { lat: number(lat, 'lat'), lng: number(long, 'long') };
}

/**
 * Aduan stores photos itself and never fetches a URL it is given; a media_url is kept
 * for the agency at the end of the description (which only staff read).
 */
function withMediaUrl(description: string, mediaUrl: string | null, locale: Locale): string {
  if (!mediaUrl) return description;
  let url: URL | null = null;
  try {
    url = new URL(mediaUrl);
  } catch {
    url = null;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || mediaUrl.length > MAX_MEDIA_URL) {
    throw badRequest(say('MEDIA_URL', locale, { max: MAX_MEDIA_URL }));
  }
  return description ? `${description}\n\nmedia_url: ${mediaUrl}` : '';
}

/** On a server of several cities, the place must lie in the jurisdiction the client named. */
function checkInsideJurisdiction(
  snapshot: RoutingSnapshot,
  root: { code: string; name: string },
  location: { lat: number; lng: number } | null,
  jurisdictionCode: string | null,
  jurisdictionFrom: string,
  locale: Locale,
): void {
  const outside = (field: string) => badRequest(say('OUTSIDE_JURISDICTION', locale, { field, name: root.name, code: root.code }));
  if (location) {
    const found = snapshot.index.locate(location.lng, location.lat);
    if (found && !snapshot.index.isWithin(found.code, root.code)) throw outside('lat/long');
  } else if (jurisdictionCode && snapshot.index.get(jurisdictionCode) && !snapshot.index.isWithin(jurisdictionCode, root.code)) {
    throw outside(jurisdictionFrom);
  }
}

/** Intake's field paths in Open311's names. */
function open311Field(field: string, jurisdictionFrom: string): string {
  switch (field) {
    case 'site':
      return 'api_key';
    case 'category':
      return 'service_code';
    case 'location':
      return 'lat/long';
    case 'location.lat':
      return 'lat';
    case 'location.lng':
      return 'long';
    case 'jurisdictionCode':
      return jurisdictionFrom;
    case 'placeText':
      return 'address_string';
    case 'reporter.name':
      return 'first_name/last_name';
    case 'reporter.email':
      return 'email';
    case 'reporter.phone':
      return 'phone';
    case 'idempotencyKey':
      return 'Idempotency-Key';
    default:
      return field;
  }
}

/** Intake's typed refusal as the spec's errors: 403 for the key or the page, 404 for the service, else 400. */
function refusal(invalid: InvalidInput, jurisdictionFrom: string, locale: Locale): Open311Error {
  switch (invalid.code) {
    case 'UNKNOWN_SITE':
    case 'ORIGIN_NOT_ALLOWED':
      return new Open311Error(403, `api_key: ${invalid.message}`);
    case 'UNKNOWN_CATEGORY':
      return new Open311Error(404, `service_code: ${invalid.message}`);
    case 'LOCATION_REQUIRED':
      return badRequest(say('LOCATION_MISSING', locale));
    case 'LOCATION_CONFLICT':
      return badRequest(say('LOCATION_CONFLICT', locale));
    case 'IDEMPOTENCY_KEY_REUSED':
      return new Open311Error(409, `Idempotency-Key: ${invalid.message}`);
    default:
      return badRequest(invalid.fields.map((f) => `${open311Field(f.field, jurisdictionFrom)}: ${f.message}`));
  }
}

function notice(snapshot: RoutingSnapshot, report: Report, context: SubmitContext): string {
  const { locale } = context;
  const agency = [...snapshot.agenciesBySlug.values()].find((a) => a.id === report.agencyId);
  const tracking = sayWhole('TRACKING_NOTICE', locale, { code: report.trackingCode, url: trackingUrl(context.publicUrl, report.trackingCode) });
  if (!agency) return tracking;
  return `${serviceNotice(agency.name, report.dueAt, snapshot.timeZoneOf(report.jurisdictionCode), locale)} ${tracking}`;
}
