// How a part of the report page saves a change: the whole page waits while it does
// (busy), the page's last notice goes, and a failure is shown where it belongs — beside
// the part's form, or by the page when it is about access, or by the app shell when
// the session ended or needs a new password (common/api-failure.ts).
import { handleApiFailure } from '../common/api-failure.js';
import type { LocaleController } from '../common/locale.controller.js';
import { emit } from './report-events.js';

/** `work`'s answer, or undefined when it failed (and the failure is shown already). */
export async function saveFromPart<T>(
  part: HTMLElement,
  l: LocaleController,
  showError: (message: string) => void,
  work: () => Promise<T>,
): Promise<T | undefined> {
  emit(part, 'aduan-report-busy', { busy: true });
  showError('');
  emit(part, 'aduan-report-notice-cleared', {});
  try {
    return await work();
  } catch (error) {
    const failure = handleApiFailure(part, error, l, { inline: true });
    if (failure.announced) return undefined;
    if (failure.forbidden) emit(part, 'aduan-report-failed', { error });
    else showError(failure.message);
    return undefined;
  } finally {
    emit(part, 'aduan-report-busy', { busy: false });
  }
}
