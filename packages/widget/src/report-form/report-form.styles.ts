import { css } from 'lit';

export const reportStyles = css`
  :host {
    max-width: 640px;
    padding: var(--aduan-padding, 16px);
  }
  aduan-status {
    --aduan-padding: 0;
    margin-bottom: 16px;
  }
  #contact-note {
    margin-bottom: 12px;
  }
  .summary:empty {
    display: none;
  }
  .summary {
    border: 2px solid var(--_error);
    border-radius: var(--_radius);
    padding: 12px 16px;
    margin: 0 0 16px;
  }
  .summary ul {
    margin: 4px 0 0;
    padding-inline-start: 20px;
  }
  .summary a {
    color: var(--_error);
  }
  .count {
    text-align: end;
  }
  .preview {
    border-inline-start: 4px solid var(--_accent);
    padding: 4px 0 4px 12px;
    margin: 8px 0 12px;
  }
  .photos {
    list-style: none;
    display: flex;
    gap: 8px;
    padding: 0;
    margin: 8px 0 0;
  }
  .photos img {
    display: block;
    width: 88px;
    height: 88px;
    object-fit: cover;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
  }
  .photos button {
    margin-top: 4px;
    min-height: 32px;
    padding: 2px 8px;
    font-size: 14px;
  }
  progress {
    width: 100%;
    height: 12px;
    accent-color: var(--_accent);
  }
  /* One line on a 360 px phone: a code split in two gets copied in half. */
  .code {
    font: 700 clamp(18px, 6.5vw, 32px) / 1.2 ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 1px;
    margin: 0 0 12px;
    user-select: all;
    white-space: nowrap;
  }
  [part='success'] .row {
    margin: 0 0 12px;
  }
  [part='mine'] ul,
  [part='nearby'] ul {
    list-style: none;
    padding: 0;
  }
  [part='mine'] li,
  [part='nearby'] li {
    border-top: 1px solid var(--_border);
    padding: 8px 0;
  }
  [part='mine'] li p,
  [part='nearby'] li p {
    margin: 0 0 8px;
  }
  .ok {
    color: var(--_ok);
  }
  /* The honeypot: off-screen, out of the tab order and the accessibility tree. */
  .hp {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }
`;
