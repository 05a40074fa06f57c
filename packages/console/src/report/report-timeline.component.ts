import { LitElement, html, nothing } from 'lit';
import { REJECTION_REASONS, type StaffEvent } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import type { StringKey } from '../common/strings.js';
import { timelineStyles } from './report.styles.js';

/**
 * The report's audit timeline, newest first: who did what when, with public and
 * internal notes told apart by label (not only by colour) and assignments in words.
 *
 * @tagname aduan-console-report-timeline
 */
export class AduanConsoleReportTimeline extends LitElement {
  static override styles = [baseStyles, timelineStyles];
  static override properties = {
    events: { attribute: false },
    timeZone: { attribute: false },
  };

  /** Oldest first, as the API lists them. */
  declare events: StaffEvent[];
  /** The report area's IANA time zone. */
  declare timeZone: string;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.events = [];
    this.timeZone = 'UTC';
  }

  override render() {
    const t = this.l.t.bind(this.l);
    return html`
      <section class="card" aria-labelledby="h-timeline">
        <h2 id="h-timeline">${t('timeline')}</h2>
        <ol class="timeline">
          ${[...this.events].reverse().map((e) => this.renderEvent(e, this.timeZone))}
        </ol>
      </section>
    `;
  }

  /** Who did it, by name where the server knows one; the id's first part otherwise (someone since deleted). */
  private actor(e: StaffEvent): string {
    const t = this.l.t.bind(this.l);
    if (e.actor === 'resident') return t('actorResident');
    if (e.actor === 'system') return t('actorSystem');
    if (e.actor === 'admin') return t('actorAdmin');
    const [kind, id = ''] = e.actor.split(':');
    const name = e.actorName;
    if (kind === 'staff') return name ?? t('actorStaff', { id: id.slice(0, 8) });
    if (kind === 'token') return t('actorToken', { name: name ?? `#${id.slice(0, 8)}` });
    if (kind === 'channel') return t('actorChannel', { name: name ?? `#${id.slice(0, 8)}` });
    return e.actor;
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
          <span>${t('by', { actor: this.actor(e) })}</span>
        </div>
        ${reason ? html`<p class="note">${t('reason')}: ${reason}</p>` : nothing}
        ${
          e.kind === 'ASSIGNED'
            ? html`<p class="note assignment">${
                e.assignee ? t('assignedEvent', { name: e.assignee.name }) : t('unassignedEvent', { name: e.previousAssignee?.name ?? '—' })
              }</p>`
            : nothing
        }
        ${e.publicNote ? html`<p class="note public"><span class="note-tag">${t('publicTag')}</span>${e.publicNote}</p>` : nothing}
        ${e.internalNote ? html`<p class="note internal"><span class="note-tag">${t('internalTag')}</span>${e.internalNote}</p>` : nothing}
      </li>
    `;
  }
}
