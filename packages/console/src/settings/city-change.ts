// How every change to a city's catalogue or routing is saved from the console: first
// as a dry run, and when reports would then go to another agency somewhere, that is
// shown — a category left to the triage desk first, as a warning — and saved only when
// the admin confirms. A refusal comes back to the form that made the change.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { CityChange, CityChanges, ConsoleApi, InvalidInput, RoutingChange } from '../common/api.js';
import { handleApiFailure } from '../common/api-failure.js';
import type { LocaleController } from '../common/locale.controller.js';

type Host = ReactiveControllerHost & HTMLElement & { api: ConsoleApi };

interface Pending {
  kind: keyof CityChanges;
  /** What the change is, in words, for the preview's title. */
  what: string;
  input: CityChanges[keyof CityChanges];
  changes: RoutingChange[];
  /** What to say once it is saved. */
  notice: string;
}

/** What `propose` ended in: saved, waiting for the admin's word, or refused (with why). */
export type Proposal = { saved: string } | { pending: true } | { refused: InvalidInput } | { failed: string };

export class CityChangeFlow implements ReactiveController {
  /** A change whose effect on routing is on screen, waiting to be confirmed. */
  pending: Pending | null = null;
  busy = false;

  constructor(
    private readonly host: Host,
    private readonly l: LocaleController,
    /** Called after anything was saved: the views read the city again. */
    private readonly onSaved: () => Promise<void> | void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Checks the change; saves it at once unless it moves reports, which waits for `confirm`. */
  async propose<K extends keyof CityChanges>(kind: K, input: CityChanges[K], notice: string, what = ''): Promise<Proposal> {
    this.pending = null;
    const dry = await this.send(kind, input, true);
    if ('failed' in dry || 'refused' in dry) return dry;
    if (dry.change.routingChanges.length > 0) {
      this.pending = { kind, input, changes: dry.change.routingChanges, notice, what };
      this.host.requestUpdate();
      return { pending: true };
    }
    const saved = await this.send(kind, input, false);
    return 'change' in saved ? { saved: notice } : saved;
  }

  async confirm(): Promise<Proposal> {
    const pending = this.pending;
    if (!pending) return { failed: '' };
    const saved = await this.send(pending.kind, pending.input, false);
    this.pending = null;
    this.host.requestUpdate();
    return 'change' in saved ? { saved: pending.notice } : saved;
  }

  cancel(): void {
    this.pending = null;
    this.host.requestUpdate();
    this.onCancel?.();
  }

  /** Where the keyboard goes when a pending change is cancelled. */
  onCancel?: () => void;

  private async send<K extends keyof CityChanges>(
    kind: K,
    input: CityChanges[K],
    dryRun: boolean,
  ): Promise<{ change: CityChange } | { refused: InvalidInput } | { failed: string }> {
    this.busy = true;
    this.host.requestUpdate();
    try {
      const result = await this.host.api.changeCity(kind, input, dryRun);
      if ('fields' in result) return { refused: result };
      if (!dryRun && result.saved) await this.onSaved();
      return { change: result };
    } catch (error) {
      const failure = handleApiFailure(this.host, error, this.l, { inline: true });
      return { failed: failure.announced ? '' : failure.message };
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The pending change's effect, with Save and Cancel; nothing when none is pending. */
  render(onConfirm: () => void) {
    const pending = this.pending;
    if (!pending) return nothing;
    const t = this.l.t.bind(this.l);
    return html`<section class="routing-preview" role="region" aria-labelledby="h-routing-preview">
      <h3 id="h-routing-preview" tabindex="-1">${pending.what ? t('routingPreviewTitleOf', { what: pending.what }) : t('routingPreviewTitle')}</h3>
      <p>${t('routingPreviewIntro')}</p>
      <ul>
        ${pending.changes.map(
          (c) => html`<li class=${c.toTriage ? 'warning' : ''}>
            ${
              c.toTriage
                ? html`<strong>${t('routingToTriage', { category: c.categoryName, n: c.areas.length, agency: c.toAgency ?? '' })}</strong>`
                : c.toAgency === null
                  ? html`<strong>${t('routingGone', { category: c.categoryName, n: c.areas.length })}</strong>`
                  : c.fromAgency === null
                    ? t('routingNew', { category: c.categoryName, n: c.areas.length, agency: c.toAgency })
                    : t('routingMoves', { category: c.categoryName, n: c.areas.length, from: c.fromAgency, agency: c.toAgency })
            }
            <details>
              <summary>${t('routingAreas', { n: c.areas.length })}</summary>
              <p>${c.areas.join(', ')}</p>
            </details>
          </li>`,
        )}
      </ul>
      <div class="form-buttons">
        <button type="button" name="confirm-change" ?disabled=${this.busy} @click=${onConfirm}>${t(pending.kind === 'deleteRule' ? 'routingConfirmDelete' : 'routingConfirm')}</button>
        <button type="button" class="secondary" name="cancel-change" @click=${() => this.cancel()}>${t('cancel')}</button>
      </div>
    </section>`;
  }
}

/** What a view shows once a proposal is settled, and where the keyboard goes. */
export interface Settled {
  /** The change was saved: close the form. */
  closeForm: boolean;
  notice?: string;
  errors?: Record<string, string>;
  general?: string[];
  /** A selector in the view's shadow root. */
  focus: string | null;
}

/**
 * The one way a settings view takes a proposal's outcome: saved (the form closes, the
 * notice says so), waiting for the admin's word (the preview takes the keyboard),
 * refused (each field marked; the rest in the view's alert, `#<prefix>-errors`, shown
 * whether or not a form is open), or failed.
 */
export function settled(proposal: Proposal, fields: readonly string[], l: LocaleController, prefix: string): Settled {
  if ('saved' in proposal) return { closeForm: true, notice: proposal.saved, errors: {}, general: [], focus: `#${prefix}-notice` };
  if ('pending' in proposal) return { closeForm: false, notice: '', errors: {}, general: [], focus: '#h-routing-preview' };
  if ('refused' in proposal) {
    const { byField, general } = fieldErrors(proposal.refused, fields, l);
    return { closeForm: false, errors: byField, general, focus: `[aria-invalid=true], #${prefix}-errors` };
  }
  return { closeForm: false, ...(proposal.failed ? { general: [proposal.failed] } : {}), focus: proposal.failed ? `#${prefix}-errors` : null };
}

/**
 * A refusal's messages by the form's field names (`keywords.3` → `keywords`); what no
 * field of the form shows (another part of the city file) goes to `general`. The API
 * words them as the city file's checks do, in English; in Bahasa Indonesia each field
 * says what it needs in the console's own words.
 */
export function fieldErrors(refusal: InvalidInput, known: readonly string[], l: LocaleController): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const { field, message } of refusal.fields) {
    const name = known.find((k) => field === k || field.startsWith(`${k}.`));
    const words = inWords(l, field, message);
    if (name) byField[name] ??= words;
    else general.push(l.lang === 'en' ? `${field}: ${message}` : words);
  }
  if (refusal.fields.length === 0) general.push(refusal.message);
  return { byField, general };
}

/** What a field needs, in the console's language: `channels.0.name` → fieldError_channels_name. */
export function inWords(l: LocaleController, field: string, message: string): string {
  if (l.lang === 'en') return message;
  const key = `fieldError_${field.replace(/\.\d+/g, '').replaceAll('.', '_')}`;
  return l.has(key) ? l.t(key) : message;
}

/** A code from a name, as the form suggests one: "Pohon tumbang!" → `pohon-tumbang`. */
export function codeFrom(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** A view's problems that no open form shows (a move, a withdrawal, a deletion refused), as an alert. */
export function loneErrors(general: readonly string[], prefix: string, formOpen: boolean) {
  return !formOpen && general.length
    ? html`<div id="${prefix}-errors" class="error" role="alert" tabindex="-1">${general.map((g) => html`<p>${g}</p>`)}</div>`
    : nothing;
}
