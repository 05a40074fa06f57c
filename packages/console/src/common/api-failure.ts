// What a view does when an API call fails. Session-level refusals are announced to
// the app shell, which signs out (`aduan-unauthenticated`) or asks for a new
// password (`aduan-password-change-required`); anything else is the view's own
// message, in the viewer's language.
import { ApiError, type InvalidInput } from './api.js';
import type { LocaleController } from './locale.controller.js';

export type ApiFailure = { announced: true } | { announced: false; forbidden: boolean; message: string };

export interface ApiFailureOptions {
  /**
   * The message goes beside the form or list whose call failed, not in place of the
   * view: the error's own words, without the "something went wrong" frame.
   */
  inline?: boolean;
}

export function handleApiFailure(host: HTMLElement, error: unknown, l: LocaleController, options: ApiFailureOptions = {}): ApiFailure {
  const code = error instanceof ApiError ? error.code : null;
  if (code === 'UNAUTHENTICATED' || code === 'PASSWORD_CHANGE_REQUIRED') {
    const event = code === 'UNAUTHENTICATED' ? 'aduan-unauthenticated' : 'aduan-password-change-required';
    host.dispatchEvent(new CustomEvent(event, { bubbles: true, composed: true }));
    return { announced: true };
  }
  const said = (error as Error).message;
  const message = code === 'NETWORK' ? l.t('networkError') : options.inline ? said : l.t('genericError', { message: said });
  return { announced: false, forbidden: code === 'FORBIDDEN', message };
}

/** A typed refusal (`InvalidInput`) in the API's words: each field's message, else the general one. */
export function refusalMessage(refusal: InvalidInput): string {
  return refusal.fields.length ? refusal.fields.map((f) => f.message).join(' ') : refusal.message;
}
