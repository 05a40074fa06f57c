// Federated tracing (`extensions.ftv1`, the timing of every resolver) for the requests a
// federation router sends with `apollo-federation-include-trace: ftv1`, and for no other.
//
// The trace plugin wraps the resolver of every field of the schema it is given, and the
// wrapper allocates on every field of every request, traced or not: a third of an inbox
// page's allocations. So traces come from a second Yoga over a copy of the schema, built
// on the first router request, and the Yoga residents and staff reach never pays for them.
import { useApolloInlineTrace } from '@graphql-yoga/plugin-apollo-inline-trace';
import { mapSchema } from '@graphql-tools/utils';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const TRACE_HEADER = 'apollo-federation-include-trace';

/** Whether a router asked for a trace of this request. */
export function asksForTrace(headers: Headers): boolean {
  return headers.get(TRACE_HEADER) === 'ftv1';
}

/**
 * A schema the trace plugin may wrap: the same types, fields and resolvers, in objects of
 * its own (mapSchema rebuilds every type), so wrapping them leaves `schema` as it was.
 */
export function schemaForTracing(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {});
}

/** The trace plugin; errors in a trace are masked as the answer masks them, so it tells no more. */
export function useFederatedTrace<ServerContext extends object>(maskForTrace: (error: GraphQLError) => GraphQLError): Plugin<object, ServerContext> {
  // The plugin reads nothing of the server's context; its type only says it was made for Yoga's default one.
  return useApolloInlineTrace({ rewriteError: maskForTrace }) as Plugin<object, ServerContext>;
}

/** Something that answers a Fetch request: the tracing Yoga. */
interface Answerer<ServerContext> {
  fetch(request: Request, serverContext: ServerContext): Response | Promise<Response>;
  dispose(): unknown;
}

/**
 * First among the plugins of the Yoga everyone reaches: a request asking for a trace is
 * answered whole by the tracing Yoga (`tracing()`, made when first needed) and goes no
 * further here.
 */
export function useTracedRequestsApart<ServerContext extends object>(tracing: () => Answerer<ServerContext>): Plugin<object, ServerContext> {
  let made: Answerer<ServerContext> | null = null;
  return {
    async onRequest({ request, serverContext, endResponse }) {
      if (!asksForTrace(request.headers)) return;
      made ??= tracing();
      endResponse(await made.fetch(request, serverContext));
    },
    async onDispose() {
      await made?.dispose();
    },
  };
}
