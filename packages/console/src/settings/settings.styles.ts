import { css } from 'lit';

/** What the settings views share: plain tables of rows to act on. */
export const settingsTableStyles = css`
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    text-align: start;
    padding: 0.375rem 0.5rem;
    border-bottom: 1px solid var(--border);
    vertical-align: top;
  }
`;
