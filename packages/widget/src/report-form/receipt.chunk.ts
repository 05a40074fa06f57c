/**
 * What the form shows after sending, as a chunk it fetches while the resident fills it
 * in: the receipt (the tracking code on one line, copy, share, what happens next),
 * "Laporan saya" (the reports this device sent) and the status of a report followed from
 * either. They render into the form's own shadow root, with its styles and their own;
 * the form keeps a bare receipt (title and code) for when this chunk could not load, so
 * a code is never lost.
 */
import type { PublicReport } from '@aduan/client';
import type { ConfigController } from '../common/config.controller.js';
import type { AduanReport } from './report-form.component.js';
import type { StringKey } from '../common/strings.js';
import type { MyReport } from '../common/my-reports.js';
import { addStrings, css, html, nothing } from '../first-script.js';
import { reportDate } from '../status/report-date.js';
import { addStyles } from './part-styles.js';
import { receiptStrings } from './receipt.strings.js';

addStrings(receiptStrings);

const receiptStyles = css`
  [part='success'] .row {
    margin: 0 0 12px;
  }
  [part='mine'] ul {
    list-style: none;
    padding: 0;
  }
  [part='mine'] li {
    border-top: 1px solid var(--_border);
    padding: 8px 0;
  }
  [part='mine'] li p {
    margin: 0 0 8px;
  }
  aduan-status {
    --aduan-padding: 0;
    margin-bottom: 16px;
  }
`;

/** What the form lends these screens. */
export interface ReceiptHost {
  readonly element: AduanReport;
  readonly cfg: ConfigController;
  announce(text: string): void;
  follow(code: string): void;
  another(): void;
}

/** The server's own status page for a code, as in the reporter's e-mail (without its key). */
const statusUrl = (host: ReceiptHost, code: string) => new URL(`/?code=${encodeURIComponent(code)}`, host.cfg.client.url).href;

export function success(host: ReceiptHost, report: PublicReport) {
  addStyles(host.element, receiptStyles);
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
  addStyles(host.element, receiptStyles);
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

/** The status of a report followed from here: where its chunk could not come, why, and a way to try again. */
export function status(host: ReceiptHost, code: string, missing?: boolean) {
  addStyles(host.element, receiptStyles);
  const t = host.cfg.t.bind(host.cfg);
  const form = host.element;
  return html`<aduan-status code=${code} lang=${host.cfg.lang} theme=${form.theme ?? nothing} .client=${host.cfg.client} .strings=${form.strings}></aduan-status>
    ${missing ? html`<p role="alert">${t('statusOffline')}</p><button type="button" name="retry" @click=${() => host.follow(code)}>${t('retry')}</button>` : nothing}
    <button type="button" @click=${() => host.another()}>${t('another')}</button>`;
}
