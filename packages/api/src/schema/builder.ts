// The one Pothos builder: plugins, scalars and the context type, in one place.
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import { getDatamodel } from '@aduan/prisma';
import type PrismaTypes from '@aduan/prisma/pothos-types';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from './context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
}>({
  // Fields are non-null unless they say otherwise: clients should not have to null-check a tracking code.
  defaultFieldNullability: false,
  plugins: [PrismaPlugin],
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.queryType({});
builder.mutationType({});
