/**
 * The widget's maps, as a chunk fetched only when someone opens one. The map to place a report on:
 * Leaflet with the site's tiles and a pin that moves by dragging, by a tap on the map,
 * or by the arrow keys once it has focus (Shift for bigger steps). The pin starts in the
 * middle of the site's area and counts as the report's place only once it was moved (or
 * a GPS fix put it somewhere). Leaflet's styles are adopted into the form's shadow root,
 * so the map works under a page policy without inline styles. And the public map of open
 * reports (<aduan-statistics>): one count per area, at the area's own label point.
 */
import L from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import type { LocationInput, Site } from '@aduan/client';
import { addStrings } from '../first-script.js';
import { mapStrings } from './map.strings.js';

addStrings(mapStrings);

export type SiteMap = NonNullable<Site['map']>;

export interface PlacedMap {
  /** Moves the pin (a GPS fix) and the map to it. */
  setPoint(point: LocationInput): void;
  destroy(): void;
}

const PIN_CSS = `
.map { height: 280px; margin: 8px 0; border: 1px solid var(--_border); border-radius: var(--_radius); }
/* Leaflet places the pin with its own transform: the drop shape turns inside it. */
.aduan-pin span { display: block; height: 100%; background: var(--_accent); border: 3px solid var(--_bg); border-radius: 50% 50% 50% 0; rotate: -45deg; box-shadow: 0 1px 4px #0008; }
.aduan-pin:focus-visible { outline: 3px solid var(--_accent); outline-offset: 3px; }
.leaflet-container { font: inherit; }
/* Leaflet animates its zoom and pans: not for those who asked the system for less motion. */
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; scroll-behavior: auto !important; } }
/* A count, its circle growing with it; the text stays dark on light whatever the theme. */
.aduan-count { display: grid; place-items: center; border-radius: 50%; background: #b3261ee6; color: #fff; font-weight: 700; border: 2px solid #fff; box-shadow: 0 1px 4px #0008; }
`;

const adopted = new WeakSet<ShadowRoot>();

function adoptStyles(root: Node): void {
  if (!(root instanceof ShadowRoot) || adopted.has(root)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(leafletCss + PIN_CSS);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  adopted.add(root);
}

const STEPS: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

export function mountMap(
  container: HTMLElement,
  site: SiteMap,
  options: { point?: LocationInput | undefined; pinLabel: string },
  onMove: (point: LocationInput) => void,
): PlacedMap {
  adoptStyles(container.getRootNode());
  const [west, south, east, north] = site.bounds as [number, number, number, number];
  const map = L.map(container, { maxZoom: site.maxZoom, zoomSnap: 1 });
  L.tileLayer(site.tiles, { maxZoom: site.maxZoom, attribution: site.attribution }).addTo(map);
  map.attributionControl.setPrefix(false);
  const area = L.latLngBounds([south, west], [north, east]);
  map.fitBounds(area);
  const start = options.point ? L.latLng(options.point.lat, options.point.lng) : area.getCenter();
  if (options.point) map.setView(start, Math.min(16, site.maxZoom));
  const icon = L.divIcon({ className: 'aduan-pin', html: '<span></span>', iconSize: [26, 26], iconAnchor: [13, 30] });
  const pin = L.marker(start, { draggable: true, keyboard: true, title: options.pinLabel, alt: options.pinLabel, icon }).addTo(map);
  const element = pin.getElement()!;
  element.setAttribute('role', 'button');
  element.setAttribute('aria-label', options.pinLabel);

  const moved = () => {
    const { lat, lng } = pin.getLatLng();
    onMove({ lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) });
  };
  pin.on('dragend', moved);
  map.on('click', (e: L.LeafletMouseEvent) => {
    pin.setLatLng(e.latlng);
    moved();
  });
  element.addEventListener('keydown', (e) => {
    const step = STEPS[e.key];
    if (!step) return;
    e.preventDefault();
    e.stopPropagation(); // the map's own arrow keys would pan it instead
    const size = e.shiftKey ? 50 : 10;
    const to = map.containerPointToLatLng(map.latLngToContainerPoint(pin.getLatLng()).add([step[0] * size, step[1] * size]));
    pin.setLatLng(to);
    map.panInside(to, { padding: [30, 30] });
    moved();
  });
  return {
    setPoint(point) {
      const to = L.latLng(point.lat, point.lng);
      pin.setLatLng(to);
      map.setView(to, Math.max(map.getZoom(), Math.min(16, site.maxZoom)));
    },
    destroy: () => map.remove(),
  };
}

/** One area's count, placed at its label point. */
export interface AreaCount {
  lat: number;
  lng: number;
  count: number;
  /** Read by the browser as the marker's title, e.g. "Oebobo: 3". */
  label: string;
}

export interface AreaMap {
  /** Draws these counts instead of the ones before (a new period). */
  show(counts: readonly AreaCount[]): void;
  destroy(): void;
}

/**
 * Open reports per area: a circle with the number at each area's label point, never a
 * report's own place. Nothing on it takes focus but the map (to pan and zoom by keyboard);
 * the same numbers are in a table beside it.
 */
export function mountAreaMap(container: HTMLElement, site: SiteMap, counts: readonly AreaCount[]): AreaMap {
  adoptStyles(container.getRootNode());
  const [west, south, east, north] = site.bounds as [number, number, number, number];
  const map = L.map(container, { maxZoom: site.maxZoom, zoomSnap: 1 });
  L.tileLayer(site.tiles, { maxZoom: site.maxZoom, attribution: site.attribution }).addTo(map);
  map.attributionControl.setPrefix(false);
  const layer = L.layerGroup().addTo(map);
  const show = (next: readonly AreaCount[]) => {
    layer.clearLayers();
    const placed = next.filter((c) => c.count > 0);
    for (const c of placed) {
      const size = Math.round(Math.min(56, 24 + 6 * Math.sqrt(c.count)));
      const icon = L.divIcon({ className: 'aduan-count', html: String(c.count), iconSize: [size, size] });
      L.marker([c.lat, c.lng], { icon, title: c.label, interactive: false, keyboard: false }).addTo(layer);
    }
    // The whole area, so a single count still shows where in the city it is.
    const around = L.latLngBounds([south, west], [north, east]);
    for (const c of placed) around.extend([c.lat, c.lng]);
    map.fitBounds(around, { padding: [16, 16] });
  };
  show(counts);
  return { show, destroy: () => map.remove() };
}
