import { LitElement, adoptStyles, html, nothing, render, type PropertyValues } from 'lit';
import { cache } from 'lit/directives/cache.js';
import { ApiError, ConsoleApi, type Staff } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController, setLang } from '../common/locale.controller.js';
import { hrefFor, navigate, parseRoute, BASE, type Route } from '../common/navigation.js';
import { appStyles, mainStyles } from './app.styles.js';

/**
 * The console's shell: checks the session (`me`), shows the login form or the signed-in
 * views (inbox, escalations, deliveries, report, statistics, password) by URL under `/console/`, the
 * language toggle and logout. A session on a one-time password sees only the password
 * form until it is changed (the API refuses everything else meanwhile). Views tell it a
 * session ended with the `aduan-unauthenticated` event, and that the API asks for a new
 * password with `aduan-password-change-required`.
 *
 * The views are drawn into the page's `<main>`, which the shell keeps in its light DOM
 * (shown through its slot) rather than its shadow root: the skip link's `#main` then
 * names an element of the document, as browsers and checkers look for it.
 *
 * @tagname aduan-console
 */
export class AduanConsole extends LitElement {
  static override styles = [baseStyles, appStyles];
  static override properties = {
    api: { attribute: false },
    _staff: { state: true },
    _state: { state: true },
    _route: { state: true },
    _message: { state: true },
    _flash: { state: true },
  };

  /** The GraphQL endpoint wrapper; tests pass one with a stubbed fetch. */
  declare api: ConsoleApi;
  declare private _staff: Staff | null;
  declare private _state: 'checking' | 'anonymous' | 'ready' | 'error';
  declare private _route: Route;
  declare private _message: string;
  /** A notice shown once above the next view (e.g. "password changed"). */
  declare private _flash: string;

  private readonly l = new LocaleController(this);
  private readonly main = mainLandmark();

  constructor() {
    super();
    this.api = new ConsoleApi();
    this._staff = null;
    this._state = 'checking';
    this._route = parseRoute(location.pathname);
    this._message = '';
    this._flash = '';
  }

  private readonly onPopState = () => {
    this._route = parseRoute(location.pathname);
    this._flash = '';
  };

  private readonly onPasswordChangeRequired = () => {
    if (this._staff) this._staff = { ...this._staff, mustChangePassword: true };
  };

  private readonly onUnauthenticated = () => {
    this._staff = null;
    this._state = 'anonymous';
    this._message = this.l.t('sessionExpired');
  };

  /** Same-app links navigate without a reload. */
  private readonly onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.origin !== location.origin || !anchor.pathname.startsWith(`${BASE}/`)) return;
    event.preventDefault();
    history.pushState(null, '', anchor.pathname + anchor.search);
    this._route = parseRoute(anchor.pathname);
    this._flash = '';
    void this.focusMain();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.main.parentNode !== this) this.append(this.main);
    window.addEventListener('popstate', this.onPopState);
    this.addEventListener('aduan-unauthenticated', this.onUnauthenticated);
    this.addEventListener('aduan-password-change-required', this.onPasswordChangeRequired);
    this.addEventListener('click', this.onClick);
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    this.removeEventListener('aduan-unauthenticated', this.onUnauthenticated);
    this.removeEventListener('aduan-password-change-required', this.onPasswordChangeRequired);
    this.removeEventListener('click', this.onClick);
  }

  private async checkSession(): Promise<void> {
    this._state = 'checking';
    try {
      this._staff = await this.api.me();
      this._state = this._staff ? 'ready' : 'anonymous';
    } catch (error) {
      this._message =
        error instanceof ApiError && error.code === 'NETWORK' ? this.l.t('networkError') : this.l.t('genericError', { message: (error as Error).message });
      this._state = 'error';
    }
  }

  private async focusMain(): Promise<void> {
    await this.updateComplete;
    this.main.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }

  private onLoggedIn(event: CustomEvent<{ staff: Staff }>): void {
    this._staff = event.detail.staff;
    this._state = 'ready';
    this._message = '';
    void this.focusMain();
  }

  private onPasswordChanged(event: CustomEvent<{ staff: Staff }>): void {
    const forced = this._staff?.mustChangePassword;
    this._staff = event.detail.staff;
    if (!forced) return; // the form says so itself
    this._flash = this.l.t('passwordChanged');
    if (this._route.name === 'password') navigate({ name: 'inbox' });
    void this.focusMain();
  }

  private async logout(): Promise<void> {
    try {
      await this.api.logout();
    } catch {
      // Signed out locally either way; the cookie expires on its own.
    }
    this._staff = null;
    this._state = 'anonymous';
    this._message = this.l.t('loggedOut');
    navigate({ name: 'inbox' });
  }

  private toggleLang(): void {
    setLang(this.l.lang === 'id' ? 'en' : 'id');
  }

  override render() {
    const t = this.l.t.bind(this.l);
    return html`
      <a class="skip" href="#main" @click=${(e: Event) => {
        e.preventDefault();
        void this.focusMain();
      }}>${t('skip')}</a>
      <header>
        <span class="brand">${t('appName')}</span>
        ${this._state === 'ready' && this._staff ? this.renderNav() : nothing}
        <button type="button" name="lang" lang=${this.l.lang === 'id' ? 'en' : 'id'} aria-label=${t('switchToLabel')} @click=${this.toggleLang}>
          ${t('switchTo')}
        </button>
      </header>
      <slot></slot>
    `;
  }

  protected override update(changed: PropertyValues): void {
    super.update(changed);
    render(this.renderMain(), this.main.shadowRoot!, { host: this });
  }

  private renderNav() {
    const t = this.l.t.bind(this.l);
    const staff = this._staff!;
    const current = this._route.name;
    const link = (route: 'inbox' | 'escalations' | 'deliveries' | 'statistics' | 'settings', label: string) =>
      html`<li><a href=${hrefFor({ name: route })} aria-current=${current === route ? 'page' : 'false'}>${label}</a></li>`;
    const oversees = staff.role === 'SUPERVISOR' || staff.role === 'ADMIN';
    return html`
      ${
        staff.mustChangePassword
          ? nothing
          : html`<nav aria-label=${t('nav')}>
            <ul>
              ${link('inbox', t('navInbox'))}
              ${oversees ? link('escalations', t('navEscalations')) : nothing}
              ${oversees ? link('deliveries', t('navDeliveries')) : nothing}
              ${link('statistics', t('navStatistics'))}
              ${staff.role === 'ADMIN' ? link('settings', t('navSettings')) : nothing}
            </ul>
          </nav>`
      }
      <span class="who">${t('signedInAs', { name: staff.name, agency: staff.agency.shortName ?? staff.agency.name, role: t(`role${staff.role}`) })}</span>
      ${
        staff.mustChangePassword || staff.kind !== 'ACCOUNT'
          ? nothing
          : html`<a class="header-link" href=${hrefFor({ name: 'password' })} aria-current=${current === 'password' ? 'page' : 'false'}>${t('navPassword')}</a>`
      }
      <button type="button" name="logout" @click=${this.logout}>${t('logout')}</button>
    `;
  }

  private renderMain() {
    switch (this._state) {
      case 'checking':
        return html`<p role="status">${this.l.t('loading')}</p>`;
      case 'error':
        return html`<p class="error" role="alert">${this._message}</p>
          <button type="button" @click=${this.checkSession}>${this.l.t('retry')}</button>`;
      case 'anonymous':
        return html`<aduan-console-login .api=${this.api} .message=${this._message} @aduan-logged-in=${this.onLoggedIn}></aduan-console-login>`;
      default:
        break;
    }
    const staff = this._staff!;
    const route = this._route;
    if (staff.mustChangePassword || route.name === 'password') {
      return html`<aduan-console-password .api=${this.api} .staff=${staff} ?required=${staff.mustChangePassword}
        @aduan-password-changed=${this.onPasswordChanged}></aduan-console-password>`;
    }
    const flash = this._flash ? html`<p class="notice" role="status">${this._flash}</p>` : nothing;
    // The inboxes are kept (cache) while a report is open, so their filters and rows survive "back".
    return html`${flash}${cache(
      route.name === 'report'
        ? html`<aduan-console-report .api=${this.api} .staff=${staff} .code=${route.code}></aduan-console-report>`
        : route.name === 'statistics'
          ? html`<aduan-console-statistics .api=${this.api}></aduan-console-statistics>`
          : route.name === 'settings' && staff.role === 'ADMIN'
            ? html`<aduan-console-settings .api=${this.api} me=${staff.email ?? ''}></aduan-console-settings>`
            : route.name === 'escalations'
              ? html`<aduan-console-inbox .api=${this.api} .staff=${staff} view="escalations"></aduan-console-inbox>`
              : route.name === 'deliveries'
                ? html`<aduan-console-deliveries .api=${this.api} .staff=${staff}></aduan-console-deliveries>`
                : html`<aduan-console-inbox .api=${this.api} .staff=${staff}></aduan-console-inbox>`,
    )}`;
  }
}

/** The page's `<main>`: the skip link's target, with a shadow root of its own for the views. */
function mainLandmark(): HTMLElement {
  const main = document.createElement('main');
  main.id = 'main';
  main.tabIndex = -1;
  adoptStyles(main.attachShadow({ mode: 'open' }), [baseStyles, mainStyles]);
  return main;
}
