import { LitElement, html, nothing } from 'lit';
import type { AgencyEntry, CityDocument, ConsoleApi } from '../common/api.js';
import type { ChannelEntry } from '../common/city-document.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { CityChangeFlow, loneErrors, settled, codeFrom, inWords, type Proposal } from './city-change.js';
import type { AreaOption } from './routing-settings.component.js';
import { cityFormStyles, settingsTableStyles } from './settings.styles.js';

const FIELDS = ['slug', 'name', 'shortName', 'jurisdiction', 'email', 'triage', 'defaultResponseHours', 'escalatesTo', 'channels'] as const;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The agencies that answer the city's reports — names, e-mail, triage desk, default
 * deadline, where overdue reports go up to, and the channels their reports are
 * delivered by (secrets stay in the server's environment: only the variable's name is
 * here) — and the city's working calendar, on which deadlines count.
 *
 * @tagname aduan-console-agency-settings
 * @fires aduan-city-changed - after a change is saved, so the settings read the city again
 */
export class AduanConsoleAgencySettings extends LitElement {
  static override styles = [baseStyles, settingsTableStyles, cityFormStyles];
  static override properties = {
    api: { attribute: false },
    document: { attribute: false },
    areas: { attribute: false },
    _editing: { state: true },
    _channels: { state: true },
    _errors: { state: true },
    _general: { state: true },
    _notice: { state: true },
    _calendarErrors: { state: true },
    _calendarNotice: { state: true },
  };

  declare api: ConsoleApi;
  declare document: CityDocument;
  declare areas: AreaOption[];
  declare private _editing: AgencyEntry | 'new' | null;
  /** The channels in the open form, added and removed before saving. */
  declare private _channels: ChannelEntry[];
  declare private _errors: Record<string, string>;
  declare private _general: string[];
  declare private _notice: string;
  declare private _calendarErrors: string[];
  declare private _calendarNotice: string;

  private readonly l = new LocaleController(this);
  private readonly flow = new CityChangeFlow(this, this.l, () => {
    this.dispatchEvent(new CustomEvent('aduan-city-changed', { bubbles: true, composed: true }));
  });

  constructor() {
    super();
    this.areas = [];
    this._editing = null;
    this._channels = [];
    this._errors = {};
    this._general = [];
    this._notice = '';
    this._calendarErrors = [];
    this._calendarNotice = '';
    this.flow.onCancel = () => void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#h-agencies')?.focus());
  }

  private async edit(agency: AgencyEntry | 'new'): Promise<void> {
    this._editing = agency;
    this._channels = agency === 'new' ? [] : (agency.channels ?? []).map((c) => ({ ...c }));
    this._errors = {};
    this._general = [];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(agency === 'new' ? '#agency-slug' : '#agency-name')?.focus();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const editing = this._editing === 'new' ? null : this._editing;
    const channels = this._channels.map((_, i) => {
      const kind = text(`channel-${i}-kind`) as ChannelEntry['kind'];
      const target = text(`channel-${i}-target`);
      const secretEnv = text(`channel-${i}-secret`);
      return {
        // Unnamed: its kind and place ("surel-1"), which the file's rules accept.
        name: text(`channel-${i}-name`) || `${kind === 'email' ? 'surel' : kind}-${i + 1}`,
        kind,
        ...(kind === 'email' ? (target ? { email: target } : {}) : { url: target }),
        ...(secretEnv && kind !== 'email' ? { secretEnv } : {}),
        locale: text(`channel-${i}-locale`) || 'id',
      };
    });
    const input = {
      slug: editing?.slug ?? (text('slug') || codeFrom(text('shortName') || text('name'))),
      name: text('name'),
      shortName: text('shortName') || null,
      jurisdiction: text('jurisdiction'),
      email: text('email') || null,
      triage: form.get('triage') === 'on',
      defaultResponseHours: Number(text('defaultResponseHours') || '0'),
      escalatesTo: text('escalatesTo') || null,
      channels,
    };
    this.settle(await this.flow.propose('agency', input, this.l.t('agencySaved', { name: input.name })));
  }

  private async saveCalendar(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const holidays = String(form.get('holidays') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [date = '', ...name] = line.split(/\s+/);
        return { date, name: name.join(' ') || date };
      });
    const proposal = await this.flow.propose(
      'calendar',
      { jurisdiction: this.document.city, workingDays: form.getAll('workingDays').map(Number), holidays },
      this.l.t('calendarSaved'),
    );
    this._calendarNotice = '';
    if ('refused' in proposal) {
      this._calendarErrors = proposal.refused.fields.map((f) => {
        const line = /^holidays\.(\d+)/.exec(f.field);
        const words = inWords(this.l, f.field, f.message);
        return line ? `${this.l.t('holidayLine', { n: Number(line[1]) + 1 })} ${words}` : words;
      });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#calendar-errors')?.focus();
      return;
    }
    this._calendarErrors = [];
    if ('saved' in proposal) this._calendarNotice = proposal.saved;
    else await this.settle(proposal);
  }

  private async confirm(): Promise<void> {
    this.settle(await this.flow.confirm());
  }

  private async settle(proposal: Proposal): Promise<void> {
    const next = settled(proposal, FIELDS, this.l, 'agency');
    if (next.closeForm) {
      this._editing = null;
    }
    if (next.notice !== undefined) this._notice = next.notice;
    if (next.errors) this._errors = next.errors;
    if (next.general) this._general = next.general;
    await this.updateComplete;
    if (next.focus) this.renderRoot.querySelector<HTMLElement>(next.focus)?.focus();
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const areaName = new Map(this.areas.map((a) => [a.code, a.label.replace(/^— /, '')]));
    return html`
      <h2 id="h-agencies" tabindex="-1">${t('agenciesTitle')}</h2>
      <p id="agency-notice" class="notice" role="status" tabindex="-1">${this._notice}</p>
      ${loneErrors(this._general, 'agency', this._editing !== null)}
      ${this.flow.render(() => this.confirm())}
      ${this._editing ? this.renderForm() : html`<button type="button" name="new-agency" @click=${() => this.edit('new')}>${t('newAgency')}</button>`}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-agencies">
        <table>
          <thead>
            <tr>
              <th scope="col">${t('agencyName')}</th>
              <th scope="col">${t('ruleArea')}</th>
              <th scope="col">${t('agencyHours')}</th>
              <th scope="col">${t('agencyChannels')}</th>
              <th scope="col">${t('staffActions')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.document.agencies.map(
              (a) => html`<tr data-slug=${a.slug}>
                <td>${a.name}${a.triage ? html`<br /><strong>${t('agencyTriage')}</strong>` : nothing}${a.email ? html`<br /><span class="hint">${a.email}</span>` : nothing}</td>
                <td>${areaName.get(a.jurisdiction) ?? a.jurisdiction}</td>
                <td>${a.defaultResponseHours ?? 72}</td>
                <td>${(a.channels ?? []).map((c) => `${c.name} (${t(`channelKind_${c.kind}`)})`).join(', ') || '—'}</td>
                <td><div class="actions"><button type="button" class="secondary" name="edit" @click=${() => this.edit(a)}>${t('change')}</button></div></td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this.renderCalendar()}
    `;
  }

  private renderForm() {
    const t = this.l.t.bind(this.l);
    const editing = this._editing === 'new' ? null : this._editing;
    const invalid = (field: string) => (this._errors[field] ? 'true' : 'false');
    const error = (field: string) => (this._errors[field] ? html`<p class="error">${this._errors[field]}</p>` : nothing);
    const text = (field: (typeof FIELDS)[number], label: string, value: string, type = 'text') => html`<div>
      <label for="agency-${field}">${label}</label>
      <input id="agency-${field}" name=${field} type=${type} .value=${value} aria-invalid=${invalid(field)} />
      ${error(field)}
    </div>`;
    return html`<form class="city-form" novalidate @submit=${this.save} aria-labelledby="h-agency-form">
      <h3 id="h-agency-form">${editing ? t('editAgencyTitle', { name: editing.name }) : t('newAgency')}</h3>
      ${this._general.length ? html`<div id="agency-errors" class="error" role="alert" tabindex="-1">${this._general.map((g) => html`<p>${g}</p>`)}</div>` : nothing}
      ${editing ? nothing : html`${text('slug', t('agencySlug'), '')}<p class="hint">${t('categoryCodeHint')}</p>`}
      ${text('name', t('agencyName'), editing?.name ?? '')} ${text('shortName', t('agencyShortName'), editing?.shortName ?? '')}
      <div>
        <label for="agency-jurisdiction">${t('ruleArea')}</label>
        <select id="agency-jurisdiction" name="jurisdiction" aria-invalid=${invalid('jurisdiction')}>
          ${this.areas.map((a) => html`<option value=${a.code} ?selected=${(editing?.jurisdiction ?? this.document.city) === a.code}>${a.label}</option>`)}
        </select>
        ${error('jurisdiction')}
      </div>
      ${text('email', t('agencyEmail'), editing?.email ?? '', 'email')}
      <label class="check"><input type="checkbox" name="triage" ?checked=${editing?.triage ?? false} /> ${t('agencyTriageLabel')}</label>
      ${text('defaultResponseHours', t('agencyHours'), String(editing?.defaultResponseHours ?? 72), 'number')}
      <div>
        <label for="agency-escalatesTo">${t('agencyEscalatesTo')}</label>
        <select id="agency-escalatesTo" name="escalatesTo" aria-invalid=${invalid('escalatesTo')}>
          <option value="">—</option>
          ${this.document.agencies
            .filter((a) => a.slug !== editing?.slug)
            .map((a) => html`<option value=${a.slug} ?selected=${editing?.escalatesTo === a.slug}>${a.name}</option>`)}
        </select>
        ${error('escalatesTo')}
      </div>
      <fieldset>
        <legend>${t('agencyChannels')}</legend>
        <p class="hint">${t('channelsHint')}</p>
        ${this._channels.map((c, i) => this.renderChannel(c, i))}
        ${error('channels')}
        <div><button type="button" class="secondary" name="add-channel" @click=${() => this.addChannel()}>${t('addChannel')}</button></div>
      </fieldset>
      <div class="form-buttons">
        <button type="submit" name="save-agency" ?disabled=${this.flow.busy}>${this.flow.busy ? t('saving') : t('saveAgency')}</button>
        <button type="button" class="secondary" @click=${() => (this._editing = null)}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderChannel(channel: ChannelEntry, i: number) {
    const t = this.l.t.bind(this.l);
    const id = `channel-${i}`;
    return html`<fieldset class="channel">
      <legend>${t('channelN', { n: i + 1 })}</legend>
      <div>
        <label for="${id}-name">${t('channelName')}</label>
        <input id="${id}-name" name="${id}-name" .value=${channel.name} aria-describedby="${id}-name-hint" />
        <p class="hint" id="${id}-name-hint">${t('channelNameHint')}</p>
      </div>
      <div>
        <label for="${id}-kind">${t('channelKind')}</label>
        <select id="${id}-kind" name="${id}-kind" @change=${(e: Event) => this.setKind(i, (e.target as HTMLSelectElement).value as ChannelEntry['kind'])}>
          ${(['email', 'webhook', 'open311'] as const).map((k) => html`<option value=${k} ?selected=${channel.kind === k}>${t(`channelKind_${k}`)}</option>`)}
        </select>
      </div>
      <div>
        <label for="${id}-target">${t('channelTarget')}</label>
        <input id="${id}-target" name="${id}-target" .value=${channel.url ?? channel.email ?? ''} aria-describedby="${id}-target-hint" />
        <p class="hint" id="${id}-target-hint">${t('channelTargetHint')}</p>
      </div>
      ${
        channel.kind === 'email'
          ? nothing
          : html`<div>
              <label for="${id}-secret">${t('channelSecret')}</label>
              <input id="${id}-secret" name="${id}-secret" .value=${channel.secretEnv ?? ''} placeholder="ADUAN_SECRET_${this.document.trackingCodePrefix}_…"
                aria-describedby="${id}-secret-hint" />
              <p class="hint" id="${id}-secret-hint">${t('channelSecretHint', { prefix: `ADUAN_SECRET_${this.document.trackingCodePrefix}_` })}</p>
            </div>`
      }
      <div>
        <label for="${id}-locale">${t('channelLocale')}</label>
        <select id="${id}-locale" name="${id}-locale">
          <option value="id" ?selected=${channel.locale !== 'en'}>Bahasa Indonesia</option>
          <option value="en" ?selected=${channel.locale === 'en'}>English</option>
        </select>
      </div>
      <div>
        <button type="button" class="secondary" name="remove-channel" @click=${() => (this._channels = this._channels.filter((_, j) => j !== i))}>
          ${t('removeChannel')}
        </button>
      </div>
    </fieldset>`;
  }

  private async addChannel(): Promise<void> {
    this._channels = [...this._channels, { name: '', kind: 'email' }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#channel-${this._channels.length - 1}-name`)?.focus();
  }

  /** A channel's kind chosen in the form: what it asks for follows (no secret for e-mail). */
  private setKind(index: number, kind: ChannelEntry['kind']): void {
    this._channels = this._channels.map((c, i) => (i === index ? { ...c, kind } : c));
  }

  private renderCalendar() {
    const t = this.l.t.bind(this.l);
    const city = this.document.jurisdictions.find((j) => j.code === this.document.city);
    const days = new Set(city?.workingDays ?? []);
    return html`<form class="city-form calendar" novalidate @submit=${this.saveCalendar} aria-labelledby="h-calendar">
      <h3 id="h-calendar">${t('calendarTitle')}</h3>
      <p class="notice" role="status">${this._calendarNotice}</p>
      <p class="hint">${t('calendarIntro')}</p>
      ${this._calendarErrors.length ? html`<div id="calendar-errors" class="error" role="alert" tabindex="-1">${this._calendarErrors.map((e) => html`<p>${e}</p>`)}</div>` : nothing}
      <fieldset>
        <legend>${t('workingDays')}</legend>
        ${WEEKDAYS.map(
          (day) =>
            html`<label class="check"><input type="checkbox" name="workingDays" value=${day} ?checked=${days.has(day)} /> ${t(`weekday_${day}`)}</label>`,
        )}
      </fieldset>
      <div>
        <label for="calendar-holidays">${t('holidays')}</label>
        <textarea id="calendar-holidays" name="holidays" rows="8" aria-describedby="holidays-hint"
          .value=${(city?.holidays ?? []).map((h) => `${h.date} ${h.name}`).join('\n')}></textarea>
        <p class="hint" id="holidays-hint">${t('holidaysHint')}</p>
      </div>
      <div class="form-buttons"><button type="submit" name="save-calendar" ?disabled=${this.flow.busy}>${t('saveCalendar')}</button></div>
    </form>`;
  }
}
