import { LitElement, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  STATUSES,
  type Area,
  type CategoryOption,
  type ConsoleApi,
  type InboxCounts,
  type InboxFilter,
  type InboxRow,
  type ReportStatus,
  type Staff,
  type StaffMember,
} from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { handleApiFailure } from '../common/api-failure.js';
import { LocaleController } from '../common/locale.controller.js';
import { hrefFor } from '../common/navigation.js';
import { inboxStyles } from './inbox.styles.js';

const OPEN: ReportStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'];

interface FilterState {
  status: string; // '' any, 'OPEN', or one status
  category: string;
  kecamatan: string;
  kelurahan: string;
  overdue: boolean;
  /** '' anyone, 'ME', 'UNASSIGNED', or a staff e-mail. */
  assigned: string;
  text: string;
  order: 'NEWEST' | 'MOST_OVERDUE';
}

const EMPTY: FilterState = { status: '', category: '', kecamatan: '', kelurahan: '', overdue: false, assigned: '', text: '', order: 'NEWEST' };
/** Where the inbox opens and what "reset" returns to: the reports still waiting for an answer (escalations: all of them). */
const defaultFilter = (view: 'inbox' | 'escalations'): FilterState => (view === 'escalations' ? { ...EMPTY } : { ...EMPTY, status: 'OPEN' });

/** The site key whose catalogue names categories: `<meta name="aduan-site">`, else "demo". */
function siteKey(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="aduan-site"]')?.content || 'demo';
}

/**
 * The agency's inbox: filters (status, category, kecamatan/kelurahan, overdue, assignee,
 * text), counts, sort, and "load more" after the last row (its cursor). Overdue rows carry
 * a badge and a thick left border as well as a tint. With `view="escalations"` it lists
 * escalated open reports only — for a supervisor also those of agencies escalating to
 * theirs, with an agency column.
 *
 * @tagname aduan-console-inbox
 * @fires aduan-unauthenticated - The session ended.
 */
export class AduanConsoleInbox extends LitElement {
  static override styles = [baseStyles, inboxStyles];
  static override properties = {
    api: { attribute: false },
    staff: { attribute: false },
    view: {},
    _filter: { state: true },
    _rows: { state: true },
    _cursor: { state: true },
    _hasMore: { state: true },
    _state: { state: true },
    _error: { state: true },
    _counts: { state: true },
    _categories: { state: true },
    _kecamatan: { state: true },
    _kelurahan: { state: true },
    _people: { state: true },
  };

  declare api: ConsoleApi;
  /** The signed-in staff member: supervisors get a filter per colleague. */
  declare staff: Staff | null;
  declare view: 'inbox' | 'escalations';
  declare private _filter: FilterState;
  declare private _rows: InboxRow[];
  declare private _cursor: string | null;
  declare private _hasMore: boolean;
  declare private _state: 'loading' | 'more' | 'ok' | 'error';
  declare private _error: string;
  declare private _counts: InboxCounts | null;
  declare private _categories: CategoryOption[];
  declare private _kecamatan: Area[];
  declare private _kelurahan: Area[];
  declare private _people: StaffMember[];

  /** Whether the filters were set up (they are kept when the inbox comes back). */
  private filterSet = false;
  private readonly l = new LocaleController(this);
  private request = 0;
  private loadedLang = '';

  constructor() {
    super();
    this._filter = { ...EMPTY };
    this._rows = [];
    this._cursor = null;
    this._hasMore = false;
    this._state = 'loading';
    this._error = '';
    this._counts = null;
    this._categories = [];
    this._kecamatan = [];
    this._kelurahan = [];
    this._people = [];
    this.staff = null;
    this.view = 'inbox';
  }

  private get supervises(): boolean {
    return this.staff?.role === 'SUPERVISOR' || this.staff?.role === 'ADMIN';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Once: coming back from a report, the inbox keeps the filters it had.
    if (!this.filterSet) this._filter = defaultFilter(this.view);
    this.filterSet = true;
    void this.loadOptions();
    void this.load();
  }

  override updated(): void {
    // Category names come in the console's language.
    if (this.loadedLang && this.loadedLang !== this.l.lang) void this.loadOptions();
  }

  private async loadOptions(): Promise<void> {
    this.loadedLang = this.l.lang;
    try {
      const [categories, areas] = await Promise.all([this.api.categories(siteKey()).catch(() => []), this.api.areas()]);
      this._categories = categories;
      this._kecamatan = [...areas.kecamatan].sort((a, b) => a.name.localeCompare(b.name));
      this._kelurahan = [...areas.kelurahan].sort((a, b) => a.name.localeCompare(b.name));
      if (this.supervises && !this._people.length) this._people = await this.api.agencyStaff();
    } catch {
      // The filters still work without the option lists.
    }
  }

  private toApiFilter(f: FilterState): InboxFilter {
    const filter: InboxFilter = { order: f.order };
    if (f.status === 'OPEN') filter.status = OPEN;
    else if (f.status) filter.status = [f.status as ReportStatus];
    if (f.category) filter.category = f.category;
    if (f.kelurahan || f.kecamatan) filter.area = f.kelurahan || f.kecamatan;
    if (f.overdue) filter.overdue = true;
    if (f.assigned) filter.assignedTo = f.assigned;
    if (this.view === 'escalations') filter.escalated = true;
    if (f.text.trim()) filter.text = f.text.trim();
    return filter;
  }

  /** Reloads from the first page (and the counts). */
  async load(): Promise<void> {
    const mine = ++this.request;
    this._state = 'loading';
    this._error = '';
    try {
      const page = await this.api.inbox(this.toApiFilter(this._filter), null);
      if (mine !== this.request) return;
      this._rows = page.rows;
      this._cursor = page.endCursor;
      this._hasMore = page.hasNextPage;
      this._state = 'ok';
    } catch (error) {
      if (mine === this.request) this.fail(error);
      return;
    }
    void this.loadCounts();
  }

  private async loadCounts(): Promise<void> {
    try {
      const scope: InboxFilter = this.view === 'escalations' ? { escalated: true } : {};
      this._counts = await this.api.counts({
        open: { ...scope, status: OPEN },
        overdue: { ...scope, overdue: true },
        received: { ...scope, status: ['RECEIVED'] },
        acknowledged: { ...scope, status: ['ACKNOWLEDGED'] },
        inProgress: { ...scope, status: ['IN_PROGRESS'] },
        ...(this.staff?.kind === 'ACCOUNT' ? { mine: { ...scope, status: OPEN, assignedTo: 'ME' } } : {}),
        unassigned: { ...scope, status: OPEN, assignedTo: 'UNASSIGNED' },
      });
    } catch {
      this._counts = null;
    }
  }

  private async loadMore(): Promise<void> {
    if (!this._cursor) return;
    const mine = ++this.request;
    this._state = 'more';
    try {
      const page = await this.api.inbox(this.toApiFilter(this._filter), this._cursor);
      if (mine !== this.request) return;
      const first = this._rows.length;
      this._rows = [...this._rows, ...page.rows];
      this._cursor = page.endCursor;
      this._hasMore = page.hasNextPage;
      this._state = 'ok';
      await this.updateComplete;
      // Keep the keyboard where the new rows start.
      this.renderRoot.querySelectorAll<HTMLAnchorElement>('tbody .code a')[first]?.focus();
    } catch (error) {
      if (mine === this.request) this.fail(error);
    }
  }

  private fail(error: unknown): void {
    const failure = handleApiFailure(this, error, this.l);
    if (failure.announced) return;
    this._state = 'error';
    this._error = failure.message;
  }

  private set(patch: Partial<FilterState>, reload = true): void {
    this._filter = { ...this._filter, ...patch };
    if (reload) void this.load();
  }

  /** The text is kept as it is typed (so a list arriving meanwhile does not wipe it) and applied here. */
  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const text = (this.renderRoot.querySelector('input[name=text]') as HTMLInputElement).value;
    this.set({ text });
  }

  private reset(): void {
    this._filter = defaultFilter(this.view);
    void this.load();
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const escalations = this.view === 'escalations';
    return html`
      <h1>${escalations ? t('escalationsTitle') : t('inboxTitle')}</h1>
      ${escalations ? html`<p class="intro">${t('escalationsIntro')}</p>` : nothing}
      ${this.renderCounts()}
      ${this.renderFilters()}
      <p class="summary" role="status" aria-live="polite">
        ${
          this._state === 'loading'
            ? t('loading')
            : this._state === 'ok' || this._state === 'more'
              ? (this._hasMore ? t('shownMore', { n: this._rows.length }) : t('shown', { n: this._rows.length }))
              : ''
        }
      </p>
      ${
        this._state === 'error'
          ? html`<p class="error" role="alert">${this._error}</p>
        <button type="button" class="secondary" @click=${this.load}>${t('retry')}</button>`
          : nothing
      }
      ${this._state !== 'error' && this._state !== 'loading' && this._rows.length === 0 ? html`<p>${t('none')}</p>` : nothing}
      ${this._rows.length ? this.renderTable() : nothing}
      ${
        this._hasMore && this._state !== 'error'
          ? html`<p class="more"><button type="button" class="secondary" name="more" ?disabled=${this._state === 'more'} @click=${this.loadMore}>
            ${this._state === 'more' ? t('loading') : t('loadMore')}</button></p>`
          : nothing
      }
    `;
  }

  private renderCounts() {
    const c = this._counts;
    if (!c) return nothing;
    const t = this.l.t.bind(this.l);
    const n = (k: keyof InboxCounts) => this.l.number(c[k] ?? 0);
    const chip = (label: string, key: keyof InboxCounts, patch: Partial<FilterState>) =>
      html`<li><button type="button" class="secondary" @click=${() => this.set({ ...EMPTY, order: this._filter.order, ...patch })}>
        ${label}: <strong>${n(key)}</strong></button></li>`;
    return html`<h2 class="visually-hidden">${t('counts')}</h2>
      <ul class="counts">
        ${chip(t('countOpen'), 'open', { status: 'OPEN' })}
        ${chip(`⚠ ${t('countOverdue')}`, 'overdue', { overdue: true })}
        ${chip(t('RECEIVED'), 'received', { status: 'RECEIVED' })}
        ${chip(t('ACKNOWLEDGED'), 'acknowledged', { status: 'ACKNOWLEDGED' })}
        ${chip(t('IN_PROGRESS'), 'inProgress', { status: 'IN_PROGRESS' })}
        ${c.mine !== undefined ? chip(t('assignedToMe'), 'mine', { status: 'OPEN', assigned: 'ME' }) : nothing}
        ${chip(t('unassigned'), 'unassigned', { status: 'OPEN', assigned: 'UNASSIGNED' })}
      </ul>`;
  }

  private renderFilters() {
    const t = this.l.t.bind(this.l);
    const f = this._filter;
    const kelurahan = f.kecamatan ? this._kelurahan.filter((k) => k.parentCode === f.kecamatan) : [];
    return html`
      <form class="filters" role="search" aria-label=${t('filters')} @submit=${this.onSubmit}>
        <div>
          <label for="f-status">${t('status')}</label>
          <select id="f-status" name="status" @change=${(e: Event) => this.set({ status: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${f.status === ''}>${t('anyStatus')}</option>
            <option value="OPEN" ?selected=${f.status === 'OPEN'}>${t('openStatuses')}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${f.status === s}>${t(s)}</option>`)}
          </select>
        </div>
        <div>
          <label for="f-category">${t('category')}</label>
          <select id="f-category" name="category" @change=${(e: Event) => this.set({ category: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${f.category === ''}>${t('anyCategory')}</option>
            ${this._categories.map((c) => html`<option value=${c.code} ?selected=${f.category === c.code}>${c.name}</option>`)}
          </select>
        </div>
        <div>
          <label for="f-kecamatan">${t('kecamatan')}</label>
          <select id="f-kecamatan" name="kecamatan" @change=${(e: Event) => this.set({ kecamatan: (e.target as HTMLSelectElement).value, kelurahan: '' })}>
            <option value="" ?selected=${f.kecamatan === ''}>${t('anyKecamatan')}</option>
            ${this._kecamatan.map((k) => html`<option value=${k.code} ?selected=${f.kecamatan === k.code}>${k.name}</option>`)}
          </select>
        </div>
        <div>
          <label for="f-kelurahan">${t('kelurahan')}</label>
          <select id="f-kelurahan" name="kelurahan" ?disabled=${!f.kecamatan}
            @change=${(e: Event) => this.set({ kelurahan: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${f.kelurahan === ''}>${t('anyKelurahan')}</option>
            ${kelurahan.map((k) => html`<option value=${k.code} ?selected=${f.kelurahan === k.code}>${k.name}</option>`)}
          </select>
        </div>
        <div>
          <label for="f-order">${t('sort')}</label>
          <select id="f-order" name="order" @change=${(e: Event) => this.set({ order: (e.target as HTMLSelectElement).value as FilterState['order'] })}>
            <option value="NEWEST" ?selected=${f.order === 'NEWEST'}>${t('newest')}</option>
            <option value="MOST_OVERDUE" ?selected=${f.order === 'MOST_OVERDUE'}>${t('mostOverdue')}</option>
          </select>
        </div>
        <div>
          <label for="f-assigned">${t('assignment')}</label>
          <select id="f-assigned" name="assigned" @change=${(e: Event) => this.set({ assigned: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${f.assigned === ''}>${t('anyAssignment')}</option>
            ${this.staff?.kind === 'ACCOUNT' ? html`<option value="ME" ?selected=${f.assigned === 'ME'}>${t('assignedToMe')}</option>` : nothing}
            <option value="UNASSIGNED" ?selected=${f.assigned === 'UNASSIGNED'}>${t('unassigned')}</option>
            ${this._people
              .filter((p) => p.email !== this.staff?.email)
              .map((p) => html`<option value=${p.email} ?selected=${f.assigned === p.email}>${t('assignedToName', { name: p.name })}</option>`)}
          </select>
        </div>
        <div class="check">
          <input id="f-overdue" name="overdue" type="checkbox" .checked=${live(f.overdue)}
            @change=${(e: Event) => this.set({ overdue: (e.target as HTMLInputElement).checked })} />
          <label for="f-overdue">${t('overdueOnly')}</label>
        </div>
        <div class="wide">
          <label for="f-text">${t('search')}</label>
          <input
            id="f-text"
            name="text"
            type="search"
            .value=${live(f.text)}
            @input=${(e: Event) => this.set({ text: (e.target as HTMLInputElement).value }, false)}
          />
        </div>
        <div class="buttons">
          <button type="submit" name="apply">${t('apply')}</button>
          <button type="button" class="secondary" name="reset" @click=${this.reset}>${t('reset')}</button>
        </div>
      </form>
    `;
  }

  private renderTable() {
    const t = this.l.t.bind(this.l);
    const escalations = this.view === 'escalations';
    return html`
      <table>
        <caption class="visually-hidden">${t('reportsTable')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('code')}</th>
            <th scope="col">${t('status')}</th>
            <th scope="col">${t('category')}</th>
            <th scope="col">${t('description')}</th>
            <th scope="col">${t('area')}</th>
            ${escalations ? html`<th scope="col">${t('agency')}</th>` : nothing}
            <th scope="col">${t('assigneeColumn')}</th>
            <th scope="col">${t('submitted')}</th>
            <th scope="col">${t('due')}</th>
          </tr>
        </thead>
        <tbody>
          ${this._rows.map(
            (r) => html`
              <tr class=${r.overdue ? 'overdue' : ''} data-code=${r.trackingCode}>
                <td class="code"><a href=${hrefFor({ name: 'report', code: r.trackingCode })}>${r.trackingCode}</a></td>
                <td data-label=${t('status')}><span class="badge status-${r.status}">${t(r.status)}</span></td>
                <td data-label=${t('category')}>${r.categoryName}</td>
                <td data-label=${t('description')} class="desc"><span>${r.description}</span>${r.placeText ? html`<small> — ${r.placeText}</small>` : nothing}</td>
                <td data-label=${t('area')}>${r.areaDisplayName}</td>
                ${escalations ? html`<td data-label=${t('agency')}>${r.agencyShortName ?? r.agencyName}</td>` : nothing}
                <td data-label=${t('assigneeColumn')}>${r.assigneeName ?? html`<span class="muted">${t('unassigned')}</span>`}</td>
                <td data-label=${t('submitted')}>${this.l.dateTime(r.submittedAt, r.timeZone)}</td>
                <td data-label=${t('due')}>
                  ${this.l.dateTime(r.dueAt, r.timeZone)}
                  ${r.overdue ? html`<br /><span class="badge overdue-badge">${t('overdueBadge')}</span>` : nothing}
                  ${r.escalatedAt && OPEN.includes(r.status) ? html`<br /><span class="badge escalated-badge">${t('escalatedBadge')}</span>` : nothing}
                </td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }
}
