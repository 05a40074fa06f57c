// The GraphQL endpoint: Yoga serving the Pothos schema, with CORS answered
// from the sites' allowed origins.
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { PrismaClient } from '@aduan/prisma';
import type { PhotoStorage } from '../photos/index.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { Context } from '../schema/context.js';
import { schema } from '../schema/index.js';
import { originAllowed } from '../sites/origins.js';

export interface GraphQLDependencies {
  prisma: PrismaClient;
  catalog: RoutingCatalog;
  /** Where report photos go (`DiskPhotoStorage` under the data dir when serving). */
  photoStorage?: PhotoStorage | undefined;
  now?: () => Date;
}

const GRAPHIQL_EXAMPLE = `# Aduan: residents' reports, routed to the agency responsible.
# Try the demo site's catalogue, then submitReport and reportStatus (see the schema docs).
query Catalogue {
  categories(site: "demo", locale: EN) {
    code
    name
    group
  }
}
`;

export type AduanYoga = YogaServerInstance<Record<string, never>, Context>;

export function createGraphQLHandler(deps: GraphQLDependencies): AduanYoga {
  const now = deps.now ?? (() => new Date());
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Aduan GraphQL', defaultQuery: GRAPHIQL_EXAMPLE },
    context: ({ request }) => ({
      prisma: deps.prisma,
      catalog: deps.catalog,
      photoStorage: deps.photoStorage,
      request,
      ownOrigin: new URL(request.url).origin,
      now,
    }),
    // A browser may call from any page a site allows; the site itself is checked
    // again in the mutation, once the body says which site it is.
    cors: async (request) => {
      const origin = request.headers.get('origin');
      if (!origin) return false;
      const ownOrigin = new URL(request.url).origin;
      const { allOriginPatterns } = await deps.catalog.current();
      if (origin !== ownOrigin && !originAllowed(origin, allOriginPatterns)) return false;
      return {
        origin,
        methods: ['GET', 'POST', 'OPTIONS'],
        allowedHeaders: ['content-type', 'accept', 'authorization', 'idempotency-key'],
        credentials: false,
        maxAge: 600,
      };
    },
  });
}
