import { css } from 'lit';

export const appStyles = css`
  :host { min-height: 100vh; }
  .skip {
    position: absolute;
    left: 0.5rem;
    top: -3rem;
    background: var(--surface);
    padding: 0.5rem 1rem;
    z-index: 10;
  }
  .skip:focus { top: 0.5rem; }
  header {
    background: #0d2b4e;
    color: #fff;
    padding: 0.5rem 1rem;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1.25rem;
  }
  header a, header button.link { color: #fff; }
  .brand { font-weight: 700; font-size: 1.1rem; margin-right: auto; }
  nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
  nav a {
    display: inline-block;
    padding: 0.5rem 0.75rem;
    border-radius: 6px;
    text-decoration: none;
    min-height: 2.75rem;
    line-height: 1.8rem;
  }
  nav a[aria-current='page'] { background: #fff; color: #0d2b4e; font-weight: 700; }
  nav a:hover { text-decoration: underline; }
  .who { font-size: 0.9rem; }
  .header-link { font-size: 0.9rem; padding: 0.5rem 0.25rem; min-height: 2.75rem; line-height: 1.8rem; }
  header button {
    background: transparent;
    border-color: #fff;
    color: #fff;
    padding: 0.35rem 0.75rem;
    min-height: 2.5rem;
  }
  header button:hover { background: #1d3f66; }
  @media (max-width: 40rem) {
    .brand { flex-basis: 100%; }
  }
`;

/** The page's `<main>`, from inside its own shadow root, where the shell draws the views. */
export const mainStyles = css`
  :host { display: block; max-width: 80rem; margin: 0 auto; padding: 1rem; outline: none; }
  @media (max-width: 40rem) {
    :host { padding: 0.75rem; }
  }
`;
