// The one Pothos builder: plugins, scalars and the context type, in one place.
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { getDatamodel } from '@aduan/prisma';
import type PrismaTypes from '@aduan/prisma/pothos-types';
import { DateTimeResolver } from 'graphql-scalars';
import { createGraphQLError } from 'graphql-yoga';
import type { UploadedPhoto } from '../photos/index.js';
import { mayActFor, mayRead, type ReportAccessFacts } from '../workflow/access.js';
import { AccessDenied } from '../workflow/errors.js';
import type { Context } from './context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  Scalars: { DateTime: { Input: Date; Output: Date }; File: { Input: UploadedPhoto; Output: never } };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  AuthScopes: {
    /** Any signed-in staff member or API token. */
    staff: boolean;
    /** A SUPERVISOR or ADMIN. */
    supervisor: boolean;
    admin: boolean;
    /** Someone of this agency (by id), or an ADMIN. */
    agency: string;
    /** May read this report: `agency`, or a SUPERVISOR overseeing its escalation (workflow/access.ts). */
    readReport: ReportAccessFacts;
  };
}>({
  // Fields are non-null unless they say otherwise: clients should not have to null-check a tracking code.
  defaultFieldNullability: false,
  // scope-auth first, so no other plugin's wrapper runs before authorization. Federation
  // (entities, @key, @shareable; README, "Federation") after the plugins that wrap resolvers,
  // and after Directives, which writes what Federation records where the subgraph SDL is printed from.
  plugins: [ScopeAuthPlugin, RelayPlugin, PrismaPlugin, DirectivesPlugin, FederationPlugin],
  // Connections (the inbox, with its totalCount) and nothing else of Relay: no global `node`
  // look-ups, which would go around every root field's checks.
  relay: {
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // Other subgraphs paginate too and define a PageInfo of their own: composition needs
    // the fields both define to be shareable (in both).
    pageInfoTypeOptions: { shareable: true },
    firstArgOptions: { description: 'How many (1 to 100; 25 unless given).' },
    lastArgOptions: { description: 'Not supported: connections page forward.' },
    beforeArgOptions: { description: 'Not supported: connections page forward.' },
  },
  scopeAuth: {
    authScopes: (context) => {
      // A session on a one-time password holds no scope until it is changed (see AccessDenied.for).
      const viewer = context.viewer?.mustChangePassword ? null : context.viewer;
      return {
        staff: viewer !== null,
        supervisor: viewer?.role === 'SUPERVISOR' || viewer?.role === 'ADMIN',
        admin: viewer?.role === 'ADMIN',
        agency: (agencyId) => mayActFor(viewer, agencyId),
        readReport: (report) => mayRead(context.prisma, viewer, report),
      };
    },
    // One typed error for every refusal: UNAUTHENTICATED for nobody, FORBIDDEN for the wrong
    // person, PASSWORD_CHANGE_REQUIRED for a session that must replace its one-time password.
    unauthorizedError: (_parent, context) => AccessDenied.for(context.viewer),
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);

// Uploads by the GraphQL multipart request spec: Yoga puts a Web `File` where the
// `map` part points. Input only; nothing is ever sent back as a File.
builder.scalarType('File', {
  description: 'A file sent as a part of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).',
  serialize: () => {
    throw createGraphQLError('A File is an upload and cannot be returned.');
  },
  parseValue: (value) => {
    const file = value as Partial<UploadedPhoto> | null;
    if (typeof file !== 'object' || file === null || typeof file.arrayBuffer !== 'function' || typeof file.size !== 'number') {
      throw createGraphQLError('Expected a file sent as a multipart request part.');
    }
    return file as UploadedPhoto;
  },
  parseLiteral: () => {
    throw createGraphQLError('A File cannot be written in the query; send it as a multipart request part.');
  },
});
builder.queryType({});
builder.mutationType({});
