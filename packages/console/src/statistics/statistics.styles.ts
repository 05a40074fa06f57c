import { css } from 'lit';

export const statisticsStyles = css`
  .intro { color: var(--muted); margin-top: 0; }
  section.card, .charts { margin-bottom: 1rem; }
  .charts > section.card { margin-bottom: 0; }
  form.controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.75rem 1rem; margin-bottom: 1rem; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); gap: 1rem; }
  .total { font-size: 1.2rem; font-weight: 700; }
  figure.chart { margin: 0; }
  /* Natural size (1 SVG unit = 1 CSS px) when there is room; scaled down on narrow screens. */
  figure.chart svg[role='img'] { max-width: 100%; height: auto; display: block; }
  .bar { fill: #0b5cad; }
  .axis { stroke: #4a5360; stroke-width: 1; }
  line.grid { stroke: #d5dae1; stroke-width: 1; }
  text { font: 13px system-ui, sans-serif; fill: #1b1f24; }
  text.small { font-size: 11px; }
  text.value { fill: #333a44; }
  .line { fill: none; stroke-width: 2.5; }
  .line.received { stroke: #0b5cad; }
  .line.resolved { stroke: #1a6b34; stroke-dasharray: 6 4; }
  .dot.received { fill: #0b5cad; }
  .dot.resolved { fill: #1a6b34; }
  .legend { display: flex; gap: 1.5rem; flex-wrap: wrap; font-size: 0.9rem; margin-top: 0.25rem; }
  .legend svg { vertical-align: middle; }
  .table-wrap { overflow-x: auto; }
  table.perf { border-collapse: collapse; width: 100%; min-width: 40rem; }
  table.perf th, table.perf td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--border); }
  table.perf td { font-variant-numeric: tabular-nums; }
  table.perf thead th { background: var(--surface-alt); font-size: 0.85rem; }
  ul.status-counts { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0; }
`;
