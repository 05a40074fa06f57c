// What the parts of the report page tell the page. The page owns the loaded report and
// hands each part what it shows (properties down); a part that changed something, or
// needs the page to, says so with one of these events (up).
import type { Agency, ChangedReport, Delivery } from '../common/api.js';

export interface ReportEvents {
  /** A change was saved: show the report as the API answered it, with `notice`. */
  'aduan-report-changed': { report: ChangedReport; notice: string };
  /** Starting something new: the page's last notice no longer applies. */
  'aduan-report-notice-cleared': Record<string, never>;
  /** A part is saving; the page's other controls wait for it too. */
  'aduan-report-busy': { busy: boolean };
  /** The report went to another agency. */
  'aduan-report-rerouted': { agency: Agency };
  /** The report's deliveries as they now are (read again, or one sent again). */
  'aduan-report-deliveries': { trackingCode: string; deliveries: Delivery[] };
  /** A failure for the whole page to show or announce (not allowed, or the session ended). */
  'aduan-report-failed': { error: unknown };
}

export type ReportEvent<K extends keyof ReportEvents> = CustomEvent<ReportEvents[K]>;
type ReportEventMap = { [K in keyof ReportEvents]: ReportEvent<K> };

declare global {
  // Typed listeners: `addEventListener('aduan-report-changed', (e) => e.detail.report)`.
  interface HTMLElementEventMap extends ReportEventMap {}
}

/** Bubbles and crosses shadow roots, like the console's other events. */
export function emit<K extends keyof ReportEvents>(part: HTMLElement, type: K, detail: ReportEvents[K]): void {
  part.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
