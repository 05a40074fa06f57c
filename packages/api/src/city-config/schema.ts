// The shape of a city configuration file (`aduan config apply city.json`), as a
// zod schema whose messages name the offending path. Checks that need only the
// file itself (formats, duplicates within a list) live here; checks against the
// boundary files and the database live in references.ts.
import { isLocalDate } from '@aduan/core';
import { z } from 'zod';
import { channelSpec } from '../delivery/channels.js';
import { DIGEST_TIME } from '../digests/digest-setting.js';
import { ALIAS_PATTERN, normalizeAlias } from '../open311/aliases.js';
import { PUBLIC_LOCATIONS } from '../open311/location.js';
import { originPatternProblem } from '../sites/origins.js';

/** `53`, `53.71`, `53.71.04`, `53.71.04.1001`: province, kota/kabupaten, kecamatan, kelurahan/desa. */
export const jurisdictionCodePattern = /^\d{2}(?:\.\d{2}(?:\.\d{2,3}(?:\.\d{4})?)?)?$/;
const slugPattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export const jurisdictionKinds = ['provinsi', 'kota', 'kabupaten', 'kecamatan', 'kelurahan', 'desa'] as const;
export type JurisdictionKind = (typeof jurisdictionKinds)[number];
/** The level each kind sits at: 1 province, 2 kota/kabupaten, 3 kecamatan, 4 kelurahan/desa. */
export const levelOfKind: Record<JurisdictionKind, number> = {
  provinsi: 1,
  kota: 2,
  kabupaten: 2,
  kecamatan: 3,
  kelurahan: 4,
  desa: 4,
};

const jurisdictionCode = z
  .string({ error: 'must be a jurisdiction code such as "53.71.04"' })
  .regex(jurisdictionCodePattern, { error: 'must be a jurisdiction code such as "53", "53.71", "53.71.04" or "53.71.04.1001"' });
const slug = z
  .string({ error: 'must be a slug (lowercase letters, digits and hyphens)' })
  .max(64, { error: 'must be at most 64 characters' })
  .regex(slugPattern, { error: 'must be lowercase letters, digits and hyphens, not starting or ending with a hyphen' });
/** Control characters and halves of a surrogate pair: nothing a person types, and PostgreSQL refuses NUL. */
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const printable = (text: string) => !UNPRINTABLE.test(text);
const unprintable = { error: 'must not contain control characters' };
const name = z
  .string({ error: 'must be a name' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .refine(printable, unprintable);
const hours = z
  .number({ error: 'must be a whole number of hours' })
  .int({ error: 'must be a whole number of hours' })
  .min(1, { error: 'must be at least 1 hour' })
  .max(8760, { error: 'must be at most 8760 hours (one year)' });
const timeZone = z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as "Asia/Makassar"' });
const weekdayMessage = 'must be an ISO weekday: 1 (Monday) to 7 (Sunday)';
const workingDays = z
  .array(z.number({ error: weekdayMessage }).int({ error: weekdayMessage }).min(1, { error: weekdayMessage }).max(7, { error: weekdayMessage }), {
    error: 'must be a list of ISO weekdays such as [1, 2, 3, 4, 5] (Monday to Friday)',
  })
  .min(1, { error: 'must name at least one working day; omit it to inherit the parent’s' })
  .superRefine((days, ctx) => {
    days.forEach((day, index) => {
      const earlier = days.indexOf(day);
      if (earlier < index) ctx.addIssue({ code: 'custom', path: [index], message: `duplicate weekday ${day} (also workingDays[${earlier}])` });
    });
  });
const holiday = z.strictObject({
  /** The local date, `YYYY-MM-DD`. */
  date: z
    .string({ error: 'must be a date written YYYY-MM-DD such as "2026-08-17"' })
    .refine(isLocalDate, { error: 'must be a real date written YYYY-MM-DD such as "2026-08-17"' })
    .refine((date) => date >= '2000-01-01' && date <= '2100-12-31', { error: 'must be a date between 2000 and 2100' }),
  /** What it is, e.g. "Hari Raya Idul Fitri 1447 H" or "Cuti bersama Idul Fitri". */
  name,
});
/** Enough for a decade of a province's holidays and cuti bersama; more is a mistake, and costs every city's reload. */
const MAX_HOLIDAYS = 200;
const holidays = z
  .array(holiday)
  .max(MAX_HOLIDAYS, { error: `must list at most ${MAX_HOLIDAYS} holidays` })
  .superRefine((list, ctx) => {
    const firstIndex = new Map<string, number>();
    list.forEach((h, index) => {
      const earlier = firstIndex.get(h.date);
      if (earlier === undefined) firstIndex.set(h.date, index);
      else ctx.addIssue({ code: 'custom', path: [index, 'date'], message: `duplicate date "${h.date}" (also holidays[${earlier}])` });
    });
  });

/** Text in Bahasa Indonesia and English. */
const bilingual = (max: number) =>
  z.strictObject({
    /** Bahasa Indonesia. */
    id: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(max, { error: `must be at most ${max} characters` })
      .refine(printable, unprintable),
    /** English. */
    en: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(max, { error: `must be at most ${max} characters` })
      .refine(printable, unprintable),
  });

/** More would be a mistake: every Open311 request that names one reads them all. */
const MAX_ALIASES = 20;
const aliasMessage =
  'must be a domain such as "kupangkota.go.id" or a short name such as "kupang": letters, digits, hyphens inside, dots between, with a letter';
/**
 * Other names Open311 clients may give as `jurisdiction_id` for this area
 * (open311/aliases.ts), compared without case and a final dot.
 */
const aliases = z
  .array(
    z
      .string({ error: aliasMessage })
      .transform(normalizeAlias)
      .pipe(z.string().regex(ALIAS_PATTERN, { error: aliasMessage })),
    {
      error: 'must be a list of names such as ["kupangkota.go.id"]',
    },
  )
  .max(MAX_ALIASES, { error: `must list at most ${MAX_ALIASES} aliases` });

const boundaryFile = z.strictObject({
  /** A GeoJSON FeatureCollection, relative to the config file; `.geojson.gz` is gunzipped. */
  file: z.string().min(1, { error: 'must name a GeoJSON file' }),
});

const jurisdictionEntry = z
  .strictObject({
    /** The official code. Alone (with `timeZone`), it sets up a jurisdiction from a boundary file or the database. */
    code: jurisdictionCode,
    /** Defines a jurisdiction that has no boundary (routed by name only); needs `level` and `kind` too. */
    name: name.optional(),
    /** 1 province, 2 kota/kabupaten, 3 kecamatan, 4 kelurahan/desa; with `name` only. */
    level: z.number().int().min(1).max(4).optional(),
    /** provinsi | kota | kabupaten | kecamatan | kelurahan | desa; with `name` only. */
    kind: z.enum(jurisdictionKinds, { error: `must be one of ${jurisdictionKinds.join(', ')}` }).optional(),
    /** With `name` only: the parent's code; by default the code minus its last segment. */
    parentCode: jurisdictionCode.nullable().optional(),
    /** IANA time zone for deadlines and dates; omitted or null inherits the parent's. */
    timeZone: timeZone.nullable().optional(),
    /**
     * ISO weekdays (1 = Monday … 7 = Sunday) on which deadline hours run here and below,
     * e.g. [1, 2, 3, 4, 5]; omitted or null inherits the parent's (every day when no
     * ancestor sets them).
     */
    workingDays: workingDays.nullable().optional(),
    /**
     * Days on which deadline hours stop, here and in everything below (holidays add up
     * down the tree). Applying makes them exactly this jurisdiction's holidays; omitted
     * means none of its own.
     */
    holidays: holidays.optional(),
    /** Names Open311 clients may use for this area as `jurisdiction_id`, besides its code (e.g. the city's domain). */
    aliases: aliases.optional(),
  })
  .superRefine((entry, ctx) => {
    const defining = entry.name !== undefined;
    if (!defining) {
      for (const key of ['level', 'kind', 'parentCode'] as const) {
        if (entry[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `needs "name": only a jurisdiction defined here (without a boundary) takes ${key}` });
      }
      return;
    }
    if (entry.level === undefined) ctx.addIssue({ code: 'custom', path: ['level'], message: 'is required with "name" (1–4)' });
    if (entry.kind === undefined) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'is required with "name"' });
    if (entry.level !== undefined && entry.kind !== undefined && levelOfKind[entry.kind] !== entry.level) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `"${entry.kind}" is level ${levelOfKind[entry.kind]}, not ${entry.level}` });
    }
    if (entry.level !== undefined && entry.code.split('.').length !== entry.level) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: `code "${entry.code}" has ${entry.code.split('.').length} segment(s), so its level is ${entry.code.split('.').length}`,
      });
    }
  });

const agency = z.strictObject({
  /** Stable identifier; applying again updates the agency with this slug. */
  slug,
  /** Full official name, e.g. "Dinas Lingkungan Hidup dan Kebersihan Kota Kupang". */
  name,
  /** Abbreviation shown where space is short, e.g. "DLHK". */
  shortName: z.string().trim().min(1).max(40, { error: 'must be at most 40 characters' }).refine(printable, unprintable).optional(),
  /** Code of the jurisdiction it serves (in the file or the database). */
  jurisdiction: jurisdictionCode,
  /** Where notifications go. */
  email: z.email({ error: 'must be an e-mail address' }).max(254).optional(),
  /** Receives reports that no rule covers, within its jurisdiction. */
  triage: z.boolean({ error: 'must be true or false' }).default(false),
  /** Deadline for reports it receives as triage, and for its rules without `responseHours`. */
  defaultResponseHours: hours.default(72),
  /** Slug of the agency overdue reports escalate to. */
  escalatesTo: slug.optional(),
  /** Where its reports are delivered besides the console: webhook, e-mail, Open311 (see the API README). */
  channels: z
    .array(channelSpec)
    .default([])
    .superRefine((channels, ctx) => {
      channels.forEach((channel, index) => {
        const earlier = channels.findIndex((c) => c.name === channel.name);
        if (earlier < index)
          ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate channel name "${channel.name}" (also channels[${earlier}])` });
      });
    }),
});

const categoryGroup = z.strictObject({
  /** Stable identifier of the group. */
  code: slug,
  /** Group heading in both languages. */
  name: bilingual(200),
});

const category = z.strictObject({
  /** Stable identifier; doubles as the Open311 service_code. */
  code: slug,
  /** What residents pick, in both languages. */
  name: bilingual(200),
  /** One sentence that helps residents choose, in both languages. */
  description: bilingual(1000).optional(),
  /** Code of its group (in the file or the database). */
  group: slug.optional(),
  /** Words residents might type, for search. */
  keywords: z.array(z.string().trim().min(1).max(64).refine(printable, unprintable)).max(50).default([]),
  /** Whether a report needs a point or a named jurisdiction; false for, e.g., complaints about a service. */
  locationRequired: z.boolean({ error: 'must be true or false' }).default(true),
});

const rule = z.strictObject({
  /** Human label shown with routing decisions; generated from category and jurisdiction when omitted. */
  name: name.optional(),
  /** Category code; null or omitted matches any category. */
  category: slug.nullable().optional(),
  /** Jurisdiction code; the rule covers it and everything inside it. Null or omitted: anywhere. */
  jurisdiction: jurisdictionCode.nullable().optional(),
  /** Slug of the agency that receives matching reports. */
  agency: slug,
  /** Deadline; defaults to the agency's defaultResponseHours. */
  responseHours: hours.optional(),
});

const originPattern = z.string().superRefine((pattern, ctx) => {
  const problem = originPatternProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A map tile source: `https://…/{z}/{x}/{y}.png` (http only for this machine, in tests).
 * The page embedding the form must allow the tiles' origin in its `img-src`.
 */
const tileTemplate = z.string().superRefine((template, ctx) => {
  let url: URL;
  try {
    url = new URL(template.replace(/\{[xyz]\}/g, '0'));
  } catch {
    return ctx.addIssue({ code: 'custom', message: `tiles "${template}" is not a URL` });
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) ctx.addIssue({ code: 'custom', message: `tiles "${template}" must be https://` });
  for (const part of ['{z}', '{x}', '{y}']) if (!template.includes(part)) ctx.addIssue({ code: 'custom', message: `tiles "${template}" lacks ${part}` });
});

const siteMap = z.strictObject({
  /** The tile URL template, e.g. OpenStreetMap's standard tiles: https://tile.openstreetmap.org/{z}/{x}/{y}.png */
  tiles: tileTemplate,
  /** Shown on the map, as the tiles' licence asks: "© OpenStreetMap contributors". */
  attribution: z.string().trim().min(1).max(300).refine(printable, unprintable),
  /** The deepest zoom the tiles have (OpenStreetMap's standard tiles: 19). */
  maxZoom: z.number().int().min(1).max(22).default(19),
});

const site = z.strictObject({
  /** The public key in the embed's `data-site`. */
  key: slug,
  /** Which website this is, for staff. */
  name,
  /** Pages allowed to use the key: `scheme://host[:port]`, `*` as the port or leftmost subdomain label, or `*`. */
  allowedOrigins: z.array(originPattern).min(1, { error: 'must list at least one origin' }),
  /** The area the site serves; reports outside it are refused. Omitted: anywhere. */
  jurisdiction: jurisdictionCode.nullable().optional(),
  /** Category codes offered on the site; empty or omitted means every active category. */
  categories: z.array(slug).default([]),
  /** Widget theme; omitted leaves the site's current theme as it is. */
  theme: z.record(z.string(), z.unknown()).optional(),
  /** The map the form offers to place a report; omitted: none (the form works without). */
  map: siteMap.nullable().optional(),
  /** Names Open311 clients may use as `jurisdiction_id` for the area this site serves (e.g. its domain). */
  aliases: aliases.optional(),
});

const open311Settings = z.strictObject(
  {
    /**
     * Whether GET requests on /open311/v2/ shows where reports are: "coarse" publishes each
     * point rounded to 0.01° (about 1 km), "none" publishes no points. Stored in Setting
     * `open311.publicLocation`; omitted means "none".
     */
    publicLocation: z.enum(PUBLIC_LOCATIONS, { error: 'must be "none" or "coarse"' }).optional(),
  },
  { error: 'must be an object such as { "publicLocation": "coarse" }' },
);

const digestSettings = z.union(
  [
    z.literal(false),
    z.strictObject({
      time: z.string({ error: 'must be a local time HH:MM such as "07:30"' }).regex(DIGEST_TIME, { error: 'must be a local time HH:MM such as "07:30"' }),
    }),
  ],
  { error: 'must be { "time": "HH:MM" } (a local time such as "07:30") or false for no digest' },
);

export const cityConfigSchema = z
  .strictObject({
    /**
     * The city's own area: everything the file sets up lies in it, and the file owns it
     * (its jurisdictions, agencies, catalogue, rules and sites) and nothing else in the
     * deployment. Omitted: the one topmost jurisdiction the file defines.
     */
    city: jurisdictionCode.optional(),
    /** 2–6 letters A–Z that start every tracking code of the city's reports; no two cities share one. */
    trackingCodePrefix: z.string().regex(/^[A-Z]{2,6}$/, { error: 'must be 2–6 capital letters A–Z' }),
    /** GeoJSON files whose features (properties code, name, level) become jurisdictions. */
    boundaries: z.array(boundaryFile).default([]),
    /** Settings for jurisdictions, or jurisdictions without a boundary. */
    jurisdictions: z.array(jurisdictionEntry).default([]),
    /** Departments and utilities that answer reports. */
    agencies: z.array(agency).default([]),
    /** Headings categories are grouped under, in this order. */
    categoryGroups: z.array(categoryGroup).default([]),
    /** What can be reported, in this order; categories missing from the file are deactivated. */
    categories: z.array(category).default([]),
    /** (category or any) × (jurisdiction or any) → agency; exactly these rules exist after applying. */
    rules: z.array(rule).default([]),
    /** Websites that embed the form. */
    sites: z.array(site).default([]),
    /** The Open311 GeoReport v2 endpoint's public choices; omitted: the defaults. */
    open311: open311Settings.optional(),
    /**
     * When each agency's supervisors get the daily digest: `{ "time": "07:30" }`, a local time
     * on the city's working days, or `false` for none. Stored in Setting `digest:<city>`;
     * omitted means 07:30.
     */
    digest: digestSettings.optional(),
  })
  .superRefine((config, ctx) => {
    const unique = <T>(
      list: 'jurisdictions' | 'agencies' | 'categoryGroups' | 'categories' | 'sites',
      items: T[],
      keyOf: (item: T) => string,
      field: string,
    ) => {
      const firstIndex = new Map<string, number>();
      items.forEach((item, index) => {
        const key = keyOf(item);
        const earlier = firstIndex.get(key);
        if (earlier === undefined) firstIndex.set(key, index);
        else ctx.addIssue({ code: 'custom', path: [list, index, field], message: `duplicate ${field} "${key}" (also ${list}[${earlier}])` });
      });
    };
    unique('jurisdictions', config.jurisdictions, (j) => j.code, 'code');
    unique('agencies', config.agencies, (a) => a.slug, 'slug');
    unique('categoryGroups', config.categoryGroups, (g) => g.code, 'code');
    unique('categories', config.categories, (c) => c.code, 'code');
    unique('sites', config.sites, (s) => s.key, 'key');
    // An Open311 alias names one area: two claims in one file are refused (references.ts checks other cities').
    const aliasAt = new Map<string, string>();
    const claim = (list: 'jurisdictions' | 'sites', index: number, names: string[] | undefined) => {
      for (const [a, alias] of (names ?? []).entries()) {
        const earlier = aliasAt.get(alias);
        if (earlier === undefined) aliasAt.set(alias, `${list}[${index}].aliases[${a}]`);
        else ctx.addIssue({ code: 'custom', path: [list, index, 'aliases', a], message: `alias "${alias}" is claimed twice (also ${earlier})` });
      }
    };
    for (const [index, entry] of config.jurisdictions.entries()) claim('jurisdictions', index, entry.aliases);
    for (const [index, site] of config.sites.entries()) claim('sites', index, site.aliases);
    const ruleByPair = new Map<string, number>();
    config.rules.forEach((r, index) => {
      const pair = `${r.category ?? ''}|${r.jurisdiction ?? ''}`;
      const earlier = ruleByPair.get(pair);
      if (earlier === undefined) ruleByPair.set(pair, index);
      else {
        const what = r.category ? `category "${r.category}"` : 'any category';
        const where = r.jurisdiction ?? 'anywhere';
        ctx.addIssue({ code: 'custom', path: ['rules', index], message: `two rules for ${what} in ${where} (also rules[${earlier}])` });
      }
    });
  });

/** A city configuration as written in the file (defaults not yet applied). */
export type CityConfigInput = z.input<typeof cityConfigSchema>;
/** A validated city configuration, defaults filled in. */
export type CityConfig = z.output<typeof cityConfigSchema>;
export type AgencyConfig = CityConfig['agencies'][number];
export type CategoryConfig = CityConfig['categories'][number];
export type RuleConfig = CityConfig['rules'][number];
export type SiteConfig = CityConfig['sites'][number];
export type JurisdictionConfig = CityConfig['jurisdictions'][number];
export type HolidayConfig = NonNullable<JurisdictionConfig['holidays']>[number];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}
