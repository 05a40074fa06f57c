// What a view does when an API call fails. Session-level refusals are announced to
// the app shell, which signs out (`aduan-unauthenticated`) or asks for a new
// password (`aduan-password-change-required`); anything else is the view's own
// message, in the viewer's language.
import { ApiError } from './api.js';
import type { LocaleController } from './locale.controller.js';

export type ApiFailure = { announced: true } | { announced: false; forbidden: boolean; message: string };

export function handleApiFailure(host: HTMLElement, error: unknown, l: LocaleController): ApiFailure {
  const code = error instanceof ApiError ? error.code : null;
  if (code === 'UNAUTHENTICATED' || code === 'PASSWORD_CHANGE_REQUIRED') {
    const event = code === 'UNAUTHENTICATED' ? 'aduan-unauthenticated' : 'aduan-password-change-required';
    host.dispatchEvent(new CustomEvent(event, { bubbles: true, composed: true }));
    return { announced: true };
  }
  const message = code === 'NETWORK' ? l.t('networkError') : l.t('genericError', { message: (error as Error).message });
  return { announced: false, forbidden: code === 'FORBIDDEN', message };
}
