/**
 * Every GraphQL operation Aduan's own clients send — the widget's, the console's, the
 * examples' and the benchmarks' — as text carrying its result and variables types,
 * generated from ./operations/*.graphql and the printed schema (scripts/generate.mjs).
 * `@aduan/client/operations` gives them alone: the server's persisted-operations list
 * and the benchmarks read them there.
 */
export * from './generated/operations.js';
export type { Document, ResultOf, VariablesOf } from './document.js';
