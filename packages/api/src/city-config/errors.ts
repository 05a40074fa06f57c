// A city configuration that cannot be applied, with every problem found and
// where it is, so an operator can fix the file in one pass.
import { AduanError } from '../errors.js';

/** One problem: `path` names the entry (`agencies[3].jurisdiction`) or the file. */
export interface CityConfigIssue {
  path: string;
  message: string;
}

export class CityConfigError extends AduanError {
  readonly issues: CityConfigIssue[];
  /** For a change from the console: where in the city's document the edited entry is (`categories[3]`). */
  editedAt: string | null = null;

  constructor(issues: CityConfigIssue[]) {
    const [first] = issues;
    if (!first) throw new TypeError('A CityConfigError needs at least one issue.');
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(`${formatIssue(first)}${more}`, 'CITY_CONFIG_INVALID');
    this.issues = issues;
  }
}

export function formatIssue(issue: CityConfigIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** Throws when any issue was found; the usual end of a validation pass. */
export function throwIfIssues(issues: CityConfigIssue[]): void {
  if (issues.length > 0) throw new CityConfigError(issues);
}
