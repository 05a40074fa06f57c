import { AduanNetworkError, unwrap } from './errors.js';
import { submitReportMultipart, type UploadProgress } from './multipart.js';
import { sendWithProofOfWork, type ProofOfWorkSolver } from './proof-of-work.js';
import {
  CategoriesQuery,
  JurisdictionQuery,
  JurisdictionsQuery,
  ProofOfWorkChallengeQuery,
  ReportStatusChangedSubscription,
  ReportStatusQuery,
  RoutingPreviewQuery,
  SimilarReportsQuery,
  SiteQuery,
  SubmitReportMutation,
  SupportReportMutation,
  type AduanOperations,
} from './operations.js';
import type {
  Category,
  Jurisdiction,
  Locale,
  LocationInput,
  NearbyReport,
  PublicReport,
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
  categories(site: string, locale?: Locale): Promise<Category[]>;
  site(key: string): Promise<Site | null>;
  jurisdictions(parentCode?: string | null, level?: number | null): Promise<Jurisdiction[]>;
  jurisdiction(code: string): Promise<Jurisdiction | null>;
  routingPreview(input: RoutingPreviewInput): Promise<RoutingPreviewResult>;
  reportStatus(trackingCode: string): Promise<PublicReport | null>;
  /** With photos, a multipart request over XMLHttpRequest (for progress); else a JSON POST. */
  submitReport(input: SubmitReportInput, options?: SubmitOptions): Promise<SubmitReportResult>;
  /** Open reports of `category` near `location` (radius 200 m by default, at most 1000), nearest first. */
  similarReports(category: string, location: LocationInput, radiusMeters?: number | null, locale?: Locale): Promise<NearbyReport[]>;
  /** "+1 resident": follow an existing report instead of sending a duplicate; a retry with the same key counts once. */
  supportReport(trackingCode: string, idempotencyKey?: string | null, locale?: Locale): Promise<SupportReportResult>;
}

/**
 * The URL an `EventSource` opens for live status: GraphQL over SSE by GET
 * (EventSource sends `Accept: text/event-stream`). Each `next` event's data is
 * `{ data: { reportStatusChanged: PublicReport } }`, or `{ errors }` for an unknown code.
 */
export function reportStatusStreamUrl(url: string, trackingCode: string): string {
  const u = new URL(url, globalThis.location?.href);
  u.searchParams.set('query', ReportStatusChangedSubscription);
  u.searchParams.set('variables', JSON.stringify({ trackingCode }));
  return u.href;
}

/**
 * A minimal GraphQL-over-HTTP client: one JSON POST per operation with fetch. It replaced
 * @urql/core in the widget because urql took the one-script bundle ~7 KB gzipped over its
 * 20 KB budget; the widget needs neither a cache nor exchanges. Same interface as
 * `createUrqlAduanClient`.
 */
export function createAduanClient(options: AduanClientOptions): AduanClient {
  const { url } = options;
  async function request<K extends keyof AduanOperations>(
    query: string,
    variables: AduanOperations[K]['variables'],
    signal?: AbortSignal,
  ): Promise<AduanOperations[K]['data']> {
    const doFetch = options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new AduanNetworkError(error instanceof Error ? error.message : 'Network request failed');
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      // A proxy's HTML error page or a cut connection: no GraphQL answer, so retryable.
      throw new AduanNetworkError(`HTTP ${response.status}`);
    }
    return unwrap(body as { data?: AduanOperations[K]['data'] });
  }

  return {
    url,
    categories: async (site, locale) => (await request<'Categories'>(CategoriesQuery, locale ? { site, locale } : { site })).categories,
    site: async (key) => (await request<'Site'>(SiteQuery, { key })).site,
    jurisdictions: async (parentCode, level) => (await request<'Jurisdictions'>(JurisdictionsQuery, { parentCode, level })).jurisdictions,
    jurisdiction: async (code) => (await request<'Jurisdiction'>(JurisdictionQuery, { code })).jurisdiction,
    routingPreview: async (input) => (await request<'RoutingPreview'>(RoutingPreviewQuery, { input })).routingPreview,
    reportStatus: async (trackingCode) => (await request<'ReportStatus'>(ReportStatusQuery, { trackingCode })).reportStatus,
    similarReports: async (category, location, radiusMeters, locale) =>
      (await request<'SimilarReports'>(SimilarReportsQuery, { category, location, radiusMeters, ...(locale ? { locale } : {}) })).similarReports,
    supportReport: async (trackingCode, idempotencyKey, locale) =>
      (await request<'SupportReport'>(SupportReportMutation, { trackingCode, idempotencyKey, ...(locale ? { locale } : {}) })).supportReport,
    submitReport: (plain, submit = {}) =>
      sendWithProofOfWork(
        plain,
        async () => (await request<'ProofOfWorkChallenge'>(ProofOfWorkChallengeQuery, {}, submit.signal)).proofOfWorkChallenge,
        async (input) =>
          submit.photos?.length
            ? submitReportMultipart({ url, input, photos: submit.photos, onProgress: submit.onProgress, signal: submit.signal })
            : (await request<'SubmitReport'>(SubmitReportMutation, { input }, submit.signal)).submitReport,
        options.solveProofOfWork,
      ),
  };
}
