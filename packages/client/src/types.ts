/** Result and input types of the public Aduan schema, written by hand from schema.graphql. */

export type Locale = 'ID' | 'EN';

export type ReportStatus = 'RECEIVED' | 'ACKNOWLEDGED' | 'IN_PROGRESS' | 'RESOLVED' | 'REJECTED' | 'CLOSED';

export interface LocalizedText {
  id: string;
  en: string;
}

export interface Category {
  code: string;
  name: string;
  names: LocalizedText;
  description: string | null;
  group: string | null;
  /** The group name in Indonesian and English (aliases of `group(locale:)`). */
  groupId: string | null;
  groupEn: string | null;
  groupCode: string | null;
  locationRequired: boolean;
}

export interface Jurisdiction {
  code: string;
  name: string;
  displayName: string;
  level: number;
  kind: string;
  parentCode: string | null;
  timeZone: string;
}

export interface Agency {
  slug: string;
  name: string;
  shortName: string | null;
}

export interface PublicEvent {
  at: string;
  status: ReportStatus;
  note: string | null;
}

export interface PublicReport {
  trackingCode: string;
  status: ReportStatus;
  category: { code: string; names: LocalizedText };
  agency: Agency;
  area: Pick<Jurisdiction, 'code' | 'name' | 'displayName'>;
  submittedAt: string;
  dueAt: string;
  timeZone: string;
  overdue: boolean;
  timeline: PublicEvent[];
}

export interface Site {
  key: string;
  name: string;
  area: Pick<Jurisdiction, 'code' | 'name' | 'displayName' | 'level' | 'timeZone'> | null;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface InvalidInput {
  __typename: 'InvalidInput';
  code: string;
  message: string;
  fields: FieldError[];
}

export interface ReportSubmitted {
  __typename: 'ReportSubmitted';
  report: PublicReport;
  replayed: boolean;
}

export interface RoutingPreview {
  __typename: 'RoutingPreview';
  agency: Agency;
  area: Pick<Jurisdiction, 'code' | 'name' | 'displayName'>;
  reason: string;
  responseHours: number;
}

/** An open report of the same category nearby (`similarReports`): nothing private, distance rounded to tens of metres. */
export interface NearbyReport {
  trackingCode: string;
  category: string;
  status: ReportStatus;
  ageDays: number;
  distanceMeters: number;
  supporters: number;
  area: Pick<Jurisdiction, 'code' | 'name' | 'displayName'>;
}

export interface ReportSupported {
  __typename: 'ReportSupported';
  supporters: number;
  replayed: boolean;
  report: PublicReport;
}

export type SubmitReportResult = ReportSubmitted | InvalidInput;
export type SupportReportResult = ReportSupported | InvalidInput;
export type RoutingPreviewResult = RoutingPreview | InvalidInput;

export interface LocationInput {
  lat: number;
  lng: number;
}

export interface ReporterInput {
  name?: string;
  email?: string;
  phone?: string;
}

export interface SubmitReportInput {
  site: string;
  category: string;
  description: string;
  location?: LocationInput;
  jurisdictionCode?: string;
  placeText?: string;
  reporter?: ReporterInput;
  locale?: Locale;
  idempotencyKey?: string;
  /** Filled in by the client when the server asks for a proof of work. */
  proofOfWork?: string;
  /** The form's honeypot, as the resident left it (empty). */
  leaveBlank?: string;
}

export interface RoutingPreviewInput {
  site: string;
  category: string;
  location?: LocationInput;
  jurisdictionCode?: string;
  locale?: Locale;
}
