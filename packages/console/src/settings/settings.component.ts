import { LitElement, css, html, nothing } from 'lit';
import type { AdminSite, AuditEntry, CategoryEntry, CategoryOption, CityDocument, ConsoleApi, InvalidInput } from '../common/api.js';
import { handleApiFailure } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { settingsTableStyles } from './settings.styles.js';
import type { StringKey } from '../common/strings.js';

type Field = 'name' | 'jurisdictionCode' | 'allowedOrigins' | 'categoryCodes' | 'key';
interface AreaOption {
  code: string;
  label: string;
}

/**
 * "Pengaturan" for a city's ADMINs: the websites that embed the form — each with its
 * embed code to copy — a form to add one or change one (name, area, the origins allowed
 * to embed it, optionally a subset of categories), and the log of who changed what.
 * Saves with `saveSite`, which applies the city file's rules; each refused field is
 * marked and said in words.
 *
 * @tagname aduan-console-settings
 */
export class AduanConsoleSettings extends LitElement {
  static override styles = [
    baseStyles,
    settingsTableStyles,
    css`
      .sites {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 1rem;
      }
      .sites > li,
      form.site {
        border: 1px solid var(--border);
        border-radius: 8px;
        padding: 1rem;
      }
      textarea.embed {
        width: 100%;
        font-family: ui-monospace, monospace;
        min-height: 6rem;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
        gap: 0.25rem 1rem;
      }
      @media (max-width: 40rem) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
        dd {
          margin-block-end: 0.5rem;
        }
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      fieldset.categories {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0.25rem 1rem;
      }
      fieldset.categories label {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        min-height: 2.75rem;
      }
      [aria-invalid='true'] {
        border-color: var(--danger, #b3261e);
      }
      iframe.preview {
        display: block;
        max-width: 100%;
        border: 1px solid var(--border);
        border-radius: 12px;
      }
      ul.sections {
        list-style: none;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
      }
      ul.sections a {
        display: inline-block;
        min-height: 2.75rem;
        line-height: 2.75rem;
      }
    `,
  ];
  static override properties = {
    api: { attribute: false },
    me: {},
    _state: { state: true },
    _message: { state: true },
    _area: { state: true },
    _sites: { state: true },
    _areas: { state: true },
    _categories: { state: true },
    _log: { state: true },
    _editing: { state: true },
    _errors: { state: true },
    _notice: { state: true },
    _busy: { state: true },
    _checks: { state: true },
    _city: { state: true },
    _previews: { state: true },
  };

  declare api: ConsoleApi;
  /** The signed-in ADMIN's e-mail. */
  declare me: string;
  declare private _state: 'loading' | 'ok' | 'error';
  declare private _message: string;
  declare private _area: { code: string; displayName: string } | null;
  declare private _sites: AdminSite[];
  declare private _areas: AreaOption[];
  declare private _categories: CategoryOption[];
  declare private _log: AuditEntry[];
  /** The site being changed, `new` for a new one, null when the form is closed. */
  declare private _editing: AdminSite | 'new' | null;
  declare private _errors: Partial<Record<Field, string>>;
  declare private _notice: string;
  declare private _busy: boolean;
  /** The answer to "would a page at this address be allowed?", by site key. */
  declare private _checks: Record<string, string>;
  /** The city as its city file, for the catalogue, routing and agency views. */
  /** The sites whose form is shown in a phone-sized frame. */
  declare private _previews: ReadonlySet<string>;
  declare private _city: { document: CityDocument; withdrawn: CategoryEntry[] } | null;

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this._state = 'loading';
    this._message = '';
    this._area = null;
    this._sites = [];
    this._areas = [];
    this._categories = [];
    this._log = [];
    this._editing = null;
    this._errors = {};
    this._notice = '';
    this._busy = false;
    this._checks = {};
    this._city = null;
    this._previews = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    // A change saved in the catalogue, routing or agency views: read the city again.
    this.addEventListener('aduan-city-changed', () => void this.load());
  }

  private async load(): Promise<void> {
    try {
      const [{ area, sites }, areas, log, configuration] = await Promise.all([
        this.api.adminSites(),
        this.api.areas(),
        this.api.auditLog(),
        this.api.cityConfiguration(),
      ]);
      this._city = configuration;
      this._area = area;
      this._sites = sites;
      this._log = log;
      const city = area?.code ?? '';
      const inCity = (code: string) => code.startsWith(`${city}.`);
      this._areas = [
        ...(area ? [{ code: area.code, label: area.displayName }] : []),
        ...[...areas.kecamatan, ...areas.kelurahan]
          .filter((a) => inCity(a.code))
          .sort((a, b) => a.code.localeCompare(b.code))
          .map((a) => ({ code: a.code, label: a.level === 4 ? `— ${a.displayName}` : a.displayName })),
      ];
      // The city's catalogue, as any of its sites offers it (a site limited to some categories is not asked).
      const full = sites.find((s) => (s.settings?.categoryCodes.length ?? 0) === 0);
      this._categories = full ? await this.api.categories(full.key).catch(() => []) : [];
      this._state = 'ok';
    } catch (error) {
      const failure = handleApiFailure(this, error, this.l);
      if (!failure.announced) {
        this._message = failure.message;
        this._state = 'error';
      }
    }
  }

  /** In-page links inside a shadow root: the browser cannot follow `#id` there by itself. */
  private jump(event: Event, id: string): void {
    event.preventDefault();
    const section = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
    section?.setAttribute('tabindex', '-1');
    section?.focus();
    section?.scrollIntoView();
  }

  private async edit(site: AdminSite | 'new'): Promise<void> {
    this._editing = site;
    this._errors = {};
    this._notice = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#site-name')?.focus();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const editing = this._editing;
    const input = {
      ...(editing && editing !== 'new' ? { key: editing.key } : {}),
      name: String(form.get('name') ?? ''),
      jurisdictionCode: String(form.get('area') ?? ''),
      allowedOrigins: String(form.get('origins') ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      categoryCodes: form.getAll('categories').map(String),
    };
    this._busy = true;
    try {
      const result = await this.api.saveSite(input);
      if ('fields' in result) {
        this._errors = this.errorsOf(result);
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
        return;
      }
      this._editing = null;
      this._notice = this.l.t('siteSaved', { name: result.name });
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#settings-notice')?.focus();
    } catch (error) {
      const failure = handleApiFailure(this, error, this.l, { inline: true });
      if (!failure.announced) this._errors = { name: failure.message };
    } finally {
      this._busy = false;
    }
  }

  /** Each refused field in the console's words, the server's detail kept for origins. */
  private errorsOf(refusal: InvalidInput): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    for (const { field, message } of refusal.fields) {
      const [head, index] = field.split('.') as [Field, string | undefined];
      const words = this.l.t(`siteError_${head}` as StringKey);
      errors[head] ??= head === 'allowedOrigins' && index !== undefined ? `${this.l.t('siteError_originLine', { n: Number(index) + 1 })} ${message}` : words;
    }
    return errors;
  }

  private async check(event: SubmitEvent, site: AdminSite): Promise<void> {
    event.preventDefault();
    const url = String(new FormData(event.target as HTMLFormElement).get('url') ?? '').trim();
    const allowed = url ? await this.api.siteAllowsPage(site.key, url).catch(() => null) : false;
    this._checks = { ...this._checks, [site.key]: this.l.t(allowed ? 'pageAllowed' : 'pageNotAllowed', { url }) };
  }

  private togglePreview(key: string): void {
    const next = new Set(this._previews);
    if (!next.delete(key)) next.add(key);
    this._previews = next;
  }

  private async copy(site: AdminSite): Promise<void> {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>(`#embed-${CSS.escape(site.key)}`);
    area?.select();
    try {
      await navigator.clipboard.writeText(site.embedSnippet);
    } catch {
      document.execCommand?.('copy');
    }
    this._notice = this.l.t('embedCopied', { name: site.name });
  }

  override render() {
    const t = this.l.t.bind(this.l);
    if (this._state === 'loading') return html`<p role="status">${t('loading')}</p>`;
    if (this._state === 'error') return html`<p class="error" role="alert">${this._message}</p>`;
    return html`
      <h1>${t('settingsTitle', { area: this._area?.displayName ?? '' })}</h1>
      <nav aria-label=${t('settingsNav')}>
        <ul class="sections">
          ${(
            [
              ['sites', 'navSites'],
              ['catalogue', 'navCatalogue'],
              ['routing', 'navRouting'],
              ['agencies', 'navAgencies'],
              ['staff', 'navStaff'],
              ['privacy', 'navPrivacy'],
              ['audit', 'navAudit'],
            ] as const
          ).map(([id, label]) => html`<li><a href="#${id}" @click=${(e: Event) => this.jump(e, id)}>${t(label)}</a></li>`)}
        </ul>
      </nav>
      <p id="settings-notice" class="notice" role="status" tabindex="-1">${this._notice}</p>
      <section id="sites" aria-labelledby="h-sites">
        <h2 id="h-sites">${t('sitesTitle')}</h2>
        <p class="hint">${t('sitesIntro')}</p>
        ${this._editing ? this.renderForm() : html`<button type="button" name="new-site" @click=${() => this.edit('new')}>${t('newSite')}</button>`}
        <ul class="sites">
          ${this._sites.map((site) => this.renderSite(site))}
        </ul>
      </section>
      ${
        this._city
          ? html`<section id="catalogue">
                <aduan-console-catalogue-settings .api=${this.api} .document=${this._city.document} .withdrawn=${this._city.withdrawn}></aduan-console-catalogue-settings>
              </section>
              <section id="routing">
                <aduan-console-routing-settings .api=${this.api} .document=${this._city.document} .areas=${this._areas}
                  .map=${this._sites.find((site) => site.map)?.map ?? null}></aduan-console-routing-settings>
              </section>
              <section id="agencies">
                <aduan-console-agency-settings .api=${this.api} .document=${this._city.document} .areas=${this._areas}></aduan-console-agency-settings>
              </section>`
          : nothing
      }
      <section id="staff">
        ${this._area ? html`<aduan-console-staff-settings .api=${this.api} area=${this._area.code} me=${this.me ?? ''}></aduan-console-staff-settings>` : nothing}
      </section>
      <section id="privacy">
        <aduan-console-privacy-settings .api=${this.api}></aduan-console-privacy-settings>
      </section>
      <section id="audit">
        <h2 id="h-audit">${t('auditTitle')}</h2>
        ${
          this._log.length === 0
            ? html`<p>${t('auditEmpty')}</p>`
            : html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-audit">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">${t('auditWhen')}</th>
                      <th scope="col">${t('auditWho')}</th>
                      <th scope="col">${t('auditWhat')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${this._log.map(
                      (e) => html`<tr>
                        <td><time datetime=${e.at}>${this.l.dateTime(e.at)}</time></td>
                        <td>${e.actor === 'config' ? t('auditByFile') : (e.actorName ?? e.actor)}</td>
                        <td>
                          ${t(`audit_${e.action.replace('.', '_')}` as StringKey, { key: e.subject })}
                          ${changedFields(e).length ? html`<br /><span class="hint">${t('auditFields', { fields: changedFields(e).join(', ') })}</span>` : nothing}
                        </td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
      </section>
    `;
  }

  private renderSite(site: AdminSite) {
    const t = this.l.t.bind(this.l);
    const id = `embed-${site.key}`;
    return html`<li data-key=${site.key}>
      <h3>${site.name}</h3>
      <dl>
        <dt>${t('siteKey')}</dt>
        <dd><code>${site.key}</code></dd>
        <dt>${t('siteArea')}</dt>
        <dd>${site.area?.displayName ?? '—'}</dd>
        <dt>${t('siteOrigins')}</dt>
        <dd>${site.settings?.allowedOrigins.join(', ')}</dd>
        <dt>${t('siteCategories')}</dt>
        <dd>${site.settings?.categoryCodes.length ? site.settings.categoryCodes.join(', ') : t('allCategories')}</dd>
      </dl>
      <label for=${id}>${t('embedCode')}</label>
      <textarea id=${id} class="embed" readonly .value=${site.embedSnippet}></textarea>
      <form class="check" @submit=${(e: SubmitEvent) => this.check(e, site)}>
        <label for="check-${site.key}">${t('checkPage')}</label>
        <input id="check-${site.key}" name="url" type="url" placeholder="https://dinas.kupangkota.go.id/lapor" />
        <button type="submit" class="secondary" name="check">${t('checkPageButton')}</button>
        <p role="status">${this._checks[site.key] ?? ''}</p>
      </form>
      <div class="form-buttons">
        <button type="button" name="copy" @click=${() => this.copy(site)}>${t('copyEmbed')}</button>
        <button type="button" name="edit" class="secondary" @click=${() => this.edit(site)}>${t('editSite')}</button>
        <button type="button" name="preview" class="secondary" aria-expanded=${this._previews.has(site.key) ? 'true' : 'false'}
          @click=${() => this.togglePreview(site.key)}>${t('previewForm')}</button>
      </div>
      ${
        this._previews.has(site.key)
          ? html`<p class="hint">${t('previewHint')}</p>
              <iframe class="preview" src="/pratinjau/${site.key}" title=${t('previewTitle', { name: site.name })} width="360" height="640"></iframe>`
          : nothing
      }
    </li>`;
  }

  private renderForm() {
    const t = this.l.t.bind(this.l);
    const editing = this._editing === 'new' ? null : this._editing;
    const errors = this._errors;
    const invalid = (field: Field) => (errors[field] ? 'true' : 'false');
    const described = (field: Field, hint?: string) => [hint, errors[field] ? `e-${field}` : ''].filter(Boolean).join(' ') || nothing;
    const error = (field: Field) => (errors[field] ? html`<p class="error" id="e-${field}">${errors[field]}</p>` : nothing);
    const chosen = new Set(editing?.settings?.categoryCodes ?? []);
    return html`<form class="site" novalidate @submit=${this.save} aria-labelledby="h-site-form">
      <h3 id="h-site-form">${editing ? t('editSiteTitle', { name: editing.name }) : t('newSite')}</h3>
      ${error('key')}
      <div>
        <label for="site-name">${t('siteName')}</label>
        <input id="site-name" name="name" required maxlength="200" .value=${editing?.name ?? ''} aria-invalid=${invalid('name')} aria-describedby=${described('name')} />
        ${error('name')}
      </div>
      <div>
        <label for="site-area">${t('siteArea')}</label>
        <select id="site-area" name="area" aria-invalid=${invalid('jurisdictionCode')} aria-describedby=${described('jurisdictionCode')}>
          ${this._areas.map((a) => html`<option value=${a.code} ?selected=${(editing?.area?.code ?? this._area?.code) === a.code}>${a.label}</option>`)}
        </select>
        ${error('jurisdictionCode')}
      </div>
      <div>
        <label for="site-origins">${t('siteOrigins')}</label>
        <textarea id="site-origins" name="origins" rows="3" .value=${editing?.settings?.allowedOrigins.join('\n') ?? ''} aria-invalid=${invalid('allowedOrigins')}
          aria-describedby=${described('allowedOrigins', 'origins-hint')}></textarea>
        <p class="hint" id="origins-hint">${t('originsHint')}</p>
        ${error('allowedOrigins')}
      </div>
      ${
        this._categories.length
          ? html`<fieldset class="categories" aria-describedby=${described('categoryCodes', 'categories-hint')}>
              <legend>${t('siteCategories')}</legend>
              <p class="hint" id="categories-hint">${t('categoriesHint')}</p>
              ${this._categories.map(
                (c) => html`<label><input type="checkbox" name="categories" value=${c.code} ?checked=${chosen.has(c.code)} /> ${c.name}</label>`,
              )}
              ${error('categoryCodes')}
            </fieldset>`
          : nothing
      }
      <div class="form-buttons">
        <button type="submit" name="save-site" ?disabled=${this._busy}>${this._busy ? t('saving') : t('saveSite')}</button>
        <button type="button" class="secondary" @click=${() => (this._editing = null)}>${t('cancel')}</button>
      </div>
    </form>`;
  }
}

/** The fields an entry's change touched (`email`, `channels`), from its before and after; none for something new or gone. */
export function changedFields(entry: Pick<AuditEntry, 'before' | 'after'>): string[] {
  const parse = (json: string | null) => {
    try {
      const value = json === null ? null : JSON.parse(json);
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const before = parse(entry.before);
  const after = parse(entry.after);
  if (!before || !after) return [];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}
