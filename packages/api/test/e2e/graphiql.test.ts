// GraphiQL in Chromium: every file from this server (no CDN), under the strict page policy
// with not a single violation, and a query run from it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepScreenshot, startE2E, watchForProblems, type E2E } from './browser.js';

describe('GraphiQL in Chromium', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  }, 120_000);
  afterAll(async () => {
    await e2e?.close();
  });

  it('loads only from this server, under the page policy without a violation, and runs a query', async () => {
    const context = await e2e.browser.newContext();
    const problems = await watchForProblems(context);
    const page = await context.newPage();
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    const response = await page.goto(`${e2e.service.url}/graphql`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // Run the example query the page opens with.
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window').getByText('jalan-rusak').first().waitFor({ timeout: 30_000 });
    await keepScreenshot(page, 'graphiql');
    expect([...origins]).toEqual([new URL(e2e.service.url).origin]);
    expect(await problems()).toEqual([]);
    await context.close();
  });
});
