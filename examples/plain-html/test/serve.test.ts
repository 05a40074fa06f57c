// serve.mjs as someone trying the example runs it: the page's one script tag points at the
// server ADUAN_URL names, and a setting it cannot use is refused before anything is served.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const folder = new URL('../', import.meta.url);
const script = fileURLToPath(new URL('serve.mjs', folder));
const page = readFileSync(new URL('index.html', folder), 'utf8');

interface Run {
  /** The page's address, once it listens. */
  url?: string;
  /** The exit code, if it stopped instead. */
  code?: number | null;
  stderr: string;
}
const running: (() => void)[] = [];
afterEach(() => {
  for (const stop of running.splice(0)) stop();
});

/** Starts serve.mjs with these settings (and no ADUAN_URL of this shell's); any free port. */
function serve(settings: Record<string, string>): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', ...settings };
  if (!('ADUAN_URL' in settings)) delete env['ADUAN_URL'];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { env });
    running.push(() => child.kill());
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (url) resolve({ url, stderr });
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

const scriptTags = (html: string) => html.match(/<script\b[^>]*>/g);

describe('examples/plain-html/serve.mjs', () => {
  it('points the one script tag at the server ADUAN_URL names, and serves the page’s stylesheet and nothing else', async () => {
    const { url } = await serve({ ADUAN_URL: 'https://aduan.example.go.id' });
    const response = await fetch(url!);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(scriptTags(html)).toEqual(['<script src="https://aduan.example.go.id/widget/aduan.js" data-site="demo" async>']);
    expect(html).not.toContain('localhost:4000');
    // Everything else on the page is the file's own.
    expect(html.replace('https://aduan.example.go.id', 'http://localhost:4000')).toBe(page);
    const css = await fetch(new URL('styles.css', url));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(readFileSync(new URL('styles.css', folder), 'utf8'));
    for (const path of ['serve.mjs', 'package.json', 'README.md', '%2e%2e/package.json', 'test/serve.test.ts']) {
      expect((await fetch(new URL(path, url))).status, path).toBe(404);
    }
    expect((await fetch(url!, { method: 'POST' })).status).toBe(405);
  });

  it('without ADUAN_URL serves the page as it is, for the server `npm start` runs on http://localhost:4000', async () => {
    const { url } = await serve({});
    expect(await (await fetch(url!)).text()).toBe(page);
    expect(scriptTags(page)).toEqual(['<script src="http://localhost:4000/widget/aduan.js" data-site="demo" async>']);
  });

  it('takes the address with a closing slash, or on another port', async () => {
    const { url } = await serve({ ADUAN_URL: 'http://localhost:4610/' });
    expect(scriptTags(await (await fetch(url!)).text())).toEqual(['<script src="http://localhost:4610/widget/aduan.js" data-site="demo" async>']);
  });

  it.each([
    'localhost:4000',
    'aduan.example.go.id',
    'ftp://aduan.example.go.id',
    'https://aduan.example.go.id/aduan',
    'https://aduan.example.go.id/?site=demo',
    'https://admin:rahasia@aduan.example.go.id',
  ])('refuses ADUAN_URL=%s, saying what it takes, and serves nothing', async (value) => {
    const run = await serve({ ADUAN_URL: value });
    expect(run.url).toBeUndefined();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `plain-html: ADUAN_URL must be the Aduan server's address, such as http://localhost:4000 or https://aduan.example.go.id; got "${value}"\n`,
    );
  });

  it('refuses a PORT that is not a port number', async () => {
    const run = await serve({ PORT: '80a' });
    expect(run.url).toBeUndefined();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('plain-html: PORT must be a port number (0 for any free one); got "80a"\n');
  });
});
