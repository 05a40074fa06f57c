// The routing tester's map, fetched only when an admin opens it: Leaflet with a site's
// tiles over the city, and a tap (or click) that puts a pin down and hands its point to
// the tester. Leaflet's styles are adopted into the element's shadow root, so the map
// works under the console's page policy (no inline styles). The typed point beside it
// stays for the keyboard.
import L from 'leaflet';
import leafletCss from 'leaflet/dist/leaflet.css?inline';

export interface TesterMapSource {
  tiles: string;
  attribution: string;
  maxZoom: number;
  /** [west, south, east, north] of the city. */
  bounds: unknown;
}

const PIN_CSS = `
.tester-map { height: 320px; border: 1px solid var(--border); border-radius: 8px; margin-block: 0.5rem; }
.tester-pin span { display: block; height: 100%; background: var(--accent, #0b5cad); border: 3px solid #fff; border-radius: 50% 50% 50% 0; rotate: -45deg; box-shadow: 0 1px 4px #0008; }
.leaflet-container { font: inherit; }
`;

const adopted = new WeakSet<ShadowRoot>();

/** Shows the map in `container`; `onPick` gets each point tapped. Returns how to take it down. */
export function mountTesterMap(container: HTMLElement, source: TesterMapSource, onPick: (point: { lat: number; lng: number }) => void): () => void {
  const root = container.getRootNode();
  if (root instanceof ShadowRoot && !adopted.has(root)) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(leafletCss + PIN_CSS);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    adopted.add(root);
  }
  const [west, south, east, north] = source.bounds as [number, number, number, number];
  const map = L.map(container, { maxZoom: source.maxZoom, zoomSnap: 1 });
  L.tileLayer(source.tiles, { maxZoom: source.maxZoom, attribution: source.attribution }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.fitBounds(L.latLngBounds([south, west], [north, east]));
  const icon = L.divIcon({ className: 'tester-pin', html: '<span></span>', iconSize: [28, 28], iconAnchor: [14, 28] });
  let pin: L.Marker | null = null;
  map.on('click', (event: L.LeafletMouseEvent) => {
    const point = { lat: Number(event.latlng.lat.toFixed(6)), lng: Number(event.latlng.lng.toFixed(6)) };
    if (pin) pin.setLatLng(event.latlng);
    else pin = L.marker(event.latlng, { icon, keyboard: false, interactive: false }).addTo(map);
    onPick(point);
  });
  return () => map.remove();
}
