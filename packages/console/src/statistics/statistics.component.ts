import { LitElement, html, nothing } from 'lit';
import { ApiError, type Area, type ConsoleApi, type Statistics } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { barChart, chartStyles, lineChart } from '@aduan/charts';
import { statisticsStyles } from './statistics.styles.js';

/**
 * The city's numbers from the public `statistics` query: bars by category and by area,
 * the weekly trend, and per-agency median response and resolution times and
 * within-deadline share — all hand-drawn accessible SVG with hidden data tables.
 *
 * @tagname aduan-console-statistics
 * @fires aduan-unauthenticated - Never: statistics are public. Listed for symmetry.
 */
export class AduanConsoleStatistics extends LitElement {
  static override styles = [baseStyles, chartStyles, statisticsStyles];
  static override properties = {
    api: { attribute: false },
    _stats: { state: true },
    _state: { state: true },
    _error: { state: true },
    _days: { state: true },
    _area: { state: true },
    _level: { state: true },
    _kecamatan: { state: true },
  };

  declare api: ConsoleApi;
  declare private _stats: Statistics | null;
  declare private _state: 'loading' | 'ok' | 'error';
  declare private _error: string;
  declare private _days: number;
  declare private _area: string;
  declare private _level: number;
  declare private _kecamatan: Area[];

  private readonly l = new LocaleController(this);
  private loadedLang = '';
  private request = 0;

  constructor() {
    super();
    this._stats = null;
    this._state = 'loading';
    this._error = '';
    this._days = 365;
    this._area = '';
    this._level = 3;
    this._kecamatan = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.api
      .areas()
      .then((a) => (this._kecamatan = [...a.kecamatan].sort((x, y) => x.name.localeCompare(y.name))))
      .catch(() => {});
  }

  override updated(): void {
    if (this.loadedLang && this.loadedLang !== this.l.lang) void this.load();
  }

  async load(): Promise<void> {
    const mine = ++this.request;
    this.loadedLang = this.l.lang;
    this._state = 'loading';
    const to = new Date();
    const from = new Date(to.getTime() - this._days * 86_400_000);
    try {
      const stats = await this.api.statistics(this._area || null, from, to, this._level);
      if (mine !== this.request) return;
      this._stats = stats;
      this._state = 'ok';
    } catch (error) {
      if (mine !== this.request) return;
      this._state = 'error';
      this._error =
        error instanceof ApiError && error.code === 'NETWORK' ? this.l.t('networkError') : this.l.t('genericError', { message: (error as Error).message });
    }
  }

  private change(patch: Partial<{ _days: number; _area: string; _level: number }>): void {
    Object.assign(this, patch);
    void this.load();
  }

  override render() {
    const t = this.l.t.bind(this.l);
    return html`
      <h1>${t('statisticsTitle')}</h1>
      <p class="intro">${t('statisticsIntro')}</p>
      <form class="controls" @submit=${(e: Event) => e.preventDefault()}>
        <div>
          <label for="s-period">${t('period')}</label>
          <select id="s-period" name="period" @change=${(e: Event) => this.change({ _days: Number((e.target as HTMLSelectElement).value) })}>
            ${[30, 90, 365].map((d) => html`<option value=${d} ?selected=${this._days === d}>${t(d === 30 ? 'last30' : d === 90 ? 'last90' : 'last365')}</option>`)}
          </select>
        </div>
        <div>
          <label for="s-area">${t('area')}</label>
          <select id="s-area" name="area" @change=${(e: Event) => this.change({ _area: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${this._area === ''}>${t('wholeCity')}</option>
            ${this._kecamatan.map((k) => html`<option value=${k.code} ?selected=${this._area === k.code}>${k.displayName}</option>`)}
          </select>
        </div>
        <div>
          <label for="s-level">${t('areaLevel')}</label>
          <select id="s-level" name="level" @change=${(e: Event) => this.change({ _level: Number((e.target as HTMLSelectElement).value) })}>
            <option value="3" ?selected=${this._level === 3}>${t('kecamatan')}</option>
            <option value="4" ?selected=${this._level === 4}>${t('kelurahan')}</option>
          </select>
        </div>
      </form>
      <div role="status" aria-live="polite">
        ${this._state === 'loading' ? html`<p>${t('loading')}</p>` : nothing}
        ${this._stats && this._state === 'ok' ? html`<p class="total">${t('total', { n: this.l.number(this._stats.total) })}</p>` : nothing}
      </div>
      ${
        this._state === 'error'
          ? html`<p class="error" role="alert">${this._error}</p>
        <button type="button" class="secondary" @click=${this.load}>${t('retry')}</button>`
          : nothing
      }
      ${this._stats ? this.renderStats(this._stats) : nothing}
    `;
  }

  private barsDesc(items: { label: string; value: number | null }[], format: (n: number) => string = String): string {
    const top = [...items].filter((i) => i.value != null).sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
    return top ? this.l.t('barsDesc', { n: items.length, top: top.label, count: format(top.value!) }) : this.l.t('noData');
  }

  private renderStats(s: Statistics) {
    const t = this.l.t.bind(this.l);
    const categories = s.byCategory.map((c) => ({ label: c.category.name, value: c.count }));
    const areas = s.byArea.filter((a) => a.count > 0 || s.byArea.length <= 30).map((a) => ({ label: a.area.name, value: a.count }));
    const weeks = s.weekly.map((w) => ({ label: this.l.date(`${w.startsOn}T00:00:00Z`), received: w.received, resolved: w.resolved }));
    const agencyName = (a: Statistics['agencies'][number]) => a.agency.shortName ?? a.agency.name;
    const hours = (n: number) => t('hours', { n: this.l.number(n, 1) });
    const response = s.agencies.map((a) => ({ label: agencyName(a), value: a.medianHoursToFirstResponse }));
    const resolution = s.agencies.map((a) => ({ label: agencyName(a), value: a.medianHoursToResolution }));
    const share = s.agencies.map((a) => ({ label: agencyName(a), value: a.withinDeadlineShare }));
    const percent = (n: number) => this.l.percent(n);
    const common = { labelHeader: t('category'), valueHeader: t('count'), empty: t('noData') };
    return html`
      <section class="card" aria-labelledby="h-status">
        <h2 id="h-status">${t('byStatus')}</h2>
        <ul class="status-counts">
          ${s.byStatus.map((b) => html`<li><span class="badge status-${b.status}">${t(b.status)}: ${this.l.number(b.count)}</span></li>`)}
        </ul>
      </section>
      <div class="charts">
        <section class="card" aria-labelledby="h-cat">
          <h2 id="h-cat">${t('byCategory')}</h2>
          ${barChart({ ...common, id: 'c-cat', title: t('byCategory'), desc: this.barsDesc(categories), items: categories, tableCaption: `${t('dataTable')}: ${t('byCategory')}` })}
        </section>
        <section class="card" aria-labelledby="h-area">
          <h2 id="h-area">${t('byArea')}</h2>
          ${barChart({ ...common, labelHeader: t('area'), id: 'c-area', title: t('byArea'), desc: this.barsDesc(areas), items: areas, tableCaption: `${t('dataTable')}: ${t('byArea')}` })}
        </section>
      </div>
      <section class="card" aria-labelledby="h-trend">
        <h2 id="h-trend">${t('trend')}</h2>
        ${lineChart({
          id: 'c-trend',
          title: t('trend'),
          desc: weeks.length
            ? t('trendDesc', { first: weeks[0]!.label, last: weeks.at(-1)!.label, max: Math.max(...weeks.map((w) => w.received)) })
            : t('noData'),
          points: weeks,
          headers: [t('week'), t('received'), t('resolved')],
          legend: [t('received'), t('resolved')],
          tableCaption: `${t('dataTable')}: ${t('trend')}`,
          empty: t('noData'),
        })}
      </section>
      <section class="card" aria-labelledby="h-agencies">
        <h2 id="h-agencies">${t('agencies')}</h2>
        <p class="intro">${t('agenciesDesc')}</p>
        <div class="charts">
          <div>
            <h3>${t('medianResponse')}</h3>
            ${barChart({ ...common, labelHeader: t('agency'), valueHeader: t('medianResponse'), id: 'c-resp', title: t('medianResponse'), desc: this.barsDesc(response, hours), items: response, format: hours, tableCaption: `${t('dataTable')}: ${t('medianResponse')}` })}
          </div>
          <div>
            <h3>${t('medianResolution')}</h3>
            ${barChart({ ...common, labelHeader: t('agency'), valueHeader: t('medianResolution'), id: 'c-res', title: t('medianResolution'), desc: this.barsDesc(resolution, hours), items: resolution, format: hours, tableCaption: `${t('dataTable')}: ${t('medianResolution')}` })}
          </div>
          <div>
            <h3>${t('withinDeadline')}</h3>
            ${barChart({ ...common, labelHeader: t('agency'), valueHeader: t('withinDeadline'), id: 'c-share', title: t('withinDeadline'), desc: this.barsDesc(share, percent), items: share, format: percent, max: 1, tableCaption: `${t('dataTable')}: ${t('withinDeadline')}` })}
          </div>
        </div>
        ${
          s.agencies.length
            ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-agencies">
              <table class="perf">
                <thead>
                  <tr>
                    <th scope="col">${t('agency')}</th>
                    <th scope="col">${t('received')}</th>
                    <th scope="col">${t('medianResponse')}</th>
                    <th scope="col">${t('medianResolution')}</th>
                    <th scope="col">${t('withinDeadline')}</th>
                    <th scope="col">${t('reroutes')}</th>
                    <th scope="col">${t('openOverdue')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${s.agencies.map(
                    (a) => html`<tr>
                      <th scope="row">${a.agency.name}</th>
                      <td>${this.l.number(a.received)}</td>
                      <td>${a.medianHoursToFirstResponse == null ? t('notYet') : hours(a.medianHoursToFirstResponse)}</td>
                      <td>${a.medianHoursToResolution == null ? t('notYet') : hours(a.medianHoursToResolution)}</td>
                      <td>${a.withinDeadlineShare == null ? t('notYet') : `${percent(a.withinDeadlineShare)} (${a.answeredWithinDeadline}/${a.deadlineDecided})`}</td>
                      <td>${this.l.number(a.reroutes)}</td>
                      <td>${this.l.number(a.openOverdue)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
            : nothing
        }
      </section>
    `;
  }
}
