// The console's one way to the server: GraphQL on the same origin, through urql, with
// every document from @aduan/client (generated with its types from the schema). The
// session cookie goes along (`credentials: 'same-origin'`) and every request carries
// `X-Aduan-CSRF: 1`, which the API requires before it lets a cookie count.
import {
  AddReportNoteDocument,
  AdminSitesDocument,
  AduanGraphQLError,
  AuditLogDocument,
  CityStaffDocument,
  CityConfigurationDocument,
  DeleteRoutingRuleDocument,
  RoutingTestDocument,
  SaveAgencyDocument,
  SaveCategoryDocument,
  SaveCategoryGroupDocument,
  SaveRoutingRuleDocument,
  SaveWorkingCalendarDocument,
  CreateApiTokenDocument,
  DisableStaffDocument,
  EraseReporterDataDocument,
  ExportReportDataDocument,
  InviteStaffDocument,
  ResetStaffPasswordDocument,
  RevokeApiTokenDocument,
  AduanNetworkError,
  AgenciesDocument,
  AgencyStaffDocument,
  AreasDocument,
  AssignReportDocument,
  CategoryOptionsDocument,
  ChangePasswordDocument,
  createUrqlClient,
  DeliveriesDocument,
  InboxCountsDocument,
  InboxPageDocument,
  LoginDocument,
  LogoutDocument,
  MeDocument,
  RedeliverDocument,
  ReportDeliveriesDocument,
  ReportDocument,
  RerouteReportDocument,
  SaveSiteDocument,
  SiteAllowsPageDocument,
  StatisticsDocument,
  UpdateReportStatusDocument,
  urqlTransport,
  type Document,
  type Transport,
} from '@aduan/client';
import type * as G from '@aduan/client/operations';
import type { CategoryEntry, CityDocument } from './city-document.js';

export type ReportStatus = G.ReportStatus;
export const STATUSES: ReportStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED', 'CLOSED'];
export type RejectionReason = G.RejectionReason;
export const REJECTION_REASONS: RejectionReason[] = ['DUPLICATE', 'NOT_OUR_RESPONSIBILITY', 'INSUFFICIENT_INFORMATION', 'OUT_OF_SCOPE'];
export type Role = G.StaffRole;
export type Lang = 'id' | 'en';

// What the console shows, as the generated types of its documents (packages/client/src/operations/staff.graphql).
export type Agency = G.AgencyNameFragment;
/** `mustChangePassword`: signed in with a one-time password; the API refuses everything else until it is changed. */
export type Staff = G.StaffFieldsFragment;
/** A staff account as an assignee or in the assignment picker. */
export type StaffMember = G.StaffMemberFieldsFragment;
export type Area = G.AreasQuery['kecamatan'][number];
export type CategoryOption = G.CategoryOptionsQuery['categories'][number];
/** A row of the inbox list: plain values the API reads with the page (`inboxPage`). */
export type InboxRow = G.InboxEntryFieldsFragment;
export type InboxFilter = G.InboxFilter;
export type StaffEvent = G.StaffReportFieldsFragment['events'][number];
/** `url` is the same-origin `/staff/photos/<id>`, served with the session cookie. */
export type Photo = G.StaffReportFieldsFragment['photos'][number];
export type Report = G.StaffReportFieldsFragment;
/** A report as a change answers it: without its deliveries (read on their own). */
export type ChangedReport = G.StaffReportBodyFragment;
/** PENDING: waiting for its next attempt (or being tried); DELIVERED: the receiver took it; DEAD: given up until someone delivers it again. */
export type DeliveryState = G.DeliveryState;
export type DeliveryErrorKind = G.DeliveryErrorKind;
export const DELIVERY_STATES: DeliveryState[] = ['DEAD', 'PENDING', 'DELIVERED'];
export type ChannelKind = G.ChannelKind;
/** A site of the ADMIN's city, with its settings and embed code. */
export type AdminSite = G.SiteAdminFieldsFragment;
export type AuditEntry = G.AuditLogQuery['auditLog'][number];
export type SaveSiteInput = G.SaveSiteInput;
export type StaffAccountInfo = G.StaffAccountFieldsFragment;
export type ApiTokenInfo = G.ApiTokenFieldsFragment;
/** One thing a report's change sent out: to an agency's channel, or e-mail to a person. Errors come from the remote system: text only. */
export type DeliverySummary = G.DeliverySummaryFragment;
export type Delivery = G.DeliveryFieldsFragment;
export type CityChange = G.CityChangeFieldsFragment;
export type RoutingChange = CityChange['routingChanges'][number];
export type RoutingTestAnswer = Extract<G.RoutingTestQuery['routingTest'], { __typename: 'RoutingTest' }>;
export type { CityDocument, CategoryEntry, AgencyEntry, RuleEntry } from './city-document.js';
export type InvalidInput = { __typename: 'InvalidInput'; code: string; message: string; fields: { field: string; message: string }[] };
export type AgencyPerformance = G.StatisticsQuery['statistics']['agencies'][number];
export type Statistics = G.StatisticsQuery['statistics'];

/** The inbox's counts, by name (`mine` only for a person, not a token). */
export type InboxCounts = Record<'open' | 'overdue' | 'received' | 'acknowledged' | 'inProgress' | 'unassigned', number> & { mine?: number };

/** A GraphQL error (`extensions.code`, e.g. UNAUTHENTICATED, FORBIDDEN) or a network failure (`NETWORK`). */
/** The inputs of each change `changeCity` makes. */
export interface CityChanges {
  category: G.CategoryInput;
  group: G.CategoryGroupInput;
  agency: G.AgencyInput;
  rule: G.RoutingRuleInput;
  deleteRule: G.RoutingRuleKeyInput;
  calendar: G.WorkingCalendarInput;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Fetch = typeof fetch;

export class ConsoleApi {
  private readonly send: Transport;

  constructor(
    readonly url = `${location.origin}/graphql`,
    fetcher: Fetch = (...args) => fetch(...args),
  ) {
    const urql = createUrqlClient({
      url,
      fetch: fetcher,
      fetchOptions: { credentials: 'same-origin', headers: { 'x-aduan-csrf': '1', accept: 'application/json' } },
    });
    this.send = urqlTransport(urql);
  }

  /** One operation's data; an ApiError with the server's code, or `NETWORK` when there was no answer. */
  async request<R, V>(document: Document<R, V>, variables: V): Promise<R> {
    try {
      return await this.send(document, variables);
    } catch (error) {
      if (error instanceof AduanGraphQLError) throw new ApiError(error.message, error.code);
      // A server that answered "busy" or failed is not a lost connection: say what it said.
      if (error instanceof AduanNetworkError && error.reason !== 'offline')
        throw new ApiError(error.message, error.reason === 'busy' ? 'BUSY' : 'INTERNAL_SERVER_ERROR');
      if (error instanceof AduanNetworkError || error instanceof TypeError) throw new ApiError((error as Error).message, 'NETWORK');
      throw error;
    }
  }

  async me(): Promise<Staff | null> {
    return (await this.request(MeDocument, {})).me;
  }

  async login(email: string, password: string): Promise<Staff | InvalidInput> {
    const { login } = await this.request(LoginDocument, { email, password });
    return login.__typename === 'LoggedIn' ? login.staff : login;
  }

  async logout(): Promise<void> {
    await this.request(LogoutDocument, {});
  }

  async inbox(filter: InboxFilter, after: string | null, first = 25): Promise<{ rows: InboxRow[]; endCursor: string | null; hasNextPage: boolean }> {
    const { inboxPage } = await this.request(InboxPageDocument, { filter, first, after, locale: localeOf() });
    return { rows: inboxPage.entries, endCursor: inboxPage.pageInfo.endCursor, hasNextPage: inboxPage.pageInfo.hasNextPage };
  }

  /** How many reports each of the inbox's filters matches, in one request (`totalCount`). */
  async counts(filters: Record<Exclude<keyof InboxCounts, 'mine'>, InboxFilter> & { mine?: InboxFilter }): Promise<InboxCounts> {
    const { mine, ...rest } = filters;
    const data = await this.request(InboxCountsDocument, { ...rest, mine: mine ?? null, withMine: mine !== undefined });
    return {
      open: data.open.totalCount,
      overdue: data.overdue.totalCount,
      received: data.received.totalCount,
      acknowledged: data.acknowledged.totalCount,
      inProgress: data.inProgress.totalCount,
      unassigned: data.unassigned.totalCount,
      ...(data.mine ? { mine: data.mine.totalCount } : {}),
    };
  }

  async report(trackingCode: string): Promise<Report | null> {
    return (await this.request(ReportDocument, { code: trackingCode, locale: localeOf() })).report;
  }

  async updateStatus(input: G.UpdateReportStatusInput): Promise<ChangedReport | InvalidInput> {
    const { updateReportStatus: r } = await this.request(UpdateReportStatusDocument, { input, locale: localeOf() });
    return r.__typename === 'ReportUpdated' ? r.report : r;
  }

  /** The ADMIN's city and its sites (`sites`). */
  async adminSites(): Promise<{ area: { code: string; displayName: string } | null; sites: AdminSite[] }> {
    const data = await this.request(AdminSitesDocument, {});
    return { area: data.me?.area ?? null, sites: data.sites };
  }

  async saveSite(input: SaveSiteInput): Promise<AdminSite | InvalidInput> {
    const { saveSite: r } = await this.request(SaveSiteDocument, { input });
    return r.__typename === 'SiteSaved' ? r.site : r;
  }

  /** The ADMIN's city's staff, tokens and agencies (`area`: their city). */
  async cityStaff(area: string): Promise<G.CityStaffQuery> {
    return this.request(CityStaffDocument, { area });
  }

  /** A new account with a one-time password shown once. */
  async inviteStaff(input: G.InviteStaffInput): Promise<{ password: string; account: StaffAccountInfo } | InvalidInput> {
    const { inviteStaff: r } = await this.request(InviteStaffDocument, { input });
    return r;
  }

  async resetStaffPassword(email: string): Promise<{ password: string; account: StaffAccountInfo } | InvalidInput> {
    const { resetStaffPassword: r } = await this.request(ResetStaffPasswordDocument, { email });
    return r;
  }

  async disableStaff(email: string): Promise<{ account: StaffAccountInfo; reportsUnassigned: number } | InvalidInput> {
    const { disableStaff: r } = await this.request(DisableStaffDocument, { email });
    return r;
  }

  async createApiToken(input: G.CreateApiTokenInput): Promise<{ token: string; info: ApiTokenInfo } | InvalidInput> {
    const { createApiToken: r } = await this.request(CreateApiTokenDocument, { input });
    return r;
  }

  async revokeApiToken(id: string): Promise<{ info: ApiTokenInfo } | InvalidInput> {
    const { revokeApiToken: r } = await this.request(RevokeApiTokenDocument, { id });
    return r;
  }

  /** Whether a page at `url` may embed site `key`'s form (null: not yours to ask). */
  async siteAllowsPage(key: string, url: string): Promise<boolean | null> {
    return (await this.request(SiteAllowsPageDocument, { key, url })).site?.settings?.allowsPage ?? null;
  }

  /** Everything held about a report and its reporter, as JSON text (a privacy request). */
  async exportReportData(code: string): Promise<string> {
    return (await this.request(ExportReportDataDocument, { code })).exportReportData;
  }

  async eraseReporterData(code: string): Promise<{ trackingCode: string; contactErased: boolean; photosErased: number }> {
    return (await this.request(EraseReporterDataDocument, { code })).eraseReporterData;
  }

  /** The ADMIN's city as its city file (null: no city of theirs). */
  async cityConfiguration(): Promise<{ cityCode: string; document: CityDocument; withdrawn: CategoryEntry[] } | null> {
    const c = (await this.request(CityConfigurationDocument, {})).cityConfiguration;
    return c
      ? { cityCode: c.cityCode, document: JSON.parse(c.document) as CityDocument, withdrawn: JSON.parse(c.withdrawnCategories) as CategoryEntry[] }
      : null;
  }

  /** One change to the city's catalogue or routing; with `dryRun`, only what it would do. */
  async changeCity<K extends keyof CityChanges>(kind: K, input: CityChanges[K], dryRun: boolean): Promise<CityChange | InvalidInput> {
    const send = {
      category: async (i: G.CategoryInput) => (await this.request(SaveCategoryDocument, { input: i, dryRun })).saveCategory,
      group: async (i: G.CategoryGroupInput) => (await this.request(SaveCategoryGroupDocument, { input: i, dryRun })).saveCategoryGroup,
      agency: async (i: G.AgencyInput) => (await this.request(SaveAgencyDocument, { input: i, dryRun })).saveAgency,
      rule: async (i: G.RoutingRuleInput) => (await this.request(SaveRoutingRuleDocument, { input: i, dryRun })).saveRoutingRule,
      deleteRule: async (i: G.RoutingRuleKeyInput) => (await this.request(DeleteRoutingRuleDocument, { input: i, dryRun })).deleteRoutingRule,
      calendar: async (i: G.WorkingCalendarInput) => (await this.request(SaveWorkingCalendarDocument, { input: i, dryRun })).saveWorkingCalendar,
    } as { [P in keyof CityChanges]: (i: CityChanges[P]) => Promise<(CityChange & { __typename: 'CityChanged' }) | InvalidInput> };
    return send[kind](input);
  }

  /** Where a report would go: agency, deadline and reason, as intake decides. */
  async routingTest(input: G.RoutingTestInput): Promise<RoutingTestAnswer | InvalidInput> {
    return (await this.request(RoutingTestDocument, { input: { ...input, locale: localeOf() } })).routingTest;
  }

  async auditLog(first = 20): Promise<AuditEntry[]> {
    return (await this.request(AuditLogDocument, { first })).auditLog;
  }

  /** A public and/or internal note without a status change (`addReportNote`). */
  async addNote(input: G.AddReportNoteInput): Promise<ChangedReport | InvalidInput> {
    const { addReportNote: r } = await this.request(AddReportNoteDocument, { input, locale: localeOf() });
    return r.__typename === 'ReportUpdated' ? r.report : r;
  }

  /** Gives the report to a staff member (by e-mail), or to nobody (null). */
  async assign(trackingCode: string, assignee: string | null): Promise<ChangedReport | InvalidInput> {
    const { assignReport: r } = await this.request(AssignReportDocument, { code: trackingCode, assignee, locale: localeOf() });
    return r.__typename === 'ReportUpdated' ? r.report : r;
  }

  /** The active staff of an agency, for the assignment picker (supervisors and admins only). */
  async agencyStaff(agency?: string): Promise<StaffMember[]> {
    return (await this.request(AgencyStaffDocument, { agency: agency ?? null })).agencyStaff;
  }

  /** A report's deliveries alone, to follow them without reloading the whole page. */
  async reportDeliveries(trackingCode: string): Promise<Delivery[] | null> {
    return (await this.request(ReportDeliveriesDocument, { code: trackingCode })).report?.deliveries ?? null;
  }

  /** The agency's deliveries, newest first (supervisors: their own agency; admins: every agency). */
  async deliveries(state: DeliveryState | null, first = 100): Promise<DeliverySummary[]> {
    return (await this.request(DeliveriesDocument, { state, first })).deliveries;
  }

  /** "Deliver again": a DEAD or DELIVERED delivery is due again now, with the same id. */
  async redeliver(deliveryId: string): Promise<Delivery | InvalidInput> {
    const { redeliver: r } = await this.request(RedeliverDocument, { id: deliveryId });
    return r.__typename === 'DeliveryRequeued' ? r.delivery : r;
  }

  async changePassword(currentPassword: string, newPassword: string): Promise<Staff | InvalidInput> {
    const { changePassword: r } = await this.request(ChangePasswordDocument, { current: currentPassword, next: newPassword });
    return r.__typename === 'PasswordChanged' ? r.staff : r;
  }

  async reroute(trackingCode: string, agency: string, reason: string): Promise<{ agency: Agency } | InvalidInput> {
    const { rerouteReport: r } = await this.request(RerouteReportDocument, { code: trackingCode, agency, reason });
    return r.__typename === 'ReportRerouted' ? { agency: r.agency } : r;
  }

  async categories(site: string): Promise<CategoryOption[]> {
    return (await this.request(CategoryOptionsDocument, { site, locale: localeOf() })).categories;
  }

  async areas(): Promise<{ kecamatan: Area[]; kelurahan: Area[] }> {
    return this.request(AreasDocument, {});
  }

  /** The agencies that may take a report in `jurisdictionCode` (its area's, and those above and below it): the reroute targets. */
  async agencies(jurisdictionCode: string | null): Promise<Agency[]> {
    return (await this.request(AgenciesDocument, { jurisdictionCode })).agencies;
  }

  async statistics(jurisdictionCode: string | null, from: Date, to: Date, areaLevel: number): Promise<Statistics> {
    return (
      await this.request(StatisticsDocument, { code: jurisdictionCode, from: from.toISOString(), to: to.toISOString(), level: areaLevel, locale: localeOf() })
    ).statistics;
  }
}

/** The GraphQL Locale for the console's current language (set by the localisation store). */
let currentLocale: 'ID' | 'EN' = 'ID';
export function setApiLocale(lang: Lang): void {
  currentLocale = lang === 'en' ? 'EN' : 'ID';
}
function localeOf(): 'ID' | 'EN' {
  return currentLocale;
}
