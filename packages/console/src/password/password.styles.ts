import { css } from 'lit';

export const passwordStyles = css`
  :host { max-width: 30rem; margin: 2rem auto; }
  form { display: grid; gap: 1rem; }
  .intro { color: var(--muted); margin-top: 0; }
`;
