// A quick check of the built widget against a running server (`npm start`, or
// ADUAN_URL=http://localhost:4100): the demo page under its strict CSP, a report sent
// with a kelurahan, its status, the launcher dialog. Screenshots go to $SCREENSHOTS
// (default /tmp/aduan-smoke). Not part of `npm test`: it needs the server.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';

const base = process.env.ADUAN_URL ?? 'http://localhost:4000';
const shots = process.env.SCREENSHOTS ?? '/tmp/aduan-smoke';
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
try {
  for (const lang of ['id', 'en']) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`${lang} console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`${lang} page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`${lang} request failed: ${r.url()}`));
    page.on('request', (r) => !r.url().startsWith(base) && !r.url().startsWith('blob:') && problems.push(`${lang} third-party request: ${r.url()}`));
    await page.goto(`${base}/?lang=${lang}`);
    const form = page.locator('aduan-report');
    await form.locator('select[name=category] option[value=sampah]').waitFor({ state: 'attached' });
    await page.screenshot({ path: `${shots}/form-${lang}.png`, fullPage: true });
    await form.locator('button[type=submit]').click();
    await form.locator('#e-category').waitFor();
    await page.screenshot({ path: `${shots}/errors-${lang}.png`, fullPage: true });
    await form.locator('select[name=category]').selectOption('sampah');
    await form
      .locator('textarea[name=description]')
      .fill(lang === 'en' ? 'Rubbish has piled up by the market since Monday' : 'Sampah menumpuk di depan pasar sejak Senin');
    await form.locator('select[name=jurisdiction] option[value="53.71.04.1001"]').waitFor({ state: 'attached' });
    await form.locator('select[name=jurisdiction]').selectOption('53.71.04.1001');
    await form.locator('input[name=placeText]').fill(lang === 'en' ? 'by Oebobo market' : 'depan Pasar Oebobo');
    await form.locator('[part=routing]').waitFor();
    console.log(`${lang} routing: ${await form.locator('[part=routing]').textContent()}`);
    await form.locator('button[type=submit]').click();
    const code = await form.locator('[part=tracking-code]').textContent();
    console.log(`${lang} tracking code: ${code}; ${await form.locator('[part=success] p').nth(3).textContent()}`);
    await page.screenshot({ path: `${shots}/success-${lang}.png`, fullPage: true });
    await form.locator('button[name=follow]').click();
    await form.locator('aduan-status [part=timeline] li').first().waitFor();
    console.log(`${lang} status: ${await form.locator('aduan-status [part=status]').textContent()}`);
    await page.screenshot({ path: `${shots}/status-${lang}.png`, fullPage: true });

    await page.goto(`${base}/demo/launcher.html?lang=${lang}`);
    await page.locator('aduan-launcher button[part=button]').click();
    await page.locator('aduan-launcher dialog aduan-report select[name=category] option[value=sampah]').waitFor({ state: 'attached' });
    await page.screenshot({ path: `${shots}/dialog-${lang}.png` });
    await page.keyboard.press('Escape');
    await context.close();
  }
  const dark = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1100, height: 1400 } });
  const page = await dark.newPage();
  await page.goto(`${base}/`);
  await page.locator('aduan-report select[name=category] option[value=sampah]').waitFor({ state: 'attached' });
  await page.screenshot({ path: `${shots}/form-dark.png`, fullPage: true });
  await dark.close();
} finally {
  await browser.close();
}
console.log(problems.length ? `problems:\n${problems.join('\n')}` : 'no console errors, CSP violations, failed or third-party requests');
process.exit(problems.length ? 1 : 0);
