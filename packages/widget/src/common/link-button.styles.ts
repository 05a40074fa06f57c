import { css } from 'lit';

/** A link that acts as a button (share, download): it looks like the outlined button. */
export const linkButtonStyles = css`
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    padding: 8px 16px;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    color: var(--_accent);
    font-weight: 600;
    text-decoration: none;
  }
`;
