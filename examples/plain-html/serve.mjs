#!/usr/bin/env node
// Serves this page as a city's website would, from an origin of its own, with its one
// script tag pointing at the Aduan server that ADUAN_URL names — the example's one setting:
//
//   npm start -w @aduan/example-plain-html                                    # Aduan on http://localhost:4000
//   ADUAN_URL=https://aduan.example.go.id PORT=8080 npm start -w @aduan/example-plain-html
//
// index.html itself names http://localhost:4000, so any static server shows it against `npm start`.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const DEFAULT_SERVER = 'http://localhost:4000';
/** The one tag: the server's address, then the script's path on it. */
const EMBED = /(<script src=")([^"]*)(\/widget\/aduan\.js")/;

function fail(message) {
  console.error(`plain-html: ${message}`);
  process.exit(1);
}

/**
 * The server's origin. The widget sends reports to the origin its script came from, so
 * ADUAN_URL is an http(s) origin and nothing more: no path, query or credentials.
 */
function aduanOrigin(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    fail(`ADUAN_URL must be the Aduan server's address, such as ${DEFAULT_SERVER} or https://aduan.example.go.id; got "${value}"`);
  }
  return url.origin;
}

function port(value) {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) fail(`PORT must be a port number (0 for any free one); got "${value}"`);
  return Number(value);
}

const origin = aduanOrigin(process.env.ADUAN_URL || DEFAULT_SERVER);
const listenOn = port(process.env.PORT || '8080');
const html = readFileSync(new URL('index.html', import.meta.url), 'utf8');
if (!EMBED.test(html)) fail('index.html has no <script src=".../widget/aduan.js"> to point at the server');

const files = {
  '/': ['text/html; charset=utf-8', html.replace(EMBED, `$1${origin}$3`)],
  '/styles.css': ['text/css; charset=utf-8', readFileSync(new URL('styles.css', import.meta.url), 'utf8')],
};
files['/index.html'] = files['/'];

const server = createServer((request, response) => {
  const file = files[new URL(request.url ?? '/', 'http://page').pathname];
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
  } else if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
  } else {
    response.writeHead(200, { 'content-type': file[0], 'x-content-type-options': 'nosniff' });
    response.end(request.method === 'HEAD' ? undefined : file[1]);
  }
});
server.on('error', (error) => fail(`cannot listen on port ${listenOn}: ${error.message}`));
// 127.0.0.1: an origin the demo site accepts (http://127.0.0.1:* and http://localhost:*).
server.listen(listenOn, '127.0.0.1', () => {
  console.log(`The Kelurahan Oebobo page: http://127.0.0.1:${server.address().port}/ (the form from ${origin})`);
});
