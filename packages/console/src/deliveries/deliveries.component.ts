import { LitElement, html, nothing } from 'lit';
import { DELIVERY_STATES, type ConsoleApi, type DeliveryState, type DeliverySummary, type Staff } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { handleApiFailure } from '../common/api-failure.js';
import { LocaleController } from '../common/locale.controller.js';
import { hrefFor } from '../common/navigation.js';
import { deliveriesStyles } from './deliveries.styles.js';
import { deliveryStyles } from './delivery.styles.js';
import { deliveryTo, failure, mayRedeliver, redeliver, stateBadge, stateTime } from './parts.js';

/** The newest this many are listed; the API allows up to 200. */
const PAGE = 100;

/** The viewer's own zone: deliveries carry no area, so times are the device's, with the zone named. */
function localTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * Deliveries to agencies' own systems, for supervisors (their agency) and admins (every
 * agency): the dead letters by default, or the pending, the delivered, or all of them.
 * Each row links to its report; a failed or delivered one can be delivered again, and
 * the row shows the result in place. Staff are not allowed and are told so without asking.
 *
 * @tagname aduan-console-deliveries
 * @fires aduan-unauthenticated - The session ended.
 * @fires aduan-password-change-required - The API wants a new password first.
 */
export class AduanConsoleDeliveries extends LitElement {
  static override styles = [baseStyles, deliveryStyles, deliveriesStyles];
  static override properties = {
    api: { attribute: false },
    staff: { attribute: false },
    _filter: { state: true },
    _rows: { state: true },
    _state: { state: true },
    _error: { state: true },
    _notice: { state: true },
    _actionError: { state: true },
    _busy: { state: true },
  };

  declare api: ConsoleApi;
  declare staff: Staff | null;
  /** A state, or '' for all of them. */
  declare private _filter: DeliveryState | '';
  declare private _rows: DeliverySummary[];
  declare private _state: 'loading' | 'ok' | 'error' | 'forbidden';
  declare private _error: string;
  declare private _notice: string;
  declare private _actionError: string;
  /** The id of the delivery being sent again. */
  declare private _busy: string;

  private readonly l = new LocaleController(this);
  private request = 0;

  constructor() {
    super();
    this.staff = null;
    this._filter = 'DEAD';
    this._rows = [];
    this._state = 'loading';
    this._error = '';
    this._notice = '';
    this._actionError = '';
    this._busy = '';
  }

  private get oversees(): boolean {
    return this.staff?.role === 'SUPERVISOR' || this.staff?.role === 'ADMIN';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Also when coming back from a report (the view is kept): the list is read afresh, the filter kept.
    void this.load();
  }

  async load(): Promise<void> {
    if (!this.oversees) {
      this._state = 'forbidden';
      return;
    }
    const mine = ++this.request;
    this._state = 'loading';
    this._error = '';
    try {
      const rows = await this.api.deliveries(this._filter || null, PAGE);
      if (mine !== this.request) return;
      this._rows = rows;
      this._state = 'ok';
    } catch (error) {
      if (mine === this.request) this.fail(error);
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

  private onFilter(event: Event): void {
    this._filter = (event.target as HTMLSelectElement).value as DeliveryState | '';
    this._notice = '';
    this._actionError = '';
    void this.load();
  }

  private refresh(): void {
    this._notice = '';
    this._actionError = '';
    void this.load();
  }

  /** Sends it again and shows the row as it now is (it stays listed until the next refresh). */
  private async redeliver(d: DeliverySummary): Promise<void> {
    this._busy = d.id;
    this._notice = '';
    this._actionError = '';
    try {
      const outcome = await redeliver(this.api, this.l, d);
      if ('delivery' in outcome) {
        const next = outcome.delivery;
        this._rows = this._rows.map((row) => (row.id === next.id ? next : row));
        this._notice = this.l.t('redelivered', { channel: deliveryTo(this.l, next) });
      } else {
        this._actionError = outcome.error;
      }
    } catch (error) {
      this.fail(error);
      return;
    } finally {
      this._busy = '';
    }
    // The button is gone with the dead letter: keep the keyboard on the result.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#delivery-message')?.focus();
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const head = html`<h1>${t('deliveriesTitle')}</h1><p class="intro">${t('deliveriesIntro')}</p>`;
    if (this._state === 'forbidden') return html`${head}<p class="error" role="alert">${t('forbidden')}</p>`;
    return html`
      ${head}
      <form class="filters" role="search" aria-label=${t('deliveriesTitle')} @submit=${(e: Event) => {
        e.preventDefault();
        this.refresh();
      }}>
        <div>
          <label for="d-state">${t('deliveriesShow')}</label>
          <select id="d-state" name="state" @change=${this.onFilter}>
            ${DELIVERY_STATES.map((s) => html`<option value=${s} ?selected=${this._filter === s}>${t(`deliveryState_${s}`)}</option>`)}
            <option value="" ?selected=${this._filter === ''}>${t('deliveriesAll')}</option>
          </select>
        </div>
        <div><button type="submit" class="secondary" name="refresh">${t('refresh')}</button></div>
      </form>
      <p class="summary" role="status" aria-live="polite">
        ${
          this._state === 'loading'
            ? t('loading')
            : this._state === 'ok'
              ? t(this._rows.length >= PAGE ? 'deliveriesShownNewest' : 'deliveriesShown', { n: this._rows.length })
              : ''
        }
      </p>
      <div role="status">${this._notice ? html`<p class="notice" id="delivery-message" tabindex="-1">${this._notice}</p>` : nothing}</div>
      <div role="alert">${this._actionError ? html`<p class="error" id="delivery-message" tabindex="-1">${this._actionError}</p>` : nothing}</div>
      ${
        this._state === 'error'
          ? html`<p class="error" role="alert">${this._error}</p>
            <button type="button" class="secondary" @click=${this.load}>${t('retry')}</button>`
          : nothing
      }
      ${this._state === 'ok' && this._rows.length === 0 ? html`<p class="empty">${t(this._filter ? `deliveriesNone_${this._filter}` : 'deliveriesNone_all')}</p>` : nothing}
      ${this._rows.length && this._state !== 'error' ? this.renderTable() : nothing}
    `;
  }

  private renderTable() {
    const t = this.l.t.bind(this.l);
    const tz = localTimeZone();
    const admin = this.staff?.role === 'ADMIN';
    return html`
      <table>
        <caption class="visually-hidden">${t('deliveriesTable')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('deliveryReport')}</th>
            <th scope="col">${t('deliveryChannel')}</th>
            ${admin ? html`<th scope="col">${t('agency')}</th>` : nothing}
            <th scope="col">${t('deliveryState')}</th>
            <th scope="col">${t('deliveryLastError')}</th>
            <th scope="col">${t('deliveryWhen')}</th>
            <th scope="col">${t('deliveryAction')}</th>
          </tr>
        </thead>
        <tbody>
          ${this._rows.map((d) => {
            const when = stateTime(this.l, d);
            return html`
              <tr data-id=${d.id} data-code=${d.trackingCode} data-channel=${deliveryTo(this.l, d)} class="state-${d.state}">
                <td class="code"><a href=${hrefFor({ name: 'report', code: d.trackingCode })}>${d.trackingCode}</a></td>
                <td data-label=${t('deliveryChannel')}>
                  <strong>${deliveryTo(this.l, d)}</strong> · ${t(`channelKind_${d.channel?.kind ?? 'EMAIL'}`)}
                  ${d.channel?.removed ? html` <em>(${t('channelRemoved')})</em>` : nothing}
                  ${d.channel ? html`<br /><span class="target">${d.channel.target}</span>` : nothing}
                </td>
                ${admin ? html`<td data-label=${t('agency')}>${d.agency.shortName ?? d.agency.name}</td>` : nothing}
                <td data-label=${t('deliveryState')}>
                  ${stateBadge(this.l, d.state)}
                  <br /><span class="muted">${t('deliveryAttempts')}: ${d.attempts}</span>
                </td>
                <td data-label=${t('deliveryLastError')} class="error-cell">
                  ${d.lastError ? failure(this.l, d.lastErrorKind, d.lastError) : html`<span class="muted">—</span>`}
                </td>
                <td data-label=${t('deliveryWhen')}>
                  ${when.label}: <time datetime=${when.at}>${this.l.dateTime(when.at, tz)}</time>
                  <br /><span class="muted">${t('deliveryCreatedAt')}: <time datetime=${d.createdAt}>${this.l.dateTime(d.createdAt, tz)}</time></span>
                </td>
                <td data-label=${t('deliveryAction')}>
                  ${
                    mayRedeliver(this.staff, d)
                      ? html`<button type="button" name="redeliver" aria-label=${t('redeliverReportTo', { code: d.trackingCode, channel: deliveryTo(this.l, d) })}
                        ?disabled=${this._busy !== ''} @click=${() => this.redeliver(d)}>${t('redeliver')}</button>`
                      : html`<span class="muted">—</span>`
                  }
                </td>
              </tr>
            `;
          })}
        </tbody>
      </table>
    `;
  }
}
