import { css } from 'lit';

/** Shared by every console element: type, form controls, buttons, badges, the visually-hidden utility. */
export const baseStyles = css`
  :host {
    --accent: #0b5cad;
    --accent-strong: #084482;
    --text: #1b1f24;
    --muted: #4a5360;
    --border: #c5cbd3;
    --surface: #ffffff;
    --surface-alt: #eef1f5;
    --danger: #a4161a;
    --danger-bg: #fdecec;
    --warn-bg: #fff4d6;
    --warn-border: #a15c00;
    --ok: #1a6b34;
    --internal-bg: #f3eefc;
    --internal-border: #6a3fb5;
    display: block;
    color: var(--text);
    font-size: 1rem;
    line-height: 1.45;
  }
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h1, h2, h3 { line-height: 1.2; margin: 0 0 0.75rem; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.2rem; }
  h3 { font-size: 1.05rem; }
  a { color: var(--accent-strong); }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {
    outline: 3px solid #f0a500;
    outline-offset: 2px;
  }
  label { font-weight: 600; display: block; margin-bottom: 0.25rem; }
  input, select, textarea {
    font: inherit;
    color: inherit;
    background: var(--surface);
    border: 1px solid #767f8c;
    border-radius: 6px;
    padding: 0.5rem 0.6rem;
    min-height: 2.75rem;
    width: 100%;
  }
  textarea { min-height: 5rem; resize: vertical; }
  /* 24 px at least: WCAG 2.2's target size, and a thumb's on a phone. */
  input[type='checkbox'] { width: 1.5rem; min-height: 1.5rem; height: 1.5rem; margin: 0; flex-shrink: 0; }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: 6px;
    border: 1px solid var(--accent);
    background: var(--accent);
    color: #fff;
    cursor: pointer;
  }
  button:hover { background: var(--accent-strong); }
  button[disabled] { opacity: 0.6; cursor: progress; }
  button.secondary { background: var(--surface); color: var(--accent-strong); }
  button.secondary:hover { background: var(--surface-alt); }
  button.link { background: none; border: none; color: var(--accent-strong); text-decoration: underline; padding: 0.25rem; min-height: 0; }
  .hint { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0 0; }
  .error {
    color: var(--danger);
    background: var(--danger-bg);
    border-left: 4px solid var(--danger);
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .notice {
    background: #e7f4ea;
    border-left: 4px solid var(--ok);
    padding: 0.5rem 0.75rem;
    margin: 0.5rem 0;
  }
  .card { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 1rem; }
  .badge {
    display: inline-block;
    border-radius: 999px;
    padding: 0.1rem 0.6rem;
    font-size: 0.85rem;
    font-weight: 600;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .status-RECEIVED { color: #084482; background: #e6f0fb; }
  .status-ACKNOWLEDGED { color: #5a3b00; background: #fff1d1; }
  .status-IN_PROGRESS { color: #4a2a8a; background: #efe9fb; }
  .status-RESOLVED { color: #14532b; background: #e3f3e8; }
  .status-REJECTED { color: #7a1114; background: #fbe6e6; }
  .status-CLOSED { color: #333a44; background: #eceef1; }
  .overdue-badge { color: var(--danger); background: var(--danger-bg); }
  .escalated-badge { color: #5a3b00; background: #fff1d1; }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
