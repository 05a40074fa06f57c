// Which steps of a report's timeline the public sees, wherever it is shown (GraphQL's
// PublicReport, Open311). Internal notes, escalations and assignments are other kinds.
export const PUBLIC_EVENT_KINDS = ['SUBMITTED', 'STATUS_CHANGED', 'PUBLIC_NOTE', 'REROUTED'] as const;
