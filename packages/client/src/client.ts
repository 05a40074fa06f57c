// The client of Aduan's public operations (what residents' pages do): one method table
// over a transport, fetch by default. Unwraps each answer; a refused input comes back as
// the InvalidInput member, not as an exception.
import { submitReportMultipart, type UploadProgress } from './multipart.js';
import {
  CategoriesDocument,
  ConfirmResolvedDocument,
  FormStartDocument,
  JurisdictionDocument,
  JurisdictionsDocument,
  ProofOfWorkChallengeDocument,
  ReopenReportDocument,
  ReportStatusChangedDocument,
  ReportStatusDocument,
  RoutingPreviewDocument,
  SimilarReportsDocument,
  SiteDocument,
  SubmitReportDocument,
  SupportReportDocument,
} from './operations.js';
import type { Document } from './document.js';
import { sendWithProofOfWork, type ProofOfWorkSolver } from './proof-of-work.js';
import { fetchGetTransport, fetchTransport, type Transport } from './transport.js';
import type {
  Category,
  FormStart,
  Jurisdiction,
  Locale,
  LocationInput,
  NearbyReport,
  PublicReport,
  ResidentReportResult,
  RoutingPreviewInput,
  RoutingPreviewResult,
  Site,
  SubmitReportInput,
  SubmitReportResult,
  SupportReportResult,
} from './types.js';

export interface AduanClientOptions {
  /** The GraphQL endpoint, e.g. https://aduan.example.go.id/graphql */
  url: string;
  /** A fetch to use instead of the global one (tests, server-side rendering). */
  fetch?: typeof fetch;
  /** How a proof-of-work challenge is solved (the widget's runs in a Web Worker); in this thread by default. */
  solveProofOfWork?: ProofOfWorkSolver;
}

export interface SubmitOptions {
  photos?: readonly Blob[];
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** The operations the widget, console and examples use, each typed and unwrapped. */
export interface AduanClient {
  readonly url: string;
  /**
   * What a form needs to show itself, in one request: the site's catalogue, the site
   * (null for an unknown key) and its kelurahan and kecamatan — those of `within` when
   * given. The fetch client sends it as a GET, which needs no CORS preflight.
   */
  formStart(site: string, locale?: Locale, within?: string | null): Promise<FormStart>;
  routingPreview(input: RoutingPreviewInput): Promise<RoutingPreviewResult>;
  /** A report's public status; the fetch client sends it as a GET (no CORS preflight). */
  reportStatus(trackingCode: string): Promise<PublicReport | null>;
  /** With photos, a multipart request over XMLHttpRequest (for progress); else a JSON POST. */
  submitReport(input: SubmitReportInput, options?: SubmitOptions): Promise<SubmitReportResult>;
  /** Open reports of `category` near `location` (radius 200 m by default, at most 1000), nearest first. */
  similarReports(category: string, location: LocationInput, radiusMeters?: number | null, locale?: Locale): Promise<NearbyReport[]>;
  /**
   * Any of Aduan's operations (`@aduan/client/operations`), typed by its document. The
   * operations few pages need (the reporter's reopen and confirm, "+1" on a report
   * nearby, the single reads a form's start holds: `categories`, `site`, `jurisdictions`,
   * `jurisdiction`) are functions over this, so a bundle without them does not carry their text.
   */
  request<Result, Variables>(document: Document<Result, Variables>, variables: Variables): Promise<Result>;
}

/**
 * The URL an `EventSource` opens for live status: GraphQL over SSE by GET
 * (EventSource sends `Accept: text/event-stream`). Each `next` event's data is
 * `{ data: { reportStatusChanged: PublicReport } }`, or `{ errors }` for an unknown code.
 */
export function reportStatusStreamUrl(url: string, trackingCode: string): string {
  const u = new URL(url, globalThis.location?.href);
  u.searchParams.set('query', ReportStatusChangedDocument);
  u.searchParams.set('variables', JSON.stringify({ trackingCode }));
  return u.href;
}

/**
 * The widget's client: one JSON POST per operation with fetch. It replaced @urql/core in
 * the widget because urql made the one-script bundle 27.2 KB gzipped, far over its budget;
 * the widget needs neither a cache nor exchanges. `createUrqlAduanClient` has the same methods.
 */
export function createAduanClient(options: AduanClientOptions): AduanClient {
  return aduanClientOver(options.url, fetchTransport(options), options.solveProofOfWork, fetchGetTransport(options));
}

/**
 * The one method table of Aduan's public operations, over any transport; `read` sends
 * the reads a page starts with (a GET where the transport can).
 */
export function aduanClientOver(url: string, send: Transport, solveProofOfWork?: ProofOfWorkSolver, read: Transport = send): AduanClient {
  return {
    url,
    formStart: (site, locale, within) => read(FormStartDocument, { site, ...(locale ? { locale } : {}), ...(within ? { within } : {}) }),
    routingPreview: async (input) => (await send(RoutingPreviewDocument, { input })).routingPreview,
    reportStatus: async (trackingCode) => (await read(ReportStatusDocument, { trackingCode })).reportStatus,
    similarReports: async (category, location, radiusMeters, locale) =>
      (await send(SimilarReportsDocument, { category, location, radiusMeters, ...(locale ? { locale } : {}) })).similarReports,
    request: (document, variables) => send(document, variables),
    submitReport: (plain, submit = {}) =>
      sendWithProofOfWork(
        plain,
        async () => (await send(ProofOfWorkChallengeDocument, {}, submit.signal)).proofOfWorkChallenge,
        async (input) =>
          submit.photos?.length
            ? submitReportMultipart({ url, input, photos: submit.photos, onProgress: submit.onProgress, signal: submit.signal })
            : (await send(SubmitReportDocument, { input }, submit.signal)).submitReport,
        solveProofOfWork,
      ),
  };
}

/** "+1 resident": follows a report `similarReports` found, by its `handle`, instead of sending a duplicate; a retry with the same key counts once. */
export async function supportReport(
  client: Pick<AduanClient, 'request'>,
  handle: string,
  idempotencyKey?: string | null,
  locale?: Locale,
): Promise<SupportReportResult> {
  return (await client.request(SupportReportDocument, { handle, idempotencyKey, ...(locale ? { locale } : {}) })).supportReport;
}

/** The reporter's "not fixed": a RESOLVED or REJECTED report goes back to work (until its `reopenableUntil`). Needs the resident key. */
export async function reopenReport(
  client: Pick<AduanClient, 'request'>,
  trackingCode: string,
  reason: string,
  residentKey: string,
): Promise<ResidentReportResult> {
  return (await client.request(ReopenReportDocument, { trackingCode, reason, residentKey })).reopenReport;
}

/** The reporter's "fixed": a RESOLVED report is closed. Needs the resident key. */
export async function confirmResolved(client: Pick<AduanClient, 'request'>, trackingCode: string, residentKey: string): Promise<ResidentReportResult> {
  return (await client.request(ConfirmResolvedDocument, { trackingCode, residentKey })).confirmResolved;
}

/** A site's catalogue (a form gets it with `formStart`). */
export async function categories(client: Pick<AduanClient, 'request'>, site: string, locale?: Locale): Promise<Category[]> {
  return (await client.request(CategoriesDocument, locale ? { site, locale } : { site })).categories;
}

/** A site by its key; null when unknown. */
export async function site(client: Pick<AduanClient, 'request'>, key: string): Promise<Site | null> {
  return (await client.request(SiteDocument, { key })).site;
}

/** The children of `parentCode`, or with `level` every area at that level below it. */
export async function jurisdictions(client: Pick<AduanClient, 'request'>, parentCode?: string | null, level?: number | null): Promise<Jurisdiction[]> {
  return (await client.request(JurisdictionsDocument, { parentCode, level })).jurisdictions;
}

/** One area by its code; null when unknown. */
export async function jurisdiction(client: Pick<AduanClient, 'request'>, code: string): Promise<Jurisdiction | null> {
  return (await client.request(JurisdictionDocument, { code })).jurisdiction;
}
