import type { JurisdictionRef, Located } from './jurisdiction-index.js';

/** (category or any) × (jurisdiction or anywhere) → agency, with a response deadline. */
export interface RoutingRule {
  readonly id: string;
  readonly name: string;
  /** null: any category. */
  readonly categoryCode: string | null;
  /** null: anywhere. */
  readonly jurisdictionCode: string | null;
  readonly agencySlug: string;
  readonly responseHours: number;
}

/** Where a report goes and why; stored with the report. */
export interface RoutingDecision {
  /** 'point': located from the resident's point; 'named': the resident picked a jurisdiction. */
  readonly method: 'point' | 'named';
  readonly jurisdictionCode: string;
  readonly agencySlug: string;
  readonly responseHours: number;
  /** null when no rule matched and the triage desk got the report. */
  readonly ruleId: string | null;
  /** One human-readable explanation, in English (for logs, deliveries and the API's default). */
  readonly reason: string;
  /** The same explanation in Bahasa Indonesia, for the agency console. */
  readonly reasonId: string;
}

export interface RouteReportArgs {
  readonly rules: readonly RoutingRule[];
  readonly categoryCode: string;
  readonly categoryName: string;
  /** From JurisdictionIndex.locate, when the resident gave a point. */
  readonly located?: Located;
  /** Ancestry (deepest first) of the jurisdiction the resident picked, when there is no point. */
  readonly named?: readonly JurisdictionRef[];
  /** Who gets reports no rule covers. */
  readonly triage: { readonly agencySlug: string; readonly responseHours: number };
  /** Agency display names by slug, for the reason; the slug is shown when missing. */
  readonly agencyNames: Readonly<Record<string, string>>;
}

/** Code-point order, so the answer never depends on the runtime's locale. */
function lowestId(rules: readonly RoutingRule[]): RoutingRule | null {
  let best: RoutingRule | null = null;
  for (const rule of rules) if (best === null || rule.id < best.id) best = rule;
  return best;
}

/**
 * The most specific rule for a category at a place, or null (→ triage).
 *
 * Jurisdiction depth outranks category specificity: walking the ancestry deepest
 * first, at each jurisdiction a rule for this category beats an any-category rule;
 * only after the whole ancestry come the rules for anywhere (category, then any).
 * So a kecamatan's catch-all rule beats the city's rule for the category: the
 * kecamatan has claimed everything within it. Same (category, jurisdiction) pair:
 * lowest id wins.
 */
export function chooseRule(rules: readonly RoutingRule[], categoryCode: string, ancestry: readonly JurisdictionRef[]): RoutingRule | null {
  const places: (string | null)[] = [...ancestry.map((ref) => ref.code), null];
  for (const place of places) {
    const here = rules.filter((rule) => rule.jurisdictionCode === place);
    const forCategory = lowestId(here.filter((rule) => rule.categoryCode === categoryCode));
    if (forCategory) return forCategory;
    const forAny = lowestId(here.filter((rule) => rule.categoryCode === null));
    if (forAny) return forAny;
  }
  return null;
}

function names(refs: readonly JurisdictionRef[]): string {
  return refs.map((ref) => ref.name).join(', ');
}

/**
 * Route a report from the resident's point (`located`) or chosen jurisdiction
 * (`named`): exactly one must be given, otherwise it is a programmer error and this
 * throws. Falls back to the triage desk when no rule matches.
 */
export function routeReport(args: RouteReportArgs): RoutingDecision {
  const { located, named } = args;
  if ((located === undefined) === (named === undefined)) {
    throw new TypeError('routeReport needs exactly one of `located` or `named`');
  }
  const ancestry = located ? located.ancestry : named!;
  const place = ancestry[0];
  if (place === undefined) throw new TypeError('routeReport needs a non-empty ancestry');

  const rule = chooseRule(args.rules, args.categoryCode, ancestry);
  const agencySlug = rule ? rule.agencySlug : args.triage.agencySlug;
  const agencyName = args.agencyNames[agencySlug] ?? agencySlug;
  const explain = (words: ReasonWords) => {
    let where: string;
    if (located) {
      where = words.pointIn(names(ancestry));
      if (located.tieBreak) where += words.alsoIn(names(located.alsoContaining), place.name, located.tieBreakBy === 'code');
    } else {
      const above = ancestry.slice(1);
      where = words.chose(place.name, above.length > 0 ? names(above) : null);
    }
    return `${where}; ${rule ? words.rule(rule.name, agencyName) : words.triage(args.categoryName, agencyName)}`;
  };

  return {
    method: located ? 'point' : 'named',
    jurisdictionCode: place.code,
    agencySlug,
    responseHours: rule ? rule.responseHours : args.triage.responseHours,
    ruleId: rule ? rule.id : null,
    reason: explain(REASON_EN),
    reasonId: explain(REASON_ID),
  };
}

/** The words of a routing reason, in one language. */
interface ReasonWords {
  pointIn(areas: string): string;
  alsoIn(others: string, chosen: string, byCode: boolean): string;
  chose(area: string, above: string | null): string;
  rule(name: string, agency: string): string;
  triage(category: string, agency: string): string;
}

const REASON_EN: ReasonWords = {
  pointIn: (areas) => `Point is in ${areas}`,
  alsoIn: (others, chosen, byCode) =>
    `; point also lies in ${others}; chose ${chosen}, ${byCode ? 'it lies on their shared boundary, so the lowest code wins' : 'where it lies deeper inside'}`,
  chose: (area, above) => `Resident chose ${area}${above ? ` (${above})` : ''}`,
  rule: (name, agency) => `rule '${name}' → ${agency}`,
  triage: (category, agency) => `no rule for '${category}' there → triage desk ${agency}`,
};

const REASON_ID: ReasonWords = {
  pointIn: (areas) => `Titik berada di ${areas}`,
  alsoIn: (others, chosen, byCode) =>
    `; titik juga berada di ${others}; dipilih ${chosen}, ${byCode ? 'karena titik tepat di batas bersama, kode terendah yang dipakai' : 'tempat titik berada lebih dalam'}`,
  chose: (area, above) => `Warga memilih ${area}${above ? ` (${above})` : ''}`,
  rule: (name, agency) => `aturan '${name}' → ${agency}`,
  triage: (category, agency) => `belum ada aturan untuk '${category}' di sana → meja triase ${agency}`,
};
