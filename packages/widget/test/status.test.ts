import { afterEach, describe, expect, it, vi } from 'vitest';
import { $, fakeClient, mount, report } from './fixtures.js';

afterEach(() => document.body.replaceChildren());

describe('<aduan-status>', () => {
  it('renders status, deadline in the report’s zone and the public timeline', async () => {
    const client = fakeClient();
    const el = await mount('aduan-status', { code: 'k7qx 4m2p', lang: 'id' }, client);
    await vi.waitFor(() => $(el, '[part=timeline]'));
    expect(client.reportStatus).toHaveBeenCalledWith('k7qx 4m2p');
    const items = el.shadowRoot!.querySelectorAll('[part=timeline] li');
    expect(items).toHaveLength(2);
    expect(items[1]!.textContent).toContain('Sedang ditangani');
    expect(items[1]!.textContent).toContain('Petugas dijadwalkan besok.');
    expect($(el, '[part=status]').textContent).toBe('Sedang ditangani');
    expect($(el, '[part=overdue]').textContent).toBe('Terlambat');
    expect($(el, 'dl').textContent).toContain('Dinas Perhubungan Kota Kupang');
    // 30 Nov 01:00 UTC is 09.00 in Kupang (WITA, UTC+8)
    expect($(el, 'dl').textContent).toMatch(/30 November 2026.*09[.:]00 WITA/);
  });

  it('speaks English and says when a code is unknown', async () => {
    const client = fakeClient({ reportStatus: vi.fn(async (code: string) => (code === 'K7QX-4M2P' ? report : null)) });
    const el = await mount('aduan-status', { lang: 'en' }, client);
    ($(el, 'input[name=code]') as HTMLInputElement).value = 'NOPE';
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, '[role=status]').textContent).toContain('No report has this code.'));
    ($(el, 'input[name=code]') as HTMLInputElement).value = 'K7QX-4M2P';
    $(el, 'button[type=submit]').click();
    await vi.waitFor(() => expect($(el, '[part=status]').textContent).toBe('In progress'));
    expect($(el, '[part=overdue]').textContent).toBe('Overdue');
    // Residents know UTC+8 as WITA in English too, not as "GMT+8".
    expect($(el, 'dl').textContent).toMatch(/30 November 2026.*09:00 WITA/);
  });

  it('polls while the page is visible', async () => {
    const client = fakeClient();
    const el = document.createElement('aduan-status');
    el.interval = 50;
    el.client = client;
    el.code = 'K7QX-4M2P';
    document.body.append(el);
    await vi.waitFor(() => expect(client.reportStatus.mock.calls.length).toBeGreaterThanOrEqual(3), { timeout: 2000 });
    el.remove();
    const calls = client.reportStatus.mock.calls.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(client.reportStatus.mock.calls.length).toBe(calls);
  });
});
