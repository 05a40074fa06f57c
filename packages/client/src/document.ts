/**
 * A GraphQL document as the text a client sends, carrying the types of its result and
 * its variables (generated in `generated/operations.ts`), so a request function infers
 * both from the document it is given. At run time it is just the string.
 */
export type Document<Result, Variables> = string & { readonly __result?: Result; readonly __variables?: Variables };

/** The result type a document carries. */
export type ResultOf<D> = D extends Document<infer Result, unknown> ? Result : never;

/** The variables type a document carries. */
export type VariablesOf<D> = D extends Document<unknown, infer Variables> ? Variables : never;
