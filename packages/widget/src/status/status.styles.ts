import { css } from '../first-script.js';

export const statusStyles = css`
  :host {
    max-width: 640px;
    padding: var(--aduan-padding, 16px);
  }
  form .row input {
    flex: 1 1 180px;
    width: auto;
    text-transform: uppercase;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 12px 0 16px;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    border-inline-start: 2px solid var(--_border);
  }
  li {
    padding: 0 0 12px 16px;
  }
  time {
    display: block;
    color: var(--_muted);
    font-size: 14px;
  }
  .report {
    margin-top: 16px;
  }
  [part='actions'] {
    margin: 0 0 16px;
    padding: 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .ok {
    color: var(--_ok);
  }
  .badge {
    display: inline-block;
    padding: 2px 10px;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 14px;
    font-weight: 600;
  }
  .badge.overdue {
    color: var(--_error);
  }
`;
