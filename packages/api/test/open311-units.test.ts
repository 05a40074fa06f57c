// The Open311 pieces that need no database: dates, language, routes, coarse
// points and the XML form of an answer.
import { generateTrackingCode } from '@aduan/core';
import { describe, expect, it } from 'vitest';
import { endOf, parseW3cDate, w3cDateTime } from '../src/open311/dates.js';
import { coarsePoint } from '../src/open311/location.js';
import { withholdTrackingCodes } from '../src/events/public-timeline.js';
import { localeOf } from '../src/open311/messages.js';
import { parseRoute } from '../src/open311/routes.js';
import { listParam } from '../src/open311/requests.js';
import { render } from '../src/open311/serialize.js';
import { open311Status, reportStatusesFor, updateStatusOf } from '../src/open311/status.js';

describe('Open311 dates', () => {
  it("writes whole seconds with the zone's offset, Z for UTC, daylight saving included", () => {
    const instant = new Date('2026-11-20T02:00:00.789Z');
    expect(w3cDateTime(instant, 'Asia/Makassar')).toBe('2026-11-20T10:00:00+08:00');
    expect(w3cDateTime(instant, 'UTC')).toBe('2026-11-20T02:00:00Z');
    expect(w3cDateTime(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00-04:00');
    expect(w3cDateTime(new Date('2026-01-01T12:00:00Z'), 'America/New_York')).toBe('2026-01-01T07:00:00-05:00');
  });

  it('reads W3C date-times with a zone, and a bare date as midnight in the given zone', () => {
    const zone = 'Asia/Makassar';
    expect(parseW3cDate('2026-01-31T08:00:00+08:00', zone)?.date.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parseW3cDate('2026-01-31T00:00Z', zone)?.date.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(parseW3cDate('2026-01-31T00:00:00.25-05:00', zone)?.date.toISOString()).toBe('2026-01-31T05:00:00.250Z');
    expect(parseW3cDate('2026-01-31', zone)?.date.toISOString()).toBe('2026-01-30T16:00:00.000Z');
    expect(parseW3cDate('2026-03-08', 'America/New_York')?.date.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    for (const bad of [
      '2026-02-30',
      '2026-13-01T00:00:00Z',
      '2026-01-31T00:00:00',
      '2026-01-31T24:00:00Z',
      '31/01/2026',
      'yesterday',
      '2026-01-31T00:00:00+15:00',
    ]) {
      expect(parseW3cDate(bad, zone), bad).toBeNull();
    }
  });

  it('lets an end date cover the whole day, minute or second it names', () => {
    expect(endOf(parseW3cDate('2026-01-31', 'UTC')!).toISOString()).toBe('2026-01-31T23:59:59.999Z');
    expect(endOf(parseW3cDate('2026-01-31T10:15Z', 'UTC')!).toISOString()).toBe('2026-01-31T10:15:59.999Z');
    expect(endOf(parseW3cDate('2026-01-31T10:15:30Z', 'UTC')!).toISOString()).toBe('2026-01-31T10:15:30.999Z');
    expect(endOf(parseW3cDate('2026-01-31T10:15:30.5Z', 'UTC')!).toISOString()).toBe('2026-01-31T10:15:30.500Z');
  });
});

describe('Open311 requests', () => {
  it('maps the lifecycle to open and closed, and back', () => {
    expect(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'].map((s) => open311Status(s as never))).toEqual(['open', 'open', 'open']);
    expect(['RESOLVED', 'REJECTED', 'CLOSED'].map((s) => open311Status(s as never))).toEqual(['closed', 'closed', 'closed']);
    expect(reportStatusesFor('closed')).toEqual(['RESOLVED', 'REJECTED', 'CLOSED']);
  });

  it('words each step of the lifecycle as servicerequestupdates does, a rejection by its reason even once closed', () => {
    const resolved = { status: 'RESOLVED' as const, reason: null };
    const rejected = (reason: string | null) => ({ status: 'REJECTED' as const, reason });
    expect(['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'].map((s) => updateStatusOf(s as never, null))).toEqual([
      'open',
      'investigating',
      'in_progress',
      'fixed',
    ]);
    expect(
      ['DUPLICATE', 'NOT_OUR_RESPONSIBILITY', 'INSUFFICIENT_INFORMATION', 'OUT_OF_SCOPE', null, 'toString'].map((r) => updateStatusOf('REJECTED', rejected(r))),
    ).toEqual(['duplicate', 'not_councils_responsibility', 'no_further_action', 'no_further_action', 'no_further_action', 'no_further_action']);
    expect(updateStatusOf('CLOSED', resolved)).toBe('closed');
    expect(updateStatusOf('CLOSED', null)).toBe('closed');
    expect(updateStatusOf('CLOSED', rejected('DUPLICATE'))).toBe('duplicate');
    // A reopened report is being worked on again, whatever ended it before.
    expect(updateStatusOf('IN_PROGRESS', rejected('DUPLICATE'))).toBe('in_progress');
  });

  it('rounds points to 0.01°, about a kilometre', () => {
    expect(coarsePoint(-10.168853, 123.601947)).toEqual({ lat: -10.17, long: 123.6 });
    expect(Object.is(coarsePoint(-0.001, 0.004).lat, 0)).toBe(true);
  });

  it('withholds tracking codes in public notes: with the prefix in any spelling, or bare with its hyphen', () => {
    const code = generateTrackingCode('KPG');
    const body = code.slice(4);
    const withhold = (note: string) => withholdTrackingCodes(note, 'KPG', 'ID');
    expect(withhold(`Sama dengan ${code}.`)).toBe('Sama dengan [kode pelacakan].');
    expect(withhold(`lihat ${code.toLowerCase()}, ${code.replaceAll('-', ' ')}, ${code.replaceAll('-', '')} dan ${body}`)).toBe(
      'lihat [kode pelacakan], [kode pelacakan], [kode pelacakan] dan [kode pelacakan]',
    );
    expect(withholdTrackingCodes(`see ${code}`, 'KPG', 'EN')).toBe('see [tracking code]');
    // The body alone opens a report too, so it goes wherever it is written with its hyphen.
    expect(withhold(`dari ${body}`)).toBe('dari [kode pelacakan]');
    expect(withhold(`ABC-${body}`)).toBe('ABC-[kode pelacakan]');
    // A wrong check symbol, a bare body without its hyphen, or plain words are no code.
    const wrong = `${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`;
    for (const note of [wrong, `sama ${body.replace('-', '')}`, body.replace('-', ' '), 'Pipa di depan pasar bocor', 'KPG-jalan-rusak']) {
      expect(withhold(note), note).toBe(note);
    }
  });

  it('takes repeated and comma-delimited parameters alike', () => {
    expect(listParam(new URLSearchParams('status=open,%20closed&status=open&status='), 'status')).toEqual(['open', 'closed', 'open']);
  });

  it('reads the language from Accept-Language, Indonesian unless English is preferred', () => {
    expect(localeOf(undefined)).toBe('ID');
    expect(localeOf('fr-FR')).toBe('ID');
    expect(localeOf('en-US,en;q=0.9')).toBe('EN');
    expect(localeOf('id;q=0.4, en;q=0.8')).toBe('EN');
    expect(localeOf('id-ID, en;q=0.5')).toBe('ID');
  });

  it('finds the resource and the format in the path', () => {
    expect(parseRoute('/open311/v2/services.xml')).toEqual({ resource: { kind: 'services' }, format: 'xml' });
    const id = '0b6f1a3e-5c2d-4e8f-9a7b-1c2d3e4f5a6b';
    expect(parseRoute(`/open311/v2/requests/${id}.json`)).toEqual({ resource: { kind: 'request', id }, format: 'json' });
    expect(parseRoute('/open311/v2/servicerequestupdates.xml')).toEqual({ resource: { kind: 'updates' }, format: 'xml' });
    expect(parseRoute('/open311/v2/tokens/a%20b.xml')).toEqual({ resource: { kind: 'token', token: 'a b' }, format: 'xml' });
    for (const path of [
      '/open311/v2/services',
      '/open311/v2/services.html',
      '/open311/v2/discovery/x.json',
      '/open311/v2/a/b/c.json',
      '/open311/v2/tokens/%E0.json',
    ]) {
      expect(parseRoute(path), path).toBeNull();
    }
  });
});

describe('Open311 XML', () => {
  it("follows the spec's shapes: lists of items, empty elements for nulls, a declaration first", () => {
    expect(render('xml', 'service_requests', [{ service_request_id: 'KPG-1', status_notes: null, lat: undefined }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n  <request>\n    <service_request_id>KPG-1</service_request_id>\n    <status_notes/>\n  </request>\n</service_requests>\n',
    );
    expect(render('xml', 'errors', [])).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors/>\n');
    expect(render('xml', 'service_definition', { service_code: 'x', attributes: [] })).toContain('<attributes/>');
    expect(render('xml', 'errors', [{ code: 400, description: 'a <b> & \u0001c' }])).toContain('<description>a &lt;b&gt; &amp; c</description>');
  });
});
