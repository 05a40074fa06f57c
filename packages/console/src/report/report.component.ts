import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  ApiError,
  REJECTION_REASONS,
  type Agency,
  type ChangedReport,
  type ConsoleApi,
  type Delivery,
  type RejectionReason,
  type Report,
  type ReportStatus,
  type Staff,
  type StaffEvent,
  type StaffMember,
} from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { handleApiFailure } from '../common/api-failure.js';
import { LocaleController } from '../common/locale.controller.js';
import { hrefFor } from '../common/navigation.js';
import type { StringKey } from '../common/strings.js';
import { deliveryStyles } from '../deliveries/delivery.styles.js';
import { attemptLog, deliveryTo, eventLabel, mayRedeliver, redeliver, stateBadge, stateTime } from '../deliveries/parts.js';
import { reportStyles } from './report.styles.js';

const OPEN: ReportStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'];
/** After "deliver again", the deliveries are read this often until the worker has tried it, for at most a minute. */
const FOLLOW_MS = 2_000;
const FOLLOW_ROUNDS = 30;

/** A plain link to the point on openstreetmap.org (nothing is embedded or loaded from there). */
export function osmLink(lat: number, lng: number): string {
  const la = lat.toFixed(6);
  const ln = lng.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${ln}#map=18/${la}/${ln}`;
}

/**
 * One report as its agency sees it: every field (all resident text escaped by Lit's
 * templates), photos as thumbnails linking to the full image, the place with a link to OpenStreetMap, the audit
 * timeline with public and internal notes told apart, the status actions that
 * `allowedTransitions` allows, a note without a status change, the assignee (a picker for
 * supervisors and admins, "Take"/"Give up" for staff), rerouting for supervisors and
 * admins, and its deliveries to agencies' own systems with every attempt ("deliver again"
 * for a supervisor of the channel's agency or an admin, once one failed or arrived). A
 * report the viewer may only read (another agency's escalation) shows no controls.
 *
 * @tagname aduan-console-report
 * @fires aduan-unauthenticated - The session ended.
 */
export class AduanConsoleReport extends LitElement {
  static override styles = [baseStyles, deliveryStyles, reportStyles];
  static override properties = {
    api: { attribute: false },
    staff: { attribute: false },
    code: {},
    _report: { state: true },
    _state: { state: true },
    _error: { state: true },
    _target: { state: true },
    _reason: { state: true },
    _busy: { state: true },
    _formError: { state: true },
    _notice: { state: true },
    _agencies: { state: true },
    _rerouteError: { state: true },
    _noteError: { state: true },
    _people: { state: true },
    _assignError: { state: true },
    _deliveryNotice: { state: true },
    _deliveryError: { state: true },
    _deliveryBusy: { state: true },
  };

  declare api: ConsoleApi;
  declare staff: Staff | null;
  /** The tracking code to show. */
  declare code: string;
  declare private _report: Report | null;
  declare private _state: 'loading' | 'ok' | 'notfound' | 'forbidden' | 'error' | 'rerouted';
  declare private _error: string;
  declare private _target: ReportStatus | null;
  declare private _reason: RejectionReason | '';
  declare private _busy: boolean;
  declare private _formError: string;
  declare private _notice: string;
  declare private _agencies: Agency[] | null;
  declare private _rerouteError: string;
  declare private _noteError: string;
  /** The agency's staff for the assignment picker (supervisors and admins). */
  declare private _people: StaffMember[] | null;
  declare private _assignError: string;
  declare private _deliveryNotice: string;
  declare private _deliveryError: string;
  /** The id of the delivery being sent again, or "refresh" while the list is read. */
  declare private _deliveryBusy: string;

  private readonly l = new LocaleController(this);
  /** Deliveries sent again, with how many attempts they had then: followed until the worker has tried them. */
  private readonly following = new Map<string, number>();
  private followTimer: ReturnType<typeof setTimeout> | null = null;
  private followRounds = 0;

  constructor() {
    super();
    this.staff = null;
    this.code = '';
    this._report = null;
    this._state = 'loading';
    this._error = '';
    this._target = null;
    this._reason = '';
    this._busy = false;
    this._formError = '';
    this._notice = '';
    this._agencies = null;
    this._rerouteError = '';
    this._noteError = '';
    this._people = null;
    this._assignError = '';
    this._deliveryNotice = '';
    this._deliveryError = '';
    this._deliveryBusy = '';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFollowing();
  }

  private get supervises(): boolean {
    return this.staff?.role === 'SUPERVISOR' || this.staff?.role === 'ADMIN';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('code') && this.code) void this.load();
  }

  async load(): Promise<void> {
    this._state = 'loading';
    this._target = null;
    this._notice = '';
    this._assignError = '';
    this._deliveryNotice = '';
    this._deliveryError = '';
    this.stopFollowing();
    try {
      this._report = await this.api.report(this.code);
      this._state = this._report ? 'ok' : 'notfound';
    } catch (error) {
      this.fail(error);
      return;
    }
    const report = this._report;
    if (report && !report.readOnly && this.supervises) {
      try {
        this._people = await this.api.agencyStaff(report.agency.slug);
      } catch {
        this._people = [];
      }
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


  private async choose(status: ReportStatus): Promise<void> {
    this._target = status;
    this._reason = '';
    this._formError = '';
    this._notice = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('form.change textarea')?.focus();
  }

  private async submitChange(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const report = this._report;
    const status = this._target;
    if (!report || !status) return;
    const data = new FormData(event.target as HTMLFormElement);
    const publicNote = String(data.get('publicNote') ?? '').trim();
    const internalNote = String(data.get('internalNote') ?? '').trim();
    const reason = String(data.get('reason') ?? '') as RejectionReason | '';
    const duplicateOf = String(data.get('duplicateOf') ?? '').trim();
    if (status === 'REJECTED' && !reason) {
      this._formError = this.l.t('reasonRequired');
      return;
    }
    if (status === 'REJECTED' && reason === 'DUPLICATE' && !duplicateOf) {
      this._formError = this.l.t('duplicateRequired');
      return;
    }
    this._busy = true;
    this._formError = '';
    try {
      const result = await this.api.updateStatus({
        trackingCode: report.trackingCode,
        status,
        ...(publicNote ? { publicNote } : {}),
        ...(internalNote ? { internalNote } : {}),
        ...(status === 'REJECTED' ? { reason: reason as RejectionReason } : {}),
        ...(status === 'REJECTED' && reason === 'DUPLICATE' ? { duplicateOf } : {}),
      });
      if ('trackingCode' in result) {
        this.changed(result);
        this._target = null;
        this._notice = this.l.t('saved', { status: this.l.t(result.status) });
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
      } else {
        this._formError = result.fields.length ? result.fields.map((f) => f.message).join(' ') : result.message;
      }
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')) this.fail(error);
      else this._formError = error instanceof ApiError && error.code === 'NETWORK' ? this.l.t('networkError') : (error as Error).message;
    } finally {
      this._busy = false;
    }
  }

  private async submitNote(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const report = this._report;
    if (!report) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const publicNote = String(data.get('publicNote') ?? '').trim();
    const internalNote = String(data.get('internalNote') ?? '').trim();
    if (!publicNote && !internalNote) {
      this._noteError = this.l.t('noteRequired');
      return;
    }
    this._busy = true;
    this._noteError = '';
    this._notice = '';
    try {
      const result = await this.api.addNote({
        trackingCode: report.trackingCode,
        ...(publicNote ? { publicNote } : {}),
        ...(internalNote ? { internalNote } : {}),
      });
      if ('trackingCode' in result) {
        this.changed(result);
        form.reset();
        this._notice = this.l.t('noteSaved');
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
      } else {
        this._noteError = result.fields.length ? result.fields.map((f) => f.message).join(' ') : result.message;
      }
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN')) this.fail(error);
      else this._noteError = error instanceof ApiError && error.code === 'NETWORK' ? this.l.t('networkError') : (error as Error).message;
    } finally {
      this._busy = false;
    }
  }

  /** Gives the report to `assignee` (an e-mail), or to nobody. */
  private async assign(assignee: string | null): Promise<void> {
    const report = this._report;
    if (!report) return;
    this._busy = true;
    this._assignError = '';
    this._notice = '';
    try {
      const result = await this.api.assign(report.trackingCode, assignee);
      if ('trackingCode' in result) {
        this.changed(result);
        this._notice = result.assignee ? this.l.t('assignedNotice', { name: result.assignee.name }) : this.l.t('unassignedNotice');
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#notice')?.focus();
      } else {
        const known = ['ALREADY_ASSIGNED', 'UNKNOWN_ASSIGNEE', 'NOT_ASSIGNED'].includes(result.code);
        this._assignError = known ? this.l.t(result.code as StringKey) : result.message;
      }
    } catch (error) {
      if (error instanceof ApiError && ['UNAUTHENTICATED', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED'].includes(error.code)) this.fail(error);
      else this._assignError = error instanceof ApiError && error.code === 'NETWORK' ? this.l.t('networkError') : (error as Error).message;
    } finally {
      this._busy = false;
    }
  }

  private submitAssign(event: SubmitEvent): void {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('assignee') ?? '');
    void this.assign(value || null);
  }

  private async openReroute(event: Event): Promise<void> {
    if ((event.target as HTMLDetailsElement).open && !this._agencies) {
      try {
        // The agencies serving the report's area (its own, the city's, the province's), new cities included.
        this._agencies = await this.api.agencies(this._report?.area.code ?? null);
      } catch {
        this._agencies = [];
      }
    }
  }

  private async submitReroute(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const report = this._report;
    if (!report) return;
    const data = new FormData(event.target as HTMLFormElement);
    const agency = String(data.get('agency') ?? '');
    const reason = String(data.get('rerouteReason') ?? '').trim();
    if (!agency || !reason) {
      this._rerouteError = this.l.t('rerouteRequired');
      return;
    }
    this._busy = true;
    this._rerouteError = '';
    try {
      const result = await this.api.reroute(report.trackingCode, agency, reason);
      if ('agency' in result) {
        this._notice = this.l.t('rerouted', { agency: result.agency.name });
        if (this.staff?.role === 'ADMIN') {
          await this.load();
          this._notice = this.l.t('rerouted', { agency: result.agency.name });
        } else {
          this._state = 'rerouted';
        }
      } else {
        this._rerouteError = result.message;
      }
    } catch (error) {
      this._rerouteError = (error as Error).message;
    } finally {
      this._busy = false;
    }
  }

  /**
   * Shows the report as a change answered it, keeping the deliveries already shown, and reads
   * them again: the change may have queued e-mail (to the resident, to staff).
   */
  private changed(report: ChangedReport): void {
    this._report = { ...report, deliveries: this._report?.deliveries ?? [] };
    void this.refreshDeliveries(true);
  }

  /** Reads the report's deliveries again; `quiet` while following, so a hiccup says nothing. */
  private async refreshDeliveries(quiet: boolean): Promise<void> {
    const code = this._report?.trackingCode;
    if (!code) return;
    if (!quiet) {
      this._deliveryBusy = 'refresh';
      this._deliveryNotice = '';
      this._deliveryError = '';
    }
    try {
      const deliveries = await this.api.reportDeliveries(code);
      if (deliveries && this._report?.trackingCode === code) this._report = { ...this._report, deliveries };
    } catch (error) {
      if (error instanceof ApiError && ['UNAUTHENTICATED', 'PASSWORD_CHANGE_REQUIRED'].includes(error.code)) this.fail(error);
      else if (!quiet) this._deliveryError = error instanceof ApiError && error.code === 'NETWORK' ? this.l.t('networkError') : (error as Error).message;
    } finally {
      if (!quiet) this._deliveryBusy = '';
    }
  }

  private async redeliver(d: Delivery): Promise<void> {
    this._deliveryBusy = d.id;
    this._deliveryNotice = '';
    this._deliveryError = '';
    try {
      const outcome = await redeliver(this.api, this.l, d);
      if ('delivery' in outcome) {
        const next = outcome.delivery;
        if (this._report) this._report = { ...this._report, deliveries: this._report.deliveries.map((x) => (x.id === next.id ? next : x)) };
        this._deliveryNotice = this.l.t('redelivered', { channel: deliveryTo(this.l, next) });
        this.follow(next);
      } else {
        this._deliveryError = outcome.error;
        void this.refreshDeliveries(true);
      }
    } catch (error) {
      this.fail(error);
      return;
    } finally {
      this._deliveryBusy = '';
    }
    // The button goes away with the dead letter: keep the keyboard on the result.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#delivery-message')?.focus();
  }

  private follow(d: Delivery): void {
    this.following.set(d.id, d.attemptLog.length);
    this.followRounds = 0;
    this.scheduleFollow();
  }

  private scheduleFollow(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => void this.followOnce(), FOLLOW_MS);
  }

  private async followOnce(): Promise<void> {
    this.followTimer = null;
    await this.refreshDeliveries(true);
    for (const d of this._report?.deliveries ?? []) {
      const before = this.following.get(d.id);
      if (before !== undefined && (d.state !== 'PENDING' || d.attemptLog.length > before)) this.following.delete(d.id);
    }
    if (this.following.size && ++this.followRounds < FOLLOW_ROUNDS && this.isConnected) this.scheduleFollow();
    else this.stopFollowing();
  }

  private stopFollowing(): void {
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = null;
    this.following.clear();
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
              <dt>${t('routing')}</dt><dd>${r.routingReason} (${r.routingMethod})</dd>
              <dt>${t('reportLanguage')}</dt><dd>${r.locale}</dd>
              ${r.duplicateOf
                ? html`<dt>${t('duplicateOf')}</dt><dd><a href=${hrefFor({ name: 'report', code: r.duplicateOf })}>${r.duplicateOf}</a></dd>`
                : nothing}
            </dl>
          </section>
          <section class="card" aria-labelledby="h-place">
            <h2 id="h-place">${t('place')}</h2>
            <dl>
              <dt>${t('area')}</dt><dd>${r.area.displayName}</dd>
              ${r.placeText ? html`<dt>${t('placeText')}</dt><dd>${r.placeText}</dd>` : nothing}
              ${r.lat != null && r.lng != null
                ? html`<dt>${t('coordinates')}</dt>
                    <dd>${r.lat.toFixed(6)}, ${r.lng.toFixed(6)}<br />
                      <a href=${osmLink(r.lat, r.lng)} target="_blank" rel="noopener noreferrer" name="osm">${t('openMap')}</a></dd>`
                : html`<dt>${t('coordinates')}</dt><dd>${t('noPoint')}</dd>`}
            </dl>
          </section>
          <section class="card" aria-labelledby="h-reporter">
            <h2 id="h-reporter">${t('reporter')}</h2>
            ${r.reporter && (r.reporter.name || r.reporter.email || r.reporter.phone)
              ? html`<dl>
                  ${r.reporter.name ? html`<dt>${t('reporterName')}</dt><dd>${r.reporter.name}</dd>` : nothing}
                  ${r.reporter.email ? html`<dt>${t('email')}</dt><dd><a href="mailto:${r.reporter.email}">${r.reporter.email}</a></dd>` : nothing}
                  ${r.reporter.phone ? html`<dt>${t('reporterPhone')}</dt><dd><a href="tel:${r.reporter.phone}">${r.reporter.phone}</a></dd>` : nothing}
                </dl>`
              : html`<p>${t('anonymous')}</p>`}
          </section>
          <section class="card" aria-labelledby="h-photos">
            <h2 id="h-photos">${t('photos')}</h2>
            ${r.photos.length
              ? html`<ul class="photos">
                  ${r.photos.map(
                    (p, i) => html`<li>
                      ${p.url.startsWith('/')
                        ? html`<a href=${p.url} target="_blank" rel="noopener" title=${t('photoOpen', { n: i + 1 })}>
                            <img src=${p.url} alt=${t('photoAlt', { n: i + 1, total: r.photos.length })} width=${p.width} height=${p.height} loading="lazy" decoding="async" />
                          </a>`
                        : nothing}
                      <span>${t('photoInfo', { n: i + 1, type: p.contentType, w: p.width, h: p.height, size: this.l.bytes(p.byteSize) })}</span>
                    </li>`,
                  )}
                </ul>`
              : html`<p>${t('noPhotos')}</p>`}
          </section>
          ${this.renderDeliveries(r)}
        </div>
        <div>
          ${r.readOnly
            ? nothing
            : html`${this.renderActions(r)}
                ${this.renderAssign(r)}
                ${this.renderNote()}
                ${this.renderReroute(r)}`}
          <section class="card" aria-labelledby="h-timeline">
            <h2 id="h-timeline">${t('timeline')}</h2>
            <ol class="timeline">
              ${[...r.events].reverse().map((e) => this.renderEvent(e, tz))}
            </ol>
          </section>
        </div>
      </div>
    `;
  }

  /** Its deliveries to agencies' own systems, oldest first; "deliver again" only where the viewer may. */
  private renderDeliveries(r: Report) {
    const t = this.l.t.bind(this.l);
    const tz = r.area.timeZone;
    const may = (d: Delivery) => !r.readOnly && mayRedeliver(this.staff, d);
    return html`
      <section class="card" aria-labelledby="h-deliveries">
        <div class="section-head">
          <h2 id="h-deliveries">${t('deliveriesSection')}</h2>
          ${r.deliveries.length
            ? html`<button type="button" class="secondary" name="refresh-deliveries" ?disabled=${this._deliveryBusy !== ''}
                @click=${() => this.refreshDeliveries(false)}>${t('refresh')}</button>`
            : nothing}
        </div>
        <div role="status">${this._deliveryNotice ? html`<p class="notice" id="delivery-message" tabindex="-1">${this._deliveryNotice}</p>` : nothing}</div>
        <div role="alert">${this._deliveryError ? html`<p class="error" id="delivery-message" tabindex="-1">${this._deliveryError}</p>` : nothing}</div>
        ${r.deliveries.length === 0
          ? html`<p>${t('deliveriesSectionNone')}</p>`
          : html`<ul class="deliveries">
                ${r.deliveries.map((d) => {
                  const when = stateTime(this.l, d);
                  return html`<li class="delivery state-${d.state}" data-id=${d.id} data-channel=${deliveryTo(this.l, d)}>
                    <div class="delivery-head">
                      <h3>${deliveryTo(this.l, d)}</h3>
                      <span class="kind">${t(`channelKind_${d.channel?.kind ?? 'EMAIL'}`)}</span>
                      ${stateBadge(this.l, d.state)}
                    </div>
                    <dl>
                      ${d.channel
                        ? html`<dt>${t('deliveryTarget')}</dt>
                            <dd><span class="target">${d.channel.target}</span>${d.channel.removed ? html` <em>(${t('channelRemoved')})</em>` : nothing}</dd>`
                        : nothing}
                      ${d.agency.slug !== r.agency.slug ? html`<dt>${t('agency')}</dt><dd>${d.agency.name}</dd>` : nothing}
                      <dt>${t('deliveryEvent')}</dt><dd>${eventLabel(this.l, d.event)}</dd>
                      <dt>${t('deliveryAttempts')}</dt><dd class="attempt-count">${d.attempts}</dd>
                      ${d.lastError ? html`<dt>${t('deliveryLastError')}</dt><dd><p class="remote-error last-error">${d.lastError}</p></dd>` : nothing}
                      <dt>${when.label}</dt><dd><time datetime=${when.at}>${this.l.dateTime(when.at, tz)}</time></dd>
                      ${d.remoteId ? html`<dt>${t('deliveryRemoteId')}</dt><dd>${d.remoteId}</dd>` : nothing}
                      <dt>${t('deliveryId')}</dt><dd class="target">${d.id}</dd>
                    </dl>
                    ${attemptLog(this.l, d, tz)}
                    ${may(d)
                      ? html`<button type="button" name="redeliver" aria-label=${t('redeliverTo', { channel: deliveryTo(this.l, d) })}
                          ?disabled=${this._deliveryBusy !== ''} @click=${() => this.redeliver(d)}>${t('redeliver')}</button>`
                      : nothing}
                  </li>`;
                })}
              </ul>
              ${r.deliveries.some(may) ? html`<p class="hint">${t('redeliverHint')}</p>` : nothing}`}
      </section>
    `;
  }

  private actor(actor: string): string {
    const t = this.l.t.bind(this.l);
    if (actor === 'resident') return t('actorResident');
    if (actor === 'system') return t('actorSystem');
    const [kind, id] = actor.split(':');
    if (kind === 'staff') return t('actorStaff', { id: id ?? '' });
    if (kind === 'token') return t('actorToken', { id: id ?? '' });
    return actor;
  }

  private renderEvent(e: StaffEvent, tz: string) {
    const t = this.l.t.bind(this.l);
    const reason = e.reason && (REJECTION_REASONS as string[]).includes(e.reason) ? t(e.reason as StringKey) : e.reason;
    return html`
      <li>
        <div class="event-head">
          <strong>${t(e.kind)}</strong>
          <span class="badge status-${e.status}">${t(e.status)}</span>
          <time datetime=${e.at}>${this.l.dateTime(e.at, tz)}</time>
          <span>${t('by', { actor: this.actor(e.actor) })}</span>
        </div>
        ${reason ? html`<p class="note">${t('reason')}: ${reason}</p>` : nothing}
        ${e.kind === 'ASSIGNED'
          ? html`<p class="note assignment">${e.assignee
              ? t('assignedEvent', { name: e.assignee.name })
              : t('unassignedEvent', { name: e.previousAssignee?.name ?? '—' })}</p>`
          : nothing}
        ${e.publicNote
          ? html`<p class="note public"><span class="note-tag">${t('publicTag')}</span>${e.publicNote}</p>`
          : nothing}
        ${e.internalNote
          ? html`<p class="note internal"><span class="note-tag">${t('internalTag')}</span>${e.internalNote}</p>`
          : nothing}
      </li>
    `;
  }

  private renderActions(r: Report) {
    const t = this.l.t.bind(this.l);
    const target = this._target;
    return html`
      <section class="card" aria-labelledby="h-actions">
        <h2 id="h-actions">${t('actions')}</h2>
        ${r.allowedTransitions.length === 0 ? html`<p>${t('noActions')}</p>` : nothing}
        <div class="transitions">
          ${r.allowedTransitions.map(
            (s) => html`<button type="button" name="to-${s}" class=${target === s ? '' : 'secondary'} aria-pressed=${target === s ? 'true' : 'false'}
              @click=${() => this.choose(s)}>${t('changeTo', { status: t(s) })}</button>`,
          )}
        </div>
        ${target
          ? html`
              <form class="change" novalidate @submit=${this.submitChange} aria-labelledby="h-change">
                <h3 id="h-change">${t('changeTo', { status: t(target) })}</h3>
                ${target === 'REJECTED'
                  ? html`
                      <div>
                        <label for="reason">${t('rejectReason')}</label>
                        <select id="reason" name="reason" required @change=${(e: Event) => (this._reason = (e.target as HTMLSelectElement).value as RejectionReason)}>
                          <option value="">${t('chooseReason')}</option>
                          ${REJECTION_REASONS.map((x) => html`<option value=${x} ?selected=${this._reason === x}>${t(x)}</option>`)}
                        </select>
                      </div>
                      ${this._reason === 'DUPLICATE'
                        ? html`<div>
                            <label for="duplicateOf">${t('duplicateCode')}</label>
                            <input id="duplicateOf" name="duplicateOf" autocomplete="off" required placeholder="KPG-XXXXX-XXXXX" />
                          </div>`
                        : nothing}
                    `
                  : nothing}
                <div>
                  <label for="publicNote">${t('statusPublicNote')}</label>
                  <textarea id="publicNote" name="publicNote" maxlength="2000" aria-describedby="publicNote-hint"></textarea>
                  <p class="hint" id="publicNote-hint">${t('publicNoteHint')}</p>
                </div>
                <div>
                  <label for="internalNote">${t('statusInternalNote')}</label>
                  <textarea id="internalNote" name="internalNote" maxlength="2000" aria-describedby="internalNote-hint"></textarea>
                  <p class="hint" id="internalNote-hint">${t('internalNoteHint')}</p>
                </div>
                <div role="alert">${this._formError ? html`<p class="error">${this._formError}</p>` : nothing}</div>
                <div class="form-buttons">
                  <button type="submit" name="confirm" ?disabled=${this._busy}>${this._busy ? t('saving') : t('confirmChange', { status: t(target) })}</button>
                  <button type="button" class="secondary" @click=${() => (this._target = null)}>${t('cancel')}</button>
                </div>
              </form>
            `
          : nothing}
      </section>
    `;
  }

  /** Who has it in hand: a picker for supervisors and admins; "Take" / "Give up" for staff. */
  private renderAssign(r: Report) {
    const t = this.l.t.bind(this.l);
    if (r.status === 'CLOSED') return nothing;
    const mine = r.assignee !== null && r.assignee.email === this.staff?.email;
    const error = html`<div role="alert">${this._assignError ? html`<p class="error">${this._assignError}</p>` : nothing}</div>`;
    let control;
    if (this.supervises) {
      const people = this._people ?? [];
      // The current assignee stays selectable even if the list has not loaded.
      const options = r.assignee && !people.some((p) => p.email === r.assignee!.email) ? [r.assignee, ...people] : people;
      control = html`
        <form class="assign" novalidate @submit=${this.submitAssign}>
          <div>
            <label for="assignee">${t('assignTo')}</label>
            <select id="assignee" name="assignee">
              <option value="" ?selected=${!r.assignee}>${t('nobody')}</option>
              ${options.map((p) => html`<option value=${p.email} ?selected=${r.assignee?.email === p.email}>${p.name} (${p.email})</option>`)}
            </select>
          </div>
          <div class="form-buttons"><button type="submit" name="assign" ?disabled=${this._busy}>${t('saveAssignment')}</button></div>
        </form>`;
    } else if (this.staff?.kind === 'ACCOUNT' && this.staff.email && (!r.assignee || mine)) {
      const email = this.staff.email;
      control = mine
        ? html`<button type="button" class="secondary" name="give-up" ?disabled=${this._busy} @click=${() => this.assign(null)}>${t('giveUp')}</button>`
        : html`<p class="hint" id="take-hint">${t('takeHint')}</p>
            <button type="button" name="take" aria-describedby="take-hint" ?disabled=${this._busy} @click=${() => this.assign(email)}>${t('take')}</button>`;
    }
    return html`
      <section class="card" aria-labelledby="h-assign">
        <h2 id="h-assign">${t('assignTitle')}</h2>
        <p>${t('assignedTo')}: <strong>${r.assignee ? r.assignee.name : t('unassigned')}</strong></p>
        ${control ?? nothing}
        ${error}
      </section>
    `;
  }

  /** A public and/or internal note without a status change (`addReportNote`). */
  private renderNote() {
    const t = this.l.t.bind(this.l);
    return html`
      <details class="card">
        <summary><strong>${t('addNote')}</strong></summary>
        <form class="note" novalidate @submit=${this.submitNote}>
          <div>
            <label for="notePublic">${t('notePublicNote')}</label>
            <textarea id="notePublic" name="publicNote" maxlength="2000" aria-describedby="notePublic-hint"></textarea>
            <p class="hint" id="notePublic-hint">${t('publicNoteHint')}</p>
          </div>
          <div>
            <label for="noteInternal">${t('noteInternalNote')}</label>
            <textarea id="noteInternal" name="internalNote" maxlength="2000" aria-describedby="noteInternal-hint"></textarea>
            <p class="hint" id="noteInternal-hint">${t('internalNoteHint')}</p>
          </div>
          <div role="alert">${this._noteError ? html`<p class="error">${this._noteError}</p>` : nothing}</div>
          <div class="form-buttons"><button type="submit" name="save-note" ?disabled=${this._busy}>${this._busy ? t('saving') : t('saveNote')}</button></div>
        </form>
      </details>
    `;
  }

  private renderReroute(r: Report) {
    const role = this.staff?.role;
    if ((role !== 'SUPERVISOR' && role !== 'ADMIN') || !OPEN.includes(r.status)) return nothing;
    const t = this.l.t.bind(this.l);
    const agencies = (this._agencies ?? []).filter((a) => a.slug !== r.agency.slug);
    return html`
      <details class="card" @toggle=${this.openReroute}>
        <summary><strong>${t('reroute')}</strong></summary>
        <form class="reroute" novalidate @submit=${this.submitReroute}>
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
          <div role="alert">${this._rerouteError ? html`<p class="error">${this._rerouteError}</p>` : nothing}</div>
          <div class="form-buttons"><button type="submit" ?disabled=${this._busy}>${t('rerouteSubmit')}</button></div>
        </form>
      </details>
    `;
  }
}
