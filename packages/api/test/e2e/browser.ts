// Debian's Chromium driven by playwright-core, against a real Aduan server.
// No browser is ever downloaded: the project installs `chromium` from Debian.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { startService, type RunningService } from '../../src/service.js';
import { environment } from '../../src/environment.js';

export const CHROMIUM = process.env.ADUAN_CHROMIUM ?? '/usr/bin/chromium';
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const screenshots = join(repositoryRoot, 'test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is required for the browser tests and is not at ${CHROMIUM}: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface E2E {
  service: RunningService;
  /** The server's data directory (PGlite files and photos). */
  dataDir: string;
  browser: Browser;
  close(): Promise<void>;
}

/** A server on a fresh embedded database with the Kupang demo, and a browser. */
export async function startE2E(): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aduan-e2e-'));
  const service = await startService(environment({ port: 0, host: '127.0.0.1', databaseUrl: undefined, dataDir, demo: false }), () => {});
  const browser = await launchBrowser();
  return {
    service,
    dataDir,
    browser,
    async close() {
      await browser.close();
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Serves a folder as another website would (another origin than the API), with
 * `http://localhost:4000` in its pages replaced by the test server's address.
 * `headers` adds response headers to HTML pages (e.g. a strict CSP).
 */
export async function serveSite(folder: string, apiOrigin: string, headers: Record<string, string> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(folder, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(folder) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    let body: string | Buffer = readFileSync(file);
    if (type.startsWith('text/')) body = body.toString('utf8').replaceAll('http://localhost:4000', apiOrigin);
    response.writeHead(200, { 'content-type': type, ...(type.startsWith('text/html') ? headers : {}) });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The Kupang demo names OpenStreetMap's tiles; tests never reach the internet, so a tile
 * made here answers for each. Returns the tile URLs the context asked for, as they come.
 */
export async function serveOpenStreetMapTilesLocally(context: BrowserContext): Promise<string[]> {
  const tile = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#e8e4d8' } })
    .png()
    .toBuffer();
  const tiles: string[] = [];
  await context.route('https://tile.openstreetmap.org/**', (route) => {
    tiles.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: tile });
  });
  return tiles;
}

/** Keeps a picture of a view for people to look at (test-results/ is not committed). */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA violations inside `selector` (shadow roots included). */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (target) => {
    const axe = (window as unknown as { axe: any }).axe;
    const result = await axe.run({ include: [[target]] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target.join(' ')).join(', ')})`);
  }, selector);
}

/** Records CSP violations and page errors from the first script on. */
export async function watchForProblems(context: BrowserContext): Promise<() => Promise<string[]>> {
  const problems: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as any).__cspViolations = [...((window as any).__cspViolations ?? []), `${event.violatedDirective} ${event.blockedURI}`];
    });
  });
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
  });
  return async () => {
    const csp: string[] = [];
    for (const page of context.pages()) csp.push(...((await page.evaluate(() => (window as any).__cspViolations ?? [])) as string[]));
    return [...problems, ...csp.map((v) => `CSP violation: ${v}`)];
  };
}
