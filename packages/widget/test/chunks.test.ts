// What a resident sees while the form starts, and when a part of the widget that comes
// with a chunk cannot load (a slow or lost connection): never a dead end.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FormStartDocument, ProofOfWorkChallengeDocument, SubmitReportDocument, type FormStart } from '@aduan/client';
import { chunks } from '../src/common/chunks.js';
import { clientFor } from '../src/common/client.js';
import { configureOutbox, pending } from '../src/common/outbox.js';
import { $, categories, clearOutbox, fakeClient, kecamatan, kelurahan, mount, report, set, siteWithMap, submitted } from './fixtures.js';

const ready = (el: HTMLElement) => vi.waitFor(() => $(el, 'select[name=category] option[value=pothole]'));

/** The error a browser gives for a chunk it could not fetch. */
const unreachable = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

/** Until the returned function is called, the chunk `name` cannot load. */
function offline(name: keyof typeof chunks): () => void {
  const spy = vi.spyOn(chunks, name).mockImplementation(unreachable as never);
  return () => spy.mockRestore();
}

beforeEach(async () => {
  await clearOutbox();
  localStorage.removeItem('aduan-mine');
});
afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('a part that cannot load', () => {
  // First in this file: once a page has defined <aduan-status>, its chunk is not fetched again.
  it('the status of a report just sent says it could not load, and “Coba lagi” shows it', async () => {
    const backOnline = offline('status');
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    await ready(el);
    set(el, 'category', 'other');
    set(el, 'description', 'Saluran air tersumbat di gang.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, '[part=success] button[name=follow]'));
    $(el, 'button[name=follow]').click();
    await vi.waitFor(() => expect($(el, 'p[role=alert]').textContent).toBe('Status laporan ini tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi.'));
    backOnline();
    $(el, 'button[name=retry]').click();
    await vi.waitFor(() => $(el.shadowRoot!.querySelector('aduan-status')!, '[part=timeline]'));
    expect(el.shadowRoot!.querySelector('button[name=retry]')).toBeNull();
  });

  it('“Gunakan lokasi saya” says why nothing happened, the kelurahan list still works, and a later try finds the location', async () => {
    vi.spyOn(navigator.geolocation, 'getCurrentPosition').mockImplementation((ok) =>
      ok({ coords: { latitude: -10.17, longitude: 123.6 } } as GeolocationPosition),
    );
    const backOnline = offline('location');
    const client = fakeClient();
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    await ready(el);
    $(el, 'button[name=locate]').click();
    await vi.waitFor(() =>
      expect($(el, '#geo').textContent).toBe('Lokasi belum dapat dipakai. Periksa koneksi Anda, lalu coba lagi, atau pilih kelurahan di bawah.'),
    );
    set(el, 'jurisdiction', '53.71.04.1001');
    expect(($(el, 'select[name=jurisdiction]') as HTMLSelectElement).value).toBe('53.71.04.1001');

    backOnline();
    $(el, 'button[name=locate]').click();
    await vi.waitFor(() => expect($(el, '#geo').textContent).toBe('Lokasi ditemukan.'));
  });

  it('the map says it could not load and keeps its button, which opens it on the next try', async () => {
    const backOnline = offline('map');
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient({ site: vi.fn(async () => siteWithMap) }));
    await ready(el);
    $(el, 'button[name=openMap]').click();
    await vi.waitFor(() =>
      expect($(el, '#geo').textContent).toBe('Peta tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi, atau pilih kelurahan di bawah.'),
    );
    backOnline();
    $(el, 'button[name=openMap]').click();
    await vi.waitFor(() => $(el, '.aduan-pin'));
    expect($(el, '#geo').textContent).toBe('');
  });

  it('a photo chosen asks to be chosen again, and then it comes', async () => {
    const backOnline = offline('photos');
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    await ready(el);
    const photo = async () => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 40;
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const input = $(el, '[name=photos]') as HTMLInputElement;
      const files = new DataTransfer();
      files.items.add(new File([blob], 'foto.png', { type: 'image/png' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change'));
    };
    await photo();
    await vi.waitFor(() => expect($(el, '#e-photos').textContent).toBe('Foto belum dapat diproses. Periksa koneksi Anda, lalu pilih fotonya lagi.'));
    backOnline();
    await photo();
    await vi.waitFor(() => $(el, '.photos img'));
    expect(el.shadowRoot!.querySelector('#e-photos')).toBeNull();
  });

  it('“Laporan saya” says it could not load, and “Coba lagi” lists the reports', async () => {
    localStorage.setItem(
      'aduan-mine',
      JSON.stringify([{ code: report.trackingCode, names: report.category.names, status: 'RECEIVED', at: report.submittedAt, timeZone: report.timeZone }]),
    );
    const backOnline = offline('receipt');
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, fakeClient());
    await vi.waitFor(() => $(el, 'button[name=mine]'));
    $(el, 'button[name=mine]').click();
    await vi.waitFor(() => expect($(el, 'p[role=alert]').textContent).toBe('Bagian ini tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi.'));
    backOnline();
    $(el, 'p[role=alert] + button').click();
    await vi.waitFor(() => expect($(el, '[part=mine] li').textContent).toContain(report.trackingCode));
  });
});

describe('<aduan-report> while it starts', () => {
  it('is drawn whole at once, its lists disabled and saying they load, and asks for its catalogue once', async () => {
    let answer!: (start: FormStart) => void;
    const client = fakeClient({ formStart: vi.fn(() => new Promise<FormStart>((resolve) => (answer = resolve))) });
    const el = await mount('aduan-report', { site: 'demo', lang: 'id' }, client);
    const category = $(el, 'select[name=category]') as HTMLSelectElement;
    expect(category.disabled).toBe(true);
    expect(category.options[0]!.textContent).toBe('Memuat formulir…');
    expect(($(el, 'select[name=jurisdiction]') as HTMLSelectElement).disabled).toBe(true);
    expect($(el, 'select[name=jurisdiction]').closest('.field')!.hasAttribute('hidden')).toBe(false);
    expect($(el, 'textarea[name=description]')).toBeTruthy();
    expect($(el, 'button[type=submit]')).toBeTruthy();
    const height = el.getBoundingClientRect().height;

    answer({ categories, site: { ...(await client.site('demo'))!, kelurahan, kecamatan } });
    await ready(el);
    expect(category.disabled).toBe(false);
    expect(category.options[0]!.textContent).toBe('Pilih kategori');
    // Its lists filled in, the form has not jumped.
    expect(Math.abs(el.getBoundingClientRect().height - height)).toBeLessThan(4);
    expect(client.formStart).toHaveBeenCalledOnce();
  });
});

describe('with the client a page gets by default', () => {
  function server() {
    const sent: { method: string; operation: string }[] = [];
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      const query = init?.method === 'GET' ? new URL(url).searchParams.get('query') : JSON.parse(String(init?.body)).query;
      sent.push({ method: init?.method ?? 'GET', operation: /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? '' });
      const data =
        query === FormStartDocument
          ? { categories, site: { ...siteWithMap, map: null, kelurahan, kecamatan } }
          : query === ProofOfWorkChallengeDocument
            ? { proofOfWorkChallenge: null }
            : query === SubmitReportDocument
              ? { submitReport: submitted }
              : null;
      return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetch);
    return sent;
  }

  it('starts with one GET; a report sent while the rest of the client cannot load waits on the device, and goes once it can', async () => {
    const sent = server();
    const api = 'https://aduan.test/graphql';
    configureOutbox(clientFor);
    const el = document.createElement('aduan-report');
    el.setAttribute('site', 'demo');
    el.setAttribute('lang', 'id');
    el.dataset['api'] = api;
    document.body.append(el);
    await ready(el);
    expect(sent).toEqual([{ method: 'GET', operation: 'FormStart' }]);

    const backOnline = offline('requests');
    set(el, 'category', 'other');
    set(el, 'description', 'Saluran air tersumbat di gang.');
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, 'section[part=queued]').textContent).toContain('Laporan disimpan di perangkat ini'));
    expect(await pending()).toHaveLength(1);
    expect(sent).toHaveLength(1);

    backOnline();
    dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect($(el, '[part=tracking-code]').textContent).toBe(report.trackingCode));
    expect(sent.map((s) => s.operation)).toEqual(['FormStart', 'ProofOfWorkChallenge', 'SubmitReport']);
    expect(await pending()).toHaveLength(0);
  });
});
