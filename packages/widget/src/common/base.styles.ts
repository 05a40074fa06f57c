import { css } from 'lit';

/**
 * The theme: every colour comes from a documented --aduan-* custom property with a light
 * and a dark default (all pairs meet WCAG AA). Sizes are px so the host's root font size
 * cannot distort the widget. The dark defaults are written twice, for the `theme`
 * attribute and for the system setting: CSS has no rule that could serve both, and an
 * interpolated block would leave the stylesheet unminified.
 *
 * Every element whose styles include these gets the properties below in
 * custom-elements.json (custom-elements-manifest.config.mjs copies them there).
 *
 * @cssprop [--aduan-accent=#0b57a4] - Buttons, links and the focus ring.
 * @cssprop [--aduan-accent-fg=#fff] - Text on the accent colour.
 * @cssprop [--aduan-bg=#fff] - Background.
 * @cssprop [--aduan-fg=#1f2328] - Text.
 * @cssprop [--aduan-muted=#4d5561] - Hints.
 * @cssprop [--aduan-border=#6e7781] - Field borders.
 * @cssprop [--aduan-error=#b3261e] - Errors.
 * @cssprop [--aduan-success=#1a6b35] - Confirmations.
 * @cssprop [--aduan-accent-dark=#9cc3ff] - Buttons, links and the focus ring in the dark theme.
 * @cssprop [--aduan-accent-fg-dark=#0b1a2e] - Text on the accent colour in the dark theme.
 * @cssprop [--aduan-bg-dark=#16191d] - Background in the dark theme.
 * @cssprop [--aduan-fg-dark=#e9ecef] - Text in the dark theme.
 * @cssprop [--aduan-muted-dark=#b4bcc6] - Hints in the dark theme.
 * @cssprop [--aduan-border-dark=#8b949e] - Field borders in the dark theme.
 * @cssprop [--aduan-error-dark=#ffb4ab] - Errors in the dark theme.
 * @cssprop [--aduan-success-dark=#8fd19e] - Confirmations in the dark theme.
 * @cssprop [--aduan-radius=6px] - Corner radius.
 * @cssprop [--aduan-font=system-ui] - Font family.
 */
export const baseStyles = css`
  :host {
    --_accent: var(--aduan-accent, #0b57a4);
    --_on-accent: var(--aduan-accent-fg, #fff);
    --_bg: var(--aduan-bg, #fff);
    --_fg: var(--aduan-fg, #1f2328);
    --_muted: var(--aduan-muted, #4d5561);
    --_border: var(--aduan-border, #6e7781);
    --_error: var(--aduan-error, #b3261e);
    --_ok: var(--aduan-success, #1a6b35);
    --_radius: var(--aduan-radius, 6px);
    color-scheme: light;
    display: block;
    box-sizing: border-box;
    color: var(--_fg);
    background: var(--_bg);
    font: 16px/1.5 var(--aduan-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    text-align: start;
  }
  :host([theme='dark']) {
    --_accent: var(--aduan-accent-dark, #9cc3ff);
    --_on-accent: var(--aduan-accent-fg-dark, #0b1a2e);
    --_bg: var(--aduan-bg-dark, #16191d);
    --_fg: var(--aduan-fg-dark, #e9ecef);
    --_muted: var(--aduan-muted-dark, #b4bcc6);
    --_border: var(--aduan-border-dark, #8b949e);
    --_error: var(--aduan-error-dark, #ffb4ab);
    --_ok: var(--aduan-success-dark, #8fd19e);
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_accent: var(--aduan-accent-dark, #9cc3ff);
      --_on-accent: var(--aduan-accent-fg-dark, #0b1a2e);
      --_bg: var(--aduan-bg-dark, #16191d);
      --_fg: var(--aduan-fg-dark, #e9ecef);
      --_muted: var(--aduan-muted-dark, #b4bcc6);
      --_border: var(--aduan-border-dark, #8b949e);
      --_error: var(--aduan-error-dark, #ffb4ab);
      --_ok: var(--aduan-success-dark, #8fd19e);
      color-scheme: dark;
    }
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    margin: 0 0 12px;
    font-size: 20px;
    line-height: 1.3;
  }
  h3 {
    font-size: 17px;
  }
  p {
    margin: 0 0 12px;
  }
  .field {
    margin: 0 0 16px;
  }
  label,
  legend {
    display: block;
    font-weight: 600;
    margin: 0 0 4px;
  }
  input,
  select,
  textarea {
    display: block;
    width: 100%;
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 8px 10px;
    min-height: 44px;
  }
  input[type='file'] {
    padding: 6px;
  }
  textarea {
    min-height: 120px;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 2px;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    padding: 8px 16px;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: transparent;
    color: var(--_accent);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 12px 16px 4px;
    margin: 0 0 16px;
    min-width: 0;
  }
  legend {
    padding: 0 4px;
  }
  .hint {
    color: var(--_muted);
    font-size: 14px;
    margin: 4px 0 0;
  }
  .error {
    color: var(--_error);
    font-size: 14px;
    font-weight: 600;
    margin: 4px 0 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
