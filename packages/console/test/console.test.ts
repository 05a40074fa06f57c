import { html, render } from 'lit';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delivery, InboxRow, Report, Staff } from '../src/common/api.js';
import { setLang } from '../src/common/locale.controller.js';
import { barChart, lineChart } from '@aduan/charts';
import { $, $$, fakeApi, find, focused, mount, shadowText } from './fixtures.js';
import indexHtml from '../index.html?raw';

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
  assignee: null,
  escalatedAt: null,
  readOnly: false,
  allowedTransitions: ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED'],
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
    {
      at: '2026-01-05T01:00:00Z',
      kind: 'SUBMITTED',
      status: 'RECEIVED',
      publicNote: null,
      internalNote: null,
      actor: 'resident',
      actorName: null,
      reason: null,
      assignee: null,
      previousAssignee: null,
    },
    {
      at: '2026-01-05T02:00:00Z',
      kind: 'ESCALATED',
      status: 'RECEIVED',
      publicNote: null,
      internalNote: 'Lewat tenggat <i>x</i>',
      actor: 'system',
      actorName: null,
      reason: null,
      assignee: null,
      previousAssignee: null,
    },
  ],
  deliveries: [],
};

/** A row of the inbox list as the API gives it (InboxPage), the report above unless told otherwise. */
function entry(trackingCode = REPORT.trackingCode, more: Partial<InboxRow> = {}): InboxRow {
  return {
    trackingCode,
    status: 'RECEIVED',
    description: REPORT.description,
    placeText: REPORT.placeText,
    submittedAt: REPORT.submittedAt,
    dueAt: REPORT.dueAt,
    overdue: false,
    escalatedAt: null,
    categoryName: REPORT.category.name,
    areaDisplayName: REPORT.area.displayName,
    timeZone: REPORT.area.timeZone,
    agencyName: REPORT.agency.name,
    agencyShortName: REPORT.agency.shortName,
    assigneeName: null,
    ...more,
  };
}

describe('charts', () => {
  it('are images named by their title and description, with the numbers in a table', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    render(
      html`${barChart({
        id: 'b',
        title: 'Per kategori',
        desc: '2 batang',
        items: [
          { label: 'Sampah', value: 3 },
          { label: 'Jalan', value: 1 },
        ],
        labelHeader: 'Kategori',
        valueHeader: 'Jumlah',
        tableCaption: 'Data',
        empty: 'Kosong',
      })}
        ${lineChart({
          id: 'l',
          title: 'Tren',
          desc: 'Dua garis',
          points: [
            { label: 'W1', received: 2, resolved: 0 },
            { label: 'W2', received: 4, resolved: 1 },
          ],
          headers: ['Minggu', 'Masuk', 'Selesai'],
          legend: ['Masuk', 'Selesai'],
          tableCaption: 'Data tren',
          empty: 'Kosong',
        })}`,
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

describe('the page around the views', () => {
  it('holds its one main landmark in the document, where the skip link leads, and axe finds nothing to object to', async () => {
    const { api } = fakeApi(() => ({ me: null }));
    const el = await mount('aduan-console', { api });
    await vi.waitFor(() => $(el, 'aduan-console-login'));
    const main = document.getElementById('main');
    expect(main?.localName).toBe('main');
    expect(document.querySelectorAll('main')).toHaveLength(1);
    expect(main!.shadowRoot!.querySelector('aduan-console-login')).not.toBeNull();
    const skip = $(el, 'a.skip') as HTMLAnchorElement;
    expect(skip.hash).toBe('#main');
    skip.click();
    await vi.waitFor(() => expect(document.activeElement).toBe(main));
    // Among axe's rules, skip-link: its target must be in the document.
    expect(await violations(el)).toEqual([]);
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
    const staff = {
      kind: 'ACCOUNT',
      email: 'ana@example.org',
      name: 'Ana',
      role: 'STAFF',
      mustChangePassword: false,
      agency: { slug: 'a', name: 'A', shortName: null },
    };
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
    expect(find(el, 'script, b, i')).toBeNull();
    // The only images are the photos: same-origin thumbnails linking to the full image.
    expect($$<HTMLImageElement>(el, 'img').map((img) => [img.getAttribute('src'), img.alt, img.closest('a')!.getAttribute('href')])).toEqual([
      ['/staff/photos/p1', 'Foto 1 dari 2', '/staff/photos/p1'],
      ['/staff/photos/p2', 'Foto 2 dari 2', '/staff/photos/p2'],
    ]);
    expect($(el, '.note.internal').textContent).toContain('Lewat tenggat <i>x</i>');
    expect($$(el, '.transitions button').map((b) => b.getAttribute('name'))).toEqual(['to-ACKNOWLEDGED', 'to-IN_PROGRESS', 'to-RESOLVED', 'to-REJECTED']);
    expect(find(el, 'form.reroute')).toBeNull(); // no reroute for STAFF
    expect($(el, 'a[name=osm]').getAttribute('href')).toContain('mlat=-10.168850&mlon=123.601940');
    // In Indonesian, not enum names.
    expect(shadowText(el)).toContain('Point is in Kelurahan Oebobo (menurut titik lokasi)');
    expect(shadowText(el)).toContain('Bahasa Indonesia');
    expect(shadowText(el)).not.toMatch(/\(POINT\)|: ID\b/);
    expect(shadowText(el)).toContain('1600 × 1200');
    expect(await violations(el)).toEqual([]);
  });

  it('resolves a received report in one go with a public note, saying which statuses are recorded on the way', async () => {
    const sent: unknown[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: REPORT };
      if (operation === 'ReportDeliveries') return { report: { deliveries: [] } };
      sent.push(variables.input);
      return { updateReportStatus: { __typename: 'ReportUpdated', report: { ...REPORT, status: 'RESOLVED', allowedTransitions: ['CLOSED', 'IN_PROGRESS'] } } };
    });
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: null });
    (await vi.waitFor(() => $(el, 'button[name=to-ACKNOWLEDGED]'))).click();
    await vi.waitFor(() => $(el, 'form.change'));
    expect(find(el, '#steps-between')).toBeNull(); // the next step has none between
    $(el, 'button[name=to-RESOLVED]').click();
    await vi.waitFor(() =>
      expect($(el, '#steps-between').textContent).toBe('Status di antaranya (Ditanggapi, Sedang dikerjakan) ikut dicatat di riwayat, tanpa catatan.'),
    );
    ($(el, 'textarea#publicNote') as HTMLTextAreaElement).value = 'Lubang sudah ditambal';
    $(el, 'button[name=confirm]').click();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ trackingCode: REPORT.trackingCode, status: 'RESOLVED', publicNote: 'Lubang sudah ditambal' });
    await vi.waitFor(() => expect($(el, '#notice').textContent).toContain('Selesai'));
  });

  it('requires a reason to reject, and a tracking code for a duplicate', async () => {
    const sent: unknown[] = [];
    const { api, requests } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: REPORT };
      if (operation === 'ReportDeliveries') return { report: { deliveries: [] } };
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
    expect(focused(el)?.id).toBe('notice');
    // The change may have queued e-mail: the deliveries are read again.
    await vi.waitFor(() => expect(requests.map((r) => r.operation)).toEqual(['Report', 'UpdateReportStatus', 'ReportDeliveries']));
  });

  it('shows "not allowed" from a form as the page’s message, and announces a required password change', async () => {
    const refusal = (code: string) => Object.assign(new Error('refused'), { name: code });
    let answer = refusal('PASSWORD_CHANGE_REQUIRED');
    const { api } = fakeApi((operation) => (operation === 'Report' ? { report: REPORT } : answer));
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: STAFF });
    await vi.waitFor(() => $(el, 'button[name=take]'));
    const announced = new Promise((resolve) => el.addEventListener('aduan-password-change-required', resolve, { once: true }));
    $(el, 'button[name=take]').click();
    await announced;
    await vi.waitFor(() => expect(($(el, 'button[name=take]') as HTMLButtonElement).disabled).toBe(false));
    answer = refusal('Error');
    $(el, 'button[name=take]').click();
    await vi.waitFor(() => expect($(el, '#h-assign ~ [role=alert]').textContent).toBe('refused'));
    answer = refusal('FORBIDDEN');
    $(el, 'button[name=to-ACKNOWLEDGED]').click();
    await vi.waitFor(() => $(el, 'button[name=confirm]'));
    $(el, 'button[name=confirm]').click();
    await vi.waitFor(() => expect($(el, '[role=alert]').textContent).toBe('Anda tidak berhak melihat ini.'));
    expect(find(el, 'form.change')).toBeNull();
    expect(await violations(el)).toEqual([]);
  });
});

describe('note without a status change', () => {
  it('asks for a note, then sends addReportNote with only the notes written', async () => {
    const sent: { operation: string; input: unknown }[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: REPORT };
      if (operation === 'ReportDeliveries') return { report: { deliveries: [] } };
      sent.push({ operation, input: variables.input });
      const event = {
        at: '2026-01-05T03:00:00Z',
        kind: 'INTERNAL_NOTE',
        status: 'RECEIVED',
        publicNote: null,
        internalNote: 'Cek lokasi besok',
        actor: 'staff:x',
        actorName: 'Budi Lado',
        reason: null,
        assignee: null,
        previousAssignee: null,
      };
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
    expect(sent[0]).toEqual({ operation: 'AddReportNote', input: { trackingCode: REPORT.trackingCode, internalNote: 'Cek lokasi besok' } });
    await vi.waitFor(() => expect($(el, '#notice').textContent).toContain('Catatan disimpan.'));
    expect(($(el, '#noteInternal') as HTMLTextAreaElement).value).toBe('');
    expect($(el, '.badge[data-status]').getAttribute('data-status')).toBe('RECEIVED');
    // Staff are named, not numbered.
    expect($$(el, '.timeline .event-head').map((h) => h.textContent)).toContainEqual(expect.stringContaining('oleh Budi Lado'));
    expect(await violations(el)).toEqual([]);
  });
});

const SUPERVISOR: Staff = { kind: 'ACCOUNT', email: 'ana@pupr.example', name: 'Ana', role: 'SUPERVISOR', mustChangePassword: false, agency: REPORT.agency };
const STAFF: Staff = { ...SUPERVISOR, email: 'budi@pupr.example', name: 'Budi', role: 'STAFF' };
const PEOPLE = [
  { name: 'Ana', email: 'ana@pupr.example' },
  { name: 'Budi', email: 'budi@pupr.example' },
];

describe('assignment on the report page', () => {
  it('gives a supervisor a picker of the agency’s staff and records the assignment', async () => {
    const sent: unknown[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: REPORT };
      if (operation === 'ReportDeliveries') return { report: { deliveries: [] } };
      if (operation === 'AgencyStaff') {
        sent.push(['AgencyStaff', variables.agency]);
        return { agencyStaff: PEOPLE };
      }
      sent.push(['AssignReport', variables.code, variables.assignee]);
      const event = {
        at: '2026-01-05T03:00:00Z',
        kind: 'ASSIGNED',
        status: 'RECEIVED',
        publicNote: null,
        internalNote: null,
        actor: 'staff:a',
        actorName: 'Ana',
        reason: null,
        assignee: PEOPLE[1],
        previousAssignee: null,
      };
      return { assignReport: { __typename: 'ReportUpdated', report: { ...REPORT, assignee: PEOPLE[1], events: [...REPORT.events, event] } } };
    });
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: SUPERVISOR });
    await vi.waitFor(() => expect($$(el, 'select#assignee option')).toHaveLength(3));
    expect($(el, 'dd.assignee').textContent).toBe('Belum ditugaskan');
    expect($(el, 'label[for=assignee]').textContent).toBe('Tugaskan ke');
    expect(await violations(el)).toEqual([]);
    const select = $(el, 'select#assignee') as HTMLSelectElement;
    select.value = 'budi@pupr.example';
    $(el, 'button[name=assign]').click();
    await vi.waitFor(() => expect($(el, '#notice').textContent).toBe('Ditugaskan ke Budi.'));
    expect(sent).toEqual([
      ['AgencyStaff', 'dinas-pupr'],
      ['AssignReport', REPORT.trackingCode, 'budi@pupr.example'],
    ]);
    expect($(el, 'dd.assignee').textContent).toBe('Budi (budi@pupr.example)');
    expect($(el, '.note.assignment').textContent).toBe('Ditugaskan ke Budi');
    expect(await violations(el)).toEqual([]);
  });

  it('lets staff take an unassigned report and give it up, and shows a refusal in words', async () => {
    let assignee: (typeof PEOPLE)[number] | null = null;
    let refuse = false;
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: { ...REPORT, assignee } };
      if (refuse)
        return { assignReport: { __typename: 'InvalidInput', code: 'ALREADY_ASSIGNED', message: 'x', fields: [{ field: 'assignee', message: 'x' }] } };
      assignee = variables.assignee ? PEOPLE.find((p) => p.email === variables.assignee)! : null;
      return { assignReport: { __typename: 'ReportUpdated', report: { ...REPORT, assignee } } };
    });
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: STAFF });
    await vi.waitFor(() => $(el, 'button[name=take]'));
    expect(find(el, 'select#assignee')).toBeNull(); // no picker for staff
    $(el, 'button[name=take]').click();
    await vi.waitFor(() => expect($(el, '#notice').textContent).toBe('Ditugaskan ke Budi.'));
    $(el, 'button[name=give-up]').click();
    await vi.waitFor(() => expect($(el, '#notice').textContent).toBe('Penugasan dilepas.'));
    refuse = true;
    $(el, 'button[name=take]').click();
    await vi.waitFor(() => expect($(el, '#h-assign ~ [role=alert]').textContent).toContain('sudah ditugaskan ke orang lain'));
    expect(await violations(el)).toEqual([]);
  });

  it('shows another agency’s escalated report read-only, without any control', async () => {
    const { api } = fakeApi((operation) =>
      operation === 'Report' ? { report: { ...REPORT, readOnly: true, allowedTransitions: [], escalatedAt: '2026-01-07T01:00:00Z' } } : null,
    );
    const el = await mount('aduan-console-report', {
      api,
      code: REPORT.trackingCode,
      staff: { ...SUPERVISOR, agency: { slug: 'pusat', name: 'Pusat', shortName: null } },
    });
    await vi.waitFor(() => $(el, '.readonly'));
    expect($(el, '.readonly').textContent).toContain('Hanya-baca: laporan Dinas PUPR ini dieskalasi ke instansi Anda.');
    for (const selector of ['.transitions', 'form.note', 'form.assign', 'form.reroute', 'button[name=take]']) {
      expect(find(el, selector), selector).toBeNull();
    }
    expect(shadowText(el)).toContain('Dieskalasi');
    expect(await violations(el)).toEqual([]);
  });

  it('names the status form’s notes and the note-only form’s notes differently', async () => {
    const { api } = fakeApi((operation) => (operation === 'Report' ? { report: REPORT } : { agencyStaff: PEOPLE }));
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: STAFF });
    await vi.waitFor(() => $(el, 'button[name=to-ACKNOWLEDGED]'));
    $(el, 'button[name=to-ACKNOWLEDGED]').click();
    await vi.waitFor(() => $(el, 'form.change'));
    const names = $$(el, 'textarea').map((area) => (area.getRootNode() as ShadowRoot).querySelector(`label[for="${area.id}"]`)!.textContent);
    expect(names).toEqual([
      'Catatan publik untuk perubahan status',
      'Catatan internal untuk perubahan status',
      'Catatan publik (status tetap)',
      'Catatan internal (status tetap)',
    ]);
    expect(await violations(el)).toEqual([]);
  });
});

describe('change password', () => {
  it('checks the repetition, words the API’s refusals, and reports the change', async () => {
    const sent: unknown[] = [];
    let answer: unknown = {
      changePassword: { __typename: 'InvalidInput', code: 'WRONG_PASSWORD', message: 'x', fields: [{ field: 'currentPassword', message: 'x' }] },
    };
    const { api } = fakeApi((_operation, variables) => {
      sent.push(variables);
      return answer;
    });
    const el = await mount('aduan-console-password', { api, staff: { ...STAFF, mustChangePassword: true }, required: true });
    expect($(el, 'h1').textContent).toBe('Ganti kata sandi');
    expect($(el, '.intro').textContent).toContain('kata sandi sekali pakai');
    const fill = (current: string, next: string, repeat: string) => {
      ($(el, '#current-password') as HTMLInputElement).value = current;
      ($(el, '#new-password') as HTMLInputElement).value = next;
      ($(el, '#repeat-password') as HTMLInputElement).value = repeat;
      $(el, 'button[type=submit]').click();
    };
    fill('sekali-pakai', 'kupang-kota-kasih', 'kupang-kota-kasi');
    await vi.waitFor(() => expect($(el, '[role=alert]').textContent).toContain('Kedua kata sandi baru tidak sama.'));
    expect(sent).toEqual([]);
    fill('salah', 'kupang-kota-kasih', 'kupang-kota-kasih');
    await vi.waitFor(() => expect($(el, '[role=alert]').textContent).toContain('Kata sandi saat ini salah.'));
    expect(sent).toEqual([{ current: 'salah', next: 'kupang-kota-kasih' }]);
    expect($(el, '#current-password').getAttribute('aria-invalid')).toBe('true');
    expect(el.shadowRoot!.activeElement?.id).toBe('current-password');
    expect(await violations(el)).toEqual([]);

    answer = { changePassword: { __typename: 'PasswordChanged', staff: STAFF } };
    const changed = new Promise<CustomEvent>((resolve) => el.addEventListener('aduan-password-changed', (e) => resolve(e as CustomEvent), { once: true }));
    fill('sekali-pakai', 'kupang-kota-kasih', 'kupang-kota-kasih');
    expect((await changed).detail.staff).toEqual(STAFF);
  });

  it('is all a one-time password session sees, then the inbox', async () => {
    let must = true;
    const { api } = fakeApi((operation) => {
      if (operation === 'Me') return { me: { ...STAFF, mustChangePassword: must } };
      if (operation === 'ChangePassword') {
        must = false;
        return { changePassword: { __typename: 'PasswordChanged', staff: STAFF } };
      }
      if (operation === 'InboxPage') return { inboxPage: { entries: [], pageInfo: { hasNextPage: false, endCursor: null } } };
      if (operation === 'Areas') return { kecamatan: [], kelurahan: [] };
      if (operation === 'CategoryOptions') return { categories: [] };
      return new Error('not needed');
    });
    const el = await mount('aduan-console', { api });
    await vi.waitFor(() => $(el, 'aduan-console-password'));
    expect(el.shadowRoot!.querySelector('nav')).toBeNull();
    const form = $(el, 'aduan-console-password') as HTMLElementTagNameMap['aduan-console-password'];
    await form.updateComplete;
    expect(await violations(form)).toEqual([]);
    ($(form, '#current-password') as HTMLInputElement).value = 'sekali-pakai-123';
    ($(form, '#new-password') as HTMLInputElement).value = 'kupang-kota-kasih';
    ($(form, '#repeat-password') as HTMLInputElement).value = 'kupang-kota-kasih';
    $(form, 'button[type=submit]').click();
    await vi.waitFor(() => $(el, 'aduan-console-inbox'));
    expect($(el, '.notice').textContent).toBe('Kata sandi Anda telah diganti.');
    expect([...el.shadowRoot!.querySelectorAll('nav a')].map((a) => a.textContent)).toEqual(['Kotak masuk', 'Statistik']);
    expect($(el, 'a.header-link').textContent).toBe('Ganti kata sandi');
    // The role in words, not the enum.
    expect($(el, '.who').textContent).toContain('· Petugas');
  });
});

describe('inbox views', () => {
  it('filters by assignee, and the escalations view asks for escalated reports with their agency', async () => {
    const filters: Record<string, unknown>[] = [];
    const row = entry(REPORT.trackingCode, {
      escalatedAt: '2026-01-07T01:00:00Z',
      assigneeName: PEOPLE[1]!.name,
      agencyName: 'Dinas Lingkungan Hidup',
      agencyShortName: 'DLHK',
    });
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'InboxPage') {
        filters.push(variables.filter as Record<string, unknown>);
        return { inboxPage: { entries: [row], pageInfo: { hasNextPage: false, endCursor: null } } };
      }
      if (operation === 'Areas') return { kecamatan: [], kelurahan: [] };
      if (operation === 'CategoryOptions') return { categories: [] };
      if (operation === 'AgencyStaff') return { agencyStaff: PEOPLE };
      return new Error('not needed');
    });
    const inbox = await mount('aduan-console-inbox', { api, staff: SUPERVISOR });
    await vi.waitFor(() => expect(inbox.shadowRoot!.querySelectorAll('#f-assigned option')).toHaveLength(4));
    // Targets a finger can hit: 24 px at least.
    for (const selector of ['#f-overdue', 'td.code a']) {
      const box = (await vi.waitFor(() => inbox.shadowRoot!.querySelector(selector)!)).getBoundingClientRect();
      expect(Math.min(box.width, box.height), selector).toBeGreaterThanOrEqual(24);
    }
    // It opens on the reports still waiting for an answer.
    expect(filters[0]).toEqual({ order: 'NEWEST', status: ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] });
    expect((inbox.shadowRoot!.querySelector('#f-status') as HTMLSelectElement).value).toBe('OPEN');
    expect([...inbox.shadowRoot!.querySelectorAll('#f-assigned option')].map((o) => o.textContent!.trim())).toEqual([
      'Semua',
      'Ditugaskan ke saya',
      'Belum ditugaskan',
      'Ditugaskan ke Budi',
    ]);
    const select = $(inbox, '#f-assigned') as HTMLSelectElement;
    select.value = 'ME';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(filters.at(-1)).toMatchObject({ assignedTo: 'ME' }));
    expect($(inbox, 'tbody tr').textContent).toContain('Budi');
    expect($(inbox, 'tbody tr').textContent).toContain('Dieskalasi');

    const escalations = await mount('aduan-console-inbox', { api, staff: SUPERVISOR, view: 'escalations' });
    await vi.waitFor(() => expect($(escalations, 'h1').textContent).toBe('Eskalasi'));
    await vi.waitFor(() => expect(filters.at(-1)).toEqual({ order: 'NEWEST', escalated: true }));
    await vi.waitFor(() => $(escalations, 'tbody tr'));
    expect([...escalations.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent)).toContain('Instansi');
    expect($(escalations, 'tbody tr').textContent).toContain('DLHK');
    expect(await violations(escalations)).toEqual([]);
  });
});

describe('inbox search', () => {
  it('keeps what is typed in the search box when a list arrives meanwhile, and applies it', async () => {
    const filters: Record<string, unknown>[] = [];
    let release: (() => void) | null = null;
    const { api } = fakeApi(async (operation, variables) => {
      if (operation === 'InboxPage') {
        filters.push(variables.filter as Record<string, unknown>);
        // The second list (after the status filter changes) arrives only when released: a slow network.
        if (filters.length === 2) await new Promise<void>((resolve) => (release = resolve));
        return { inboxPage: { entries: [entry()], pageInfo: { hasNextPage: false, endCursor: null } } };
      }
      if (operation === 'Areas') return { kecamatan: [], kelurahan: [] };
      if (operation === 'CategoryOptions') return { categories: [] };
      return new Error('not needed');
    });
    const inbox = await mount('aduan-console-inbox', { api, staff: SUPERVISOR });
    await vi.waitFor(() => $(inbox, 'tbody tr'));
    const status = $(inbox, '#f-status') as HTMLSelectElement;
    status.value = 'RECEIVED';
    status.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(release).not.toBeNull());
    const search = $(inbox, '#f-text') as HTMLInputElement;
    search.value = 'lubang';
    search.dispatchEvent(new Event('input'));
    release!();
    await vi.waitFor(() => expect($(inbox, '.summary').textContent).toContain('1'));
    await inbox.updateComplete;
    expect(search.value).toBe('lubang');
    ($(inbox, 'button[name=apply]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(filters.at(-1)).toMatchObject({ status: ['RECEIVED'], text: 'lubang' }));
  });
});

describe('inbox pages', () => {
  it('lists the API’s order, marks overdue and escalated rows, and loads the next page after the last row', async () => {
    const asked: Record<string, unknown>[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'InboxPage') {
        asked.push(variables);
        return variables.after === null
          ? {
              inboxPage: {
                entries: [
                  entry('KPG-AAAAA-11111', { overdue: true, escalatedAt: '2026-01-07T01:00:00Z' }),
                  entry('KPG-AAAAA-22222', { placeText: 'depan pasar' }),
                ],
                pageInfo: { hasNextPage: true, endCursor: 'after-two' },
              },
            }
          : {
              inboxPage: {
                entries: [entry('KPG-AAAAA-33333', { status: 'RESOLVED', placeText: null })],
                pageInfo: { hasNextPage: false, endCursor: 'after-three' },
              },
            };
      }
      if (operation === 'Areas') return { kecamatan: [], kelurahan: [] };
      if (operation === 'CategoryOptions') return { categories: [] };
      if (operation === 'AgencyStaff') return { agencyStaff: PEOPLE };
      return new Error('not needed');
    });
    const inbox = await mount('aduan-console-inbox', { api, staff: SUPERVISOR });
    await vi.waitFor(() => expect($(inbox, '.summary').textContent!.trim()).toBe('2 laporan ditampilkan; masih ada lagi'));
    const rows = () => [...inbox.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr')];
    expect(rows().map((row) => row.dataset['code'])).toEqual(['KPG-AAAAA-11111', 'KPG-AAAAA-22222']);
    expect(rows()[0]!.classList.contains('overdue')).toBe(true);
    expect(rows()[0]!.textContent).toContain('⚠ Lewat tenggat');
    expect(rows()[0]!.textContent).toContain('⬆ Dieskalasi');
    expect(rows()[1]!.classList.contains('overdue')).toBe(false);
    expect(rows()[1]!.textContent).toContain('— depan pasar');
    expect(rows()[1]!.textContent).toContain('Belum ditugaskan');

    ($(inbox, 'button[name=more]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    expect(asked.at(-1)).toMatchObject({ after: 'after-two', first: 25, filter: asked[0]!.filter });
    expect(rows()[2]!.textContent).toContain('Selesai');
    expect(focused(inbox)?.textContent).toBe('KPG-AAAAA-33333');
    expect(find(inbox, 'button[name=more]')).toBeNull();
    expect($(inbox, '.summary').textContent!.trim()).toBe('3 laporan ditampilkan');

    const order = $(inbox, '#f-order') as HTMLSelectElement;
    order.value = 'MOST_OVERDUE';
    order.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(asked.at(-1)).toMatchObject({ after: null, filter: { order: 'MOST_OVERDUE' } }));
    expect(await violations(inbox)).toEqual([]);
  });
});

describe('inbox counts', () => {
  it('shows how many reports each filter matches, counted by the API in one request', async () => {
    setLang('id');
    const asked: Record<string, unknown>[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'InboxPage') return { inboxPage: { entries: [], pageInfo: { hasNextPage: false, endCursor: null } } };
      if (operation === 'InboxCounts') {
        asked.push(variables);
        const n = (totalCount: number) => ({ totalCount });
        return { open: n(1234), overdue: n(7), received: n(800), acknowledged: n(300), inProgress: n(134), mine: n(12), unassigned: n(1000) };
      }
      if (operation === 'Areas') return { kecamatan: [], kelurahan: [] };
      if (operation === 'CategoryOptions') return { categories: [] };
      if (operation === 'AgencyStaff') return { agencyStaff: PEOPLE };
      return new Error('not needed');
    });
    const inbox = await mount('aduan-console-inbox', { api, staff: SUPERVISOR });
    await vi.waitFor(() => $(inbox, 'ul.counts'));
    const chips = [...inbox.shadowRoot!.querySelectorAll('ul.counts button')].map((b) => b.textContent!.replace(/\s+/g, ' ').trim());
    expect(chips).toEqual([
      'Terbuka: 1.234',
      '⚠ Lewat tenggat: 7',
      'Diterima: 800',
      'Ditanggapi: 300',
      'Sedang dikerjakan: 134',
      'Ditugaskan ke saya: 12',
      'Belum ditugaskan: 1.000',
    ]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ withMine: true, mine: { assignedTo: 'ME' }, overdue: { overdue: true } });
    expect(await violations(inbox)).toEqual([]);
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

  it('describes the page to search engines in the language chosen, starting from index.html’s words', async () => {
    const page = new DOMParser().parseFromString(indexHtml, 'text/html');
    const description = page.querySelector<HTMLMetaElement>('meta[name=description]')!;
    const indonesian = description.content;
    expect(indonesian).toMatch(/^Konsol petugas instansi/);
    document.head.append(description);
    try {
      setLang('en');
      expect(description.content).toMatch(/^The agency staff console/);
      setLang('id');
      expect(description.content).toBe(indonesian);
    } finally {
      description.remove();
    }
  });
});

// A remote system's words, with markup in them: shown as text, never as markup.
const REMOTE_ERROR = 'The receiver answered 503: <img src=x onerror="window.__pwned=1"><b>maintenance</b>.';
const DEAD: Delivery = {
  id: '6f1c0000-0000-4000-8000-000000000001',
  trackingCode: REPORT.trackingCode,
  event: 'report.routed',
  state: 'DEAD',
  attempts: 2,
  nextAttemptAt: '2026-01-05T01:10:00Z',
  lastError: REMOTE_ERROR,
  lastErrorKind: 'REFUSED',
  createdAt: '2026-01-05T01:00:00Z',
  deliveredAt: null,
  deadAt: '2026-01-08T01:00:00Z',
  remoteId: null,
  agency: REPORT.agency,
  recipient: null,
  channel: { name: 'sim-pupr', kind: 'WEBHOOK', target: 'https://sim-pupr.kupang.example/aduan/webhook', removed: false, agency: REPORT.agency },
  attemptLog: [
    { number: 1, startedAt: '2026-01-05T01:00:01Z', durationMs: 120, ok: false, statusCode: 503, error: REMOTE_ERROR, errorKind: 'REFUSED', worker: 'host-1' },
    {
      number: 2,
      startedAt: '2026-01-05T01:00:31Z',
      durationMs: 3000,
      ok: false,
      statusCode: null,
      error: 'No answer within 3000 ms.',
      errorKind: 'TIMEOUT',
      worker: 'host-1',
    },
  ],
};
const PENDING: Delivery = {
  ...DEAD,
  id: '6f1c0000-0000-4000-8000-000000000002',
  state: 'PENDING',
  attempts: 1,
  lastError: 'ADUAN_SMTP_URL is not set.',
  lastErrorKind: 'MISCONFIGURED',
  deadAt: null,
  channel: { name: 'surel-pupr', kind: 'EMAIL', target: 'pupr@example.org', removed: false, agency: REPORT.agency },
  attemptLog: [
    {
      number: 1,
      startedAt: '2026-01-05T01:00:01Z',
      durationMs: 4,
      ok: false,
      statusCode: null,
      error: 'ADUAN_SMTP_URL is not set.',
      errorKind: 'MISCONFIGURED',
      worker: 'host-1',
    },
  ],
};
/** E-mail to the reporter that the mail server kept refusing: the same outbox, no channel. */
const DEAD_MAIL: Delivery = {
  ...DEAD,
  id: '6f1c0000-0000-4000-8000-000000000003',
  event: 'resident.RESOLVED',
  lastError: 'The mail server did not take it: Error EENVELOPE SMTP 550',
  channel: null,
  recipient: { kind: 'REPORTER', name: null },
  attemptLog: [
    {
      number: 1,
      startedAt: '2026-01-05T01:00:01Z',
      durationMs: 40,
      ok: false,
      statusCode: 550,
      error: 'The mail server did not take it: Error EENVELOPE SMTP 550',
      errorKind: 'REFUSED',
      worker: 'host-1',
    },
  ],
};
const ADMIN: Staff = { ...SUPERVISOR, email: 'admin@kupang.example', name: 'Admin', role: 'ADMIN', agency: { slug: 'pusat', name: 'Pusat', shortName: null } };

describe('deliveries on the report page', () => {
  it('lists every delivery with its state in words, the remote error as text and the attempts, and delivers a dead one again', async () => {
    let deliveries: Delivery[] = [DEAD, PENDING];
    const sent: unknown[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: { ...REPORT, deliveries } };
      if (operation === 'AgencyStaff') return { agencyStaff: PEOPLE };
      if (operation === 'Redeliver') {
        sent.push(variables.id);
        deliveries = [{ ...DEAD, state: 'PENDING', deadAt: null, nextAttemptAt: '2026-01-09T00:00:00Z' }, PENDING];
        return { redeliver: { __typename: 'DeliveryRequeued', delivery: deliveries[0] } };
      }
      if (operation === 'ReportDeliveries') {
        // The worker has sent it by the time the page looks again.
        deliveries = [
          {
            ...DEAD,
            state: 'DELIVERED',
            deadAt: null,
            lastError: null,
            deliveredAt: '2026-01-09T00:00:02Z',
            attempts: 3,
            attemptLog: [
              ...DEAD.attemptLog,
              { number: 3, startedAt: '2026-01-09T00:00:01Z', durationMs: 80, ok: true, statusCode: 200, error: null, errorKind: null, worker: 'host-2' },
            ],
          },
          PENDING,
        ];
        return { report: { deliveries } };
      }
      return new Error('not needed');
    });
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: SUPERVISOR });
    await vi.waitFor(() => $(el, 'li.delivery'));
    expect($(el, '#h-deliveries').textContent).toBe('Pengiriman dan e-mail');
    const [dead, pending] = $$(el, 'li.delivery');
    expect(dead!.querySelector('h3')!.textContent).toBe('sim-pupr');
    expect(dead!.querySelector('[data-state]')!.textContent).toContain('Gagal — dihentikan');
    // What kind of failure in the console's language; then the receiver's own words, marked as English.
    expect(dead!.querySelector('.last-error .error-kind')!.textContent).toBe('Sistem penerima menolaknya.');
    expect(dead!.querySelector('.last-error .remote-error')!.textContent).toBe(REMOTE_ERROR);
    expect(dead!.querySelector('.last-error .remote-error')!.getAttribute('lang')).toBe('en');
    expect(pending!.querySelector('.last-error .error-kind')!.textContent).toBe('Saluran ini belum lengkap diatur, jadi belum bisa mengirim.');
    expect(dead!.textContent).toContain('https://sim-pupr.kupang.example/aduan/webhook');
    expect(find(el, 'li.delivery img, li.delivery b')).toBeNull();
    expect([...dead!.querySelectorAll('details.attempts li')].map((li) => li.querySelector('strong')!.textContent)).toEqual(['Percobaan 1', 'Percobaan 2']);
    expect(dead!.querySelector('details.attempts summary')!.textContent).toBe('Riwayat percobaan (2)');
    expect(pending!.querySelector('[data-state]')!.textContent).toContain('Menunggu');
    expect(pending!.textContent).toContain('E-mail');
    // Only a delivery that is no longer pending can be sent again.
    expect($$(el, 'button[name=redeliver]').map((b) => b.getAttribute('aria-label'))).toEqual(['Kirim ulang ke sim-pupr']);
    (dead!.querySelector('details') as HTMLDetailsElement).open = true;
    expect(await violations(el)).toEqual([]);

    $(el, 'button[name=redeliver]').click();
    await vi.waitFor(() => expect($(el, '#delivery-message').textContent).toContain('Pengiriman ke sim-pupr dijadwalkan ulang'));
    expect(sent).toEqual([DEAD.id]);
    expect(focused(el)?.id).toBe('delivery-message');
    expect($(el, 'li.delivery [data-state]').getAttribute('data-state')).toBe('PENDING');
    expect(find(el, 'button[name=redeliver]')).toBeNull();
    // It follows the delivery until the worker has tried it.
    await vi.waitFor(() => expect($(el, 'li.delivery [data-state]').getAttribute('data-state')).toBe('DELIVERED'), { timeout: 6_000 });
    expect($(el, 'li.delivery').textContent).toContain('Terkirim');
    expect($$(el, 'li.delivery')[0]!.querySelectorAll('details.attempts li')).toHaveLength(3);
    expect(await violations(el)).toEqual([]);
  });

  it('shows e-mail to the reporter in the same history, without the address, and sends a dead one again', async () => {
    const sent: unknown[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'Report') return { report: { ...REPORT, deliveries: [DEAD_MAIL] } };
      if (operation === 'AgencyStaff') return { agencyStaff: PEOPLE };
      if (operation === 'Redeliver') {
        sent.push(variables.id);
        return { redeliver: { __typename: 'DeliveryRequeued', delivery: { ...DEAD_MAIL, state: 'PENDING', deadAt: null } } };
      }
      if (operation === 'ReportDeliveries')
        return { report: { deliveries: [{ ...DEAD_MAIL, state: 'DELIVERED', deadAt: null, deliveredAt: '2026-01-09T00:00:02Z' }] } };
      return new Error('not needed');
    });
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: SUPERVISOR });
    await vi.waitFor(() => $(el, 'li.delivery'));
    const mail = $(el, 'li.delivery');
    expect(mail.querySelector('h3')!.textContent).toBe('Pelapor (e-mail)');
    expect(mail.textContent).toContain('Pemberitahuan: selesai');
    expect(mail.textContent).not.toContain('@');
    expect(await violations(el)).toEqual([]);
    $(el, 'button[name=redeliver]').click();
    await vi.waitFor(() => expect($(el, '#delivery-message').textContent).toContain('Pengiriman ke Pelapor (e-mail) dijadwalkan ulang'));
    expect(sent).toEqual([DEAD_MAIL.id]);
  });

  it('words a refusal of the API', async () => {
    const { api } = fakeApi((operation) => {
      if (operation === 'Report') return { report: { ...REPORT, deliveries: [DEAD] } };
      if (operation === 'AgencyStaff') return { agencyStaff: PEOPLE };
      if (operation === 'Redeliver') return { redeliver: { __typename: 'InvalidInput', code: 'ALREADY_PENDING', message: 'x', fields: [] } };
      if (operation === 'ReportDeliveries') return { report: { deliveries: [{ ...DEAD, state: 'PENDING' }] } };
      return new Error('not needed');
    });
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: ADMIN });
    await vi.waitFor(() => $(el, 'button[name=redeliver]'));
    $(el, 'button[name=redeliver]').click();
    await vi.waitFor(() =>
      expect($(el, 'section[aria-labelledby=h-deliveries] [role=alert]').textContent).toContain('Pengiriman ini sudah menunggu untuk dikirim.'),
    );
    await vi.waitFor(() => expect(find(el, 'button[name=redeliver]')).toBeNull());
    expect(await violations(el)).toEqual([]);
  });

  it('shows the history without "deliver again" to staff, to read-only viewers and to another agency’s supervisor', async () => {
    for (const [staff, readOnly] of [
      [STAFF, false],
      [SUPERVISOR, true],
      [{ ...SUPERVISOR, agency: { slug: 'dlhk', name: 'DLHK', shortName: null } }, false],
    ] as const) {
      const { api } = fakeApi((operation) =>
        operation === 'Report' ? { report: { ...REPORT, readOnly, deliveries: [DEAD, PENDING] } } : { agencyStaff: PEOPLE },
      );
      const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff });
      await vi.waitFor(() => expect($$(el, 'li.delivery')).toHaveLength(2));
      expect($(el, '.last-error .remote-error').textContent).toBe(REMOTE_ERROR);
      expect(find(el, 'button[name=redeliver]'), `${staff.role} ${readOnly}`).toBeNull();
      el.remove();
    }
  });

  it('says so when the agency has no channel', async () => {
    const { api } = fakeApi((operation) => (operation === 'Report' ? { report: REPORT } : new Error('not needed')));
    const el = await mount('aduan-console-report', { api, code: REPORT.trackingCode, staff: STAFF });
    await vi.waitFor(() => $(el, '#h-deliveries'));
    expect($(el, '#h-deliveries').closest('section')!.textContent).toContain(
      'Tidak ada pengiriman: instansi ini tidak punya saluran ke sistemnya sendiri, dan tidak ada e-mail tentang laporan ini.',
    );
  });
});

describe('deliveries view', () => {
  it('lists the dead letters by default, links each to its report, filters by state, and delivers again in place', async () => {
    const states: unknown[] = [];
    const { api, requests } = fakeApi((operation, variables) => {
      if (operation === 'Deliveries') {
        states.push(variables.state);
        if (variables.state === 'DEAD') return { deliveries: [DEAD] };
        if (variables.state === null) return { deliveries: [DEAD, PENDING] };
        return { deliveries: [] };
      }
      if (operation === 'Redeliver') return { redeliver: { __typename: 'DeliveryRequeued', delivery: { ...DEAD, state: 'PENDING', deadAt: null } } };
      return new Error('not needed');
    });
    const el = await mount('aduan-console-deliveries', { api, staff: SUPERVISOR });
    await vi.waitFor(() => $(el, 'tbody tr'));
    expect($(el, 'h1').textContent).toBe('Pengiriman');
    expect(states).toEqual(['DEAD']);
    expect(($(el, '#d-state') as HTMLSelectElement).value).toBe('DEAD');
    expect($(el, 'label[for=d-state]').textContent).toBe('Tampilkan');
    expect($(el, 'tbody tr a').getAttribute('href')).toBe(`/reports/${REPORT.trackingCode}`);
    expect($(el, 'tbody tr .remote-error').textContent).toBe(REMOTE_ERROR);
    expect(el.shadowRoot!.querySelector('tbody img, tbody b')).toBeNull();
    expect($(el, 'tbody tr [data-state]').textContent).toContain('Gagal — dihentikan');
    expect($(el, '.summary').textContent!.trim()).toBe('1 pengiriman ditampilkan');
    expect([...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent)).not.toContain('Instansi');
    expect(await violations(el)).toEqual([]);

    const select = $(el, '#d-state') as HTMLSelectElement;
    select.value = 'PENDING';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect($(el, '.empty').textContent).toBe('Tidak ada pengiriman yang menunggu.'));
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(el.shadowRoot!.querySelectorAll('tbody tr')).toHaveLength(2));
    expect(states).toEqual(['DEAD', 'PENDING', null]);
    expect([...el.shadowRoot!.querySelectorAll('button[name=redeliver]')].map((b) => b.getAttribute('aria-label'))).toEqual([
      `Kirim ulang: ${REPORT.trackingCode} ke sim-pupr`,
    ]);

    $(el, 'button[name=redeliver]').click();
    await vi.waitFor(() => expect($(el, '#delivery-message').textContent).toContain('dijadwalkan ulang'));
    expect($(el, `tr[data-id="${DEAD.id}"] [data-state]`).getAttribute('data-state')).toBe('PENDING');
    expect(el.shadowRoot!.querySelector('button[name=redeliver]')).toBeNull();
    expect(requests.map((r) => r.operation)).toEqual(['Deliveries', 'Deliveries', 'Deliveries', 'Redeliver']);
    expect(await violations(el)).toEqual([]);
  });

  it('shows admins the agency of each, and tells staff they may not look without asking the API', async () => {
    const { api, requests } = fakeApi((operation) => (operation === 'Deliveries' ? { deliveries: [DEAD] } : new Error('not needed')));
    const admin = await mount('aduan-console-deliveries', { api, staff: ADMIN });
    await vi.waitFor(() => $(admin, 'tbody tr'));
    expect([...admin.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent)).toContain('Instansi');
    expect($(admin, 'tbody tr').textContent).toContain('PUPR');
    setLang('en');
    await admin.updateComplete;
    expect($(admin, 'h1').textContent).toBe('Deliveries');
    expect($(admin, 'button[name=redeliver]').textContent).toBe('Deliver again');
    expect($(admin, 'tbody tr [data-state]').textContent).toContain('Failed — given up');
    setLang('id');
    admin.remove();
    requests.length = 0;

    const staff = await mount('aduan-console-deliveries', { api, staff: STAFF });
    expect($(staff, '[role=alert]').textContent).toBe('Anda tidak berhak melihat ini.');
    expect(requests).toEqual([]);
    expect(await violations(staff)).toEqual([]);
  });

  it('is in the navigation for supervisors', async () => {
    const { api } = fakeApi((operation) => {
      if (operation === 'Me') return { me: SUPERVISOR };
      if (operation === 'InboxPage') return { inboxPage: { entries: [], pageInfo: { hasNextPage: false, endCursor: null } } };
      if (operation === 'Areas') return { kecamatan: [], kelurahan: [] };
      if (operation === 'CategoryOptions') return { categories: [] };
      if (operation === 'AgencyStaff') return { agencyStaff: PEOPLE };
      return new Error('not needed');
    });
    const el = await mount('aduan-console', { api });
    await vi.waitFor(() => $(el, 'nav'));
    expect([...el.shadowRoot!.querySelectorAll('nav a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Kotak masuk', '/'],
      ['Eskalasi', '/escalations'],
      ['Pengiriman', '/deliveries'],
      ['Statistik', '/statistics'],
    ]);
  });
});
