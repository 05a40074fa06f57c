// What every resolver can reach: the database, the in-memory routing catalogue,
// and the request itself (for the Origin header).
import type { PrismaClient } from '@aduan/prisma';
import type { PhotoStorage } from '../photos/index.js';
import type { RoutingCatalog } from '../routing/catalog.js';

export interface Context {
  prisma: PrismaClient;
  catalog: RoutingCatalog;
  /** Where report photos are kept; undefined when this server takes no photos. */
  photoStorage: PhotoStorage | undefined;
  request: Request;
  /** This server's own origin, whose pages may always submit. */
  ownOrigin: string;
  now: () => Date;
}
