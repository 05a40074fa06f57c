import { LitElement, html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError, type ConsoleApi, type Staff } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { loginStyles } from './login.styles.js';

/**
 * The login form: e-mail and password; refusals are announced (role="alert") and
 * focus returns to the e-mail field.
 *
 * @tagname aduan-console-login
 * @fires aduan-logged-in - Signed in. detail: { staff }
 */
export class AduanConsoleLogin extends LitElement {
  static override styles = [baseStyles, loginStyles];
  static override properties = {
    api: { attribute: false },
    message: {},
    _error: { state: true },
    _busy: { state: true },
  };

  declare api: ConsoleApi;
  /** A notice to show above the form (e.g. "you have logged out"). */
  declare message: string;
  declare private _error: string;
  declare private _busy: boolean;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.message = '';
    this._error = '';
    this._busy = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this._error = this.l.t('fieldsRequired');
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      const result = await this.api.login(email, password);
      if ('role' in result) {
        this.dispatchEvent(new CustomEvent<{ staff: Staff }>('aduan-logged-in', { detail: { staff: result }, bubbles: true, composed: true }));
        return;
      }
      this._error = result.code === 'INVALID_CREDENTIALS' ? this.l.t('invalidCredentials') : result.message;
    } catch (error) {
      this._error =
        error instanceof ApiError && error.code === 'NETWORK' ? this.l.t('networkError') : this.l.t('genericError', { message: (error as Error).message });
    } finally {
      this._busy = false;
    }
    await this.updateComplete;
    (this.renderRoot.querySelector('input[name=password]') as HTMLInputElement | null)?.select();
  }

  override render() {
    const t = this.l.t.bind(this.l);
    return html`
      <section class="card" aria-labelledby="login-title">
        <h1 id="login-title">${t('loginTitle')}</h1>
        <p class="intro">${t('loginIntro')}</p>
        ${this.message && !this._error ? html`<p class="notice" role="status">${this.message}</p>` : nothing}
        <div role="alert" aria-live="assertive">${this._error ? html`<p class="error" id="login-error">${this._error}</p>` : nothing}</div>
        <form @submit=${this.submit} novalidate>
          <div>
            <label for="email">${t('email')}</label>
            <input id="email" name="email" type="email" autocomplete="username" required
              aria-invalid=${this._error ? 'true' : 'false'} aria-describedby=${ifDefined(this._error ? 'login-error' : undefined)} />
          </div>
          <div>
            <label for="password">${t('password')}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required
              aria-invalid=${this._error ? 'true' : 'false'} aria-describedby=${ifDefined(this._error ? 'login-error' : undefined)} />
          </div>
          <button type="submit" ?disabled=${this._busy}>${this._busy ? t('loggingIn') : t('login')}</button>
        </form>
      </section>
    `;
  }
}
