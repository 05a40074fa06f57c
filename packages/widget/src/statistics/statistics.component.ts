import type { PropertyValues } from 'lit';
import {
  jurisdiction as areaOf,
  OpenReportsByAreaDocument,
  site as siteOf,
  StatisticsDocument,
  type AduanClient,
  type OpenReportsByAreaQuery,
  type Site,
  type StatisticsQuery,
} from '@aduan/client';
import { barChart, chartStyles, lineChart } from '@aduan/charts';
import type { Chunk } from '../common/chunks.js';
import type { StringOverrides } from '../common/strings.js';
import { ConfigController, LitElement, addStrings, baseStyles, css, emit, html, linkButtonStyles, loadChunk, nothing } from '../first-script.js';
import { statisticsCsv, statisticsJson } from './open-data.js';
import { statisticsStrings } from './statistics.strings.js';

addStrings(statisticsStrings);

type Statistics = StatisticsQuery['statistics'];
type OpenArea = OpenReportsByAreaQuery['statistics']['byArea'][number];
type AreaMap = ReturnType<Chunk<'map'>['mountAreaMap']>;
const PERIODS = [30, 90, 365] as const;

/**
 * The city's numbers, for any page: what is reported most and where (by kecamatan), how
 * each agency answers — median time to a first response and to resolution, the share
 * answered within the deadline, reports open past it — and the weekly trend, over the
 * last 30, 90 or 365 days. From the public `statistics` query, which holds no report of
 * anyone's; each chart is followed by a table of its numbers. When the site has a map,
 * "Tampilkan peta" fetches the map chunk and shows the reports still open per kelurahan,
 * each count at its kelurahan's own label point, never where a report was made.
 *
 * @tagname aduan-statistics
 * @attr site - The site key from the embed code; else the script tag's `data-site`.
 * @attr api - The GraphQL endpoint; else `data-api`, else the script's own origin + /graphql.
 * @attr jurisdiction - The code of the area to count; else the site's area.
 * @attr theme - `light` or `dark`; else `data-theme`, else the system setting.
 * @attr strings - Overrides for any visible text, as JSON; else `data-strings`.
 * @attr days - How many days back to count: 30, 90 or 365. Default 90.
 * @attr hide-title - Hides the element's own heading, for a page that has one.
 *
 * @fires aduan-error - The numbers could not be loaded. detail: { message, code }
 *
 * @csspart period - The period buttons.
 * @csspart agencies - The agencies' table.
 * @csspart downloads - The CSV and JSON download links.
 * @csspart open-map - The map of open reports (when the site has a map and it was opened).
 *
 * @cssprop [--aduan-padding=16px] - Padding around the element.
 */
export class AduanStatistics extends LitElement {
  static override styles = [
    baseStyles,
    linkButtonStyles,
    chartStyles,
    css`
      :host {
        --chart-bar: var(--_accent);
        --chart-received: var(--_accent);
        --chart-resolved: var(--_ok);
        --chart-text: var(--_fg);
        --chart-muted: var(--_muted);
        --chart-grid: var(--_border);
        max-width: 960px;
        padding: var(--aduan-padding, 16px);
      }
      section {
        margin: 0 0 24px;
      }
      button[aria-pressed='true'] {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      .table-wrap {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      table.agencies {
        min-width: 560px;
      }
      table th,
      table td {
        text-align: start;
        padding: 6px 8px;
        border-bottom: 1px solid var(--_border);
        font-variant-numeric: tabular-nums;
      }
    `,
  ];
  static override properties = {
    site: {},
    api: {},
    jurisdiction: {},
    days: { type: Number, reflect: true },
    theme: { reflect: true },
    strings: { type: Object },
    client: { attribute: false },
    hideTitle: { type: Boolean, attribute: 'hide-title' },
    _stats: { state: true },
    _area: { state: true },
    _state: { state: true },
    _siteMap: { state: true },
    _open: { state: true },
    _mapState: { state: true },
  };

  declare site?: string;
  declare api?: string;
  /** The area to count; the site's area by default. */
  declare jurisdiction?: string;
  /** 30, 90 or 365: how many days back to count. Default 90. */
  declare days: number;
  declare theme?: string;
  declare strings?: StringOverrides;
  declare client?: AduanClient;
  declare hideTitle: boolean;
  declare private _stats?: Statistics;
  declare private _area: string;
  declare private _state: 'loading' | 'ok' | 'error';
  /** The site's map (`Site.map`): without one there is no map of open reports. */
  declare private _siteMap?: Site['map'];
  declare private _open?: OpenArea[];
  declare private _mapState: 'closed' | 'loading' | 'open' | 'error';
  private areaMap?: AreaMap;

  private readonly cfg = new ConfigController(this);
  private request = 0;
  /** The area counted, once known. */
  private code: string | null = null;
  private loadedLang = '';

  constructor() {
    super();
    this.days = 90;
    this.hideTitle = false;
    this._area = '';
    this._state = 'loading';
    this._mapState = 'closed';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.areaMap?.destroy();
    this.areaMap = undefined;
    if (this._mapState !== 'closed') this._mapState = 'closed';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('days') || changed.has('jurisdiction') || changed.has('site') || this.loadedLang !== this.cfg.lang) void this.load();
  }

  /** Counts again for the current period, area and language. */
  async load(): Promise<void> {
    const mine = ++this.request;
    this.loadedLang = this.cfg.lang;
    this._state = this._stats ? this._state : 'loading';
    const { client, site } = this.cfg;
    try {
      const about = siteOf(client, site);
      let code = this.jurisdiction ?? this.dataset['jurisdiction'] ?? null;
      if (code) this._area ||= (await areaOf(client, code))?.displayName ?? code;
      else {
        const area = (await about)?.area;
        code = area?.code ?? null;
        this._area = area?.displayName ?? '';
      }
      this._siteMap = (await about.catch(() => null))?.map;
      this.code = code;
      const to = new Date();
      const from = new Date(to.getTime() - this.days * 86_400_000);
      const { statistics } = await client.request(StatisticsDocument, {
        code,
        from: from.toISOString(),
        to: to.toISOString(),
        level: 3,
        locale: this.cfg.locale,
      });
      if (mine !== this.request) return;
      this._stats = statistics;
      this._state = 'ok';
      if (this._mapState === 'open') void this.showOpenReports();
    } catch (error) {
      if (mine !== this.request) return;
      this._state = 'error';
      emit(this, 'aduan-error', { message: error instanceof Error ? error.message : String(error), code: 'NETWORK_ERROR' });
    }
  }

  private duration(hours: number | null | undefined): string {
    const t = this.cfg.t.bind(this.cfg);
    if (hours == null) return t('notYet');
    return hours < 48 ? t('hoursShort', { n: Math.round(hours) }) : t('daysShort', { n: Math.round(hours / 24) });
  }

  /** Fetches the map chunk and the open reports per kelurahan of the period, and draws both. */
  private async showOpenReports(): Promise<void> {
    const site = this._siteMap;
    if (!site || !this._stats) return;
    if (this._mapState !== 'open') this._mapState = 'loading';
    const { from, to } = this._stats;
    try {
      const [chunk, { statistics }] = await Promise.all([loadChunk('map'), this.cfg.client.request(OpenReportsByAreaDocument, { code: this.code, from, to })]);
      if (this._stats.from !== from) return; // a newer period took over
      this._open = statistics.byArea.filter((row) => row.open > 0).sort((x, y) => y.open - x.open);
      const counts = this._open.flatMap(({ area, open }) =>
        area.labelPoint ? [{ ...area.labelPoint, count: open, label: `${area.displayName}: ${open}` }] : [],
      );
      this._mapState = 'open';
      await this.updateComplete;
      if (this.areaMap) this.areaMap.show(counts);
      else {
        const container = this.renderRoot.querySelector<HTMLElement>('[part=open-map]');
        if (container) this.areaMap = chunk.mountAreaMap(container, site, counts);
      }
    } catch (error) {
      this.areaMap?.destroy();
      this.areaMap = undefined;
      this._mapState = 'error';
      emit(this, 'aduan-error', { message: error instanceof Error ? error.message : String(error), code: 'NETWORK_ERROR' });
    }
  }

  private renderOpenReports() {
    const t = this.cfg.t.bind(this.cfg);
    const state = this._mapState;
    return html`<section>
      <h3 id="h-open">${t('openTitle')}</h3>
      <p class="hint">${t('openIntro', { days: this.days })}</p>
      ${state === 'closed' || state === 'error' ? html`<button type="button" name="map" @click=${() => this.showOpenReports()}>${t('showMap')}</button>` : nothing}
      <div role="status" aria-live="polite">
        ${state === 'loading' ? html`<p>${t('mapLoading')}</p>` : nothing} ${state === 'error' ? html`<p class="error">${t('mapFailed')}</p>` : nothing}
      </div>
      ${
        state === 'open'
          ? html`<div class="map" part="open-map" role="region" aria-label=${t('mapLabel')}></div>
            ${
              this._open?.length
                ? html`<div class="table-wrap">
                  <table>
                    <caption>
                      ${t('dataTable')}: ${t('openTitle')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">${t('areaCol')}</th>
                        <th scope="col">${t('openCol')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${this._open.map((row) => html`<tr><th scope="row">${row.area.displayName}</th><td>${row.open}</td></tr>`)}
                    </tbody>
                  </table>
                </div>`
                : html`<p>${t('noOpen')}</p>`
            }`
          : nothing
      }
    </section>`;
  }

  override render() {
    const t = this.cfg.t.bind(this.cfg);
    const s = this._stats;
    return html`
      <h2 ?hidden=${this.hideTitle}>${t('statsTitle', { area: this._area })}</h2>
      <div class="row" role="group" aria-label=${t('period')} part="period">
        ${PERIODS.map(
          (n) =>
            html`<button type="button" aria-pressed=${this.days === n ? 'true' : 'false'} @click=${() => (this.days = n)}>${t('lastDays', { n })}</button>`,
        )}
      </div>
      <div role="status" aria-live="polite">
        ${this._state === 'loading' ? html`<p>${t('statsLoading')}</p>` : nothing}
        ${this._state === 'error' ? html`<p class="error">${t('statsFailed')}</p>` : nothing}
        ${s && this._state === 'ok' ? html`<p><strong>${t('statsTotal', { n: s.total, days: this.days })}</strong></p>` : nothing}
      </div>
      ${s && this._state === 'ok' ? this.renderDownloads(s) : nothing}
      ${s ? this.renderNumbers(s) : nothing}
    `;
  }

  /** The same numbers as CSV and JSON files, made here from what was fetched. */
  private renderDownloads(s: Statistics) {
    const t = this.cfg.t.bind(this.cfg);
    const name = `aduan-statistik-${s.from.slice(0, 10)}-${s.to.slice(0, 10)}`;
    const download = (body: string, type: string, file: string) => (e: Event) => {
      const url = URL.createObjectURL(new Blob([body], { type }));
      const a = e.currentTarget as HTMLAnchorElement;
      a.href = url;
      a.download = file;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    };
    return html`<p class="row" part="downloads">
      <a class="button" href="#" name="csv" @click=${download(statisticsCsv(s), 'text/csv;charset=utf-8', `${name}.csv`)}>${t('downloadCsv')}</a>
      <a class="button" href="#" name="json" @click=${download(statisticsJson(s), 'application/json', `${name}.json`)}>${t('downloadJson')}</a>
    </p>`;
  }

  private renderNumbers(s: Statistics) {
    const t = this.cfg.t.bind(this.cfg);
    if (!s.total) return html`<p>${t('noReports')}</p>`;
    // Drawn to the element's width, so the labels stay readable on a phone instead of shrinking.
    const room = Math.max(300, this.clientWidth - 32);
    const common = { empty: t('noReports'), valueHeader: t('receivedCol'), width: Math.min(480, room) };
    const bars = (id: string, title: string, items: { label: string; value: number }[], labelHeader: string) =>
      barChart({
        ...common,
        id,
        title,
        labelHeader,
        items,
        desc: t('barsDesc', { n: items.length, top: items[0] ? `${items[0].label} (${items[0].value})` : '—' }),
        tableCaption: `${t('dataTable')}: ${title}`,
      });
    const categories = s.byCategory.slice(0, 10).map((c) => ({ label: c.category.name, value: c.count }));
    const areas = s.byArea.filter((a) => a.count > 0).map((a) => ({ label: a.area.name, value: a.count }));
    const percent = new Intl.NumberFormat(this.cfg.lang === 'en' ? 'en-GB' : 'id-ID', { style: 'percent' });
    return html`
      <section><h3 id="h-most">${t('mostReported')}</h3>${bars('c-most', t('mostReported'), categories, t('categoryCol'))}</section>
      <section><h3 id="h-area">${t('byKecamatan')}</h3>${bars('c-area', t('byKecamatan'), areas, t('kecamatanCol'))}</section>
      <section>
        <h3 id="h-agencies">${t('agenciesTitle')}</h3>
        <!-- Scrolls sideways on a phone: focusable, so a keyboard can scroll it too. -->
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-agencies">
          <table class="agencies" part="agencies">
            <thead>
              <tr>
                ${(['agencyCol', 'receivedCol', 'firstResponseCol', 'resolutionCol', 'withinDeadlineCol', 'openOverdueCol'] as const).map((k) => html`<th scope="col">${t(k)}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${s.agencies.map(
                (a) => html`<tr>
                  <th scope="row">${a.agency.name}</th>
                  <td>${a.received}</td>
                  <td>${this.duration(a.medianHoursToFirstResponse)}</td>
                  <td>${this.duration(a.medianHoursToResolution)}</td>
                  <td>${a.withinDeadlineShare == null ? t('notYet') : percent.format(a.withinDeadlineShare)}</td>
                  <td>${a.openOverdue}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h3 id="h-trend">${t('trendTitle')}</h3>
        ${lineChart({
          id: 'c-trend',
          title: t('trendTitle'),
          desc: t('trendDesc', { from: s.weekly[0]?.startsOn ?? '', to: s.weekly.at(-1)?.startsOn ?? '' }),
          points: s.weekly.map((w) => ({ label: w.startsOn.slice(5), received: w.received, resolved: w.resolved })),
          headers: [t('weekCol'), t('receivedLegend'), t('resolvedLegend')],
          legend: [t('receivedLegend'), t('resolvedLegend')],
          tableCaption: `${t('dataTable')}: ${t('trendTitle')}`,
          empty: t('noReports'),
          width: Math.min(680, room),
        })}
      </section>
      ${this._siteMap ? this.renderOpenReports() : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aduan-statistics': AduanStatistics;
  }
}
