import { css } from 'lit';

/** What the settings views share: plain tables of rows to act on. */
export const settingsTableStyles = css`
  /* A table wider than a phone scrolls inside its own box, never the page. */
  .table-wrap {
    overflow-x: auto;
    max-width: 100%;
  }
  .notice:empty {
    padding: 0;
    margin: 0;
    border: 0;
  }
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

/** The forms and the routing preview of the city's catalogue, routing and agencies. */
export const cityFormStyles = css`
  form.city-form {
    border: 1px solid var(--border);
    border-radius: 8px;
    padding: 1rem;
    display: grid;
    gap: 0.75rem;
    margin-block: 1rem;
  }
  form.city-form fieldset {
    display: grid;
    gap: 0.5rem;
  }
  label.check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 2.75rem;
  }
  .routing-preview {
    border: 2px solid var(--border);
    border-inline-start: 6px solid var(--warning, #8a5a00);
    border-radius: 8px;
    padding: 1rem;
    margin-block: 1rem;
  }
  .routing-preview li {
    margin-block-end: 0.5rem;
  }
  .routing-preview li.warning strong {
    color: var(--warning-text, #6b4500);
  }
  [aria-invalid='true'] {
    border-color: var(--danger, #b3261e);
  }
  ul.groups {
    list-style: none;
    padding: 0;
  }
  ul.groups li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5rem;
    padding-block: 0.25rem;
    border-bottom: 1px solid var(--border);
  }
  div.actions,
  span.actions {
    display: flex;
    gap: 0.25rem;
    flex-wrap: wrap;
  }
  .tester-answer dl {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.25rem 1rem;
  }
  tr.pending-delete td {
    background: var(--danger-bg, #fdecec);
  }
  @media (max-width: 40rem) {
    .tester-answer dl {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  .tester-answer dd {
    margin: 0;
  }
`;
