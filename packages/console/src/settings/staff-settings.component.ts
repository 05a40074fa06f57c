import { LitElement, css, html, nothing } from 'lit';
import type { Agency, ApiTokenInfo, ConsoleApi, InvalidInput, Role, StaffAccountInfo } from '../common/api.js';
import { handleApiFailure } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { settingsTableStyles } from './settings.styles.js';

const ROLES: Role[] = ['STAFF', 'SUPERVISOR', 'ADMIN'];

/**
 * The staff and API tokens of an ADMIN's city, in "Pengaturan": invite someone (their
 * one-time password is shown once, grouped in digits to read aloud), reset a password,
 * disable an account, create a token for an agency's system (shown once) and revoke one.
 *
 * @tagname aduan-console-staff-settings
 */
export class AduanConsoleStaffSettings extends LitElement {
  static override styles = [
    baseStyles,
    settingsTableStyles,
    css`
      .secret {
        font-family: ui-monospace, monospace;
        font-size: 1.5rem;
        letter-spacing: 0.05em;
        overflow-wrap: anywhere;
      }
      h2,
      h3 {
        margin-top: 1.5rem;
      }
      form.invite,
      form.token {
        display: grid;
        gap: 0.5rem;
        max-width: 36rem;
      }
    `,
  ];
  static override properties = {
    api: { attribute: false },
    area: {},
    me: {},
    _accounts: { state: true },
    _tokens: { state: true },
    _agencies: { state: true },
    _secret: { state: true },
    _message: { state: true },
  };

  declare api: ConsoleApi;
  /** The ADMIN's city, whose agencies may be chosen. */
  declare area: string;
  /** The signed-in ADMIN's e-mail: they are not offered to disable themselves. */
  declare me: string;
  declare private _accounts: StaffAccountInfo[];
  declare private _tokens: ApiTokenInfo[];
  declare private _agencies: Agency[];
  /** A one-time password or token to hand over, shown this once. */
  declare private _secret: { what: 'password' | 'token'; who: string; value: string } | null;
  declare private _message: string;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.area = '';
    this.me = '';
    this._accounts = [];
    this._tokens = [];
    this._agencies = [];
    this._secret = null;
    this._message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const data = await this.api.cityStaff(this.area);
      this._accounts = data.staffAccounts;
      this._tokens = data.apiTokens;
      this._agencies = data.agencies;
    } catch (error) {
      const failure = handleApiFailure(this, error, this.l, { inline: true });
      if (!failure.announced) this._message = failure.message;
    }
  }

  /** Runs one change; a refusal or failure is said in the status line, a secret is shown once. */
  private async run<T>(change: () => Promise<T | InvalidInput>, done: (result: T) => void): Promise<void> {
    this._secret = null;
    this._message = '';
    try {
      const result = await change();
      if (result && typeof result === 'object' && 'fields' in result) {
        this._message = result.fields.map((f) => f.message).join(' ') || result.message;
        return;
      }
      done(result as T);
      await this.load();
    } catch (error) {
      const failure = handleApiFailure(this, error, this.l, { inline: true });
      if (!failure.announced) this._message = failure.message;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(this._secret ? '#secret' : '#staff-message')?.focus();
  }

  private invite(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const input = {
      agency: String(data.get('agency')),
      email: String(data.get('email') ?? ''),
      name: String(data.get('name') ?? ''),
      role: String(data.get('role')) as Role,
    };
    void this.run(
      () => this.api.inviteStaff(input),
      (r) => {
        this._secret = { what: 'password', who: r.account.email, value: r.password };
        form.reset();
      },
    );
  }

  private createToken(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const input = { agency: String(data.get('agency')), name: String(data.get('name') ?? ''), role: String(data.get('role')) as Role };
    void this.run(
      () => this.api.createApiToken(input),
      (r) => {
        this._secret = { what: 'token', who: r.info.name, value: r.token };
        form.reset();
      },
    );
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const agencyOptions = this._agencies.map((a) => html`<option value=${a.slug}>${a.name}</option>`);
    const roleOptions = ROLES.map((r) => html`<option value=${r}>${t(`role${r}`)}</option>`);
    return html`
      <h2 id="h-staff">${t('staffTitle')}</h2>
      <p id="staff-message" class=${this._message ? 'error' : ''} role="status" tabindex="-1">${this._message}</p>
      ${
        this._secret
          ? html`<div class="notice" id="secret" tabindex="-1" role="status">
              <p>${t(this._secret.what === 'password' ? 'oneTimePasswordFor' : 'tokenFor', { who: this._secret.who })}</p>
              <p class="secret">${this._secret.value}</p>
              <p class="hint">${t(this._secret.what === 'password' ? 'oneTimePasswordHint' : 'tokenHint')}</p>
            </div>`
          : nothing
      }
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-staff">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('staffName')}</th>
              <th scope="col">${t('staffAgency')}</th>
              <th scope="col">${t('staffRole')}</th>
              <th scope="col">${t('staffActions')}</th>
            </tr>
          </thead>
          <tbody>
            ${this._accounts.map(
              (a) => html`<tr data-email=${a.email}>
                <th scope="row">${a.name}<br /><small>${a.email}</small></th>
                <td>${a.agency.shortName ?? a.agency.name}</td>
                <td>${t(`role${a.role}`)}${a.active ? nothing : html`<br /><small>${t('staffDisabled')}</small>`}</td>
                <td>
                  ${
                    a.active
                      ? html`<button type="button" class="secondary" name="reset" @click=${() =>
                          this.run(
                            () => this.api.resetStaffPassword(a.email),
                            (r) => (this._secret = { what: 'password', who: r.account.email, value: r.password }),
                          )}>${t('resetPassword')}</button>
                        ${
                          a.email === this.me
                            ? nothing
                            : html`<button type="button" class="secondary" name="disable" @click=${() =>
                                this.run(
                                  () => this.api.disableStaff(a.email),
                                  () => (this._message = ''),
                                )}>${t('disableStaff')}</button>`
                        }`
                      : nothing
                  }
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <form class="invite" novalidate @submit=${this.invite} aria-labelledby="h-invite">
        <h3 id="h-invite">${t('inviteStaff')}</h3>
        <label for="invite-name">${t('staffName')}</label>
        <input id="invite-name" name="name" required />
        <label for="invite-email">${t('email')}</label>
        <input id="invite-email" name="email" type="email" required autocomplete="off" />
        <label for="invite-agency">${t('staffAgency')}</label>
        <select id="invite-agency" name="agency">${agencyOptions}</select>
        <label for="invite-role">${t('staffRole')}</label>
        <select id="invite-role" name="role">${roleOptions}</select>
        <div class="form-buttons"><button type="submit" name="invite">${t('inviteStaff')}</button></div>
      </form>

      <h2 id="h-tokens">${t('tokensTitle')}</h2>
      <p class="hint">${t('tokensIntro')}</p>
      <ul>
        ${this._tokens.map(
          (token) => html`<li data-token=${token.id}>
            <strong>${token.name}</strong> · ${token.agency.shortName ?? token.agency.name} · ${t(`role${token.role}`)}
            ${
              token.revokedAt
                ? html` · ${t('tokenRevoked')}`
                : html`<button type="button" class="secondary" name="revoke" @click=${() =>
                    this.run(
                      () => this.api.revokeApiToken(token.id),
                      () => undefined,
                    )}>${t('revokeToken')}</button>`
            }
          </li>`,
        )}
      </ul>
      <form class="token" novalidate @submit=${this.createToken} aria-labelledby="h-new-token">
        <h3 id="h-new-token">${t('newToken')}</h3>
        <label for="token-name">${t('tokenName')}</label>
        <input id="token-name" name="name" required />
        <label for="token-agency">${t('staffAgency')}</label>
        <select id="token-agency" name="agency">${agencyOptions}</select>
        <label for="token-role">${t('staffRole')}</label>
        <select id="token-role" name="role">${roleOptions}</select>
        <div class="form-buttons"><button type="submit" name="create-token">${t('newToken')}</button></div>
      </form>
    `;
  }
}
