import { LitElement, html, nothing } from 'lit';
import type { CategoryEntry, CityDocument, ConsoleApi } from '../common/api.js';
import type { GroupEntry } from '../common/city-document.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { CityChangeFlow, loneErrors, settled, codeFrom, type Proposal } from './city-change.js';
import { cityFormStyles, settingsTableStyles } from './settings.styles.js';

const FIELDS = ['code', 'name.id', 'name.en', 'description.id', 'description.en', 'group', 'keywords'] as const;

/**
 * What residents can report in the city: its categories under their groups, in the
 * order the form lists them — add one, change its words, move it up or down, withdraw
 * it (its routing rules go with it) or offer a withdrawn one again. A change that
 * leaves a category to the triage desk is shown before it is saved (city-change.ts).
 *
 * @tagname aduan-console-catalogue-settings
 * @fires aduan-city-changed - after a change is saved, so the settings read the city again
 */
export class AduanConsoleCatalogueSettings extends LitElement {
  static override styles = [baseStyles, settingsTableStyles, cityFormStyles];
  static override properties = {
    api: { attribute: false },
    document: { attribute: false },
    withdrawn: { attribute: false },
    _editing: { state: true },
    _editingGroup: { state: true },
    _errors: { state: true },
    _general: { state: true },
    _notice: { state: true },
  };

  declare api: ConsoleApi;
  declare document: CityDocument;
  declare withdrawn: CategoryEntry[];
  /** The category being changed, `new` for a new one, null when the form is closed. */
  declare private _editing: CategoryEntry | 'new' | null;
  /** The group being renamed, `new` for a new one, null when its form is closed. */
  declare private _editingGroup: GroupEntry | 'new' | null;
  declare private _errors: Record<string, string>;
  declare private _general: string[];
  declare private _notice: string;

  private readonly l = new LocaleController(this);
  private readonly flow = new CityChangeFlow(this, this.l, () => {
    this.dispatchEvent(new CustomEvent('aduan-city-changed', { bubbles: true, composed: true }));
  });

  constructor() {
    super();
    this.flow.onCancel = () => void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#h-catalogue')?.focus());
    this.withdrawn = [];
    this._editing = null;
    this._editingGroup = null;
    this._errors = {};
    this._general = [];
    this._notice = '';
  }

  private async edit(category: CategoryEntry | 'new'): Promise<void> {
    this._editing = category;
    this._errors = {};
    this._general = [];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(category === 'new' ? '#category-code' : '#category-name-id')?.focus();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const descriptionId = text('description.id');
    const descriptionEn = text('description.en');
    const input = {
      code: this._editing === 'new' || this._editing === null ? text('code') || codeFrom(text('name.id')) : this._editing.code,
      name: { id: text('name.id'), en: text('name.en') },
      ...(descriptionId || descriptionEn ? { description: { id: descriptionId, en: descriptionEn } } : {}),
      group: text('group') || null,
      keywords: text('keywords')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      locationRequired: form.get('locationRequired') === 'on',
      active: true,
      // A new one goes before a closing "Lainnya" (other), which residents look for last.
      ...(this._editing === 'new' && this.document.categories.at(-1)?.code === 'lainnya' ? { position: this.document.categories.length - 1 } : {}),
    };
    this.settle(await this.flow.propose('category', input, this.l.t('categorySaved', { name: input.name.id })));
  }

  private async editGroup(group: GroupEntry | 'new'): Promise<void> {
    this._editingGroup = group;
    this._errors = {};
    this._general = [];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(group === 'new' ? '#group-code' : '#group-name-id')?.focus();
  }

  private async saveGroup(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const editing = this._editingGroup === 'new' ? null : this._editingGroup;
    const input = { code: editing?.code ?? text('code'), name: { id: text('name.id'), en: text('name.en') } };
    this.settle(await this.flow.propose('group', input, this.l.t('groupSaved', { name: input.name.id })));
  }

  private async moveGroup(group: GroupEntry, position: number): Promise<void> {
    this.settle(await this.flow.propose('group', { code: group.code, name: group.name, position }, this.l.t('categoryMoved', { name: group.name.id })));
  }

  private async move(category: CategoryEntry, position: number): Promise<void> {
    this.settle(await this.flow.propose('category', this.inputOf(category, { position }), this.l.t('categoryMoved', { name: category.name.id })));
  }

  /** Shown first (where it could be reported and no longer can, and that its rules go), saved on the admin's word. */
  private async withdraw(category: CategoryEntry): Promise<void> {
    this.settle(
      await this.flow.propose(
        'category',
        this.inputOf(category, { active: false }),
        this.l.t('categoryWithdrawn', { name: category.name.id }),
        this.l.t('withdrawCategoryWhat', { name: category.name.id }),
      ),
    );
  }

  private async offerAgain(category: CategoryEntry): Promise<void> {
    this.settle(await this.flow.propose('category', this.inputOf(category, {}), this.l.t('categorySaved', { name: category.name.id })));
  }

  private inputOf(category: CategoryEntry, change: { position?: number; active?: boolean }) {
    return {
      code: category.code,
      name: category.name,
      ...(category.description ? { description: category.description } : {}),
      group: category.group ?? null,
      keywords: category.keywords ?? [],
      locationRequired: category.locationRequired ?? true,
      active: change.active ?? true,
      ...(change.position === undefined ? {} : { position: change.position }),
    };
  }

  private async confirm(): Promise<void> {
    this.settle(await this.flow.confirm());
  }

  /** Closes the form and says so after a save; marks the fields of a refusal. */
  private async settle(proposal: Proposal): Promise<void> {
    const next = settled(proposal, FIELDS, this.l, 'catalogue');
    if (next.closeForm) {
      this._editing = null;
      this._editingGroup = null;
    }
    if (next.notice !== undefined) this._notice = next.notice;
    if (next.errors) this._errors = next.errors;
    if (next.general) this._general = next.general;
    await this.updateComplete;
    if (next.focus) this.renderRoot.querySelector<HTMLElement>(next.focus)?.focus();
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const categories = this.document.categories;
    const groupName = new Map(this.document.categoryGroups.map((g) => [g.code, this.l.lang === 'en' ? g.name.en : g.name.id]));
    return html`
      <h2 id="h-catalogue" tabindex="-1">${t('catalogueTitle')}</h2>
      <p class="hint">${t('catalogueIntro')}</p>
      <p id="catalogue-notice" class="notice" role="status" tabindex="-1">${this._notice}</p>
      ${loneErrors(this._general, 'catalogue', this._editing !== null || this._editingGroup !== null)}
      ${this.flow.render(() => this.confirm())}
      ${this._editing ? this.renderForm() : html`<button type="button" name="new-category" @click=${() => this.edit('new')}>${t('newCategory')}</button>`}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-catalogue">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('categoryName')}</th>
              <th scope="col">${t('categoryGroup')}</th>
              <th scope="col">${t('staffActions')}</th>
            </tr>
          </thead>
          <tbody>
            ${categories.map(
              (c, i) => html`<tr data-code=${c.code}>
                <td>${c.name.id}<br /><span class="hint">${c.code}</span></td>
                <td>${c.group ? (groupName.get(c.group) ?? c.group) : '—'}</td>
                <td><div class="actions">
                  <button type="button" class="secondary" name="edit" @click=${() => this.edit(c)}>${t('change')}</button>
                  <button type="button" class="secondary" name="up" ?disabled=${i === 0} aria-label=${t('moveUp', { name: c.name.id })} @click=${() => this.move(c, i - 1)}>↑</button>
                  <button type="button" class="secondary" name="down" ?disabled=${i === categories.length - 1} aria-label=${t('moveDown', { name: c.name.id })}
                    @click=${() => this.move(c, i + 1)}>↓</button>
                  <button type="button" class="secondary" name="withdraw" @click=${() => this.withdraw(c)}>${t('withdrawCategory')}</button>
                </div></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.renderGroups()}
      ${
        this.withdrawn.length
          ? html`<h3>${t('withdrawnTitle')}</h3>
              <ul class="withdrawn">
                ${this.withdrawn.map(
                  (c) => html`<li data-code=${c.code}>${c.name.id}
                    <button type="button" class="secondary" name="offer-again" @click=${() => this.offerAgain(c)}>${t('offerAgain')}</button></li>`,
                )}
              </ul>`
          : nothing
      }
    `;
  }

  private renderGroups() {
    const t = this.l.t.bind(this.l);
    const groups = this.document.categoryGroups;
    const editing = this._editingGroup === 'new' ? null : this._editingGroup;
    const field = (name: 'code' | 'name.id' | 'name.en', label: string, value: string) => {
      const id = `group-${name.replace('.', '-')}`;
      const error = this._errors[name];
      return html`<div>
        <label for=${id}>${label}</label>
        <input id=${id} name=${name} .value=${value} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing} />
        ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    return html`<h3 id="h-groups">${t('groupsTitle')}</h3>
      ${
        this._editingGroup
          ? html`<form class="city-form" novalidate @submit=${this.saveGroup} aria-labelledby="h-group-form">
              <h4 id="h-group-form">${editing ? t('editGroupTitle', { name: editing.name.id }) : t('newGroup')}</h4>
              ${this._general.length ? html`<div id="catalogue-errors" class="error" role="alert" tabindex="-1">${this._general.map((g) => html`<p>${g}</p>`)}</div>` : nothing}
              ${editing ? nothing : field('code', t('categoryCode'), '')} ${field('name.id', t('categoryNameId'), editing?.name.id ?? '')}
              ${field('name.en', t('categoryNameEn'), editing?.name.en ?? '')}
              <div class="form-buttons">
                <button type="submit" name="save-group" ?disabled=${this.flow.busy}>${t('saveGroup')}</button>
                <button type="button" class="secondary" @click=${() => (this._editingGroup = null)}>${t('cancel')}</button>
              </div>
            </form>`
          : html`<button type="button" name="new-group" class="secondary" @click=${() => this.editGroup('new')}>${t('newGroup')}</button>`
      }
      <ul class="groups">
        ${groups.map(
          (g, i) => html`<li data-group=${g.code}>
            <span>${this.l.lang === 'en' ? g.name.en : g.name.id}</span>
            <span class="actions">
              <button type="button" class="secondary" name="edit-group" @click=${() => this.editGroup(g)}>${t('change')}</button>
              <button type="button" class="secondary" name="group-up" ?disabled=${i === 0} aria-label=${t('moveUp', { name: g.name.id })} @click=${() => this.moveGroup(g, i - 1)}>↑</button>
              <button type="button" class="secondary" name="group-down" ?disabled=${i === groups.length - 1} aria-label=${t('moveDown', { name: g.name.id })}
                @click=${() => this.moveGroup(g, i + 1)}>↓</button>
            </span>
          </li>`,
        )}
      </ul>`;
  }

  private renderForm() {
    const t = this.l.t.bind(this.l);
    const editing = this._editing === 'new' ? null : this._editing;
    const input = (name: (typeof FIELDS)[number], label: string, value: string, options: { required?: boolean; long?: boolean } = {}) => {
      const id = `category-${name.replace('.', '-')}`;
      const error = this._errors[name];
      return html`<div>
        <label for=${id}>${label}${options.required ? html` <span aria-hidden="true">*</span>` : nothing}</label>
        ${
          options.long
            ? html`<textarea id=${id} name=${name} rows="2" .value=${value} aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : nothing}></textarea>`
            : html`<input id=${id} name=${name} .value=${value} ?required=${options.required} aria-invalid=${error ? 'true' : 'false'}
                aria-describedby=${error ? `${id}-error` : nothing} />`
        }
        ${error ? html`<p class="error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    return html`<form class="city-form" novalidate @submit=${this.save} aria-labelledby="h-category-form">
      <h3 id="h-category-form">${editing ? t('editCategoryTitle', { name: editing.name.id }) : t('newCategory')}</h3>
      ${this._general.length ? html`<div id="catalogue-errors" class="error" role="alert" tabindex="-1">${this._general.map((g) => html`<p>${g}</p>`)}</div>` : nothing}
      ${editing ? nothing : html`${input('code', t('categoryCode'), '')}<p class="hint">${t('categoryCodeHint')}</p>`}
      ${input('name.id', t('categoryNameId'), editing?.name.id ?? '', { required: true })}
      ${input('name.en', t('categoryNameEn'), editing?.name.en ?? '', { required: true })}
      <p class="hint">${t('requiredHint')}</p>
      ${input('description.id', t('categoryDescriptionId'), editing?.description?.id ?? '', { long: true })}
      ${input('description.en', t('categoryDescriptionEn'), editing?.description?.en ?? '', { long: true })}
      <div>
        <label for="category-group">${t('categoryGroup')}</label>
        <select id="category-group" name="group">
          <option value="">—</option>
          ${this.document.categoryGroups.map((g) => html`<option value=${g.code} ?selected=${editing?.group === g.code}>${this.l.lang === 'en' ? g.name.en : g.name.id}</option>`)}
        </select>
        ${this._errors['group'] ? html`<p class="error">${this._errors['group']}</p>` : nothing}
      </div>
      ${input('keywords', t('categoryKeywords'), (editing?.keywords ?? []).join(', '))}
      <label class="check"><input type="checkbox" name="locationRequired" ?checked=${editing?.locationRequired ?? true} /> ${t('categoryLocationRequired')}</label>
      <div class="form-buttons">
        <button type="submit" name="save-category" ?disabled=${this.flow.busy}>${this.flow.busy ? t('saving') : t('saveCategory')}</button>
        <button type="button" class="secondary" @click=${() => (this._editing = null)}>${t('cancel')}</button>
      </div>
    </form>`;
  }
}
