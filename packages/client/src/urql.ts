import { Client, fetchExchange, type AnyVariables, type OperationResult } from '@urql/core';
import { AduanNetworkError, errorFor } from './errors.js';
import { submitReportMultipart, type UploadProgress } from './multipart.js';
import { sendWithProofOfWork } from './proof-of-work.js';
import {
  CategoriesQuery,
  JurisdictionQuery,
  JurisdictionsQuery,
  ReportStatusQuery,
  RoutingPreviewQuery,
  SimilarReportsQuery,
  SiteQuery,
  SubmitReportMutation,
  ProofOfWorkChallengeQuery,
  SupportReportMutation,
  type AduanOperations,
} from './operations.js';
import type { AduanClient, AduanClientOptions } from './client.js';
import type {
  Category,
  Jurisdiction,
  Locale,
  PublicReport,
  RoutingPreviewInput,
  RoutingPreviewResult,
  Site,
  SubmitReportInput,
  SubmitReportResult,
} from './types.js';

/** Throws AduanNetworkError when there was no GraphQL answer (or "try later"), AduanGraphQLError for errors. */
function data<D>(result: OperationResult<D, AnyVariables>): D {
  const error = result.error;
  if (error) {
    const first = error.graphQLErrors[0];
    if (first) throw errorFor(first.message, first.extensions?.['code']);
    throw new AduanNetworkError(error.networkError?.message ?? error.message);
  }
  if (!result.data) throw new AduanNetworkError('Empty response');
  return result.data;
}

/**
 * The same operations on @urql/core, for apps that want urql's exchanges (caching,
 * subscriptions, devtools): the console. The widget uses the smaller `createAduanClient`.
 */
export function createUrqlAduanClient(options: AduanClientOptions): AduanClient & { urql: Client } {
  const { url } = options;
  const urql = new Client({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: false,
    // Statuses and previews change; nothing is worth serving stale to a resident.
    requestPolicy: 'network-only',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const query = async <K extends keyof AduanOperations>(
    document: string,
    variables: AduanOperations[K]['variables'],
  ): Promise<AduanOperations[K]['data']> =>
    data(await urql.query<AduanOperations[K]['data']>(document, variables).toPromise());

  return {
    url,
    urql,
    categories: async (site, locale) => (await query<'Categories'>(CategoriesQuery, locale ? { site, locale } : { site })).categories,
    site: async (key) => (await query<'Site'>(SiteQuery, { key })).site,
    jurisdictions: async (parentCode, level) => (await query<'Jurisdictions'>(JurisdictionsQuery, { parentCode, level })).jurisdictions,
    jurisdiction: async (code) => (await query<'Jurisdiction'>(JurisdictionQuery, { code })).jurisdiction,
    routingPreview: async (input) => (await query<'RoutingPreview'>(RoutingPreviewQuery, { input })).routingPreview,
    reportStatus: async (trackingCode) => (await query<'ReportStatus'>(ReportStatusQuery, { trackingCode })).reportStatus,
    similarReports: async (category, location, radiusMeters, locale) =>
      (await query<'SimilarReports'>(SimilarReportsQuery, { category, location, radiusMeters, ...(locale ? { locale } : {}) })).similarReports,
    supportReport: async (trackingCode, idempotencyKey, locale) =>
      data(
        await urql
          .mutation<AduanOperations['SupportReport']['data']>(SupportReportMutation, { trackingCode, idempotencyKey, ...(locale ? { locale } : {}) })
          .toPromise(),
      ).supportReport,
    submitReport: (plain, submit = {}) =>
      sendWithProofOfWork(
        plain,
        async () => (await query<'ProofOfWorkChallenge'>(ProofOfWorkChallengeQuery, {})).proofOfWorkChallenge,
        async (input) => {
          if (submit.photos?.length) {
            return submitReportMultipart({ url, input, photos: submit.photos, onProgress: submit.onProgress, signal: submit.signal });
          }
          const options = submit.signal ? { fetchOptions: { signal: submit.signal } } : undefined;
          return data(await urql.mutation<AduanOperations['SubmitReport']['data']>(SubmitReportMutation, { input }, options).toPromise()).submitReport;
        },
        options.solveProofOfWork,
      ),
  };
}
