// Limits on what one GraphQL document may ask for, checked before anything runs:
// depth, cost, aliases, directives and tokens (graphql-armor). Introspection stays
// on for this public API, inside the same token, alias and cost limits; only depth
// skips the `__schema`/`__type` fields, whose `ofType` chains are finite and cheap.
// Every operation the widget, the console and the examples send fits (tests check).
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { Plugin } from 'graphql-yoga';

export interface GraphQLLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

/** graphql-armor's defaults, but depth 8 (the console's report page nests 7 deep). */
export const DEFAULT_GRAPHQL_LIMITS: GraphQLLimits = {
  maxDepth: 8,
  maxCost: 5000,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 1000,
};

export function useGraphQLLimits(limits: GraphQLLimits = DEFAULT_GRAPHQL_LIMITS): Plugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true },
    costLimit: { maxCost: limits.maxCost, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    maxTokens: { n: limits.maxTokens, exposeLimits: true },
    // Suggestions ("did you mean …") stay: the schema is public anyway.
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}
