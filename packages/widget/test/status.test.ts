import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmResolvedDocument, ReopenReportDocument, ReportStatusChangedDocument } from '@aduan/client';
import { $, fakeClient, mount, report } from './fixtures.js';

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

/** Stands in for the browser's EventSource; tests push server events into it. */
class FakeEventSource extends EventTarget {
  static all: FakeEventSource[] = [];
  readyState = 0;
  constructor(readonly url: string) {
    super();
    FakeEventSource.all.push(this);
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  send(type: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  close() {
    this.readyState = 2;
  }
}

describe('<aduan-status>', () => {
  it('renders status, deadline in the report’s zone and the public timeline', async () => {
    const client = fakeClient();
    const el = await mount('aduan-status', { code: 'k7qx 4m2p', lang: 'id' }, client);
    await vi.waitFor(() => $(el, '[part=timeline]'));
    expect(client.reportStatus).toHaveBeenCalledWith('k7qx 4m2p');
    const items = el.shadowRoot!.querySelectorAll('[part=timeline] li');
    expect(items).toHaveLength(2);
    expect(items[1]!.textContent).toContain('Sedang dikerjakan');
    expect(items[1]!.textContent).toContain('Petugas dijadwalkan besok.');
    expect($(el, '[part=status]').textContent).toBe('Sedang dikerjakan');
    expect($(el, '[part=overdue]').textContent).toBe('Terlambat');
    expect($(el, 'dl').textContent).toContain('Dinas Perhubungan Kota Kupang');
    // 30 Nov 01:00 UTC is 09.00 in Kupang (WITA, UTC+8)
    expect($(el, 'dl').textContent).toMatch(/30 November 2026.*09[.:]00 WITA/);
  });

  it('follows the code in the page address (the e-mail link) and keeps its resident key on the device', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?code=K7QX-4M2P&key=kunci-dari-email-0123456789`);
    try {
      const client = fakeClient();
      const el = await mount('aduan-status', { lang: 'id' }, client);
      await vi.waitFor(() => $(el, '[part=timeline]'));
      expect(client.reportStatus).toHaveBeenCalledWith('K7QX-4M2P');
      expect(localStorage.getItem('aduan-key:K7QX-4M2P')).toBe('kunci-dari-email-0123456789');
      // An element given a code of its own ignores the address.
      const own = fakeClient();
      await mount('aduan-status', { code: 'AB12-CD34', lang: 'id' }, own);
      await vi.waitFor(() => expect(own.reportStatus).toHaveBeenCalled());
      expect(own.reportStatus).not.toHaveBeenCalledWith('K7QX-4M2P');
    } finally {
      history.replaceState(null, '', before);
      localStorage.removeItem('aduan-key:K7QX-4M2P');
    }
  });

  it('words every step as the console and the e-mail do, and a reroute as passed to another agency', async () => {
    const rerouted = {
      ...report,
      status: 'ACKNOWLEDGED' as const,
      timeline: [...report.timeline.slice(0, 1), { at: '2026-11-27T02:00:00Z', kind: 'REROUTED' as const, status: 'ACKNOWLEDGED' as const, note: null }],
    };
    const el = await mount('aduan-status', { code: 'K7QX-4M2P', lang: 'id' }, fakeClient({ reportStatus: vi.fn(async () => rerouted) }));
    await vi.waitFor(() => $(el, '[part=timeline]'));
    const steps = [...el.shadowRoot!.querySelectorAll('[part=timeline] strong')].map((s) => s.textContent);
    expect(steps).toEqual(['Diterima', 'Diteruskan ke instansi lain']);
    expect($(el, '[part=status]').textContent).toBe('Ditanggapi');
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

  describe('the reporter’s “fixed” and “not fixed”', () => {
    const resolved = {
      ...report,
      status: 'RESOLVED' as const,
      overdue: false,
      reopenableUntil: new Date(Date.now() + 13 * 86_400_000).toISOString(),
    };
    const KEY = 'kunci-perangkat-ini-0123456789abcdef';
    afterEach(() => localStorage.removeItem('aduan-key:K7QX-4M2P'));

    it('confirms a resolved report with the key this device kept, and says it is closed', async () => {
      localStorage.setItem('aduan-key:K7QX-4M2P', KEY);
      const client = fakeClient({ reportStatus: vi.fn(async () => resolved) });
      const el = await mount('aduan-status', { code: 'K7QX-4M2P', lang: 'id' }, client);
      await vi.waitFor(() => $(el, '[part=actions]'));
      expect($(el, '#actions-title').textContent).toBe('Apakah masalahnya sudah beres?');
      expect($(el, '[part=actions]').textContent).toMatch(/Dapat dibuka lagi sampai \d+ \w+ 2026/);
      $(el, 'button[name=confirm]').click();
      await vi.waitFor(() => expect($(el, '[part=status]').textContent).toBe('Ditutup'));
      expect(client.request).toHaveBeenCalledWith(ConfirmResolvedDocument, { trackingCode: 'K7QX-4M2P', residentKey: KEY });
      expect(el.shadowRoot!.textContent).toContain('Terima kasih. Laporan ini ditutup.');
      // Closed: nothing left to act on.
      expect(el.shadowRoot!.querySelector('button[name=confirm]')).toBeNull();
    });

    it('reopens with a reason, and shows the server’s refusal as it is', async () => {
      localStorage.setItem('aduan-key:K7QX-4M2P', KEY);
      const refusal = { __typename: 'InvalidInput' as const, code: 'REASON_REQUIRED', message: 'Jelaskan alasannya (5–2.000 karakter).', fields: [] };
      const reopened = { __typename: 'PublicReportUpdated' as const, report: { ...report, status: 'IN_PROGRESS' as const } };
      const request = vi.fn().mockResolvedValueOnce({ reopenReport: refusal }).mockResolvedValueOnce({ reopenReport: reopened });
      const client = fakeClient({ reportStatus: vi.fn(async () => resolved), request });
      const el = await mount('aduan-status', { code: 'K7QX-4M2P', lang: 'id' }, client);
      await vi.waitFor(() => $(el, 'button[name=reopen]'));
      $(el, 'button[name=reopen]').click();
      await vi.waitFor(() => expect(el.shadowRoot!.activeElement?.id).toBe('reason'));
      const reason = $(el, '#reason') as HTMLTextAreaElement;
      reason.value = 'Lampu masih mati tiap malam.';
      $(el, 'form:not([part]) button[type=submit]').click();
      await vi.waitFor(() => expect($(el, '[part=actions] .error').textContent).toBe(refusal.message));
      $(el, 'form:not([part]) button[type=submit]').click();
      await vi.waitFor(() => expect($(el, '[part=status]').textContent).toBe('Sedang dikerjakan'));
      expect(request).toHaveBeenLastCalledWith(ReopenReportDocument, { trackingCode: 'K7QX-4M2P', reason: 'Lampu masih mati tiap malam.', residentKey: KEY });
      expect(el.shadowRoot!.textContent).toContain('Laporan dibuka lagi dan kembali ditangani Dinas Perhubungan Kota Kupang.');
    });

    it('without the key on this device, says plainly who can act and offers nothing', async () => {
      const client = fakeClient({ reportStatus: vi.fn(async () => resolved) });
      const el = await mount('aduan-status', { code: 'K7QX-4M2P', lang: 'en' }, client);
      await vi.waitFor(() => $(el, '[part=actions]'));
      expect($(el, '[part=actions]').textContent).toContain('Only the device that sent this report, or the link in its notification e-mail');
      expect(el.shadowRoot!.querySelector('button[name=confirm], button[name=reopen]')).toBeNull();
      expect(client.request).not.toHaveBeenCalled();
    });

    it('a rejected report may be reopened but not confirmed, and past its window neither', async () => {
      localStorage.setItem('aduan-key:K7QX-4M2P', KEY);
      const rejected = { ...resolved, status: 'REJECTED' as const };
      const el = await mount('aduan-status', { code: 'K7QX-4M2P', lang: 'id' }, fakeClient({ reportStatus: vi.fn(async () => rejected) }));
      await vi.waitFor(() => $(el, 'button[name=reopen]'));
      expect($(el, '#actions-title').textContent).toBe('Masalahnya masih ada?');
      expect(el.shadowRoot!.querySelector('button[name=confirm]')).toBeNull();
      document.body.replaceChildren();
      const late = { ...rejected, reopenableUntil: new Date(Date.now() - 1000).toISOString() };
      const old = await mount('aduan-status', { code: 'K7QX-4M2P', lang: 'id' }, fakeClient({ reportStatus: vi.fn(async () => late) }));
      await vi.waitFor(() => $(old, '[part=timeline]'));
      expect(old.shadowRoot!.querySelector('[part=actions]')).toBeNull();
    });
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

  describe('live over server-sent events', () => {
    function stubEventSource() {
      FakeEventSource.all = [];
      vi.stubGlobal('EventSource', FakeEventSource);
    }

    it('subscribes to the code it shows and renders each pushed change', async () => {
      stubEventSource();
      const client = fakeClient();
      const el = await mount('aduan-status', { code: 'K7QX-4M2P', lang: 'en' }, client);
      await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
      const source = FakeEventSource.all[0]!;
      const url = new URL(source.url);
      expect(url.origin + url.pathname).toBe('https://aduan.test/graphql');
      expect(url.searchParams.get('query')).toBe(ReportStatusChangedDocument);
      expect(JSON.parse(url.searchParams.get('variables')!)).toEqual({ trackingCode: 'K7QX-4M2P' });
      source.open();
      source.send('next', {
        data: {
          reportStatusChanged: {
            ...report,
            status: 'RESOLVED',
            overdue: false,
            timeline: [...report.timeline, { at: '2026-11-28T03:00:00Z', status: 'RESOLVED', note: 'Lampu sudah diganti.' }],
          },
        },
      });
      await vi.waitFor(() => expect($(el, '[part=status]').textContent).toBe('Resolved'));
      expect($(el, '[part=timeline]').textContent).toContain('Lampu sudah diganti.');
      expect(el.shadowRoot!.querySelector('[part=overdue]')).toBeNull();
      expect(client.reportStatus).toHaveBeenCalledTimes(1);
    });

    it('does not poll while the stream is open, and polls again when it is not', async () => {
      stubEventSource();
      const client = fakeClient();
      const el = document.createElement('aduan-status');
      el.interval = 30;
      el.client = client;
      el.code = 'K7QX-4M2P';
      document.body.append(el);
      await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
      FakeEventSource.all[0]!.open();
      await new Promise((r) => setTimeout(r, 40)); // a lookup already on its way finishes
      const calls = client.reportStatus.mock.calls.length;
      await new Promise((r) => setTimeout(r, 150));
      expect(client.reportStatus).toHaveBeenCalledTimes(calls);
      // The server ends the stream: the component closes it and falls back to polling.
      FakeEventSource.all[0]!.send('complete', null);
      expect(FakeEventSource.all[0]!.readyState).toBe(2);
      await vi.waitFor(() => expect(client.reportStatus.mock.calls.length).toBeGreaterThanOrEqual(3), { timeout: 2000 });
    });

    it('closes the stream when the code changes and when the element leaves the page', async () => {
      stubEventSource();
      const client = fakeClient();
      const el = await mount('aduan-status', { code: 'K7QX-4M2P' }, client);
      await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(1));
      const first = FakeEventSource.all[0]!;
      el.code = 'ABCD-EFGH';
      await vi.waitFor(() => expect(FakeEventSource.all).toHaveLength(2));
      expect(first.readyState).toBe(2);
      const second = FakeEventSource.all[1]!;
      expect(JSON.parse(new URL(second.url).searchParams.get('variables')!)).toEqual({ trackingCode: 'ABCD-EFGH' });
      // A late event from the old stream changes nothing.
      first.send('next', { data: { reportStatusChanged: { ...report, trackingCode: 'OLD', status: 'CLOSED' } } });
      await el.updateComplete;
      expect($(el, '#r-code').textContent).not.toBe('OLD');
      el.remove();
      expect(second.readyState).toBe(2);
    });

    it('without EventSource, polling alone keeps it current', async () => {
      vi.stubGlobal('EventSource', undefined);
      const client = fakeClient();
      const el = document.createElement('aduan-status');
      el.interval = 30;
      el.client = client;
      el.code = 'K7QX-4M2P';
      document.body.append(el);
      await vi.waitFor(() => expect(client.reportStatus.mock.calls.length).toBeGreaterThanOrEqual(3), { timeout: 2000 });
    });
  });
});
