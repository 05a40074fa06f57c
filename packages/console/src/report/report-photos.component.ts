import { LitElement, html, nothing } from 'lit';
import type { Photo } from '../common/api.js';
import { baseStyles } from '../common/base.styles.js';
import { LocaleController } from '../common/locale.controller.js';
import { photoStyles } from './report.styles.js';

/**
 * The report's photos as thumbnails linking to the full image, with type, size and
 * pixels. Only same-origin `/staff/photos/<id>` URLs are shown (sent with the session
 * cookie; the CSP allows `img-src 'self'`).
 *
 * @tagname aduan-console-report-photos
 */
export class AduanConsoleReportPhotos extends LitElement {
  static override styles = [baseStyles, photoStyles];
  static override properties = {
    photos: { attribute: false },
  };

  declare photos: Photo[];

  private readonly l = new LocaleController(this);

  constructor() {
    super();
    this.photos = [];
  }

  override render() {
    const t = this.l.t.bind(this.l);
    const photos = this.photos;
    return html`
      <section class="card" aria-labelledby="h-photos">
        <h2 id="h-photos">${t('photos')}</h2>
        ${
          photos.length
            ? html`<ul class="photos">
              ${photos.map(
                (p, i) => html`<li>
                  ${
                    p.url.startsWith('/')
                      ? html`<a href=${p.url} target="_blank" rel="noopener" title=${t('photoOpen', { n: i + 1 })}>
                        <img src=${p.url} alt=${t('photoAlt', { n: i + 1, total: photos.length })} width=${p.width} height=${p.height} loading="lazy" decoding="async" />
                      </a>`
                      : nothing
                  }
                  <span>${t('photoInfo', { n: i + 1, type: p.contentType, w: p.width, h: p.height, size: this.l.bytes(p.byteSize) })}</span>
                </li>`,
              )}
            </ul>`
            : html`<p>${t('noPhotos')}</p>`
        }
      </section>
    `;
  }
}
