// Cross-reference checks: every code, slug and key a configuration names must
// exist in the file or already in the database, before anything is written.
//
// Parents: a jurisdiction's parent is its code minus the last segment (or an
// explicit `parentCode` for one defined without a boundary). A missing parent is
// an error, except for the top of what the file defines: a jurisdiction with the
// fewest code segments in the file whose parent is in neither the file nor the
// database becomes a root (parentCode null). So a city can be imported without
// its province, but a kelurahan whose kecamatan was forgotten is refused.
//
// Categories are stricter than the rest: rules and sites may only name
// categories in the file, since applying deactivates every category it omits.
import { parentCodeOf } from './boundaries.js';
import type { CityConfigIssue } from './errors.js';
import type { LoadedCityConfig } from './load.js';

/** What the database already holds, as far as references are concerned. */
export interface ExistingCatalog {
  /** Every jurisdiction code, with its parent's code. */
  jurisdictionParents: Map<string, string | null>;
  agencies: Map<string, { triage: boolean; escalatesTo: string | null }>;
  groupCodes: Set<string>;
  categoryCodes: Set<string>;
}

export interface ReferenceCheck {
  issues: CityConfigIssue[];
  /** The parent each jurisdiction defined by the file (boundary or entry) will have. */
  parentByCode: Map<string, string | null>;
}

export function checkReferences(loaded: LoadedCityConfig, existing: ExistingCatalog): ReferenceCheck {
  const { config, features, featurePaths } = loaded;
  const issues: CityConfigIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });

  // Jurisdictions the file defines, with where each is defined and its proposed parent.
  const defined = new Map<string, { at: string; parent: string | null; explicitParent: boolean }>();
  for (const feature of features)
    defined.set(feature.code, { at: `${featurePaths.get(feature.code)}.properties.code`, parent: feature.parentCode, explicitParent: false });
  config.jurisdictions.forEach((entry, index) => {
    const at = `jurisdictions[${index}]`;
    if (entry.name === undefined) {
      if (!defined.has(entry.code) && !existing.jurisdictionParents.has(entry.code)) {
        issue(
          `${at}.code`,
          `unknown jurisdiction "${entry.code}": it is in no boundary file and not in the database (to define one without a boundary, give name, level and kind)`,
        );
      }
      return;
    }
    const boundary = featurePaths.get(entry.code);
    if (boundary) {
      issue(`${at}.name`, `"${entry.code}" already has a boundary (${boundary}); give only code and its settings (timeZone, workingDays, holidays) here`);
      return;
    }
    const explicit = entry.parentCode !== undefined;
    defined.set(entry.code, { at: `${at}.code`, parent: explicit ? (entry.parentCode ?? null) : parentCodeOf(entry.code), explicitParent: explicit });
  });
  const jurisdictionExists = (code: string) => defined.has(code) || existing.jurisdictionParents.has(code);

  const parentByCode = new Map<string, string | null>();
  const topDepth = Math.min(...[...defined.keys()].map(depthOf));
  for (const [code, { at, parent, explicitParent }] of defined) {
    if (parent === null || jurisdictionExists(parent)) parentByCode.set(code, parent);
    else if (!explicitParent && depthOf(code) === topDepth) parentByCode.set(code, null);
    else issue(at, `parent "${parent}" of "${code}" is neither in this file nor in the database`);
  }
  for (const [code, { at, explicitParent }] of defined) {
    if (explicitParent && leadsToCycle(code, (c) => (parentByCode.has(c) ? parentByCode.get(c)! : (existing.jurisdictionParents.get(c) ?? null)))) {
      issue(at, `parentCode of "${code}" makes the jurisdiction tree loop back on itself`);
    }
  }

  const requireJurisdiction = (path: string, code: string | null | undefined) => {
    if (code && !jurisdictionExists(code)) issue(path, `unknown jurisdiction "${code}"`);
  };

  // Agencies: jurisdictions, escalation targets and triage, over the file merged onto the database.
  const fileAgencies = new Map(config.agencies.map((a) => [a.slug, a]));
  const agencyExists = (slug: string) => fileAgencies.has(slug) || existing.agencies.has(slug);
  const escalationOf = (slug: string): string | null =>
    fileAgencies.has(slug) ? (fileAgencies.get(slug)!.escalatesTo ?? null) : (existing.agencies.get(slug)?.escalatesTo ?? null);
  config.agencies.forEach((agency, index) => {
    const at = `agencies[${index}]`;
    requireJurisdiction(`${at}.jurisdiction`, agency.jurisdiction);
    if (agency.escalatesTo === undefined) return;
    if (agency.escalatesTo === agency.slug) issue(`${at}.escalatesTo`, `"${agency.slug}" cannot escalate to itself`);
    else if (!agencyExists(agency.escalatesTo)) issue(`${at}.escalatesTo`, `unknown agency "${agency.escalatesTo}"`);
    else if (leadsToCycle(agency.slug, escalationOf)) issue(`${at}.escalatesTo`, `escalation from "${agency.slug}" loops back to it`);
  });
  const anyTriage = config.agencies.some((a) => a.triage) || [...existing.agencies].some(([slug, a]) => a.triage && !fileAgencies.has(slug));
  if (!anyTriage) issue('agencies', 'no triage agency: mark at least one agency "triage": true so reports no rule covers still reach someone');

  const groupCodes = new Set(config.categoryGroups.map((g) => g.code));
  const categoryCodes = new Set(config.categories.map((c) => c.code));
  const requireCategory = (path: string, code: string) => {
    if (categoryCodes.has(code)) return;
    const why = existing.categoryCodes.has(code) ? ' (it is in the database, but categories missing from this file are deactivated)' : '';
    issue(path, `unknown category "${code}"${why}`);
  };
  config.categories.forEach((category, index) => {
    if (category.group && !groupCodes.has(category.group) && !existing.groupCodes.has(category.group)) {
      issue(`categories[${index}].group`, `unknown category group "${category.group}"`);
    }
  });
  config.rules.forEach((rule, index) => {
    const at = `rules[${index}]`;
    if (rule.category) requireCategory(`${at}.category`, rule.category);
    requireJurisdiction(`${at}.jurisdiction`, rule.jurisdiction);
    if (!agencyExists(rule.agency)) issue(`${at}.agency`, `unknown agency "${rule.agency}"`);
  });
  config.sites.forEach((site, index) => {
    const at = `sites[${index}]`;
    requireJurisdiction(`${at}.jurisdiction`, site.jurisdiction);
    for (const [c, code] of site.categories.entries()) requireCategory(`${at}.categories[${c}]`, code);
  });

  return { issues, parentByCode };
}

function depthOf(code: string): number {
  return code.split('.').length;
}

/** Whether following `next` from `start` comes back to `start`. */
function leadsToCycle(start: string, next: (key: string) => string | null): boolean {
  const seen = new Set<string>();
  for (let key = next(start); key !== null; key = next(key)) {
    if (key === start) return true;
    if (seen.has(key)) return false; // a loop elsewhere is reported from its own members
    seen.add(key);
  }
  return false;
}
