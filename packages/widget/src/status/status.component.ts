import type { PropertyValues } from 'lit';
import { confirmResolved, reopenReport, reportStatusStreamUrl, type AduanClient, type PublicReport, type ResidentReportResult } from '@aduan/client';
import type { StringOverrides } from '../common/strings.js';
import { ConfigController, LitElement, addStrings, baseStyles, emit, html, nothing, rememberReport } from '../first-script.js';
import { keepKey, residentKeyFor } from './kept-keys.js';
import { reportDate } from './report-date.js';
import { statusStrings } from './status.strings.js';
import { statusStyles } from './status.styles.js';

addStrings(statusStrings);

/**
 * Looks up a report by tracking code and shows its status, agency, area, deadline (in the
 * report's own time zone) and public timeline. Follows changes live over server-sent
 * events (the `reportStatusChanged` subscription) where `EventSource` exists; while that
 * stream is not open, refreshes every `interval` ms while the page is visible.
 * Once the agency resolved (or rejected) the report, its reporter may say "fixed" or
 * "not fixed, reopen": that needs the resident key this device kept when it sent the
 * report, or the one in the notification e-mail's link (`?code=…&key=…`).
 *
 * @tagname aduan-status
 * @attr code - The tracking code to show; else the `?code=` of the page's address.
 * @attr site - The site key from the embed code; else the script tag's `data-site`.
 * @attr api - The GraphQL endpoint; else `data-api`, else the script's own origin + /graphql.
 * @attr theme - `light` or `dark`; else `data-theme`, else the system setting.
 * @attr strings - Overrides for any visible text, as JSON; else `data-strings`.
 * @attr interval - Polling interval in ms while the page is visible and no live stream is open. Default 60000.
 * @attr hide-title - Hides the element's own heading, for a page that has one.
 *
 * @fires aduan-error - The lookup failed. detail: { message, code }
 *
 * @csspart lookup - The tracking-code form.
 * @csspart title - The heading.
 * @csspart report - The report's details.
 * @csspart status - The status badge.
 * @csspart overdue - The overdue badge.
 * @csspart timeline - The timeline list.
 * @csspart actions - The reporter's "fixed" / "not fixed" section.
 *
 * @cssprop [--aduan-padding=16px] - Padding around the element.
 */
export class AduanStatus extends LitElement {
  static override styles = [baseStyles, statusStyles];
  static override properties = {
    code: { reflect: true },
    site: {},
    api: {},
    theme: { reflect: true },
    strings: { type: Object },
    client: { attribute: false },
    interval: { type: Number },
    hideTitle: { type: Boolean, attribute: 'hide-title' },
    _report: { state: true },
    _state: { state: true },
    _reopening: { state: true },
    _acting: { state: true },
    _outcome: { state: true },
  };

  /** The tracking code to show; set it to look one up. */
  declare code?: string;
  declare site?: string;
  /** The GraphQL endpoint; defaults to the script tag's. */
  declare api?: string;
  declare theme?: string;
  declare strings?: StringOverrides;
  declare client?: AduanClient;
  /** Polling interval in ms while the page is visible. Default 60000. */
  declare interval: number;
  /** Hide the heading when the host page has its own. */
  declare hideTitle: boolean;
  declare private _report?: PublicReport | null;
  declare private _state: 'idle' | 'loading' | 'ok' | 'notfound' | 'error';
  /** The reopen form is open. */
  declare private _reopening: boolean;
  /** A reopen or confirmation is on its way. */
  declare private _acting: boolean;
  /** What the last reopen or confirmation came to. */
  declare private _outcome?: { text: string; error: boolean };

  private readonly cfg = new ConfigController(this);
  private timer?: ReturnType<typeof setInterval>;
  /** The live stream and the code it follows. */
  private es?: EventSource;
  private esCode?: string;

  constructor() {
    super();
    this.interval = 60_000;
    this.hideTitle = false;
    this._state = 'idle';
    this._reopening = false;
    this._acting = false;
  }

  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this._report) void this.refresh();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    // Without a code of its own, it follows the one in the page's address: the link in the
    // reporter's e-mail (`?code=…&key=…`), whose key this device then keeps.
    if (!this.code) {
      const params = new URLSearchParams(location.search);
      const code = params.get('code');
      if (code) {
        this.code = code;
        keepKey(code, params.get('key'));
      }
    }
    document.addEventListener('visibilitychange', this.onVisible);
    this.schedule();
    if (this._report) void this.refresh(); // back in the page: catch up and listen again
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.timer);
    this.listen();
  }

  /** Follows `code` over SSE (closing any other stream); with no code, just closes. */
  private listen(code?: string): void {
    this.es?.close();
    this.es = this.esCode = undefined;
    if (!code || typeof EventSource !== 'function') return;
    const es = (this.es = new EventSource(reportStatusStreamUrl(this.cfg.client.url, code)));
    this.esCode = code;
    es.addEventListener('next', (e) => {
      const r = (JSON.parse((e as MessageEvent<string>).data) as { data?: { reportStatusChanged?: PublicReport } }).data?.reportStatusChanged;
      if (r && this.es === es) this._report = r;
    });
    // The server ends the stream (e.g. an unknown code): stay closed; polling goes on.
    es.addEventListener('complete', () => es.close());
  }

  private schedule(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      // No polling while the live stream is open (readyState 1).
      if (document.visibilityState === 'visible' && this._report && this.es?.readyState !== 1) void this.refresh();
    }, this.interval);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // What this device last saw of one of its own reports, for "Laporan saya".
    if (changed.has('_report' as keyof AduanStatus) && this._report) rememberReport(this._report);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('interval') && this.isConnected) this.schedule();
    if (changed.has('code')) {
      this.listen();
      this._reopening = false;
      this._outcome = undefined;
      if (this.code) {
        this._report = undefined;
        void this.refresh();
      }
    }
  }

  /** Fetches the report for `code` again. */
  async refresh(): Promise<void> {
    const code = this.code?.trim();
    if (!code) return;
    if (!this._report) this._state = 'loading';
    try {
      const report = await this.cfg.client.reportStatus(code);
      if (code !== this.code?.trim()) return;
      this._report = report;
      this._state = report ? 'ok' : 'notfound';
      if (report && this.isConnected && this.esCode !== code) this.listen(code);
    } catch (error) {
      if (!this._report) this._state = 'error';
      emit(this, 'aduan-error', { message: error instanceof Error ? error.message : String(error), code: 'NETWORK_ERROR' });
    }
  }

  private onLookup(e: SubmitEvent): void {
    e.preventDefault();
    const value = ((e.target as HTMLFormElement).elements.namedItem('code') as HTMLInputElement).value.trim();
    if (value === this.code) void this.refresh();
    else this.code = value;
  }

  override render() {
    const t = this.cfg.t.bind(this.cfg);
    const r = this._report;
    return html`
      <form part="lookup" @submit=${this.onLookup} aria-label=${t('statusTitle')}>
        <h2 part="title" ?hidden=${this.hideTitle}>${t('statusTitle')}</h2>
        <label for="code">${t('trackingCode')}</label>
        <div class="row">
          <input id="code" name="code" .value=${this.code ?? ''} required autocomplete="off" autocapitalize="characters" spellcheck="false" />
          <button class="primary" type="submit">${t('lookup')}</button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        ${this._state === 'loading' ? html`<p>${t('loading')}</p>` : nothing}
        ${this._state === 'notfound' ? html`<p class="error">${t('notFound')}</p>` : nothing}
        ${this._state === 'error' ? html`<p class="error">${t('genericError')}</p>` : nothing}
      </div>
      ${r ? this.renderReport(r) : nothing}
    `;
  }

  private renderReport(r: PublicReport) {
    const t = this.cfg.t.bind(this.cfg);
    const when = (iso: string) => reportDate(this.cfg.lang, iso, r.timeZone);
    return html`<section class="report" part="report" aria-labelledby="r-code">
      <h3 id="r-code">${r.trackingCode}</h3>
      <p class="row">
        <span class="badge" part="status">${t(r.status)}</span>
        ${r.overdue ? html`<span class="badge overdue" part="overdue">${t('overdue')}</span>` : nothing}
      </p>
      <dl>
        <dt>${t('category')}</dt><dd>${r.category.names[this.cfg.lang]}</dd>
        <dt>${t('agency')}</dt><dd>${r.agency.name}</dd>
        <dt>${t('area')}</dt><dd>${r.area.displayName}</dd>
        <dt>${t('submitted')}</dt><dd>${when(r.submittedAt)}</dd>
        <dt>${t('due')}</dt><dd>${when(r.dueAt)}</dd>
      </dl>
      ${this.renderActions(r)}
      <h3>${t('timeline')}</h3>
      <ol part="timeline">
        ${r.timeline.map((e) => html`<li><time datetime=${e.at}>${when(e.at)}</time><strong>${t(e.kind === 'REROUTED' ? 'REROUTED' : e.status)}</strong>${e.note ? html`<p>${e.note}</p>` : nothing}</li>`)}
      </ol>
    </section>`;
  }

  /** "Fixed" and "not fixed, reopen", while the report may still take them. */
  private renderActions(r: PublicReport) {
    const t = this.cfg.t.bind(this.cfg);
    const reopenable = !!r.reopenableUntil && Date.parse(r.reopenableUntil) > Date.now();
    const confirmable = r.status === 'RESOLVED';
    const outcome = this._outcome ? html`<p class=${this._outcome.error ? 'error' : 'ok'}>${this._outcome.text}</p>` : nothing;
    if (!reopenable && !confirmable) return html`<div role="status">${outcome}</div>`;
    const key = residentKeyFor(r.trackingCode);
    return html`<section part="actions" aria-labelledby="actions-title">
      <h3 id="actions-title">${t(confirmable ? 'isItFixed' : 'stillThere')}</h3>
      ${
        !key
          ? html`<p class="hint">${t('noKey')}</p>`
          : this._reopening
            ? html`<form @submit=${(e: SubmitEvent) => this.onReopen(e, key)}>
                <label for="reason">${t('reopenReason')}</label>
                <textarea id="reason" name="reason" required minlength="5" maxlength="2000" aria-describedby="reason-hint"></textarea>
                <p class="hint" id="reason-hint">${t('reopenHint')}</p>
                <div class="row">
                  <button class="primary" type="submit" ?disabled=${this._acting}>${t('reopenSend')}</button>
                  <button type="button" @click=${() => (this._reopening = false)}>${t('cancel')}</button>
                </div>
              </form>`
            : html`<div class="row">
                ${confirmable ? html`<button class="primary" type="button" name="confirm" ?disabled=${this._acting} @click=${() => this.act(confirmResolved(this.cfg.client, r.trackingCode, key), 'confirmed')}>${t('confirmFixed')}</button>` : nothing}
                ${reopenable ? html`<button type="button" name="reopen" @click=${() => this.openReopen()}>${t('reopen')}</button>` : nothing}
              </div>
              ${reopenable ? html`<p class="hint">${t('reopenUntil', { date: reportDate(this.cfg.lang, r.reopenableUntil!, r.timeZone) })}</p>` : nothing}`
      }
      <div role="status">${outcome}</div>
    </section>`;
  }

  private async openReopen(): Promise<void> {
    this._reopening = true;
    this._outcome = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('#reason')?.focus();
  }

  private onReopen(e: SubmitEvent, key: string): void {
    e.preventDefault();
    const reason = ((e.target as HTMLFormElement).elements.namedItem('reason') as HTMLTextAreaElement).value.trim();
    void this.act(reopenReport(this.cfg.client, this._report!.trackingCode, reason, key), 'reopened');
  }

  /** Sends a reopen or confirmation and shows what became of it. */
  private async act(sent: Promise<ResidentReportResult>, done: 'reopened' | 'confirmed'): Promise<void> {
    this._acting = true;
    try {
      const result = await sent;
      if (result.__typename === 'PublicReportUpdated') {
        this._report = result.report;
        this._reopening = false;
        this._outcome = { text: this.cfg.t(done, { agency: result.report.agency.name }), error: false };
      } else {
        this._outcome = { text: result.message, error: true };
      }
    } catch (error) {
      this._outcome = { text: this.cfg.t('genericError'), error: true };
      emit(this, 'aduan-error', { message: error instanceof Error ? error.message : String(error), code: 'NETWORK_ERROR' });
    } finally {
      this._acting = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aduan-status': AduanStatus;
  }
}
