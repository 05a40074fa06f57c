/**
 * One glossary of the words for a report's statuses, for everyone who reads them: the
 * resident's widget, the staff console, e-mail and Open311 notes. Residents and staff
 * talking about one report must use one word for one step. `REROUTED` is not a status
 * but a step residents see: the report went to another agency (its status stays).
 */
import type { ReportStatus } from './status.js';

export type StatusWord = ReportStatus | 'REROUTED';

export const STATUS_WORDS_ID: Readonly<Record<StatusWord, string>> = {
  RECEIVED: 'Diterima',
  ACKNOWLEDGED: 'Ditanggapi',
  IN_PROGRESS: 'Sedang dikerjakan',
  RESOLVED: 'Selesai',
  REJECTED: 'Ditolak',
  CLOSED: 'Ditutup',
  REROUTED: 'Diteruskan ke instansi lain',
};

export const STATUS_WORDS_EN: Readonly<Record<StatusWord, string>> = {
  RECEIVED: 'Received',
  ACKNOWLEDGED: 'Acknowledged',
  IN_PROGRESS: 'In progress',
  RESOLVED: 'Resolved',
  REJECTED: 'Rejected',
  CLOSED: 'Closed',
  REROUTED: 'Passed to another agency',
};
