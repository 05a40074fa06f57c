import { LitElement, html, nothing } from 'lit';
import { cache } from 'lit/directives/cache.js';
import { ApiError, ConsoleApi, type Staff } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController, setLang } from '../common/locale.controller.js';
import { hrefFor, navigate, parseRoute, BASE, type Route } from '../common/navigation.js';
import { appStyles } from './app.styles.js';

/**
 * The console's shell: checks the session (`me`), shows the login form or the signed-in
 * views (inbox, report, statistics) by URL under `/console/`, the language toggle and
 * logout. Views tell it a session ended with the `aduan-unauthenticated` event.
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
  };

  /** The GraphQL endpoint wrapper; tests pass one with a stubbed fetch. */
  declare api: ConsoleApi;
  declare private _staff: Staff | null;
  declare private _state: 'checking' | 'anonymous' | 'ready' | 'error';
  declare private _route: Route;
  declare private _message: string;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.api = new ConsoleApi();
    this._staff = null;
    this._state = 'checking';
    this._route = parseRoute(location.pathname);
    this._message = '';
  }

  private readonly onPopState = () => {
    this._route = parseRoute(location.pathname);
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
    void this.focusMain();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    this.addEventListener('aduan-unauthenticated', this.onUnauthenticated);
    this.addEventListener('click', this.onClick);
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
    this.removeEventListener('aduan-unauthenticated', this.onUnauthenticated);
    this.removeEventListener('click', this.onClick);
  }

  private async checkSession(): Promise<void> {
    this._state = 'checking';
    try {
      this._staff = await this.api.me();
      this._state = this._staff ? 'ready' : 'anonymous';
    } catch (error) {
      this._message = error instanceof ApiError && error.code === 'NETWORK' ? this.l.t('networkError') : this.l.t('genericError', { message: (error as Error).message });
      this._state = 'error';
    }
  }

  private async focusMain(): Promise<void> {
    await this.updateComplete;
    const main = this.renderRoot.querySelector('main');
    main?.focus({ preventScroll: false });
    window.scrollTo(0, 0);
  }

  private onLoggedIn(event: CustomEvent<{ staff: Staff }>): void {
    this._staff = event.detail.staff;
    this._state = 'ready';
    this._message = '';
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
      <a class="skip" href="#main" @click=${(e: Event) => { e.preventDefault(); void this.focusMain(); }}>${t('skip')}</a>
      <header>
        <span class="brand">${t('appName')}</span>
        ${this._state === 'ready' && this._staff ? this.renderNav() : nothing}
        <button type="button" name="lang" lang=${this.l.lang === 'id' ? 'en' : 'id'} aria-label=${t('switchToLabel')} @click=${this.toggleLang}>
          ${t('switchTo')}
        </button>
      </header>
      <main id="main" tabindex="-1">${this.renderMain()}</main>
    `;
  }

  private renderNav() {
    const t = this.l.t.bind(this.l);
    const staff = this._staff!;
    const current = this._route.name;
    return html`
      <nav aria-label=${t('nav')}>
        <ul>
          <li><a href=${hrefFor({ name: 'inbox' })} aria-current=${current === 'inbox' ? 'page' : 'false'}>${t('navInbox')}</a></li>
          <li><a href=${hrefFor({ name: 'statistics' })} aria-current=${current === 'statistics' ? 'page' : 'false'}>${t('navStatistics')}</a></li>
        </ul>
      </nav>
      <span class="who">${t('signedInAs', { name: staff.name, agency: staff.agency.shortName ?? staff.agency.name, role: staff.role })}</span>
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
    const route = this._route;
    // The inbox is kept (cache) while a report is open, so its filters and rows survive "back".
    return cache(
      route.name === 'report'
        ? html`<aduan-console-report .api=${this.api} .staff=${this._staff} .code=${route.code}></aduan-console-report>`
        : route.name === 'statistics'
          ? html`<aduan-console-statistics .api=${this.api}></aduan-console-statistics>`
          : html`<aduan-console-inbox .api=${this.api}></aduan-console-inbox>`,
    );
  }
}
