/**
 * Where the report is, beyond the kelurahan list the form always has: "use my location",
 * the map (its own chunk, fetched when opened), the routing preview — who would handle
 * the report, asked before sending — and open reports of the same category nearby, which
 * the resident may support instead of sending a duplicate. The form fetches this chunk
 * while the resident fills it in, renders what is here, and sends the point kept here.
 */
import type { LitElement } from 'lit';
import { supportReport, type LocationInput, type NearbyReport, type Site } from '@aduan/client';
import type { Chunk } from '../common/chunks.js';
import type { ConfigController } from '../common/config.controller.js';
import { addStrings, css, emit, html, loadChunk, nothing, randomKey } from '../first-script.js';
import type { PlacedMap } from './map.chunk.js';
import { locationStrings } from './location.strings.js';
import { addStyles } from './part-styles.js';

addStrings(locationStrings);

const locationStyles = css`
  .preview {
    border-inline-start: 4px solid var(--_accent);
    padding: 4px 0 4px 12px;
    margin: 8px 0 12px;
  }
  [part='nearby'] ul {
    list-style: none;
    padding: 0;
  }
  [part='nearby'] li {
    border-top: 1px solid var(--_border);
    padding: 8px 0;
  }
  [part='nearby'] li p {
    margin: 0 0 8px;
  }
`;

/** What the form lends its location. */
export interface LocationHost {
  readonly element: LitElement;
  readonly cfg: ConfigController;
  /** The site's map, once the form has started. */
  readonly siteMap: Site['map'] | undefined;
  /** The point came or went: the fields that depend on it are checked again. */
  changed(): void;
  categoryName(code: string): string;
  /** Shows the status of a report (one the resident supported). */
  follow(code: string): void;
  /** A refusal or a failure, said at the submit button. */
  say(message: string): void;
}

export class LocationPart {
  /** The report's place: a GPS fix or the map's pin. */
  point?: LocationInput;
  /** The line under the buttons: finding, found, denied… */
  note = '';
  preview?: { text: string; error: boolean };
  nearby: NearbyReport[] = [];
  mapOpen = false;
  private map?: PlacedMap;
  /** Counts the questions to the server, so an answer to an earlier one is dropped. */
  private asked = 0;

  constructor(private readonly host: LocationHost) {
    addStyles(host.element, locationStyles);
  }

  private set(state: Partial<Pick<LocationPart, 'point' | 'note' | 'preview' | 'nearby' | 'mapOpen'>>): void {
    Object.assign(this, state);
    this.host.element.requestUpdate();
  }

  private control(name: 'category' | 'jurisdiction'): HTMLSelectElement | null {
    return this.host.element.renderRoot.querySelector(`select[name=${name}]`);
  }

  locate(): void {
    const t = this.host.cfg.t.bind(this.host.cfg);
    const geo = navigator.geolocation;
    this.set({ note: t(geo ? 'locating' : 'locationUnavailable') });
    if (!geo) return;
    geo.getCurrentPosition(
      (position) => {
        this.set({ point: { lat: position.coords.latitude, lng: position.coords.longitude }, note: t('locationFound') });
        this.map?.setPoint(this.point!);
        this.host.changed();
        void this.ask();
      },
      (error) => this.set({ point: undefined, note: error.code === error.PERMISSION_DENIED ? t('locationDenied') : t('locationUnavailable') }),
      { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 },
    );
  }

  /** Fetches the map's chunk and mounts it under the location buttons. */
  async openMap(): Promise<void> {
    const site = this.host.siteMap;
    if (!site) return;
    let chunk: Chunk<'map'>;
    try {
      chunk = await loadChunk('map');
    } catch {
      return this.set({ note: this.host.cfg.t('mapOffline') }); // the button stays, to try again
    }
    this.set({ mapOpen: true, note: '' });
    await this.host.element.updateComplete;
    const container = this.host.element.renderRoot.querySelector<HTMLElement>('[part=map]');
    if (!container || this.map) return;
    this.map = chunk.mountMap(container, site, { point: this.point, pinLabel: this.host.cfg.t('pinLabel') }, (point) => this.placeAt(point));
    container.querySelector<HTMLElement>('.aduan-pin')?.focus();
  }

  /** The pin moved: that is the report's place now, and the routing preview follows it. */
  private placeAt(point: LocationInput): void {
    const kelurahan = this.control('jurisdiction');
    if (kelurahan) kelurahan.value = '';
    this.set({ point, note: this.host.cfg.t('pinPlaced') });
    this.host.changed();
    void this.ask();
  }

  /** "Hapus lokasi": the point goes, and with a kelurahan chosen the preview is for it. */
  clear(): void {
    this.asked++;
    this.set({ point: undefined, note: '', preview: undefined, nearby: [] });
    this.host.changed();
    if (this.control('jurisdiction')?.value) void this.ask();
  }

  /** A kelurahan chosen is the location: a point from before (say, outside the city) no longer counts. */
  choseKelurahan(): void {
    if (this.point) this.clear();
    else void this.ask();
  }

  /** A new report: no map, no point. */
  reset(): void {
    this.map?.destroy();
    this.map = undefined;
    this.asked++;
    this.set({ point: undefined, note: '', preview: undefined, nearby: [], mapOpen: false });
  }

  /** Asks the server who would handle this report, so the resident sees it before sending. */
  async ask(): Promise<void> {
    const cfg = this.host.cfg;
    const category = this.control('category')?.value;
    const jurisdictionCode = this.control('jurisdiction')?.value;
    if (!category || (!this.point && !jurisdictionCode)) return this.set({ preview: undefined, nearby: [] });
    const seq = ++this.asked;
    void this.similar(category, seq);
    try {
      const result = await cfg.client.routingPreview({
        site: cfg.site,
        category,
        locale: cfg.locale,
        ...(this.point ? { location: this.point } : { jurisdictionCode }),
      });
      if (seq !== this.asked) return;
      if (result.__typename === 'RoutingPreview') {
        this.set({ preview: { text: cfg.t('routedTo', { agency: result.agency.name, area: result.area.displayName }), error: false } });
      } else if (result.code === 'OUTSIDE_SERVICE_AREA' && this.point) {
        // Not "found" then, nor a location to send: say what to do next.
        this.set({ point: undefined, note: '', nearby: [], preview: { text: cfg.t(this.map ? 'outsideAreaMap' : 'outsideArea'), error: true } });
        this.host.changed();
      } else {
        this.set({ preview: { text: result.message, error: true } });
      }
    } catch {
      if (seq === this.asked) this.set({ preview: undefined }); // only a hint: the submission will route anyway
    }
  }

  /** Open reports of this category near the point, so the resident can follow one instead. */
  private async similar(category: string, seq: number): Promise<void> {
    let found: NearbyReport[] = [];
    try {
      if (this.point) found = await this.host.cfg.client.similarReports(category, this.point, null, this.host.cfg.locale);
    } catch {
      // only a hint
    }
    if (seq === this.asked) this.set({ nearby: found });
  }

  /** Follows an existing report instead of sending this one ("+1"), then shows its status. */
  private async support(handle: string): Promise<void> {
    const { cfg, element } = this.host;
    try {
      const result = await supportReport(cfg.client, handle, randomKey(16), cfg.locale);
      if (result.__typename !== 'ReportSupported') return this.host.say(result.message);
      this.host.follow(result.report.trackingCode);
      emit(element, 'aduan-supported', { trackingCode: result.report.trackingCode, supporters: result.supporters });
    } catch (error) {
      this.host.say(cfg.t('genericError'));
      emit(element, 'aduan-error', { message: error instanceof Error ? error.message : String(error), code: 'NETWORK_ERROR' });
    }
  }

  /** Open reports of the category nearby: enough to recognise one, nothing private. */
  renderNearby() {
    const t = this.host.cfg.t.bind(this.host.cfg);
    if (!this.nearby.length) return nothing;
    return html`<section part="nearby" aria-labelledby="n-title">
      <h3 id="n-title">${t('nearbyTitle')}</h3>
      <p class="hint">${t('nearbyIntro')}</p>
      <ul>
        ${this.nearby.map(
          (r) => html`<li>
            <strong>${this.host.categoryName(r.category)}</strong>
            <p>${t('nearbyItem', { status: t(r.status), area: r.area.displayName, m: r.distance.slice(6, -2), age: r.ageDays ? t('daysAgo', { n: r.ageDays }) : t('today') })}</p>
            ${r.supporters ? html`<p>${t('supporters', { n: r.supporters })}</p>` : nothing}
            <button type="button" name="support" @click=${() => this.support(r.handle)}>${t('followInstead')}</button>
          </li>`,
        )}
      </ul>
      <button type="button" name="anyway" @click=${() => this.set({ nearby: [] })}>${t('sendAnyway')}</button>
    </section>`;
  }
}
