import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { setApiLocale, type Lang } from './api.js';
import { STRINGS, fill, type StringKey } from './strings.js';

const STORAGE_KEY = 'aduan-console-lang';
const listeners = new Set<() => void>();

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'id' || stored === 'en') return stored;
  } catch {
    // Storage may be blocked; fall through.
  }
  return navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'id';
}

let current: Lang = initialLang();
apply();

function apply(): void {
  setApiLocale(current);
  document.documentElement.lang = current;
  document.title = STRINGS[current].appName;
  document.querySelector('meta[name=description]')?.setAttribute('content', STRINGS[current].appDescription);
}

/** The console's language: one for the whole app, remembered in localStorage. */
export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, still switched.
  }
  apply();
  for (const listener of listeners) listener();
}

/**
 * Shared localisation for every console element: `t(key, values)`, date and number
 * formatting in the current language, and a re-render when the language changes.
 */
export class LocaleController implements ReactiveController {
  private readonly listener = () => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get lang(): Lang {
    return current;
  }

  hostConnected(): void {
    listeners.add(this.listener);
  }

  hostDisconnected(): void {
    listeners.delete(this.listener);
  }

  t(key: StringKey, values?: Record<string, string | number>): string {
    return fill(STRINGS[current][key], values);
  }

  /** Whether `key` (built at run time, e.g. from an API value) names a string. */
  has(key: string): key is StringKey {
    return key in STRINGS[current];
  }

  /** A date and time in the given IANA time zone, with the zone's abbreviation. */
  dateTime(iso: string, timeZone?: string): string {
    try {
      // dateStyle/timeStyle cannot be combined with timeZoneName: spell the fields out.
      return new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'id-ID', {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
      }).format(new Date(iso));
    } catch {
      return iso;
    }
  }

  date(iso: string): string {
    return new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
  }

  number(n: number, digits = 0): string {
    return new Intl.NumberFormat(current === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: digits }).format(n);
  }

  percent(share: number): string {
    return new Intl.NumberFormat(current === 'en' ? 'en-GB' : 'id-ID', { style: 'percent', maximumFractionDigits: 0 }).format(share);
  }

  bytes(n: number): string {
    return n >= 1_048_576 ? `${this.number(n / 1_048_576, 1)} MB` : `${this.number(Math.max(1, Math.round(n / 1024)))} KB`;
  }
}
