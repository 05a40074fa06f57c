/**
 * The photos a resident attaches: at most three, each resized in the browser before it
 * is kept (resize-photo.ts), previewed with a button to remove it. The form fetches this
 * chunk while the resident fills it in, or when a photo is chosen.
 */
import type { LitElement } from 'lit';
import type { ConfigController } from '../common/config.controller.js';
import { addStrings, css, html } from '../first-script.js';
import { addStyles } from './part-styles.js';
import { resizePhoto } from './resize-photo.js';

export const photosStrings = {
  id: {
    photoAlt: 'Foto {n}',
    removePhoto: 'Hapus foto {n}',
    tooManyPhotos: 'Paling banyak 3 foto.',
    photoUnreadable: 'Foto ini tidak dapat dibaca. Gunakan JPEG atau PNG.',
  },
  en: {
    photoAlt: 'Photo {n}',
    removePhoto: 'Remove photo {n}',
    tooManyPhotos: 'At most 3 photos.',
    photoUnreadable: 'This photo could not be read. Use JPEG or PNG.',
  },
};
addStrings(photosStrings);

export { resizePhoto };

export const MAX_PHOTOS = 3;

/** The previews, and the progress bar the form shows while they upload. */
const photosStyles = css`
  .photos {
    list-style: none;
    display: flex;
    gap: 8px;
    padding: 0;
    margin: 8px 0 0;
  }
  .photos img {
    display: block;
    width: 88px;
    height: 88px;
    object-fit: cover;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
  }
  .photos button {
    margin-top: 4px;
    min-height: 32px;
    padding: 2px 8px;
    font-size: 14px;
  }
  progress {
    width: 100%;
    height: 12px;
    accent-color: var(--_accent);
  }
`;

/** What the form lends its photos. */
export interface PhotosHost {
  readonly element: LitElement;
  readonly cfg: ConfigController;
  /** Shows (or, with none, clears) the message under the photo field. */
  photoError(message?: string): void;
}

interface Photo {
  blob: Blob;
  url: string;
}

export class PhotosPart {
  list: Photo[] = [];

  constructor(private readonly host: PhotosHost) {
    addStyles(host.element, photosStyles);
  }

  get full(): boolean {
    return this.list.length >= MAX_PHOTOS;
  }

  async add(files: File[]): Promise<void> {
    const t = this.host.cfg.t.bind(this.host.cfg);
    const room = MAX_PHOTOS - this.list.length;
    let error = files.length > room ? t('tooManyPhotos') : undefined;
    for (const file of files.slice(0, room)) {
      try {
        const blob = await resizePhoto(file);
        this.list = [...this.list, { blob, url: URL.createObjectURL(blob) }];
      } catch {
        error = t('photoUnreadable');
      }
    }
    this.host.photoError(error);
    this.host.element.requestUpdate();
  }

  remove(i: number): void {
    const photo = this.list[i];
    if (photo) URL.revokeObjectURL(photo.url);
    this.list = this.list.filter((_, j) => j !== i);
    this.host.element.requestUpdate();
  }

  clear(): void {
    for (const p of this.list) URL.revokeObjectURL(p.url);
    this.list = [];
  }

  render() {
    const t = this.host.cfg.t.bind(this.host.cfg);
    return this.list.length
      ? html`<ul class="photos">${this.list.map(
          (p, i) =>
            html`<li><img src=${p.url} alt=${t('photoAlt', { n: i + 1 })} /><button type="button" @click=${() => this.remove(i)}>${t('removePhoto', { n: i + 1 })}</button></li>`,
        )}</ul>`
      : undefined;
  }
}
