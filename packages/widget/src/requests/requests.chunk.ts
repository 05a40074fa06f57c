/**
 * Every request but the form's start (common/client.ts sends it) and a status look-up
 * (with the status chunk): sending a report (the proof of work in a Web Worker, photos with upload progress) and what waits
 * in the outbox, the routing preview, reports nearby, "+1", the reporter's reopen and
 * confirm; and what the form makes of a refusal or of a start that failed. The form fetches this chunk while the resident fills it in.
 */
import { createAduanClient, type AduanClient } from '@aduan/client';
import { solveInWorker } from './proof-of-work.js';

export { replayOutbox } from './outbox-sender.js';
export { fieldErrors } from './refusals.js';
export { keepResidentKey } from '../status/kept-keys.js';
export { whyNotLoaded } from './why-not-loaded.js';

const clients = new Map<string, AduanClient>();

/** One client per endpoint. */
export function clientFor(url: string): AduanClient {
  let client = clients.get(url);
  if (!client) clients.set(url, (client = createAduanClient({ url, solveProofOfWork: solveInWorker })));
  return client;
}
