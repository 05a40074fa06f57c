// Fields that cost far more than the rest — `statistics` reads a city's whole tally —
// may be asked only a few times per request, however they are aliased or spread through
// fragments. Refused before anything runs.
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Root fields and how many of each one request may ask for. */
export const EXPENSIVE_FIELDS: Readonly<Record<string, number>> = { statistics: 3 };

export function useExpensiveFieldLimit(limits: Readonly<Record<string, number>> = EXPENSIVE_FIELDS): Plugin {
  return {
    onExecute({ args }) {
      const counts = countRootFields(args.document, args.operationName ?? null);
      for (const [field, max] of Object.entries(limits)) {
        const asked = counts.get(field) ?? 0;
        if (asked > max) {
          throw createGraphQLError(`A request may ask for \`${field}\` at most ${max} times (this one asks ${asked}).`, {
            extensions: { code: 'TOO_MANY_EXPENSIVE_FIELDS', field, http: { status: 400 } },
          });
        }
      }
    },
  };
}

/** How often each root field appears in the operation that runs, fragments included. */
function countRootFields(document: DocumentNode, operationName: string | null): Map<string, number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => operationName === null || o.name?.value === operationName) ?? operations[0];
  const counts = new Map<string, number>();
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) counts.set(selection.name.value, (counts.get(selection.name.value) ?? 0) + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, seen);
      else {
        const fragment = fragments.get(selection.name.value);
        // A fragment spread twice counts twice; a cycle (invalid anyway) stops.
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  if (operation?.kind === Kind.OPERATION_DEFINITION) visit(operation.selectionSet, new Set());
  return counts;
}
