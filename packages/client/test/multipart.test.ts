import { describe, expect, it } from 'vitest';
import { buildSubmitReportBody, submitReportMultipart } from '../src/multipart.js';
import { SubmitReportDocument } from '../src/operations.js';
import { AduanNetworkError } from '../src/errors.js';
import type { SubmitReportInput } from '../src/types.js';

const input: SubmitReportInput = { site: 'demo', category: 'streetlight', description: 'Lampu mati', idempotencyKey: 'k1' };

describe('buildSubmitReportBody', () => {
  it('puts operations, then map, then the files in order', async () => {
    const photos = [new Blob(['a'], { type: 'image/jpeg' }), new Blob(['bb'], { type: 'image/png' })];
    const body = buildSubmitReportBody(input, photos);
    expect([...body.keys()]).toEqual(['operations', 'map', '0', '1']);
    const operations = JSON.parse(String(body.get('operations')));
    expect(operations.query).toBe(SubmitReportDocument);
    expect(operations.variables).toEqual({ input: { ...input, photos: [null, null] } });
    expect(JSON.parse(String(body.get('map')))).toEqual({ '0': ['variables.input.photos.0'], '1': ['variables.input.photos.1'] });
    const second = body.get('1') as File;
    expect(second.name).toBe('photo-2.png');
    expect(await second.text()).toBe('bb');
  });

  it('does not change the caller’s input', () => {
    buildSubmitReportBody(input, [new Blob(['a'])]);
    expect(input).not.toHaveProperty('photos');
  });
});

class FakeXHR {
  static last: FakeXHR;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  responseType = '';
  responseText = '';
  status = 0;
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXHR.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
}

describe('submitReportMultipart', () => {
  const xhr = () => new FakeXHR() as unknown as XMLHttpRequest;

  it('POSTs the form, reports progress and unwraps the result', async () => {
    const progress: number[] = [];
    const promise = submitReportMultipart({ url: 'https://x/graphql', input, photos: [new Blob(['a'])], xhr, onProgress: (p) => progress.push(p.loaded) });
    const fake = FakeXHR.last;
    expect(fake.method).toBe('POST');
    expect(fake.url).toBe('https://x/graphql');
    expect(fake.body).toBeInstanceOf(FormData);
    fake.upload.onprogress?.({ loaded: 50, total: 100, lengthComputable: true });
    fake.status = 200;
    fake.responseText = JSON.stringify({
      data: { submitReport: { __typename: 'InvalidInput', code: 'INVALID_PHOTO', message: 'x', fields: [{ field: 'photos.0', message: 'x' }] } },
    });
    fake.onload?.();
    await expect(promise).resolves.toMatchObject({ code: 'INVALID_PHOTO' });
    expect(progress).toEqual([50]);
  });

  it('rejects with AduanNetworkError when the request fails', async () => {
    const promise = submitReportMultipart({ url: '/graphql', input, photos: [new Blob(['a'])], xhr });
    FakeXHR.last.onerror?.();
    await expect(promise).rejects.toBeInstanceOf(AduanNetworkError);
  });
});
