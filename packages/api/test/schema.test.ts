// The printed schemas are committed so every change to the API shows up in review:
// schema.graphql as clients see it, subgraph.graphql as a federation router does.
import { readFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { printSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientSchema, schema } from '../src/schema/index.js';

const FEDERATION_TYPES = ['_Any', '_Entity', '_Service'];

describe('schema.graphql', () => {
  it('matches the schema clients see (run `npm run schema -w @aduan/api` after changing it)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSchema(clientSchema)}\n`);
  });

  it('is what the server serves, less the federation machinery', () => {
    const served = schema.getTypeMap();
    const client = clientSchema.getTypeMap();
    expect(Object.keys(served).filter((name) => !(name in client))).toEqual(FEDERATION_TYPES);
    for (const [name, type] of Object.entries(client)) {
      if (name !== 'Query') expect(served[name], name).toBe(type);
    }
    const queryFields = (s: typeof schema) => Object.keys(s.getQueryType()!.getFields());
    expect(queryFields(schema).filter((name) => !queryFields(clientSchema).includes(name))).toEqual(['_entities', '_service']);
    expect(queryFields(clientSchema).every((name) => queryFields(schema).includes(name))).toBe(true);
    const sdl = printSchema(clientSchema);
    for (const name of [...FEDERATION_TYPES, '_entities', '_service', '@key', '@link']) expect(sdl).not.toContain(name);
  });

  it('keeps the public contract clients rely on', () => {
    const signature = (type: 'Query' | 'Mutation', name: string) => {
      const field = (type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[name]!;
      return `${name}(${field.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')}): ${String(field.type)}`;
    };
    // Arguments go by name (served sorted, like fields), so their order is no part of it.
    expect(signature('Query', 'categories')).toBe('categories(locale: Locale, site: ID!): [Category!]!');
    expect(signature('Query', 'jurisdictions')).toBe('jurisdictions(level: Int, parentCode: String): [Jurisdiction!]!');
    expect(signature('Query', 'reportStatus')).toBe('reportStatus(trackingCode: String!): PublicReport');
    expect(signature('Mutation', 'submitReport')).toBe('submitReport(input: SubmitReportInput!): SubmitReportResult!');
    const sdl = printSchema(schema);
    expect(sdl).toContain('union SubmitReportResult = InvalidInput | ReportSubmitted');
    // The statuses' names, not their order: the schema is served sorted (enum values too).
    const statuses = (schema.getType('ReportStatus') as GraphQLEnumType).getValues().map((value) => value.name);
    expect(statuses.sort()).toEqual(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED', 'CLOSED'].sort());
  });
});

describe('subgraph.graphql', () => {
  it('matches what `_service { sdl }` answers (run `npm run schema -w @aduan/api` after changing the schema)', () => {
    const committed = readFileSync(new URL('../subgraph.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSubgraphSchema(schema)}\n`);
  });
});
