/**
 * The client an element uses unless it is given one. The form's start, a GET with no
 * CORS preflight, goes from this script; a status look-up comes with the status chunk
 * (its only use); every other operation comes with the `requests` chunk, which the form
 * fetches while the resident fills it in. Where a chunk cannot load, its calls fail as a
 * request with no answer does: a report waits in the outbox, a hint is left out.
 */
import { FormStartDocument, fetchGetTransport, type AduanClient } from '@aduan/client';
import { loadChunk } from './chunks.js';

const clients = new Map<string, AduanClient>();

/** One client per endpoint, shared by every element and the outbox. */
export function clientFor(url: string): AduanClient {
  let client = clients.get(url);
  if (!client) clients.set(url, (client = splitClient(url)));
  return client;
}

function splitClient(url: string): AduanClient {
  const read = fetchGetTransport({ url });
  const rest = async () => (await loadChunk('requests')).clientFor(url);
  return {
    url,
    formStart: (site, locale, within) => read(FormStartDocument, { site, ...(locale ? { locale } : {}), ...(within ? { within } : {}) }),
    reportStatus: async (trackingCode) => (await loadChunk('status')).reportStatus(read, trackingCode),
    routingPreview: async (input) => (await rest()).routingPreview(input),
    similarReports: async (...args) => (await rest()).similarReports(...args),
    submitReport: async (input, options) => (await rest()).submitReport(input, options),
    request: async (document, variables) => (await rest()).request(document, variables),
  };
}
