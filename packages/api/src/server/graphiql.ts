// GraphiQL at `GET /graphql` (a browser asking for HTML), served entirely from this
// server: the page, GraphiQL's own build and React's come from `/graphiql/…`, never from
// a CDN, and the page carries the same strict Content Security Policy as Aduan's other
// pages (no inline script: the page's options travel in a JSON data block that a
// script file of ours reads). The staff session cookie belongs to this origin, so nothing
// from elsewhere may run here.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bytesResponse, onlyGetAndHead, PAGE_CSP, textResponse } from './safe-files.js';

const require = createRequire(import.meta.url);

/** A file of an installed package (its browser builds are not in its `exports`). */
function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

export const GRAPHIQL_ASSETS_PREFIX = '/graphiql/';

/** The files the page loads, by the name it loads them under. */
const ASSETS: Record<string, { file: string; type: string } | { text: string; type: string }> = {
  'react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript; charset=utf-8' },
  'react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript; charset=utf-8' },
  'graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css; charset=utf-8' },
  'page.css': { text: 'body{margin:0;height:100vh}#graphiql{height:100vh}\n', type: 'text/css; charset=utf-8' },
  // Starts GraphiQL with the options the page holds as JSON.
  'start.js': {
    text: `'use strict';
(function () {
  var options = JSON.parse(document.getElementById('graphiql-options').textContent);
  var fetcher = GraphiQL.createFetcher({ url: options.endpoint });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: options.defaultQuery, defaultEditorToolsVisibility: true }),
  );
})();
`,
    type: 'text/javascript; charset=utf-8',
  },
};

const loaded = new Map<string, Buffer>();

function assetBytes(name: string): Buffer | null {
  const asset = ASSETS[name];
  if (!asset) return null;
  let bytes = loaded.get(name);
  if (!bytes) {
    bytes = 'file' in asset ? readFileSync(asset.file) : Buffer.from(asset.text);
    loaded.set(name, bytes);
  }
  return bytes;
}

/** `/graphiql/<name>`: one of the page's files. */
export function graphiqlAsset(request: Request, path: string): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD') return onlyGetAndHead();
  const name = path.slice(GRAPHIQL_ASSETS_PREFIX.length);
  const bytes = Object.hasOwn(ASSETS, name) ? assetBytes(name) : null;
  if (!bytes) return textResponse(404, 'Not found.\n');
  return bytesResponse(
    request,
    200,
    {
      'content-type': ASSETS[name]!.type,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin',
    },
    bytes,
  );
}

/** The page Yoga answers a browser with (its `renderGraphiQL`). */
export function graphiqlPage(options: { title?: string | undefined; defaultQuery?: string | undefined; endpoint?: string | undefined }): string {
  const data = JSON.stringify({ endpoint: options.endpoint ?? '/graphql', defaultQuery: options.defaultQuery ?? '' }).replace(/</g, '\\u003c');
  const title = (options.title ?? 'GraphiQL').replace(/[<>&"]/g, '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${GRAPHIQL_ASSETS_PREFIX}graphiql.css">
<link rel="stylesheet" href="${GRAPHIQL_ASSETS_PREFIX}page.css">
</head>
<body>
<div id="graphiql"></div>
<script type="application/json" id="graphiql-options">${data}</script>
<script src="${GRAPHIQL_ASSETS_PREFIX}react.js"></script>
<script src="${GRAPHIQL_ASSETS_PREFIX}react-dom.js"></script>
<script src="${GRAPHIQL_ASSETS_PREFIX}graphiql.js"></script>
<script src="${GRAPHIQL_ASSETS_PREFIX}start.js"></script>
</body>
</html>
`;
}

/**
 * The page's policy: Aduan's strict page policy (scripts and styles from this origin only),
 * plus the fonts GraphiQL's stylesheet carries inline as data: URLs.
 */
export const GRAPHIQL_CSP = `${PAGE_CSP}; font-src 'self' data:`;
