// Every invalid submission gets a typed refusal naming the field, in the
// resident's language, with no 5xx and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from './support/databases.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';

const VALID = {
  site: 'demo',
  category: 'sampah',
  description: 'Sampah menumpuk di pinggir jalan',
  location: KUPANG.oebobo,
};

type Case = [name: string, input: Record<string, unknown>, code: string, field: string];

const cases: Case[] = [
  ['unknown site', { site: 'no-such-site' }, 'UNKNOWN_SITE', 'site'],
  ['empty site', { site: '' }, 'VALIDATION_FAILED', 'site'],
  ['over-long site key', { site: 's'.repeat(101) }, 'VALIDATION_FAILED', 'site'],
  ['unknown category', { category: 'no-such-category' }, 'UNKNOWN_CATEGORY', 'category'],
  ['empty category', { category: '' }, 'VALIDATION_FAILED', 'category'],
  ['over-long category', { category: 'c'.repeat(65) }, 'VALIDATION_FAILED', 'category'],
  ['empty description', { description: '' }, 'VALIDATION_FAILED', 'description'],
  ['blank description', { description: '   \n\t ' }, 'VALIDATION_FAILED', 'description'],
  ['too-short description', { description: 'abc' }, 'VALIDATION_FAILED', 'description'],
  ['over-long description', { description: 'x'.repeat(5_001) }, 'VALIDATION_FAILED', 'description'],
  ['NUL byte in description', { description: 'Sampah\u0000menumpuk' }, 'VALIDATION_FAILED', 'description'],
  ['control character in place text', { placeText: 'pasar\u0007' }, 'VALIDATION_FAILED', 'placeText'],
  ['latitude above 90', { location: { lat: 91, lng: 123.6 } }, 'VALIDATION_FAILED', 'location.lat'],
  ['latitude below -90', { location: { lat: -90.5, lng: 123.6 } }, 'VALIDATION_FAILED', 'location.lat'],
  ['longitude above 180', { location: { lat: -10.1, lng: 180.01 } }, 'VALIDATION_FAILED', 'location.lng'],
  ['longitude below -180', { location: { lat: -10.1, lng: -181 } }, 'VALIDATION_FAILED', 'location.lng'],
  ['a point in the sea', { location: KUPANG.sea }, 'OUTSIDE_SERVICE_AREA', 'location'],
  ['a point in Jakarta', { location: { lat: -6.2, lng: 106.8 } }, 'OUTSIDE_SERVICE_AREA', 'location'],
  ['null island', { location: { lat: 0, lng: 0 } }, 'OUTSIDE_SERVICE_AREA', 'location'],
  ['both point and kelurahan', { jurisdictionCode: '53.71.04.1001' }, 'LOCATION_CONFLICT', 'location'],
  ['neither point nor kelurahan', { location: null }, 'LOCATION_REQUIRED', 'location'],
  ['unknown kelurahan', { location: null, jurisdictionCode: '53.71.04.9999' }, 'UNKNOWN_JURISDICTION', 'jurisdictionCode'],
  ['kelurahan of another province', { location: null, jurisdictionCode: '31.71.01.1001' }, 'UNKNOWN_JURISDICTION', 'jurisdictionCode'],
  ['malformed jurisdiction code', { location: null, jurisdictionCode: "53.71'; DROP TABLE" }, 'VALIDATION_FAILED', 'jurisdictionCode'],
  ['over-long place text', { placeText: 'p'.repeat(501) }, 'VALIDATION_FAILED', 'placeText'],
  ['over-long reporter name', { reporter: { name: 'n'.repeat(101) } }, 'VALIDATION_FAILED', 'reporter.name'],
  ['invalid e-mail', { reporter: { email: 'maria at example.org' } }, 'VALIDATION_FAILED', 'reporter.email'],
  ['e-mail without domain', { reporter: { email: 'maria@' } }, 'VALIDATION_FAILED', 'reporter.email'],
  ['over-long e-mail', { reporter: { email: `${'m'.repeat(250)}@example.org` } }, 'VALIDATION_FAILED', 'reporter.email'],
  ['phone with letters', { reporter: { phone: '0812-ABCD-999' } }, 'VALIDATION_FAILED', 'reporter.phone'],
  ['phone too short', { reporter: { phone: '12345' } }, 'VALIDATION_FAILED', 'reporter.phone'],
  ['phone too long', { reporter: { phone: '+62 812 3456 7890 1234 5' } }, 'VALIDATION_FAILED', 'reporter.phone'],
  ['short idempotency key', { idempotencyKey: 'abc' }, 'VALIDATION_FAILED', 'idempotencyKey'],
  ['idempotency key with spaces', { idempotencyKey: 'has spaces in it' }, 'VALIDATION_FAILED', 'idempotencyKey'],
  ['category the site does not offer (inactive)', { category: 'retired-category' }, 'UNKNOWN_CATEGORY', 'category'],
];

describe.each(databaseKinds)('bad input on %s', (kind) => {
  let aduan: TestAduan;
  beforeAll(async () => {
    aduan = await createTestAduan(kind);
    // A category that exists but is no longer offered.
    await aduan.test.database.prisma.category.create({
      data: { cityCode: '53.71', code: 'retired-category', nameId: 'Lama', nameEn: 'Old', active: false },
    });
    aduan.catalog.invalidate();
  });
  afterAll(async () => {
    await aduan?.close();
  });

  it(`covers at least 30 cases`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s → %s on %s, nothing written', async (_name, override, code, field) => {
    const before = await aduan.counts();
    const response = await aduan.gql(SUBMIT, { input: { ...VALID, ...override } });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const result = response.data!.submitReport;
    expect(result.__typename).toBe('InvalidInput');
    expect(result.code).toBe(code);
    expect(result.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(result.message.length).toBeGreaterThan(5);
    expect(await aduan.counts()).toEqual(before);
  });

  it('speaks the resident’s language', async () => {
    const id = (await aduan.gql(SUBMIT, { input: { ...VALID, description: '', locale: 'ID' } })).data!.submitReport;
    const en = (await aduan.gql(SUBMIT, { input: { ...VALID, description: '', locale: 'EN' } })).data!.submitReport;
    expect(id.fields[0].message).toMatch(/karakter|wajib/i);
    expect(en.fields[0].message).toMatch(/characters|required/i);
  });

  it('reports every bad field at once', async () => {
    const result = (
      await aduan.gql(SUBMIT, {
        input: { ...VALID, description: '', reporter: { email: 'nope', phone: 'x' }, location: { lat: 100, lng: 200 } },
      })
    ).data!.submitReport;
    expect(result.fields.map((f: { field: string }) => f.field).sort()).toEqual(
      ['description', 'location.lat', 'location.lng', 'reporter.email', 'reporter.phone'].sort(),
    );
  });

  it('refuses a page whose origin the site does not allow', async () => {
    const before = await aduan.counts();
    const response = await aduan.gql(SUBMIT, { input: VALID }, { origin: 'https://evil.example' });
    expect(response.data!.submitReport).toMatchObject({ __typename: 'InvalidInput', code: 'ORIGIN_NOT_ALLOWED', fields: [{ field: 'site' }] });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await aduan.counts()).toEqual(before);
  });

  it.each([
    ['missing description', `mutation { submitReport(input: { site: "demo", category: "sampah" }) { __typename } }`],
    [
      'latitude as a string',
      `mutation { submitReport(input: { site: "demo", category: "sampah", description: "Sampah menumpuk", location: { lat: "north", lng: 1 } }) { __typename } }`,
    ],
    ['unknown field', `mutation { submitReport(input: { site: "demo", category: "sampah", description: "Sampah menumpuk", admin: true }) { __typename } }`],
    ['unknown locale', `mutation { submitReport(input: { site: "demo", category: "sampah", description: "Sampah menumpuk", locale: FR }) { __typename } }`],
    ['syntax error', `mutation { submitReport(input: { site: "demo" ) }`],
  ])('malformed GraphQL (%s) gets a validation error, not a 5xx, and writes nothing', async (_name, query) => {
    const before = await aduan.counts();
    const response = await aduan.gql(query);
    expect(response.status).toBeLessThan(500);
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(await aduan.counts()).toEqual(before);
  });

  it('a non-finite coordinate in variables is refused before it reaches the resolver', async () => {
    const before = await aduan.counts();
    const response = await aduan.yoga.fetch('http://aduan.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":${JSON.stringify(SUBMIT)},"variables":{"input":{"site":"demo","category":"sampah","description":"Sampah menumpuk","location":{"lat":1e400,"lng":123.6}}}}`,
    });
    expect(response.status).toBeLessThan(500);
    expect(((await response.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    expect(await aduan.counts()).toEqual(before);
  });
});
