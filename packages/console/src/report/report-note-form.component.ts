import { LitElement, html, nothing } from 'lit';
import type { ConsoleApi, Report } from '../common/api.js';
import { refusalMessage } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { emit } from './report-events.js';
import { saveFromPart } from './report-save.js';
import { noteFormStyles } from './report.styles.js';

/**
 * A public and/or internal note without a status change (`addReportNote`), folded away
 * until asked for. Its fields are named apart from the status form's ("… (status
 * tetap)"), so screen readers never hear two fields of the same name.
 *
 * @tagname aduan-console-report-note-form
 * @fires aduan-report-changed - The note was saved.
 * @fires aduan-report-notice-cleared - Saving started.
 * @fires aduan-report-busy - Saving started or ended.
 * @fires aduan-report-failed - The viewer may not write notes.
 */
export class AduanConsoleReportNoteForm extends LitElement {
  static override styles = [baseStyles, noteFormStyles];
  static override properties = {
    api: { attribute: false },
    report: { attribute: false },
    busy: { attribute: false },
    _error: { state: true },
  };

  declare api: ConsoleApi;
  declare report: Report;
  /** Something on the page is being saved. */
  declare busy: boolean;
  declare private _error: string;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.busy = false;
    this._error = '';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const report = this.report;
    if (!report) return;
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const publicNote = String(data.get('publicNote') ?? '').trim();
    const internalNote = String(data.get('internalNote') ?? '').trim();
    if (!publicNote && !internalNote) {
      this._error = this.l.t('noteRequired');
      return;
    }
    const input = {
      trackingCode: report.trackingCode,
      ...(publicNote ? { publicNote } : {}),
      ...(internalNote ? { internalNote } : {}),
    };
    const result = await saveFromPart(
      this,
      this.l,
      (message) => (this._error = message),
      () => this.api.addNote(input),
    );
    if (!result) return;
    if ('trackingCode' in result) {
      form.reset();
      emit(this, 'aduan-report-changed', { report: result, notice: this.l.t('noteSaved') });
    } else {
      this._error = refusalMessage(result);
    }
  }

  override render() {
    const t = this.l.t.bind(this.l);
    return html`
      <details class="card">
        <summary><strong>${t('addNote')}</strong></summary>
        <form class="note" novalidate @submit=${this.submit}>
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
          <div role="alert">${this._error ? html`<p class="error">${this._error}</p>` : nothing}</div>
          <div class="form-buttons"><button type="submit" name="save-note" ?disabled=${this.busy}>${this.busy ? t('saving') : t('saveNote')}</button></div>
        </form>
      </details>
    `;
  }
}
