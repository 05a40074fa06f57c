import { LitElement, html, nothing } from 'lit';
import {
  isNetworkError,
  type AduanNetworkError,
  type RetryReason,
  type AduanClient,
  type Category,
  type FormStart,
  type Jurisdiction,
  type Site,
  type PublicReport,
  type SubmitReportInput,
  type SubmitReportResult,
} from '@aduan/client';
import { baseStyles } from '../common/base.styles.js';
import { linkButtonStyles } from '../common/link-button.styles.js';
import { ConfigController, emit } from '../common/config.controller.js';
import { claimed, enqueue, outbox, pending, replayOutbox, sentLater, type OutboxResult } from '../common/outbox.js';
import { loadChunk, type Chunk } from '../common/chunks.js';
import { myReports } from '../common/my-reports.js';
import { scriptConfig } from '../common/script-config.js';
import type { StringOverrides } from '../common/strings.js';
import { randomKey } from '../common/random.js';
import type { LocationHost, LocationPart } from './location.chunk.js';
import type { PhotosHost, PhotosPart } from './photos.chunk.js';
import type { ReceiptHost } from './receipt.chunk.js';
import { ensureDefined } from '../common/lazy-elements.js';
import { newResidentKey, type ResidentKey } from '../common/resident-keys.js';
import { reportStyles } from './report-form.styles.js';

export const MIN_DESCRIPTION = 5;
export const MAX_DESCRIPTION = 5000;

type View = 'loading' | 'failed' | 'form' | 'queued' | 'success' | 'status' | 'mine';
export type Errors = Partial<
  Record<'form' | 'category' | 'description' | 'location' | 'jurisdiction' | 'placeText' | 'photos' | 'name' | 'email' | 'phone', string>
>;
export type ErrorField = keyof Errors;

/** What a resident is told when a report waits in the outbox, by why it could not go. */
const QUEUED_BECAUSE = { offline: 'queued', busy: 'queuedBusy', server: 'queuedServer' } as const;

/**
 * Kelurahan by name, without the "Kelurahan" every entry would start with (so typing a
 * name jumps to it), grouped by kecamatan. Sorted once, when the list arrives, and by
 * their letters: the names are plain Latin ones, and a locale's collator (which
 * `localeCompare` with a locale makes at every comparison) cost a phone-speed CPU
 * 60–100 ms at each render of the form.
 */
function kelurahanGroups(kelurahan: Jurisdiction[], kecamatan: Jurisdiction[]): [string, Jurisdiction[]][] {
  const byLetters = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const names = new Map(kecamatan.map((k) => [k.code, k.displayName]));
  const groups = new Map<string, Jurisdiction[]>();
  for (const j of [...kelurahan].sort((a, b) => byLetters(a.name, b.name))) {
    const group = names.get(j.parentCode ?? '') ?? '';
    groups.set(group, groups.get(group)?.concat(j) ?? [j]);
  }
  return [...groups].sort(([a], [b]) => byLetters(a, b));
}

/**
 * The complaint form: category, description, location (geolocation or kelurahan), photos
 * and optional contact. Submissions that cannot reach the server wait in the outbox.
 * Colours, font and corners come from the theme's custom properties (base.styles.ts).
 *
 * @tagname aduan-report
 * @attr site - The site key from the embed code; else the script tag's `data-site`.
 * @attr api - The GraphQL endpoint; else `data-api`, else the script's own origin + /graphql.
 * @attr theme - `light` or `dark`; else `data-theme`, else the system setting.
 * @attr categories - Comma-separated category codes to offer; else `data-categories`, else all of the site's.
 * @attr jurisdiction - The code of the area whose kelurahan are listed; else `data-jurisdiction`, else the site's area.
 * @attr strings - Overrides for any visible text, as JSON; else `data-strings`.
 * @attr hide-title - Hides the form's own heading, for a page that has one.
 *
 * @fires aduan-ready - The catalogue has loaded. detail: { categories: number }
 * @fires aduan-submitted - A report was stored. detail: { trackingCode, report }
 * @fires aduan-error - A submission or lookup was refused or failed. detail: { message, code }
 * @fires aduan-queued - Offline: the report waits in the outbox. detail: { pending }
 * @fires aduan-supported - The resident followed an open report nearby instead of sending one. detail: { trackingCode, supporters }
 *
 * @slot intro - Shown under the heading, e.g. what this site takes reports about.
 *
 * @csspart form - The <form>.
 * @csspart title - The heading.
 * @csspart waiting - The note above the form while earlier reports wait on this device to be sent.
 * @csspart sent-later - The note above the form with the code of a waiting report that has now been sent.
 * @csspart error-summary - The list of errors above the form.
 * @csspart field-error - A field's error, under the field.
 * @csspart map - The map the point is picked on (when the site has one and the resident opened it).
 * @csspart routing - Which agency will handle the report, once there is a point.
 * @csspart nearby - Open reports of the category near the point, each with "Saya juga mengalami ini".
 * @csspart submit - The submit button.
 * @csspart queued - The "waiting to send" screen after a submission that could not go.
 * @csspart success - The receipt after sending.
 * @csspart tracking-code - The tracking code on the receipt.
 * @csspart share - The WhatsApp and SMS links on the receipt (where the browser cannot share by itself).
 * @csspart mine - "Laporan saya": the reports this device sent.
 *
 * @cssprop [--aduan-padding=16px] - Padding around the form.
 */
export class AduanReport extends LitElement {
  static override styles = [baseStyles, linkButtonStyles, reportStyles];
  static override properties = {
    site: {},
    api: {},
    theme: { reflect: true },
    categories: {},
    jurisdiction: {},
    strings: { type: Object },
    client: { attribute: false },
    hideTitle: { type: Boolean, attribute: 'hide-title' },
    _view: { state: true },
    _catalogue: { state: true },
    _kelurahan: { state: true },
    _listed: { state: true },
    _category: { state: true },
    _count: { state: true },
    _errors: { state: true },
    _location: { state: true },
    _locationNote: { state: true },
    _photos: { state: true },
    _progress: { state: true },
    _sending: { state: true },
    _report: { state: true },
    _waiting: { state: true },
    _mine: { state: true },
    _announce: { state: true },
    _receipt: { state: true },
    _statusCode: { state: true },
    _statusMissing: { state: true },
    _receiptMissing: { state: true },
    _delayed: { state: true },
    _queuedWhy: { state: true },
    _siteMap: { state: true },
  };

  /** The site key; defaults to the script tag's data-site. */
  declare site?: string;
  /** The GraphQL endpoint; defaults to data-api or the script's origin + /graphql. */
  declare api?: string;
  /** `light` or `dark`; follows prefers-color-scheme when unset. */
  declare theme?: string;
  /** Comma-separated category codes to offer (or an array); all of the site's when unset. */
  declare categories?: string | string[];
  /** The jurisdiction code whose kelurahan are listed; defaults to the site's area. */
  declare jurisdiction?: string;
  /** Overrides for any visible string: `{ submit: '…' }` or per language `{ en: { … } }`. */
  declare strings?: StringOverrides;
  /** A client to use instead of one built from `api` (tests, custom transports). */
  declare client?: AduanClient;
  /** Hide the heading (the launcher's dialog has its own). */
  declare hideTitle: boolean;

  declare private _view: View;
  declare private _catalogue: Category[];
  /** The kelurahan list, sorted and grouped by kecamatan once it arrives. */
  declare private _kelurahan: [kecamatan: string, kelurahan: Jurisdiction[]][];
  /** The kelurahan's options are drawn. */
  declare private _listed: boolean;
  declare private _category: string;
  declare private _count: number;
  declare private _errors: Errors;
  /** The point, the routing preview and reports nearby, once their chunk is here (location.chunk.ts). */
  declare private _location?: LocationPart;
  /** Why the location's helpers are not here (their chunk could not load). */
  declare private _locationNote: string;
  /** The photos attached, once their chunk is here (photos.chunk.ts). */
  declare private _photos?: PhotosPart;
  declare private _progress?: number;
  declare private _sending: boolean;
  declare private _report?: PublicReport;
  declare private _waiting: number;
  /** How many reports this device sent ("Laporan saya"). */
  declare private _mine: number;
  declare private _announce: string;
  /** The screens after sending, once their chunk is here (receipt.chunk.ts). */
  declare private _receipt?: Chunk<'receipt'>;
  /** The report the status view follows. */
  declare private _statusCode?: string;
  /** The status element's chunk could not load. */
  declare private _statusMissing?: boolean;
  /** The receipt's chunk could not load. */
  declare private _receiptMissing?: boolean;
  /** The code of a report the outbox sent later, on this page load. */
  declare private _delayed?: string;
  /** Why the form could not load: a string key. */
  private _loadFailure?: 'loadFailed' | 'notRegistered' | 'genericError';
  /** The map the site offers (`Site.map`), if any. */
  declare private _siteMap?: Site['map'];
  /** Why the last report waits in the outbox. */
  declare private _queuedWhy: RetryReason;

  private readonly cfg = new ConfigController(this);
  /** What the form lends the parts that come with chunks: its location, its photos and the screens after sending. */
  private readonly parts: LocationHost & PhotosHost & ReceiptHost = ((form) => ({
    element: form,
    cfg: form.cfg,
    get siteMap() {
      return form._siteMap;
    },
    changed: () => form.recheck(),
    categoryName: (code: string) => {
      const category = form._catalogue.find((c) => c.code === code);
      return category ? form.categoryName(category) : code;
    },
    follow: (code: string) => form.follow(code),
    say: (message: string) => void form.showErrors({ form: message }),
    announce: (text: string) => (form._announce = text),
    photoError: (message?: string) => {
      const { photos: _, ...others } = form._errors;
      form._errors = message ? { ...others, photos: message } : others;
    },
    another: () => void form.another(),
  }))(this);
  /** The idempotency key of the submission being made; kept across retries. */
  private key?: string;
  /** The resident key of the report being sent (common/resident-keys.ts). */
  private resident?: ResidentKey | undefined;

  constructor() {
    super();
    this.hideTitle = false;
    this._view = 'loading';
    this._catalogue = [];
    this._kelurahan = [];
    this._category = '';
    this._count = 0;
    this._errors = {};
    this._locationNote = '';
    this._sending = false;
    this._waiting = this._mine = 0;
    this._announce = '';
    this._queuedWhy = 'offline';
  }

  private readonly onSettled = (e: Event) => {
    const { entry, result } = (e as CustomEvent<OutboxResult>).detail;
    if (entry.key === this.key) void this.handleResult(result);
    else this._delayed = sentLater.at(-1);
  };
  private readonly onOutboxChange = () => void this.count();

  override connectedCallback(): void {
    super.connectedCallback();
    // Asked for at once, not after the first render: on a slow phone that render takes a while.
    this.startIfChanged();
    outbox.addEventListener('settled', this.onSettled);
    outbox.addEventListener('change', this.onOutboxChange);
    void this.count();
    this._delayed = sentLater.at(-1);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    outbox.removeEventListener('settled', this.onSettled);
    outbox.removeEventListener('change', this.onOutboxChange);
    if (this.key) claimed.delete(this.key);
  }

  protected override willUpdate(): void {
    this.startIfChanged();
  }

  /** What the catalogue was asked with: a change to any of it asks again. */
  private askedWith: unknown[] = [];

  private startIfChanged(): void {
    const asked = [this.cfg.client, this.cfg.site, this.within, this.categories ?? this.dataset['categories']];
    if (asked.every((value, i) => value === this.askedWith[i])) return;
    this.askedWith = asked;
    void this.load();
  }

  /** The area whose kelurahan are listed: the page's (a kecamatan's page, say), or the site's own. */
  private get within(): string | null {
    return this.jurisdiction ?? this.dataset['jurisdiction'] ?? scriptConfig().jurisdiction ?? null;
  }

  /**
   * The reports waiting in the outbox, and those this device sent ("Laporan saya"): read
   * after IndexedDB answers, in a task of their own, since a page's first read of
   * localStorage waits for the browser to load it.
   */
  private async count(): Promise<void> {
    this._waiting = (await pending()).length;
    this._mine = myReports().length;
  }

  /**
   * Loads the catalogue, the site's map and the kelurahan list in one request (a GET,
   * so no CORS preflight: one round trip on a slow network, where each costs seconds).
   */
  async load(): Promise<void> {
    const { client, site } = this.cfg;
    this._view = 'loading';
    this._listed = false;
    let start: FormStart;
    try {
      start = await client.formStart(site, this.cfg.locale, this.within);
    } catch (error) {
      this._loadFailure = await loadChunk('requests').then(
        (chunk) => chunk.whyNotLoaded(error, client.url, site),
        () => 'loadFailed' as const, // no chunk either: the connection
      );
      this._view = 'failed';
      this.fail(error);
      return;
    }
    const only = this.categories ?? this.dataset['categories'] ?? scriptConfig().categories;
    const codes = only ? (Array.isArray(only) ? only : only.split(',')).map((c) => c.trim()).filter(Boolean) : [];
    this._catalogue = codes.length ? start.categories.filter((c) => codes.includes(c.code)) : start.categories;
    this._kelurahan = kelurahanGroups(start.site?.kelurahan ?? [], start.site?.kecamatan ?? []);
    // The kelurahan's options, further down, in a task after the categories': drawn together, they made one long task.
    setTimeout(() => (this._listed = true));
    this._siteMap = start.site?.map;
    this._view = 'form';
    emit(this, 'aduan-ready', { categories: this._catalogue.length });
  }

  private fail(error: unknown, code = 'NETWORK_ERROR'): void {
    emit(this, 'aduan-error', { message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code ?? code });
  }

  private get form(): HTMLFormElement | null {
    return this.renderRoot.querySelector('form');
  }

  private value(name: string): string {
    const el = this.form?.elements.namedItem(name) as HTMLInputElement | null;
    return el?.value.trim() ?? '';
  }

  private categoryName(c: Category): string {
    return c.names[this.cfg.lang] || c.name;
  }

  private renderCategories() {
    const groups = new Map<string, Category[]>();
    const loose: Category[] = [];
    for (const c of this._catalogue) {
      const group = (this.cfg.lang === 'en' ? c.groupEn : c.groupId) ?? c.group;
      if (group) groups.set(group, [...(groups.get(group) ?? []), c]);
      else loose.push(c);
    }
    const option = (c: Category) => html`<option value=${c.code} ?selected=${c.code === this._category}>${this.categoryName(c)}</option>`;
    return html`${loose.map(option)}${[...groups].map(([label, list]) => html`<optgroup label=${label}>${list.map(option)}</optgroup>`)}`;
  }

  /** The kelurahan, in groups by kecamatan when there is more than one. */
  private renderKelurahan() {
    const option = (j: Jurisdiction) => html`<option value=${j.code}>${j.name}</option>`;
    if (this._kelurahan.length < 2) return this._kelurahan.flatMap(([, list]) => list.map(option));
    return this._kelurahan.map(([label, list]) => (label ? html`<optgroup label=${label}>${list.map(option)}</optgroup>` : list.map(option)));
  }

  /** aria attributes tying a control to its hint and error. */
  private described(field: ErrorField, hint?: string, also?: ErrorField) {
    const fields = also ? [field, also] : [field];
    const failed = fields.filter((f) => this._errors[f]);
    const ids = [hint, ...failed.map((f) => `e-${f}`)].filter(Boolean).join(' ');
    return { invalid: failed.length ? 'true' : 'false', by: ids || undefined };
  }

  private error(field: ErrorField) {
    const message = this._errors[field];
    return message ? html`<p class="error" id="e-${field}" part="field-error">${message}</p>` : nothing;
  }

  override render() {
    const t = this.cfg.t.bind(this.cfg);
    if (this._view === 'failed') {
      return html`<p role="alert">${t(this._loadFailure ?? 'loadFailed')}</p><button type="button" @click=${() => this.load()}>${t('retry')}</button>`;
    }
    return html`
      <div class="sr-only" role="status" aria-live="polite">${this._announce}</div>
      ${this.renderForm()}
      ${this._view === 'queued' ? this.renderQueued() : nothing}
      ${this._view === 'success' && this._report ? this.renderSuccess(this._report) : nothing}
      ${this._view === 'mine' || this._view === 'status' ? this.renderFollowing() : nothing}
    `;
  }

  private renderForm() {
    const t = this.cfg.t.bind(this.cfg);
    // A refusal of the whole report is said by the submit button, not as a field to check.
    const errors = (Object.entries(this._errors) as [ErrorField, string][]).filter(([f]) => f !== 'form');
    const cat = this.described('category');
    const desc = this.described('description', 'count');
    const loc = this.described('location', 'geo');
    const jur = this.described('jurisdiction', undefined, 'location');
    const photos = this.described('photos');
    const landmark = this.described('placeText');
    // While the catalogue is on its way the form is drawn whole, its lists disabled: it does not jump when they arrive.
    const loading = this._view === 'loading';
    const place = this._location;
    return html`
      <form part="form" novalidate ?hidden=${!loading && this._view !== 'form'} @submit=${this.onSubmit} @input=${this.onEdit} @change=${this.onEdit} aria-labelledby=${this.hideTitle ? nothing : 'title'}>
        <h2 id="title" part="title" ?hidden=${this.hideTitle}>${t('title')}</h2>
        <slot name="intro"></slot>
        ${this._waiting ? html`<p class="hint" part="waiting">${t('queued', { n: this._waiting })}</p>` : nothing}
        ${this._delayed ? html`<p class="ok" part="sent-later">${t('delayedSent', { code: this._delayed })}</p>` : nothing}
        ${this._mine ? html`<p><button type="button" name="mine" @click=${this.showMine}>${t('mine', { n: this._mine })}</button></p>` : nothing}
        <div class="summary" part="error-summary" role="alert">${
          errors.length
            ? html`<p>${t('errorSummary')}</p><ul>${errors.map(([f, m]) => html`<li><a href="#" @click=${(e: Event) => this.focusField(f, e)}>${m}</a></li>`)}</ul>`
            : nothing
        }</div>
        <div class="field">
          <label for="category">${t('category')}</label>
          <select id="category" name="category" required ?disabled=${loading} aria-invalid=${cat.invalid} aria-describedby=${cat.by ?? nothing} @change=${this.onCategory}>
            <option value="">${t(loading ? 'loading' : 'categoryPlaceholder')}</option>
            ${this.renderCategories()}
          </select>
          ${this.error('category')}
        </div>
        <div class="field">
          <label for="description">${t('description')}</label>
          <textarea id="description" name="description" required minlength=${MIN_DESCRIPTION} aria-invalid=${desc.invalid} aria-describedby=${desc.by ?? nothing} @input=${this.onDescription}></textarea>
          <p class="hint count" id="count">${t('count', { n: this._count, max: MAX_DESCRIPTION })}</p>
          ${this.error('description')}
        </div>
        <fieldset>
          <legend>${t('location')}</legend>
          <div class="field">
            <div class="row">
              <button type="button" name="locate" aria-describedby=${loc.by ?? nothing} @click=${() => this.withLocation((l) => l.locate())}>${t('useLocation')}</button>
              ${this._siteMap && !place?.mapOpen ? html`<button type="button" name="openMap" @click=${() => this.withLocation((l) => l.openMap())}>${t('onMap')}</button>` : nothing}
              ${place?.point ? html`<button type="button" name="clearLocation" @click=${() => place.clear()}>${t('clearLocation')}</button>` : nothing}
            </div>
            ${place?.mapOpen ? html`<div class="map" part="map"></div><p class="hint">${t('mapHint')}</p>` : nothing}
            <p class="hint" id="geo" role="status">${place?.note || this._locationNote}</p>
            ${place?.preview ? html`<p class="preview ${place.preview.error ? 'error' : ''}" part="routing">${place.preview.text}</p>` : nothing}
            ${this.error('location')}
          </div>
          <div class="field" ?hidden=${!loading && !this._kelurahan.length}>
            <label for="jurisdiction">${t('jurisdiction')}</label>
            <select id="jurisdiction" name="jurisdiction" ?disabled=${loading} aria-invalid=${jur.invalid} aria-describedby=${jur.by ?? nothing} @change=${this.onJurisdiction}>
              <option value="">${t('jurisdictionNone')}</option>
              ${this._listed ? this.renderKelurahan() : nothing}
            </select>
            ${this.error('jurisdiction')}
          </div>
          <div class="field">
            <label for="placeText">${t('placeText')} ${this.placeNeeded() ? nothing : t('optional')}</label>
            <input id="placeText" name="placeText" maxlength="200" autocomplete="off" ?required=${this.placeNeeded()} aria-invalid=${landmark.invalid} aria-describedby=${landmark.by ?? nothing} />
            ${this.error('placeText')}
          </div>
          <div class="hp" aria-hidden="true">
            <label>Biarkan kosong / leave empty <input name="aduan_hp" tabindex="-1" autocomplete="off" /></label>
          </div>
        </fieldset>
        ${place?.renderNearby()}
        <div class="field">
          <label for="photos">${t('photos')}</label>
          <input id="photos" name="photos" type="file" accept="image/*" multiple ?disabled=${this._photos?.full} aria-invalid=${photos.invalid} aria-describedby=${photos.by ?? nothing} @change=${this.onPhotos} />
          ${this._photos?.render()}
          ${this.error('photos')}
        </div>
        <fieldset>
          <legend>${t('contact')}</legend>
          <p class="hint" id="contact-note">${t('contactNote')}</p>
          ${(['name', 'email', 'phone'] as const).map((f) => {
            const d = this.described(f, 'contact-note');
            return html`<div class="field">
              <label for=${f}>${t(f)}</label>
              <input id=${f} name=${f} type=${f === 'name' ? 'text' : f === 'email' ? 'email' : 'tel'} autocomplete=${f === 'phone' ? 'tel' : f} aria-invalid=${d.invalid} aria-describedby=${d.by ?? nothing} />
              ${this.error(f)}
            </div>`;
          })}
        </fieldset>
        ${this._progress !== undefined ? html`<label for="progress">${t('uploading')}</label><progress id="progress" max="100" value=${Math.round(this._progress * 100)}></progress>` : nothing}
        ${this._errors.form ? html`<p class="error" role="alert">${this._errors.form}</p>` : nothing}
        <button class="primary" type="submit" part="submit" ?disabled=${this._sending}>${this._sending ? t('sending') : t('submit')}</button>
      </form>
    `;
  }

  /** "Laporan saya" or a report's status: the receipt's chunk draws them; until it is here, or if it cannot come, that is said. */
  private renderFollowing() {
    const t = this.cfg.t.bind(this.cfg);
    return (
      (this._view === 'mine' ? this._receipt?.mine(this.parts, myReports()) : this._receipt?.status(this.parts, this._statusCode!, this._statusMissing)) ??
      (this._receiptMissing
        ? html`<p role="alert">${t('partOffline')}</p><button type="button" @click=${this.loadReceipt}>${t('retry')}</button>`
        : html`<p role="status">${t('loading')}</p>`)
    );
  }

  private renderQueued() {
    const t = this.cfg.t.bind(this.cfg);
    return html`<section part="queued" aria-labelledby="q-title">
      <h2 id="q-title" tabindex="-1">${t('queuedTitle')}</h2>
      <p>${t(QUEUED_BECAUSE[this._queuedWhy], { n: Math.max(1, this._waiting) })}</p>
    </section>`;
  }

  /** The receipt from its chunk; until it is here (or if it cannot come), the code alone. */
  private renderSuccess(report: PublicReport) {
    return (
      this._receipt?.success(this.parts, report) ??
      html`<section part="success" aria-labelledby="s-title">
        <h2 id="s-title" class="ok" tabindex="-1">${this.cfg.t('successTitle')}</h2>
        <p class="code" part="tracking-code">${report.trackingCode}</p>
      </section>`
    );
  }

  /** Fetches the screens after sending, once; the form works without them. */
  private loadReceipt(): Promise<unknown> {
    this._receiptMissing = false;
    return this._receipt
      ? Promise.resolve()
      : loadChunk('receipt').then(
          (chunk) => (this._receipt = chunk),
          () => (this._receiptMissing = true),
        );
  }

  private async showMine(): Promise<void> {
    this._view = 'mine';
    await this.loadReceipt();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#m-title')?.focus();
  }

  /** Focuses a field's control; from an error summary link, instead of following it. */
  private focusField(field: ErrorField, click?: Event): void {
    click?.preventDefault();
    const id = field === 'location' ? (this._kelurahan.length ? 'jurisdiction' : 'locate') : field;
    this.renderRoot.querySelector<HTMLElement>(`[name=${id}]`)?.focus();
  }

  private onCategory(e: Event): void {
    this._category = (e.target as HTMLSelectElement).value;
    void this.withLocation((l) => l.ask(), false);
  }

  /**
   * Nothing is cut: a longer paste stays whole, and the resident is told at once (the
   * field's `maxlength` used to drop the rest without a word).
   */
  private onDescription(e: Event): void {
    this._count = (e.target as HTMLTextAreaElement).value.length;
    if (this._count > MAX_DESCRIPTION) this._errors = { ...this._errors, description: this.cfg.t('descriptionLong', { n: this._count, max: MAX_DESCRIPTION }) };
  }

  private onJurisdiction(): void {
    void this.withLocation((l) => l.choseKelurahan(), false);
  }

  /**
   * Runs `action` once the location's chunk is here. Where it cannot load, the kelurahan
   * list still works, and a resident who asked for their location or the map is told why
   * nothing happened, and may try again.
   */
  private async withLocation(action: (location: LocationPart) => unknown, asked = true): Promise<void> {
    try {
      const { LocationPart } = await loadChunk('location');
      this._locationNote = '';
      void action((this._location ??= new LocationPart(this.parts)));
    } catch {
      if (asked) this._locationNote = this.cfg.t('locationOffline');
    }
  }

  /** An edited field's error goes as soon as the field is right. */
  private onEdit(e: Event): void {
    // The resident is filling the form in: fetch meanwhile what sending, photos and the screens after need.
    void this.loadReceipt();
    for (const chunk of ['requests', 'photos', 'location'] as const) loadChunk(chunk).catch(() => undefined);
    this.recheck((e.target as HTMLInputElement).name);
  }

  private recheck(edited?: string): void {
    const shown = Object.keys(this._errors) as ErrorField[];
    if (!shown.length) return;
    const now = this.validate();
    const errors = { ...this._errors };
    for (const f of shown) {
      const checkedHere = f === 'category' || f === 'description' || f === 'location' || f === 'placeText';
      if (checkedHere ? !now[f] : f === edited) delete errors[f];
      else if (checkedHere && f === edited) errors[f] = now[f];
    }
    delete errors.form;
    this._errors = errors;
  }

  /** Without a point, the place text is what lets the staff find the place. */
  private placeNeeded(): boolean {
    const category = this._catalogue.find((c) => c.code === this._category);
    return !this._location?.point && (!category || category.locationRequired);
  }

  /** Resolves when the photos being resized are in: a fast submit waits for it. */
  private resizing: Promise<void> = Promise.resolve();

  private onPhotos(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = ''; // lets the same file be chosen again after removing it
    this.resizing = this.resizing.then(() =>
      loadChunk('photos').then(
        ({ PhotosPart }) => (this._photos ??= new PhotosPart(this.parts)).add(files),
        // Resizing comes with its chunk: the file input is right there to choose them again.
        () => this.parts.photoError(this.cfg.t('photosOffline')),
      ),
    );
  }

  private validate(): Errors {
    const t = this.cfg.t.bind(this.cfg);
    const errors: Errors = {};
    const category = this._catalogue.find((c) => c.code === this._category);
    if (!category) errors.category = t('categoryRequired');
    const length = this.value('description').length;
    if (length < MIN_DESCRIPTION) errors.description = t('descriptionShort', { min: MIN_DESCRIPTION });
    if (length > MAX_DESCRIPTION) errors.description = t('descriptionLong', { n: length, max: MAX_DESCRIPTION });
    // Everything at once: with no category yet, a location is still asked for.
    if (this.placeNeeded()) {
      if (!this.value('jurisdiction')) errors.location = t('locationRequired');
      if (!this.value('placeText')) errors.placeText = t('placeTextRequired');
    }
    return errors;
  }

  private async showErrors(errors: Errors): Promise<void> {
    this._errors = errors;
    this._announce = [...(Object.keys(errors).some((f) => f !== 'form') ? [this.cfg.t('errorSummary')] : []), ...Object.values(errors)].join(' ');
    await this.updateComplete;
    const first = Object.keys(errors)[0] as ErrorField | undefined;
    if (first && first !== 'form') this.focusField(first);
  }

  private buildInput(): SubmitReportInput {
    const input: SubmitReportInput = {
      site: this.cfg.site,
      category: this._category,
      description: this.value('description'),
      locale: this.cfg.locale,
      idempotencyKey: (this.key ??= randomKey(16)),
    };
    if (this.resident?.hash) input.residentKeyHash = this.resident.hash;
    const jurisdictionCode = this.value('jurisdiction');
    const point = this._location?.point;
    if (point) input.location = point;
    else if (jurisdictionCode) input.jurisdictionCode = jurisdictionCode;
    const placeText = this.value('placeText');
    if (placeText) input.placeText = placeText;
    const reporter = Object.fromEntries((['name', 'email', 'phone'] as const).map((f) => [f, this.value(f)]).filter(([, v]) => v));
    if (Object.keys(reporter).length) input.reporter = reporter;
    const trap = this.value('aduan_hp'); // the honeypot: people never see it
    if (trap) input.leaveBlank = trap;
    return input;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._sending) return;
    this._sending = true;
    await this.resizing;
    this._sending = false;
    const errors = this.validate();
    if (Object.keys(errors).length) return this.showErrors(errors);
    this._errors = {};
    // One key per report, made before its first attempt and kept through every retry.
    this.resident ??= await newResidentKey();
    const input = this.buildInput();
    const photos = this._photos?.list.map((p) => p.blob) ?? [];
    this._sending = true;
    this._announce = this.cfg.t('sending');
    if (photos.length) this._progress = 0;
    try {
      const result = await this.cfg.client.submitReport(input, {
        photos,
        onProgress: (p) => (this._progress = p.total ? p.loaded / p.total : 0),
      });
      await this.handleResult(result);
    } catch (error) {
      if (isNetworkError(error)) {
        this._queuedWhy = navigator.onLine ? ((error as AduanNetworkError).reason ?? 'offline') : 'offline';
        claimed.add(input.idempotencyKey!);
        await enqueue({ key: input.idempotencyKey!, api: this.cfg.api, input, photos, createdAt: Date.now(), resident: this.resident });
        await this.count();
        this._view = 'queued';
        this._announce = this.cfg.t(QUEUED_BECAUSE[this._queuedWhy], { n: this._waiting });
        emit(this, 'aduan-queued', { pending: this._waiting });
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#q-title')?.focus();
        if (navigator.onLine) void replayOutbox(); // a blip rather than offline: try once more now
      } else {
        await this.showErrors({ form: this.cfg.t('genericError') });
        this.fail(error, 'SERVER_ERROR');
      }
    } finally {
      this._sending = false;
      this._progress = undefined;
    }
  }

  private async handleResult(result: SubmitReportResult): Promise<void> {
    if (this.key) claimed.delete(this.key);
    if (result.__typename === 'ReportSubmitted') {
      const resident = this.resident;
      this.key = this.resident = undefined;
      // Its key and "Laporan saya" are kept by the requests chunk, which the answer came through.
      await loadChunk('requests').then(
        (chunk) => chunk.keepResidentKey(result, resident),
        () => undefined,
      );
      void this.count();
      // The receipt's chunk was fetched while the form was filled in; if not, now.
      await this.loadReceipt();
      this._report = result.report;
      this._view = 'success';
      this._delayed = undefined;
      // Fetched now, while the connection is known to work, for "Follow this report".
      ensureDefined('aduan-status').catch(() => undefined);
      this._announce = `${this.cfg.t('successTitle')}. ${this.cfg.t('trackingCode')}: ${result.report.trackingCode}`;
      emit(this, 'aduan-submitted', { trackingCode: result.report.trackingCode, report: result.report });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#s-title')?.focus();
      return;
    }
    this._view = 'form';
    await this.showErrors(
      await loadChunk('requests').then(
        (chunk) => chunk.fieldErrors(result),
        () => ({ form: result.message }),
      ),
    );
    emit(this, 'aduan-error', { message: result.message, code: result.code });
  }

  private follow(code: string): void {
    this._statusCode = code;
    this._view = 'status';
    ensureDefined('aduan-status').then(
      () => (this._statusMissing = false),
      () => (this._statusMissing = true),
    );
  }

  private async another(): Promise<void> {
    this.form?.reset();
    this._photos?.clear();
    Object.assign(this, {
      _category: '',
      _count: 0,
      _errors: {},
      _report: undefined,
      _statusCode: undefined,
      _view: 'form',
    });
    this._location?.reset();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#category')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aduan-report': AduanReport;
  }
  interface HTMLElementEventMap {
    'aduan-ready': CustomEvent<{ categories: number }>;
    'aduan-submitted': CustomEvent<{ trackingCode: string; report: PublicReport }>;
    'aduan-error': CustomEvent<{ message: string; code: string }>;
    'aduan-queued': CustomEvent<{ pending: number }>;
    'aduan-supported': CustomEvent<{ trackingCode: string; supporters: number }>;
  }
}
