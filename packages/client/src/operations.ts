/**
 * The operation documents, as plain strings: urql parses them itself, and strings keep
 * the bundle free of a `graphql` dependency. Each is paired with its result and
 * variables types in `AduanOperations` below.
 */
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

const JURISDICTION = 'code name displayName level kind parentCode timeZone';
const AREA = 'code name displayName';
const AGENCY = 'slug name shortName';
const INVALID = '... on InvalidInput { code message fields { field message } }';
const REPORT = `trackingCode status category { code names { id en } } agency { ${AGENCY} } area { ${AREA} } submittedAt dueAt timeZone overdue timeline { at status note }`;

export const CategoriesQuery = `query Categories($site: ID!, $locale: Locale) {
  categories(site: $site, locale: $locale) { code name names { id en } description group groupId: group(locale: ID) groupEn: group(locale: EN) groupCode locationRequired }
}`;

export const SiteQuery = `query Site($key: ID!) {
  site(key: $key) { key name area { code name displayName level timeZone } }
}`;

export const JurisdictionsQuery = `query Jurisdictions($parentCode: String, $level: Int) {
  jurisdictions(parentCode: $parentCode, level: $level) { ${JURISDICTION} }
}`;

export const JurisdictionQuery = `query Jurisdiction($code: String!) {
  jurisdiction(code: $code) { ${JURISDICTION} }
}`;

export const RoutingPreviewQuery = `query RoutingPreview($input: RoutingPreviewInput!) {
  routingPreview(input: $input) {
    __typename
    ... on RoutingPreview { agency { ${AGENCY} } area { ${AREA} } reason responseHours }
    ${INVALID}
  }
}`;

export const ReportStatusQuery = `query ReportStatus($trackingCode: String!) {
  reportStatus(trackingCode: $trackingCode) { ${REPORT} }
}`;

export const SubmitReportMutation = `mutation SubmitReport($input: SubmitReportInput!) {
  submitReport(input: $input) {
    __typename
    ... on ReportSubmitted { replayed report { ${REPORT} } }
    ${INVALID}
  }
}`;

export const SimilarReportsQuery = `query SimilarReports($category: String!, $location: LocationInput!, $radiusMeters: Int, $locale: Locale) {
  similarReports(category: $category, location: $location, radiusMeters: $radiusMeters, locale: $locale) { trackingCode category status ageDays distanceMeters supporters area { ${AREA} } }
}`;

export const SupportReportMutation = `mutation SupportReport($trackingCode: String!, $idempotencyKey: String, $locale: Locale) {
  supportReport(trackingCode: $trackingCode, idempotencyKey: $idempotencyKey, locale: $locale) {
    __typename
    ... on ReportSupported { supporters replayed report { ${REPORT} } }
    ${INVALID}
  }
}`;

// The staff console's operations before sign-in; shared so that a server in
// persisted-operations mode knows them (everything after sign-in is authenticated).
/** What the console shows of the signed-in staff member. */
export const STAFF_FIELDS = 'kind email name role mustChangePassword agency { slug name shortName }';

export const MeQuery = `query Me { me { ${STAFF_FIELDS} } }`;

export const LoginMutation = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    __typename
    ... on LoggedIn { staff { ${STAFF_FIELDS} } }
    ... on InvalidInput { code message fields { field message } }
  }
}`;

export const LogoutMutation = `mutation Logout { logout }`;

/** A challenge to solve before submitReport; null when the server asks for none. */
export const ProofOfWorkChallengeQuery = `query ProofOfWorkChallenge { proofOfWorkChallenge { challenge } }`;

/** Live status over GraphQL over SSE; `reportStatusStreamUrl` puts it in a GET URL for EventSource. */
export const ReportStatusChangedSubscription = `subscription ReportStatusChanged($trackingCode: String!) {
  reportStatusChanged(trackingCode: $trackingCode) { ${REPORT} }
}`;

/** Result data and variables of every operation, keyed by operation name. */
export interface AduanOperations {
  Categories: { data: { categories: Category[] }; variables: { site: string; locale?: Locale } };
  Site: { data: { site: Site | null }; variables: { key: string } };
  Jurisdictions: { data: { jurisdictions: Jurisdiction[] }; variables: { parentCode?: string | null; level?: number | null } };
  Jurisdiction: { data: { jurisdiction: Jurisdiction | null }; variables: { code: string } };
  RoutingPreview: { data: { routingPreview: RoutingPreviewResult }; variables: { input: RoutingPreviewInput } };
  ReportStatus: { data: { reportStatus: PublicReport | null }; variables: { trackingCode: string } };
  SimilarReports: {
    data: { similarReports: NearbyReport[] };
    variables: { category: string; location: LocationInput; radiusMeters?: number | null; locale?: Locale };
  };
  SupportReport: {
    data: { supportReport: SupportReportResult };
    variables: { trackingCode: string; idempotencyKey?: string | null; locale?: Locale };
  };
  ReportStatusChanged: { data: { reportStatusChanged: PublicReport }; variables: { trackingCode: string } };
  ProofOfWorkChallenge: { data: { proofOfWorkChallenge: { challenge: string } | null }; variables: Record<string, never> };
  SubmitReport: { data: { submitReport: SubmitReportResult }; variables: { input: SubmitReportInput & { photos?: null[] } } };
}
