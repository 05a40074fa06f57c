// Pages of this server's own for one site, under the same strict page policy as the demo
// (letting in the site's map tiles):
// - /statistik/<site key>: the city's numbers in public, the <aduan-statistics> element
//   (charts, tables, CSV/JSON downloads) for the site's area;
// - /pratinjau/<site key>: the site's form as its residents get it, which the console's
//   settings show in a phone-sized frame (so this one page may be framed by this origin).
//   Reports sent from it are real: it is the form, not a picture of it.
import { pageCspWithImagesFrom, textResponse } from './safe-files.js';

/** `/statistik/<site key>`: a site key is a slug. */
export const STATISTICS_PAGE_PATH = /^\/statistik\/([a-z0-9][a-z0-9-]{0,99})\/?$/;
/** `/pratinjau/<site key>`. */
export const PREVIEW_PAGE_PATH = /^\/pratinjau\/([a-z0-9][a-z0-9-]{0,99})\/?$/;

export interface PublicSite {
  name: string;
  /** Where its map tiles come from; null when it has no map. */
  mapTileOrigin: string | null;
}

type SiteLookup = (key: string) => Promise<PublicSite | null>;

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface PageContent {
  title: string;
  /** The page's main content, as HTML; the site's name is its heading. */
  main: string;
  /** Whether this origin's own pages may frame it (the console's preview). */
  frameable?: boolean;
}

/** The page `content(site)` for `key`, with the widget's script for that site; 404 when no site has that key. */
async function sitePage(request: Request, key: string, publicSite: SiteLookup, content: (name: string) => PageContent): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Only GET and HEAD.\n', { allow: 'GET, HEAD' });
  const site = await publicSite(key);
  if (site === null) return textResponse(404, 'No site has this key.\n', { 'cache-control': 'no-store' });
  const name = escapeHtml(site.name);
  const { title, main, frameable } = content(name);
  const page = `<!doctype html>
<html lang="id">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/demo/demo.css">
    <script src="/widget/aduan.js" data-site="${key}" async></script>
  </head>
  <body>
    <main class="wrap">
      <h1>${name}</h1>
${main}
    </main>
  </body>
</html>
`;
  let csp = pageCspWithImagesFrom(site.mapTileOrigin ? [site.mapTileOrigin] : []);
  if (frameable) csp = csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'");
  return new Response(request.method === 'HEAD' ? null : page, { status: 200, headers: { ...HEADERS, 'content-security-policy': csp } });
}

/** The city's numbers for `key`'s area. */
export function statisticsPage(request: Request, key: string, publicSite: SiteLookup): Promise<Response> {
  return sitePage(request, key, publicSite, (name) => ({
    title: `Angka pengaduan — ${name}`,
    main: `      <p>Angka ini dihitung dari semua laporan warga yang masuk lewat Aduan, tanpa data pribadi siapa pun. / These numbers count every report residents sent through Aduan, with no one's personal data.</p>
      <aduan-statistics></aduan-statistics>
      <p><a href="/">Kirim atau lacak laporan / Send or follow a report</a></p>`,
  }));
}

/** `key`'s form, as its residents get it. */
export function previewPage(request: Request, key: string, publicSite: SiteLookup): Promise<Response> {
  return sitePage(request, key, publicSite, (name) => ({
    title: `Pratinjau formulir — ${name}`,
    main: `      <p>Formulir situs ini, seperti yang dilihat warga. Laporan yang dikirim di sini adalah laporan sungguhan. / This site's form as residents see it. A report sent here is a real report.</p>
      <aduan-report></aduan-report>`,
    frameable: true,
  }));
}
