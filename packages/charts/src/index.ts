// Accessible SVG charts drawn by hand: each is role="img" named by its <title> and
// <desc>, followed by a visually hidden table with the same numbers.
import { css, html, svg, nothing, type TemplateResult } from 'lit';

export interface BarItem {
  label: string;
  value: number | null;
}

export interface BarChartOptions {
  id: string;
  title: string;
  desc: string;
  items: BarItem[];
  /** Column headers of the data table. */
  labelHeader: string;
  valueHeader: string;
  tableCaption: string;
  format?: (value: number) => string;
  /** The scale's maximum (default: the largest value). */
  max?: number;
  empty: string;
  /** Drawing width in CSS px (default 480); a phone's 360 px screen reads best near 340. */
  width?: number;
}

const WIDTH = 480;
const LABEL_WIDTH = 180;
const LINE_WIDTH = 680;
const ROW = 30;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function barChart(o: BarChartOptions): TemplateResult {
  const format = o.format ?? String;
  const values = o.items.map((i) => i.value ?? 0);
  const max = o.max ?? Math.max(1, ...values);
  const width = o.width ?? WIDTH;
  // Labels keep the share of the width they have at 480 px, cut to what fits at 13 px.
  const labelWidth = Math.round((width * LABEL_WIDTH) / WIDTH);
  const barSpace = width - labelWidth - 70;
  const height = Math.max(1, o.items.length) * ROW + 10;
  if (o.items.length === 0) return html`<p>${o.empty}</p>`;
  return html`
    <figure class="chart">
      <svg role="img" aria-labelledby="${o.id}-t ${o.id}-d" width=${width} height=${height} viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet" data-chart=${o.id}>
        <title id="${o.id}-t">${o.title}</title>
        <desc id="${o.id}-d">${o.desc}</desc>
        ${o.items.map((item, i) => {
          const y = i * ROW + 5;
          const w = item.value == null ? 0 : Math.max(item.value > 0 ? 2 : 0, (item.value / max) * barSpace);
          return svg`
            <text x=${labelWidth - 8} y=${y + ROW / 2} text-anchor="end" dominant-baseline="middle" class="label">${truncate(item.label, Math.floor((labelWidth - 8) / 7))}</text>
            <rect x=${labelWidth} y=${y + 4} width=${w} height=${ROW - 10} rx="3" class="bar"></rect>
            <text x=${labelWidth + w + 6} y=${y + ROW / 2} dominant-baseline="middle" class="value">${item.value == null ? '—' : format(item.value)}</text>
          `;
        })}
        <line x1=${labelWidth} x2=${labelWidth} y1="0" y2=${height} class="axis"></line>
      </svg>
      ${dataTable(
        o.tableCaption,
        [o.labelHeader, o.valueHeader],
        o.items.map((i) => [i.label, i.value == null ? '—' : format(i.value)]),
      )}
    </figure>
  `;
}

export interface LinePoint {
  label: string;
  received: number;
  resolved: number;
}

export interface LineChartOptions {
  id: string;
  title: string;
  desc: string;
  points: LinePoint[];
  headers: [string, string, string];
  tableCaption: string;
  legend: [string, string];
  empty: string;
  /** Drawing width in CSS px (default 680). */
  width?: number;
}

export function lineChart(o: LineChartOptions): TemplateResult {
  if (o.points.length === 0) return html`<p>${o.empty}</p>`;
  const W = o.width ?? LINE_WIDTH;
  const H = 260;
  const left = 44;
  const right = 48;
  const top = 14;
  const bottom = 40;
  const max = Math.max(1, ...o.points.flatMap((p) => [p.received, p.resolved]));
  const n = o.points.length;
  const x = (i: number) => left + (n === 1 ? (W - left - right) / 2 : (i * (W - left - right)) / (n - 1));
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max);
  const line = (key: 'received' | 'resolved') => o.points.map((p, i) => `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ');
  const ticks = [0, Math.round(max / 2), max].filter((v, i, a) => a.indexOf(v) === i);
  // A label ("11-30") needs about 48 px; counted back from the latest week, which always has one.
  const labelEvery = Math.max(1, Math.ceil(n / Math.max(2, Math.floor((W - left - right) / 48))));
  return html`
    <figure class="chart">
      <svg role="img" aria-labelledby="${o.id}-t ${o.id}-d" width=${W} height=${H} viewBox="0 0 ${W} ${H}" data-chart=${o.id}>
        <title id="${o.id}-t">${o.title}</title>
        <desc id="${o.id}-d">${o.desc}</desc>
        ${ticks.map(
          (v) => svg`
            <line x1=${left} x2=${W - right} y1=${y(v)} y2=${y(v)} class="grid"></line>
            <text x=${left - 6} y=${y(v)} text-anchor="end" dominant-baseline="middle" class="value">${v}</text>`,
        )}
        ${o.points.map((p, i) =>
          (n - 1 - i) % labelEvery === 0 ? svg`<text x=${x(i)} y=${H - bottom + 18} text-anchor="middle" class="label small">${p.label}</text>` : nothing,
        )}
        <polyline points=${line('received')} class="line received"></polyline>
        <polyline points=${line('resolved')} class="line resolved"></polyline>
        ${o.points.map(
          (p, i) => svg`
            <circle cx=${x(i)} cy=${y(p.received)} r="3.5" class="dot received"></circle>
            <rect x=${x(i) - 3.5} y=${y(p.resolved) - 3.5} width="7" height="7" class="dot resolved"></rect>`,
        )}
      </svg>
      <figcaption class="legend" aria-hidden="true">
        <span><svg width="28" height="10" viewBox="0 0 28 10"><line x1="0" x2="28" y1="5" y2="5" class="line received"></line><circle cx="14" cy="5" r="3.5" class="dot received"></circle></svg> ${o.legend[0]}</span>
        <span><svg width="28" height="10" viewBox="0 0 28 10"><line x1="0" x2="28" y1="5" y2="5" class="line resolved"></line><rect x="10.5" y="1.5" width="7" height="7" class="dot resolved"></rect></svg> ${o.legend[1]}</span>
      </figcaption>
      ${dataTable(
        o.tableCaption,
        o.headers,
        o.points.map((p) => [p.label, String(p.received), String(p.resolved)]),
      )}
    </figure>
  `;
}

function dataTable(caption: string, headers: string[], rows: string[][]): TemplateResult {
  return html`
    <table class="chart-data">
      <caption>${caption}</caption>
      <thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
      <tbody>${rows.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
    </table>
  `;
}

/** The charts' CSS; colours come from custom properties, so each host keeps its theme. */
export const chartStyles = css`
  figure.chart {
    margin: 0;
  }
  /* Natural size (1 SVG unit = 1 CSS px) when there is room; scaled down on narrow screens. */
  figure.chart svg[role='img'] {
    max-width: 100%;
    height: auto;
    display: block;
  }
  .bar {
    fill: var(--chart-bar, #0b5cad);
  }
  .axis {
    stroke: var(--chart-muted, #4a5360);
    stroke-width: 1;
  }
  line.grid {
    stroke: var(--chart-grid, #d5dae1);
    stroke-width: 1;
  }
  figure.chart text {
    font: 13px system-ui, sans-serif;
    fill: var(--chart-text, #1b1f24);
  }
  figure.chart text.small {
    font-size: 11px;
  }
  figure.chart text.value {
    fill: var(--chart-muted, #333a44);
  }
  .line {
    fill: none;
    stroke-width: 2.5;
  }
  .line.received {
    stroke: var(--chart-received, #0b5cad);
  }
  .line.resolved {
    stroke: var(--chart-resolved, #1a6b34);
    stroke-dasharray: 6 4;
  }
  .dot.received {
    fill: var(--chart-received, #0b5cad);
  }
  .dot.resolved {
    fill: var(--chart-resolved, #1a6b34);
  }
  .legend {
    display: flex;
    gap: 1.5rem;
    flex-wrap: wrap;
    font-size: 0.9rem;
    margin-top: 0.25rem;
  }
  .legend svg {
    vertical-align: middle;
  }
  table.chart-data {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;
