// The widget script and the demo page from the HTTP front door: caching by
// content hash, compression, cross-origin loading, CSP on the demo, 404s for
// anything outside the two folders, and a clear answer when nothing is built.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '../src/server/http-server.js';
import { chooseEncoding, DEMO_CSP } from '../src/server/static-files.js';

const WIDGET = `(function(){customElements.define("aduan-report",class extends HTMLElement{});${'/* padding */'.repeat(200)}})();\n`;
const HASH = createHash('sha256').update(WIDGET).digest('hex').slice(0, 10);
const CHUNK_NAME = 'status-rYF1JPxc.js';
const CHUNK = `export default class extends HTMLElement {}\n${'/* padding */'.repeat(100)}`;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

/** A request with the path exactly as written: fetch would normalise `..` away before sending. */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const notReady = { readiness: { check: async () => false }, graphql: () => null };

describe('static files from a built widget', () => {
  let root: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'aduan-static-'));
    const widgetDir = join(root, 'widget', 'dist');
    const demoDir = join(root, 'widget', 'demo');
    mkdirSync(widgetDir, { recursive: true });
    mkdirSync(demoDir, { recursive: true });
    writeFileSync(join(widgetDir, 'aduan.js'), WIDGET);
    mkdirSync(join(widgetDir, 'chunks'));
    writeFileSync(join(widgetDir, 'chunks', CHUNK_NAME), CHUNK);
    writeFileSync(join(widgetDir, 'chunks', 'notes.txt'), 'not a chunk');
    writeFileSync(join(demoDir, 'index.html'), '<!doctype html><title>Demo Aduan</title><script src="/widget/aduan.js"></script>');
    writeFileSync(join(demoDir, 'demo.css'), 'body { margin: 0 }\n'.repeat(50));
    writeFileSync(join(demoDir, 'demo.js'), 'console.log("demo")\n');
    writeFileSync(join(demoDir, 'launcher.html'), '<!doctype html><title>Launcher</title>');
    writeFileSync(join(demoDir, '.env'), 'SECRET=1');
    writeFileSync(join(demoDir, 'notes.unknownext'), 'x');
    writeFileSync(join(root, 'widget', 'package.json'), '{"secret": true}');
    symlinkSync(join(root, 'widget', 'package.json'), join(demoDir, 'linked.json'));
    server = createHttpServer({ ...notReady, staticDirs: { widgetDir, demoDir } });
    url = await listen(server);
  });
  afterAll(async () => {
    await close(server);
    rmSync(root, { recursive: true, force: true });
  });

  it('serves /widget/aduan.js briefly cached, loadable from any page, naming its version', async () => {
    const response = await fetch(`${url}/widget/aduan.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(WIDGET);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
      'aduan-widget-version': HASH,
      etag: `"${HASH}"`,
    });
  });

  it('serves the content-hashed copy cached for a year, and 404 for any other hash', async () => {
    const response = await fetch(`${url}/widget/aduan.${HASH}.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(WIDGET);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${url}/widget/aduan.0123456789.js`)).status).toBe(404);
    expect((await fetch(`${url}/widget/other.js`)).status).not.toBe(200);
  });

  it('serves the chunks the widget fetches later, cached for a year (their names carry their content), and nothing else in their folder', async () => {
    const response = await fetch(`${url}/widget/chunks/${CHUNK_NAME}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(CHUNK);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'content-encoding': 'gzip',
      'cache-control': 'public, max-age=31536000, immutable',
      // A chunk is a module script: a page on another origin imports it with CORS.
      'access-control-allow-origin': '*',
    });
    const etag = response.headers.get('etag')!;
    expect((await fetch(`${url}/widget/chunks/${CHUNK_NAME}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    for (const other of ['map-AbCd1234.js', 'notes.txt', '..%2Faduan.js', '.vite/manifest.json', `${CHUNK_NAME}.map`]) {
      expect((await fetch(`${url}/widget/chunks/${other}`)).status, other).toBe(404);
    }
  });

  it('compresses with brotli or gzip as the client accepts, and answers 304 to a matching ETag', async () => {
    const raw = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const { hostname, port } = new URL(url);
        httpRequest({ hostname, port, path: '/widget/aduan.js', headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
    const gzip = await raw('gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toBe('Accept-Encoding');
    expect(gunzipSync(gzip.body).toString()).toBe(WIDGET);
    expect(gzip.body.length).toBeLessThan(WIDGET.length);
    expect((await raw('gzip, br')).headers['content-encoding']).toBe('br');
    expect((await raw('br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
    expect((await raw('identity')).headers['content-encoding']).toBeUndefined();

    const revalidated = await fetch(`${url}/widget/aduan.js`, { headers: { 'if-none-match': `"${HASH}"` } });
    expect(revalidated.status).toBe(304);
  });

  it('serves the demo page at / and its files under /demo/, with a strict CSP', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Demo Aduan');
    expect(Object.fromEntries(page.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': DEMO_CSP,
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-content-type-options': 'nosniff',
    });
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const [path, type] of [
      ['/demo/demo.css', 'text/css; charset=utf-8'],
      ['/demo/demo.js', 'text/javascript; charset=utf-8'],
      ['/demo/launcher.html', 'text/html; charset=utf-8'],
      ['/demo/index.html', 'text/html; charset=utf-8'],
    ] as const) {
      const response = await fetch(`${url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toBe(type);
      expect(response.headers.get('content-security-policy'), path).toBe(DEMO_CSP);
    }
  });

  it('answers 404 for missing files, dot files, unknown types and every way out of the folder', async () => {
    for (const path of [
      '/demo/missing.css',
      '/demo/.env',
      '/demo/notes.unknownext',
      '/demo/linked.json',
      '/demo/../package.json',
      '/demo/../../package.json',
      '/demo/..%2fpackage.json',
      '/demo/..%2F..%2Fpackage.json',
      '/demo/%2e%2e/package.json',
      '/demo/%2e%2e%2f%2e%2e%2fpackage.json',
      '/demo/..%5cpackage.json',
      '/demo/%252e%252e/package.json',
      '/demo/demo.css%00.html',
      '/demo/%E0%A4%A',
      '/demo//etc/passwd',
    ]) {
      const response = await rawGet(url, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('secret');
    }
  });

  it('refuses methods other than GET and HEAD on static paths', async () => {
    const response = await fetch(`${url}/widget/aduan.js`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${url}/widget/aduan.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });
});

describe('static files when the widget is not built', () => {
  let root: string;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'aduan-static-empty-'));
    server = createHttpServer({ ...notReady, staticDirs: { widgetDir: join(root, 'dist'), demoDir: join(root, 'demo') } });
    url = await listen(server);
  });
  afterAll(async () => {
    await close(server);
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 503 with one line for the script and a small page at /, and keeps serving', async () => {
    const script = await fetch(`${url}/widget/aduan.js`);
    expect(script.status).toBe(503);
    const text = await script.text();
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toContain('not built');
    const page = await fetch(`${url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('not built');
    expect((await fetch(`${url}/demo/demo.css`)).status).toBe(404);
    expect((await fetch(`${url}/healthz`)).status).toBe(503); // the rest of the server still answers
  });

  it('picks the widget up once it is built, without a restart', async () => {
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'aduan.js'), WIDGET);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const script = await fetch(`${url}/widget/aduan.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('aduan-widget-version')).toBe(HASH);
  });
});

describe('accept-encoding', () => {
  it('prefers br, then gzip, honouring q=0 and *', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*', false)).toBe('gzip');
    expect(chooseEncoding('gzip;q=0')).toBe('identity');
    expect(chooseEncoding(undefined)).toBe('identity');
  });
});
