import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { ConsoleApi, Report, ReportStatus, Staff } from '../common/api.js';
import { handleApiFailure } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { hrefFor } from '../common/navigation.js';
import type { ReportEvent } from './report-events.js';
import { definitionListStyles, reportStyles } from './report.styles.js';

const OPEN: ReportStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'];

/** A plain link to the point on openstreetmap.org (nothing is embedded or loaded from there). */
export function osmLink(lat: number, lng: number): string {
  const la = lat.toFixed(6);
  const ln = lng.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${ln}#map=18/${la}/${ln}`;
}

/**
 * One report as its agency sees it: every field (all resident text escaped by Lit's
 * templates), the place with a link to OpenStreetMap, and its parts: photos, deliveries,
 * the audit timeline, and the controls — the status workflow, the assignee, a note without
 * a status change, and rerouting for supervisors and admins. A report the viewer may only read (another agency's escalation)
 * shows no controls. The page loads and owns the report; each part gets it as a property and
 * says what it changed with an event (`report-events.ts`).
 *
 * @tagname aduan-console-report
 * @fires aduan-unauthenticated - The session ended.
 */
export class AduanConsoleReport extends LitElement {
  static override styles = [baseStyles, definitionListStyles, reportStyles];
  static override properties = {
    api: { attribute: false },
    staff: { attribute: false },
    code: {},
    _report: { state: true },
    _state: { state: true },
    _error: { state: true },
    _busy: { state: true },
    _notice: { state: true },
    _revision: { state: true },
  };

  declare api: ConsoleApi;
  declare staff: Staff | null;
  /** The tracking code to show. */
  declare code: string;
  declare private _report: Report | null;
  declare private _state: 'loading' | 'ok' | 'notfound' | 'forbidden' | 'error' | 'rerouted';
  declare private _error: string;
  /** A part is saving: the others' buttons wait. */
  declare private _busy: boolean;
  declare private _notice: string;
  /** How many changes were saved to this report here (each makes the deliveries be read again). */
  declare private _revision: number;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.staff = null;
    this.code = '';
    this._report = null;
    this._state = 'loading';
    this._error = '';
    this._busy = false;
    this._notice = '';
    this._revision = 0;
    // What the parts say (report-events.ts) bubbles up to here.
    this.addEventListener('aduan-report-changed', (event) => void this.onChanged(event));
    this.addEventListener('aduan-report-notice-cleared', () => (this._notice = ''));
    this.addEventListener('aduan-report-busy', (event) => (this._busy = event.detail.busy));
    this.addEventListener('aduan-report-rerouted', (event) => void this.onRerouted(event));
    this.addEventListener('aduan-report-deliveries', (event) => this.onDeliveries(event));
    this.addEventListener('aduan-report-failed', (event) => this.fail(event.detail.error));
  }

  private get supervises(): boolean {
    return this.staff?.role === 'SUPERVISOR' || this.staff?.role === 'ADMIN';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code') && this.code) void this.load();
  }

  async load(): Promise<void> {
    this._state = 'loading';
    this._notice = '';
    try {
      this._report = await this.api.report(this.code);
      this._state = this._report ? 'ok' : 'notfound';
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    const failure = handleApiFailure(this, error, this.l);
    if (failure.announced) return;
    if (failure.forbidden) {
      this._state = 'forbidden';
      return;
    }
    this._state = 'error';
    this._error = failure.message;
  }

  /** A part saved a change: show the report as the API answered it (keeping the deliveries shown, which the part re-reads). */
  private async onChanged(event: ReportEvent<'aduan-report-changed'>): Promise<void> {
    this._report = { ...event.detail.report, deliveries: this._report?.deliveries ?? [] };
    this._revision++;
    this._notice = event.detail.notice;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
  }

  private async onRerouted(event: ReportEvent<'aduan-report-rerouted'>): Promise<void> {
    const notice = this.l.t('rerouted', { agency: event.detail.agency.name });
    this._notice = notice;
    if (this.staff?.role === 'ADMIN') {
      // An admin may still read it: show it as it now is.
      await this.load();
      this._notice = notice;
    } else {
      this._state = 'rerouted';
    }
  }

  private onDeliveries(event: ReportEvent<'aduan-report-deliveries'>): void {
    const { trackingCode, deliveries } = event.detail;
    if (this._report?.trackingCode === trackingCode) this._report = { ...this._report, deliveries };
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const back = html`<p><a href=${hrefFor({ name: 'inbox' })}>← ${t('back')}</a></p>`;
    switch (this._state) {
      case 'loading':
        return html`${back}<p role="status">${t('loading')}</p>`;
      case 'notfound':
        return html`${back}<h1>${t('reportTitle', { code: this.code })}</h1><p role="alert">${t('notFound')}</p>`;
      case 'forbidden':
        return html`${back}<h1>${t('reportTitle', { code: this.code })}</h1><p class="error" role="alert">${t('forbidden')}</p>`;
      case 'error':
        return html`${back}<h1>${t('reportTitle', { code: this.code })}</h1><p class="error" role="alert">${this._error}</p>
          <button type="button" class="secondary" @click=${this.load}>${t('retry')}</button>`;
      case 'rerouted':
        return html`${back}<h1>${t('reportTitle', { code: this.code })}</h1><p class="notice" role="status">${this._notice}</p>`;
      default:
        return html`${back}${this.renderReport(this._report!)}`;
    }
  }

  private renderReport(r: Report) {
    const t = this.l.t.bind(this.l);
    const tz = r.area.timeZone;
    return html`
      <div class="top">
        <h1>${t('reportTitle', { code: r.trackingCode })}</h1>
        <span class="badge status-${r.status}" data-status=${r.status}>${t(r.status)}</span>
        ${r.overdue ? html`<span class="badge overdue-badge">${t('overdueBadge')}</span>` : nothing}
      </div>
      ${this._notice ? html`<p class="notice" id="notice" role="status" tabindex="-1">${this._notice}</p>` : nothing}
      ${r.readOnly ? html`<p class="notice readonly" role="note">${t('readOnlyNotice', { agency: r.agency.name })}</p>` : nothing}
      <div class="layout">
        <div>
          <section class="card" aria-labelledby="h-details">
            <h2 id="h-details">${t('details')}</h2>
            <p class="description">${r.description}</p>
            <dl>
              <dt>${t('category')}</dt><dd>${r.category.name}</dd>
              <dt>${t('agency')}</dt><dd>${r.agency.name}</dd>
              <dt>${t('submitted')}</dt><dd>${this.l.dateTime(r.submittedAt, tz)}</dd>
              <dt>${t('due')}</dt>
              <dd class=${r.overdue ? 'overdue-box' : ''}>${this.l.dateTime(r.dueAt, tz)}${r.overdue ? html` — <strong>${t('overdue')}</strong>` : nothing}</dd>
              <dt>${t('assignedTo')}</dt><dd class="assignee">${r.assignee ? `${r.assignee.name} (${r.assignee.email})` : t('unassigned')}</dd>
              ${r.escalatedAt ? html`<dt>${t('escalatedAt')}</dt><dd>${this.l.dateTime(r.escalatedAt, tz)}</dd>` : nothing}
              <dt>${t('routing')}</dt><dd>${r.routingReason} (${t(`routedBy${r.routingMethod}`)})</dd>
              <dt>${t('reportLanguage')}</dt><dd>${t(r.locale === 'EN' ? 'languageEn' : 'languageId')}</dd>
              ${
                r.duplicateOf
                  ? html`<dt>${t('duplicateOf')}</dt><dd><a href=${hrefFor({ name: 'report', code: r.duplicateOf })}>${r.duplicateOf}</a></dd>`
                  : nothing
              }
            </dl>
          </section>
          <section class="card" aria-labelledby="h-place">
            <h2 id="h-place">${t('place')}</h2>
            <dl>
              <dt>${t('area')}</dt><dd>${r.area.displayName}</dd>
              ${r.placeText ? html`<dt>${t('placeText')}</dt><dd>${r.placeText}</dd>` : nothing}
              ${
                r.lat != null && r.lng != null
                  ? html`<dt>${t('coordinates')}</dt>
                    <dd>${r.lat.toFixed(6)}, ${r.lng.toFixed(6)}<br />
                      <a href=${osmLink(r.lat, r.lng)} target="_blank" rel="noopener noreferrer" name="osm">${t('openMap')}</a></dd>`
                  : html`<dt>${t('coordinates')}</dt><dd>${t('noPoint')}</dd>`
              }
            </dl>
          </section>
          <section class="card" aria-labelledby="h-reporter">
            <h2 id="h-reporter">${t('reporter')}</h2>
            ${
              r.reporter && (r.reporter.name || r.reporter.email || r.reporter.phone)
                ? html`<dl>
                  ${r.reporter.name ? html`<dt>${t('reporterName')}</dt><dd>${r.reporter.name}</dd>` : nothing}
                  ${r.reporter.email ? html`<dt>${t('email')}</dt><dd><a href="mailto:${r.reporter.email}">${r.reporter.email}</a></dd>` : nothing}
                  ${r.reporter.phone ? html`<dt>${t('reporterPhone')}</dt><dd><a href="tel:${r.reporter.phone}">${r.reporter.phone}</a></dd>` : nothing}
                </dl>`
                : html`<p>${t('anonymous')}</p>`
            }
          </section>
          <aduan-console-report-photos .photos=${r.photos}></aduan-console-report-photos>
          <aduan-console-report-deliveries .api=${this.api} .staff=${this.staff} .report=${r} .revision=${this._revision}></aduan-console-report-deliveries>
        </div>
        <div>
          ${r.readOnly ? nothing : this.renderControls(r)}
          <aduan-console-report-timeline .events=${r.events} .timeZone=${tz}></aduan-console-report-timeline>
        </div>
      </div>
    `;
  }

  /** The controls for a report the viewer may change: assignment while it is not closed, rerouting for supervisors and admins while it is open. */
  private renderControls(r: Report) {
    const busy = this._busy;
    return html`
      <aduan-console-report-status-form .api=${this.api} .report=${r} .busy=${busy}></aduan-console-report-status-form>
      ${
        r.status === 'CLOSED'
          ? nothing
          : html`<aduan-console-report-assignment .api=${this.api} .staff=${this.staff} .report=${r} .busy=${busy}></aduan-console-report-assignment>`
      }
      <aduan-console-report-note-form .api=${this.api} .report=${r} .busy=${busy}></aduan-console-report-note-form>
      ${
        this.supervises && OPEN.includes(r.status)
          ? html`<aduan-console-report-reroute .api=${this.api} .report=${r} .busy=${busy}></aduan-console-report-reroute>`
          : nothing
      }
    `;
  }
}
