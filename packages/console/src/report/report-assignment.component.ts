import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ConsoleApi, Report, Staff, StaffMember } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import type { StringKey } from '../common/strings.js';
import { emit } from './report-events.js';
import { saveFromPart } from './report-save.js';
import { reportFormStyles } from './report.styles.js';

const REFUSALS = ['ALREADY_ASSIGNED', 'UNKNOWN_ASSIGNEE', 'NOT_ASSIGNED'];

/**
 * Who has the report in hand (`assignReport`): supervisors and admins pick anyone of the
 * agency (`agencyStaff`) or nobody; staff get "Take" for an unassigned report and
 * "Give up" for their own.
 *
 * @tagname aduan-console-report-assignment
 * @fires aduan-report-changed - The assignee changed.
 * @fires aduan-report-notice-cleared - Saving started.
 * @fires aduan-report-busy - Saving started or ended.
 * @fires aduan-report-failed - The viewer may not assign it.
 */
export class AduanConsoleReportAssignment extends LitElement {
  static override styles = [baseStyles, reportFormStyles];
  static override properties = {
    api: { attribute: false },
    staff: { attribute: false },
    report: { attribute: false },
    busy: { attribute: false },
    _people: { state: true },
    _error: { state: true },
  };

  declare api: ConsoleApi;
  declare staff: Staff | null;
  declare report: Report;
  /** Something on the page is being saved. */
  declare busy: boolean;
  /** The agency's staff for the picker (supervisors and admins). */
  declare private _people: StaffMember[] | null;
  declare private _error: string;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.staff = null;
    this.busy = false;
    this._people = null;
    this._error = '';
  }

  private get supervises(): boolean {
    return this.staff?.role === 'SUPERVISOR' || this.staff?.role === 'ADMIN';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const agency = this.report?.agency.slug;
    if (changed.has('report') && agency && agency !== changed.get('report')?.agency.slug && this.supervises) void this.loadPeople(agency);
  }

  private async loadPeople(agency: string): Promise<void> {
    try {
      this._people = await this.api.agencyStaff(agency);
    } catch {
      this._people = [];
    }
  }

  /** Gives the report to `assignee` (an e-mail), or to nobody. */
  private async assign(assignee: string | null): Promise<void> {
    const report = this.report;
    if (!report) return;
    const result = await saveFromPart(
      this,
      this.l,
      (message) => (this._error = message),
      () => this.api.assign(report.trackingCode, assignee),
    );
    if (!result) return;
    if ('trackingCode' in result) {
      const notice = result.assignee ? this.l.t('assignedNotice', { name: result.assignee.name }) : this.l.t('unassignedNotice');
      emit(this, 'aduan-report-changed', { report: result, notice });
    } else {
      this._error = REFUSALS.includes(result.code) ? this.l.t(result.code as StringKey) : result.message;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const value = String(new FormData(event.target as HTMLFormElement).get('assignee') ?? '');
    void this.assign(value || null);
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const r = this.report;
    const mine = r.assignee !== null && r.assignee.email === this.staff?.email;
    const error = html`<div role="alert">${this._error ? html`<p class="error">${this._error}</p>` : nothing}</div>`;
    let control: TemplateResult | undefined;
    if (this.supervises) {
      const people = this._people ?? [];
      // The current assignee stays selectable even if the list has not loaded.
      const options = r.assignee && !people.some((p) => p.email === r.assignee!.email) ? [r.assignee, ...people] : people;
      control = html`
        <form class="assign" novalidate @submit=${this.submit}>
          <div>
            <label for="assignee">${t('assignTo')}</label>
            <select id="assignee" name="assignee">
              <option value="" ?selected=${!r.assignee}>${t('nobody')}</option>
              ${options.map((p) => html`<option value=${p.email} ?selected=${r.assignee?.email === p.email}>${p.name} (${p.email})</option>`)}
            </select>
          </div>
          <div class="form-buttons"><button type="submit" name="assign" ?disabled=${this.busy}>${t('saveAssignment')}</button></div>
        </form>`;
    } else if (this.staff?.kind === 'ACCOUNT' && this.staff.email && (!r.assignee || mine)) {
      const email = this.staff.email;
      control = mine
        ? html`<button type="button" class="secondary" name="give-up" ?disabled=${this.busy} @click=${() => this.assign(null)}>${t('giveUp')}</button>`
        : html`<p class="hint" id="take-hint">${t('takeHint')}</p>
            <button type="button" name="take" aria-describedby="take-hint" ?disabled=${this.busy} @click=${() => this.assign(email)}>${t('take')}</button>`;
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
}
