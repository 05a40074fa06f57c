// The printed schema is committed so every change to the API shows up in review.
import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../src/schema/index.js';

describe('schema.graphql', () => {
  it('matches the schema the server serves (run `npm run schema -w @aduan/api` after changing it)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });

  it('keeps the public contract clients rely on', () => {
    const signature = (type: 'Query' | 'Mutation', name: string) => {
      const field = (type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[name]!;
      return `${name}(${field.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')}): ${String(field.type)}`;
    };
    expect(signature('Query', 'categories')).toBe('categories(site: ID!, locale: Locale): [Category!]!');
    expect(signature('Query', 'jurisdictions')).toMatch(/^jurisdictions\(parentCode: String.*\): \[Jurisdiction!\]!$/);
    expect(signature('Query', 'reportStatus')).toBe('reportStatus(trackingCode: String!): PublicReport');
    expect(signature('Mutation', 'submitReport')).toBe('submitReport(input: SubmitReportInput!): SubmitReportResult!');
    const sdl = printSchema(schema);
    expect(sdl).toContain('union SubmitReportResult = ReportSubmitted | InvalidInput');
    expect(sdl).toMatch(/enum ReportStatus \{\s+RECEIVED\s+ACKNOWLEDGED\s+IN_PROGRESS\s+RESOLVED\s+REJECTED\s+CLOSED\s+\}/);
  });
});
