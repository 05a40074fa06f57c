/** The status element as a chunk: the one-script bundle loads it when a page first uses <aduan-status>. */
import { ReportStatusDocument, type PublicReport, type Transport } from '@aduan/client';

export { AduanStatus as default } from './status.component.js';

/** A report's public status by `read` (the first script's GET, which needs no CORS preflight). */
export async function reportStatus(read: Transport, trackingCode: string): Promise<PublicReport | null> {
  return (await read(ReportStatusDocument, { trackingCode })).reportStatus;
}
