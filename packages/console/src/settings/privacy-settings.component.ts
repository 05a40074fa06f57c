import { LitElement, html, nothing } from 'lit';
import type { ConsoleApi } from '../common/api.js';
import { handleApiFailure } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';

/**
 * A resident's request about their personal data, in "Pengaturan": by tracking code,
 * download everything held about the report (JSON), or erase the reporter's contact,
 * exact point and photos — after a confirmation, since it cannot be undone.
 *
 * @tagname aduan-console-privacy-settings
 */
export class AduanConsolePrivacySettings extends LitElement {
  static override styles = [baseStyles];
  static override properties = {
    api: { attribute: false },
    _message: { state: true },
    _download: { state: true },
  };

  declare api: ConsoleApi;
  declare private _message: string;
  /** The export, as a download link. */
  declare private _download: { url: string; file: string } | null;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this._message = '';
    this._download = null;
  }

  private code(): string {
    return (this.renderRoot.querySelector<HTMLInputElement>('#privacy-code')?.value ?? '').trim();
  }

  private async act(what: 'export' | 'erase'): Promise<void> {
    const t = this.l.t.bind(this.l);
    const code = this.code();
    this._message = '';
    this._download = null;
    if (!code) {
      this._message = t('privacyCodeRequired');
      return;
    }
    if (what === 'erase' && !this.renderRoot.querySelector<HTMLInputElement>('#privacy-confirm')?.checked) {
      this._message = t('privacyConfirmRequired');
      return;
    }
    try {
      if (what === 'export') {
        const json = await this.api.exportReportData(code);
        this._download = { url: URL.createObjectURL(new Blob([json], { type: 'application/json' })), file: `aduan-${code}.json` };
        this._message = t('privacyExported', { code });
      } else {
        const erased = await this.api.eraseReporterData(code);
        this._message = t('privacyErased', { code: erased.trackingCode, photos: erased.photosErased });
      }
    } catch (error) {
      const failure = handleApiFailure(this, error, this.l, { inline: true });
      if (!failure.announced) this._message = failure.message;
    }
  }

  override render() {
    const t = this.l.t.bind(this.l);
    return html`
      <h2 id="h-privacy">${t('privacyTitle')}</h2>
      <p class="hint">${t('privacyIntro')}</p>
      <label for="privacy-code">${t('trackingCodeLabel')}</label>
      <input id="privacy-code" name="code" autocomplete="off" placeholder="KPG-XXXXX-XXXXX" />
      <div class="form-buttons">
        <button type="button" name="export" @click=${() => this.act('export')}>${t('privacyExport')}</button>
      </div>
      <label class="check"><input id="privacy-confirm" type="checkbox" /> ${t('privacyConfirm')}</label>
      <div class="form-buttons">
        <button type="button" class="secondary" name="erase" @click=${() => this.act('erase')}>${t('privacyErase')}</button>
      </div>
      <p role="status">${this._message}</p>
      ${this._download ? html`<p><a href=${this._download.url} download=${this._download.file}>${t('privacyDownload', { file: this._download.file })}</a></p>` : nothing}
    `;
  }
}
