// FixMyStreet against Aduan, replayed. FixMyStreet's own Open311 client (its Perl
// Open311.pm, GetServiceRequests.pm and GetServiceRequestUpdates.pm) was run once
// against the scenario of test/support/fixmystreet.ts, and what it sent, what its XML
// parser read and what it decided were recorded in test/fixtures/open311/fixmystreet/
// poll.json. Here the same requests go to the same scenario, on PGlite and PostgreSQL,
// and each answer, read the way FixMyStreet reads XML, must give exactly what it read
// then: the import of reports with points (none while the city publishes none), and the
// update poll of `servicerequestupdates.xml` on the alias FixMyStreet uses as jurisdiction_id.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { FMS_NOW, startFixMyStreetScenario, type FixMyStreetScenario } from './support/fixmystreet.js';

interface Exchange {
  method: string;
  path: string;
  query: Record<string, string>;
  status: string;
  content_type: string;
  parsed: Record<string, Record<string, string | null>[]> | null;
}
interface Pass {
  exchanges: Exchange[];
}
interface ImportPass extends Pass {
  created: { external_id: string; latitude: string; longitude: string; state: string; lastupdate: string }[];
}
interface UpdatePass extends Pass {
  accepted: { problem: string; update_id: string; state: string; text: string | null; comment_time: string }[];
}

const recording = JSON.parse(readFileSync(new URL('./fixtures/open311/fixmystreet/poll.json', import.meta.url), 'utf8')) as {
  now: string;
  withoutPoints: ImportPass;
  withCoarsePoints: ImportPass;
  updates: UpdatePass;
  quietUpdates: UpdatePass & { succeeded: boolean };
};

// How FixMyStreet reads XML (Open311::_get_xml_object, XML::Simple): the root element is
// dropped, these elements are always lists, an empty element is undef, every value a string.
const FORCE_ARRAY = new Set(['service', 'attribute', 'value', 'request', 'error', 'request_update', 'group']);
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => FORCE_ARRAY.has(name) });
function readLikeFixMyStreet(xml: string): unknown {
  const document = parser.parse(xml) as Record<string, unknown>;
  const [root] = Object.keys(document);
  const empty = (value: unknown): unknown => {
    if (value === '') return null;
    if (Array.isArray(value)) return value.map(empty);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, empty(v)]));
    return value;
  };
  return empty(document[root!]);
}

describe.each(databaseKinds)('FixMyStreet polling Aduan on %s', (kind) => {
  let scenario: FixMyStreetScenario;

  beforeAll(async () => {
    scenario = await startFixMyStreetScenario(kind);
  });
  afterAll(async () => {
    await scenario?.close();
  });

  /** Sends a recorded request as FixMyStreet sent it; the answer must read as it read then. */
  async function replay(exchange: Exchange): Promise<any> {
    expect(new Date(recording.now)).toEqual(FMS_NOW);
    const response = await fetch(`${scenario.url}${exchange.path}?${new URLSearchParams(exchange.query)}`, { method: exchange.method });
    const text = await response.text();
    expect(String(response.status), text).toBe(exchange.status);
    expect(response.headers.get('content-type')).toBe(exchange.content_type);
    const read = scenario.label(readLikeFixMyStreet(text));
    expect(read).toEqual(exchange.parsed);
    return read;
  }

  it('imports nothing while the city publishes no points: FixMyStreet skips a request without lat and long', async () => {
    const [exchange] = recording.withoutPoints.exchanges;
    expect(exchange!.path).toBe('/open311/v2/requests.xml');
    const read = await replay(exchange!);
    expect(read.request.length).toBe(4);
    expect(read.request.some((request: any) => 'lat' in request || 'long' in request)).toBe(false);
    expect(recording.withoutPoints.created).toEqual([]);
  });

  it('imports every report of the last hour once the city publishes coarse points, a point-less one at its area', async () => {
    await scenario.publishLocations('coarse');
    const [exchange] = recording.withCoarsePoints.exchanges;
    // FixMyStreet asks for the hour before its now, in UTC, on Kupang's alias.
    expect(exchange!.query).toEqual({ start_date: '2026-11-20T02:00:00Z', end_date: '2026-11-20T03:00:00Z', jurisdiction_id: 'kupang.go.id' });
    const read = await replay(exchange!);
    const withPoints = read.request.filter((request: any) => request.service_request_id && request.lat && request.long);
    expect(withPoints.map((request: any) => request.service_request_id).sort()).toEqual(['duplicate', 'pothole', 'rubbish', 'service']);
    // What FixMyStreet made of them: one problem each, at the point it read.
    const created = recording.withCoarsePoints.created;
    expect(created.map((problem) => [problem.external_id, problem.latitude, problem.longitude]).sort()).toEqual(
      withPoints.map((request: any) => [request.service_request_id, request.lat, request.long]).sort(),
    );
    // `rubbish` was placed by address_id only: it stands at Kelurahan Oebobo's label point, rounded like every point.
    expect(withPoints.find((request: any) => request.service_request_id === 'rubbish')).toMatchObject({ lat: '-10.16', long: '123.6' });
    expect(Object.fromEntries(created.map((problem) => [problem.external_id, problem.state]))).toEqual({
      pothole: 'fixed - council',
      duplicate: 'fixed - council',
      rubbish: 'confirmed',
      service: 'confirmed',
    });
  });

  it('answers the update poll of the last two hours with every public step, oldest first, in the extension’s words', async () => {
    const [exchange] = recording.updates.exchanges;
    expect(exchange!.path).toBe('/open311/v2/servicerequestupdates.xml');
    expect(exchange!.query).toEqual({ api_key: 'demo', start_date: '2026-11-20T01:00:00Z', end_date: '2026-11-20T03:00:00Z', jurisdiction_id: 'kupang.go.id' });
    const read = await replay(exchange!);
    const updates = read.request_update as Record<string, string | null>[];
    // FixMyStreet added each update to its problem, in order, and took these states from them.
    expect(recording.updates.accepted.map((update) => update.update_id)).toEqual(updates.map((update) => update.update_id));
    expect(recording.updates.accepted.map((update) => `${update.update_id} ${update.state}`)).toEqual([
      'pothole#1 investigating',
      'duplicate#1 duplicate',
      'rubbish#1 confirmed',
      'pothole#2 in progress',
      'pothole#3 fixed - council',
      'service#1 not responsible',
      'pothole#4 fixed - council',
      'duplicate#2 duplicate',
      'service#2 in progress',
    ]);
    // The internal notes (the reporter's house, a phone number) and the report before the window are in no update.
    const text = JSON.stringify(updates);
    for (const secret of ['nomor 7', '081234567890', 'earlier', 'Tumpukan']) expect(text).not.toContain(secret);
    expect(updates.find((update) => update.update_id === 'duplicate#1')!.description).toBe('Sama dengan laporan [kode pelacakan], yang sudah kami tangani.');
    // Times in Kupang's zone, which FixMyStreet reads back to the same instants.
    expect(recording.updates.accepted.map((update) => update.comment_time)).toEqual(
      updates.map((update) => new Date(update.updated_datetime!).toISOString().replace('.000Z', 'Z')),
    );
  });

  it('answers a quiet hour with an empty list, which FixMyStreet reads as no updates', async () => {
    const [exchange] = recording.quietUpdates.exchanges;
    expect(await replay(exchange!)).toBeNull();
    expect(recording.quietUpdates).toMatchObject({ accepted: [], succeeded: true });
  });
});
