// Apollo Federation v2: the /graphql endpoint is also a subgraph. Entities (`builder.asEntity`,
// next to each type) and `_entities`/`_service` come from @pothos/plugin-federation; what is
// Aduan's own is the federation version it links and the schema clients are shown.
// See the README, "Federation".
import { GraphQLObjectType, GraphQLSchema } from 'graphql';

/**
 * The newest federation version that @theguild/federation-composition (0.27, and the 0.26
 * inside Hive Gateway 2) knows: both stop at v2.9.
 */
export const FEDERATION_LINK_URL = 'https://specs.apollo.dev/federation/v2.9';

/** What the subgraph adds for routers, left out of the schema printed for clients. */
const FEDERATION_FIELDS = new Set(['_entities', '_service']);
const FEDERATION_TYPES = new Set(['_Any', '_Entity', '_Service']);

/**
 * `subgraph` as clients see it: the very same types, less `_entities`, `_service`, their
 * types and the `@link` (the schema's directives are not carried over). Printed, it is
 * `schema.graphql`, so both printed schemas come from the one schema that is served.
 */
export function withoutFederation(subgraph: GraphQLSchema): GraphQLSchema {
  const { types, query, mutation, subscription, directives } = subgraph.toConfig();
  const queryConfig = query!.toConfig();
  const clientQuery = new GraphQLObjectType({
    ...queryConfig,
    fields: Object.fromEntries(Object.entries(queryConfig.fields).filter(([name]) => !FEDERATION_FIELDS.has(name))),
  });
  return new GraphQLSchema({
    query: clientQuery,
    mutation,
    subscription,
    directives,
    types: types.filter((type) => !FEDERATION_TYPES.has(type.name)).map((type) => (type === query ? clientQuery : type)),
  });
}
