// Logs never carry a reporter's contact: e-mail addresses, phone numbers and sealed
// values are masked in everything the server writes about a failure.
import { describe, expect, it } from 'vitest';
import { forLog, redactPersonalData } from '../src/log.js';

describe('log redaction', () => {
  it('masks e-mail addresses, phone numbers and sealed values, and leaves the rest', () => {
    const text =
      'Invalid `prisma.report.create()` invocation: { reporterEmail: "maria.ndolu@example.org", reporterPhone: "+62 812-3456-7890", ' +
      'reporterName: "aduan:v1:k1:AbC-dEf_123", trackingCode: "KPG-7K2QX-9M3PR", at: 2026-11-20T03:00:00.000Z, count: 42 }';
    const redacted = redactPersonalData(text);
    expect(redacted).not.toMatch(/maria|ndolu|example\.org|812|3456|7890|AbC-dEf/);
    expect(redacted).toContain('[e-mail]');
    expect(redacted).toContain('[phone]');
    expect(redacted).toContain('[sealed]');
    // Tracking codes, dates and small numbers are what an operator needs to read.
    expect(redacted).toContain('KPG-7K2QX-9M3PR');
    expect(redacted).toContain('2026-11-20T03:00:00.000Z');
    expect(redacted).toContain('count: 42');
  });

  it('masks an error’s message and stack', () => {
    const error = new Error('550 Mailbox unavailable: budi@kupang.go.id');
    expect(forLog(error)).not.toContain('budi@kupang.go.id');
    expect(forLog(error)).toMatch(/^Error: 550 Mailbox unavailable: \[e-mail\]/);
  });
});
