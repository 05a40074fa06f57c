// The operations' types and documents are generated from the .graphql files and the
// printed schema: the committed file must be what the generator writes now, so a change
// to either shows up (and fails here until `npm run generate -w @aduan/client`).
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the generator is a plain ES module script without types.
import { generateOperations, outputFile } from '../scripts/generate.mjs';
import * as operations from '../src/operations.js';

describe('the generated operations', () => {
  it('are current with src/operations/*.graphql and packages/api/schema.graphql', async () => {
    expect(readFileSync(outputFile, 'utf8')).toBe(await generateOperations());
  });

  it('are each a whole, valid document against the schema, named as exported', () => {
    const schema = buildSchema(readFileSync(new URL('../../api/schema.graphql', import.meta.url), 'utf8'));
    const documents = Object.entries(operations).filter(([name]) => name.endsWith('Document'));
    expect(documents.length).toBeGreaterThan(30);
    for (const [name, text] of documents) {
      const document = parse(text as string);
      expect(validate(schema, document), name).toEqual([]);
      const [operation] = document.definitions;
      expect(operation && 'name' in operation ? `${operation.name?.value}Document` : null).toBe(name);
    }
  });
});
