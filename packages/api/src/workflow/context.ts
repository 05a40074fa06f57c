// What the workflow needs to act: the database, the routing catalogue (tracking-code
// prefix, working calendars), the ledger, who acts and the clock. GraphQL's context is
// one (schema/context.ts extends it); jobs and commands make their own.
import type { PrismaClient } from '@aduan/prisma';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { Viewer } from '../staff/viewer.js';
import type { ReportLedger } from './ledger.js';

export interface WorkflowContext {
  prisma: PrismaClient;
  catalog: RoutingCatalog;
  ledger: ReportLedger;
  /** The signed-in staff member or API token; null for residents, jobs and commands. */
  viewer: Viewer | null;
  now: () => Date;
}
