// Where each of a city's categories goes in each of its smallest areas, read from the
// database (inside a transaction, so a change can be compared before and after it is
// saved). The console shows the difference before an admin saves a change to agencies
// or rules: a category that would fall to the triage desk somewhere — no agency
// answering for it there — is the change to think twice about.
import { chooseRule, type JurisdictionRef } from '@aduan/core';
import type { Prisma } from '@aduan/prisma';
import { jurisdictionDisplayName } from '../jurisdictions/display-name.js';
import { codeWithin } from '../jurisdictions/tree.js';
import { chooseTriageAgency } from '../intake/route-submission.js';
import { routingRuleOf } from '../routing/catalog.js';

export interface Route {
  agencySlug: string;
  /** No rule covers the category there: the triage desk gets it. */
  viaTriage: boolean;
}

export interface RoutingTable {
  /** `category|area` → where reports go. */
  routes: Map<string, Route>;
  categoryNames: Map<string, string>;
  areaNames: Map<string, string>;
  agencyNames: Map<string, string>;
}

/** A difference between two tables, one category and one pair of agencies at a time. */
export interface RoutingChange {
  categoryCode: string;
  categoryName: string;
  /** null: the category is new there (it had no route before). */
  fromAgency: string | null;
  /** null: it can no longer be reported there (withdrawn). */
  toAgency: string | null;
  /** After the change, no agency answers for it in these areas: the triage desk does. */
  toTriage: boolean;
  /** The smallest areas concerned, by name. */
  areas: string[];
}

export async function readRoutingTable(tx: Prisma.TransactionClient, city: string): Promise<RoutingTable> {
  const ancestorCodes = city.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'));
  const [areas, above, categories, rules, agencies] = await Promise.all([
    tx.jurisdiction.findMany({ where: codeWithin('code', city), select: { code: true, name: true, kind: true, level: true, parentCode: true } }),
    tx.jurisdiction.findMany({
      where: { code: { in: ancestorCodes.slice(0, -1) } },
      select: { code: true, name: true, kind: true, level: true, parentCode: true },
    }),
    tx.category.findMany({ where: { cityCode: city, active: true }, select: { code: true, nameId: true } }),
    tx.routingRule.findMany({
      where: { OR: [codeWithin('jurisdictionCode', city), { jurisdictionCode: { in: ancestorCodes } }, { jurisdictionCode: null }] },
      include: { category: { select: { code: true, cityCode: true } }, agency: { select: { slug: true } } },
    }),
    tx.agency.findMany({ select: { id: true, slug: true, name: true, jurisdictionCode: true, triage: true, defaultResponseHours: true } }),
  ]);
  const byCode = new Map(
    [...above, ...areas].map((a) => [a.code, { code: a.code, name: jurisdictionDisplayName(a), level: a.level, parentCode: a.parentCode }]),
  );
  const ancestryOf = (code: string): JurisdictionRef[] => {
    const chain: JurisdictionRef[] = [];
    for (let at = byCode.get(code); at; at = at.parentCode ? byCode.get(at.parentCode) : undefined)
      chain.push({ code: at.code, name: at.name, level: at.level });
    return chain;
  };
  const routingRules = rules.filter((r) => !r.category || r.category.cityCode === city).map(routingRuleOf);
  const agenciesBySlug = new Map(agencies.map((a) => [a.slug, a]));
  const parents = new Set(areas.map((a) => a.parentCode));
  const smallest = areas.filter((a) => !parents.has(a.code));
  const routes = new Map<string, Route>();
  for (const area of smallest) {
    const ancestry = ancestryOf(area.code);
    // Data from before every city had a desk of its own may lack one: then no one takes what no rule covers.
    let triage = '';
    try {
      triage = chooseTriageAgency({ agenciesBySlug }, ancestry).slug;
    } catch {}
    for (const category of categories) {
      const rule = chooseRule(routingRules, category.code, ancestry);
      routes.set(`${category.code}|${area.code}`, rule ? { agencySlug: rule.agencySlug, viaTriage: false } : { agencySlug: triage, viaTriage: true });
    }
  }
  return {
    routes,
    categoryNames: new Map(categories.map((c) => [c.code, c.nameId])),
    areaNames: new Map(smallest.map((a) => [a.code, byCode.get(a.code)!.name])),
    agencyNames: new Map(agencies.map((a) => [a.slug, a.name])),
  };
}

/** What routes differently after than before, grouped by category and pair of agencies. */
export function routingChanges(before: RoutingTable, after: RoutingTable): RoutingChange[] {
  const grouped = new Map<string, RoutingChange>();
  for (const [key, now] of after.routes) {
    const was = before.routes.get(key);
    if (was && was.agencySlug === now.agencySlug && was.viaTriage === now.viaTriage) continue;
    const [categoryCode, areaCode] = key.split('|') as [string, string];
    const fromAgency = was ? (before.agencyNames.get(was.agencySlug) ?? was.agencySlug) : null;
    const toAgency = after.agencyNames.get(now.agencySlug) ?? now.agencySlug;
    const groupKey = `${categoryCode}|${fromAgency}|${toAgency}|${now.viaTriage}`;
    let change = grouped.get(groupKey);
    if (!change) {
      change = { categoryCode, categoryName: after.categoryNames.get(categoryCode) ?? categoryCode, fromAgency, toAgency, toTriage: now.viaTriage, areas: [] };
      grouped.set(groupKey, change);
    }
    change.areas.push(after.areaNames.get(areaCode) ?? areaCode);
  }
  // What could be reported before and no longer can (a category withdrawn).
  for (const [key, was] of before.routes) {
    if (after.routes.has(key)) continue;
    const [categoryCode, areaCode] = key.split('|') as [string, string];
    const fromAgency = before.agencyNames.get(was.agencySlug) ?? was.agencySlug;
    const groupKey = `${categoryCode}|${fromAgency}|gone`;
    let change = grouped.get(groupKey);
    if (!change) {
      change = { categoryCode, categoryName: before.categoryNames.get(categoryCode) ?? categoryCode, fromAgency, toAgency: null, toTriage: false, areas: [] };
      grouped.set(groupKey, change);
    }
    change.areas.push(before.areaNames.get(areaCode) ?? areaCode);
  }
  // Falling to the triage desk first: that is what an admin must not miss.
  return [...grouped.values()]
    .map((c) => ({ ...c, areas: c.areas.sort((a, b) => a.localeCompare(b, 'id')) }))
    .sort((a, b) => Number(b.toTriage) - Number(a.toTriage) || a.categoryName.localeCompare(b.categoryName, 'id'));
}
