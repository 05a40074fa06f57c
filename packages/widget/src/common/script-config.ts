/**
 * Configuration from the embedding <script> tag. `document.currentScript` is only set
 * while the script first runs (and the tag is `async`), so the bundle captures it at once.
 */
import type { StringOverrides } from './strings.js';

let script: HTMLScriptElement | null = null;

export function captureScript(current: Element | null): void {
  if (current instanceof HTMLScriptElement) script = current;
}

function tag(): HTMLScriptElement | null {
  return script ?? (typeof document === 'undefined' ? null : document.querySelector<HTMLScriptElement>('script[data-site]'));
}

export interface ScriptConfig {
  site?: string;
  api: string;
  lang?: string;
  theme?: string;
  categories?: string;
  jurisdiction?: string;
  launcher: boolean;
  strings?: StringOverrides;
}

export function scriptConfig(): ScriptConfig {
  const el = tag();
  const d = el?.dataset ?? {};
  let strings: StringOverrides | undefined;
  try {
    strings = d['strings'] ? (JSON.parse(d['strings']) as StringOverrides) : undefined;
  } catch {
    strings = undefined;
  }
  return {
    site: d['site'],
    api: d['api'] ?? new URL('/graphql', el?.src || location.href).href,
    lang: d['lang'],
    theme: d['theme'],
    categories: d['categories'],
    jurisdiction: d['jurisdiction'],
    launcher: d['launcher'] !== undefined,
    strings,
  };
}

/** The folder the widget script was loaded from (its chunks are there too). */
export function widgetBase(): string {
  const src = tag()?.src;
  return src ? new URL('.', src).href : new URL('/widget/', scriptConfig().api).href;
}
