#!/usr/bin/env node
// Prints a report's public status and timeline, given its tracking code.
//   node check-status.js KPG-7F3K2-Q9D4X [--api http://localhost:4000/graphql] [--lang en]
// Uses nothing but Node's own fetch: any language that can POST JSON can do the same.

const QUERY = /* GraphQL */ `
  query Status($code: String!) {
    reportStatus(trackingCode: $code) {
      trackingCode
      status
      overdue
      submittedAt
      dueAt
      category { name }
      agency { name }
      area { displayName }
      timeline { at status note }
    }
  }
`;

export async function checkStatus(trackingCode, { api = 'http://localhost:4000/graphql', fetchImpl = fetch } = {}) {
  const response = await fetchImpl(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: QUERY, variables: { code: trackingCode } }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data.reportStatus;
}

export function formatStatus(report, lang = 'id') {
  if (!report) return lang === 'en' ? 'No report has that tracking code.' : 'Tidak ada laporan dengan kode itu.';
  const when = (iso) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Makassar' });
  const lines = [
    `${report.trackingCode}: ${report.status}${report.overdue ? (lang === 'en' ? ' (overdue)' : ' (terlambat)') : ''}`,
    `${report.category.name} · ${report.area.displayName} · ${report.agency.name}`,
    `${lang === 'en' ? 'Due' : 'Batas waktu'}: ${when(report.dueAt)} WITA`,
    ...report.timeline.map((event) => `  ${when(event.at)}  ${event.status}${event.note ? `: ${event.note}` : ''}`),
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args.splice(index, 2)[1] : undefined;
  };
  const api = option('api') ?? process.env.ADUAN_API ?? 'http://localhost:4000/graphql';
  const lang = option('lang') ?? 'id';
  const [code] = args;
  if (!code) {
    console.error('usage: check-status.js TRACKING-CODE [--api URL] [--lang id|en]');
    process.exit(2);
  }
  try {
    console.log(formatStatus(await checkStatus(code, { api }), lang));
  } catch (error) {
    console.error(`check-status: ${error.message}`);
    process.exit(1);
  }
}
