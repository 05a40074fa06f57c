import { css } from 'lit';

// The report page and its parts, one export for each shadow root's needs (plus the
// shared baseStyles); every part that lists fields in a <dl> takes definitionListStyles.

export const definitionListStyles = css`
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0; }
  dt { font-weight: 600; color: var(--muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  @media (max-width: 32rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } }
`;

/** The page itself: header, two columns, the report's fields. */
export const reportStyles = css`
  .top { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; margin-bottom: 1rem; }
  .top h1 { margin: 0; font-family: ui-monospace, monospace; }
  .layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
  .layout > div { display: grid; gap: 1rem; }
  @media (max-width: 60rem) { .layout { grid-template-columns: 1fr; } }
  .description { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font-size: 1.05rem; }
  .overdue-box { border-left: 6px solid var(--danger); background: var(--warn-bg); padding: 0.5rem 0.75rem; }
  .readonly { background: #fff1d1; border-left-color: #a15c00; }
`;

export const photoStyles = css`
  ul.photos { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 0.75rem; }
  ul.photos li { display: grid; gap: 0.25rem; max-width: 12rem; font-size: 0.85rem; color: var(--muted); }
  ul.photos img { display: block; width: 12rem; height: 9rem; object-fit: cover; border: 1px solid var(--border); border-radius: 4px; background: var(--border); }
`;

/** The status, assignment and reroute forms. */
export const reportFormStyles = css`
  form.change, form.reroute, form.assign { display: grid; gap: 0.75rem; margin-top: 1rem; }
  .form-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
`;

export const statusFormStyles = css`
  .transitions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
`;

export const noteFormStyles = css`
  form.note { display: grid; gap: 0.75rem; margin: 0.75rem 0 0; }
  .form-buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
`;

export const timelineStyles = css`
  ol.timeline { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
  ol.timeline li { border-left: 4px solid var(--border); padding: 0.25rem 0 0.25rem 0.75rem; }
  .event-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; }
  .event-head time { color: var(--muted); font-size: 0.9rem; }
  .note { margin: 0.35rem 0 0; padding: 0.4rem 0.6rem; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
  .note.public { background: #e6f0fb; border-left: 4px solid var(--accent); }
  .note.internal { background: var(--internal-bg); border-left: 4px dashed var(--internal-border); }
  .note-tag { display: block; font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em; }
  .note.internal .note-tag { color: var(--internal-border); }
  .note.public .note-tag { color: var(--accent-strong); }
  .note.assignment { background: var(--surface-alt); }
`;

/** The report's deliveries (with deliveryStyles, shared with the deliveries view). */
export const reportDeliveriesStyles = css`
  .section-head { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; margin-bottom: 0.5rem; }
  .section-head h2 { margin: 0; }
  ul.deliveries { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
  li.delivery { border: 1px solid var(--border); border-left: 6px solid var(--border); border-radius: 6px; padding: 0.75rem; display: grid; gap: 0.5rem; }
  li.delivery.state-DEAD { border-left-color: var(--danger); }
  li.delivery.state-DELIVERED { border-left-color: var(--ok); }
  li.delivery.state-PENDING { border-left-color: var(--warn-border); border-left-style: dashed; }
  li.delivery button[name='redeliver'] { justify-self: start; }
  .delivery-head { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; align-items: baseline; }
  .delivery-head h3 { margin: 0; font-family: ui-monospace, monospace; }
  .delivery-head .kind { color: var(--muted); }
`;
