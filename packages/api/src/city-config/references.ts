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
//
// A file sets up one city (`city`, or the one topmost jurisdiction it defines) and
// owns only that: what it defines, its agencies, rules and sites must lie in the city's
// area, an agency or site of another city cannot be taken over, and no two cities share
// a tracking-code prefix.
import { isWithinArea } from '../jurisdictions/tree.js';
import { parentCodeOf } from './boundaries.js';
import type { CityConfigIssue } from './errors.js';
import type { LoadedCityConfig } from './load.js';

/** What the database already holds, as far as references are concerned. */
export interface ExistingCatalog {
  /** Every jurisdiction code, with its parent's code. */
  jurisdictionParents: Map<string, string | null>;
  agencies: Map<string, { triage: boolean; escalatesTo: string | null; jurisdictionCode: string }>;
  /** Site key → the area it serves. */
  sites: Map<string, string | null>;
  /** Tracking-code prefix → the city that has it. */
  prefixes: Map<string, string>;
  /** The secret variable of each channel → the areas of the agencies whose channels name it. */
  channelSecrets: Map<string, string[]>;
  /** Every Open311 alias a city has claimed → that city. */
  aliases: Map<string, string>;
  /** Of the city's own catalogue. */
  groupCodes: Set<string>;
  categoryCodes: Set<string>;
}

export interface ReferenceCheck {
  issues: CityConfigIssue[];
  /** The parent each jurisdiction defined by the file (boundary or entry) will have. */
  parentByCode: Map<string, string | null>;
  /** The city the file sets up (null only when there are issues). */
  city: string | null;
}

/**
 * The city a file sets up: `city` when it names one, else the one topmost jurisdiction
 * it defines or has an entry for; null (with an issue) when that is not one area.
 */
export function cityOfFile(loaded: LoadedCityConfig, issue: (path: string, message: string) => void): string | null {
  if (loaded.config.city) return loaded.config.city;
  // What the file defines tells; entries with settings only, when it defines nothing.
  const defined = [...loaded.features.map((f) => f.code), ...loaded.config.jurisdictions.filter((j) => j.name !== undefined).map((j) => j.code)];
  const codes = [...new Set(defined.length > 0 ? defined : loaded.config.jurisdictions.map((j) => j.code))];
  if (codes.length === 0) {
    issue('city', 'name the city this file sets up ("city": "53.71"): the file defines no jurisdiction to tell it by');
    return null;
  }
  const top = Math.min(...codes.map(depthOf));
  const tops = codes.filter((code) => depthOf(code) === top).sort();
  if (tops.length > 1) {
    issue('city', `name the city this file sets up ("city": "…"): its topmost jurisdictions are ${tops.map((c) => `"${c}"`).join(', ')}`);
    return null;
  }
  return tops[0]!;
}

export function checkReferences(loaded: LoadedCityConfig, existing: ExistingCatalog): ReferenceCheck {
  const { config, features, featurePaths } = loaded;
  const issues: CityConfigIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const city = cityOfFile(loaded, issue);
  const inCity = (code: string) => city === null || isWithinArea(code, city);
  const requireInCity = (path: string, code: string | null | undefined, what: string) => {
    if (code && !inCity(code)) issue(path, `${what} "${code}" is outside the city this file sets up ("${city}")`);
  };
  const holder = existing.prefixes.get(config.trackingCodePrefix);
  if (city && holder && holder !== city) issue('trackingCodePrefix', `"${config.trackingCodePrefix}" is already the prefix of another city ("${holder}")`);

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
      } else requireInCity(`${at}.code`, entry.code, 'jurisdiction');
      return;
    }
    const boundary = featurePaths.get(entry.code);
    if (boundary) {
      issue(
        `${at}.name`,
        `"${entry.code}" already has a boundary (${boundary}); give only code and its settings (timeZone, workingDays, holidays, aliases) here`,
      );
      return;
    }
    const explicit = entry.parentCode !== undefined;
    defined.set(entry.code, { at: `${at}.code`, parent: explicit ? (entry.parentCode ?? null) : parentCodeOf(entry.code), explicitParent: explicit });
  });
  const jurisdictionExists = (code: string) => defined.has(code) || existing.jurisdictionParents.has(code);
  for (const [code, { at }] of defined) requireInCity(at, code, 'jurisdiction');
  if (city && !jurisdictionExists(city)) issue('city', `unknown jurisdiction "${city}": it is in no boundary file and not in the database`);

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
  // An agency serves the city when it is the city's own or of an area the city lies in (a province's).
  const servesCity = (area: string) => city === null || isWithinArea(area, city) || isWithinArea(city, area);
  const agencyArea = (slug: string) => fileAgencies.get(slug)?.jurisdiction ?? existing.agencies.get(slug)!.jurisdictionCode;
  const anotherCitys = (slug: string) => `"${slug}" is an agency of another city (its area is "${agencyArea(slug)}")`;
  const fileAgencies = new Map(config.agencies.map((a) => [a.slug, a]));
  const agencyExists = (slug: string) => fileAgencies.has(slug) || existing.agencies.has(slug);
  const escalationOf = (slug: string): string | null =>
    fileAgencies.has(slug) ? (fileAgencies.get(slug)!.escalatesTo ?? null) : (existing.agencies.get(slug)?.escalatesTo ?? null);
  config.agencies.forEach((agency, index) => {
    const at = `agencies[${index}]`;
    requireJurisdiction(`${at}.jurisdiction`, agency.jurisdiction);
    requireInCity(`${at}.jurisdiction`, agency.jurisdiction, 'jurisdiction');
    const stored = existing.agencies.get(agency.slug);
    if (stored && !inCity(stored.jurisdictionCode)) {
      issue(`${at}.slug`, `"${agency.slug}" is an agency of another city (its area is "${stored.jurisdictionCode}"); choose another slug`);
    }
    // A secret is one city's: a channel may not send another city's webhook key or api_key to an address of its own choosing.
    agency.channels.forEach((channel, c) => {
      const others = channel.secretEnv ? (existing.channelSecrets.get(channel.secretEnv) ?? []).filter((area) => !inCity(area)) : [];
      if (others.length > 0) {
        issue(
          `${at}.channels[${c}].secretEnv`,
          `${channel.secretEnv} is the secret of another city's channel (an agency of "${others[0]}"); name one of this city's own`,
        );
      }
    });
    if (agency.escalatesTo === undefined) return;
    if (agency.escalatesTo === agency.slug) issue(`${at}.escalatesTo`, `"${agency.slug}" cannot escalate to itself`);
    else if (!agencyExists(agency.escalatesTo)) issue(`${at}.escalatesTo`, `unknown agency "${agency.escalatesTo}"`);
    else if (!servesCity(agencyArea(agency.escalatesTo))) issue(`${at}.escalatesTo`, anotherCitys(agency.escalatesTo));
    else if (leadsToCycle(agency.slug, escalationOf)) issue(`${at}.escalatesTo`, `escalation from "${agency.slug}" loops back to it`);
  });
  // A triage desk for the whole city: of the city itself or an area it lies in (a province's), so that
  // every area's ancestry has one. One in a kecamatan only covers that kecamatan, and a report elsewhere
  // in the city must never fall to another city's desk.
  const coversCity = (area: string) => city === null || isWithinArea(city, area);
  const cityTriage =
    config.agencies.some((a) => a.triage && coversCity(a.jurisdiction)) ||
    [...existing.agencies].some(([slug, a]) => a.triage && !fileAgencies.has(slug) && coversCity(a.jurisdictionCode));
  if (!cityTriage) {
    issue(
      'agencies',
      `no triage agency for the whole city: mark an agency of "${city}" (or of an area it lies in) "triage": true, so reports no rule covers still reach someone`,
    );
  }

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
    requireInCity(`${at}.jurisdiction`, rule.jurisdiction, 'jurisdiction');
    if (!agencyExists(rule.agency)) issue(`${at}.agency`, `unknown agency "${rule.agency}"`);
    else if (!servesCity(agencyArea(rule.agency))) issue(`${at}.agency`, anotherCitys(rule.agency));
  });
  config.sites.forEach((site, index) => {
    const at = `sites[${index}]`;
    requireJurisdiction(`${at}.jurisdiction`, site.jurisdiction);
    requireInCity(`${at}.jurisdiction`, site.jurisdiction, 'jurisdiction');
    const served = existing.sites.has(site.key) ? existing.sites.get(site.key) : undefined;
    if (served !== undefined && (served === null || !inCity(served))) {
      issue(`${at}.key`, `"${site.key}" is a site of ${served === null ? 'the whole deployment' : `another city (it serves "${served}")`}; choose another key`);
    }
    for (const [c, code] of site.categories.entries()) requireCategory(`${at}.categories[${c}]`, code);
  });

  // An Open311 alias names one area of one city: another city's stays its own.
  const claimedElsewhere = (path: string, names: string[] | undefined) => {
    for (const [a, alias] of (names ?? []).entries()) {
      const holder = existing.aliases.get(alias);
      if (city && holder !== undefined && holder !== city) issue(`${path}.aliases[${a}]`, `alias "${alias}" is already claimed by another city ("${holder}")`);
    }
  };
  for (const [index, entry] of config.jurisdictions.entries()) claimedElsewhere(`jurisdictions[${index}]`, entry.aliases);
  for (const [index, site] of config.sites.entries()) claimedElsewhere(`sites[${index}]`, site.aliases);

  return { issues, parentByCode, city };
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
