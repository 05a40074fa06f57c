// The console's one way to the server: GraphQL over fetch on the same origin. The
// session cookie goes along (`credentials: 'same-origin'`) and every request carries
// `X-Aduan-CSRF: 1`, which the API requires before it lets a cookie count.
import { LoginMutation, LogoutMutation, MeQuery, STAFF_FIELDS } from '@aduan/client/operations';

export type ReportStatus = 'RECEIVED' | 'ACKNOWLEDGED' | 'IN_PROGRESS' | 'RESOLVED' | 'REJECTED' | 'CLOSED';
export const STATUSES: ReportStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED', 'CLOSED'];
export type RejectionReason = 'DUPLICATE' | 'NOT_OUR_RESPONSIBILITY' | 'INSUFFICIENT_INFORMATION' | 'OUT_OF_SCOPE';
export const REJECTION_REASONS: RejectionReason[] = ['DUPLICATE', 'NOT_OUR_RESPONSIBILITY', 'INSUFFICIENT_INFORMATION', 'OUT_OF_SCOPE'];
export type Role = 'STAFF' | 'SUPERVISOR' | 'ADMIN';
export type Lang = 'id' | 'en';

export interface Agency { slug: string; name: string; shortName?: string | null }
/** `mustChangePassword`: signed in with a one-time password; the API refuses everything else until it is changed. */
export interface Staff { kind: string; email: string | null; name: string; role: Role; agency: Agency; mustChangePassword: boolean }
/** A staff account as an assignee or in the assignment picker. */
export interface StaffMember { name: string; email: string }
export interface Area { code: string; name: string; displayName: string; level: number; parentCode?: string | null; timeZone?: string }
export interface CategoryOption { code: string; name: string }
export interface InboxRow {
  trackingCode: string;
  status: ReportStatus;
  description: string;
  placeText: string | null;
  submittedAt: string;
  dueAt: string;
  overdue: boolean;
  category: { code: string; name: string };
  area: { code: string; displayName: string; timeZone: string };
  agency: Agency;
  assignee: StaffMember | null;
  /** When the deadline job escalated it at its current agency. */
  escalatedAt: string | null;
}
export interface InboxFilter {
  status?: ReportStatus[];
  category?: string;
  area?: string;
  overdue?: boolean;
  text?: string;
  /** `ME`, `UNASSIGNED` or a staff e-mail. */
  assignedTo?: string;
  /** Open reports escalated at their agency; for a supervisor also those of agencies escalating to theirs. */
  escalated?: boolean;
  order?: 'NEWEST' | 'MOST_OVERDUE';
}
export interface StaffEvent {
  at: string;
  kind: 'SUBMITTED' | 'STATUS_CHANGED' | 'PUBLIC_NOTE' | 'INTERNAL_NOTE' | 'REROUTED' | 'ESCALATED' | 'ASSIGNED';
  status: ReportStatus;
  publicNote: string | null;
  internalNote: string | null;
  actor: string;
  reason: string | null;
  /** For ASSIGNED: who got it (null: unassigned) and who had it before. */
  assignee: StaffMember | null;
  previousAssignee: StaffMember | null;
}
/** `url` is the same-origin `/staff/photos/<id>`, served with the session cookie. */
export interface Photo { id: string; contentType: string; byteSize: number; width: number; height: number; url: string }
export interface Report extends InboxRow {
  /** The viewer may read but not change it (a supervisor overseeing another agency's escalation). */
  readOnly: boolean;
  allowedTransitions: ReportStatus[];
  lat: number | null;
  lng: number | null;
  reporter: { name: string | null; email: string | null; phone: string | null } | null;
  locale: string;
  routingMethod: string;
  routingReason: string;
  duplicateOf: string | null;
  photos: Photo[];
  events: StaffEvent[];
  /** Oldest first. */
  deliveries: Delivery[];
}
/** PENDING: waiting for its next attempt (or being tried); DELIVERED: the receiver took it; DEAD: given up until someone delivers it again. */
export type DeliveryState = 'PENDING' | 'DELIVERED' | 'DEAD';
export const DELIVERY_STATES: DeliveryState[] = ['DEAD', 'PENDING', 'DELIVERED'];
export type ChannelKind = 'WEBHOOK' | 'EMAIL' | 'OPEN311';
/** Where a delivery goes: an agency's own system. `target` is a URL or an e-mail address; secrets are never sent. */
export interface DeliveryChannel { name: string; kind: ChannelKind; target: string; removed: boolean; agency: Agency }
export interface DeliveryAttempt { number: number; startedAt: string; durationMs: number; ok: boolean; statusCode: number | null; error: string | null; worker: string }
/** One report event on its way to one channel. `lastError` and attempt errors come from the remote system: text only. */
export interface DeliverySummary {
  id: string;
  trackingCode: string;
  /** Channels: `report.routed`/`report.rerouted`; e-mail: `resident.<NOTICE>`/`staff.<NOTICE>`. */
  event: string;
  /** The agency it belongs to (the channel's, or the report's for e-mail). */
  agency: Agency;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
  remoteId: string | null;
  /** Null for e-mail to a person. */
  channel: DeliveryChannel | null;
  /** For e-mail: whom (the reporter's address is never sent). */
  recipient: { kind: 'REPORTER' | 'STAFF'; name: string | null } | null;
}
export interface Delivery extends DeliverySummary { attemptLog: DeliveryAttempt[] }
export interface InvalidInput { __typename: 'InvalidInput'; code: string; message: string; fields: { field: string; message: string }[] }

export interface AgencyPerformance {
  agency: Agency;
  received: number;
  responded: number;
  medianHoursToFirstResponse: number | null;
  resolved: number;
  medianHoursToResolution: number | null;
  answeredWithinDeadline: number;
  deadlineDecided: number;
  withinDeadlineShare: number | null;
  reroutes: number;
  openOverdue: number;
}
export interface Statistics {
  from: string;
  to: string;
  timeZone: string;
  total: number;
  byCategory: { category: { code: string; name: string }; count: number }[];
  byArea: { area: { code: string; name: string; displayName: string }; count: number }[];
  byStatus: { status: ReportStatus; count: number }[];
  agencies: AgencyPerformance[];
  weekly: { week: string; startsOn: string; received: number; resolved: number }[];
}

/** A GraphQL error (`extensions.code`, e.g. UNAUTHENTICATED, FORBIDDEN) or a network failure (`NETWORK`). */
export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Fetch = typeof fetch;

export class ConsoleApi {
  constructor(
    readonly url = `${location.origin}/graphql`,
    private readonly fetcher: Fetch = (...args) => fetch(...args),
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(this.url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-aduan-csrf': '1' },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new ApiError((error as Error).message, 'NETWORK');
    }
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = await response.json();
    } catch {
      throw new ApiError(`HTTP ${response.status}`, 'NETWORK');
    }
    const first = body.errors?.[0];
    if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR');
    if (!body.data) throw new ApiError(`HTTP ${response.status}`, 'NETWORK');
    return body.data;
  }

  async me(): Promise<Staff | null> {
    return (await this.request<{ me: Staff | null }>(MeQuery)).me;
  }

  async login(email: string, password: string): Promise<Staff | InvalidInput> {
    const { login } = await this.request<{ login: { __typename: 'LoggedIn'; staff: Staff } | InvalidInput }>(LoginMutation, { email, password });
    return login.__typename === 'LoggedIn' ? login.staff : login;
  }

  async logout(): Promise<void> {
    await this.request(LogoutMutation);
  }

  async inbox(filter: InboxFilter, after: string | null, first = 25): Promise<{ rows: InboxRow[]; endCursor: string | null; hasNextPage: boolean }> {
    const { inbox } = await this.request<{
      inbox: { edges: { node: InboxRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }>(
      `query Inbox($filter: InboxFilter, $first: Int, $after: String, $locale: Locale) {
        inbox(filter: $filter, first: $first, after: $after) {
          edges { cursor node { ${ROW} } }
          pageInfo { hasNextPage endCursor }
        }
      }`,
      { filter, first, after, locale: localeOf() },
    );
    return { rows: inbox.edges.map((e) => e.node), endCursor: inbox.pageInfo.endCursor, hasNextPage: inbox.pageInfo.hasNextPage };
  }

  /**
   * How many reports match each of a few filters, counted up to 100 (the API has no
   * total count; "100+" beyond). One request with aliases.
   */
  async counts(filters: Record<string, InboxFilter>): Promise<Record<string, { count: number; more: boolean }>> {
    const keys = Object.keys(filters);
    const vars = keys.map((_, i) => `$f${i}: InboxFilter`).join(', ');
    const fields = keys.map((k, i) => `${k}: inbox(filter: $f${i}, first: 100) { edges { cursor } pageInfo { hasNextPage } }`).join('\n');
    const data = await this.request<Record<string, { edges: unknown[]; pageInfo: { hasNextPage: boolean } }>>(
      `query Counts(${vars}) { ${fields} }`,
      Object.fromEntries(keys.map((k, i) => [`f${i}`, filters[k]])),
    );
    return Object.fromEntries(keys.map((k) => [k, { count: data[k]!.edges.length, more: data[k]!.pageInfo.hasNextPage }]));
  }

  async report(trackingCode: string): Promise<Report | null> {
    return (
      await this.request<{ report: Report | null }>(
        `query Report($code: String!, $locale: Locale) { report(trackingCode: $code) { ${REPORT} } }`,
        { code: trackingCode, locale: localeOf() },
      )
    ).report;
  }

  async updateStatus(input: {
    trackingCode: string;
    status: ReportStatus;
    publicNote?: string;
    internalNote?: string;
    reason?: RejectionReason;
    duplicateOf?: string;
  }): Promise<Report | InvalidInput> {
    const { updateReportStatus: r } = await this.request<{ updateReportStatus: { __typename: 'ReportUpdated'; report: Report } | InvalidInput }>(
      `mutation Update($input: UpdateReportStatusInput!, $locale: Locale) {
        updateReportStatus(input: $input) {
          __typename
          ... on ReportUpdated { report { ${REPORT} } }
          ... on InvalidInput { code message fields { field message } }
        }
      }`,
      { input, locale: localeOf() },
    );
    return r.__typename === 'ReportUpdated' ? r.report : r;
  }

  /** A public and/or internal note without a status change (`addReportNote`). */
  async addNote(input: { trackingCode: string; publicNote?: string; internalNote?: string }): Promise<Report | InvalidInput> {
    const { addReportNote: r } = await this.request<{ addReportNote: { __typename: 'ReportUpdated'; report: Report } | InvalidInput }>(
      `mutation AddNote($input: AddReportNoteInput!, $locale: Locale) {
        addReportNote(input: $input) {
          __typename
          ... on ReportUpdated { report { ${REPORT} } }
          ... on InvalidInput { code message fields { field message } }
        }
      }`,
      { input, locale: localeOf() },
    );
    return r.__typename === 'ReportUpdated' ? r.report : r;
  }

  /** Gives the report to a staff member (by e-mail), or to nobody (null). */
  async assign(trackingCode: string, assignee: string | null): Promise<Report | InvalidInput> {
    const { assignReport: r } = await this.request<{ assignReport: { __typename: 'ReportUpdated'; report: Report } | InvalidInput }>(
      `mutation Assign($code: String!, $assignee: String, $locale: Locale) {
        assignReport(trackingCode: $code, assignee: $assignee) {
          __typename
          ... on ReportUpdated { report { ${REPORT} } }
          ... on InvalidInput { code message fields { field message } }
        }
      }`,
      { code: trackingCode, assignee, locale: localeOf() },
    );
    return r.__typename === 'ReportUpdated' ? r.report : r;
  }

  /** The active staff of an agency, for the assignment picker (supervisors and admins only). */
  async agencyStaff(agency?: string): Promise<StaffMember[]> {
    return (
      await this.request<{ agencyStaff: StaffMember[] }>(`query AgencyStaff($agency: String) { agencyStaff(agency: $agency) { name email } }`, {
        agency: agency ?? null,
      })
    ).agencyStaff;
  }

  /** A report's deliveries alone, to follow them without reloading the whole page. */
  async reportDeliveries(trackingCode: string): Promise<Delivery[] | null> {
    const { report } = await this.request<{ report: { deliveries: Delivery[] } | null }>(
      `query ReportDeliveries($code: String!) { report(trackingCode: $code) { deliveries { ${DELIVERY} } } }`,
      { code: trackingCode },
    );
    return report?.deliveries ?? null;
  }

  /** The agency's deliveries, newest first (supervisors: their own agency; admins: every agency). */
  async deliveries(state: DeliveryState | null, first = 100): Promise<DeliverySummary[]> {
    return (
      await this.request<{ deliveries: DeliverySummary[] }>(
        `query Deliveries($state: DeliveryState, $first: Int) { deliveries(state: $state, first: $first) { ${DELIVERY_SUMMARY} } }`,
        { state, first },
      )
    ).deliveries;
  }

  /** "Deliver again": a DEAD or DELIVERED delivery is due again now, with the same id. */
  async redeliver(deliveryId: string): Promise<Delivery | InvalidInput> {
    const { redeliver: r } = await this.request<{ redeliver: { __typename: 'DeliveryRequeued'; delivery: Delivery } | InvalidInput }>(
      `mutation Redeliver($id: ID!) {
        redeliver(deliveryId: $id) {
          __typename
          ... on DeliveryRequeued { delivery { ${DELIVERY} } }
          ... on InvalidInput { code message fields { field message } }
        }
      }`,
      { id: deliveryId },
    );
    return r.__typename === 'DeliveryRequeued' ? r.delivery : r;
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<Staff | InvalidInput> {
    const { changePassword: r } = await this.request<{ changePassword: { __typename: 'PasswordChanged'; staff: Staff } | InvalidInput }>(
      `mutation ChangePassword($current: String!, $next: String!) {
        changePassword(currentPassword: $current, newPassword: $next) {
          __typename
          ... on PasswordChanged { staff { ${STAFF_FIELDS} } }
          ... on InvalidInput { code message fields { field message } }
        }
      }`,
      { current: currentPassword, next: newPassword },
    );
    return r.__typename === 'PasswordChanged' ? r.staff : r;
  }

  async reroute(trackingCode: string, agency: string, reason: string): Promise<{ agency: Agency } | InvalidInput> {
    const { rerouteReport: r } = await this.request<{ rerouteReport: { __typename: 'ReportRerouted'; agency: Agency } | InvalidInput }>(
      `mutation Reroute($code: String!, $agency: String!, $reason: String!) {
        rerouteReport(trackingCode: $code, agency: $agency, reason: $reason) {
          __typename
          ... on ReportRerouted { agency { slug name shortName } }
          ... on InvalidInput { code message fields { field message } }
        }
      }`,
      { code: trackingCode, agency, reason },
    );
    return r;
  }

  async categories(site: string): Promise<CategoryOption[]> {
    return (
      await this.request<{ categories: CategoryOption[] }>(
        `query Categories($site: ID!, $locale: Locale) { categories(site: $site, locale: $locale) { code name } }`,
        { site, locale: localeOf() },
      )
    ).categories;
  }

  async areas(): Promise<{ kecamatan: Area[]; kelurahan: Area[] }> {
    const data = await this.request<{ kecamatan: Area[]; kelurahan: Area[] }>(
      `query Areas {
        kecamatan: jurisdictions(level: 3) { code name displayName level parentCode }
        kelurahan: jurisdictions(level: 4) { code name displayName level parentCode }
      }`,
    );
    return data;
  }

  /** Agencies known from the statistics (those that ever had a report): the reroute targets. */
  async agencies(): Promise<Agency[]> {
    const to = new Date();
    const from = new Date(to.getTime() - 5 * 365 * 86_400_000 + 86_400_000);
    const data = await this.request<{ statistics: { agencies: { agency: Agency }[] } }>(
      `query Agencies($from: DateTime, $to: DateTime) { statistics(from: $from, to: $to) { agencies { agency { slug name shortName } } } }`,
      { from: from.toISOString(), to: to.toISOString() },
    );
    return data.statistics.agencies.map((a) => a.agency);
  }

  async statistics(jurisdictionCode: string | null, from: Date, to: Date, areaLevel: number): Promise<Statistics> {
    return (
      await this.request<{ statistics: Statistics }>(
        `query Statistics($code: String, $from: DateTime, $to: DateTime, $level: Int, $locale: Locale) {
          statistics(jurisdictionCode: $code, from: $from, to: $to) {
            from to timeZone total
            byCategory { category { code name(locale: $locale) } count }
            byArea(level: $level) { area { code name displayName } count }
            byStatus { status count }
            agencies {
              agency { slug name shortName }
              received responded medianHoursToFirstResponse resolved medianHoursToResolution
              answeredWithinDeadline deadlineDecided withinDeadlineShare reroutes openOverdue
            }
            weekly { week startsOn received resolved }
          }
        }`,
        { code: jurisdictionCode, from: from.toISOString(), to: to.toISOString(), level: areaLevel, locale: localeOf() },
      )
    ).statistics;
  }
}

const ROW = `trackingCode status description placeText submittedAt dueAt overdue
  category { code name(locale: $locale) } area { code displayName timeZone }
  agency { slug name shortName } assignee { name email } escalatedAt`;
const DELIVERY_SUMMARY = `id trackingCode event state attempts nextAttemptAt lastError createdAt deliveredAt deadAt remoteId
  agency { slug name shortName } recipient { kind name }
  channel { name kind target removed agency { slug name shortName } }`;
const DELIVERY = `${DELIVERY_SUMMARY} attemptLog { number startedAt durationMs ok statusCode error worker }`;
const REPORT = `${ROW} readOnly allowedTransitions lat lng reporter { name email phone } locale
  routingMethod routingReason duplicateOf
  photos { id contentType byteSize width height url }
  events { at kind status publicNote internalNote actor reason assignee { name email } previousAssignee { name email } }
  deliveries { ${DELIVERY} }`;

/** The GraphQL Locale for the console's current language (set by the localisation store). */
let currentLocale: 'ID' | 'EN' = 'ID';
export function setApiLocale(lang: Lang): void {
  currentLocale = lang === 'en' ? 'EN' : 'ID';
}
function localeOf(): 'ID' | 'EN' {
  return currentLocale;
}
