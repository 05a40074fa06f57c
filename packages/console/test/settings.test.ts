import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/common/locale.controller.js';
import { $, $$, fakeApi, find, focused, mount, shadowText } from './fixtures.js';

beforeEach(() => setLang('id'));
afterEach(() => document.body.replaceChildren());

const DEMO = {
  key: 'demo',
  name: 'Situs Kota Kupang',
  embedSnippet: '<script src="https://aduan.kupangkota.go.id/widget/aduan.js" data-site="demo" async></script>\n<aduan-report></aduan-report>',
  area: { code: '53.71', displayName: 'Kota Kupang' },
  settings: { allowedOrigins: ['https://kupangkota.go.id'], categoryCodes: [] },
};

/** Kota Kupang's settings in the city file's shape, cut down to what the views need. */
const CITY_DOCUMENT = {
  city: '53.71',
  trackingCodePrefix: 'KPG',
  jurisdictions: [
    { code: '53.71', timeZone: 'Asia/Makassar', workingDays: [1, 2, 3, 4, 5], holidays: [{ date: '2026-12-25', name: 'Kelahiran Yesus Kristus' }] },
  ],
  agencies: [
    { slug: 'pusat-pengaduan', name: 'Pusat Pengaduan Kota Kupang', jurisdiction: '53.71', triage: true, defaultResponseHours: 72, channels: [] },
    { slug: 'dinas-pupr', name: 'Dinas PUPR Kota Kupang', shortName: 'PUPR', jurisdiction: '53.71', triage: false, defaultResponseHours: 72, channels: [] },
  ],
  categoryGroups: [{ code: 'jalan-dan-drainase', name: { id: 'Jalan dan saluran', en: 'Roads and drains' } }],
  categories: [
    { code: 'jalan-rusak', name: { id: 'Jalan rusak', en: 'Damaged road' }, group: 'jalan-dan-drainase', keywords: [], locationRequired: true },
    { code: 'sampah', name: { id: 'Sampah tidak diangkut', en: 'Rubbish not collected' }, keywords: [], locationRequired: true },
  ],
  rules: [{ name: 'Jalan rusak, Kota Kupang', category: 'jalan-rusak', jurisdiction: '53.71', agency: 'dinas-pupr', responseHours: 120 }],
};
const CITY = { cityCode: '53.71', document: JSON.stringify(CITY_DOCUMENT), withdrawnCategories: '[]' };
const AREAS = [
  { code: '53.71', label: 'Kota Kupang' },
  { code: '53.71.04', label: 'Kecamatan Oebobo' },
  { code: '53.71.04.1001', label: '— Kelurahan Oebobo' },
];
const TO_TRIAGE = {
  categoryCode: 'jalan-rusak',
  categoryName: 'Jalan rusak',
  fromAgency: 'Dinas PUPR Kota Kupang',
  toAgency: 'Pusat Pengaduan Kota Kupang',
  toTriage: true,
  areas: ['Kelurahan Oebobo', 'Kelurahan Oetete'],
};

function settingsApi(save: (input: Record<string, unknown>) => unknown) {
  const sites = [DEMO];
  return fakeApi((operation, variables) => {
    if (operation === 'AdminSites') return { me: { area: { code: '53.71', displayName: 'Kota Kupang' } }, sites };
    if (operation === 'Areas')
      return {
        kecamatan: [{ code: '53.71.04', name: 'Oebobo', displayName: 'Kecamatan Oebobo', level: 3, parentCode: '53.71' }],
        kelurahan: [
          { code: '53.71.04.1001', name: 'Oebobo', displayName: 'Kelurahan Oebobo', level: 4, parentCode: '53.71.04' },
          { code: '98.71.01.1001', name: 'Lain', displayName: 'Kelurahan Lain', level: 4, parentCode: '98.71.01' },
        ],
      };
    if (operation === 'AuditLog')
      return {
        auditLog: [{ at: '2026-12-07T01:00:00Z', actor: 'config', actorName: null, action: 'site.create', subject: 'demo', before: null, after: '{}' }],
      };
    if (operation === 'CityConfiguration') return { cityConfiguration: CITY };
    if (operation === 'SiteAllowsPage') return { site: { settings: { allowsPage: String(variables.url).startsWith('https://kupangkota.go.id') } } };
    if (operation === 'CategoryOptions')
      return {
        categories: [
          { code: 'sampah', name: 'Sampah tidak diangkut' },
          { code: 'jalan-rusak', name: 'Jalan rusak' },
        ],
      };
    if (operation === 'SaveSite') {
      const answer = save(variables.input as Record<string, unknown>);
      if ((answer as { __typename: string }).__typename === 'SiteSaved') sites.push((answer as { site: typeof DEMO }).site);
      return { saveSite: answer };
    }
    return new Error('not needed');
  });
}

describe('settings: websites that embed the form', () => {
  it('lists the city’s sites with the code to paste, and adds one with each refused field said in words', async () => {
    const sent: Record<string, unknown>[] = [];
    let refuse = true;
    const { api } = settingsApi((input) => {
      sent.push(input);
      if (refuse) {
        refuse = false;
        return {
          __typename: 'InvalidInput',
          code: 'VALIDATION_FAILED',
          message: 'x',
          fields: [{ field: 'allowedOrigins.0', message: '"pu.example" must start with http:// or https://.' }],
        };
      }
      return {
        __typename: 'SiteSaved',
        site: { ...DEMO, key: 'dinas-pu-3fa9c1', name: 'Dinas PU', settings: { allowedOrigins: ['https://pu.example'], categoryCodes: ['jalan-rusak'] } },
      };
    });
    const el = await mount('aduan-console-settings', { api });
    await vi.waitFor(() => $(el, 'li[data-key=demo]'));
    expect(($(el, '#embed-demo') as HTMLTextAreaElement).value).toBe(DEMO.embedSnippet);
    expect(shadowText(el)).toContain('berkas konfigurasi kota');
    // "Would a page at this address be allowed?"
    ($(el, '#check-demo') as HTMLInputElement).value = 'https://kupangkota.go.id/lapor';
    $(el, 'li[data-key=demo] button[name=check]').click();
    await vi.waitFor(() =>
      expect($(el, 'li[data-key=demo] form.check [role=status]').textContent).toBe('Ya: halaman https://kupangkota.go.id/lapor boleh memasang formulir ini.'),
    );
    ($(el, '#check-demo') as HTMLInputElement).value = 'https://lain.example';
    $(el, 'li[data-key=demo] button[name=check]').click();
    await vi.waitFor(() => expect($(el, 'li[data-key=demo] form.check [role=status]').textContent).toMatch(/^Tidak: https:\/\/lain\.example/));
    $(el, 'button[name=new-site]').click();
    await vi.waitFor(() => $(el, 'form.site'));
    // Only the city's own areas.
    expect($$(el, '#site-area option').map((o) => (o as HTMLOptionElement).value)).toEqual(['53.71', '53.71.04', '53.71.04.1001']);
    ($(el, '#site-name') as HTMLInputElement).value = 'Dinas PU';
    ($(el, '#site-origins') as HTMLTextAreaElement).value = 'pu.example\n';
    ($(el, 'input[value=jalan-rusak]') as HTMLInputElement).checked = true;
    $(el, 'button[name=save-site]').click();
    await vi.waitFor(() =>
      expect($(el, '#e-allowedOrigins').textContent).toBe('Alamat baris 1 tidak bisa dipakai: "pu.example" must start with http:// or https://.'),
    );
    expect($(el, '#site-origins').getAttribute('aria-invalid')).toBe('true');
    expect(sent[0]).toEqual({ name: 'Dinas PU', jurisdictionCode: '53.71', allowedOrigins: ['pu.example'], categoryCodes: ['jalan-rusak'] });
    ($(el, '#site-origins') as HTMLTextAreaElement).value = 'https://pu.example';
    $(el, 'button[name=save-site]').click();
    await vi.waitFor(() => expect($(el, '#settings-notice').textContent).toContain('Situs Dinas PU disimpan.'));
    expect(find(el, 'form.site')).toBeNull();
    await vi.waitFor(() => $(el, 'li[data-key=dinas-pu-3fa9c1]'));
    const result = await axe.run(el, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});

describe('settings: staff and tokens', () => {
  it('invites someone and shows their one-time password once, to read aloud; revokes a token', async () => {
    const sent: [string, unknown][] = [];
    const account = (email: string, name: string) => ({
      email,
      name,
      role: 'STAFF',
      active: true,
      mustChangePassword: true,
      agency: { slug: 'dinas-pupr', name: 'Dinas PUPR', shortName: 'PUPR' },
    });
    const accounts = [account('ana@kupangkota.go.id', 'Ana')];
    const tokens = [
      {
        id: 't1',
        name: 'sim-pupr',
        role: 'STAFF',
        createdAt: '2026-12-01T00:00:00Z',
        lastUsedAt: null,
        revokedAt: null as string | null,
        agency: accounts[0]!.agency,
      },
    ];
    const { api } = fakeApi((operation, variables) => {
      if (operation === 'CityStaff') return { staffAccounts: accounts, apiTokens: tokens, agencies: [accounts[0]!.agency] };
      sent.push([operation, variables]);
      if (operation === 'InviteStaff') {
        const invited = account('rina@kupangkota.go.id', 'Rina');
        accounts.push(invited);
        return { inviteStaff: { __typename: 'OneTimePassword', password: '4821 7390 1156 2087 6612', account: invited } };
      }
      if (operation === 'RevokeApiToken') {
        tokens[0]!.revokedAt = '2026-12-07T00:00:00Z';
        return { revokeApiToken: { __typename: 'ApiTokenRevoked', info: tokens[0] } };
      }
      return new Error('not needed');
    });
    const el = await mount('aduan-console-staff-settings', { api, area: '53.71' });
    await vi.waitFor(() => $(el, 'tr[data-email="ana@kupangkota.go.id"]'));
    ($(el, '#invite-name') as HTMLInputElement).value = 'Rina';
    ($(el, '#invite-email') as HTMLInputElement).value = 'rina@kupangkota.go.id';
    $(el, 'button[name=invite]').click();
    await vi.waitFor(() => expect($(el, '#secret .secret').textContent).toBe('4821 7390 1156 2087 6612'));
    expect($(el, '#secret').textContent).toContain('rina@kupangkota.go.id');
    expect(sent[0]).toEqual(['InviteStaff', { input: { agency: 'dinas-pupr', email: 'rina@kupangkota.go.id', name: 'Rina', role: 'STAFF' } }]);
    await vi.waitFor(() => $(el, 'tr[data-email="rina@kupangkota.go.id"]'));
    expect((await axe.run(el, { resultTypes: ['violations'] })).violations.map((v) => v.id)).toEqual([]);
    $(el, 'li[data-token=t1] button[name=revoke]').click();
    await vi.waitFor(() => expect($(el, 'li[data-token=t1]').textContent).toContain('dicabut'));
    // Shown once: gone after the next change.
    expect(find(el, '#secret')).toBeNull();
  });
});

describe('settings: personal data requests', () => {
  it('downloads a report’s data, and erases only after the confirmation is ticked', async () => {
    const sent: [string, unknown][] = [];
    const { api } = fakeApi((operation, variables) => {
      sent.push([operation, variables]);
      if (operation === 'ExportReportData') return { exportReportData: '{"trackingCode":"KPG-AAAAA-BBBBB"}' };
      if (operation === 'EraseReporterData') return { eraseReporterData: { trackingCode: 'KPG-AAAAA-BBBBB', contactErased: true, photosErased: 2 } };
      return new Error('not needed');
    });
    const el = await mount('aduan-console-privacy-settings', { api });
    ($(el, '#privacy-code') as HTMLInputElement).value = 'KPG-AAAAA-BBBBB';
    $(el, 'button[name=export]').click();
    const link = await vi.waitFor(() => $(el, 'a[download]') as HTMLAnchorElement);
    expect(link.download).toBe('aduan-KPG-AAAAA-BBBBB.json');
    expect(await (await fetch(link.href)).text()).toBe('{"trackingCode":"KPG-AAAAA-BBBBB"}');
    $(el, 'button[name=erase]').click();
    await vi.waitFor(() => expect($(el, '[role=status]').textContent).toBe('Centang dulu bahwa penghapusan tidak dapat dibatalkan.'));
    expect(sent.map(([op]) => op)).toEqual(['ExportReportData']);
    ($(el, '#privacy-confirm') as HTMLInputElement).checked = true;
    $(el, 'button[name=erase]').click();
    await vi.waitFor(() => expect($(el, '[role=status]').textContent).toBe('Data pribadi pelapor KPG-AAAAA-BBBBB dihapus (2 foto).'));
    expect((await axe.run(el, { resultTypes: ['violations'] })).violations.map((v) => v.id)).toEqual([]);
  });
});

describe('settings: the city’s routing and catalogue', () => {
  it('shows a category left to the triage desk before deleting its rule, and saves only when confirmed', async () => {
    const sent: [string, Record<string, unknown>][] = [];
    const { api } = fakeApi((operation, variables) => {
      sent.push([operation, variables]);
      if (operation === 'DeleteRoutingRule')
        return { deleteRoutingRule: { __typename: 'CityChanged', saved: !variables.dryRun, changed: true, routingChanges: [TO_TRIAGE] } };
      return new Error('not needed');
    });
    const el = await mount('aduan-console-routing-settings', { api, document: CITY_DOCUMENT, areas: AREAS });
    const changed = vi.fn();
    el.addEventListener('aduan-city-changed', changed);
    const row = $(el, 'tr[data-rule="jalan-rusak@53.71"]');
    expect(row.textContent).toContain('PUPR');
    expect(row.textContent).toContain('120');
    $(el, 'tr[data-rule="jalan-rusak@53.71"] button[name=delete]').click();
    await vi.waitFor(() => $(el, '.routing-preview'));
    expect($(el, '.routing-preview li.warning').textContent).toContain(
      'Jalan rusak: tidak ada instansi yang menangani di 2 wilayah — laporan akan masuk ke meja pengaduan (Pusat Pengaduan Kota Kupang).',
    );
    expect(sent).toEqual([['DeleteRoutingRule', { input: { category: 'jalan-rusak', jurisdiction: '53.71' }, dryRun: true }]]);
    expect(changed).not.toHaveBeenCalled();
    expect((await axe.run(el, { resultTypes: ['violations'] })).violations.map((v) => v.id)).toEqual([]);
    $(el, 'button[name=confirm-change]').click();
    await vi.waitFor(() => expect($(el, '#routing-notice').textContent).toBe('Aturan dihapus.'));
    expect(sent[1]).toEqual(['DeleteRoutingRule', { input: { category: 'jalan-rusak', jurisdiction: '53.71' }, dryRun: false }]);
    expect(changed).toHaveBeenCalledOnce();
    expect(find(el, '.routing-preview')).toBeNull();
  });

  it('tests where a report would go, with its deadline and reason in Bahasa Indonesia', async () => {
    const { api } = fakeApi((operation, variables) => {
      if (operation !== 'RoutingTest') return new Error('not needed');
      expect(variables.input).toEqual({ category: 'sampah', jurisdictionCode: '53.71.04.1001', locale: 'ID' });
      return {
        routingTest: {
          __typename: 'RoutingTest',
          agency: { slug: 'pusat-pengaduan', name: 'Pusat Pengaduan Kota Kupang', shortName: null },
          area: { code: '53.71.04.1001', displayName: 'Kelurahan Oebobo' },
          reason: "Warga memilih Kelurahan Oebobo; tidak ada aturan untuk 'Sampah tidak diangkut' di sana → meja pengaduan",
          responseHours: 72,
          dueAt: '2026-12-10T08:00:00Z',
          viaTriage: true,
        },
      };
    });
    const el = await mount('aduan-console-routing-settings', { api, document: CITY_DOCUMENT, areas: AREAS });
    ($(el, '#tester-category') as HTMLSelectElement).value = 'sampah';
    ($(el, '#tester-area') as HTMLSelectElement).value = '53.71.04.1001';
    $(el, 'button[name=test-routing]').click();
    await vi.waitFor(() => expect($(el, '.tester-answer').textContent).toContain('Pusat Pengaduan Kota Kupang'));
    const answer = $(el, '.tester-answer').textContent!;
    expect(answer).toContain('meja pengaduan: tidak ada aturan');
    expect(answer).toContain('72 jam — bila dikirim sekarang, sampai');
    expect(answer).toContain('Warga memilih Kelurahan Oebobo');
  });

  it('adds a category and marks the fields the city file refuses', async () => {
    const sent: Record<string, unknown>[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation !== 'SaveCategory') return new Error('not needed');
      sent.push(variables);
      if (sent.length === 1)
        return {
          saveCategory: { __typename: 'InvalidInput', code: 'VALIDATION_FAILED', message: 'x', fields: [{ field: 'name.en', message: 'must not be empty' }] },
        };
      return { saveCategory: { __typename: 'CityChanged', saved: !variables.dryRun, changed: true, routingChanges: [] } };
    });
    const el = await mount('aduan-console-catalogue-settings', { api, document: CITY_DOCUMENT, withdrawn: [] });
    expect($$(el, 'tbody tr').map((r) => r.dataset.code)).toEqual(['jalan-rusak', 'sampah']);
    $(el, 'button[name=new-category]').click();
    await vi.waitFor(() => $(el, '#category-code'));
    ($(el, '#category-code') as HTMLInputElement).value = 'pohon-tumbang';
    ($(el, '#category-name-id') as HTMLInputElement).value = 'Pohon tumbang';
    ($(el, '#category-keywords') as HTMLInputElement).value = 'pohon, dahan';
    $(el, 'button[name=save-category]').click();
    await vi.waitFor(() => expect($(el, '#category-name-en').getAttribute('aria-invalid')).toBe('true'));
    // The API words it as the city file does, in English; the Indonesian console says what the field needs.
    expect($(el, '#category-name-en-error').textContent).toBe('Tulis nama dalam bahasa Inggris (1–200 karakter); warga yang memilih English membacanya.');
    expect(sent[0]).toEqual({
      input: { code: 'pohon-tumbang', name: { id: 'Pohon tumbang', en: '' }, group: null, keywords: ['pohon', 'dahan'], locationRequired: true, active: true },
      dryRun: true,
    });
    ($(el, '#category-name-en') as HTMLInputElement).value = 'Fallen tree';
    $(el, 'button[name=save-category]').click();
    await vi.waitFor(() => expect($(el, '#catalogue-notice').textContent).toContain('Kategori Pohon tumbang disimpan'));
    // No routing moves: checked, then saved without asking.
    expect(sent.slice(1).map((v) => v.dryRun)).toEqual([true, false]);
    expect((await axe.run(el, { resultTypes: ['violations'] })).violations.map((v) => v.id)).toEqual([]);
  });

  it('says why a withdrawal was refused when no form is open to say it', async () => {
    const { api } = fakeApi((operation) =>
      operation === 'SaveCategory'
        ? {
            saveCategory: {
              __typename: 'InvalidInput',
              code: 'VALIDATION_FAILED',
              message: 'x',
              fields: [{ field: 'active', message: 'the site "demo" offers only this category: give it others first' }],
            },
          }
        : new Error('not needed'),
    );
    const el = await mount('aduan-console-catalogue-settings', { api, document: CITY_DOCUMENT, withdrawn: [] });
    $(el, 'tr[data-code=sampah] button[name=withdraw]').click();
    const alert = await vi.waitFor(() => $(el, '#catalogue-errors[role=alert]'));
    expect(alert.textContent).toContain('Ada situs yang hanya menawarkan kategori ini');
    await vi.waitFor(() => expect(focused(el)).toBe(alert));
    expect((await axe.run(el, { resultTypes: ['violations'] })).violations.map((v) => v.id)).toEqual([]);
  });

  it('renames and moves a group of categories', async () => {
    const sent: Record<string, unknown>[] = [];
    const { api } = fakeApi((operation, variables) => {
      if (operation !== 'SaveCategoryGroup') return new Error('not needed');
      sent.push(variables);
      return { saveCategoryGroup: { __typename: 'CityChanged', saved: !variables.dryRun, changed: true, routingChanges: [] } };
    });
    const document = {
      ...CITY_DOCUMENT,
      categoryGroups: [...CITY_DOCUMENT.categoryGroups, { code: 'kebersihan', name: { id: 'Kebersihan', en: 'Cleanliness' } }],
    };
    const el = await mount('aduan-console-catalogue-settings', { api, document, withdrawn: [] });
    $(el, 'li[data-group=jalan-dan-drainase] button[name=edit-group]').click();
    await vi.waitFor(() => $(el, '#group-name-id'));
    expect(find(el, '#group-code')).toBeNull();
    ($(el, '#group-name-id') as HTMLInputElement).value = 'Jalan, jembatan dan saluran';
    $(el, 'button[name=save-group]').click();
    await vi.waitFor(() => expect($(el, '#catalogue-notice').textContent).toBe('Kelompok Jalan, jembatan dan saluran disimpan.'));
    expect(sent.map((v) => [v.dryRun, v.input])).toEqual([
      [true, { code: 'jalan-dan-drainase', name: { id: 'Jalan, jembatan dan saluran', en: 'Roads and drains' } }],
      [false, { code: 'jalan-dan-drainase', name: { id: 'Jalan, jembatan dan saluran', en: 'Roads and drains' } }],
    ]);
    $(el, 'li[data-group=kebersihan] button[name=group-up]').click();
    await vi.waitFor(() => expect(sent).toHaveLength(4));
    expect(sent[3]).toEqual({ input: { code: 'kebersihan', name: { id: 'Kebersihan', en: 'Cleanliness' }, position: 0 }, dryRun: false });
    expect((await axe.run(el, { resultTypes: ['violations'] })).violations.map((v) => v.id)).toEqual([]);
  });
});

describe('settings: what people type', () => {
  it('reads a point as Indonesians write one, and makes codes from names', async () => {
    const { parsePoint } = await import('../src/settings/routing-settings.component.js');
    const { codeFrom } = await import('../src/settings/city-change.js');
    for (const typed of ['-10.1595, 123.6066', '-10,1595 123,6066', '-10,1595; 123,6066', ' -10.1595 123.6066 ']) {
      expect(parsePoint(typed), typed).toEqual({ lat: -10.1595, lng: 123.6066 });
    }
    for (const typed of ['-10,1595', 'Oebobo', '-100, 123', '1, 2, 3']) expect(parsePoint(typed), typed).toBeNull();
    expect(codeFrom('Pohon tumbang!')).toBe('pohon-tumbang');
    expect(codeFrom('  Dinas Kesehatan Kota Kupang ')).toBe('dinas-kesehatan-kota-kupang');
    expect(codeFrom('Sarang nyamuk / risiko DBD')).toBe('sarang-nyamuk-risiko-dbd');
  });

  it('says which fields a change in the audit log touched', async () => {
    const { changedFields } = await import('../src/settings/settings.component.js');
    const before = JSON.stringify({ slug: 'dishub', email: 'a@dishub.example', channels: [], triage: false });
    const after = JSON.stringify({ slug: 'dishub', email: 'b@dishub.example', channels: [{ name: 'surel' }], triage: false });
    expect(changedFields({ before, after })).toEqual(['channels', 'email']);
    expect(changedFields({ before: null, after })).toEqual([]);
    expect(changedFields({ before: '[1]', after: 'not json' })).toEqual([]);
  });
});
