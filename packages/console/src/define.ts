// Registers the console's elements, and nothing else: the classes stay importable
// without side effects (tests, or a host with its own tag names).
import { AduanConsole } from './app/app.component.js';
import { AduanConsoleDeliveries } from './deliveries/deliveries.component.js';
import { AduanConsoleInbox } from './inbox/inbox.component.js';
import { AduanConsoleLogin } from './login/login.component.js';
import { AduanConsolePassword } from './password/password.component.js';
import { AduanConsoleReport } from './report/report.component.js';
import { AduanConsoleReportAssignment } from './report/report-assignment.component.js';
import { AduanConsoleReportDeliveries } from './report/report-deliveries.component.js';
import { AduanConsoleReportNoteForm } from './report/report-note-form.component.js';
import { AduanConsoleReportPhotos } from './report/report-photos.component.js';
import { AduanConsoleReportReroute } from './report/report-reroute.component.js';
import { AduanConsoleReportStatusForm } from './report/report-status-form.component.js';
import { AduanConsoleReportTimeline } from './report/report-timeline.component.js';
import { AduanConsoleAgencySettings } from './settings/agency-settings.component.js';
import { AduanConsoleCatalogueSettings } from './settings/catalogue-settings.component.js';
import { AduanConsoleRoutingSettings } from './settings/routing-settings.component.js';
import { AduanConsolePrivacySettings } from './settings/privacy-settings.component.js';
import { AduanConsoleSettings } from './settings/settings.component.js';
import { AduanConsoleStaffSettings } from './settings/staff-settings.component.js';
import { AduanConsoleStatistics } from './statistics/statistics.component.js';

const elements: Record<string, CustomElementConstructor> = {
  'aduan-console': AduanConsole,
  'aduan-console-login': AduanConsoleLogin,
  'aduan-console-password': AduanConsolePassword,
  'aduan-console-inbox': AduanConsoleInbox,
  'aduan-console-report': AduanConsoleReport,
  'aduan-console-report-photos': AduanConsoleReportPhotos,
  'aduan-console-report-deliveries': AduanConsoleReportDeliveries,
  'aduan-console-report-timeline': AduanConsoleReportTimeline,
  'aduan-console-report-status-form': AduanConsoleReportStatusForm,
  'aduan-console-report-assignment': AduanConsoleReportAssignment,
  'aduan-console-report-note-form': AduanConsoleReportNoteForm,
  'aduan-console-report-reroute': AduanConsoleReportReroute,
  'aduan-console-statistics': AduanConsoleStatistics,
  'aduan-console-settings': AduanConsoleSettings,
  'aduan-console-privacy-settings': AduanConsolePrivacySettings,
  'aduan-console-staff-settings': AduanConsoleStaffSettings,
  'aduan-console-catalogue-settings': AduanConsoleCatalogueSettings,
  'aduan-console-routing-settings': AduanConsoleRoutingSettings,
  'aduan-console-agency-settings': AduanConsoleAgencySettings,
  'aduan-console-deliveries': AduanConsoleDeliveries,
};
for (const [tag, element] of Object.entries(elements)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'aduan-console': AduanConsole;
    'aduan-console-login': AduanConsoleLogin;
    'aduan-console-password': AduanConsolePassword;
    'aduan-console-inbox': AduanConsoleInbox;
    'aduan-console-report': AduanConsoleReport;
    'aduan-console-report-photos': AduanConsoleReportPhotos;
    'aduan-console-report-deliveries': AduanConsoleReportDeliveries;
    'aduan-console-report-timeline': AduanConsoleReportTimeline;
    'aduan-console-report-status-form': AduanConsoleReportStatusForm;
    'aduan-console-report-assignment': AduanConsoleReportAssignment;
    'aduan-console-report-note-form': AduanConsoleReportNoteForm;
    'aduan-console-report-reroute': AduanConsoleReportReroute;
    'aduan-console-statistics': AduanConsoleStatistics;
    'aduan-console-settings': AduanConsoleSettings;
    'aduan-console-privacy-settings': AduanConsolePrivacySettings;
    'aduan-console-staff-settings': AduanConsoleStaffSettings;
    'aduan-console-catalogue-settings': AduanConsoleCatalogueSettings;
    'aduan-console-routing-settings': AduanConsoleRoutingSettings;
    'aduan-console-agency-settings': AduanConsoleAgencySettings;
    'aduan-console-deliveries': AduanConsoleDeliveries;
  }
}
