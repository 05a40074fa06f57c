import { css } from 'lit';

export const loginStyles = css`
  :host { max-width: 26rem; margin: 2rem auto; }
  form { display: grid; gap: 1rem; }
  .intro { color: var(--muted); margin-top: 0; }
`;
