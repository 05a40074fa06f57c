#!/usr/bin/env node
// The widget on a slow phone, on demand (not part of `npm test`):
//
//   npm run build && node bench/widget.mjs      # 5 loads of each page, 3 reports sent
//   node bench/widget.mjs --quick               # 1 and 1: proves it still works (CI)
//   node bench/widget.mjs --loads 9 --submits 5 --json /tmp/widget.json
//
// Starts `aduan serve` (embedded PGlite with the Kupang demo, a scratch data directory,
// rate limits off, proof of work on) and a small static server for a city's page,
// bench/pages/city.html, on another origin — as on a real city site, the widget talks
// to the API cross-origin. The same page without the script tag and the element is the
// baseline. Each load is a fresh browser context (cold cache) on a slow phone, 4× CPU
// throttling through the DevTools protocol, on two networks: slow 3G at 400 ms a round
// trip (400 kbit/s each way), and DevTools' classic "Slow 3G" (2 s a round trip, 50 KB/s
// each way), where every round trip after the script shows. Loads of the two pages
// alternate, so drift hits both alike; reports are sent on the first network.
//
// Measured in page time (performance.now(), 0 = navigation start):
// - the script tag: when the browser asked for aduan.js (Resource Timing; the preload
//   scanner finds the tag early), and an inline performance.mark right before the tag
//   (which runs later: inline scripts wait for the page's stylesheet);
// - interactive: on `aduan-ready` (the catalogue arrived), after the element's render
//   (`updateComplete`), when its category <select> holds the categories and is enabled;
//   painted is the first frame after that (requestAnimationFrame, then a task);
// - round trips: the requests to Aduan's origin (the API, a chunk) that ended between the
//   script's arrival and the usable form, each one more than the latest it waited for
//   (one that ended before it started), so requests in parallel count once;
// - the plain page's load event and first contentful paint.
// Chromium's emulation does not delay CORS preflights, so the target counts a round trip
// for each preflight on the way to the form.
// Sending: a report with a category, kelurahan, landmark, description and one camera-size JPEG (made
// in the browser at the start: 4000×3000, about 1.7 MB, handed over as a file); from the
// click on submit to the tracking code on screen, split by the requests the protocol saw
// (challenge, proof of work, upload), against a plain POST of the same number of bytes to
// the page's own server on the same profile.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createAduanClient } from '@aduan/client';
import { startAduan } from './support/processes.mjs';
import { benchOptions, finish, fmt, header, median, msSince, ratio, table, target } from './support/report.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const pagesDir = join(root, 'bench/pages');
const bundleFile = join(root, 'packages/widget/dist/aduan.js');
const CHROMIUM = process.env.ADUAN_CHROMIUM ?? '/usr/bin/chromium';

const BUDGET_BYTES = 16 * 1024;
const TARGET_INTERACTIVE_MS = 2_500;
/** At most this many round trips from the script's arrival to the usable form, on either network. */
const TARGET_ROUND_TRIPS = 2;
/**
 * The networks, as DevTools' protocol takes them: latency is added to every request,
 * throughput in bytes/s. The first is the one the time target and the reports sent use.
 */
const NETWORKS = [
  {
    name: 'slow 3G at 400 ms',
    detail: '400 ms RTT, 400 kbit/s down and up',
    latency: 400,
    downloadThroughput: (400 * 1024) / 8,
    uploadThroughput: (400 * 1024) / 8,
  },
  {
    name: 'classic slow 3G',
    detail: "DevTools' preset: 2,000 ms RTT, 50 KB/s down and up",
    latency: 2000,
    downloadThroughput: 50 * 1024,
    uploadThroughput: 50 * 1024,
  },
];
const CPU_SLOWDOWN = 4;
/** A mid-range phone's screen (the one Lighthouse's mobile profile uses). */
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true, locale: 'id-ID' };
const KELURAHAN = '53.71.04.1001';

const options = benchOptions();
const LOADS = options.number('--loads', options.quick ? 1 : 5);
const SUBMITS = options.number('--submits', options.quick ? 1 : 3);
const wallStart = process.hrtime.bigint();
const seconds = () => `${fmt(msSince(wallStart) / 1000, 1)} s`;

const head = header(
  'The widget on a slow phone',
  `Chromium ${CPU_SLOWDOWN}× CPU throttling; ${NETWORKS.map((n) => `${n.name} (${n.detail})`).join(' and ')}; ` +
    `${PHONE.viewport.width}×${PHONE.viewport.height} phone screen, cold cache per load; ` +
    `${LOADS} load(s) of each page, ${SUBMITS} report(s) with one photo${options.quick ? ' (--quick)' : ''}`,
);

// ---------------------------------------------------------------------------------------------
// The servers

/** `aduan serve` on embedded PGlite with the Kupang demo and a scratch data directory. */
async function startAduanServer() {
  const server = await startAduan(null, {
    ADUAN_RATE_LIMITS: 'off', // every load comes from one address
    ADUAN_DELIVERY_WORKER: '0', // nothing to deliver to; keeps the server quiet while measuring
    ADUAN_SHUTDOWN_GRACE_MS: '2000',
  });
  return { origin: server.url, stop: server.stop };
}

/**
 * The city's own web server: the page with the widget (`/`), the same page without it
 * (`/plain`), its stylesheet, and `/upload`, which reads a POST body and answers its size
 * (the baseline for sending a report). Text is gzipped, as any site's server does.
 */
async function startCitySite(aduanOrigin) {
  const template = readFileSync(join(pagesDir, 'city.html'), 'utf8');
  const withWidget = template.replaceAll('{{ADUAN}}', aduanOrigin).replace(/^\s*<!--\/?widget-->\n/gm, '');
  const plain = template.replace(/^\s*<!--widget-->[\s\S]*?<!--\/widget-->\n/m, '');
  const files = {
    '/': { type: 'text/html; charset=utf-8', body: withWidget },
    '/plain': { type: 'text/html; charset=utf-8', body: plain },
    '/city.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(pagesDir, 'city.css'), 'utf8') },
  };
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/upload' && request.method === 'POST') {
      let bytes = 0;
      request.on('data', (chunk) => (bytes += chunk.length));
      request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes })));
      return;
    }
    const file = files[path];
    if (!file) return void response.writeHead(404).end();
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const body = gzip ? gzipSync(file.body) : Buffer.from(file.body);
    response.writeHead(200, {
      'content-type': file.type,
      'cache-control': 'no-cache',
      'content-length': body.length,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The widget's own first requests, once, straight from Node. */
async function warmServer(origin) {
  const client = createAduanClient({ url: `${origin}/graphql` });
  await client.formStart('demo', 'ID');
}

// ---------------------------------------------------------------------------------------------
// The phone

async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without the background-networking flags this closed network refuses Chromium's own connections.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** In every page before its own scripts: marks the moment the form is usable. */
function instrumentPage() {
  const marks = (window.__bench = {});
  addEventListener(
    'aduan-ready',
    async (event) => {
      marks.ready = performance.now();
      const form = event.target;
      await form.updateComplete;
      const select = form.shadowRoot?.querySelector('select[name=category]');
      if (select && select.options.length > 1 && !select.disabled) {
        marks.interactive = performance.now();
        marks.categories = select.querySelectorAll('option[value]:not([value=""])').length;
      } else marks.notInteractive = true;
      requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now())));
    },
    { once: true },
  );
}

/** A fresh context (cold cache) with one page on the slow phone and `network`, its requests recorded. */
async function openPhone(browser, network) {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(instrumentPage);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => message.type() === 'error' && problems.push(`console error: ${message.text()}`));
  const cdp = await context.newCDPSession(page);
  const requests = recordRequests(cdp);
  await cdp.send('Network.enable');
  const { latency, downloadThroughput, uploadThroughput } = network;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput, uploadThroughput });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { context, page, cdp, requests, problems };
}

/** Every request the page makes, with protocol timestamps (seconds) and bytes on the wire. */
function recordRequests(cdp) {
  const requests = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, {
      id: e.requestId,
      url: e.request.url,
      method: e.request.method,
      type: e.type,
      operation: operationOf(e.request),
      sent: e.timestamp,
      finished: undefined,
      bytes: 0,
    });
  });
  cdp.on('Network.responseReceived', (e) => {
    const request = requests.get(e.requestId);
    if (!request) return;
    request.status = e.response.status;
    request.encoding = Object.entries(e.response.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-encoding')?.[1];
  });
  cdp.on('Network.loadingFinished', (e) => {
    const request = requests.get(e.requestId);
    if (!request) return;
    request.finished = e.timestamp;
    request.bytes = e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', (e) => {
    const request = requests.get(e.requestId);
    if (request) Object.assign(request, { finished: e.timestamp, failed: e.errorText });
  });
  return requests;
}

/** The GraphQL operation a request carries, from its body (JSON or a multipart's `operations`) or a GET's query. */
function operationOf(request) {
  const url = new URL(request.url, 'http://x');
  if (!url.pathname.endsWith('/graphql')) return undefined;
  if (request.method === 'OPTIONS') return 'preflight';
  const body =
    request.method === 'GET'
      ? (url.searchParams.get('query') ?? '')
      : (request.postData ?? request.postDataEntries?.map((entry) => Buffer.from(entry.bytes ?? '', 'base64').toString()).join('') ?? '');
  const name = /(?:query|mutation)\s+(\w+)/.exec(body)?.[1];
  if (/content-type: multipart|name="map"/i.test(body) || String(request.headers?.['Content-Type'] ?? '').startsWith('multipart/'))
    return `${name ?? 'SubmitReport'} (multipart)`;
  return name;
}

const inFlight = (requests) => [...requests.values()].filter((r) => r.finished === undefined && !r.url.startsWith('data:')).length;

/** Resolves once no request has been in flight for `quietMs` (or after `maxMs`). */
async function networkQuiet(requests, quietMs = 500, maxMs = 15_000) {
  const start = Date.now();
  let quietSince = Date.now();
  while (Date.now() - start < maxMs) {
    if (inFlight(requests) > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function pageTimings() {
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    scriptTag: performance.getEntriesByName('aduan-script-tag')[0]?.startTime,
    // When the browser found the tag and asked for the script (its preload scanner is ahead of the parser).
    scriptFetch: performance.getEntriesByType('resource').find((entry) => entry.name.includes('/widget/aduan'))?.startTime,
    stylesheetFetch: performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/city.css'))?.startTime,
    domContentLoaded: navigation.domContentLoadedEventEnd,
    load: navigation.loadEventEnd,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    ...window.__bench,
  };
}

/**
 * Round trips from the script's arrival to the usable form: each request to Aduan's origin
 * that ended by then is one more than the latest it waited for (one that ended before it
 * started), so requests in parallel count once. A preflight is a request of its own here.
 */
function roundTripsAfterScript(waterfall, bundle, interactive) {
  const aduan = new URL(bundle.url).origin;
  const after = waterfall
    .filter((r) => r !== bundle && r.url.startsWith(aduan) && r.start >= bundle.end && r.end !== undefined && r.end <= interactive)
    .sort((a, b) => a.start - b.start);
  const depth = new Map([[bundle, 0]]);
  for (const r of after) depth.set(r, 1 + Math.max(...[...depth].filter(([o]) => o.end <= r.start).map(([, d]) => d)));
  return Math.max(0, ...after.map((r) => depth.get(r)));
}

/** One cold load of the page with the widget or the plain one. */
async function loadPage(browser, site, variant, network) {
  const phone = await openPhone(browser, network);
  try {
    const { page, requests } = phone;
    await page.goto(variant === 'widget' ? `${site}/` : `${site}/plain`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(
      (widget) =>
        performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0 &&
        performance.getEntriesByName('first-contentful-paint').length > 0 &&
        (!widget || window.__bench.painted !== undefined || window.__bench.notInteractive),
      variant === 'widget',
      { timeout: 60_000 },
    );
    const timings = await page.evaluate(pageTimings);
    if (variant === 'widget' && timings.interactive === undefined) throw new Error('The form rendered without its categories.');
    const document = [...requests.values()].find((r) => r.type === 'Document');
    await networkQuiet(requests);
    if (phone.problems.length) throw new Error(`The ${variant} page had problems:\n${phone.problems.join('\n')}`);
    const list = [...requests.values()].sort((a, b) => a.sent - b.sent);
    // Protocol timestamps are on another clock: align them to the page's on the stylesheet's
    // request, which both pages make and Resource Timing also dates.
    const stylesheet = list.find((r) => r.url.endsWith('/city.css'));
    const pageTime = (at) => (at === undefined ? undefined : (at - stylesheet.sent) * 1000 + timings.stylesheetFetch);
    const waterfall = list.map((r) => ({
      what: describe(r),
      operation: r.operation,
      url: r.url,
      start: pageTime(r.sent),
      end: pageTime(r.finished),
      bytes: r.bytes,
      status: r.status,
      encoding: r.encoding,
    }));
    const bundle = waterfall.find((r) => r.url.includes('/widget/aduan'));
    const categories = waterfall.find((r) => r.operation === 'FormStart');
    const beforeInteractive = waterfall.filter((r) => r.start < (timings.interactive ?? Infinity));
    // Chromium's emulation does not delay CORS preflights: count those on the way to the form.
    const preflights = beforeInteractive.filter((r) => r.operation === 'preflight');
    return {
      variant,
      ...timings,
      bytesAtInteractive: beforeInteractive.filter((r) => r.end <= timings.interactive).reduce((sum, r) => sum + r.bytes, 0),
      bytes: waterfall.reduce((sum, r) => sum + r.bytes, 0),
      preflights: preflights.length,
      // Requests to the API (preflights included) between the script's arrival and the usable form.
      apiRoundTrips: beforeInteractive.filter((r) => r.operation !== undefined && bundle && r.start >= bundle.end).length,
      roundTrips: bundle && timings.interactive !== undefined ? roundTripsAfterScript(waterfall, bundle, timings.interactive) : undefined,
      preflightMs: preflights.reduce((sum, r) => sum + (r.end - r.start), 0),
      bundle,
      waterfall,
      // The critical path to a usable form, in page time.
      path: bundle &&
        categories && {
          html: pageTime(document.finished),
          script: bundle.end - bundle.start,
          startup: categories.start - bundle.end, // parse, run and first render until the catalogue is asked for
          categories: categories.end - categories.start,
          render: timings.interactive - categories.end,
        },
    };
  } finally {
    await phone.context.close();
  }
}

function describe(request) {
  const url = new URL(request.url);
  return `${request.method} ${url.port ? `:${url.port}` : ''}${url.pathname}${request.operation ? ` ${request.operation}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// The photo

/**
 * A camera-size JPEG (4000×3000, about 2 MB): a street scene of gradients and blocks
 * with sensor-like noise, so it compresses like a photo rather than a flat drawing.
 * Deterministic (seeded), made once in an unthrottled page.
 */
async function makePhoto(browser, folder) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const base64 = await page.evaluate(async () => {
      const width = 4000;
      const height = 3000;
      const canvas = new OffscreenCanvas(width, height);
      const g = canvas.getContext('2d');
      let seed = 20261128;
      const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
      const sky = g.createLinearGradient(0, 0, 0, height * 0.5);
      sky.addColorStop(0, '#6d9fd6');
      sky.addColorStop(1, '#dfe9f2');
      g.fillStyle = sky;
      g.fillRect(0, 0, width, height);
      for (let i = 0; i < 40; i++) {
        g.fillStyle = `hsl(${Math.floor(random() * 360)} ${20 + random() * 40}% ${30 + random() * 45}%)`;
        const w = 200 + random() * 700;
        const h = 300 + random() * 1200;
        g.fillRect(random() * width, height * 0.55 - h, w, h);
      }
      const road = g.createLinearGradient(0, height * 0.55, 0, height);
      road.addColorStop(0, '#7b7468');
      road.addColorStop(1, '#4c473f');
      g.fillStyle = road;
      g.fillRect(0, height * 0.55, width, height * 0.45);
      for (let i = 0; i < 300; i++) {
        g.fillStyle = `hsl(${Math.floor(random() * 60)} ${random() * 50}% ${20 + random() * 60}%)`;
        g.beginPath();
        g.ellipse(random() * width, height * 0.6 + random() * height * 0.4, 20 + random() * 120, 10 + random() * 60, random() * 3, 0, 7);
        g.fill();
      }
      const image = g.getImageData(0, 0, width, height);
      const px = image.data;
      for (let i = 0; i < px.length; i += 4) {
        const n = (random() - 0.5) * 10;
        px[i] += n;
        px[i + 1] += n;
        px[i + 2] += n;
      }
      g.putImageData(image, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(text);
    });
    const bytes = Buffer.from(base64, 'base64');
    const path = join(folder, 'IMG_20261128_091512.jpg');
    writeFileSync(path, bytes);
    return { path, size: bytes.length };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Sending a report

/** Watches the form's shadow root: when the photo was chosen and shown, submit clicked, the code shown. */
function watchSubmission() {
  const marks = window.__bench;
  const root = document.querySelector('aduan-report').shadowRoot;
  root.addEventListener('change', (e) => e.target.name === 'photos' && (marks.photoChosen = performance.now()), true);
  root.addEventListener('click', (e) => e.target.closest?.('button[type=submit]') && (marks.submitClicked ??= performance.now()), true);
  new MutationObserver(() => {
    if (marks.photoShown === undefined && root.querySelector('ul.photos img')) marks.photoShown = performance.now();
    if (marks.trackingShown === undefined && root.querySelector('[part=tracking-code]')?.textContent.trim()) {
      marks.trackingShown = performance.now();
      marks.trackingCode = root.querySelector('[part=tracking-code]').textContent.trim();
    }
  }).observe(root, { subtree: true, childList: true, characterData: true });
}

async function sendReport(browser, site, photo) {
  const phone = await openPhone(browser, NETWORKS[0]);
  try {
    const { page, requests, cdp } = phone;
    await page.goto(`${site}/`, { timeout: 60_000 });
    const form = page.locator('aduan-report');
    await page.waitForFunction(() => window.__bench.interactive !== undefined, null, { timeout: 60_000 });
    await form.locator('select[name=category]').selectOption('sampah');
    await form.locator('textarea[name=description]').fill('Sampah menumpuk di depan pasar sejak Senin, belum diangkut');
    await form.locator(`select[name=jurisdiction] option[value="${KELURAHAN}"]`).waitFor({ state: 'attached', timeout: 60_000 });
    await form.locator('select[name=jurisdiction]').selectOption(KELURAHAN);
    await form.locator('input[name=placeText]').fill('depan Pasar Oebobo');
    await form.locator('[part=routing]').waitFor({ timeout: 60_000 });
    await networkQuiet(requests, 300);
    await page.evaluate(watchSubmission);
    // A file on disk, as the phone's picker hands it over: the browser reads it itself.
    await form.locator('input[name=photos]').setInputFiles(photo.path);
    await page.waitForFunction(() => window.__bench.photoShown !== undefined, null, { timeout: 60_000 });
    const before = new Set(requests.keys());
    await form.locator('button[type=submit]').click();
    await page.waitForFunction(() => window.__bench.trackingShown !== undefined, null, { timeout: 120_000 });
    const marks = await page.evaluate(() => window.__bench);
    const sent = [...requests.values()].filter((r) => !before.has(r.id)).sort((a, b) => a.sent - b.sent);
    const challenge = sent.find((r) => r.operation === 'ProofOfWorkChallenge');
    const upload = sent.find((r) => r.operation?.endsWith('(multipart)'));
    if (!challenge || !upload) throw new Error(`Expected a challenge and a multipart upload, saw: ${sent.map(describe).join(', ')}`);
    const body = await requestBody(cdp, upload.id);
    const uploadBytes = body.length;
    const hashes = proofOfWorkCounter(body);
    // The baseline: the same number of bytes POSTed to the page's own server, same profile.
    const plainUpload = await page.evaluate(async (size) => {
      const start = performance.now();
      const response = await fetch('/upload', { method: 'POST', body: new Blob([new Uint8Array(size)]) });
      await response.json();
      return performance.now() - start;
    }, uploadBytes);
    if (phone.problems.length) throw new Error(`Sending had problems:\n${phone.problems.join('\n')}`);
    return {
      code: marks.trackingCode,
      resizeMs: marks.photoShown - marks.photoChosen,
      totalMs: marks.trackingShown - marks.submitClicked,
      challengeMs: (challenge.finished - challenge.sent) * 1000,
      solveMs: (upload.sent - challenge.finished) * 1000,
      uploadMs: (upload.finished - upload.sent) * 1000,
      uploadBytes,
      hashes,
      plainUploadMs: plainUpload,
      requests: sent.map(describe),
    };
  } finally {
    await phone.context.close();
  }
}

/** The body a request sent (the whole multipart, photo included), as the protocol kept it. */
async function requestBody(cdp, requestId) {
  const { postData, base64Encoded } = await cdp.send('Network.getRequestPostData', { requestId });
  return base64Encoded ? Buffer.from(postData, 'base64') : Buffer.from(postData);
}

/** How many hashes the proof of work took: the counter in the payload the upload carried. */
function proofOfWorkCounter(body) {
  const payload = /"proofOfWork":"([^"]+)"/.exec(body.toString('latin1'))?.[1];
  return payload ? JSON.parse(Buffer.from(payload, 'base64').toString()).solution.counter : undefined;
}

// ---------------------------------------------------------------------------------------------
// The run

let bundle;
try {
  bundle = readFileSync(bundleFile);
} catch {
  console.error(`${bundleFile} is missing: run \`npm run build\` first.`);
  process.exit(1);
}
const bundleGzip = gzipSync(bundle, { level: 9 }).length;
/** The chunks the script fetches only when a page needs them (dist/chunks/<name>-<hash>.js), and when (chunks.json). */
const chunkInfo = JSON.parse(readFileSync(join(root, 'packages/widget/chunks.json'), 'utf8'));
const chunkDir = join(root, 'packages/widget/dist/chunks');
const chunkRows = readdirSync(chunkDir)
  .filter((name) => name.endsWith('.js'))
  .map((name) => {
    const bytes = readFileSync(join(chunkDir, name));
    const chunk = name.replace(/-[\w-]{8}\.js$/, '');
    return [`dist/chunks/${chunk}, gzip -9`, `${fmt(gzipSync(bytes, { level: 9 }).length)} B`, `fetched ${chunkInfo[chunk]?.fetched ?? 'when needed'}`];
  });

const browser = await launchBrowser();
const scratch = mkdtempSync(join(tmpdir(), 'aduan-bench-photo-'));
const starting = startAduanServer();
starting.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled meanwhile
let aduan;
let site;
/** Per network (NETWORKS' order), the loads of each page. */
const loads = NETWORKS.map(() => ({ widget: [], plain: [] }));
const submissions = [];
let photo;
try {
  photo = await makePhoto(browser, scratch); // while the server applies its migrations and the demo city
  console.log(`photo: 4000×3000 JPEG, ${fmt(photo.size)} B (${seconds()})`);
  aduan = await starting;
  site = await startCitySite(aduan.origin);
  console.log(`aduan at ${aduan.origin}, the city's page at ${site.origin} (${seconds()})`);
  // The server's first answers (catalogue, query plans) are not the phone's cost; nor is the
  // browser's first context, in a full run.
  await warmServer(aduan.origin);
  for (const [n, network] of NETWORKS.entries()) {
    console.log(`${network.name} (${network.detail}):`);
    if (!options.quick) await loadPage(browser, site.origin, 'widget', network);
    for (let i = 0; i < LOADS; i++) {
      const order = i % 2 === 0 ? ['plain', 'widget'] : ['widget', 'plain'];
      for (const variant of order) {
        const load = await loadPage(browser, site.origin, variant, network);
        loads[n][variant].push(load);
        console.log(
          variant === 'widget'
            ? `  widget page: script requested at ${fmt(load.scriptFetch)} ms, its tag run at ${fmt(load.scriptTag)} ms, interactive at ${fmt(load.interactive)} ms (${load.categories} categories), painted ${fmt(load.painted)} ms, load ${fmt(load.load)} ms, ${fmt(load.bytes)} B, ${load.preflights} preflight(s) taking ${fmt(load.preflightMs)} ms, ${load.roundTrips} round trip(s) after the script (${seconds()})`
            : `  plain page:  first paint ${fmt(load.fcp)} ms, load ${fmt(load.load)} ms, ${fmt(load.bytes)} B (${seconds()})`,
        );
      }
    }
  }
  console.log(`loads done (${seconds()})`);
  for (let i = 0; i < SUBMITS; i++) {
    const s = await sendReport(browser, site.origin, photo);
    submissions.push(s);
    console.log(
      `  sent ${s.code}: resize ${fmt(s.resizeMs)} ms; click → code ${fmt(s.totalMs)} ms (challenge ${fmt(s.challengeMs)}, proof of work ${fmt(s.solveMs)} for ${fmt(s.hashes)} hashes, upload ${fmt(s.uploadMs)} for ${fmt(s.uploadBytes)} B); plain upload ${fmt(s.plainUploadMs)} ms (${seconds()})`,
    );
  }
} finally {
  await browser.close();
  await site?.stop();
  await (aduan ?? (await starting.catch(() => undefined)))?.stop();
  rmSync(scratch, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------
// The report

const med = (list, pick) => median(list.map(pick).filter((v) => v !== undefined));
/** What the emulation leaves out: one round trip per CORS preflight on the way to the form. */
const withPreflights = (l, ms, rtt) => ms + l.preflights * rtt - l.preflightMs;

/** One network's loading numbers, its tables and the waterfall of its first measured load. */
function loading(network, { widget: w, plain: p }) {
  const plainLoad = med(p, (l) => l.load);
  const rtt = network.latency;
  const row = (what, ms) => [what, `${fmt(ms)} ms`, ratio(ms / plainLoad)];
  const numbers = {
    fromFetch: med(w, (l) => l.interactive - l.scriptFetch),
    fromFetchCounted: med(w, (l) => withPreflights(l, l.interactive - l.scriptFetch, rtt)),
    fromTag: med(w, (l) => l.interactive - l.scriptTag),
    interactive: med(w, (l) => l.interactive),
    interactiveCounted: med(w, (l) => withPreflights(l, l.interactive, rtt)),
    roundTrips: Math.max(...w.map((l) => l.roundTrips + l.preflights)),
    plainLoad,
  };
  const rows = [
    row('Navigation start → form interactive', numbers.interactive),
    ...(w.some((l) => l.preflights) ? [row(`… counting the preflight's round trip`, numbers.interactiveCounted)] : []),
    row('Script requested → form interactive', numbers.fromFetch),
    ...(w.some((l) => l.preflights) ? [row(`… counting the preflight's round trip`, numbers.fromFetchCounted)] : []),
    row('Script tag run (inline mark) → form interactive', numbers.fromTag),
    row(
      'Navigation start → form painted',
      med(w, (l) => l.painted),
    ),
    row(
      'Navigation start → script requested',
      med(w, (l) => l.scriptFetch),
    ),
    row(
      'Page with the widget: first contentful paint',
      med(w, (l) => l.fcp),
    ),
    row(
      'Page with the widget: load event',
      med(w, (l) => l.load),
    ),
    row(
      '**Baseline** — plain page: first contentful paint',
      med(p, (l) => l.fcp),
    ),
    row('**Baseline** — plain page: load event', plainLoad),
  ];
  const pathRows = [
    ['Page HTML', med(w, (l) => l.path.html)],
    ['aduan.js (request → last byte)', med(w, (l) => l.path.script)],
    ['Start-up on the main thread (parse, run, define) until the catalogue is asked for', med(w, (l) => l.path.startup)],
    ['The form’s one start request (`FormStart`: catalogue, site, kelurahan; a GET, no preflight)', med(w, (l) => l.path.categories)],
    ['Render with the categories', med(w, (l) => l.path.render)],
  ].map(([what, ms]) => row(what, ms));
  const first = w[0];
  const waterfall = first.waterfall.map((r) => [r.what, fmt(r.start), r.end === undefined ? '…' : fmt(r.end), `${fmt(r.bytes)} B`]);
  console.log(`\nWaterfall of the first measured load with the widget on ${network.name} (ms from navigation start):`);
  for (const r of first.waterfall) {
    console.log(
      `  ${fmt(r.start).padStart(6)} → ${(r.end === undefined ? '…' : fmt(r.end)).padStart(6)}  ${r.what} ${r.status ?? ''} ${fmt(r.bytes)} B${r.encoding ? ` ${r.encoding}` : ''}`,
    );
  }
  const markdown = [
    `#### On ${network.name} (${network.detail})`,
    '',
    table(['Loading', 'Median', '× plain page load'], rows),
    '',
    `Round trips from the script's arrival to the usable form (the most in any load, preflights counted): **${fmt(numbers.roundTrips)}**, so ${fmt(numbers.roundTrips + 1)} from the script tag.`,
    '',
    table(['Where the time to a usable form goes', 'Median', '× plain page load'], pathRows),
    '',
    `The first measured load with the widget, request by request (ms from navigation start; \`:port\` tells the city's server from Aduan's):`,
    '',
    table(['Request', 'Start', 'End', 'Bytes'], waterfall),
  ].join('\n');
  return { numbers, markdown, first };
}

const networks = NETWORKS.map((network, n) => ({ network, ...loading(network, loads[n]) }));
const [main] = networks;
const w = loads[0].widget;
const p = loads[0].plain;
const preflights = med(w, (l) => l.preflights);

const bytesRows = [
  ['dist/aduan.js, gzip -9', `${fmt(bundleGzip)} B`, `budget ${fmt(BUDGET_BYTES)} B, ${fmt(BUDGET_BYTES - bundleGzip)} B left`],
  ['dist/aduan.js, raw', `${fmt(bundle.length)} B`, ''],
  ...chunkRows,
  ['aduan.js on the wire', `${fmt(main.first.bundle?.bytes)} B`, `${main.first.bundle?.encoding ?? 'no'} content-encoding`],
  ['Page with the widget, by interactive', `${fmt(med(w, (l) => l.bytesAtInteractive))} B`, ''],
  ['Page with the widget, all', `${fmt(med(w, (l) => l.bytes))} B`, `${fmt(main.first.waterfall.length)} requests`],
  ['**Baseline** — plain page', `${fmt(med(p, (l) => l.bytes))} B`, `${fmt(p[0].waterfall.length)} requests`],
];

const s = submissions;
const submitTotal = med(s, (x) => x.totalMs);
const plainUpload = med(s, (x) => x.plainUploadMs);
const solve = med(s, (x) => x.solveMs);
const submitRow = (what, ms, note = '') => [what, `${fmt(ms)} ms${note}`, ratio(ms / plainUpload)];
const submitRows = [
  submitRow(
    'Photo chosen → resized and shown',
    med(s, (x) => x.resizeMs),
  ),
  submitRow('**Click on submit → tracking code shown**', submitTotal),
  submitRow(
    '… challenge request',
    med(s, (x) => x.challengeMs),
  ),
  submitRow('… proof of work (Web Worker, not throttled)', solve, ` for ${fmt(med(s, (x) => x.hashes))} hashes`),
  submitRow(
    '… upload and answer (multipart)',
    med(s, (x) => x.uploadMs),
    ` for ${fmt(med(s, (x) => x.uploadBytes))} B`,
  ),
  submitRow('**Baseline** — the same bytes POSTed to the page’s own server', plainUpload),
];

const bundleMet = bundleGzip <= BUDGET_BYTES;
const markdown = [
  `Median of ${LOADS} cold load(s) of each page on each network, and ${SUBMITS} report(s) sent on ${main.network.name}; ${CPU_SLOWDOWN}× CPU throttling and the networks through the DevTools protocol, a ${PHONE.viewport.width}×${PHONE.viewport.height} phone screen. Ratios are against the plain page's load event on the same network (loading) and a plain POST of the same bytes (sending), all in the same run.`,
  '',
  table(
    ['Script tag → form interactive', ...networks.map(({ network }) => network.name)],
    [
      ['Script requested → form interactive (median)', ...networks.map(({ numbers }) => `${fmt(numbers.fromFetch)} ms`)],
      ['Round trips after the script arrives (most in a load)', ...networks.map(({ numbers }) => fmt(numbers.roundTrips))],
    ],
  ),
  '',
  ...networks.flatMap(({ markdown: part }) => [part, '']),
  table(['Bytes', 'Size', ''], bytesRows),
  '',
  table([`Sending a report with one photo, on ${main.network.name}`, 'Median', '× plain upload'], submitRows),
  '',
  `- Interactive: on \`aduan-ready\`, once the element has rendered, when its category \`<select>\` holds the ${main.first.categories} categories and is enabled; page time (0 = navigation start). "Script requested" is aduan.js's Resource Timing start (the preload scanner finds the tag early); the inline \`performance.mark\` before the tag runs later, only once the page's stylesheet has arrived.`,
  `- Round trips: the requests to Aduan's origin (the API, a chunk) that ended between the script's arrival and the usable form, each one more than the latest it had to wait for (one that ended before it started), so requests in parallel count once. Chromium's network emulation does not delay CORS preflights (${fmt(preflights)} per load here), so each counts a round trip of its own, and, where there are any, the rows "counting the preflight's round trip" add the network's round trip for each.`,
  `- Like all DevTools throttling, the latency is added per request, not per connection: opening a connection (DNS, TCP, TLS — two or three round trips on a real network) is not counted, neither to Aduan's origin nor to the page's own.`,
  `- The photo: a ${fmt(photo.size)}-byte 4000×3000 JPEG made in the browser at the start (gradients, shapes, sensor-like noise); the form shrinks it to 1600 px (JPEG 0.85) before sending.`,
  `- Chromium throttles only the page's main thread: a dedicated worker refuses \`Emulation.setCPUThrottlingRate\` ("only supported for pages"), so the proof of work runs at this machine's speed; on a phone ${CPU_SLOWDOWN}× as slow it would take about ${fmt(solve * CPU_SLOWDOWN)} ms, and the whole submission about ${fmt(submitTotal + solve * (CPU_SLOWDOWN - 1))} ms.`,
].join('\n');

const targets = [
  target(
    `Script tag → form interactive with categories, slow phone, ${main.network.name}`,
    main.numbers.fromFetchCounted < TARGET_INTERACTIVE_MS,
    `< ${fmt(TARGET_INTERACTIVE_MS)} ms`,
    `${fmt(main.numbers.fromFetchCounted)} ms from the script request, preflights' round trips counted (${fmt(main.numbers.fromFetch)} ms as emulated); ` +
      `${fmt(main.numbers.interactiveCounted)} ms from navigation start, ${ratio(main.numbers.interactiveCounted / main.numbers.plainLoad)} the plain page's load`,
  ),
  ...networks.map(({ network, numbers }) =>
    target(
      `Round trips from the script's arrival to the usable form, ${network.name}`,
      numbers.roundTrips <= TARGET_ROUND_TRIPS,
      `≤ ${TARGET_ROUND_TRIPS}`,
      `${fmt(numbers.roundTrips)} (script requested → interactive ${fmt(numbers.fromFetch)} ms, median)`,
    ),
  ),
  target('dist/aduan.js gzipped (gzip -9)', bundleMet, `≤ ${fmt(BUDGET_BYTES)} B`, `${fmt(bundleGzip)} B`),
];
console.log(`\n${markdown}\n`);
finish(options, head, markdown, targets);
console.log(`wall time ${seconds()}`);
