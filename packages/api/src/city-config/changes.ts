// The console's changes to a city, each as an edit of the city's document (edit.ts):
// a category or a group, an agency with its delivery channels, a routing rule, an
// area's working days and holidays. Each entry takes the file's own shape, so a
// problem the file would have (`name.id: must not be empty`) is the input's problem
// under the same name. What a change cannot mean — an unknown rule — is refused here.
import type { CityEdit } from './edit.js';
import { CityConfigError } from './errors.js';
import type { CityConfigInput } from './schema.js';

type Document = CityConfigInput;
type CategoryEntry = NonNullable<Document['categories']>[number];
type GroupEntry = NonNullable<Document['categoryGroups']>[number];
type AgencyEntry = NonNullable<Document['agencies']>[number];
type RuleEntry = NonNullable<Document['rules']>[number];
type ChannelEntry = NonNullable<AgencyEntry['channels']>[number];
type HolidayEntry = NonNullable<NonNullable<Document['jurisdictions']>[number]['holidays']>[number];

/** Moves `entry` to `position` (counted from 0; beyond the end: last) in `list`, or keeps its place. */
function place<T>(list: T[], index: number, entry: T, position: number | null | undefined): number {
  if (index >= 0) list.splice(index, 1);
  const at = position === null || position === undefined ? (index >= 0 ? index : list.length) : Math.max(0, Math.min(position, list.length));
  list.splice(at, 0, entry);
  return at;
}

export interface CategoryChange extends Omit<CategoryEntry, 'description' | 'group'> {
  description?: CategoryEntry['description'] | null;
  group?: string | null;
  /** false: residents can no longer choose it (its rules go with it; reports keep it). */
  active: boolean;
  /** Its place in the list, from 0; omitted: where it is (new ones: last). */
  position?: number | null;
}

/**
 * Saves a category of the city: new, changed, moved, or (not active) withdrawn.
 * Withdrawing one removes its routing rules too, as a file without it must, and takes
 * it off the sites that offer a few categories.
 */
export function saveCategory(change: CategoryChange): CityEdit {
  const { active, position, description, group, ...fields } = change;
  const entry: CategoryEntry = { ...fields, ...(description ? { description } : {}), ...(group ? { group } : {}) };
  return {
    action: active ? 'category.save' : 'category.withdraw',
    subject: change.code,
    change: (document) => {
      const list = (document.categories ??= []);
      const index = list.findIndex((c) => c.code === change.code);
      const before = list[index] ?? null;
      if (!active) {
        if (index < 0) throw new CityConfigError([{ path: 'code', message: `the city offers no category "${change.code}"` }]);
        if (list.length === 1) throw new CityConfigError([{ path: 'active', message: 'is the city’s last category: residents could report nothing' }]);
        list.splice(index, 1);
        const rules = document.rules ?? [];
        const removedRules = rules.filter((rule) => rule.category === change.code);
        document.rules = rules.filter((rule) => rule.category !== change.code);
        // A site offering some categories stops offering this one; one offering only this one must change first
        // (an empty list would mean every category).
        for (const site of document.sites ?? []) {
          if (!site.categories?.includes(change.code)) continue;
          if (site.categories.length === 1) {
            throw new CityConfigError([{ path: 'active', message: `the site "${site.key}" offers only this category: give it others first` }]);
          }
          site.categories = site.categories.filter((code) => code !== change.code);
        }
        // The audit entry keeps the rules that went with it, to put them back by hand if need be.
        return { before: { ...before, rules: removedRules }, after: null, at: null };
      }
      return { before, after: entry, at: `categories[${place(list, index, entry, position)}]` };
    },
  };
}

export interface GroupChange extends GroupEntry {
  position?: number | null;
}

export function saveCategoryGroup(change: GroupChange): CityEdit {
  const { position, ...entry } = change;
  return {
    action: 'categoryGroup.save',
    subject: change.code,
    change: (document) => {
      const list = (document.categoryGroups ??= []);
      const index = list.findIndex((g) => g.code === change.code);
      const before = list[index] ?? null;
      return { before, after: entry, at: `categoryGroups[${place(list, index, entry, position)}]` };
    },
  };
}

export interface AgencyChange extends Omit<AgencyEntry, 'channels' | 'shortName' | 'email' | 'escalatesTo'> {
  shortName?: string | null;
  email?: string | null;
  escalatesTo?: string | null;
  /** Its delivery channels; each keeps the service codes it has (set in the file). */
  channels: Omit<ChannelEntry, 'serviceCodes'>[];
}

/** Saves an agency of the city, new or changed, with exactly these delivery channels. */
export function saveAgency(change: AgencyChange): CityEdit {
  return {
    action: 'agency.save',
    subject: change.slug,
    change: (document) => {
      const list = (document.agencies ??= []);
      const index = list.findIndex((a) => a.slug === change.slug);
      const before = list[index] ?? null;
      const codesOf = new Map((before?.channels ?? []).map((c) => [c.name, c.serviceCodes]));
      const { shortName, email, escalatesTo, channels, ...fields } = change;
      // From the console a channel names a secret the city already uses, or one under the city's own
      // prefix (ADUAN_SECRET_KPG_…): the server's other variables were set for someone else.
      const own = `ADUAN_SECRET_${document.trackingCodePrefix}_`;
      const used = new Set(list.flatMap((a) => (a.channels ?? []).flatMap((c) => (c.secretEnv ? [c.secretEnv] : []))));
      channels.forEach((channel, i) => {
        if (channel.secretEnv && !channel.secretEnv.startsWith(own) && !used.has(channel.secretEnv)) {
          throw new CityConfigError([
            {
              path: `channels[${i}].secretEnv`,
              message: `must be one of this city's secret variables: a name starting with ${own}, or one its channels already use`,
            },
          ]);
        }
      });
      const entry: AgencyEntry = {
        ...fields,
        ...(shortName ? { shortName } : {}),
        ...(email ? { email } : {}),
        ...(escalatesTo ? { escalatesTo } : {}),
        channels: channels.map((c) => ({ ...c, ...(codesOf.get(c.name) ? { serviceCodes: codesOf.get(c.name)! } : {}) })),
      };
      return { before, after: entry, at: `agencies[${place(list, index, entry, null)}]` };
    },
  };
}

/** A rule is known by what it covers: its category (null: any) and its area. */
export interface RuleKey {
  category: string | null;
  /** null: the whole city. */
  jurisdiction: string | null;
}

export interface RuleChange extends RuleKey {
  agency: string;
  responseHours?: number | null;
  name?: string | null;
  /** The rule this one replaces, when it covers something else now; omitted: the rule for this key, if any. */
  replaces?: RuleKey | null;
}

function ruleFinder(document: Document) {
  const city = document.city!;
  return (key: RuleKey) =>
    (document.rules ?? []).findIndex((r) => (r.category ?? null) === key.category && (r.jurisdiction ?? city) === (key.jurisdiction ?? city));
}

function ruleSubject(key: RuleKey): string {
  return `${key.category ?? '*'} @ ${key.jurisdiction ?? 'city'}`;
}

export function saveRule(change: RuleChange): CityEdit {
  const { replaces, responseHours, name, ...key } = change;
  return {
    action: 'rule.save',
    subject: ruleSubject(key),
    change: (document) => {
      const list = (document.rules ??= []);
      const find = ruleFinder(document);
      const old = replaces ? find(replaces) : find(key);
      if (replaces && old < 0) throw new CityConfigError([{ path: 'replaces', message: `there is no rule for ${ruleSubject(replaces)}` }]);
      const before = list[old] ?? null;
      const entry: RuleEntry = {
        category: key.category,
        jurisdiction: key.jurisdiction ?? document.city!,
        agency: key.agency,
        ...(responseHours === null || responseHours === undefined ? {} : { responseHours }),
        ...(name ? { name } : {}),
      };
      return { before, after: entry, at: `rules[${place(list, old, entry, null)}]` };
    },
  };
}

export function deleteRule(key: RuleKey): CityEdit {
  return {
    action: 'rule.delete',
    subject: ruleSubject(key),
    change: (document) => {
      const index = ruleFinder(document)(key);
      if (index < 0) throw new CityConfigError([{ path: 'rule', message: `there is no rule for ${ruleSubject(key)}` }]);
      const [before] = (document.rules ??= []).splice(index, 1);
      return { before, after: null, at: null };
    },
  };
}

export interface CalendarChange {
  jurisdiction: string;
  /** ISO weekdays; empty: inherit the area above's. */
  workingDays: number[];
  holidays: HolidayEntry[];
}

/** An area's own working days and holidays (its time zone stays as it is). */
export function saveCalendar(change: CalendarChange): CityEdit {
  return {
    action: 'calendar.save',
    subject: change.jurisdiction,
    change: (document) => {
      const list = (document.jurisdictions ??= []);
      let index = list.findIndex((j) => j.code === change.jurisdiction);
      if (index < 0) index = list.push({ code: change.jurisdiction }) - 1;
      const entry = list[index]!;
      const before = { workingDays: entry.workingDays ?? [], holidays: entry.holidays ?? [] };
      if (change.workingDays.length > 0) entry.workingDays = change.workingDays;
      else delete entry.workingDays;
      // In the order given, so a problem names the line the admin wrote.
      entry.holidays = [...change.holidays];
      return { before, after: { workingDays: change.workingDays, holidays: entry.holidays }, at: `jurisdictions[${index}]` };
    },
  };
}
