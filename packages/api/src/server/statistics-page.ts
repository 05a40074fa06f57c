// The city's numbers in public: /statistik/<site key> is a page of this server's own
// with the <aduan-statistics> element (its charts, tables and CSV/JSON downloads) for
// the site's area, under the same strict page policy as the demo (letting in the site's
// map tiles, for the map of open reports).
import { pageCspWithImagesFrom, textResponse } from './safe-files.js';

/** `/statistik/<site key>`: a site key is a slug. */
export const STATISTICS_PAGE_PATH = /^\/statistik\/([a-z0-9][a-z0-9-]{0,99})\/?$/;

export interface PublicSite {
  name: string;
  /** Where its map tiles come from; null when it has no map. */
  mapTileOrigin: string | null;
}

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The page for `key`, or 404 when no site has that key. */
export async function statisticsPage(request: Request, key: string, publicSite: (key: string) => Promise<PublicSite | null>): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Only GET and HEAD.\n', { allow: 'GET, HEAD' });
  const site = await publicSite(key);
  if (site === null) return textResponse(404, 'No site has this key.\n', { 'cache-control': 'no-store' });
  const { name } = site;
  const page = `<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Angka pengaduan — ${escapeHtml(name)}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/demo/demo.css">
    <script src="/widget/aduan.js" data-site="${key}" async></script>
  </head>
  <body>
    <main class="wrap">
      <h1>${escapeHtml(name)}</h1>
      <p>Angka ini dihitung dari semua laporan warga yang masuk lewat Aduan, tanpa data pribadi siapa pun. / These numbers count every report residents sent through Aduan, with no one's personal data.</p>
      <aduan-statistics></aduan-statistics>
      <p><a href="/">Kirim atau lacak laporan / Send or follow a report</a></p>
    </main>
  </body>
</html>
`;
  const csp = pageCspWithImagesFrom(site.mapTileOrigin ? [site.mapTileOrigin] : []);
  return new Response(request.method === 'HEAD' ? null : page, { status: 200, headers: { ...HEADERS, 'content-security-policy': csp } });
}
