import { css } from 'lit';

export const launcherStyles = css`
  :host {
    position: fixed;
    inset-inline-end: calc(16px + env(safe-area-inset-right, 0px));
    bottom: calc(16px + env(safe-area-inset-bottom, 0px));
    z-index: var(--aduan-z-index, 10000);
    background: none;
  }
  .open {
    border-radius: 999px;
    padding: 10px 20px;
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.3);
  }
  dialog {
    width: min(600px, calc(100vw - 16px));
    max-height: calc(100dvh - 16px);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg);
    background: var(--_bg);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.55);
  }
  header {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 8px;
    padding: 8px 8px 8px 16px;
    background: var(--_bg);
    border-bottom: 1px solid var(--_border);
  }
  header h2 {
    margin: 0;
  }
`;
