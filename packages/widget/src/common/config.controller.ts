import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AduanClient, Locale } from '@aduan/client';
import { scriptConfig } from './script-config.js';
import { clientFor } from './client.js';
import { loadChunk } from './chunks.js';
import { STRINGS, addStrings, fill, toLang, type Lang, type StringKey, type StringOverrides } from './strings.js';

/** What an Aduan element exposes to configure itself; each falls back to the script tag. */
export interface ConfigHost extends ReactiveControllerHost, HTMLElement {
  site?: string;
  api?: string;
  theme?: string;
  strings?: StringOverrides;
  client?: AduanClient;
}

let english: Promise<void> | undefined;

/** English, fetched once, the first time any element speaks it. */
function englishStrings(): Promise<void> {
  english ??= loadChunk('en').then(
    ({ en }) => addStrings({ id: {}, en }),
    () => void (english = undefined), // offline: Bahasa Indonesia until a later try
  );
  return english;
}

/**
 * Resolves an element's configuration (element → script tag → defaults), its language
 * (element `lang` → script `data-lang` → nearest `[lang]`, e.g.
 * <html lang> → browser → id), and translates strings.
 * Re-renders the host when the language changes.
 */
export class ConfigController implements ReactiveController {
  lang: Lang = 'id';
  private observer?: MutationObserver;

  constructor(private readonly host: ConfigHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.sync();
    const theme = scriptConfig().theme;
    if (!this.host.hasAttribute('theme') && theme) this.host.setAttribute('theme', theme);
    this.observer = new MutationObserver(() => this.sync());
    this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  private sync(): void {
    const h = this.host;
    const lang =
      toLang(h.getAttribute('lang')) ?? toLang(scriptConfig().lang) ?? toLang(h.closest('[lang]')?.getAttribute('lang')) ?? toLang(navigator.language) ?? 'id';
    if (lang !== this.lang) {
      this.lang = lang;
      h.requestUpdate();
    }
    if (lang === 'en') englishStrings().then(() => h.requestUpdate());
  }

  get locale(): Locale {
    return this.lang === 'en' ? 'EN' : 'ID';
  }

  get site(): string {
    return this.host.site ?? this.host.dataset['site'] ?? scriptConfig().site ?? '';
  }

  get api(): string {
    return this.host.api ?? this.host.dataset['api'] ?? scriptConfig().api;
  }

  get client(): AduanClient {
    return this.host.client ?? clientFor(this.api);
  }

  t(key: StringKey, values?: Record<string, string | number>): string {
    const own = this.host.strings;
    const global = scriptConfig().strings;
    const text = own?.[this.lang]?.[key] ?? own?.[key] ?? global?.[this.lang]?.[key] ?? global?.[key] ?? STRINGS[this.lang][key] ?? STRINGS.id[key];
    return fill(text, values);
  }
}

export function emit(host: HTMLElement, type: string, detail: unknown): void {
  host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
