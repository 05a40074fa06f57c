import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLang } from '../src/common/locale.controller.js';
import { $, $$, fakeApi, find, mount, shadowText } from './fixtures.js';

beforeEach(() => setLang('id'));
afterEach(() => document.body.replaceChildren());

const DEMO = {
  key: 'demo',
  name: 'Situs Kota Kupang',
  embedSnippet: '<script src="https://aduan.kupangkota.go.id/widget/aduan.js" data-site="demo" async></script>\n<aduan-report></aduan-report>',
  area: { code: '53.71', displayName: 'Kota Kupang' },
  settings: { allowedOrigins: ['https://kupangkota.go.id'], categoryCodes: [] },
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
