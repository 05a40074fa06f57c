import { afterEach, describe, expect, it, vi } from 'vitest';
import axe from 'axe-core';
import { OpenReportsByAreaDocument, StatisticsDocument, type OpenReportsByAreaQuery } from '@aduan/client';
import { $, fakeClient, mount, siteWithMap, statistics, type FakeClient } from './fixtures.js';

afterEach(() => document.body.replaceChildren());

/** The requests that counted statistics (the site and its area are read through `request` too). */
const countings = (client: FakeClient) => client.request.mock.calls.filter(([document]) => document === StatisticsDocument);

function statsClient() {
  return fakeClient({
    request: vi.fn(async (document: unknown) => {
      if (document === StatisticsDocument) return { statistics } as never;
      throw new Error('not faked');
    }) as never,
  });
}

describe('<aduan-statistics>', () => {
  it('shows what is reported most and where, how each agency answers, and the weekly trend, for the site’s area', async () => {
    const client = statsClient();
    const el = await mount('aduan-statistics', { site: 'demo', lang: 'id' }, client);
    await vi.waitFor(() => $(el, 'table[part=agencies]'));
    expect($(el, 'h2').textContent).toBe('Angka pengaduan Kota Kupang');
    expect(el.shadowRoot!.textContent).toContain('42 laporan dalam 90 hari terakhir.');
    // The chart's data table names each category in full (the bars' labels may be cut).
    const most = [...el.shadowRoot!.querySelectorAll('svg[data-chart=c-most] + table tbody th')].map((t) => t.textContent);
    expect(most).toEqual(['Sampah tidak diangkut', 'Jalan rusak atau berlubang']);
    // Kecamatan with no report are left out of the bars.
    expect(el.shadowRoot!.querySelectorAll('svg[data-chart=c-area] rect.bar')).toHaveLength(2);
    const row = [...el.shadowRoot!.querySelectorAll('table[part=agencies] tbody tr > *')].map((c) => c.textContent);
    expect(row).toEqual(['Dinas Lingkungan Hidup dan Kebersihan', '20', '6 jam', '4 hari', '79%', '2']);
    expect(el.shadowRoot!.querySelectorAll('svg[data-chart=c-trend] circle.received')).toHaveLength(2);
    const variables = countings(client)[0]![1] as { code: string; from: string; to: string; locale: string };
    expect(variables.code).toBe('53.71');
    expect(Date.parse(variables.to) - Date.parse(variables.from)).toBe(90 * 86_400_000);
    expect(variables.locale).toBe('ID');
  });

  it('gives the same numbers as CSV (one row per number, safe in a spreadsheet) and JSON', async () => {
    const hostile = { ...statistics, byCategory: [{ category: { code: 'x', name: '=HYPERLINK("http://evil")' }, count: 1 }] };
    const client = fakeClient({ request: vi.fn(async () => ({ statistics: hostile })) as never });
    const el = await mount('aduan-statistics', { site: 'demo', lang: 'id' }, client);
    const csv = await vi.waitFor(() => $(el, 'a[name=csv]') as HTMLAnchorElement);
    csv.addEventListener('click', (e) => e.preventDefault()); // keep the test page where it is
    csv.click();
    expect(csv.download).toBe('aduan-statistik-2026-09-08-2026-12-07.csv');
    const text = await (await fetch(csv.href)).text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('period_from,period_to,measure,by,code,name,value');
    expect(lines).toContain('2026-09-08T00:00:00Z,2026-12-07T00:00:00Z,reports,all,,,42');
    expect(lines).toContain(`2026-09-08T00:00:00Z,2026-12-07T00:00:00Z,reports,category,x,"'=HYPERLINK(""http://evil"")",1`);
    expect(lines).toContain('2026-09-08T00:00:00Z,2026-12-07T00:00:00Z,median_hours_to_first_response,agency,dlhk,Dinas Lingkungan Hidup dan Kebersihan,5.5');
    const json = $(el, 'a[name=json]') as HTMLAnchorElement;
    json.addEventListener('click', (e) => e.preventDefault());
    json.click();
    expect(JSON.parse(await (await fetch(json.href)).text())).toEqual(hostile);
  });

  it('draws its charts to a phone’s width, so their text stays readable', async () => {
    const holder = document.body.appendChild(document.createElement('div'));
    holder.style.width = '328px';
    const el = document.createElement('aduan-statistics');
    Object.assign(el, { client: statsClient(), site: 'demo' });
    holder.append(el);
    await vi.waitFor(() => $(el, 'table[part=agencies]'));
    for (const id of ['c-most', 'c-trend']) {
      const chart = $(el, `svg[data-chart=${id}]`);
      expect(chart.getBoundingClientRect().width).toBeLessThanOrEqual(328);
      const text = chart.querySelector('text')!;
      expect(text.getBoundingClientRect().height, id).toBeGreaterThanOrEqual(10);
    }
  });

  it('labels a 90-day trend on a phone without one week’s date running into the next', async () => {
    const weekly = Array.from({ length: 14 }, (_, i) => {
      const monday = new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10);
      return { week: `W${i}`, startsOn: monday, received: i, resolved: 0 };
    });
    const holder = document.body.appendChild(document.createElement('div'));
    holder.style.width = '328px';
    const el = document.createElement('aduan-statistics');
    Object.assign(el, { client: fakeClient({ request: vi.fn(async () => ({ statistics: { ...statistics, weekly } })) as never }), site: 'demo' });
    holder.append(el);
    const labels = await vi.waitFor(() => {
      const found = [...el.shadowRoot!.querySelectorAll('svg[data-chart=c-trend] text.label')];
      expect(found.length).toBeGreaterThan(2);
      return found;
    });
    expect(labels.at(-1)!.textContent).toBe('12-07'); // the latest week always has its date
    const boxes = labels.map((l) => l.getBoundingClientRect());
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.left, labels[i]!.textContent!).toBeGreaterThan(boxes[i - 1]!.right + 4);
  });

  it('counts again over the period chosen', async () => {
    const client = statsClient();
    const el = await mount('aduan-statistics', { site: 'demo', lang: 'en' }, client);
    await vi.waitFor(() => $(el, 'table[part=agencies]'));
    const thirty = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=period] button')].find((b) => b.textContent === 'last 30 days')!;
    thirty.click();
    await vi.waitFor(() => expect(countings(client)).toHaveLength(2));
    const variables = countings(client)[1]![1] as { from: string; to: string };
    expect(Date.parse(variables.to) - Date.parse(variables.from)).toBe(30 * 86_400_000);
    expect(thirty.getAttribute('aria-pressed')).toBe('true');
    expect(el.getAttribute('days')).toBe('30');
  });

  it.each(['id', 'en'])('has no axe violations (%s), light and dark', async (lang) => {
    for (const theme of ['light', 'dark']) {
      const el = await mount('aduan-statistics', { site: 'demo', lang, theme }, statsClient());
      await vi.waitFor(() => $(el, 'table[part=agencies]'));
      const result = await axe.run(el, { resultTypes: ['violations'] });
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      el.remove();
    }
  });
});

describe('<aduan-statistics> map of open reports', () => {
  const site = siteWithMap;
  const row = (code: string, name: string, count: number, open: number, labelPoint: { lat: number; lng: number } | null) => ({
    area: { code, name, displayName: `Kelurahan ${name}`, labelPoint },
    count,
    open,
  });
  const openAreas: OpenReportsByAreaQuery['statistics']['byArea'] = [
    row('53.71.04.1001', 'Oebobo', 9, 3, { lat: -10.168, lng: 123.611 }),
    row('53.71.04.1002', 'Oetete', 4, 0, { lat: -10.162, lng: 123.603 }),
    row('53.71.01.1001', 'Alak', 8, 5, { lat: -10.19, lng: 123.55 }),
  ];

  function mapClient(areas = openAreas) {
    return fakeClient({
      site: vi.fn(async () => site),
      request: vi.fn(async (document: unknown) => {
        if (document === StatisticsDocument) return { statistics } as never;
        if (document === OpenReportsByAreaDocument) return { statistics: { byArea: areas } } as never;
        throw new Error('not faked');
      }) as never,
    });
  }
  const counts = (el: HTMLElement) => [...el.shadowRoot!.querySelectorAll('[part=open-map] .aduan-count')].map((m) => [m.textContent, m.getAttribute('title')]);

  it('is drawn only when asked for: each kelurahan’s open reports at its own label point, with the same numbers in a table', async () => {
    const client = mapClient();
    const el = await mount('aduan-statistics', { site: 'demo', lang: 'id' }, client);
    const show = await vi.waitFor(() => $(el, 'button[name=map]'));
    expect(el.shadowRoot!.querySelector('.leaflet-container')).toBeNull();
    expect(client.request.mock.calls.some(([document]) => document === OpenReportsByAreaDocument)).toBe(false);
    show.click();
    await vi.waitFor(() => expect(counts(el)).toHaveLength(2));
    // Areas with nothing open are not drawn; the biggest count first.
    expect(counts(el)).toEqual([
      ['5', 'Kelurahan Alak: 5'],
      ['3', 'Kelurahan Oebobo: 3'],
    ]);
    expect($(el, '[part=open-map]').textContent).toContain('© OpenStreetMap contributors');
    const table = [...el.shadowRoot!.querySelectorAll('#h-open ~ .table-wrap tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(table).toEqual([
      ['Kelurahan Alak', '5'],
      ['Kelurahan Oebobo', '3'],
    ]);
    // The same area and period as the numbers above.
    const [, variables] = client.request.mock.calls.find(([document]) => document === OpenReportsByAreaDocument)!;
    expect(variables).toEqual({ code: '53.71', from: statistics.from, to: statistics.to });
    expect(el.shadowRoot!.querySelector('button[name=map]')).toBeNull();
    const result = await axe.run(el, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('follows the period chosen, and says so when nothing is open', async () => {
    let areas = openAreas;
    const client = fakeClient({
      site: vi.fn(async () => site),
      request: vi.fn(async (document: unknown) => {
        if (document === StatisticsDocument) return { statistics } as never;
        if (document === OpenReportsByAreaDocument) return { statistics: { byArea: areas } } as never;
        throw new Error('not faked');
      }) as never,
    });
    const el = await mount('aduan-statistics', { site: 'demo', lang: 'en' }, client);
    (await vi.waitFor(() => $(el, 'button[name=map]'))).click();
    await vi.waitFor(() => expect(counts(el)).toHaveLength(2));
    areas = openAreas.map((a) => ({ ...a, open: 0 }));
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part=period] button')].find((b) => b.textContent === 'last 30 days')!.click();
    await vi.waitFor(() => expect(counts(el)).toHaveLength(0));
    expect(el.shadowRoot!.textContent).toContain('No report from this period is still open.');
    expect(el.shadowRoot!.textContent).toContain('Of the reports from the last 30 days.');
    expect(el.shadowRoot!.querySelector('.leaflet-container')).not.toBeNull();
  });

  it('is not offered when the site has no map', async () => {
    const el = await mount('aduan-statistics', { site: 'demo', lang: 'id' }, statsClient());
    await vi.waitFor(() => $(el, 'table[part=agencies]'));
    expect(el.shadowRoot!.querySelector('#h-open')).toBeNull();
    expect(el.shadowRoot!.querySelector('button[name=map]')).toBeNull();
  });
});
