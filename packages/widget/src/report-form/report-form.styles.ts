import { css } from 'lit';

export const reportStyles = css`
  :host {
    max-width: 640px;
    padding: var(--aduan-padding, 16px);
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
  /* One line on a 360 px phone: a code split in two gets copied in half. */
  .code {
    font: 700 clamp(18px, 6.5vw, 32px) / 1.2 ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 1px;
    margin: 0 0 12px;
    user-select: all;
    white-space: nowrap;
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
