/**
 * What the form shows beyond its fields, as a chunk it fetches while the resident fills
 * it in: open reports nearby (a hint: shown once this is here), the receipt (the tracking code on one line, copy, share, what happens next) and
 * "Laporan saya", the reports this device sent. They render into the form's own shadow
 * root and take its styles; the form keeps a bare receipt (title and code) for when
 * this chunk could not load, so a code is never lost.
 */
import type { NearbyReport, PublicReport } from '@aduan/client';
import type { StringKey } from '../common/strings.js';
import type { MyReport } from '../common/my-reports.js';
import { addStrings, html, nothing } from '../first-script.js';
import { reportDate } from '../status/report-date.js';
import { receiptStrings } from './receipt.strings.js';

addStrings(receiptStrings);

// "+1" is asked only from the list of reports nearby, which this chunk draws.
export { supportReport } from '@aduan/client';

/** What the form lends these screens. */
export interface ReceiptHost {
  t(key: StringKey, values?: Record<string, string | number>): string;
  lang: 'id' | 'en';
  /** The public status page for a code: the link in the reporter's e-mail, without the key. */
  statusUrl(code: string): string;
  announce(text: string): void;
  follow(code: string): void;
  another(): void;
  categoryName(code: string): string;
  /** "Saya juga mengalami ini": follow that report instead. */
  support(handle: string): void;
  notTheSame(): void;
}

/** Open reports of the category nearby: enough to recognise one, nothing private. */
export function nearby(host: ReceiptHost, reports: NearbyReport[]) {
  const t = host.t;
  return html`<section part="nearby" aria-labelledby="n-title">
    <h3 id="n-title">${t('nearbyTitle')}</h3>
    <p class="hint">${t('nearbyIntro')}</p>
    <ul>
      ${reports.map(
        (r) => html`<li>
          <strong>${host.categoryName(r.category)}</strong>
          <p>${t('nearbyItem', { status: t(r.status), area: r.area.displayName, m: r.distance.slice(6, -2), age: r.ageDays ? t('daysAgo', { n: r.ageDays }) : t('today') })}</p>
          ${r.supporters ? html`<p>${t('supporters', { n: r.supporters })}</p>` : nothing}
          <button type="button" name="support" @click=${() => host.support(r.handle)}>${t('followInstead')}</button>
        </li>`,
      )}
    </ul>
    <button type="button" name="anyway" @click=${() => host.notTheSame()}>${t('sendAnyway')}</button>
  </section>`;
}

export function success(host: ReceiptHost, report: PublicReport) {
  const t = host.t;
  const code = report.trackingCode;
  const text = t('shareText', { code, url: host.statusUrl(code) });
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
    <p>${t('next', { agency: report.agency.name, due: reportDate(host.lang, report.dueAt, report.timeZone) })}</p>
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
    host.announce(host.t('copied'));
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
  const t = host.t;
  return html`<section part="mine" aria-labelledby="m-title">
    <h2 id="m-title" tabindex="-1">${t('mineTitle')}</h2>
    <p class="hint">${t('mineNote')}</p>
    <ul>
      ${reports.map(
        (r) => html`<li>
          <p class="code">${r.code}</p>
          <p>${r.names[host.lang]} · ${reportDate(host.lang, r.at, r.timeZone)}</p>
          ${r.status ? html`<p>${t('mineStatus', { status: t(r.status as StringKey) })}</p>` : nothing}
          <button type="button" name="view" @click=${() => host.follow(r.code)} aria-label=${t('view', { code: r.code })}>${t('follow')}</button>
        </li>`,
      )}
    </ul>
    <button type="button" @click=${() => host.another()}>${t('back')}</button>
  </section>`;
}
