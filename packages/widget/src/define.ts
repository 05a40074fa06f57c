/**
 * Registration, kept apart from the classes so a host page that already uses a tag name
 * can register the classes under its own names instead. <aduan-status> comes with its
 * chunk (common/lazy-elements.ts).
 */
import { AduanLauncher } from './launcher/launcher.component.js';
import { AduanReport } from './report-form/report-form.component.js';
import { defineWhenUsed } from './common/lazy-elements.js';
import { clientFor } from './common/client.js';
import { startOutbox } from './common/outbox.js';
import { scriptConfig } from './common/script-config.js';

export const elements = {
  'aduan-report': AduanReport,
  'aduan-launcher': AduanLauncher,
} as const;

/** Defines the tags (skipping any already defined) and starts the offline outbox. */
export function defineAduanElements(): void {
  // First: a form on the page connects as it is defined, and must hear of a report the
  // outbox sends only after the outbox has noted it (sentLater).
  startOutbox(clientFor);
  for (const [tag, element] of Object.entries(elements)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
  defineWhenUsed();
}

/** With `data-launcher` on the script and no form on the page, adds the floating launcher. */
export function addLauncher(): HTMLElement | null {
  if (!scriptConfig().launcher || document.querySelector('aduan-report, aduan-launcher')) return null;
  return document.body.appendChild(document.createElement('aduan-launcher'));
}
