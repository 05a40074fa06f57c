import { vi, type Mock } from 'vitest';
import {
  AduanNetworkError,
  CategoriesDocument,
  ConfirmResolvedDocument,
  JurisdictionDocument,
  SiteDocument,
  type Jurisdiction,
  type Site,
  ReopenReportDocument,
  SupportReportDocument,
  type AduanClient,
  type Category,
  type Locale,
  type NearbyReport,
  type PublicReport,
  type ResidentReportResult,
  type SubmitReportResult,
  type SupportReportResult,
  type StatisticsQuery,
} from '@aduan/client';
import { defineAduanElements } from '../src/define.js';

defineAduanElements();

// Keep component tests off the network: no real server-sent event streams unless a test
// stubs EventSource with a fake (see status.test.ts). Without it, <aduan-status> polls.
(globalThis as { EventSource?: unknown }).EventSource = undefined;

const cat = (code: string, id: string, en: string, group?: [string, string], locationRequired = true): Category => ({
  code,
  name: id,
  names: { id, en },
  description: null,
  group: group?.[0] ?? null,
  groupId: group?.[0] ?? null,
  groupEn: group?.[1] ?? null,
  groupCode: group ? 'infra' : null,
  locationRequired,
});

export const categories: Category[] = [
  cat('streetlight', 'Lampu jalan mati', 'Streetlight out', ['Jalan dan lampu', 'Roads and lights']),
  cat('pothole', 'Jalan berlubang', 'Pothole', ['Jalan dan lampu', 'Roads and lights']),
  cat('rubbish', 'Sampah tidak diangkut', 'Uncollected rubbish', ['Kebersihan', 'Cleanliness']),
  cat('other', 'Lainnya', 'Something else', undefined, false),
];

export const report: PublicReport = {
  trackingCode: 'K7QX-4M2P',
  status: 'IN_PROGRESS',
  category: { code: 'streetlight', names: { id: 'Lampu jalan mati', en: 'Streetlight out' } },
  agency: { slug: 'dishub', name: 'Dinas Perhubungan Kota Kupang', shortName: 'Dishub' },
  area: { code: '53.71.04.1001', name: 'Oebobo', displayName: 'Kelurahan Oebobo' },
  submittedAt: '2026-11-27T01:00:00Z',
  dueAt: '2026-11-30T01:00:00Z',
  timeZone: 'Asia/Makassar',
  overdue: true,
  reopenableUntil: null,
  timeline: [
    { at: '2026-11-27T01:00:00Z', kind: 'SUBMITTED', status: 'RECEIVED', note: null },
    { at: '2026-11-27T03:00:00Z', kind: 'STATUS_CHANGED', status: 'IN_PROGRESS', note: 'Petugas dijadwalkan besok.' },
  ],
};

export const submitted: SubmitReportResult = {
  __typename: 'ReportSubmitted',
  replayed: false,
  residentKey: null,
  report: { ...report, status: 'RECEIVED', overdue: false, timeline: [report.timeline[0]!] },
};

const area = (code: string, name: string, kind: 'kelurahan' | 'kecamatan', parentCode: string) => ({
  code,
  name,
  displayName: `${kind === 'kelurahan' ? 'Kelurahan' : 'Kecamatan'} ${name}`,
  level: kind === 'kelurahan' ? 4 : 3,
  kind,
  parentCode,
  timeZone: 'Asia/Makassar',
});

/** Two kecamatan of Kota Kupang and some of their kelurahan, out of order as a server may list them. */
export const kecamatan = [area('53.71.04', 'Oebobo', 'kecamatan', '53.71'), area('53.71.01', 'Alak', 'kecamatan', '53.71')];
export const kelurahan = [
  area('53.71.04.1002', 'Oetete', 'kelurahan', '53.71.04'),
  area('53.71.04.1001', 'Oebobo', 'kelurahan', '53.71.04'),
  area('53.71.01.1003', 'Naikolan', 'kelurahan', '53.71.01'),
  area('53.71.01.1001', 'Alak', 'kelurahan', '53.71.01'),
];

/** The operations outside the method table, faked as if they were methods. */
interface RequestedOperations {
  supportReport(handle: string, idempotencyKey?: string | null, locale?: string): Promise<SupportReportResult>;
  categories(site: string, locale?: Locale): Promise<Category[]>;
  site(key: string): Promise<Site | null>;
  jurisdictions(parentCode?: string | null, level?: number | null): Promise<Jurisdiction[]>;
  jurisdiction(code: string): Promise<Jurisdiction | null>;
}

export type FakeClient = { url: string; request: Mock & AduanClient['request'] } & {
  [K in Exclude<keyof AduanClient, 'url' | 'request'> | keyof RequestedOperations]: Mock<(AduanClient & RequestedOperations)[K]>;
};

export function fakeClient(overrides: Partial<AduanClient & RequestedOperations> = {}): FakeClient {
  const answer = async (document: unknown, variables: Record<string, string>): Promise<never> => {
    if (document === SupportReportDocument)
      return { supportReport: await fake.supportReport(variables['handle']!, variables['idempotencyKey'], variables['locale']) } as never;
    const updated = (status: PublicReport['status']): ResidentReportResult => ({ __typename: 'PublicReportUpdated', report: { ...report, status } });
    if (document === CategoriesDocument) return { categories: await fake.categories(variables['site']!, variables['locale'] as Locale) } as never;
    if (document === SiteDocument) return { site: await fake.site(variables['key']!) } as never;
    if (document === JurisdictionDocument) return { jurisdiction: await fake.jurisdiction(variables['code']!) } as never;
    if (document === ConfirmResolvedDocument) return { confirmResolved: updated('CLOSED') } as never;
    if (document === ReopenReportDocument) return { reopenReport: updated('IN_PROGRESS') } as never;
    throw new Error('not faked');
  };
  const fake: FakeClient = {
    url: 'https://aduan.test/graphql',
    categories: vi.fn(async () => categories),
    site: vi.fn(async () => ({
      key: 'demo',
      name: 'Demo',
      area: { code: '53.71', name: 'Kupang', displayName: 'Kota Kupang', level: 2, timeZone: 'Asia/Makassar' },
      map: null,
    })),
    jurisdictions: vi.fn(async (_parent?: string | null, level?: number | null) => (level === 3 ? kecamatan : kelurahan)),
    jurisdiction: vi.fn(async () => null),
    // As the server answers it: the same catalogue, site and areas as the single reads above.
    formStart: vi.fn(async (site: string, locale?: Locale, within?: string | null) => {
      const [all, about] = await Promise.all([fake.categories(site, locale), fake.site(site)]);
      const area = within ?? about?.area?.code;
      const [kelurahanOf, kecamatanOf] = area ? await Promise.all([fake.jurisdictions(area, 4), fake.jurisdictions(area, 3)]) : [[], []];
      return { categories: all, site: about && { ...about, kelurahan: kelurahanOf, kecamatan: kecamatanOf } };
    }),
    routingPreview: vi.fn(async () => ({ __typename: 'RoutingPreview' as const, agency: report.agency, area: report.area, reason: 'rule', responseHours: 72 })),
    reportStatus: vi.fn(async () => report),
    submitReport: vi.fn(async (): Promise<SubmitReportResult> => submitted),
    similarReports: vi.fn(async (): Promise<NearbyReport[]> => []),
    supportReport: vi.fn(async (): Promise<SupportReportResult> => ({ __typename: 'ReportSupported', supporters: 2, replayed: false, report })),
    // The operations outside the method table: "+1", the reporter's confirm and reopen, the single reads.
    request: vi.fn(answer) as never,
    ...overrides,
  } as FakeClient;
  // A test that fakes `request` itself still gets the single reads (site, area) answered as above.
  if (overrides.request) {
    const asked = overrides.request as (document: unknown, variables: unknown) => Promise<never>;
    fake.request = vi.fn(async (document: unknown, variables: Record<string, string>) =>
      SINGLE_READS.includes(document) ? answer(document, variables) : asked(document, variables),
    ) as never;
  }
  return fake;
}

const SINGLE_READS: unknown[] = [CategoriesDocument, SiteDocument, JurisdictionDocument];

/** The demo site with a map whose tiles come from this test server (they 404, which a map survives): never from the internet. */
export const siteWithMap = {
  key: 'demo',
  name: 'Demo',
  area: { code: '53.71', name: 'Kupang', displayName: 'Kota Kupang', level: 2, timeZone: 'Asia/Makassar' },
  map: {
    tiles: `${location.origin}/tiles/{z}/{x}/{y}.png`,
    attribution: '© OpenStreetMap contributors',
    maxZoom: 19,
    bounds: [123.53, -10.23, 123.68, -10.13],
  },
};

/** The city's numbers over 90 days, as the `statistics` query answers them. */
export const statistics: StatisticsQuery['statistics'] = {
  from: '2026-09-08T00:00:00Z',
  to: '2026-12-07T00:00:00Z',
  timeZone: 'Asia/Makassar',
  total: 42,
  byCategory: [
    { category: { code: 'sampah', name: 'Sampah tidak diangkut' }, count: 20 },
    { category: { code: 'jalan-rusak', name: 'Jalan rusak atau berlubang' }, count: 15 },
  ],
  byArea: [
    { area: { code: '53.71.04', name: 'Oebobo', displayName: 'Kecamatan Oebobo' }, count: 30 },
    { area: { code: '53.71.01', name: 'Alak', displayName: 'Kecamatan Alak' }, count: 12 },
    { area: { code: '53.71.02', name: 'Maulafa', displayName: 'Kecamatan Maulafa' }, count: 0 },
  ],
  byStatus: [],
  agencies: [
    {
      agency: { slug: 'dlhk', name: 'Dinas Lingkungan Hidup dan Kebersihan', shortName: 'DLHK' },
      received: 20,
      responded: 18,
      medianHoursToFirstResponse: 5.5,
      resolved: 12,
      medianHoursToResolution: 96,
      answeredWithinDeadline: 15,
      deadlineDecided: 19,
      withinDeadlineShare: 15 / 19,
      reroutes: 1,
      openOverdue: 2,
    },
  ],
  weekly: [
    { week: '2026-W48', startsOn: '2026-11-23', received: 10, resolved: 4 },
    { week: '2026-W49', startsOn: '2026-11-30', received: 12, resolved: 9 },
  ],
};

export const offline = () => new AduanNetworkError('Failed to fetch');

/** Mounts an element with a fake client and waits for its first render. */
export async function mount<K extends 'aduan-report' | 'aduan-status' | 'aduan-launcher' | 'aduan-statistics'>(
  tag: K,
  attrs: Record<string, string>,
  client: AduanClient,
): Promise<HTMLElementTagNameMap[K]> {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.client = client;
  document.body.append(el);
  await customElements.whenDefined(tag); // <aduan-status> and <aduan-statistics> come with their chunks
  await el.updateComplete;
  return el;
}

export function $(el: Element, selector: string): HTMLElement {
  const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

export function set(el: Element, name: string, value: string): void {
  const control = $(el, `[name=${name}]`) as HTMLInputElement;
  control.value = value;
  control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true, composed: true }));
}

export async function clearOutbox(): Promise<void> {
  await new Promise<void>((resolve) => {
    const open = indexedDB.open('aduan', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'key' });
    open.onsuccess = () => {
      const tx = open.result.transaction('outbox', 'readwrite');
      tx.objectStore('outbox').clear();
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
    };
  });
}
