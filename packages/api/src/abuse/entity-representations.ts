// What `_entities` may be asked at once. A router sends a few representations per
// request; a stranger sending thousands of PublicReport keys would test tracking codes
// in bulk past the look-up limit, and a made-up type name would end in an unexpected
// error. Both are refused before anything runs, in one sentence, and logged as nothing
// more than a refusal. Each PublicReport that is looked up still counts against the
// look-up rate limit (schema/public-report.ts).
import { Kind, valueFromASTUntyped, type DocumentNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** More than any router sends for one query plan step. */
export const MAX_REPRESENTATIONS = 100;

export function useEntityRepresentationLimit(entityTypes: ReadonlySet<string>): Plugin {
  return {
    onExecute({ args }) {
      const representations = representationsOf(args.document, args.variableValues ?? {});
      if (representations === null) return;
      if (representations.length > MAX_REPRESENTATIONS) {
        throw refused(`_entities takes at most ${MAX_REPRESENTATIONS} representations per request.`, 'TOO_MANY_REPRESENTATIONS');
      }
      for (const representation of representations) {
        const typename = (representation as { __typename?: unknown } | null)?.__typename;
        if (typeof typename !== 'string' || !entityTypes.has(typename)) {
          throw refused(`A representation names no entity type of this subgraph (${[...entityTypes].join(', ')}).`, 'UNKNOWN_ENTITY_TYPE');
        }
      }
    },
  };
}

function refused(message: string, code: string) {
  return createGraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** The representations every `_entities` field of the document asks for, or null when it has none. */
function representationsOf(document: DocumentNode, variables: Record<string, unknown>): unknown[] | null {
  let found: unknown[] | null = null;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
      const argument = selection.arguments?.find((a) => a.name.value === 'representations');
      const value = argument ? valueFromASTUntyped(argument.value, variables) : [];
      found = [...(found ?? []), ...(Array.isArray(value) ? value : [value])];
    }
  }
  return found;
}
