import { LitElement, html, nothing } from 'lit';
import type { CityDocument, ConsoleApi, InvalidInput, RoutingTestAnswer, RuleEntry } from '../common/api.js';
import { handleApiFailure, refusalMessage } from '../common/api-failure.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { CityChangeFlow, loneErrors, settled, type Proposal } from './city-change.js';
import { cityFormStyles, settingsTableStyles } from './settings.styles.js';
import type { TesterMapSource } from './tester-map.js';

export interface AreaOption {
  code: string;
  label: string;
}

const FIELDS = ['category', 'jurisdiction', 'agency', 'responseHours', 'name'] as const;

/**
 * Who answers what, where: the city's routing rules (a category, or any, in an area,
 * or the whole city → an agency and its deadline), to add, change and delete — each
 * shown first with where reports would then go differently — and the routing tester:
 * a category and a place → the agency, deadline and reason intake would give.
 *
 * @tagname aduan-console-routing-settings
 * @fires aduan-city-changed - after a change is saved, so the settings read the city again
 */
export class AduanConsoleRoutingSettings extends LitElement {
  static override styles = [baseStyles, settingsTableStyles, cityFormStyles];
  static override properties = {
    api: { attribute: false },
    document: { attribute: false },
    areas: { attribute: false },
    map: { attribute: false },
    _editing: { state: true },
    _mapOpen: { state: true },
    _errors: { state: true },
    _general: { state: true },
    _notice: { state: true },
    _tested: { state: true },
  };

  declare api: ConsoleApi;
  declare document: CityDocument;
  /** The city and every area in it, for the pickers. */
  declare areas: AreaOption[];
  /** A map of the city (a site's tiles), for the tester; null: a kelurahan or a typed point only. */
  declare map: TesterMapSource | null;
  declare private _mapOpen: boolean;
  private unmountMap: (() => void) | null = null;
  declare private _editing: RuleEntry | 'new' | null;
  declare private _errors: Record<string, string>;
  declare private _general: string[];
  declare private _notice: string;
  declare private _tested: RoutingTestAnswer | InvalidInput | string | null;

  private readonly l = new LocaleController(this);
  private readonly flow = new CityChangeFlow(this, this.l, () => {
    this.dispatchEvent(new CustomEvent('aduan-city-changed', { bubbles: true, composed: true }));
  });

  constructor() {
    super();
    this.map = null;
    this._mapOpen = false;
    this.flow.onCancel = () => void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#h-routing')?.focus());
    this.areas = [];
    this._editing = null;
    this._errors = {};
    this._general = [];
    this._notice = '';
    this._tested = null;
  }

  private async edit(rule: RuleEntry | 'new'): Promise<void> {
    this._editing = rule;
    this._errors = {};
    this._general = [];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#rule-category')?.focus();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const editing = this._editing === 'new' ? null : this._editing;
    const hours = text('responseHours');
    const category = text('category') || null;
    const jurisdiction = text('jurisdiction') || null;
    const input = {
      category,
      jurisdiction,
      agency: text('agency'),
      responseHours: hours ? Number(hours) : null,
      // Named as the demo's rules are ("Sampah, Kecamatan Oebobo"): the routing reason quotes it.
      name: text('name') || this.ruleLabel({ category, jurisdiction, agency: '' }),
      ...(editing ? { replaces: { category: editing.category ?? null, jurisdiction: editing.jurisdiction ?? null } } : {}),
    };
    this.settle(await this.flow.propose('rule', input, this.l.t('ruleSaved')));
  }

  /** "Jalan rusak, Kota Kupang": a rule by what it covers. */
  private ruleLabel(rule: Pick<RuleEntry, 'category' | 'jurisdiction' | 'agency'>): string {
    const category = this.document.categories.find((c) => c.code === rule.category)?.name.id ?? this.l.t('anyCategory');
    const area = this.areas.find((a) => a.code === (rule.jurisdiction ?? this.document.city))?.label.replace(/^— /, '') ?? rule.jurisdiction ?? '';
    return `${category}, ${area}`;
  }

  private async deleteRule(rule: RuleEntry): Promise<void> {
    this.settle(
      await this.flow.propose(
        'deleteRule',
        { category: rule.category ?? null, jurisdiction: rule.jurisdiction ?? null },
        this.l.t('ruleDeleted'),
        this.l.t('deleteRuleWhat', { rule: rule.name ?? this.ruleLabel(rule) }),
      ),
    );
  }

  /** Whether `rule` is the one a pending change would delete. */
  private pendingDeletion(rule: RuleEntry): boolean {
    const pending = this.flow.pending;
    if (pending?.kind !== 'deleteRule') return false;
    const key = pending.input as { category: string | null; jurisdiction: string | null };
    return key.category === (rule.category ?? null) && key.jurisdiction === (rule.jurisdiction ?? null);
  }

  private async confirm(): Promise<void> {
    this.settle(await this.flow.confirm());
  }

  private async settle(proposal: Proposal): Promise<void> {
    const next = settled(proposal, FIELDS, this.l, 'routing');
    if (next.closeForm) {
      this._editing = null;
    }
    if (next.notice !== undefined) this._notice = next.notice;
    if (next.errors) this._errors = next.errors;
    if (next.general) this._general = next.general;
    await this.updateComplete;
    if (next.focus) this.renderRoot.querySelector<HTMLElement>(next.focus)?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unmountMap?.();
    this.unmountMap = null;
    this._mapOpen = false;
  }

  /** Opens the map (its code is fetched now, not with the console); a tap tests that point. */
  private async openMap(): Promise<void> {
    if (!this.map || this._mapOpen) return;
    this._mapOpen = true;
    await this.updateComplete;
    const container = this.renderRoot.querySelector<HTMLElement>('.tester-map');
    if (!container) return;
    const { mountTesterMap } = await import('./tester-map.js');
    this.unmountMap = mountTesterMap(container, this.map, (point) => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('#tester-point');
      if (input) input.value = `${point.lat}, ${point.lng}`;
      this.renderRoot.querySelector<HTMLFormElement>('form.tester')?.requestSubmit();
    });
  }

  private async test(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const typed = text('point');
    const point = typed ? parsePoint(typed) : null;
    if (typed && !point) {
      this._tested = this.l.t('testerPointUnreadable');
      return;
    }
    try {
      this._tested = await this.api.routingTest({
        category: text('category'),
        ...(point ? { location: point } : { jurisdictionCode: text('area') }),
      });
    } catch (error) {
      const failure = handleApiFailure(this, error, this.l, { inline: true });
      this._tested = failure.announced ? null : failure.message;
    }
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const categoryName = new Map(this.document.categories.map((c) => [c.code, c.name.id]));
    const agencyName = new Map(this.document.agencies.map((a) => [a.slug, a.shortName ?? a.name]));
    const areaName = new Map(this.areas.map((a) => [a.code, a.label.replace(/^— /, '')]));
    const rules = [...this.document.rules].sort(
      (a, b) =>
        (categoryName.get(a.category ?? '') ?? '').localeCompare(categoryName.get(b.category ?? '') ?? '', 'id') ||
        (a.jurisdiction ?? '').localeCompare(b.jurisdiction ?? ''),
    );
    return html`
      <h2 id="h-routing" tabindex="-1">${t('routingTitle')}</h2>
      <p class="hint">${t('routingIntro')}</p>
      <p id="routing-notice" class="notice" role="status" tabindex="-1">${this._notice}</p>
      ${loneErrors(this._general, 'routing', this._editing !== null)}
      ${this.flow.render(() => this.confirm())}
      ${this._editing ? this.renderForm() : html`<button type="button" name="new-rule" @click=${() => this.edit('new')}>${t('newRule')}</button>`}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-routing">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('ruleCategory')}</th>
              <th scope="col">${t('ruleArea')}</th>
              <th scope="col">${t('ruleAgency')}</th>
              <th scope="col">${t('ruleHours')}</th>
              <th scope="col">${t('staffActions')}</th>
            </tr>
          </thead>
          <tbody>
            ${rules.map(
              (r) => html`<tr data-rule="${r.category ?? '*'}@${r.jurisdiction ?? ''}" class=${this.pendingDeletion(r) ? 'pending-delete' : ''}>
                <td>${r.category ? (categoryName.get(r.category) ?? r.category) : t('anyCategory')}</td>
                <td>${areaName.get(r.jurisdiction ?? '') ?? r.jurisdiction}</td>
                <td>${agencyName.get(r.agency) ?? r.agency}</td>
                <td>${r.responseHours ?? '—'}</td>
                <td><div class="actions">
                  <button type="button" class="secondary" name="edit" @click=${() => this.edit(r)}>${t('change')}</button>
                  <button type="button" class="secondary" name="delete" @click=${() => this.deleteRule(r)}>${t('deleteRule')}</button>
                </div></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.renderTester()}
    `;
  }

  private renderForm() {
    const t = this.l.t.bind(this.l);
    const editing = this._editing === 'new' ? null : this._editing;
    const invalid = (field: string) => (this._errors[field] ? 'true' : 'false');
    const error = (field: string) => (this._errors[field] ? html`<p class="error" id="rule-${field}-error">${this._errors[field]}</p>` : nothing);
    return html`<form class="city-form" novalidate @submit=${this.save} aria-labelledby="h-rule-form">
      <h3 id="h-rule-form">${editing ? t('editRuleTitle') : t('newRule')}</h3>
      ${this._general.length ? html`<div id="routing-errors" class="error" role="alert" tabindex="-1">${this._general.map((g) => html`<p>${g}</p>`)}</div>` : nothing}
      <div>
        <label for="rule-category">${t('ruleCategory')}</label>
        <select id="rule-category" name="category" aria-invalid=${invalid('category')}>
          <option value="">${t('anyCategory')}</option>
          ${this.document.categories.map((c) => html`<option value=${c.code} ?selected=${editing?.category === c.code}>${c.name.id}</option>`)}
        </select>
        ${error('category')}
      </div>
      <div>
        <label for="rule-area">${t('ruleArea')}</label>
        <select id="rule-area" name="jurisdiction" aria-invalid=${invalid('jurisdiction')}>
          ${this.areas.map((a) => html`<option value=${a.code} ?selected=${(editing?.jurisdiction ?? this.document.city) === a.code}>${a.label}</option>`)}
        </select>
        <p class="hint">${t('ruleAreaHint')}</p>
        ${error('jurisdiction')}
      </div>
      <div>
        <label for="rule-agency">${t('ruleAgency')}</label>
        <select id="rule-agency" name="agency" aria-invalid=${invalid('agency')}>
          ${this.document.agencies.map((a) => html`<option value=${a.slug} ?selected=${editing?.agency === a.slug}>${a.shortName ? `${a.shortName} — ${a.name}` : a.name}</option>`)}
        </select>
        ${error('agency')}
      </div>
      <div>
        <label for="rule-hours">${t('ruleHours')}</label>
        <input id="rule-hours" name="responseHours" type="number" min="1" max="8760" inputmode="numeric" .value=${String(editing?.responseHours ?? '')}
          aria-invalid=${invalid('responseHours')} aria-describedby="rule-hours-hint" />
        <p class="hint" id="rule-hours-hint">${t('ruleHoursHint')}</p>
        ${error('responseHours')}
      </div>
      <div>
        <label for="rule-name">${t('ruleName')}</label>
        <input id="rule-name" name="name" maxlength="200" .value=${editing?.name ?? ''} aria-invalid=${invalid('name')} aria-describedby="rule-name-hint" />
        <p class="hint" id="rule-name-hint">${t('ruleNameHint')}</p>
        ${error('name')}
      </div>
      <div class="form-buttons">
        <button type="submit" name="save-rule" ?disabled=${this.flow.busy}>${this.flow.busy ? t('saving') : t('saveRule')}</button>
        <button type="button" class="secondary" @click=${() => (this._editing = null)}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderTester() {
    const t = this.l.t.bind(this.l);
    const tested = this._tested;
    return html`<form class="city-form tester" @submit=${this.test} aria-labelledby="h-tester">
      <h3 id="h-tester">${t('testerTitle')}</h3>
      <p class="hint">${t('testerIntro')}</p>
      <div>
        <label for="tester-category">${t('ruleCategory')}</label>
        <select id="tester-category" name="category">
          ${this.document.categories.map((c) => html`<option value=${c.code}>${c.name.id}</option>`)}
        </select>
      </div>
      <div>
        <label for="tester-area">${t('testerArea')}</label>
        <select id="tester-area" name="area">
          ${this.areas.map((a) => html`<option value=${a.code}>${a.label}</option>`)}
        </select>
      </div>
      <div>
        <label for="tester-point">${t('testerPoint')}</label>
        <input id="tester-point" name="point" inputmode="decimal" placeholder="-10.1595, 123.6066" aria-describedby="tester-point-hint" />
        <p class="hint" id="tester-point-hint">${t('testerPointHint')}</p>
      </div>
      ${
        this.map
          ? html`<div>
              ${this._mapOpen ? html`<p class="hint">${t('testerMapHint')}</p>` : html`<button type="button" class="secondary" name="open-map" @click=${this.openMap}>${t('testerOpenMap')}</button>`}
              ${this._mapOpen ? html`<div class="tester-map" role="region" aria-label=${t('testerMapLabel')}></div>` : nothing}
            </div>`
          : nothing
      }
      <div class="form-buttons"><button type="submit" name="test-routing">${t('testerButton')}</button></div>
      <div role="status" class="tester-answer">
        ${
          tested === null
            ? nothing
            : typeof tested === 'string'
              ? html`<p class="error">${tested}</p>`
              : 'fields' in tested
                ? html`<p class="error">${refusalMessage(tested)}</p>`
                : html`<dl>
                    <dt>${t('ruleAgency')}</dt>
                    <dd>${tested.agency.name}${tested.viaTriage ? html` <strong>(${t('testerTriage')})</strong>` : nothing}</dd>
                    <dt>${t('testerWhere')}</dt>
                    <dd>${tested.area.displayName}</dd>
                    <dt>${t('testerDeadline')}</dt>
                    <dd>${t('testerDeadlineValue', { hours: tested.responseHours, due: this.l.dateTime(tested.dueAt) })}</dd>
                    <dt>${t('testerReason')}</dt>
                    <dd>${tested.reason}</dd>
                  </dl>`
        }
      </div>
    </form>`;
  }
}

/**
 * A point typed as people write one: "-10.1595, 123.6066", "-10,1595 123,6066" (decimal
 * commas, as Indonesian writes them), "-10,1595; 123,6066"; null for anything else.
 */
export function parsePoint(text: string): { lat: number; lng: number } | null {
  const parts = text.includes(';') ? text.split(';') : /\d,\d/.test(text) && /\s/.test(text.trim()) ? text.trim().split(/\s+/) : text.split(/[,\s]+/);
  const numbers = parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => Number(p.replace(',', '.')));
  if (numbers.length !== 2 || numbers.some((n) => !Number.isFinite(n))) return null;
  const [lat, lng] = numbers as [number, number];
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
}
