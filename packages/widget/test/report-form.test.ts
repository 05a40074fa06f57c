import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AduanNetworkError, type SubmitOptions, type SubmitReportInput, type SubmitReportResult } from '@aduan/client';
import { configureOutbox, enqueue, pending, replayOutbox } from '../src/common/outbox.js';
import { userEvent } from 'vitest/browser';
import { $, categories, clearOutbox, fakeClient, mount, offline, report, set, siteWithMap, submitted } from './fixtures.js';

const ready = (el: HTMLElement) => vi.waitFor(() => $(el, 'select[name=category] option[value=pothole]'));

beforeEach(async () => {
  await clearOutbox();
  localStorage.removeItem('aduan-mine');
});
afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('<aduan-report> catalogue', () => {
  it('groups categories with <optgroup> in Indonesian', async () => {
    const client = fakeClient();
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    await ready(el);
    const groups = [...el.shadowRoot!.querySelectorAll<HTMLOptGroupElement>('select[name=category] optgroup')].map((g) => g.label);
    expect(groups).toEqual(['Jalan dan lampu', 'Kebersihan']);
    expect($(el, 'optgroup option').textContent).toBe('Lampu jalan mati');
    expect($(el, 'label[for=category]').textContent).toBe('Kategori');
    expect(client.categories).toHaveBeenCalledWith('demo', 'ID');
  });

  it('groups categories in English, follows a lang change, and restricts with `categories`', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'en', categories: 'streetlight, other' }, fakeClient());
    await vi.waitFor(() => $(el, 'select[name=category] option[value=other]'));
    expect([...el.shadowRoot!.querySelectorAll<HTMLOptGroupElement>('select[name=category] optgroup')].map((g) => g.label)).toEqual(['Roads and lights']);
    expect([...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('select[name=category] option')].map((o) => o.value)).toEqual(['', 'other', 'streetlight']);
    expect($(el, 'optgroup option').textContent).toBe('Streetlight out');
    el.setAttribute('lang', 'id');
    await vi.waitFor(() => expect($(el, 'optgroup option').textContent).toBe('Lampu jalan mati'));
  });

  it('fires aduan-ready and lists the kelurahan of the site area', async () => {
    const client = fakeClient();
    const ready = vi.fn();
    document.addEventListener('aduan-ready', ready, { once: true });
    const el = await mount('aduan-report', { site: 'demo' }, client);
    await vi.waitFor(() => $(el, 'select[name=jurisdiction] option[value="53.71.04.1002"]'));
    expect(ready).toHaveBeenCalledOnce();
    expect(client.jurisdictions).toHaveBeenCalledWith('53.71', 4);
  });

  it('takes its configuration from the script tag when the element has none', async () => {
    const script = document.createElement('script');
    script.type = 'text/plain'; // a stand-in for the embed tag, never run
    Object.assign(script.dataset, { site: 'from-script', categories: 'pothole', jurisdiction: '53.71.04', lang: 'en' });
    document.body.append(script);
    const client = fakeClient();
    const el = document.createElement('aduan-report');
    el.client = client;
    document.body.append(el);
    await ready(el);
    expect(client.categories).toHaveBeenCalledWith('from-script', 'EN');
    expect(el.shadowRoot!.querySelectorAll('select[name=category] option')).toHaveLength(2);
    await vi.waitFor(() => expect(client.jurisdictions).toHaveBeenCalledWith('53.71.04', 4));
    // The site is asked only for its map: the script's area wins over the site's.
    expect(client.jurisdictions).not.toHaveBeenCalledWith('53.71', 4);
  });

  it('lets `strings` override any text', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'en', strings: '{"submit":"Kirim!","en":{"category":"Topic"}}' }, fakeClient());
    await ready(el);
    expect($(el, 'button[type=submit]').textContent).toBe('Kirim!');
    expect($(el, 'label[for=category]').textContent).toBe('Topic');
  });
});

describe('<aduan-report> validation', () => {
  it('shows errors next to their fields and announces them', async () => {
    const client = fakeClient();
    const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, client);
    await ready(el);
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '#e-category'));
    const select = $(el, '[name=category]');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(select.getAttribute('aria-describedby')).toContain('e-category');
    expect($(el, '#e-category').textContent).toBe('Choose a category.');
    expect($(el, '[name=description]').getAttribute('aria-describedby')).toContain('e-description');
    expect($(el, '[role=status][aria-live=polite]').textContent).toContain('Write at least 5 characters.');
    expect($(el, '[role=alert]').textContent).toContain('Choose a category.');
    expect(el.shadowRoot!.activeElement).toBe(select);
    expect(client.submitReport).not.toHaveBeenCalled();
  });

  it('asks for a location when the category needs one, on the kelurahan list', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, fakeClient());
    await vi.waitFor(() => $(el, 'select[name=jurisdiction] option[value="53.71.04.1001"]'));
    set(el, 'category', 'pothole');
    set(el, 'description', 'Lubang besar di jalan.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, '#e-location').textContent).toBe('Use your location or choose a kelurahan.'));
    const select = $(el, '[name=jurisdiction]');
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(select.getAttribute('aria-describedby')).toBe('e-location');
    expect(el.shadowRoot!.activeElement).toBe(select);
  });

  it('maps the server’s InvalidInput fields to controls', async () => {
    const refusal: SubmitReportResult = {
      __typename: 'InvalidInput',
      code: 'VALIDATION_FAILED',
      message: 'Invalid',
      fields: [{ field: 'reporter.email', message: 'E-mail tidak valid.' }],
    };
    const client = fakeClient({ submitReport: vi.fn(async () => refusal) });
    const errors = vi.fn();
    const el = await mount('aduan-report', { site: 'demo' }, client);
    el.addEventListener('aduan-error', (e) => errors(e.detail));
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Ada pohon tumbang');
    set(el, 'email', 'nope');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '#e-email'));
    expect($(el, '[name=email]').getAttribute('aria-invalid')).toBe('true');
    expect($(el, '[role=status][aria-live=polite]').textContent).toContain('E-mail tidak valid.');
    expect(errors).toHaveBeenCalledWith({ message: 'Invalid', code: 'VALIDATION_FAILED' });
  });
});

describe('<aduan-report> submitting', () => {
  it('shows the tracking code and fires aduan-submitted', async () => {
    const client = fakeClient();
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    const submittedEvent = vi.fn();
    el.addEventListener('aduan-submitted', (e) => submittedEvent(e.detail.trackingCode));
    await vi.waitFor(() => $(el, 'select[name=jurisdiction] option[value="53.71.04.1001"]'));
    set(el, 'category', 'streetlight');
    set(el, 'description', 'Lampu di depan pasar mati sejak Senin.');
    set(el, 'jurisdiction', '53.71.04.1001');
    set(el, 'placeText', 'depan Pasar Oebobo');
    set(el, 'name', 'Maria');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, '[part=tracking-code]').textContent).toBe('K7QX-4M2P'));
    expect(submittedEvent).toHaveBeenCalledWith('K7QX-4M2P');
    const input = client.submitReport.mock.calls[0]![0] as SubmitReportInput;
    expect(input).toMatchObject({
      site: 'demo',
      category: 'streetlight',
      jurisdictionCode: '53.71.04.1001',
      placeText: 'depan Pasar Oebobo',
      reporter: { name: 'Maria' },
      locale: 'ID',
    });
    expect(input.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // The resident key stays on the device with the code; only its SHA-256 went to the server.
    expect(input.residentKeyHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const key = localStorage.getItem('aduan-key:K7QX-4M2P')!;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(client.submitReport.mock.calls)).not.toContain(key);
    expect(await sha256(key)).toBe(input.residentKeyHash);
    expect($(el, '[part=success]').textContent).toContain('WITA');
    expect(el.shadowRoot!.activeElement?.id).toBe('s-title');
    // "Follow this report" shows <aduan-status> for the code
    $(el, 'button[name=follow]').click();
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('aduan-status')?.code).toBe('K7QX-4M2P'));
  });

  it('shows the routing preview after a location fix', async () => {
    vi.spyOn(navigator.geolocation, 'getCurrentPosition').mockImplementation((ok) =>
      ok({ coords: { latitude: -10.17, longitude: 123.6 } } as GeolocationPosition),
    );
    const client = fakeClient();
    const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, client);
    await ready(el);
    set(el, 'category', 'pothole');
    $(el, 'button[name=locate]').click();
    await vi.waitFor(() => expect($(el, '[part=routing]').textContent).toBe('Will be handled by Dinas Perhubungan Kota Kupang (Kelurahan Oebobo)'));
    expect(client.routingPreview).toHaveBeenLastCalledWith(expect.objectContaining({ location: { lat: -10.17, lng: 123.6 }, category: 'pothole' }));
  });

  describe('already reported nearby', () => {
    const nearby = {
      handle: 'opaque-handle-1',
      category: 'pothole',
      status: 'IN_PROGRESS' as const,
      ageDays: 3,
      distance: 'UNDER_100_M' as const,
      supporters: 2,
      area: { code: '53.71.04.1001', name: 'Oebobo', displayName: 'Kelurahan Oebobo' },
    };

    async function located(client = fakeClient({ similarReports: vi.fn(async () => [nearby]) })) {
      vi.spyOn(navigator.geolocation, 'getCurrentPosition').mockImplementation((ok) =>
        ok({ coords: { latitude: -10.17, longitude: 123.6 } } as GeolocationPosition),
      );
      const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, client);
      await ready(el);
      set(el, 'category', 'pothole');
      $(el, 'button[name=locate]').click();
      return { el, client };
    }

    it('shows open reports of the category near the point before sending; follow one instead', async () => {
      const { el, client } = await located();
      await vi.waitFor(() => $(el, '[part=nearby]'));
      expect(client.similarReports).toHaveBeenLastCalledWith('pothole', { lat: -10.17, lng: 123.6 }, null, 'EN');
      expect($(el, '[part=nearby] h3').textContent).toBe('Already reported nearby');
      // Right under the location, so the resident sees it before writing more.
      expect($(el, 'fieldset + [part=nearby]')).toBeTruthy();
      const item = $(el, '[part=nearby] li').textContent!.replace(/\s+/g, ' ');
      expect(item).toContain('Pothole');
      expect(item).toContain('In progress · Kelurahan Oebobo · under 100 m · 3 days ago');
      expect(item).toContain('2 more residents have this problem');
      expect($(el, '[part=nearby] button[name=support]').textContent).toBe('I have this problem too');
      expect($(el, 'button[name=anyway]').textContent).toBe('Not the same problem — continue');
      const supported = vi.fn();
      el.addEventListener('aduan-supported', supported);
      $(el, '[part=nearby] button[name=support]').click();
      await vi.waitFor(() => expect(el.shadowRoot!.querySelector('aduan-status')?.code).toBe('K7QX-4M2P'));
      expect(client.supportReport).toHaveBeenCalledWith('opaque-handle-1', expect.stringMatching(/.{8,}/), 'EN');
      expect(supported.mock.calls[0]![0].detail).toEqual({ trackingCode: 'K7QX-4M2P', supporters: 2 });
      expect(client.submitReport).not.toHaveBeenCalled();
      expect($(el, 'form').hidden).toBe(true);
    });

    it('“Send mine anyway” hides them and the form sends as usual', async () => {
      const { el, client } = await located();
      await vi.waitFor(() => $(el, '[part=nearby]'));
      $(el, 'button[name=anyway]').click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part=nearby]')).toBeNull();
      set(el, 'description', 'Lubang besar di tengah jalan');
      $(el, 'button[type=submit]').click();
      await vi.waitFor(() => expect(client.submitReport).toHaveBeenCalled());
      expect(client.supportReport).not.toHaveBeenCalled();
    });

    it('shows nothing when there is nothing nearby, or without a point', async () => {
      const { el, client } = await located(fakeClient());
      await vi.waitFor(() => expect(client.similarReports).toHaveBeenCalled());
      await vi.waitFor(() => $(el, '[part=routing]'));
      expect(el.shadowRoot!.querySelector('[part=nearby]')).toBeNull();
      const noPoint = fakeClient({ similarReports: vi.fn(async () => [nearby]) });
      const el2 = await mount('aduan-report', { site: 'demo', lang: 'en' }, noPoint);
      await ready(el2);
      set(el2, 'category', 'pothole');
      await new Promise((r) => setTimeout(r, 50));
      expect(noPoint.similarReports).not.toHaveBeenCalled();
    });

    it('a refused follow shows why and keeps the form', async () => {
      const client = fakeClient({
        similarReports: vi.fn(async () => [nearby]),
        supportReport: vi.fn(async () => ({
          __typename: 'InvalidInput' as const,
          code: 'REPORT_NOT_OPEN',
          message: 'This report is no longer being handled; send your own.',
          fields: [],
        })),
      });
      const { el } = await located(client);
      await vi.waitFor(() => $(el, '[part=nearby]'));
      $(el, 'button[name=support]').click();
      await vi.waitFor(() => expect($(el, 'form').textContent).toContain('no longer being handled'));
      expect($(el, 'form').hidden).toBe(false);
    });
  });

  it('says clearly when geolocation is denied', async () => {
    vi.spyOn(navigator.geolocation, 'getCurrentPosition').mockImplementation((_ok, fail) =>
      fail?.({ code: 1, PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3, message: 'denied' } as GeolocationPositionError),
    );
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    await ready(el);
    $(el, 'button[name=locate]').click();
    await vi.waitFor(() => expect($(el, '#geo').textContent).toBe('Izin lokasi ditolak. Pilih kelurahan dari daftar di bawah.'));
    expect($(el, '#geo').getAttribute('role')).toBe('status');
  });

  it('queues offline submissions and replays them once, with the same key', async () => {
    let online = false;
    const calls: { key: string | null | undefined; hash: string | null | undefined; online: boolean }[] = [];
    const submitReport = vi.fn(async (input: SubmitReportInput, _options?: SubmitOptions) => {
      const reachable = online;
      calls.push({ key: input.idempotencyKey, hash: input.residentKeyHash, online: reachable });
      await new Promise((r) => setTimeout(r, 20));
      if (!reachable) throw offline();
      return submitted;
    });
    const client = fakeClient({ submitReport });
    configureOutbox(() => client);
    const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, client);
    const done = vi.fn();
    el.addEventListener('aduan-submitted', done);
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Saluran air tersumbat.');
    choose(el, [await image(2000, 1000)]);
    await vi.waitFor(() => $(el, '.photos img'));
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, 'section[part=queued]').textContent).toContain('Waiting to send: 1 report'));
    expect(el.shadowRoot!.activeElement?.id).toBe('q-title');
    await vi.waitFor(async () => expect(await pending()).toHaveLength(1));
    const stored = (await pending())[0]!;
    expect(stored.input.description).toBe('Saluran air tersumbat.');
    expect(stored.photos[0]).toBeInstanceOf(Blob);
    expect(stored.photos[0]!.type).toBe('image/jpeg');

    online = true;
    dispatchEvent(new Event('online'));
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect($(el, '[part=tracking-code]').textContent).toBe('K7QX-4M2P'));
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.filter((c) => c.online)).toHaveLength(1);
    expect(new Set(calls.map((c) => c.key))).toEqual(new Set([stored.key]));
    // The same resident key through every attempt, kept once the report is stored.
    expect(new Set(calls.map((c) => c.hash)).size).toBe(1);
    expect(await sha256(localStorage.getItem('aduan-key:K7QX-4M2P')!)).toBe(calls[0]!.hash);
    expect(await pending()).toHaveLength(0);
    expect(done).toHaveBeenCalledOnce();
    expect(submitReport.mock.calls.at(-1)![1]!.photos![0]!.size).toBe(stored.photos[0]!.size);
  });

  it('sends reports left from an earlier page load with only the script on the page', async () => {
    const client = fakeClient();
    configureOutbox(() => client);
    const input: SubmitReportInput = { site: 'demo', category: 'other', description: 'Dari kunjungan kemarin', idempotencyKey: 'earlier-key' };
    await enqueue({ key: 'earlier-key', api: 'https://aduan.test/graphql', input, photos: [], createdAt: 1 });
    const announced = new Promise<CustomEvent>((resolve) => document.addEventListener('aduan-submitted', (e) => resolve(e as CustomEvent), { once: true }));
    await replayOutbox();
    expect((await announced).detail).toMatchObject({ trackingCode: 'K7QX-4M2P', queued: true });
    expect(client.submitReport).toHaveBeenCalledOnce();
    expect(client.submitReport.mock.calls[0]![0]).toEqual(input);
    expect(await pending()).toHaveLength(0);
  });

  it('drops a queued report refused by the server and shows why', async () => {
    let online = false;
    const refusal: SubmitReportResult = { __typename: 'InvalidInput', code: 'UNKNOWN_CATEGORY', message: 'Kategori tidak dikenal.', fields: [] };
    const client = fakeClient({
      submitReport: vi.fn(async () => {
        if (!online) throw offline();
        return refusal;
      }),
    });
    configureOutbox(() => client);
    const el = await mount('aduan-report', { site: 'demo' }, client);
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Saluran air tersumbat.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, 'section[part=queued]'));
    online = true;
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect($(el, '#e-category').textContent).toBe('Kategori tidak dikenal.'));
    expect(await pending()).toHaveLength(0);
    expect(($(el, '[name=description]') as HTMLTextAreaElement).value).toBe('Saluran air tersumbat.');
  });

  it('has a catalogue of four fixtures', () => expect(categories).toHaveLength(4));
});

async function image(width: number, height: number): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#c33';
  ctx.fillRect(0, 0, width, height);
  const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], 'photo.png', { type: 'image/png' });
}

function choose(el: HTMLElement, files: File[]): void {
  const input = $(el, '[name=photos]') as HTMLInputElement;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change'));
}

describe('<aduan-report> photos', () => {
  it('resizes to JPEG with the longest side 1600 px, previews, and shows upload progress', async () => {
    let release!: (r: SubmitReportResult) => void;
    const submitReport = vi.fn(
      (_input: SubmitReportInput, options?: { photos?: readonly Blob[]; onProgress?: (p: { loaded: number; total: number }) => void }) => {
        options?.onProgress?.({ loaded: 40, total: 100 });
        return new Promise<SubmitReportResult>((r) => (release = r));
      },
    );
    const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, fakeClient({ submitReport }));
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Pohon tumbang menutup jalan.');
    choose(el, [await image(3200, 1200)]);
    $(el, 'button[type=submit]').click(); // before the resize has finished: the submit waits for it
    await vi.waitFor(() => expect($(el, '.photos img').getAttribute('alt')).toBe('Photo 1'));
    await vi.waitFor(() => expect(($(el, 'progress') as HTMLProgressElement).value).toBe(40));
    expect($(el, 'label[for=progress]').textContent).toBe('Uploading photos');
    release(submitted);
    await vi.waitFor(() => $(el, '[part=success]'));
    const photo = submitReport.mock.calls[0]![1]!.photos![0]!;
    expect(photo.type).toBe('image/jpeg');
    const bitmap = await createImageBitmap(photo);
    expect([bitmap.width, bitmap.height]).toEqual([1600, 600]);
  });

  it('takes at most three photos', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, fakeClient());
    await ready(el);
    const one = await image(40, 30);
    choose(el, [one, one, one, one]);
    await vi.waitFor(() => expect(el.shadowRoot!.querySelectorAll('.photos img')).toHaveLength(3));
    expect($(el, '#e-photos').textContent).toBe('At most 3 photos.');
    expect(($(el, '[name=photos]') as HTMLInputElement).disabled).toBe(true);
  });
});

/** base64url SHA-256, as the server hashes a resident key. */
async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

describe('<aduan-report> location', () => {
  const locatedAt = (latitude: number, longitude: number) =>
    vi.spyOn(navigator.geolocation, 'getCurrentPosition').mockImplementation((ok) => ok({ coords: { latitude, longitude } } as GeolocationPosition));

  it('lists kelurahan by name, grouped by kecamatan, so typing a name finds it', async () => {
    const client = fakeClient();
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    await vi.waitFor(() => $(el, 'select[name=jurisdiction] optgroup'));
    const groups = [...el.shadowRoot!.querySelectorAll('select[name=jurisdiction] optgroup')].map((g) => [
      g.getAttribute('label'),
      [...g.querySelectorAll('option')].map((o) => o.textContent),
    ]);
    expect(groups).toEqual([
      ['Kecamatan Alak', ['Alak', 'Naikolan']],
      ['Kecamatan Oebobo', ['Oebobo', 'Oetete']],
    ]);
    expect(client.jurisdictions).toHaveBeenCalledWith('53.71', 3);
    const select = $(el, 'select[name=jurisdiction]') as HTMLSelectElement;
    select.focus();
    await userEvent.keyboard('Oeb');
    expect(select.value).toBe('53.71.04.1001');
  });

  it('a GPS point outside the city says what to do next, and a kelurahan chosen replaces it: the report goes without a reload', async () => {
    locatedAt(-8.65, 115.2); // Bali
    const outside = {
      __typename: 'InvalidInput' as const,
      code: 'OUTSIDE_SERVICE_AREA',
      message: 'Lokasi ini berada di luar wilayah layanan Kota Kupang.',
      fields: [],
    };
    const routingPreview = vi.fn(async (input: { location?: unknown }) =>
      input.location ? outside : { __typename: 'RoutingPreview' as const, agency: report.agency, area: report.area, reason: 'rule', responseHours: 72 },
    );
    const client = fakeClient({ routingPreview });
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    await ready(el);
    set(el, 'category', 'pothole');
    $(el, 'button[name=locate]').click();
    await vi.waitFor(() => expect($(el, '[part=routing]').textContent).toBe('Lokasi Anda di luar wilayah layanan ini. Pilih kelurahan di bawah.'));
    expect($(el, '#geo').textContent).toBe(''); // not "Lokasi ditemukan." beside it
    // A point outside the city is no location: the kelurahan and the landmark are asked for.
    expect(el.shadowRoot!.querySelector('button[name=clearLocation]')).toBeNull();
    expect($(el, 'label[for=placeText]').textContent).not.toContain('(opsional)');
    set(el, 'jurisdiction', '53.71.04.1001');
    await vi.waitFor(() => expect($(el, '[part=routing]').textContent).toContain('Dinas Perhubungan Kota Kupang'));
    set(el, 'description', 'Jalan berlubang besar di depan sekolah.');
    set(el, 'placeText', 'depan SD Inpres Oebobo');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '[part=tracking-code]'));
    const input = client.submitReport.mock.calls[0]![0] as SubmitReportInput;
    expect(input.jurisdictionCode).toBe('53.71.04.1001');
    expect(input.location).toBeUndefined();
  });

  it('“Hapus lokasi” forgets the point; without one, the landmark is no longer optional', async () => {
    locatedAt(-10.17, 123.6);
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    await ready(el);
    set(el, 'category', 'pothole');
    expect($(el, 'label[for=placeText]').textContent!.trim()).toBe('Patokan atau nama jalan');
    $(el, 'button[name=locate]').click();
    await vi.waitFor(() => expect($(el, 'label[for=placeText]').textContent).toContain('(opsional)'));
    $(el, 'button[name=clearLocation]').click();
    await el.updateComplete;
    expect($(el, '#geo').textContent).toBe('');
    expect(el.shadowRoot!.querySelector('[part=routing]')).toBeNull();
    expect($(el, 'label[for=placeText]').textContent).not.toContain('(opsional)');
    expect($(el, 'input[name=placeText]').hasAttribute('required')).toBe(true);
  });
});

describe('<aduan-report> feedback that tells the truth', () => {
  it('an empty submit lists every missing field at once, and each error goes as soon as its field is right', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    await vi.waitFor(() => $(el, 'select[name=jurisdiction] option[value="53.71.04.1001"]'));
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '#e-placeText'));
    expect([...el.shadowRoot!.querySelectorAll('[part=error-summary] li')].map((li) => li.textContent)).toEqual([
      'Pilih kategori.',
      'Tulis paling sedikit 5 karakter.',
      'Gunakan lokasi Anda atau pilih kelurahan.',
      'Tulis patokan atau nama jalan agar petugas dapat menemukannya.',
    ]);
    const invalid = () => [...el.shadowRoot!.querySelectorAll('[aria-invalid=true]')].map((c) => c.getAttribute('name'));
    expect(invalid()).toEqual(['category', 'description', 'jurisdiction', 'placeText']);
    set(el, 'category', 'pothole');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#e-category')).toBeNull();
    expect(invalid()).toEqual(['description', 'jurisdiction', 'placeText']);
    set(el, 'description', 'Jalan berlubang');
    set(el, 'jurisdiction', '53.71.04.1001');
    await el.updateComplete;
    expect(invalid()).toEqual(['placeText']);
    set(el, 'placeText', 'depan pasar');
    await el.updateComplete;
    expect(invalid()).toEqual([]);
    expect($(el, '[part=error-summary]').textContent!.trim()).toBe('');
  });

  it.each([
    ['busy', 'HTTP 429', 'Server Aduan sedang sibuk. Laporan Anda disimpan di perangkat ini dan dikirim otomatis sebentar lagi.'],
    ['server', 'HTTP 500', 'Terjadi gangguan di server Aduan. Laporan Anda disimpan di perangkat ini dan dikirim lagi otomatis.'],
    ['offline', 'Failed to fetch', 'Menunggu untuk dikirim: 1 laporan. Laporan dikirim otomatis saat koneksi kembali.'],
  ] as const)('a server that is %s keeps the report and says so truthfully', async (reason, message, said) => {
    const client = fakeClient({ submitReport: vi.fn(async () => Promise.reject(new AduanNetworkError(message, reason))) });
    configureOutbox(() => client);
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Saluran air tersumbat di gang.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, '[part=queued]').textContent).toContain(said));
    expect(await pending()).toHaveLength(1);
    expect(el.shadowRoot!.querySelector('[part=error-summary] li')).toBeNull();
  });

  it('tells a page whose origin Aduan does not allow that it is not registered, and the webmaster which origin to add', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // The browser hides a CORS refusal as a failed fetch, while the server answers (here: this test server).
    const refused = fakeClient({ url: `${location.origin}/graphql`, categories: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    const el = await mount('aduan-report', { site: 'demo', lang: 'id', api: `${location.origin}/graphql` }, refused);
    await vi.waitFor(() => expect($(el, '[role=alert]').textContent).toContain('situs ini belum terdaftar di Aduan'));
    expect(errors).toHaveBeenCalledWith(`Aduan: add ${location.origin} to allowedOrigins of site demo`);
    // No server at all: the connection, as before.
    const away = fakeClient({ url: 'http://127.0.0.1:9/graphql', categories: vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))) });
    const el2 = await mount('aduan-report', { site: 'demo', lang: 'id' }, away);
    await vi.waitFor(() => expect($(el2, '[role=alert]').textContent).toBe('Formulir tidak dapat dimuat. Periksa koneksi Anda.'));
  });

  it('keeps a paste longer than 5,000 characters whole and says so at once', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, fakeClient());
    await ready(el);
    const long = 'Air PDAM tidak mengalir sejak Senin. '.repeat(184); // 6,808 characters
    set(el, 'description', long);
    await el.updateComplete;
    expect(($(el, 'textarea[name=description]') as HTMLTextAreaElement).value).toBe(long);
    expect($(el, '#e-description').textContent).toBe(`Too long: ${long.trim().length} of 5000 characters. Shorten it before sending.`);
    set(el, 'description', long.slice(0, 4000));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#e-description')).toBeNull();
  });
});

describe('<aduan-report> after sending', () => {
  async function send(el: HTMLElement) {
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Saluran air tersumbat di gang.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '[part=success] button[name=copy]'));
  }

  it('the receipt shares the code and the public status link, never the resident key', async () => {
    Object.defineProperty(navigator, 'share', { value: undefined, configurable: true });
    try {
      const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
      await send(el);
      const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('a[part=share]')].map((a) => decodeURIComponent(a.href));
      expect(links).toHaveLength(2);
      expect(links[0]).toMatch(/^https:\/\/wa\.me\/\?text=Kode laporan saya di Aduan: K7QX-4M2P\. Cek statusnya di https:\/\/aduan\.test\/\?code=K7QX-4M2P$/);
      expect(links[1]).toMatch(/^sms:\?&body=Kode laporan saya/);
      const key = localStorage.getItem('aduan-key:K7QX-4M2P')!;
      expect(links.join()).not.toContain(key);
    } finally {
      delete (navigator as { share?: unknown }).share;
    }
    const share = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'share', { value: share, configurable: true });
    try {
      const el = await mount('aduan-report', { site: 'demo', lang: 'en' }, fakeClient());
      await send(el);
      $(el, 'button[name=share]').click();
      expect(share).toHaveBeenCalledWith({ text: 'My Aduan report code: K7QX-4M2P. Check its status at https://aduan.test/?code=K7QX-4M2P' });
    } finally {
      delete (navigator as { share?: unknown }).share;
    }
  });

  it('keeps the code on one line on a 360 px phone', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    el.style.width = '328px'; // a 360 px screen less the page's margins
    await send(el);
    const code = $(el, '[part=tracking-code]');
    code.textContent = 'KPG-C68J8-71ATG'; // as long as a real code
    expect(code.scrollWidth).toBeLessThanOrEqual(code.clientWidth);
    expect(code.getClientRects()).toHaveLength(1);
  });

  it('lists the reports this device sent under “Laporan saya”, and opens their status', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    await ready(el);
    expect(el.shadowRoot!.querySelector('button[name=mine]')).toBeNull();
    await send(el);
    $(el, '[part=success] button:not([name])').click(); // "Buat laporan lain"
    await vi.waitFor(() => expect($(el, 'button[name=mine]').textContent).toBe('Laporan saya (1)'));
    $(el, 'button[name=mine]').click();
    await vi.waitFor(() => $(el, '[part=mine] li'));
    expect($(el, '[part=mine] li').textContent).toContain('K7QX-4M2P');
    expect($(el, '[part=mine] li').textContent).toContain('Diterima');
    expect(el.shadowRoot!.activeElement?.id).toBe('m-title');
    $(el, '[part=mine] button[name=view]').click();
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('aduan-status')?.code).toBe('K7QX-4M2P'));
  });

  it('shows the code of a report the outbox sent on a later page load, and keeps it in “Laporan saya”', async () => {
    const client = fakeClient();
    configureOutbox(() => client);
    const input: SubmitReportInput = { site: 'demo', category: 'other', description: 'Dikirim saat offline kemarin', idempotencyKey: 'later-key' };
    await enqueue({ key: 'later-key', api: 'https://aduan.test/graphql', input, photos: [], createdAt: 1 });
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    await ready(el);
    await replayOutbox();
    await vi.waitFor(() => expect(el.shadowRoot!.querySelector('button[name=mine]')?.textContent).toBe('Laporan saya (1)'));
    expect($(el, '[part=sent-later]').textContent).toBe('Laporan tertunda sudah terkirim. Kode pelacakan: K7QX-4M2P');
    expect(await pending()).toHaveLength(0);
  });
});

describe('<aduan-report> map', () => {
  const site = siteWithMap;
  const lastLng = (client: ReturnType<typeof fakeClient>) =>
    (client.routingPreview.mock.lastCall?.[0] as { location?: { lng: number } } | undefined)?.location?.lng;

  it('is fetched only when opened; the pin moves by the arrow keys, the routing preview follows it, and the point is sent', async () => {
    const client = fakeClient({ site: vi.fn(async () => site) });
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    await ready(el);
    set(el, 'category', 'pothole');
    await vi.waitFor(() => $(el, 'button[name=openMap]'));
    expect(el.shadowRoot!.querySelector('.leaflet-container')).toBeNull();
    $(el, 'button[name=openMap]').click();
    const pin = await vi.waitFor(() => $(el, '.aduan-pin'));
    expect($(el, '[part=map]').textContent).toContain('© OpenStreetMap contributors');
    expect(el.shadowRoot!.activeElement).toBe(pin);
    expect(pin.getAttribute('aria-label')).toBe('Penanda lokasi laporan');
    await userEvent.keyboard('{ArrowRight}');
    await vi.waitFor(() => expect(lastLng(client)).toBeDefined());
    const first = lastLng(client)!;
    expect(first).toBeGreaterThan(123.6); // right of the area's middle
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await vi.waitFor(() => expect(lastLng(client)).toBeGreaterThan(first));
    expect($(el, '#geo').textContent).toBe('Lokasi dipilih di peta.');
    expect($(el, 'label[for=placeText]').textContent).toContain('(opsional)');
    set(el, 'description', 'Lubang besar di tengah jalan.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '[part=tracking-code]'));
    const input = client.submitReport.mock.calls[0]![0] as SubmitReportInput;
    expect(input.location?.lng).toBe(lastLng(client));
    expect(input.jurisdictionCode).toBeUndefined();
  });

  it('starts with one request: the catalogue, the site and the kelurahan of the area the page names', async () => {
    const client = fakeClient();
    const el = await mount('aduan-report', { site: 'demo', lang: 'id', jurisdiction: '53.71.04' }, client);
    await vi.waitFor(() => $(el, 'select[name=jurisdiction] option[value="53.71.04.1001"]'));
    expect(client.formStart).toHaveBeenCalledOnce();
    expect(client.formStart).toHaveBeenCalledWith('demo', 'ID', '53.71.04');
  });

  it('is not offered when the site has none', async () => {
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    await vi.waitFor(() => $(el, 'select[name=jurisdiction] option[value="53.71.04.1001"]'));
    expect(el.shadowRoot!.querySelector('button[name=openMap]')).toBeNull();
  });
});
