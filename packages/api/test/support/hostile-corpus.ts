// A generated corpus of hostile requests for a running Aduan server: malformed JSON and
// GraphQL, deep and wide documents, alias and fragment bombs, huge strings and numbers,
// wrong types, invalid UTF-8, multipart abuse, polyglot and oversized files, header
// abuse, and script and SQL text in every string field. Each entry is raw enough to be
// sent over a plain socket (invalid UTF-8 and bad framing cannot go through fetch).

export interface HostileRequest {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** When true, Content-Length is not added (the entry sets framing itself). */
  rawFraming?: boolean;
}

/** Text that must arrive in storage exactly as written and never be interpreted. */
export const INJECTIONS = [
  `<script>alert('aduan')</script>`,
  `"><img src=x onerror=alert(1)>`,
  `'; DROP TABLE "Report"; --`,
  `" OR 1=1 --`,
  `1); DELETE FROM "Report" WHERE (1=1`,
  `{{7*7}} \${7*7} <%= 7*7 %>`,
  `../../../../etc/passwd`,
  `javascript:alert(document.cookie)`,
  `%00%0d%0aSet-Cookie: x=y`,
  `\u202Egnp.exe`,
];

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const gql = (query: string, variables?: unknown): Buffer => json(variables === undefined ? { query } : { query, variables });
const post = (name: string, body: Buffer, headers: Record<string, string> = {}): HostileRequest => ({
  name,
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', origin: 'http://localhost:5173', ...headers },
  body,
});

const SUBMIT = `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename ... on InvalidInput { code } ... on ReportSubmitted { report { trackingCode } } } }`;

/** A submission that would pass everything (but the proof of work, added by the caller). */
export function validInput(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { site: 'demo', category: 'sampah', description: 'Sampah belum diangkut seminggu', location: { lat: -10.16885, lng: 123.60194 }, ...extra };
}

function multipart(boundary: string, parts: { name: string; filename?: string; type?: string; data: Buffer | string }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.type ? `Content-Type: ${part.type}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Every request; `proof()` gives a fresh solved proof of work for entries that must get past it. */
export function hostileCorpus(proof: () => string): HostileRequest[] {
  const out: HostileRequest[] = [];

  // Malformed JSON.
  const badJson = [
    '{',
    '{"query":',
    '[]',
    'null',
    '"text"',
    '{"query": 1}',
    '{"query": null}',
    '{"query": ["{ site }"]}',
    '{"query":"{ __typename }","variables":"x"}',
    '{"query":"{ __typename }","variables":[1]}',
    '\uFEFF{"query":"{ __typename }"}',
    '{"query":"{ __typename }",}',
    '{"query": NaN}',
    '{"a":1e99999}',
    '['.repeat(5000) + ']'.repeat(5000),
    '{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}',
    '{"query":"\\ud800"}',
    `{"query":"${'a'.repeat(200_000)}"}`,
    '{"operationName": {}, "query": "{ __typename }"}',
    '',
  ];
  for (const [i, body] of badJson.entries()) out.push(post(`malformed JSON #${i}`, Buffer.from(body)));

  // Malformed GraphQL.
  const badGraphQL = [
    '{',
    'query {',
    '{ site(key: ) { name } }',
    '{ site(key: "demo") { name }',
    'query q($a: ) { __typename }',
    '{ a } { b }',
    '{ nope }',
    'subscription { a } subscription { b }',
    'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }',
    '{ __typename @nope }',
    '{ site(key: "demo") { name(x: 1) } }',
    'mutation { submitReport }',
    '{ __schema { types { name } } } { __typename }',
    '"""unterminated',
    '{ __typename } # \u0000',
    'query($v: Int = "x") { __typename }',
    '{ site(key: "demo") { ...on Category { code } } }',
    '{ reportStatus(trackingCode: 1) { status } }',
    '{ statistics(from: "yesterday") { total } }',
    'query { ...Missing }',
  ];
  for (const [i, query] of badGraphQL.entries()) out.push(post(`malformed GraphQL #${i}`, gql(query)));

  // Deep, wide, aliases, directives, tokens, fragment bombs.
  for (const depth of [9, 20, 60, 200]) {
    out.push(post(`depth ${depth}`, gql(`{ jurisdiction(code: "53.71") ${'{ parent '.repeat(depth)}{ code }${' }'.repeat(depth)} }`)));
  }
  for (const n of [16, 100, 1000]) {
    out.push(post(`${n} aliases`, gql(`{ ${Array.from({ length: n }, (_, i) => `a${i}: site(key: "demo") { name }`).join(' ')} }`)));
    out.push(post(`${n} directives`, gql(`{ __typename ${'@include(if: true) '.repeat(n)} }`)));
    out.push(post(`${n} fields`, gql(`{ site(key: "demo") { ${'name '.repeat(n)} } }`)));
    out.push(
      post(
        `${n} look-ups by alias`,
        gql(
          `{ ${Array.from({ length: n }, (_, i) => `r${i}: reportStatus(trackingCode: "KPG-AAAAA-AAA${String(i).padStart(2, '0').slice(-2)}") { status }`).join(' ')} }`,
        ),
      ),
    );
  }
  for (const fanOut of [3, 6, 10]) {
    const levels = Array.from({ length: 6 }, (_, i) => `F${i}`);
    const fragments = levels
      .slice(0, -1)
      .map((name, i) => `fragment ${name} on Jurisdiction { ${`...${levels[i + 1]} `.repeat(fanOut)}}`)
      .join(' ');
    out.push(post(`fragment bomb ×${fanOut}`, gql(`query { jurisdictions { ...F0 } } ${fragments} fragment F5 on Jurisdiction { code name parent { code } }`)));
  }
  out.push(
    post(
      'introspection inside a deep nest',
      gql(`{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }`),
    ),
  );
  out.push(post('batch of 100 operations', json(Array.from({ length: 100 }, () => ({ query: '{ __typename }' })))));

  // Huge strings and numbers, wrong types — through submitReport and other fields.
  const wrongInputs: [string, unknown][] = [
    ['description of 5,001 characters', validInput({ description: 'x'.repeat(5001) })],
    ['description of 100,000 characters', validInput({ description: 'y'.repeat(100_000) })],
    ['placeText of 10,000 characters', validInput({ placeText: 'z'.repeat(10_000) })],
    ['latitude 1e308', validInput({ location: { lat: 1e308, lng: 123.6 } })],
    ['latitude -91', validInput({ location: { lat: -91, lng: 123.6 } })],
    ['longitude 181', validInput({ location: { lat: -10.1, lng: 181 } })],
    ['latitude as text', validInput({ location: { lat: '-10.1', lng: 123.6 } })],
    ['location as text', validInput({ location: 'Oebobo' })],
    ['location null with no area', validInput({ location: null })],
    ['site as a number', validInput({ site: 12345 })],
    ['site as an object', validInput({ site: { key: 'demo' } })],
    ['category as a list', validInput({ category: ['sampah'] })],
    ['reporter as a list', validInput({ reporter: ['a'] })],
    ['reporter e-mail of 10,000 characters', validInput({ reporter: { email: `${'a'.repeat(10_000)}@example.org` } })],
    ['phone of letters', validInput({ reporter: { phone: 'call me maybe' } })],
    ['locale FR', validInput({ locale: 'FR' })],
    ['idempotency key of 1,000 characters', validInput({ idempotencyKey: 'k'.repeat(1000) })],
    ['photos as text', validInput({ photos: 'photo.jpg' })],
    ['unknown input field', validInput({ admin: true })],
    ['NUL in the description', validInput({ description: 'Sampah\u0000menumpuk di sini' })],
    ['control characters in placeText', validInput({ placeText: '\u0007\u001b[31mred' })],
    ['jurisdiction and location both', validInput({ jurisdictionCode: '53.71.04.1001' })],
    ['jurisdiction code of garbage', { ...validInput({ jurisdictionCode: '99.99.99.9999' }), location: undefined }],
    ['a point in the sea', validInput({ location: { lat: -10.05, lng: 123.58 } })],
    ['an unknown site', validInput({ site: 'nowhere' })],
  ];
  for (const [name, input] of wrongInputs) out.push(post(`submit: ${name}`, gql(SUBMIT, { input: { ...(input as object), proofOfWork: proof() } })));
  const numbers: [string, string][] = [
    ['radius 2^53', `{ similarReports(category: "sampah", location: { lat: -10.1, lng: 123.6 }, radiusMeters: 9007199254740993) { trackingCode } }`],
    ['radius -1', `{ similarReports(category: "sampah", location: { lat: -10.1, lng: 123.6 }, radiusMeters: -1) { trackingCode } }`],
    ['float 1e400', `{ similarReports(category: "sampah", location: { lat: 1e400, lng: 123.6 }) { trackingCode } }`],
    ['inbox first: 1e9', `{ inbox(first: 1000000000) { edges { node { trackingCode } } } }`],
    ['statistics over 100 years', `{ statistics(from: "1926-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { total } }`],
    ['statistics of a level 99', `{ statistics(jurisdictionCode: "53.71") { byArea(level: 99) { count } } }`],
    ['deliveries first: -5', `{ deliveries(first: -5) { id } }`],
  ];
  for (const [name, query] of numbers) out.push(post(name, gql(query)));

  // Script and SQL text in every string field a stranger can reach.
  for (const [i, text] of INJECTIONS.entries()) {
    for (const field of ['description', 'placeText']) {
      out.push(post(`${field} carries injection #${i}`, gql(SUBMIT, { input: validInput({ [field]: `${text} — ${field} ${i}`, proofOfWork: proof() }) })));
    }
    out.push(
      post(
        `reporter carries injection #${i}`,
        gql(SUBMIT, { input: validInput({ reporter: { name: text, email: text, phone: text }, proofOfWork: proof() }) }),
      ),
    );
    for (const field of ['site', 'category', 'jurisdictionCode', 'idempotencyKey', 'proofOfWork', 'leaveBlank']) {
      out.push(
        post(
          `${field} is injection #${i}`,
          gql(SUBMIT, { input: validInput({ [field]: text, ...(field === 'proofOfWork' ? {} : { proofOfWork: proof() }) }) }),
        ),
      );
    }
    const args: [string, string][] = [
      ['reportStatus', `query($t: String!) { reportStatus(trackingCode: $t) { status } }`],
      ['similarReports', `query($t: String!) { similarReports(category: $t, location: { lat: -10.1, lng: 123.6 }) { trackingCode } }`],
      ['statistics', `query($t: String) { statistics(jurisdictionCode: $t) { total } }`],
      ['site', `query($t: ID!) { site(key: $t) { name } }`],
      ['categories', `query($t: ID!) { categories(site: $t) { code } }`],
      ['jurisdiction', `query($t: String!) { jurisdiction(code: $t) { code } }`],
      ['login', `mutation($t: String!) { login(email: $t, password: $t) { __typename } }`],
      ['supportReport', `mutation($t: String!) { supportReport(trackingCode: $t, idempotencyKey: $t) { __typename } }`],
      ['reopenReport', `mutation($t: String!) { reopenReport(trackingCode: $t, reason: $t) { __typename } }`],
    ];
    for (const [name, query] of args) out.push(post(`${name} argument is injection #${i}`, gql(query, { t: text })));
    out.push({
      name: `Open311 GET with injection #${i}`,
      method: 'GET',
      path: `/open311/v2/requests.json?service_request_id=${encodeURIComponent(text)}&jurisdiction_id=${encodeURIComponent(text)}&status=${encodeURIComponent(text)}`,
      headers: {},
    });
    out.push({
      name: `Open311 POST with injection #${i}`,
      method: 'POST',
      path: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(
        new URLSearchParams({ api_key: text, service_code: text, description: text, lat: '-10.16885', long: '123.60194', email: text }).toString(),
      ),
    });
  }

  // Invalid UTF-8 and odd encodings, on the raw wire.
  const utf8: [string, Buffer][] = [
    ['a lone continuation byte', Buffer.from([0x7b, 0x22, 0x71, 0x75, 0x65, 0x72, 0x79, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d])],
    ['an overlong slash', Buffer.concat([Buffer.from('{"query":"{ site(key: \\"'), Buffer.from([0xc0, 0xaf]), Buffer.from('\\") { name } }"}')])],
    ['0xFF bytes', Buffer.concat([Buffer.from('{"query":"'), Buffer.alloc(64, 0xff), Buffer.from('"}')])],
    ['a truncated sequence', Buffer.concat([Buffer.from('{"query":"{ __typename }","variables":{"a":"'), Buffer.from([0xe2, 0x82]), Buffer.from('"}}')])],
    ['UTF-16 body', Buffer.from('{"query":"{ __typename }"}', 'utf16le')],
    ['NUL bytes', Buffer.from('{"query":"{ __typename }"}\u0000\u0000\u0000')],
  ];
  for (const [name, body] of utf8) out.push(post(`invalid UTF-8: ${name}`, body));
  out.push(
    post(
      'invalid UTF-8 in a submitted description',
      Buffer.concat([
        Buffer.from(
          `{"query":${JSON.stringify(SUBMIT)},"variables":{"input":{"site":"demo","category":"sampah","location":{"lat":-10.16885,"lng":123.60194},"description":"Sampah `,
        ),
        Buffer.from([0xed, 0xa0, 0x80, 0xff]),
        Buffer.from(` di sini","proofOfWork":${JSON.stringify(proof())}}}}`),
      ]),
    ),
  );

  // Multipart abuse, polyglot and oversized files.
  const b = 'aduanboundary';
  const ops = (input: Record<string, unknown>) => JSON.stringify({ query: SUBMIT, variables: { input: { ...input, photos: [null] } } });
  const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  const files: [string, string, string, Buffer][] = [
    ['an HTML page named .jpg', 'photo.jpg', 'image/jpeg', Buffer.from('<html><script>alert(1)</script></html>')],
    ['an SVG with a script', 'photo.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['a GIF/JavaScript polyglot', 'photo.gif', 'image/gif', Buffer.from('GIF89a/*\x00\x00*/=alert(1)//;')],
    ['a JPEG header and then a script', 'photo.jpg', 'image/jpeg', Buffer.concat([jpegHeader, Buffer.from('<script>alert(1)</script>')])],
    ['a PNG claiming 100,000 × 100,000 pixels', 'bomb.png', 'image/png', Buffer.from('89504e470d0a1a0a0000000d49484452000186a0000186a00806000000', 'hex')],
    ['a ZIP named .webp', 'photo.webp', 'image/webp', Buffer.from('504b0304140000000800', 'hex')],
    ['an empty file', 'empty.jpg', 'image/jpeg', Buffer.alloc(0)],
    ['a 9 MB file', 'big.jpg', 'image/jpeg', Buffer.concat([jpegHeader, Buffer.alloc(9 * 1024 * 1024, 0x41)])],
    ['a file name with a path', '../../../etc/passwd', 'image/jpeg', jpegHeader],
    ['a file name with a script', '<script>alert(1)</script>.jpg', 'image/jpeg', jpegHeader],
  ];
  for (const [name, filename, type, data] of files) {
    out.push({
      name: `multipart: ${name}`,
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': `multipart/form-data; boundary=${b}`, origin: 'http://localhost:5173' },
      body: multipart(b, [
        { name: 'operations', data: ops(validInput({ proofOfWork: proof() })) },
        { name: 'map', data: '{"0":["variables.input.photos.0"]}' },
        { name: '0', filename, type, data },
      ]),
    });
  }
  const structure: [string, Buffer, string?][] = [
    [
      'no map',
      multipart(b, [
        { name: 'operations', data: ops(validInput()) },
        { name: '0', filename: 'a.jpg', type: 'image/jpeg', data: jpegHeader },
      ]),
    ],
    [
      'a map to a missing file',
      multipart(b, [
        { name: 'operations', data: ops(validInput()) },
        { name: 'map', data: '{"9":["variables.input.photos.0"]}' },
      ]),
    ],
    [
      'a map that is not JSON',
      multipart(b, [
        { name: 'operations', data: ops(validInput()) },
        { name: 'map', data: '{oops' },
      ]),
    ],
    [
      'operations that are not JSON',
      multipart(b, [
        { name: 'operations', data: 'not json' },
        { name: 'map', data: '{}' },
      ]),
    ],
    [
      'a map into the query itself',
      multipart(b, [
        { name: 'operations', data: ops(validInput()) },
        { name: 'map', data: '{"0":["query"]}' },
        { name: '0', filename: 'a.jpg', type: 'image/jpeg', data: jpegHeader },
      ]),
    ],
    [
      'a map into __proto__',
      multipart(b, [
        { name: 'operations', data: ops(validInput()) },
        { name: 'map', data: '{"0":["__proto__.polluted"]}' },
        { name: '0', filename: 'a.jpg', type: 'image/jpeg', data: jpegHeader },
      ]),
    ],
    [
      'four photos',
      multipart(b, [
        {
          name: 'operations',
          data: JSON.stringify({ query: SUBMIT, variables: { input: { ...validInput({ proofOfWork: proof() }), photos: [null, null, null, null] } } }),
        },
        {
          name: 'map',
          data: JSON.stringify({
            0: ['variables.input.photos.0'],
            1: ['variables.input.photos.1'],
            2: ['variables.input.photos.2'],
            3: ['variables.input.photos.3'],
          }),
        },
        ...[0, 1, 2, 3].map((i) => ({ name: String(i), filename: `${i}.jpg`, type: 'image/jpeg', data: jpegHeader })),
      ]),
    ],
    [
      'a thousand parts',
      multipart(b, [
        { name: 'operations', data: ops(validInput()) },
        { name: 'map', data: '{}' },
        ...Array.from({ length: 1000 }, (_, i) => ({ name: `x${i}`, data: 'y' })),
      ]),
    ],
    ['a truncated body', multipart(b, [{ name: 'operations', data: ops(validInput()) }]).subarray(0, 60)],
    ['no closing boundary', Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${ops(validInput())}\r\n`)],
    ['no boundary parameter', multipart(b, [{ name: 'operations', data: ops(validInput()) }]), 'multipart/form-data'],
    ['another boundary than declared', multipart('other', [{ name: 'operations', data: ops(validInput()) }])],
  ];
  for (const [name, body, type] of structure) {
    out.push({
      name: `multipart: ${name}`,
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': type ?? `multipart/form-data; boundary=${b}`, origin: 'http://localhost:5173' },
      body,
    });
  }

  // Header and method abuse.
  const typename = gql('{ __typename }');
  const headerAbuse: [string, Record<string, string>, Buffer?][] = [
    ['text/plain body (a cross-site form could send it)', { 'content-type': 'text/plain' }, typename],
    ['form-encoded body', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('query=%7B__typename%7D')],
    ['no content type', { 'content-type': '' }, typename],
    ['content type with junk parameters', { 'content-type': `application/json; charset=klingon; x=${'y'.repeat(2000)}` }, typename],
    ['Accept nobody can satisfy', { accept: 'image/png' }, typename],
    ['Accept with broken q values', { accept: 'application/json;q=banana, */*;q=-1' }, typename],
    ['a 12 KB bearer token', { authorization: `Bearer ${'t'.repeat(12_000)}` }, typename],
    ['a bearer token of garbage', { authorization: 'Bearer ../../;DROP' }, typename],
    ['a Basic authorization', { authorization: 'Basic YWRtaW46YWRtaW4=' }, typename],
    ['an authorization with no scheme', { authorization: 'x' }, typename],
    ['a cookie jar of 300 cookies', { cookie: Array.from({ length: 300 }, (_, i) => `c${i}=${'v'.repeat(20)}`).join('; ') }, typename],
    ['a forged session cookie', { cookie: 'aduan_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, typename],
    ['Origin null', { origin: 'null' }, typename],
    ['Origin javascript:', { origin: 'javascript:alert(1)' }, typename],
    ['an Origin of another site', { origin: 'https://evil.example' }, typename],
    ['a spoofed X-Forwarded-For chain', { 'x-forwarded-for': Array.from({ length: 200 }, (_, i) => `10.0.${i % 250}.1`).join(', ') }, typename],
    ['X-Forwarded-For of garbage', { 'x-forwarded-for': '<script>, ;DROP, 999.999.999.999' }, typename],
    ['a Host of garbage', { host: 'evil.example:99999' }, typename],
    ['Expect 100-continue', { expect: '100-continue' }, typename],
    ['an idempotency key header of 5 KB', { 'idempotency-key': 'k'.repeat(5000) }, typename],
    ['a content length over the limit', { 'content-length': String(200 * 1024) }, typename],
  ];
  for (const [name, headers, body] of headerAbuse) out.push(post(`headers: ${name}`, body ?? typename, headers));
  out.push({
    name: 'headers: chunked body without a length',
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    body: Buffer.from(`${typename.length.toString(16)}\r\n${typename}\r\n0\r\n\r\n`),
    rawFraming: true,
  });
  out.push({
    name: 'headers: chunked and Content-Length both (smuggling)',
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'content-length': '4' },
    body: Buffer.from(`0\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`),
    rawFraming: true,
  });
  out.push({
    name: 'headers: a Content-Length that is not a number',
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', 'content-length': 'ten' },
    body: typename,
    rawFraming: true,
  });
  out.push({
    name: 'headers: two Content-Lengths',
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', 'content-length': `${typename.length}, 5` },
    body: typename,
    rawFraming: true,
  });
  for (const method of ['PUT', 'DELETE', 'PATCH', 'TRACE', 'PROPFIND'])
    out.push({ name: `method ${method}`, method, path: '/graphql', headers: {}, body: typename });
  out.push({ name: 'GET with a mutation', method: 'GET', path: `/graphql?query=${encodeURIComponent('mutation { logout }')}`, headers: {} });
  out.push({ name: 'GET with a 20 KB query', method: 'GET', path: `/graphql?query=${encodeURIComponent(`{ ${'__typename '.repeat(1800)} }`)}`, headers: {} });
  out.push({
    name: 'GET with variables that are not JSON',
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent('query($a: Int) { __typename }')}&variables=%7Boops`,
    headers: {},
  });
  for (const path of [
    '/widget/../../package.json',
    '/widget/%2e%2e/%2e%2e/etc/passwd',
    '/console/..%2f..%2fpackage.json',
    '/staff/photos/../../etc/passwd',
    '/delivery/photos/x?expires=1e99&signature=zz',
    '/open311/v2/requests/%00.json',
    '/open311/v2/services/..%2f..%2f.json',
    `/${'a/'.repeat(2000)}`,
    `/graphql?${'x=1&'.repeat(3000)}`,
  ]) {
    out.push({ name: `path ${path.slice(0, 40)}`, method: 'GET', path, headers: {} });
  }

  // Acting on someone else's report: a code (made up or guessed) with keys that are not its own.
  for (const key of ['', 'x', 'A'.repeat(43), 'A'.repeat(5000), INJECTIONS[2]!]) {
    out.push(
      post(
        `reopen with key ${key.slice(0, 12)}…`,
        gql('mutation($k: String!) { reopenReport(trackingCode: "KPG-7F3K2-Q9D4X", reason: "masih rusak sekali", residentKey: $k) { __typename } }', {
          k: key,
        }),
      ),
    );
    out.push(
      post(
        `confirm with key ${key.slice(0, 12)}…`,
        gql('mutation($k: String!) { confirmResolved(trackingCode: "KPG-7F3K2-Q9D4X", residentKey: $k) { __typename } }', { k: key }),
      ),
    );
  }
  for (const handle of ['', 'KPG-7F3K2-Q9D4X', 'A'.repeat(40), 'A'.repeat(5000), '%00', INJECTIONS[0]!]) {
    out.push(post(`support with handle ${handle.slice(0, 12)}…`, gql('mutation($h: String!) { supportReport(handle: $h) { __typename } }', { h: handle })));
  }
  for (const radius of [-1, 0, 1, 999_999, 2_147_483_647]) {
    out.push(
      post(
        `similar reports within ${radius} m`,
        gql(`{ similarReports(category: "jalan-rusak", location: { lat: -10.16885, lng: 123.60194 }, radiusMeters: ${radius}) { handle distance } }`),
      ),
    );
  }
  for (const hash of ['short', 'A'.repeat(44), `${'A'.repeat(42)}=`, INJECTIONS[1]!]) {
    out.push(post(`submit with resident key hash ${hash.slice(0, 12)}…`, gql(SUBMIT, { input: validInput({ residentKeyHash: hash, proofOfWork: proof() }) })));
  }
  // Bulk tracking-code tests through the federation entry point, and a made-up type name.
  const representations = Array.from({ length: 2_000 }, (_, i) => ({ __typename: 'PublicReport', trackingCode: `KPG-${String(i).padStart(5, '0')}-AAAAA` }));
  out.push(post('_entities with 2,000 representations', gql('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: representations })));
  out.push(
    post('_entities with a made-up type', gql('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ __typename: 'Nope', id: 1 }] })),
  );
  return out;
}
