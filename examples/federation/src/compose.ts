// Composes the supergraph the gateway serves from the two subgraphs' SDL, with
// The Guild's open-source composition (@theguild/federation-composition).
//
//   node dist/compose.js [--aduan URL] [--work-orders URL] [--fetch] [--out FILE]
//
// Aduan's SDL is read from packages/api/subgraph.graphql, or with --fetch from the
// running Aduan's `_service { sdl }` at --aduan. The URLs are where the gateway will
// send each subgraph's share of a query. A graph that does not compose is refused with
// the composer's own errors, and nothing is written.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { graphqlSync, parse, type GraphQLError } from 'graphql';
import { graphqlRequest } from './graphql-request.js';
import { schema as workOrdersSchema } from './work-orders/schema.js';

export const ADUAN_SUBGRAPH = 'aduan';
export const WORK_ORDERS_SUBGRAPH = 'work-orders';

export const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const SUPERGRAPH_FILE = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
/** Printed by the Aduan server package whenever its schema changes. */
export const ADUAN_SDL_FILE = fileURLToPath(new URL('../../../packages/api/subgraph.graphql', import.meta.url));

export interface Subgraph {
  name: string;
  /** The subgraph's GraphQL endpoint, as the gateway will reach it. */
  url: string;
  sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(`The subgraphs do not compose:\n${errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
}

/** The supergraph SDL for these subgraphs; throws CompositionError with the composer's errors. */
export function composeSupergraph(subgraphs: Subgraph[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new CompositionError(result.errors);
  return result.supergraphSdl;
}

/** The work-orders subgraph's SDL, as its `_service { sdl }` answers it. */
export function workOrdersSdl(): string {
  const result = graphqlSync({ schema: workOrdersSchema, source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: string } | undefined)?.sdl;
  if (!sdl) throw new Error(`The work-orders schema printed no SDL: ${result.errors?.map((e) => e.message).join('; ')}`);
  return sdl;
}

/** A running subgraph's SDL from its `_service { sdl }`. */
export async function fetchSubgraphSdl(graphqlUrl: string): Promise<string> {
  try {
    const data = await graphqlRequest<{ _service: { sdl: string } }>(graphqlUrl, '{ _service { sdl } }');
    return data._service.sdl;
  } catch (error) {
    if (error instanceof Error && /_service/.test(error.message)) {
      throw new Error(`${graphqlUrl} has no \`_service\` field: that server is not a federation subgraph.`);
    }
    throw error;
  }
}

export const DEFAULT_URLS = {
  aduan: `http://localhost:${process.env.ADUAN_PORT ?? 4101}/graphql`,
  workOrders: `http://localhost:${process.env.WORK_ORDERS_PORT ?? 4102}/graphql`,
};

async function main(args: string[]): Promise<void> {
  const option = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const aduanUrl = option('aduan') ?? DEFAULT_URLS.aduan;
  const workOrdersUrl = option('work-orders') ?? DEFAULT_URLS.workOrders;
  const out = option('out') ?? SUPERGRAPH_FILE;
  const aduanSdl = args.includes('--fetch') ? await fetchSubgraphSdl(aduanUrl) : await readFile(ADUAN_SDL_FILE, 'utf8');
  const supergraph = composeSupergraph([
    { name: ADUAN_SUBGRAPH, url: aduanUrl, sdl: aduanSdl },
    { name: WORK_ORDERS_SUBGRAPH, url: workOrdersUrl, sdl: workOrdersSdl() },
  ]);
  await writeFile(out, supergraph);
  console.log(`Wrote ${out}: ${ADUAN_SUBGRAPH} at ${aduanUrl}, ${WORK_ORDERS_SUBGRAPH} at ${workOrdersUrl}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`compose: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
