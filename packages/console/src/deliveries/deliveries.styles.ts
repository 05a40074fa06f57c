import { css } from 'lit';

export const deliveriesStyles = css`
  .intro, .muted { color: var(--muted); }
  .intro { margin-top: 0; max-width: 60rem; }
  form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: end; margin-bottom: 0.5rem; }
  form.filters select { min-width: 14rem; }
  .summary { margin: 0.5rem 0; color: var(--muted); }
  .empty { font-size: 1.05rem; }
  table { width: 100%; border-collapse: collapse; background: var(--surface); }
  caption { text-align: left; }
  th, td { text-align: left; padding: 0.6rem 0.5rem; border-bottom: 1px solid var(--border); vertical-align: top; }
  th { background: var(--surface-alt); font-size: 0.9rem; }
  tr.state-DEAD td:first-child { border-left: 6px solid var(--danger); }
  .code a { font-family: ui-monospace, monospace; font-weight: 700; white-space: nowrap; }
  .error-cell { max-width: 24rem; }
  .remote-error { display: block; margin: 0; }
  td button { white-space: nowrap; }
  @media (max-width: 52rem) {
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table, tbody, tr, td { display: block; width: 100%; }
    tr { border: 1px solid var(--border); border-radius: 8px; margin-bottom: 0.75rem; background: var(--surface); }
    tr.state-DEAD { border-left: 6px solid var(--danger); }
    tr.state-DEAD td:first-child { border-left: none; }
    td { border: none; padding: 0.3rem 0.75rem; }
    .error-cell { max-width: none; }
    td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; color: var(--muted); }
    td button { width: 100%; }
  }
`;
