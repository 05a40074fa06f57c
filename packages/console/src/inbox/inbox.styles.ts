import { css } from 'lit';

export const inboxStyles = css`
  form.filters {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.75rem 1rem;
    align-items: end;
    margin-bottom: 1rem;
  }
  form.filters .wide { grid-column: span 2; }
  .check { display: flex; gap: 0.5rem; align-items: center; min-height: 2.75rem; }
  .check label { margin: 0; }
  .buttons { display: flex; gap: 0.5rem; }
  .buttons button { white-space: nowrap; }
  .counts { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; margin: 0 0 1rem; }
  .counts button { font-weight: 500; }
  .counts strong { font-weight: 800; }
  .summary { margin: 0.5rem 0; color: var(--muted); }
  .intro, .muted { color: var(--muted); }
  .intro { margin-top: 0; }
  table { width: 100%; border-collapse: collapse; background: var(--surface); }
  caption { text-align: left; }
  th, td { text-align: left; padding: 0.6rem 0.5rem; border-bottom: 1px solid var(--border); vertical-align: top; }
  th { background: var(--surface-alt); font-size: 0.9rem; }
  tr.overdue td { background: var(--warn-bg); }
  tr.overdue td:first-child { border-left: 6px solid var(--danger); }
  .code a { font-family: ui-monospace, monospace; font-weight: 700; white-space: nowrap; display: inline-block; padding: 0.375rem 0; }
  .desc { max-width: 28rem; overflow-wrap: anywhere; }
  .desc span { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  .more { margin: 1rem 0; text-align: center; }
  @media (max-width: 52rem) {
    form.filters .wide { grid-column: auto; }
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table, tbody, tr, td { display: block; width: 100%; }
    tr { border: 1px solid var(--border); border-radius: 8px; margin-bottom: 0.75rem; background: var(--surface); }
    tr.overdue { border-left: 6px solid var(--danger); }
    tr.overdue td:first-child { border-left: none; }
    td { border: none; padding: 0.3rem 0.75rem; }
    td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; color: var(--muted); }
  }
`;
