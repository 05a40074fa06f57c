// Pieces shared by the report page's delivery history and the deliveries view: the
// state in words, the time that matters for it, the attempt log, who may deliver
// again, and the `redeliver` call with its refusals worded. Everything a remote
// system wrote (errors) goes through Lit text bindings.
import { html, nothing } from 'lit';
import { ApiError, type ConsoleApi, type Delivery, type DeliveryErrorKind, type DeliveryState, type DeliverySummary, type Staff } from '../common/api.js';
import type { LocaleController } from '../common/locale.controller.js';
import type { StringKey } from '../common/strings.js';

const ICONS: Record<DeliveryState, string> = { PENDING: '⟳', DELIVERED: '✓', DEAD: '✕' };

/** The state in words; the icon and colour are extra cues, never the only one. */
export function stateBadge(l: LocaleController, state: DeliveryState) {
  return html`<span class="badge delivery-${state}" data-state=${state}><span aria-hidden="true">${ICONS[state]}</span> ${l.t(`deliveryState_${state}`)}</span>`;
}

export function eventLabel(l: LocaleController, event: string): string {
  if (event === 'report.routed') return l.t('event_routed');
  if (event === 'report.rerouted') return l.t('event_rerouted');
  const notice = /^(?:resident|staff)\.([A-Z_]+)$/.exec(event)?.[1];
  const key = `notice_${notice}` as StringKey;
  return notice && l.has(key) ? l.t('event_mail', { notice: l.t(key) }) : event;
}

/** Where it goes, in words: the channel's name, or whom an e-mail is for. */
export function deliveryTo(l: LocaleController, d: DeliverySummary): string {
  if (d.channel) return d.channel.name;
  return d.recipient?.kind === 'STAFF' ? l.t('mailToStaff', { name: d.recipient.name ?? '' }) : l.t('mailToReporter');
}

/** The moment that matters in its state: when it arrived, when it was given up, or when it is tried next. */
export function stateTime(l: LocaleController, d: DeliverySummary): { label: string; at: string } {
  if (d.state === 'DELIVERED' && d.deliveredAt) return { label: l.t('deliveredAt'), at: d.deliveredAt };
  if (d.state === 'DEAD' && d.deadAt) return { label: l.t('deadAt'), at: d.deadAt };
  return { label: l.t('nextAttemptAt'), at: d.nextAttemptAt };
}

/**
 * A failure: what kind, in the viewer's language, then what was said — often the
 * receiver's own words, in English (marked so, for screen readers).
 */
export function failure(l: LocaleController, kind: DeliveryErrorKind | null | undefined, text: string) {
  return html`${kind ? html`<span class="error-kind">${l.t(`deliveryErrorKind_${kind}`)}</span> ` : nothing}<span class="remote-error" lang="en">${text}</span>`;
}

/** Every attempt, oldest first, folded away until asked for. */
export function attemptLog(l: LocaleController, d: Delivery, timeZone: string) {
  const t = l.t.bind(l);
  return html`
    <details class="attempts">
      <summary>${t('attemptLog', { n: d.attemptLog.length })}</summary>
      ${
        d.attemptLog.length
          ? html`<ol>
            ${d.attemptLog.map(
              (a) => html`<li class=${a.ok ? 'ok' : 'failed'}>
                <div class="attempt-head">
                  <strong>${t('attemptTitle', { n: a.number })}</strong>
                  <time datetime=${a.startedAt}>${l.dateTime(a.startedAt, timeZone)}</time>
                  <span class="attempt-result"><span aria-hidden="true">${a.ok ? '✓' : '✕'}</span> ${a.ok ? t('attemptOk') : t('attemptFailed')}</span>
                  ${a.statusCode != null ? html`<span>${t('attemptCode', { code: a.statusCode })}</span>` : nothing}
                  <span>${l.number(a.durationMs)} ms</span>
                </div>
                ${a.error ? html`<p>${failure(l, a.errorKind, a.error)}</p>` : nothing}
                <p class="worker">${t('attemptWorker', { worker: a.worker })}</p>
              </li>`,
            )}
          </ol>`
          : html`<p>${t('attemptNone')}</p>`
      }
    </details>
  `;
}

/**
 * Whether the viewer may deliver it again: a supervisor of its agency or an
 * admin, once it is no longer pending (the API refuses the rest anyway).
 */
export function mayRedeliver(staff: Staff | null, d: DeliverySummary): boolean {
  if (!staff || d.state === 'PENDING') return false;
  if (staff.role === 'ADMIN') return true;
  return staff.role === 'SUPERVISOR' && staff.agency.slug === d.agency.slug;
}

/**
 * "Deliver again": the delivery as it now is, or a message for the viewer (a typed
 * refusal, "not allowed", a network failure). A session that ended is rethrown.
 */
export async function redeliver(api: ConsoleApi, l: LocaleController, d: DeliverySummary): Promise<{ delivery: Delivery } | { error: string }> {
  try {
    const result = await api.redeliver(d.id);
    if ('id' in result) return { delivery: result };
    const known = result.code === 'UNKNOWN_DELIVERY' || result.code === 'ALREADY_PENDING';
    return { error: known ? l.t(result.code as 'UNKNOWN_DELIVERY' | 'ALREADY_PENDING') : result.message };
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'PASSWORD_CHANGE_REQUIRED')) throw error;
    if (error instanceof ApiError && error.code === 'FORBIDDEN') return { error: l.t('forbidden') };
    if (error instanceof ApiError && error.code === 'NETWORK') return { error: l.t('networkError') };
    return { error: l.t('genericError', { message: (error as Error).message }) };
  }
}
