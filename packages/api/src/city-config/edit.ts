// A change to one city's settings from the console — a category, an agency, a routing
// rule, a working calendar — made the way a city file is applied, by the same code: the
// city is exported as a document (without boundaries), the change is made to that
// document, and the document is validated and applied like a file, in one transaction
// under the configuration lock. So the console can accept nothing a file could not,
// and the two can never disagree about what a valid city is.
//
// A dry run does everything and rolls back: the console shows what would change — above
// all, a category that would be left to the triage desk somewhere — before saving.
import type { Prisma, PrismaClient } from '@aduan/prisma';
import { applyCityConfigIn, countsChanged, type ApplySummary } from './apply.js';
import { lockConfiguration } from './lock.js';
import { CityConfigError } from './errors.js';
import { exportCityConfig } from './export.js';
import { validateCityConfig } from './load.js';
import { readRoutingTable, routingChanges, type RoutingChange } from './routing-table.js';
import type { CityConfigInput } from './schema.js';

export interface CityEdit {
  /** What the audit log calls it: `category.update`, `rule.delete`, … */
  action: string;
  /** What it changes: a category's code, an agency's slug, a rule's place and category. */
  subject: string;
  /**
   * Makes the change to the city's document, in place; returns the entry as it was and
   * as it will be (for the audit log; null: none) and where in the document it is
   * (`categories[3]`), so the document's problems there can be told as the input's own.
   * May throw a CityConfigError for a change that makes no sense (an unknown code).
   */
  change(document: CityConfigInput): { before: unknown; after: unknown; at: string | null };
}

export interface EditOutcome {
  /** Whether anything was written (false for a dry run, or a change to what already is). */
  saved: boolean;
  /** Whether the change differs from what is stored. */
  changed: boolean;
  summary: ApplySummary;
  /** Where reports of the city's categories would go differently afterwards. */
  routing: RoutingChange[];
  /** The document path of the edited entry, for errors (see CityEdit.change). */
  at: string | null;
}

class Rollback extends Error {
  constructor(readonly outcome: EditOutcome) {
    super('dry run');
  }
}

export async function editCity(prisma: PrismaClient, actor: string, city: string, edit: CityEdit, options: { dryRun?: boolean } = {}): Promise<EditOutcome> {
  let editedAt: string | null = null;
  const run = async (tx: Prisma.TransactionClient): Promise<EditOutcome> => {
    await lockConfiguration(tx);
    const { config: document } = await exportCityConfig(tx, city, { boundaries: false });
    const routingBefore = await readRoutingTable(tx, city);
    const { before, after, at } = edit.change(document);
    editedAt = at;
    const config = validateCityConfig(document);
    const summary = await applyCityConfigIn(tx, { path: '(console)', config, features: [], featurePaths: new Map() }, undefined, actor);
    const routing = routingChanges(routingBefore, await readRoutingTable(tx, city));
    const changed = countsChanged(summary);
    const outcome = { saved: changed && !options.dryRun, changed, summary, routing, at };
    if (options.dryRun || !changed) throw new Rollback(outcome);
    await tx.auditEntry.create({
      data: {
        actor,
        cityCode: city,
        action: edit.action,
        subject: edit.subject,
        ...(before === null ? {} : { before: before as Prisma.InputJsonValue }),
        ...(after === null ? {} : { after: after as Prisma.InputJsonValue }),
      },
    });
    return outcome;
  };
  try {
    return await prisma.$transaction(run, { timeout: 60_000, maxWait: 30_000 });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    if (error instanceof CityConfigError) error.editedAt = editedAt;
    throw error;
  }
}
