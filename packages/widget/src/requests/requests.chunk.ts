/**
 * Every request but the two a page starts with (common/client.ts sends those): sending a
 * report (the proof of work in a Web Worker, photos with upload progress), the routing
 * preview, reports nearby, "+1", the reporter's reopen and confirm. The form fetches this chunk while the resident fills it in.
 */
import { createAduanClient, type AduanClient } from '@aduan/client';
import { solveInWorker } from './proof-of-work.js';

const clients = new Map<string, AduanClient>();

/** One client per endpoint. */
export function clientFor(url: string): AduanClient {
  let client = clients.get(url);
  if (!client) clients.set(url, (client = createAduanClient({ url, solveProofOfWork: solveInWorker })));
  return client;
}
