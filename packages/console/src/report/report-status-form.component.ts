import { stepsTo } from '@aduan/core';
import { LitElement, html, nothing } from 'lit';
import { REJECTION_REASONS, type ConsoleApi, type RejectionReason, type Report, type ReportStatus } from '../common/api.js';
import { refusalMessage } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { emit } from './report-events.js';
import { saveFromPart } from './report-save.js';
import { reportFormStyles, statusFormStyles } from './report.styles.js';

/**
 * The status workflow: one button per `allowedTransitions` — the next step, and further
 * along to "Selesai" in one go (the statuses between are recorded, and said so) — each
 * opening a form with a public and an internal note; REJECTED asks for the reason (and the original's tracking
 * code for a duplicate). Saves with `updateReportStatus`.
 *
 * @tagname aduan-console-report-status-form
 * @fires aduan-report-changed - The status was changed.
 * @fires aduan-report-notice-cleared - A status was chosen.
 * @fires aduan-report-busy - Saving started or ended.
 * @fires aduan-report-failed - The viewer may not change it.
 */
export class AduanConsoleReportStatusForm extends LitElement {
  static override styles = [baseStyles, reportFormStyles, statusFormStyles];
  static override properties = {
    api: { attribute: false },
    report: { attribute: false },
    busy: { attribute: false },
    _target: { state: true },
    _reason: { state: true },
    _error: { state: true },
  };

  declare api: ConsoleApi;
  declare report: Report;
  /** Something on the page is being saved. */
  declare busy: boolean;
  declare private _target: ReportStatus | null;
  declare private _reason: RejectionReason | '';
  declare private _error: string;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.busy = false;
    this._target = null;
    this._reason = '';
    this._error = '';
  }

  private async choose(status: ReportStatus): Promise<void> {
    this._target = status;
    this._reason = '';
    this._error = '';
    emit(this, 'aduan-report-notice-cleared', {});
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>('form.change textarea')?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const report = this.report;
    const status = this._target;
    if (!report || !status) return;
    const data = new FormData(event.target as HTMLFormElement);
    const publicNote = String(data.get('publicNote') ?? '').trim();
    const internalNote = String(data.get('internalNote') ?? '').trim();
    const reason = String(data.get('reason') ?? '') as RejectionReason | '';
    const duplicateOf = String(data.get('duplicateOf') ?? '').trim();
    if (status === 'REJECTED' && !reason) {
      this._error = this.l.t('reasonRequired');
      return;
    }
    if (status === 'REJECTED' && reason === 'DUPLICATE' && !duplicateOf) {
      this._error = this.l.t('duplicateRequired');
      return;
    }
    const input = {
      trackingCode: report.trackingCode,
      status,
      ...(publicNote ? { publicNote } : {}),
      ...(internalNote ? { internalNote } : {}),
      ...(status === 'REJECTED' ? { reason: reason as RejectionReason } : {}),
      ...(status === 'REJECTED' && reason === 'DUPLICATE' ? { duplicateOf } : {}),
    };
    const result = await saveFromPart(
      this,
      this.l,
      (message) => (this._error = message),
      () => this.api.updateStatus(input),
    );
    if (!result) return;
    if ('trackingCode' in result) {
      this._target = null;
      emit(this, 'aduan-report-changed', { report: result, notice: this.l.t('saved', { status: this.l.t(result.status) }) });
    } else {
      this._error = refusalMessage(result);
    }
  }

  /** Going further than the next step records the statuses on the way: say which. */
  private stepsBetween(target: ReportStatus) {
    const between = (stepsTo(this.report.status, target) ?? []).slice(0, -1);
    if (between.length === 0) return nothing;
    return html`<p class="hint" id="steps-between">${this.l.t('stepsBetween', { statuses: between.map((s) => this.l.t(s)).join(', ') })}</p>`;
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const r = this.report;
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
        ${
          target
            ? html`
              <form class="change" novalidate @submit=${this.submit} aria-labelledby="h-change">
                <h3 id="h-change">${t('changeTo', { status: t(target) })}</h3>
                ${this.stepsBetween(target)}
                ${
                  target === 'REJECTED'
                    ? html`
                      <div>
                        <label for="reason">${t('rejectReason')}</label>
                        <select id="reason" name="reason" required @change=${(e: Event) => (this._reason = (e.target as HTMLSelectElement).value as RejectionReason)}>
                          <option value="">${t('chooseReason')}</option>
                          ${REJECTION_REASONS.map((x) => html`<option value=${x} ?selected=${this._reason === x}>${t(x)}</option>`)}
                        </select>
                      </div>
                      ${
                        this._reason === 'DUPLICATE'
                          ? html`<div>
                            <label for="duplicateOf">${t('duplicateCode')}</label>
                            <input id="duplicateOf" name="duplicateOf" autocomplete="off" required placeholder="KPG-XXXXX-XXXXX" />
                          </div>`
                          : nothing
                      }
                    `
                    : nothing
                }
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
                <div role="alert">${this._error ? html`<p class="error">${this._error}</p>` : nothing}</div>
                <div class="form-buttons">
                  <button type="submit" name="confirm" ?disabled=${this.busy}>${this.busy ? t('saving') : t('confirmChange', { status: t(target) })}</button>
                  <button type="button" class="secondary" @click=${() => (this._target = null)}>${t('cancel')}</button>
                </div>
              </form>
            `
            : nothing
        }
      </section>
    `;
  }
}
