import { LitElement, html, nothing } from 'lit';
import type { AduanClient } from '@aduan/client';
import { baseStyles } from '../common/base.styles.js';
import { ConfigController } from '../common/config.controller.js';
import type { StringOverrides } from '../common/strings.js';
import { launcherStyles } from './launcher.styles.js';

/**
 * A floating button (bottom right, clear of the safe-area insets) that opens
 * <aduan-report> in a modal <dialog>. Escape or the close button closes it and focus
 * returns to the button. The form loads only when first opened.
 *
 * @tagname aduan-launcher
 * @attr site - The site key from the embed code; else the script tag's `data-site`.
 * @attr api - The GraphQL endpoint; else `data-api`, else the script's own origin + /graphql.
 * @attr theme - `light` or `dark`; else `data-theme`, else the system setting.
 * @attr strings - Overrides for any visible text, as JSON; else `data-strings`.
 *
 * @csspart button - The floating button.
 * @csspart dialog - The <dialog>.
 * @csspart close - The dialog's close button.
 *
 * @cssprop [--aduan-z-index=10000] - Stacking of the floating button.
 */
export class AduanLauncher extends LitElement {
  static override styles = [baseStyles, launcherStyles];
  static override properties = {
    site: {},
    api: {},
    theme: { reflect: true },
    strings: { type: Object },
    client: { attribute: false },
    _opened: { state: true },
  };

  declare site?: string;
  declare api?: string;
  declare theme?: string;
  declare strings?: StringOverrides;
  declare client?: AduanClient;
  declare private _opened: boolean;

  private readonly cfg = new ConfigController(this);

  constructor() {
    super();
    this._opened = false;
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the form as a modal dialog. */
  async show(): Promise<void> {
    this._opened = true;
    await this.updateComplete;
    this.dialog?.showModal();
  }

  /** Closes the dialog; focus returns to the button. */
  close(): void {
    this.dialog?.close();
  }

  private onClose(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('.open')?.focus();
  }

  override render() {
    const t = this.cfg.t.bind(this.cfg);
    return html`
      <button class="primary open" part="button" type="button" aria-haspopup="dialog" @click=${this.show}>${t('launcher')}</button>
      <dialog part="dialog" aria-labelledby="d-title" @close=${this.onClose}>
        <header>
          <h2 id="d-title">${t('title')}</h2>
          <button type="button" part="close" @click=${this.close}>${t('close')}</button>
        </header>
        ${
          this._opened
            ? html`<aduan-report
              hide-title
              lang=${this.cfg.lang}
              site=${this.site ?? nothing}
              api=${this.api ?? nothing}
              theme=${this.theme ?? nothing}
              .client=${this.client}
              .strings=${this.strings}
            ></aduan-report>`
            : nothing
        }
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aduan-launcher': AduanLauncher;
  }
}
