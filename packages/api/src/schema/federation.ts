// Apollo Federation v2: the /graphql endpoint is also a subgraph. An entity is a type
// another subgraph may refer to by its key (and add fields to); a router reads this
// schema from `_service { sdl }` and fetches entities with `_entities(representations:)`.
// See the README, "Federation".
import { entitiesResolver, printSubgraphSchema } from '@apollo/subgraph';
import {
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
  isObjectType,
  type GraphQLNamedType,
} from 'graphql';
import type { Context } from './context.js';

/**
 * The newest federation version that @theguild/federation-composition (0.27, and the 0.26
 * inside Hive Gateway 2) knows: both stop at v2.9.
 */
export const FEDERATION_LINK = {
  url: 'https://specs.apollo.dev/federation/v2.9',
  import: ['@key', '@shareable'],
};

/**
 * Type options that make an object type an entity: `@key(fields: key)`, and how the entity
 * is found from a representation. `find` gets the key's value only when it is a string:
 * anything else is no entity of ours (null), like a key nobody has.
 */
export function entity(key: string, find: (value: string, context: Context) => Promise<object | null>) {
  return {
    directives: { key: { fields: key } },
    extensions: {
      // Where @apollo/subgraph's `entitiesResolver` looks for it.
      apollo: {
        subgraph: {
          resolveReference: (representation: Record<string, unknown>, context: Context) => {
            const value = representation[key];
            return typeof value === 'string' ? find(value, context) : null;
          },
        },
      },
    },
  };
}

function isEntity(type: GraphQLNamedType): type is GraphQLObjectType {
  const directives = type.extensions.directives as Record<string, unknown> | undefined;
  return isObjectType(type) && directives?.['key'] !== undefined;
}

const AnyScalar = new GraphQLScalarType({
  name: '_Any',
  description: 'An entity representation: `__typename` and the fields of one of its keys.',
});

const ServiceType = new GraphQLObjectType({
  name: '_Service',
  fields: { sdl: { type: new GraphQLNonNull(GraphQLString), description: 'This subgraph’s schema, with its federation directives.' } },
});

/**
 * `schema` as a subgraph: the same types, in the same order, and Query with `_entities`
 * and `_service` added. (Everything else in it is untouched, so clients see no change.)
 */
export function toSubgraphSchema(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const query = schema.getQueryType()!;
  const queryConfig = query.toConfig();
  const entityType = new GraphQLUnionType({
    name: '_Entity',
    types: config.types.filter(isEntity).sort((a, b) => (a.name < b.name ? -1 : 1)),
    resolveType: (value: { __typename?: string }) => value.__typename,
  });
  let sdl: string | undefined;
  const subgraphQuery: GraphQLObjectType = new GraphQLObjectType({
    ...queryConfig,
    fields: {
      ...queryConfig.fields,
      _entities: {
        type: new GraphQLNonNull(new GraphQLList(entityType)),
        description: 'For a federation router: the entity each representation names, in order; null for one that names none.',
        args: { representations: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AnyScalar))) } },
        resolve: (_root, args: { representations: Record<string, unknown>[] }, context: Context, info) =>
          entitiesResolver({ representations: args.representations as never, context, info }),
      },
      _service: {
        type: new GraphQLNonNull(ServiceType),
        description: 'For a federation router: this subgraph’s schema.',
        resolve: (): { sdl: string } => ({ sdl: (sdl ??= printSubgraphSchema(subgraph)) }),
      },
    },
  });
  const subgraph: GraphQLSchema = new GraphQLSchema({
    ...config,
    query: subgraphQuery,
    types: [...config.types.map((type) => (type === query ? subgraphQuery : type)), AnyScalar, entityType, ServiceType],
  });
  return subgraph;
}
