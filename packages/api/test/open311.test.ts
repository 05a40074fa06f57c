// Open311 GeoReport v2 over a real socket: every answer, in JSON and in XML, is
// checked against src/open311/open311.schema.json, and the XML, read back by the
// spec's own mapping, must equal the JSON. Every GET answer of the run is kept and
// finally searched for the tracking code of every report in the database: only the
// POST answer may hold one. On PGlite and PostgreSQL.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request as httpRequest, type Server } from 'node:http';
import { generateTrackingCode } from '@aduan/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportChanges, type ReportChange } from '../src/events/report-changes.js';
import { publicLocationSetting } from '../src/open311/index.js';
import { createOpen311Key, revokeOpen311Key } from '../src/open311/keys.js';
import schemaDocument from '../src/open311/open311.schema.json' with { type: 'json' };
import updatesSchemaDocument from '../src/open311/servicerequestupdates.schema.json' with { type: 'json' };
import { createHttpServer } from '../src/server/http-server.js';
import { createTestAduan, KUPANG, ORIGIN, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { signedInStaff } from './support/staff.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }));
ajv.addSchema(schemaDocument);
ajv.addSchema(updatesSchemaDocument);

type Shape = 'discovery' | 'services' | 'serviceDefinition' | 'requestCreated' | 'token' | 'serviceRequests' | 'errors' | 'updates';

function expectShape(shape: Shape, body: unknown, label: string): void {
  // servicerequestupdates has a schema of its own, beside schema.json.
  const validate = ajv.getSchema(shape === 'updates' ? updatesSchemaDocument.$id : `${schemaDocument.$id}#/$defs/${shape}`)!;
  const ok = validate(body);
  expect(ok, `${label}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`).toBe(true);
}

// The spec's JSON is a mapping of its XML ("Spark convention"); this reads XML back by it.
const LISTS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};
const ITEMS = new Set(Object.values(LISTS));
const BOOLEANS = new Set(['metadata', 'variable', 'required']);
const NUMBERS = new Set(['lat', 'long', 'order']);
const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (name) => ITEMS.has(name) });

function spark(name: string, node: unknown, parent: string | null): unknown {
  if (name in LISTS) {
    if (node === '') return [];
    const items = (node as Record<string, unknown[]>)[LISTS[name]!] ?? [];
    return items.map((item) => spark(LISTS[name]!, item, name));
  }
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, spark(key, value, name)]));
  }
  const text = String(node);
  if (text === '') return null;
  if (BOOLEANS.has(name)) return text === 'true' ? true : text === 'false' ? false : text;
  if (NUMBERS.has(name) || (name === 'code' && parent === 'error')) return Number(text);
  return text;
}

function fromXml(text: string): { root: string; body: unknown } {
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const document = parser.parse(text) as Record<string, unknown>;
  const [root, ...others] = Object.keys(document);
  expect(others).toEqual([]);
  return { root: root!, body: spark(root!, document[root!], null) };
}

const XML_ROOT: Record<Shape, string> = {
  discovery: 'discovery',
  services: 'services',
  serviceDefinition: 'service_definition',
  requestCreated: 'service_requests',
  token: 'service_requests',
  serviceRequests: 'service_requests',
  errors: 'errors',
  updates: 'service_request_updates',
};

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

const TRACKING_CODE = /\b[A-Z]{2,6}-[0-9A-Z]{5}-[0-9A-Z]{5}\b/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Date windows GET requests and servicerequestupdates both refuse with a 400, and the field each names. */
const BAD_WINDOWS: [query: string, field: string][] = [
  ['start_date=yesterday', 'start_date'],
  ['end_date=2026-02-30', 'end_date'],
  ['start_date=2026-11-01T00:00:00', 'start_date'], // no zone
  ['start_date=2026-11-10T00:00:00Z&end_date=2026-11-01T00:00:00Z', 'start_date'], // ends before it starts
  ['start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z', 'end_date'], // over 90 days
];

/** The tracking code a POST answer hands to the person filing, in its service_notice. */
function codeOf(answer: Answer): string {
  const code = TRACKING_CODE.exec(answer.body[0].service_notice ?? '')?.[0];
  expect(code, answer.text).toBeDefined();
  return code!;
}

/**
 * Where any of `codes` appears in `texts`: written whole, or its ten symbols with or
 * without the hyphen, in any case. Each text is read once, whatever the number of codes.
 */
function trackingCodesIn(texts: readonly { label: string; text: string }[], codes: readonly string[]): string[] {
  const symbols = new Set(codes.map((code) => code.slice(-11).replace('-', '')));
  const found: string[] = [];
  for (const { label, text } of texts) {
    for (const match of text.toUpperCase().matchAll(/(?=([0-9A-Z]{5})-?([0-9A-Z]{5}))/g)) {
      if (symbols.has(`${match[1]}${match[2]}`)) found.push(`${label}: ${match[1]}-${match[2]}`);
    }
  }
  return found;
}

describe.each(databaseKinds)('Open311 GeoReport v2 on %s', (kind) => {
  let aduan: TestAduan;
  let server: Server;
  let url: string;
  let clock = new Date('2026-11-20T02:00:00Z');
  let publicUrl: string | null = null;
  const published: ReportChange[] = [];
  /** Every GET answer of the run, searched for tracking codes at the end. */
  const reads: { label: string; text: string }[] = [];

  beforeAll(async () => {
    const changes = new ReportChanges();
    changes.subscribe((change) => void published.push(change));
    aduan = await createTestAduan(kind, { now: () => clock, changes });
    // The integration's secret key: filing needs it (the site's own key only reads).
    valid.api_key = (await createOpen311Key(aduan.test.database.prisma, { site: 'demo', name: 'test-client' })).key;
    server = createHttpServer({
      readiness: { check: async () => true },
      graphql: () => aduan.yoga,
      // As `aduan serve` does: ADUAN_PUBLIC_URL, else this server on localhost.
      open311: () => ({ ...aduan.open311, publicUrl: publicUrl ?? url }),
      staticDirs: { widgetDir: null, demoDir: null },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await aduan?.close();
  });

  const prisma = () => aduan.test.database.prisma;

  async function call(path: string, init: RequestInit = {}): Promise<Answer> {
    const response = await fetch(`${url}/open311/v2/${path}`, init);
    const text = await response.text();
    if ((init.method ?? 'GET') === 'GET') reads.push({ label: `GET ${path} ${response.status}`, text });
    const isJson = response.headers.get('content-type')?.startsWith('application/json');
    return { status: response.status, headers: response.headers, text, body: isJson ? JSON.parse(text) : fromXml(text).body };
  }

  /** GETs `path.json` and `path.xml`; both must have `status`, fit `shape`, and say the same. Returns the JSON. */
  async function both(path: string, shape: Shape, status = 200, headers: Record<string, string> = {}): Promise<any> {
    const [base, query = ''] = path.split('?');
    const suffix = query ? `?${query}` : '';
    const json = await call(`${base}.json${suffix}`, { headers });
    const xml = await call(`${base}.xml${suffix}`, { headers });
    expect(json.status, json.text).toBe(status);
    expect(xml.status, xml.text).toBe(status);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expectShape(shape, json.body, `${path}.json`);
    expectShape(shape, xml.body, `${path}.xml`);
    expect(fromXml(xml.text).root).toBe(XML_ROOT[shape]);
    expect(xml.body).toEqual(json.body);
    return json.body;
  }

  function post(format: 'json' | 'xml', body: Record<string, string> | string, headers: Record<string, string> = {}) {
    return call(`requests.${format}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : new URLSearchParams(body),
      headers: typeof body === 'string' ? { 'content-type': 'application/x-www-form-urlencoded', ...headers } : headers,
    });
  }

  /** POSTs in both formats (the XML one differing only in its description); both must be refused alike and store nothing. */
  async function refused(fields: Record<string, string>, status: number, mentions: string, headers: Record<string, string> = {}) {
    const before = await aduan.counts();
    for (const format of ['json', 'xml'] as const) {
      const answer = await post(format, fields, headers);
      expect(answer.status, answer.text).toBe(status);
      expectShape('errors', answer.body, `POST requests.${format}`);
      expect(answer.body[0].code).toBe(status);
      expect(answer.body.map((e: { description: string }) => e.description).join(' ')).toContain(mentions);
    }
    expect(await aduan.counts()).toEqual(before);
  }

  const valid = {
    api_key: 'demo',
    service_code: 'jalan-rusak',
    lat: String(KUPANG.oebobo.lat),
    long: String(KUPANG.oebobo.lng),
    description: 'Jalan berlubang di depan pasar',
  };

  it('serves discovery, pointing at itself, in both formats', async () => {
    const body = await both('discovery', 'discovery');
    expect(body.endpoints).toEqual([
      expect.objectContaining({
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${url}/open311/v2`,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      }),
    ]);
    expect(body.changeset).toMatch(/\+08:00$/);
  });

  it('never makes a link from the Host header', async () => {
    const { port } = new URL(url);
    const text = await new Promise<string>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path: '/open311/v2/discovery.json', headers: { host: 'evil.example' } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk));
        response.on('end', () => resolve(body));
      })
        .on('error', reject)
        .end();
    });
    expect(text).toContain(`${url}/open311/v2`);
    expect(text).not.toContain('evil.example');
  });

  it('lists the active categories as realtime services without metadata, in the language asked for', async () => {
    const indonesian = await both('services', 'services');
    const english = await both('services', 'services', 200, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(indonesian.length).toBe(await prisma().category.count({ where: { active: true } }));
    expect(indonesian.find((s: any) => s.service_code === 'jalan-rusak')).toEqual({
      service_code: 'jalan-rusak',
      service_name: 'Jalan rusak atau berlubang',
      description: 'Lubang, retakan atau aspal terkelupas di jalan kota.',
      metadata: false,
      type: 'realtime',
      keywords: 'jalan, lubang, aspal, berlubang, pothole, road',
      group: 'Jalan dan Drainase',
    });
    expect(english.find((s: any) => s.service_code === 'jalan-rusak').service_name).toBe('Damaged road or pothole');
  });

  it('defines each service with no attributes, since categories ask no extra questions', async () => {
    expect(await both('services/jalan-rusak', 'serviceDefinition')).toEqual({ service_code: 'jalan-rusak', attributes: [] });
    const unknown = await both('services/no-such-thing', 'errors', 404);
    expect(unknown[0].description).toContain('service_code');
  });

  it("takes the spec's example request as a generic client sends it, through intake, and answers the report's id at once", async () => {
    const before = await aduan.counts();
    const example = readFileSync(new URL('./fixtures/open311/spec-example-request.txt', import.meta.url), 'utf8');
    const answer = await post('xml', example.replace('api_key=demo', `api_key=${encodeURIComponent(valid.api_key)}`));
    expect(answer.status, answer.text).toBe(200);
    expectShape('requestCreated', answer.body, 'POST requests.xml');
    const [{ service_request_id: id, service_notice: notice, account_id }] = answer.body;
    expect(id).toMatch(UUID);
    expect(account_id).toBeNull();
    // The filer's resident key, shown this once; the server keeps only its hash.
    const residentKey = answer.body[0].resident_key as string;
    expect(residentKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(await prisma().residentKey.findMany({ where: { reportId: id } }))).not.toContain(residentKey);
    expect(await aduan.counts()).toEqual({ ...before, reports: before.reports + 1, events: before.events + 1 });

    // Stored like submitReport stores it: contact for the agency, the URL kept in the description, routed by the point.
    const report = await prisma().report.findUniqueOrThrow({ where: { id } });
    // The notice names the agency and its deadline, then gives the filer the tracking code and where to follow it.
    const code = codeOf(answer);
    expect(code).toBe(report.trackingCode);
    expect(notice).toMatch(/^Ditangani oleh .*Kupang; tanggapan diharapkan paling lambat .+\. Kode pelacakan KPG-/);
    expect(notice.endsWith(`ikuti laporan di ${url}/?code=${code}`)).toBe(true);
    expect(report).toMatchObject({
      reporterName: 'Yohanes Ndun',
      reporterEmail: 'yohanes.ndun@example.id',
      reporterPhone: '081234567890',
      placeText: 'Jl. Frans Seda No. 7, Oebobo',
      jurisdictionCode: '53.71.04.1001',
      routingMethod: 'POINT',
      submittedAt: clock,
      status: 'RECEIVED',
    });
    expect(report.description).toBe('Jalan berlubang besar di depan rumah nomor 7\n\nmedia_url: https://example.id/foto/jalan.jpg');
    expect(published.filter((c) => c.kind === 'SUBMITTED' && c.report.id === id)).toHaveLength(1);

    // The same report through the public GraphQL status.
    const status = await aduan.gql<{ reportStatus: any }>(
      'query($c: String!) { reportStatus(trackingCode: $c) { trackingCode status dueAt agency { name } category { code } area { code } } }',
      { c: code.toLowerCase() },
    );
    expect(status.data!.reportStatus).toMatchObject({
      trackingCode: code,
      status: 'RECEIVED',
      category: { code: 'jalan-rusak' },
      area: { code: '53.71.04.1001' },
    });
    const [request] = await both(`requests/${id}`, 'serviceRequests');
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: null,
      service_code: 'jalan-rusak',
      service_name: 'Jalan rusak atau berlubang',
      description: null,
      agency_responsible: status.data!.reportStatus.agency.name,
      service_notice: notice.slice(0, notice.indexOf(' Kode pelacakan')),
      requested_datetime: '2026-11-20T10:00:00+08:00',
      updated_datetime: '2026-11-20T10:00:00+08:00',
      address: 'Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang',
      address_id: '53.71.04.1001',
      zipcode: null,
    });
    expect(new Date(request.expected_datetime).getTime()).toBe(new Date(status.data!.reportStatus.dueAt).getTime());
    expect(request.expected_datetime).toMatch(/\+08:00$/);
  });

  it('takes JSON and multipart bodies too, and places a report by address_id or by the names in address_string', async () => {
    const json = await call('requests.json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...valid, lat: KUPANG.namosain.lat, long: KUPANG.namosain.lng }),
    });
    expect(json.status, json.text).toBe(200);
    const form = new FormData();
    for (const [key, value] of Object.entries({ ...valid, lat: '', long: '', address_id: '53.71.04.1001' })) form.append(key, value);
    const multipart = await call('requests.json', { method: 'POST', body: form });
    expect(multipart.status, multipart.text).toBe(200);
    const named = await post('json', { ...valid, lat: '', long: '', address_string: 'Jl. Adisucipto, Oesapa Barat, Kelapa Lima' });
    expect(named.status, named.text).toBe(200);
    const noPlaceNeeded = await post('json', { ...valid, service_code: 'layanan-publik', lat: '', long: '' });
    expect(noPlaceNeeded.status, noPlaceNeeded.text).toBe(200);

    const area = async (answer: Answer) => (await prisma().report.findUniqueOrThrow({ where: { id: answer.body[0].service_request_id } })).jurisdictionCode;
    expect(await area(json)).toBe('53.71.01.1001');
    expect(await area(multipart)).toBe('53.71.04.1001');
    expect(await area(named)).toBe('53.71.03.1014');
    expect(await area(noPlaceNeeded)).toBe('53.71');
  });

  it('returns the same request for a repeated Idempotency-Key, stored and announced once', async () => {
    const before = await aduan.counts();
    const headers = { 'idempotency-key': 'open311-retry-0001' };
    const first = await post('json', valid, headers);
    const second = await post('xml', valid, headers);
    expect(first.body[0].resident_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.body[0]).toEqual({ ...first.body[0], resident_key: null }); // the key is shown once
    expect((await aduan.counts()).reports).toBe(before.reports + 1);
    expect(published.filter((c) => c.report.id === first.body[0].service_request_id)).toHaveLength(1);
    // Another request under the same key is refused (409) and learns nothing of the first.
    const other = await post('json', { ...valid, description: 'Pohon tumbang menutup jalan' }, headers);
    expect(other.status).toBe(409);
    expectShape('errors', other.body, '409');
    expect(other.text).not.toContain(first.body[0].service_request_id);
    expect((await aduan.counts()).reports).toBe(before.reports + 1);
  });

  it('resolves a service_request_id used as a token, since every request is realtime', async () => {
    const id = (await post('json', valid)).body[0].service_request_id;
    expect(await both(`tokens/${id}`, 'token')).toEqual([{ service_request_id: id, token: id }]);
    const unknown = await both('tokens/KPG-00000-00000', 'errors', 404);
    expect(unknown[0].description).toContain('token');
  });

  it('knows a report only by its id: a tracking code where an id belongs is unknown, in every spelling', async () => {
    const answer = await post('json', valid);
    const id = answer.body[0].service_request_id as string;
    const code = codeOf(answer);
    expect((await both(`requests/${id.toUpperCase()}`, 'serviceRequests'))[0].service_request_id).toBe(id);
    for (const spelling of [code, code.toLowerCase(), code.slice(4), code.replaceAll('-', ' ')]) {
      const path = encodeURIComponent(spelling);
      const request = await both(`requests/${path}`, 'errors', 404);
      expect(request[0].description).toMatch(/^service_request_id: /);
      expect((await both(`tokens/${path}`, 'errors', 404))[0].description).toMatch(/^token: /);
      expect(await both(`requests?service_request_id=${path}`, 'serviceRequests')).toEqual([]);
    }
    // The same answer for a code that exists as for one that does not.
    const made = (await both(`requests/${code}`, 'errors', 404))[0];
    const guessed = (await both(`requests/KPG-00000-00000`, 'errors', 404))[0];
    expect(made).toEqual(guessed);
    expect(made.description).not.toContain(code);
  });

  it('points the filer at ADUAN_PUBLIC_URL when it is set, in the language asked for', async () => {
    publicUrl = 'https://aduan.kupangkota.go.id'; // ADUAN_PUBLIC_URL, as the service hands it over
    try {
      const answer = await post('json', valid, { 'accept-language': 'en' });
      expect(answer.status, answer.text).toBe(200);
      const code = codeOf(answer);
      expect(answer.body[0].service_notice).toMatch(/^Handled by .+; a response is expected by .+\. Tracking code KPG-/);
      expect(answer.body[0].service_notice.endsWith(`follow the report at https://aduan.kupangkota.go.id/?code=${code}`)).toBe(true);
      expect((await both('discovery', 'discovery')).contact).toContain('https://aduan.kupangkota.go.id/?code=');
    } finally {
      publicUrl = null;
    }
  });

  it('refuses a missing or unknown api_key, the public site key, a revoked key and a page no site allows with 403, storing nothing', async () => {
    const { api_key: _omitted, ...withoutKey } = valid;
    await refused(withoutKey, 403, 'api_key');
    await refused({ ...valid, api_key: 'not-a-site' }, 403, 'api_key');
    await refused({ ...valid, api_key: 'o311_made-up' }, 403, 'api_key');
    // The site's own key is in every page that embeds the widget: it reads, it never files.
    const publicKey = await post('json', { ...valid, api_key: 'demo' }, { 'accept-language': 'en' });
    expect(publicKey.status).toBe(403);
    expect(publicKey.body[0].description).toMatch(/public and reads only/);
    await refused(valid, 403, 'api_key', { origin: 'https://evil.example' });
    const prisma = aduan.test.database.prisma;
    const { key: revoked } = await createOpen311Key(prisma, { site: 'demo', name: 'old-crm' });
    expect((await post('json', { ...valid, api_key: revoked })).status).toBe(200);
    await revokeOpen311Key(prisma, { site: 'demo', name: 'old-crm' });
    await refused({ ...valid, api_key: revoked }, 403, 'api_key');
    expect(JSON.stringify(await prisma.open311Key.findMany())).not.toContain(revoked.slice(5));
  });

  it('refuses an unknown service with 404 and bad fields with 400 naming them, storing nothing', async () => {
    await refused({ ...valid, service_code: 'no-such-thing' }, 404, 'service_code');
    const { service_code: _omitted, ...withoutService } = valid;
    await refused(withoutService, 400, 'service_code');
    await refused({ ...valid, lat: '', long: '' }, 400, 'lat/long');
    await refused({ ...valid, long: '' }, 400, 'long');
    await refused({ ...valid, lat: 'north' }, 400, 'lat');
    await refused({ ...valid, lat: '95' }, 400, 'lat');
    await refused({ ...valid, lat: String(KUPANG.sea.lat), long: String(KUPANG.sea.lng) }, 400, 'lat/long');
    await refused({ ...valid, description: 'abc' }, 400, 'description');
    await refused({ ...valid, description: '' }, 400, 'description');
    await refused({ ...valid, email: 'not-an-address' }, 400, 'email');
    await refused({ ...valid, media_url: 'javascript:alert(1)' }, 400, 'media_url');
    await refused({ ...valid, address_id: '53.71.04.1001' }, 400, 'address_id');
    await refused({ ...valid, lat: '', long: '', address_id: '99.99.99.9999' }, 400, 'address_id');
    await refused({ ...valid, lat: '', long: '', address_string: 'Jl. Tidak Dikenal 12' }, 400, 'address_string');
    await refused({ ...valid, lat: '', long: '', address_string: 'antara Namosain dan Liliba' }, 400, 'address_string');
    await refused({ ...valid, jurisdiction_id: '99' }, 404, 'jurisdiction_id');
  });

  it('refuses bodies it cannot read with 400 or 413, and methods a resource does not take with 405', async () => {
    const plain = await call('requests.json', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'api_key=demo' });
    expect(plain.status).toBe(400);
    expectShape('errors', plain.body, 'text/plain');
    const broken = await call('requests.xml', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"api_key":' });
    expect(broken.status).toBe(400);
    expectShape('errors', broken.body, 'bad JSON');
    const large = await post('json', { ...valid, description: 'x'.repeat(70_000) });
    expect(large.status).toBe(413);
    expectShape('errors', large.body, 'large');
    const deleted = await call('services.json', { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toBe('GET, HEAD');
    expectShape('errors', deleted.body, 'DELETE');
  });

  it('answers unknown paths with 404, in XML when no format is given', async () => {
    const json = await call('nothing-here.json');
    expect(json.status).toBe(404);
    expectShape('errors', json.body, 'nothing-here.json');
    const bare = await call('services');
    expect(bare.status).toBe(404);
    expect(bare.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    expectShape('errors', bare.body, 'services');
    await both('requests/KPG-00000-00000', 'errors', 404);
    await both('requests/not-an-id', 'errors', 404);
    await both('requests/00000000-0000-4000-8000-000000000000', 'errors', 404);
  });

  it('never shows who reported, what they wrote, where exactly, or their devices; a coarse point only when the city opts in', async () => {
    const secrets = {
      first_name: 'Quirinus',
      last_name: 'Zwanikken',
      email: 'quirinus.zwanikken@example.id',
      phone: '+6281377788899',
      device_id: 'DEVICE-7Q3-ZX',
      account_id: 'ACCOUNT-55501',
      description: 'Lubang menganga di depan rumah keluarga Zwanikken, nomor 42',
      address_string: 'Gang Kenari Tersembunyi 42',
      media_url: 'https://example.id/foto/zwanikken.jpg',
    };
    const exact = { lat: '-10.168853', long: '123.601947' };
    const filed = await post('json', { ...valid, ...exact, ...secrets });
    const id = filed.body[0].service_request_id as string;
    const leaks = [...Object.values(secrets), 'Quirinus', 'Zwanikken', '81377788899', 'Kenari', '168853', '601947', codeOf(filed)];
    const everything = async () => {
      const paths = ['requests', `requests/${id}`, `requests?service_request_id=${id}`, `tokens/${id}`];
      const texts: string[] = [];
      for (const path of paths) {
        const [base, query] = path.split('?');
        for (const format of ['json', 'xml']) texts.push((await call(`${base}.${format}${query ? `?${query}` : ''}`)).text);
      }
      return texts.join('\n').toLowerCase();
    };
    const shown = (await both(`requests/${id}`, 'serviceRequests'))[0];
    expect(shown).not.toHaveProperty('lat');
    expect(shown).not.toHaveProperty('long');
    expect(shown).not.toHaveProperty('media_url');
    const hidden = async () => {
      const text = await everything();
      for (const leak of leaks) expect(text).not.toContain(leak.toLowerCase());
    };
    await hidden();

    await prisma().setting.upsert({
      where: { key: publicLocationSetting('53.71') },
      create: { key: publicLocationSetting('53.71'), value: 'coarse' },
      update: { value: 'coarse' },
    });
    try {
      const [coarse] = await both(`requests/${id}`, 'serviceRequests');
      expect({ lat: coarse.lat, long: coarse.long }).toEqual({ lat: -10.17, long: 123.6 });
      const listed = (await both('requests', 'serviceRequests')).find((r: any) => r.service_request_id === id);
      expect(listed).toMatchObject({ lat: -10.17, long: 123.6 });
      // A report placed by name stands at its kelurahan's label point, rounded the same way (clients skip a request without one).
      const named = (await post('json', { ...valid, lat: '', long: '', address_id: '53.71.04.1001' })).body[0].service_request_id;
      expect((await both(`requests/${named}`, 'serviceRequests'))[0]).toMatchObject({ lat: -10.16, long: 123.6 });
      await hidden();
    } finally {
      await prisma().setting.update({ where: { key: publicLocationSetting('53.71') }, data: { value: 'none' } });
    }
    expect((await both(`requests/${id}`, 'serviceRequests'))[0]).not.toHaveProperty('lat');
  });

  it('shows a status change made through the workflow as closed, with the public note and its time', async () => {
    const filed = await post('json', valid);
    const id = filed.body[0].service_request_id as string;
    const code = codeOf(filed);
    const { data } = await aduan.gql<{ reportStatus: { agency: { slug: string } } }>(
      'query($c: String!) { reportStatus(trackingCode: $c) { agency { slug } } }',
      { c: code },
    );
    const staff = await signedInStaff(aduan, { agency: data!.reportStatus.agency.slug, email: 'petugas@open311.test', role: 'STAFF', name: 'Petugas' });
    const update = async (status: string, publicNote?: string, internalNote?: string) => {
      const result = await aduan.gql<{ updateReportStatus: { __typename: string } }>(
        'mutation($i: UpdateReportStatusInput!) { updateReportStatus(input: $i) { __typename } }',
        { i: { trackingCode: code, status, publicNote, internalNote } },
        staff.headers,
      );
      expect(result.data?.updateReportStatus.__typename, JSON.stringify(result)).toBe('ReportUpdated');
    };
    clock = new Date('2026-11-20T05:00:00Z');
    await update('ACKNOWLEDGED', 'Sudah kami terima.', 'Pelapor tinggal di rumah nomor 7');
    let [request] = await both(`requests/${id}`, 'serviceRequests');
    expect(request).toMatchObject({ status: 'open', status_notes: 'Sudah kami terima.', updated_datetime: '2026-11-20T13:00:00+08:00' });
    await update('IN_PROGRESS');
    clock = new Date('2026-11-20T09:30:00Z'); // within the staff session's 12 hours
    await update('RESOLVED', 'Lubang sudah ditambal.');
    [request] = await both(`requests/${id}`, 'serviceRequests');
    expect(request).toMatchObject({
      status: 'closed',
      status_notes: 'Lubang sudah ditambal.',
      service_notice: null,
      updated_datetime: '2026-11-20T17:30:00+08:00',
    });
    expect(JSON.stringify(request)).not.toContain('nomor 7');
    const closed = await both('requests?status=closed', 'serviceRequests');
    expect(closed.map((r: any) => r.service_request_id)).toEqual([id]);
    const open = await both('requests?status=open', 'serviceRequests');
    expect(open.map((r: any) => r.service_request_id)).not.toContain(id);
    expect((await both('requests?status=open,closed', 'serviceRequests')).length).toBe(open.length + 1);
  });

  it("follows every public step of a report through servicerequestupdates (mySociety's extension), never an internal one", async () => {
    clock = new Date('2026-11-21T01:00:00Z');
    const filed = await post('json', valid);
    const id = filed.body[0].service_request_id as string;
    const code = codeOf(filed);
    const other = codeOf(await post('json', valid));
    const { data } = await aduan.gql<{ reportStatus: { agency: { slug: string } } }>(
      'query($c: String!) { reportStatus(trackingCode: $c) { agency { slug } } }',
      {
        c: code,
      },
    );
    const staff = await signedInStaff(aduan, { agency: data!.reportStatus.agency.slug, email: 'petugas-updates@open311.test', role: 'STAFF', name: 'Petugas' });
    const act = async (mutation: 'updateReportStatus' | 'addReportNote', input: Record<string, string>, at: string) => {
      clock = new Date(at);
      const inputType = mutation === 'updateReportStatus' ? 'UpdateReportStatusInput' : 'AddReportNoteInput';
      const result = await aduan.gql<Record<string, { __typename: string }>>(
        `mutation($i: ${inputType}!) { ${mutation}(input: $i) { __typename } }`,
        { i: { trackingCode: code, ...input } },
        staff.headers,
      );
      expect(result.data?.[mutation]?.__typename, JSON.stringify(result)).toBe('ReportUpdated');
    };
    await act(
      'updateReportStatus',
      { status: 'ACKNOWLEDGED', publicNote: 'Sudah kami terima.', internalNote: 'Pelapor tinggal di rumah nomor 7' },
      '2026-11-21T01:10:00Z',
    );
    await act('addReportNote', { internalNote: 'Telepon pelapor: 081377788899' }, '2026-11-21T01:20:00Z');
    await act('updateReportStatus', { status: 'RESOLVED', publicNote: `Sama dengan ${other}; lubang sudah ditambal.` }, '2026-11-21T01:30:00Z');

    const window = 'start_date=2026-11-21T09:00:00%2B08:00&end_date=2026-11-21T10:00:00%2B08:00';
    const updates = (await both(`servicerequestupdates?${window}`, 'updates')).filter((u: any) => u.service_request_id === id);
    expect(updates.map(({ update_id: _id, ...update }: any) => update)).toEqual([
      {
        service_request_id: id,
        status: 'investigating',
        description: 'Sudah kami terima.',
        updated_datetime: '2026-11-21T09:10:00+08:00',
        external_status_code: 'ACKNOWLEDGED',
      },
      // RESOLVED from ACKNOWLEDGED passes IN_PROGRESS: two steps at one time, the note on the last.
      { service_request_id: id, status: 'in_progress', description: null, updated_datetime: '2026-11-21T09:30:00+08:00', external_status_code: 'IN_PROGRESS' },
      {
        service_request_id: id,
        status: 'fixed',
        description: 'Sama dengan [kode pelacakan]; lubang sudah ditambal.',
        updated_datetime: '2026-11-21T09:30:00+08:00',
        external_status_code: 'RESOLVED',
      },
    ]);
    // update_id is the ledger's event: the public steps after the first, in their order, the same on every read.
    const events = await prisma().reportEvent.findMany({
      where: { reportId: id, kind: { in: ['STATUS_CHANGED', 'PUBLIC_NOTE', 'REROUTED'] } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    expect(updates.map((u: any) => u.update_id)).toEqual(events.map((e) => String(e.id)));
    const again = await both(`servicerequestupdates?${window}&api_key=demo&jurisdiction_id=53.71`, 'updates', 200, { 'accept-language': 'en' });
    expect(again.filter((u: any) => u.service_request_id === id).map((u: any) => u.update_id)).toEqual(updates.map((u: any) => u.update_id));
    expect(again.find((u: any) => u.external_status_code === 'RESOLVED' && u.service_request_id === id).description).toBe(
      'Sama dengan [tracking code]; lubang sudah ditambal.',
    );
    // Without dates: the last 90 days, oldest first. Internal notes are in no answer.
    const recent = await both('servicerequestupdates', 'updates');
    expect(recent.slice(-3).map((u: any) => u.service_request_id)).toEqual([id, id, id]);
    const times = recent.map((u: any) => Date.parse(u.updated_datetime));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const text = JSON.stringify(recent).toLowerCase();
    for (const secret of ['nomor 7', '081377788899', code.toLowerCase(), other.toLowerCase()]) expect(text).not.toContain(secret);
    // A window that closes before the first step holds none of them.
    const before = await both('servicerequestupdates?start_date=2026-11-21T09:00:00%2B08:00&end_date=2026-11-21T09:09:59%2B08:00', 'updates');
    expect(before.filter((u: any) => u.service_request_id === id)).toEqual([]);
  });

  it('answers at most 1000 updates: from start_date the first, without it the latest, oldest first either way', async () => {
    const id = (await post('json', valid)).body[0].service_request_id as string;
    const february = Date.parse('2026-02-01T00:00:00Z');
    await prisma().reportEvent.createMany({
      data: Array.from({ length: 1001 }, (_, i) => ({
        reportId: id,
        kind: 'PUBLIC_NOTE' as const,
        at: new Date(february + i * 60_000),
        status: 'RECEIVED' as const,
        actor: 'staff',
        publicNote: `Catatan ${i}`,
      })),
    });
    const first = await both('servicerequestupdates?start_date=2026-02-01&end_date=2026-03-01', 'updates');
    expect(first).toHaveLength(1000);
    expect([first[0].description, first[999].description]).toEqual(['Catatan 0', 'Catatan 999']);
    const latest = await both('servicerequestupdates?end_date=2026-03-01', 'updates');
    expect(latest).toHaveLength(1000);
    expect([latest[0].description, latest[999].description]).toEqual(['Catatan 1', 'Catatan 1000']);
    // A client that got 1000 asks again from the last one's time (and drops the update it already has).
    const next = await both(`servicerequestupdates?start_date=${encodeURIComponent(first[999].updated_datetime)}&end_date=2026-03-01`, 'updates');
    expect(next.map((u: any) => u.description)).toEqual(['Catatan 999', 'Catatan 1000']);
    expect(next[0].update_id).toBe(first[999].update_id);
  });

  it('refuses bad dates and jurisdictions in servicerequestupdates with the field named, and takes no POST', async () => {
    const bad = async (query: string, status: number, field: string) => {
      const errors = await both(`servicerequestupdates?${query}`, 'errors', status);
      expect(errors[0].description).toContain(field);
    };
    for (const [query, field] of BAD_WINDOWS) await bad(query, 400, field);
    await bad('jurisdiction_id=99.99', 404, 'jurisdiction_id');
    await bad('jurisdiction_id=kota-lain.go.id', 404, 'jurisdiction_id');
    const posted = await call('servicerequestupdates.xml', { method: 'POST', body: new URLSearchParams({ api_key: valid.api_key }) });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
    expectShape('errors', posted.body, 'POST servicerequestupdates');
  });

  it('withholds the tracking codes a public note quotes, and only those', async () => {
    const filed = await post('json', valid);
    const id = filed.body[0].service_request_id as string;
    const own = codeOf(filed);
    const other = codeOf(await post('json', valid));
    const publicNote = `Sama dengan laporan ${other} (juga ${other.toLowerCase()}, ${other.slice(4)}); lihat ${own}. Pipa di depan pasar sudah diperiksa.`;
    await prisma().reportEvent.create({ data: { reportId: id, kind: 'PUBLIC_NOTE', at: clock, status: 'RECEIVED', actor: 'staff', publicNote } });
    const [indonesian] = await both(`requests/${id}`, 'serviceRequests');
    expect(indonesian.status_notes).toBe(
      'Sama dengan laporan [kode pelacakan] (juga [kode pelacakan], [kode pelacakan]); lihat [kode pelacakan]. Pipa di depan pasar sudah diperiksa.',
    );
    const [english] = await both(`requests/${id}`, 'serviceRequests', 200, { 'accept-language': 'en' });
    expect(english.status_notes).toContain('Sama dengan laporan [tracking code] (juga [tracking code]');
  });

  it('lists the last 90 days by default, newest first, at most 1000, and lets dates, services and ids narrow it', async () => {
    const db = prisma();
    const [site, category, agency] = await Promise.all([
      db.site.findUniqueOrThrow({ where: { key: 'demo' } }),
      db.category.findUniqueOrThrow({ where: { cityCode_code: { cityCode: '53.71', code: 'sampah' } } }),
      db.agency.findFirstOrThrow(),
    ]);
    // 1,001 reports in January 2026, one a minute, written directly: far outside the default window.
    const january = Date.parse('2026-01-10T00:00:00Z');
    await db.report.createMany({
      data: Array.from({ length: 1001 }, (_, i) => ({
        trackingCode: generateTrackingCode('KPG'),
        siteId: site.id,
        categoryId: category.id,
        agencyId: agency.id,
        jurisdictionCode: '53.71.04.1001',
        description: 'Sampah belum diangkut',
        routingMethod: 'NAMED' as const,
        routingReason: 'test',
        routingDecision: {},
        submittedAt: new Date(january + i * 60_000),
        dueAt: new Date(january + i * 60_000 + 72 * 3_600_000),
      })),
    });

    const recent = await both('requests', 'serviceRequests');
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((r: any) => r.requested_datetime >= '2026-08-22')).toBe(true);
    const times = recent.map((r: any) => Date.parse(r.requested_datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const window = await both('requests?start_date=2026-01-01T00:00:00Z&end_date=2026-02-01', 'serviceRequests');
    expect(window).toHaveLength(1000);
    expect(window[0].requested_datetime).toBe('2026-01-11T00:40:00+08:00'); // the newest: 1,000 minutes after the first
    expect(window.every((r: any) => r.service_code === 'sampah' && r.agency_responsible === agency.name)).toBe(true);

    // Only start_date: 90 days from it. Only end_date: 90 days up to it (the whole day, in Kupang time).
    expect(await both('requests?start_date=2026-01-11T00:00:00%2B08:00', 'serviceRequests')).toHaveLength(41);
    expect(await both('requests?end_date=2026-01-10T08:05:00%2B08:00', 'serviceRequests')).toHaveLength(6);
    expect(await both('requests?start_date=2026-01-01&end_date=2026-02-01&service_code=jalan-rusak', 'serviceRequests')).toEqual([]);

    // service_request_id overrides every other argument.
    const stored = await db.report.findUniqueOrThrow({ where: { id: window[7].service_request_id }, select: { trackingCode: true } });
    const picked = [window[5].service_request_id, window[999].service_request_id.toUpperCase(), 'KPG-00000-00000', stored.trackingCode];
    const byId = await both(`requests?service_request_id=${picked.join(',')}&status=open&start_date=2020-01-01`, 'serviceRequests');
    expect(byId.map((r: any) => r.service_request_id)).toEqual([window[5].service_request_id, window[999].service_request_id]);
    const tooMany = Array.from({ length: 1001 }, () => 'KPG-00000-00000').join(',');
    expect((await both(`requests?service_request_id=${tooMany}`, 'errors', 400))[0].description).toContain('service_request_id');
  });

  it('refuses bad dates, statuses, services and jurisdictions in GET requests with the field named', async () => {
    const bad = async (query: string, status: number, field: string) => {
      const errors = await both(`requests?${query}`, 'errors', status);
      expect(errors[0].description).toContain(field);
    };
    for (const [query, field] of BAD_WINDOWS) await bad(query, 400, field);
    await bad('status=pending', 400, 'status');
    await bad('service_code=no-such-thing', 404, 'service_code');
    await bad('jurisdiction_id=99.99', 404, 'jurisdiction_id');
    expect(Array.isArray(await both('requests?jurisdiction_id=53.71', 'serviceRequests'))).toBe(true);
  });

  it('needs jurisdiction_id once the server holds a second city, and keeps each city to its own', async () => {
    await prisma().jurisdiction.create({
      data: { code: '52.71', name: 'Mataram', level: 2, kind: 'kota', timeZone: 'Asia/Makassar', workingDays: [], trackingCodePrefix: 'MTR' },
    });
    try {
      expect((await both('services', 'errors', 400))[0].description).toContain('jurisdiction_id');
      expect((await both('requests', 'errors', 400))[0].description).toContain('jurisdiction_id');
      expect((await both('services?jurisdiction_id=53.71', 'services')).length).toBeGreaterThan(0);
      expect(await both('requests?jurisdiction_id=52.71', 'serviceRequests')).toEqual([]);
      const kupang = await both('requests?jurisdiction_id=53.71', 'serviceRequests');
      expect(kupang.length).toBeGreaterThan(0);
      const id = kupang[0].service_request_id;
      await both(`requests/${id}?jurisdiction_id=53.71`, 'serviceRequests');
      await both(`requests/${id}?jurisdiction_id=52.71`, 'errors', 404);
      await refused({ ...valid, jurisdiction_id: '52.71' }, 400, 'jurisdiction_id');
      await refused(valid, 400, 'jurisdiction_id');
      const filed = await post('json', { ...valid, jurisdiction_id: '53.71' });
      expect(filed.status, filed.text).toBe(200);
    } finally {
      await prisma().jurisdiction.delete({ where: { code: '52.71' } });
    }
  });

  it('lets any page read (CORS *), and only pages a site allows file a report', async () => {
    const read = await fetch(`${url}/open311/v2/services.json`, { headers: { origin: 'https://any.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    const readError = await fetch(`${url}/open311/v2/requests/nope.json`, { headers: { origin: 'https://any.example' } });
    expect(readError.headers.get('access-control-allow-origin')).toBe('*');

    const preflight = (origin: string) =>
      fetch(`${url}/open311/v2/requests.json`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight(ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();

    const filed = await post('json', valid, { origin: ORIGIN });
    expect(filed.status).toBe(200);
    expect(filed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('publishes its JSON Schemas: every answer, and servicerequestupdates beside it', async () => {
    const response = await fetch(`${url}/open311/v2/schema.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(schemaDocument);
    const updates = await fetch(`${url}/open311/v2/servicerequestupdates.schema.json`);
    expect(updates.headers.get('content-type')).toBe('application/schema+json; charset=utf-8');
    expect(await updates.json()).toEqual(updatesSchemaDocument);
  });

  it('never shows a tracking code in a GET answer: lists, single requests, tokens, errors, JSON and XML', async () => {
    // Read every kind of answer once more, so the search does not depend on the tests before it.
    const recent = await both('requests', 'serviceRequests');
    expect(recent.length).toBeGreaterThan(10);
    await both('requests?start_date=2026-01-01&end_date=2026-02-01', 'serviceRequests');
    await both('servicerequestupdates', 'updates');
    await both('servicerequestupdates?start_date=2026-01-15&end_date=2026-03-01', 'updates');
    await both(`requests?service_request_id=${recent.map((r: any) => r.service_request_id).join(',')}`, 'serviceRequests');
    for (const { service_request_id: id } of recent) {
      await both(`requests/${id}`, 'serviceRequests');
      await both(`tokens/${id}`, 'token');
    }
    const codes = (await prisma().report.findMany({ select: { trackingCode: true } })).map((r) => r.trackingCode);
    expect(codes.length).toBeGreaterThan(1000);
    // The search finds a code however it is written.
    const probe = `… ${codes[0]!.toLowerCase()} … ${codes[0]!.slice(-11).replace('-', '')}`;
    expect(trackingCodesIn([{ label: 'probe', text: probe }], codes)).toHaveLength(2);
    expect(reads.length).toBeGreaterThan(100);
    expect(trackingCodesIn(reads, codes)).toEqual([]);
  });
});

describe('Open311 before the database is ready', () => {
  it('answers 503 with Retry-After, in the Open311 error format', async () => {
    const server = createHttpServer({ readiness: { check: async () => false }, graphql: () => null, staticDirs: { widgetDir: null, demoDir: null } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/open311/v2/services.xml`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const { body } = fromXml(await response.text());
      expectShape('errors', body, '503');
    } finally {
      server.close();
    }
  });
});
