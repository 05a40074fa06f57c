import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { ConsoleApi, Delivery, Report, Staff } from '../common/api.js';
import { handleApiFailure } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { deliveryStyles } from '../deliveries/delivery.styles.js';
import { attemptLog, deliveryTo, eventLabel, failure, mayRedeliver, redeliver, stateBadge, stateTime } from '../deliveries/parts.js';
import { DeliveriesFollower } from './deliveries-follower.controller.js';
import { emit } from './report-events.js';
import { definitionListStyles, reportDeliveriesStyles } from './report.styles.js';

/**
 * The report's deliveries to agencies' own systems and its e-mail, oldest first, each
 * with its attempt log; "deliver again" only where the viewer may (never on a read-only
 * report). A delivery sent again is followed until the worker has tried it, and the list
 * is read again after each change the page saves (it may have queued e-mail).
 *
 * @tagname aduan-console-report-deliveries
 * @fires aduan-report-deliveries - The deliveries were read again, or one was sent again.
 * @fires aduan-report-failed - The session ended while delivering again.
 */
export class AduanConsoleReportDeliveries extends LitElement {
  static override styles = [baseStyles, deliveryStyles, definitionListStyles, reportDeliveriesStyles];
  static override properties = {
    api: { attribute: false },
    staff: { attribute: false },
    report: { attribute: false },
    revision: { attribute: false },
    _notice: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  declare api: ConsoleApi;
  declare staff: Staff | null;
  declare report: Report;
  /** Counts the changes the page saved to the report; each one makes the deliveries be read again. */
  declare revision: number;
  declare private _notice: string;
  declare private _error: string;
  /** The id of the delivery being sent again, or "refresh" while the list is read. */
  declare private _busy: string;

  private readonly l = new LocaleController(this);
  private readonly follower = new DeliveriesFollower(this, () => this.read(true));

  constructor() {
    super();
    this.staff = null;
    this.revision = 0;
    this._notice = '';
    this._error = '';
    this._busy = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('revision') && changed.get('revision') !== undefined) void this.read(true);
  }

  /** Reads the deliveries again for the page; `quiet` while following, so a hiccup says nothing. */
  private async read(quiet: boolean): Promise<readonly Delivery[]> {
    const code = this.report.trackingCode;
    if (!quiet) {
      this._busy = 'refresh';
      this._notice = '';
      this._error = '';
    }
    try {
      const deliveries = await this.api.reportDeliveries(code);
      if (deliveries) {
        emit(this, 'aduan-report-deliveries', { trackingCode: code, deliveries });
        return deliveries;
      }
    } catch (error) {
      const failure = handleApiFailure(this, error, this.l, { inline: true });
      if (!failure.announced && !quiet) this._error = failure.message;
    } finally {
      if (!quiet) this._busy = '';
    }
    return this.report.deliveries;
  }

  private async redeliver(d: Delivery): Promise<void> {
    this._busy = d.id;
    this._notice = '';
    this._error = '';
    try {
      const outcome = await redeliver(this.api, this.l, d);
      if ('delivery' in outcome) {
        const next = outcome.delivery;
        const deliveries = this.report.deliveries.map((x) => (x.id === next.id ? next : x));
        emit(this, 'aduan-report-deliveries', { trackingCode: this.report.trackingCode, deliveries });
        this._notice = this.l.t('redelivered', { channel: deliveryTo(this.l, next) });
        this.follower.follow(next);
      } else {
        this._error = outcome.error;
        void this.read(true);
      }
    } catch (error) {
      emit(this, 'aduan-report-failed', { error });
      return;
    } finally {
      this._busy = '';
    }
    // The button goes away with the dead letter: keep the keyboard on the result.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#delivery-message')?.focus();
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const r = this.report;
    const may = (d: Delivery) => !r.readOnly && mayRedeliver(this.staff, d);
    return html`
      <section class="card" aria-labelledby="h-deliveries">
        <div class="section-head">
          <h2 id="h-deliveries">${t('deliveriesSection')}</h2>
          ${
            r.deliveries.length
              ? html`<button type="button" class="secondary" name="refresh-deliveries" ?disabled=${this._busy !== ''}
                @click=${() => this.read(false)}>${t('refresh')}</button>`
              : nothing
          }
        </div>
        <div role="status">${this._notice ? html`<p class="notice" id="delivery-message" tabindex="-1">${this._notice}</p>` : nothing}</div>
        <div role="alert">${this._error ? html`<p class="error" id="delivery-message" tabindex="-1">${this._error}</p>` : nothing}</div>
        ${
          r.deliveries.length === 0
            ? html`<p>${t('deliveriesSectionNone')}</p>`
            : html`<ul class="deliveries">
                ${r.deliveries.map((d) => this.renderDelivery(d, may(d)))}
              </ul>
              ${r.deliveries.some(may) ? html`<p class="hint">${t('redeliverHint')}</p>` : nothing}`
        }
      </section>
    `;
  }

  private renderDelivery(d: Delivery, may: boolean) {
    const t = this.l.t.bind(this.l);
    const r = this.report;
    const tz = r.area.timeZone;
    const when = stateTime(this.l, d);
    return html`<li class="delivery state-${d.state}" data-id=${d.id} data-channel=${deliveryTo(this.l, d)}>
      <div class="delivery-head">
        <h3>${deliveryTo(this.l, d)}</h3>
        <span class="kind">${t(`channelKind_${d.channel?.kind ?? 'EMAIL'}`)}</span>
        ${stateBadge(this.l, d.state)}
      </div>
      <dl>
        ${
          d.channel
            ? html`<dt>${t('deliveryTarget')}</dt>
              <dd><span class="target">${d.channel.target}</span>${d.channel.removed ? html` <em>(${t('channelRemoved')})</em>` : nothing}</dd>`
            : nothing
        }
        ${d.agency.slug !== r.agency.slug ? html`<dt>${t('agency')}</dt><dd>${d.agency.name}</dd>` : nothing}
        <dt>${t('deliveryEvent')}</dt><dd>${eventLabel(this.l, d.event)}</dd>
        <dt>${t('deliveryAttempts')}</dt><dd class="attempt-count">${d.attempts}</dd>
        ${d.lastError ? html`<dt>${t('deliveryLastError')}</dt><dd><p class="last-error">${failure(this.l, d.lastErrorKind, d.lastError)}</p></dd>` : nothing}
        <dt>${when.label}</dt><dd><time datetime=${when.at}>${this.l.dateTime(when.at, tz)}</time></dd>
        ${d.remoteId ? html`<dt>${t('deliveryRemoteId')}</dt><dd>${d.remoteId}</dd>` : nothing}
        <dt>${t('deliveryId')}</dt><dd class="target">${d.id}</dd>
      </dl>
      ${attemptLog(this.l, d, tz)}
      ${
        may
          ? html`<button type="button" name="redeliver" aria-label=${t('redeliverTo', { channel: deliveryTo(this.l, d) })}
            ?disabled=${this._busy !== ''} @click=${() => this.redeliver(d)}>${t('redeliver')}</button>`
          : nothing
      }
    </li>`;
  }
}
