import { LitElement, html, nothing } from 'lit';
import type { Agency, ConsoleApi, Report } from '../common/api.js';
import { refusalMessage } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { emit } from './report-events.js';
import { saveFromPart } from './report-save.js';
import { reportFormStyles } from './report.styles.js';

/**
 * "Send to another agency" (`rerouteReport`), for supervisors and admins, folded away
 * until asked for. The agencies to choose from are read when it is first opened.
 *
 * @tagname aduan-console-report-reroute
 * @fires aduan-report-rerouted - The report went to another agency.
 * @fires aduan-report-busy - Saving started or ended.
 */
export class AduanConsoleReportReroute extends LitElement {
  static override styles = [baseStyles, reportFormStyles];
  static override properties = {
    api: { attribute: false },
    report: { attribute: false },
    busy: { attribute: false },
    _agencies: { state: true },
    _error: { state: true },
  };

  declare api: ConsoleApi;
  declare report: Report;
  /** Something on the page is being saved. */
  declare busy: boolean;
  declare private _agencies: Agency[] | null;
  declare private _error: string;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.busy = false;
    this._agencies = null;
    this._error = '';
  }

  private async open(event: Event): Promise<void> {
    if ((event.target as HTMLDetailsElement).open && !this._agencies) {
      try {
        // The agencies serving the report's area (its own, the city's, the province's), new cities included.
        this._agencies = await this.api.agencies(this.report?.area.code ?? null);
      } catch {
        this._agencies = [];
      }
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const report = this.report;
    if (!report) return;
    const data = new FormData(event.target as HTMLFormElement);
    const agency = String(data.get('agency') ?? '');
    const reason = String(data.get('rerouteReason') ?? '').trim();
    if (!agency || !reason) {
      this._error = this.l.t('rerouteRequired');
      return;
    }
    const result = await saveFromPart(
      this,
      this.l,
      (message) => (this._error = message),
      () => this.api.reroute(report.trackingCode, agency, reason),
    );
    if (!result) return;
    if ('agency' in result) emit(this, 'aduan-report-rerouted', { agency: result.agency });
    else this._error = refusalMessage(result);
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const agencies = (this._agencies ?? []).filter((a) => a.slug !== this.report.agency.slug);
    return html`
      <details class="card" @toggle=${this.open}>
        <summary><strong>${t('reroute')}</strong></summary>
        <form class="reroute" novalidate @submit=${this.submit}>
          <p class="hint">${t('rerouteHint')}</p>
          <div>
            <label for="agency">${t('targetAgency')}</label>
            <select id="agency" name="agency" required>
              <option value="">${this._agencies ? t('chooseAgency') : t('loading')}</option>
              ${agencies.map((a) => html`<option value=${a.slug}>${a.name}</option>`)}
            </select>
          </div>
          <div>
            <label for="rerouteReason">${t('rerouteReason')}</label>
            <textarea id="rerouteReason" name="rerouteReason" required maxlength="2000"></textarea>
          </div>
          <div role="alert">${this._error ? html`<p class="error">${this._error}</p>` : nothing}</div>
          <div class="form-buttons"><button type="submit" ?disabled=${this.busy}>${t('rerouteSubmit')}</button></div>
        </form>
      </details>
    `;
  }
}
