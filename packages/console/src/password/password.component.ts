import { LitElement, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError, type ConsoleApi, type Staff } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import type { StringKey } from '../common/strings.js';
import { passwordStyles } from './password.styles.js';

/** Refusals of `changePassword` the console words itself; anything else shows the API's sentence. */
const REFUSALS = ['WRONG_PASSWORD', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'PASSWORD_IS_EMAIL', 'PASSWORD_UNCHANGED'];

/**
 * Changing one's password: right after signing in with a one-time password (`required`,
 * nothing else is reachable until it is done), or any time from the header. The current
 * password, the new one twice; refusals are announced and focus moves to the field at fault.
 *
 * @tagname aduan-console-password
 * @fires aduan-password-changed - The new password is set. detail: { staff }
 * @fires aduan-unauthenticated - The session ended.
 */
export class AduanConsolePassword extends LitElement {
  static override styles = [baseStyles, passwordStyles];
  static override properties = {
    api: { attribute: false },
    staff: { attribute: false },
    required: { type: Boolean },
    _error: { state: true },
    _field: { state: true },
    _busy: { state: true },
    _done: { state: true },
  };

  declare api: ConsoleApi;
  declare staff: Staff | null;
  /** Shown because the account still has a one-time password. */
  declare required: boolean;
  declare private _error: string;
  /** The field the error is about: `current` or `next`. */
  declare private _field: '' | 'current' | 'next';
  declare private _busy: boolean;
  declare private _done: boolean;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.staff = null;
    this.required = false;
    this._error = '';
    this._field = '';
    this._busy = false;
    this._done = false;
  }

  private async refuse(message: string, field: '' | 'current' | 'next'): Promise<void> {
    this._error = message;
    this._field = field;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(field === 'current' ? '#current-password' : '#new-password')?.focus();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = this.l.t.bind(this.l);
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const current = String(data.get('current') ?? '');
    const next = String(data.get('next') ?? '');
    const repeat = String(data.get('repeat') ?? '');
    this._done = false;
    if (!current || !next || !repeat) return this.refuse(t('passwordFieldsRequired'), current ? 'next' : 'current');
    if (next !== repeat) return this.refuse(t('passwordMismatch'), 'next');
    this._busy = true;
    this._error = '';
    this._field = '';
    try {
      const result = await this.api.changePassword(current, next);
      if ('role' in result) {
        form.reset();
        this._done = true;
        this.dispatchEvent(new CustomEvent<{ staff: Staff }>('aduan-password-changed', { detail: { staff: result }, bubbles: true, composed: true }));
        return;
      }
      const message = REFUSALS.includes(result.code) ? t(result.code as StringKey) : result.message;
      await this.refuse(message, result.code === 'WRONG_PASSWORD' ? 'current' : 'next');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        this.dispatchEvent(new CustomEvent('aduan-unauthenticated', { bubbles: true, composed: true }));
        return;
      }
      this._error = error instanceof ApiError && error.code === 'NETWORK' ? t('networkError') : t('genericError', { message: (error as Error).message });
    } finally {
      this._busy = false;
    }
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const invalid = (field: 'current' | 'next') => (this._error && this._field === field ? 'true' : 'false');
    const describedBy = (field: 'current' | 'next', hint?: string) =>
      ifDefined([hint, this._error && this._field === field ? 'password-error' : undefined].filter(Boolean).join(' ') || undefined);
    return html`
      <section class="card" aria-labelledby="password-title">
        <h1 id="password-title">${t('passwordTitle')}</h1>
        <p class="intro">${this.required ? t('passwordRequiredIntro') : t('passwordIntro')}</p>
        ${this._done ? html`<p class="notice" role="status">${t('passwordChanged')}</p>` : nothing}
        <div role="alert" aria-live="assertive">${this._error ? html`<p class="error" id="password-error">${this._error}</p>` : nothing}</div>
        <form @submit=${this.submit} novalidate>
          <input type="email" name="username" autocomplete="username" .value=${this.staff?.email ?? ''} hidden readonly />
          <div>
            <label for="current-password">${t('currentPassword')}</label>
            <input id="current-password" name="current" type="password" autocomplete="current-password" required
              aria-invalid=${invalid('current')} aria-describedby=${describedBy('current')} />
          </div>
          <div>
            <label for="new-password">${t('newPassword')}</label>
            <input id="new-password" name="next" type="password" autocomplete="new-password" required minlength="12"
              aria-invalid=${invalid('next')} aria-describedby=${describedBy('next', 'new-password-hint')} />
            <p class="hint" id="new-password-hint">${t('newPasswordHint')}</p>
          </div>
          <div>
            <label for="repeat-password">${t('repeatPassword')}</label>
            <input id="repeat-password" name="repeat" type="password" autocomplete="new-password" required minlength="12" />
          </div>
          <button type="submit" ?disabled=${this._busy}>${this._busy ? t('saving') : t('savePassword')}</button>
        </form>
      </section>
    `;
  }
}
