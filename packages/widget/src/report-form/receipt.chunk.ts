/**
 * What the form shows after sending, as a chunk it fetches while the resident fills it
 * in: the receipt (the tracking code on one line, copy, share, what happens next) and
 * "Laporan saya", the reports this device sent. They render into the form's own shadow
 * root and take its styles; the form keeps a bare receipt (title and code) for when
 * this chunk could not load, so a code is never lost.
 */
import type { PublicReport } from '@aduan/client';
import type { ConfigController } from '../common/config.controller.js';
import type { StringKey } from '../common/strings.js';
import type { MyReport } from '../common/my-reports.js';
import { addStrings, html, nothing } from '../first-script.js';
import { reportDate } from '../status/report-date.js';
import { receiptStrings } from './receipt.strings.js';

addStrings(receiptStrings);

/** What the form lends these screens. */
export interface ReceiptHost {
  readonly cfg: ConfigController;
  announce(text: string): void;
  follow(code: string): void;
  another(): void;
}

/** The server's own status page for a code, as in the reporter's e-mail (without its key). */
const statusUrl = (host: ReceiptHost, code: string) => new URL(`/?code=${encodeURIComponent(code)}`, host.cfg.client.url).href;

export function success(host: ReceiptHost, report: PublicReport) {
  const t = host.cfg.t.bind(host.cfg);
  const code = report.trackingCode;
  const text = t('shareText', { code, url: statusUrl(host, code) });
  return html`<section part="success" aria-labelledby="s-title">
    <h2 id="s-title" class="ok" tabindex="-1">${t('successTitle')}</h2>
    <p id="code-label">${t('trackingCode')}</p>
    <p class="code" part="tracking-code" aria-describedby="code-label">${code}</p>
    <div class="row">
      <button type="button" name="copy" @click=${(e: Event) => copy(host, code, e)}>${t('copy')}</button>
      ${
        typeof navigator.share === 'function'
          ? html`<button type="button" name="share" @click=${() => navigator.share({ text }).catch(() => undefined)}>${t('share')}</button>`
          : html`<a class="button" part="share" href=${`https://wa.me/?text=${encodeURIComponent(text)}`} target="_blank" rel="noopener">${t('shareWhatsApp')}</a>
              <a class="button" part="share" href=${`sms:?&body=${encodeURIComponent(text)}`}>${t('shareSms')}</a>`
      }
    </div>
    <p>${t('next', { agency: report.agency.name, due: reportDate(host.cfg.lang, report.dueAt, report.timeZone) })}</p>
    <p>${t('keepCode')}</p>
    <div class="row">
      <button class="primary" type="button" name="follow" @click=${() => host.follow(code)}>${t('follow')}</button>
      <button type="button" @click=${() => host.another()}>${t('another')}</button>
    </div>
  </section>`;
}

async function copy(host: ReceiptHost, code: string, e: Event): Promise<void> {
  try {
    await navigator.clipboard.writeText(code);
    host.announce(host.cfg.t('copied'));
  } catch {
    // No clipboard (plain http, an old browser): select the code for the resident to copy.
    const node = (e.target as Element).closest('section')?.querySelector('.code');
    const range = document.createRange();
    if (node) range.selectNodeContents(node);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }
}

export function mine(host: ReceiptHost, reports: MyReport[]) {
  const t = host.cfg.t.bind(host.cfg);
  return html`<section part="mine" aria-labelledby="m-title">
    <h2 id="m-title" tabindex="-1">${t('mineTitle')}</h2>
    <p class="hint">${t('mineNote')}</p>
    <ul>
      ${reports.map(
        (r) => html`<li>
          <p class="code">${r.code}</p>
          <p>${r.names[host.cfg.lang]} · ${reportDate(host.cfg.lang, r.at, r.timeZone)}</p>
          ${r.status ? html`<p>${t('mineStatus', { status: t(r.status as StringKey) })}</p>` : nothing}
          <button type="button" name="view" @click=${() => host.follow(r.code)} aria-label=${t('view', { code: r.code })}>${t('follow')}</button>
        </li>`,
      )}
    </ul>
    <button type="button" @click=${() => host.another()}>${t('back')}</button>
  </section>`;
}
