import { html, render } from 'lit';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Report } from '../src/common/api.js';
import { setLang } from '../src/common/locale.controller.js';
import { barChart, lineChart } from '../src/statistics/charts.js';
import { $, fakeApi, mount } from './fixtures.js';

afterEach(() => {
  document.body.replaceChildren();
  setLang('id');
});

async function violations(el: Element): Promise<string[]> {
  const result = await axe.run(el, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const REPORT: Report = {
  trackingCode: 'KPG-AAAAA-BBBBB',
  status: 'RECEIVED',
  description: '<script>alert(1)</script><b>bold</b>',
  placeText: '<img src=x>',
  submittedAt: '2026-01-05T01:00:00Z',
  dueAt: '2026-01-06T01:00:00Z',
  overdue: true,
  category: { code: 'jalan-rusak', name: 'Jalan rusak' },
  area: { code: '53.71.04.1001', displayName: 'Kelurahan Oebobo', timeZone: 'Asia/Makassar' },
  allowedTransitions: ['ACKNOWLEDGED', 'REJECTED'],
  lat: -10.16885,
  lng: 123.60194,
  reporter: { name: 'Maria', email: 'maria@example.org', phone: null },
  locale: 'ID',
  agency: { slug: 'dinas-pupr', name: 'Dinas PUPR', shortName: 'PUPR' },
  routingMethod: 'POINT',
  routingReason: 'Point is in Kelurahan Oebobo',
  duplicateOf: null,
  photos: [
    { id: 'p1', contentType: 'image/jpeg', byteSize: 204_800, width: 1600, height: 1200, url: '/staff/photos/p1' },
    { id: 'p2', contentType: 'image/webp', byteSize: 102_400, width: 800, height: 600, url: '/staff/photos/p2' },
  ],
  events: [
    { at: '2026-01-05T01:00:00Z', kind: 'SUBMITTED', status: 'RECEIVED', publicNote: null, internalNote: null, actor: 'resident', reason: null },
    { at: '2026-01-05T02:00:00Z', kind: 'ESCALATED', status: 'RECEIVED', publicNote: null, internalNote: 'Lewat tenggat <i>x</i>', actor: 'system', reason: null },
  ],
};

describe('charts', () => {
  it('are images named by their title and description, with the numbers in a table', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    render(
      html`${barChart({ id: 'b', title: 'Per kategori', desc: '2 batang', items: [{ label: 'Sampah', value: 3 }, { label: 'Jalan', value: 1 }], labelHeader: 'Kategori', valueHeader: 'Jumlah', tableCaption: 'Data', empty: 'Kosong' })}
        ${lineChart({ id: 'l', title: 'Tren', desc: 'Dua garis', points: [{ label: 'W1', received: 2, resolved: 0 }, { label: 'W2', received: 4, resolved: 1 }], headers: ['Minggu', 'Masuk', 'Selesai'], legend: ['Masuk', 'Selesai'], tableCaption: 'Data tren', empty: 'Kosong' })}`,
      host,
    );
    const svgs = host.querySelectorAll('svg[role=img]');
    expect(svgs).toHaveLength(2);
    expect(svgs[0]!.getAttribute('aria-labelledby')).toBe('b-t b-d');
    expect(host.querySelector('#b-t')!.textContent).toBe('Per kategori');
    expect(host.querySelectorAll('svg[data-chart=b] rect.bar')).toHaveLength(2);
    expect([...host.querySelectorAll('table')[1]!.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual(['W120', 'W241']);
    expect(await violations(host)).toEqual([]);
  });
});

describe('login', () => {
  it('announces wrong credentials and sends JSON with the CSRF header and same-origin credentials', async () => {
    const { api, requests } = fakeApi(() => ({ login: { __typename: 'InvalidInput', code: 'INVALID_CREDENTIALS', message: 'x', fields: [] } }));
    const el = await mount('aduan-console-login', { api });
    ($(el, '#email') as HTMLInputElement).value = 'ana@example.org';
    ($(el, '#password') as HTMLInputElement).value = 'wrong';
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, '[role=alert]').textContent).toContain('E-mail atau kata sandi salah.'));
    expect(requests[0]).toMatchObject({ operation: 'Login', credentials: 'same-origin' });
    expect(requests[0]!.headers.get('x-aduan-csrf')).toBe('1');
    expect(requests[0]!.headers.get('content-type')).toBe('application/json');
    expect(await violations(el)).toEqual([]);
  });

  it('fires aduan-logged-in with the staff member', async () => {
    const staff = { kind: 'ACCOUNT', email: 'ana@example.org', name: 'Ana', role: 'STAFF', agency: { slug: 'a', name: 'A', shortName: null } };
    const { api } = fakeApi(() => ({ login: { __typename: 'LoggedIn', staff } }));
    const el = await mount('aduan-console-login', { api });
    const event = new Promise<CustomEvent>((resolve) => el.addEventListener('aduan-logged-in', (e) => resolve(e as CustomEvent), { once: true }));
    ($(el, '#email') as HTMLInputElement).value = 'ana@example.org';
    ($(el, '#password') as HTMLInputElement).value = 'right';
    $(el, 'button[type=submit]').click();
    expect((await event).detail.staff).toEqual(staff);
  });
});

describe('report page', () => {
  it('shows what residents wrote as text, internal notes apart, and only the allowed actions', async () => {
    const { api } = fakeApi((operation) => (operation === 'Report' ? { report: REPORT } : null));
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: null });
    await vi.waitFor(() => $(el, '.description'));
    expect($(el, '.description').textContent).toBe(REPORT.description);
    expect(el.shadowRoot!.querySelector('script, b, i')).toBeNull();
    // The only images are the photos: same-origin thumbnails linking to the full image.
    expect([...el.shadowRoot!.querySelectorAll('img')].map((img) => [img.getAttribute('src'), img.alt, img.closest('a')!.getAttribute('href')])).toEqual([
      ['/staff/photos/p1', 'Foto 1 dari 2', '/staff/photos/p1'],
      ['/staff/photos/p2', 'Foto 2 dari 2', '/staff/photos/p2'],
    ]);
    expect($(el, '.note.internal').textContent).toContain('Lewat tenggat <i>x</i>');
    expect([...el.shadowRoot!.querySelectorAll('.transitions button')].map((b) => b.getAttribute('name'))).toEqual(['to-ACKNOWLEDGED', 'to-REJECTED']);
    expect(el.shadowRoot!.querySelector('form.reroute')).toBeNull(); // no reroute for STAFF
    expect($(el, 'a[name=osm]').getAttribute('href')).toContain('mlat=-10.168850&mlon=123.601940');
    expect(el.shadowRoot!.textContent).toContain('1600 × 1200');
    expect(await violations(el)).toEqual([]);
  });

  it('requires a reason to reject, and a tracking code for a duplicate', async () => {
    const sent: unknown[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: REPORT };
      sent.push(variables.input);
      return { updateReportStatus: { __typename: 'ReportUpdated', report: { ...REPORT, status: 'REJECTED', allowedTransitions: [] } } };
    });
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: null });
    await vi.waitFor(() => $(el, 'button[name=to-REJECTED]'));
    $(el, 'button[name=to-REJECTED]').click();
    await vi.waitFor(() => $(el, 'select#reason'));
    $(el, 'button[name=confirm]').click();
    await vi.waitFor(() => expect($(el, 'form.change [role=alert]').textContent).toContain('Pilih alasan penolakan.'));
    const select = $(el, 'select#reason') as HTMLSelectElement;
    select.value = 'DUPLICATE';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(() => $(el, '#duplicateOf'));
    ($(el, '#duplicateOf') as HTMLInputElement).value = 'KPG-CCCCC-DDDDD';
    $(el, 'button[name=confirm]').click();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ trackingCode: REPORT.trackingCode, status: 'REJECTED', reason: 'DUPLICATE', duplicateOf: 'KPG-CCCCC-DDDDD' });
    await vi.waitFor(() => expect($(el, '#notice').textContent).toContain('Ditolak'));
  });
});

describe('note without a status change', () => {
  it('asks for a note, then sends addReportNote with only the notes written', async () => {
    const sent: { operation: string; input: unknown }[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: REPORT };
      sent.push({ operation, input: variables.input });
      const event = { at: '2026-01-05T03:00:00Z', kind: 'INTERNAL_NOTE', status: 'RECEIVED', publicNote: null, internalNote: 'Cek lokasi besok', actor: 'staff:x', reason: null };
      return { addReportNote: { __typename: 'ReportUpdated', report: { ...REPORT, events: [...REPORT.events, event] } } };
    });
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: null });
    await vi.waitFor(() => $(el, 'form.note'));
    $(el, 'button[name=save-note]').click();
    await vi.waitFor(() => expect($(el, 'form.note [role=alert]').textContent).toContain('Tulis catatan publik atau catatan internal.'));
    expect(sent).toEqual([]);
    ($(el, '#noteInternal') as HTMLTextAreaElement).value = '  Cek lokasi besok ';
    $(el, 'button[name=save-note]').click();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ operation: 'AddNote', input: { trackingCode: REPORT.trackingCode, internalNote: 'Cek lokasi besok' } });
    await vi.waitFor(() => expect($(el, '#notice').textContent).toContain('Catatan disimpan.'));
    expect(($(el, '#noteInternal') as HTMLTextAreaElement).value).toBe('');
    expect($(el, '.badge[data-status]').getAttribute('data-status')).toBe('RECEIVED');
    expect(await violations(el)).toEqual([]);
  });
});

describe('language', () => {
  it('switches every element and remembers the choice', async () => {
    const { api } = fakeApi(() => ({ login: null }));
    const el = await mount('aduan-console-login', { api });
    expect($(el, 'h1').textContent).toBe('Masuk ke konsol');
    setLang('en');
    await el.updateComplete;
    expect($(el, 'h1').textContent).toBe('Log in to the console');
    expect(localStorage.getItem('aduan-console-lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
