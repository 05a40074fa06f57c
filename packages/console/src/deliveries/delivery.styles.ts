import { css } from 'lit';

/** The delivery state badges, remote errors and the attempt log: shared by the report page and the deliveries view. */
export const deliveryStyles = css`
  .delivery-PENDING { color: #5a3b00; background: #fff1d1; }
  .delivery-DELIVERED { color: #14532b; background: #e3f3e8; }
  .delivery-DEAD { color: #7a1114; background: #fbe6e6; border-width: 2px; }
  .remote-error {
    margin: 0.25rem 0 0;
    padding: 0.35rem 0.5rem;
    background: var(--danger-bg);
    border-left: 4px solid var(--danger);
    font-family: ui-monospace, monospace;
    font-size: 0.85rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .target { font-family: ui-monospace, monospace; font-size: 0.9rem; overflow-wrap: anywhere; }
  details.attempts summary { cursor: pointer; padding: 0.7rem 0; font-weight: 600; color: var(--accent-strong); }
  details.attempts ol { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
  details.attempts li { border-left: 4px solid var(--border); padding: 0.25rem 0 0.25rem 0.75rem; }
  details.attempts li.failed { border-left-color: var(--danger); border-left-style: dashed; }
  details.attempts li.ok { border-left-color: var(--ok); }
  .attempt-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; }
  .attempt-head time, .worker { color: var(--muted); font-size: 0.9rem; }
  .worker { margin: 0.2rem 0 0; }
`;
