import { css } from 'lit';

export const statisticsStyles = css`
  .intro { color: var(--muted); margin-top: 0; }
  section.card, .charts { margin-bottom: 1rem; }
  .charts > section.card { margin-bottom: 0; }
  form.controls { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 0.75rem 1rem; margin-bottom: 1rem; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); gap: 1rem; }
  .total { font-size: 1.2rem; font-weight: 700; }
  .table-wrap { overflow-x: auto; }
  table.perf { border-collapse: collapse; width: 100%; min-width: 40rem; }
  table.perf th, table.perf td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--border); }
  table.perf td { font-variant-numeric: tabular-nums; }
  table.perf thead th { background: var(--surface-alt); font-size: 0.85rem; }
  ul.status-counts { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0; }
`;
