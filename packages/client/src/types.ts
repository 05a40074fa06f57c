/**
 * The names the widget and apps use for what Aduan's operations take and return. Each is
 * a view of the generated types (./generated/operations.ts), so it follows the schema and
 * the documents: change a .graphql file and these change with it.
 */
import type * as G from './generated/operations.js';

export type { Locale, LocationInput, ReporterInput, ReportStatus, RoutingPreviewInput, SubmitReportInput } from './generated/operations.js';

export type Category = G.CategoriesQuery['categories'][number];
export type LocalizedText = Category['names'];
export type Jurisdiction = G.JurisdictionFieldsFragment;
export type Agency = G.AgencyNameFragment;
export type PublicReport = G.PublicReportFieldsFragment;
export type PublicEvent = PublicReport['timeline'][number];
export type Site = NonNullable<G.SiteQuery['site']>;
/** A form's start (`formStart`): the catalogue, and the site with the areas to pick from. */
export type FormStart = G.FormStartQuery;

export type InvalidInput = Extract<G.SubmitReportMutation['submitReport'], { __typename: 'InvalidInput' }>;
export type FieldError = InvalidInput['fields'][number];

export type SubmitReportResult = G.SubmitReportMutation['submitReport'];
export type ReportSubmitted = Extract<SubmitReportResult, { __typename: 'ReportSubmitted' }>;
export type RoutingPreviewResult = G.RoutingPreviewQuery['routingPreview'];
export type RoutingPreview = Extract<RoutingPreviewResult, { __typename: 'RoutingPreview' }>;
/** An open report of the same category nearby (`similarReports`): nothing private, no tracking code (a handle for `supportReport`), a band of distance. */
export type NearbyReport = G.SimilarReportsQuery['similarReports'][number];
export type SupportReportResult = G.SupportReportMutation['supportReport'];
export type ReportSupported = Extract<SupportReportResult, { __typename: 'ReportSupported' }>;
/** What `reopenReport` and `confirmResolved` answer: the report as it is now, or the refusal. */
export type ResidentReportResult = G.ReopenReportMutation['reopenReport'];
