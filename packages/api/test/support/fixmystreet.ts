// Kupang as FixMyStreet finds it when it polls: a morning of reports filed over Open311
// and answered through the workflow — acknowledged, noted (publicly and internally),
// rejected as a duplicate, passed to another agency, resolved, closed, reopened — at
// fixed times, behind a real socket. test/fixmystreet.test.ts replays what FixMyStreet's
// Open311 client sent and read against it (test/fixtures/open311/fixmystreet/).
//
// Ids differ from run to run (reports get random UUIDs, events the next numbers), so
// every answer is compared in labels: a report by its name here (`pothole`), an update
// by its report and place on that report's timeline (`pothole#2`).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { StaffRole } from '@aduan/prisma';
import { editCity } from '../../src/city-config/edit.js';
import { createOpen311Key } from '../../src/open311/keys.js';
import { UPDATE_EVENT_KINDS } from '../../src/open311/updates.js';
import { createHttpServer } from '../../src/server/http-server.js';
import type { Viewer } from '../../src/staff/viewer.js';
import type { WorkflowContext } from '../../src/workflow/context.js';
import { addReportNote } from '../../src/workflow/add-note.js';
import { reopenReport } from '../../src/workflow/resident.js';
import { rerouteReport } from '../../src/workflow/reroute.js';
import { updateReportStatus, type UpdateStatusInput } from '../../src/workflow/update-status.js';
import type { DatabaseKind } from '../../src/db/database.js';
import { createTestAduan, KUPANG, type TestAduan } from './aduan.js';

/** The alias FixMyStreet is set up with as Kupang's jurisdiction_id. */
export const FMS_JURISDICTION = 'kupang.go.id';
/** FixMyStreet reads with the site's public key, as any GET may. */
export const FMS_API_KEY = 'demo';
/** When FixMyStreet polls: 11:00 in Kupang. Its windows are the hour (requests) and two hours (updates) before. */
export const FMS_NOW = new Date('2026-11-20T03:00:00Z');

export interface FixMyStreetScenario {
  aduan: TestAduan;
  url: string;
  /** Sets the city's Open311 public location (none: FixMyStreet can import nothing). */
  publishLocations(choice: 'none' | 'coarse'): Promise<void>;
  /** `value` with each report id (any string equal to one) and each `update_id` replaced by its label. */
  label(value: unknown): unknown;
  close(): Promise<void>;
}

/** An ADMIN of Kupang acting through the workflow, as the console would. */
function kupangAdmin(agencyIds: string[], agencyId: string): Viewer {
  const role: StaffRole = 'ADMIN';
  return {
    via: 'token',
    id: 'fixmystreet-scenario',
    actor: 'token:fixmystreet-scenario',
    agencyId,
    role,
    actsFor: new Set(agencyIds),
    area: '53.71',
    mustChangePassword: false,
  };
}

export async function startFixMyStreetScenario(kind: DatabaseKind): Promise<FixMyStreetScenario> {
  let clock = new Date('2026-11-20T00:30:00Z');
  const at = (time: string) => (clock = new Date(`2026-11-20T${time}:00Z`));
  const aduan = await createTestAduan(kind, { now: () => clock });
  const prisma = aduan.test.database.prisma;
  const server: Server = createHttpServer({
    readiness: { check: async () => true },
    graphql: () => aduan.yoga,
    open311: () => ({ ...aduan.open311, publicUrl: 'https://aduan.kupangkota.go.id' }),
    staticDirs: { widgetDir: null, demoDir: null },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Kupang's file declares the alias FixMyStreet uses (through the console's path, which applies a city file).
  const setUp = (publicLocation: 'none' | 'coarse') =>
    editCity(prisma, 'admin', '53.71', {
      action: 'open311.update',
      subject: '53.71',
      change(document) {
        const jurisdictions = (document.jurisdictions ??= []);
        const city = jurisdictions.find((entry) => entry.code === '53.71') ?? jurisdictions[jurisdictions.push({ code: '53.71' }) - 1]!;
        city.aliases = [FMS_JURISDICTION];
        document.open311 = { publicLocation };
        return { before: null, after: null, at: null };
      },
    });
  await setUp('none');

  const { key } = await createOpen311Key(prisma, { site: 'demo', name: 'fixmystreet-scenario' });
  const codes = new Map<string, string>();
  const ids = new Map<string, string>();
  const residentKeys = new Map<string, string>();
  const file = async (name: string, time: string, fields: Record<string, string>) => {
    at(time);
    const response = await fetch(`${url}/open311/v2/requests.json`, {
      method: 'POST',
      body: new URLSearchParams({ api_key: key, description: `Laporan ${name} dari warga`, ...fields }),
    });
    const [answer] = (await response.json()) as { service_request_id: string; resident_key: string }[];
    if (response.status !== 200 || !answer) throw new Error(`filing ${name}: ${response.status}`);
    const report = await prisma.report.findUniqueOrThrow({ where: { id: answer.service_request_id }, select: { trackingCode: true } });
    ids.set(name, answer.service_request_id);
    codes.set(name, report.trackingCode);
    residentKeys.set(name, answer.resident_key);
  };
  const agencies = await prisma.agency.findMany({ select: { id: true, slug: true } });
  const context = (): WorkflowContext => ({
    prisma,
    catalog: aduan.catalog,
    ledger: aduan.ledger,
    viewer: kupangAdmin(
      agencies.map((a) => a.id),
      agencies[0]!.id,
    ),
    now: () => clock,
  });
  const status = (name: string, time: string, input: Omit<UpdateStatusInput, 'trackingCode'>) => {
    at(time);
    return updateReportStatus(context(), { trackingCode: codes.get(name)!, ...input });
  };
  const point = (where: { lat: number; lng: number }) => ({ lat: String(where.lat), long: String(where.lng) });

  // Before the windows FixMyStreet asks for: neither it nor its step is in an answer.
  await file('earlier', '00:30', { service_code: 'jalan-rusak', ...point(KUPANG.oebobo) });
  await status('earlier', '00:40', { status: 'ACKNOWLEDGED', publicNote: 'Sudah kami terima.' });

  await file('pothole', '02:05', { service_code: 'jalan-rusak', ...point(KUPANG.oebobo) });
  await file('rubbish', '02:08', { service_code: 'sampah', address_id: '53.71.04.1001' }); // placed by name: no point
  await file('service', '02:11', { service_code: 'layanan-publik' }); // needs no place: the city's
  await file('duplicate', '02:14', { service_code: 'jalan-rusak', ...point(KUPANG.namosain) });

  await status('pothole', '02:20', {
    status: 'ACKNOWLEDGED',
    publicNote: 'Sudah kami terima; petugas memeriksa besok pagi.',
    internalNote: 'Pelapor tinggal di rumah nomor 7, Jl. Frans Seda.',
  });
  at('02:22');
  await addReportNote(context(), { trackingCode: codes.get('pothole')!, internalNote: 'Hubungi pelapor di 081234567890 sebelum datang.' });
  await status('duplicate', '02:25', {
    status: 'REJECTED',
    reason: 'DUPLICATE',
    duplicateOf: codes.get('pothole')!,
    publicNote: `Sama dengan laporan ${codes.get('pothole')}, yang sudah kami tangani.`,
  });
  at('02:30');
  await rerouteReport(context(), { trackingCode: codes.get('rubbish')!, agency: 'dlhk', reason: 'Tumpukan besar: perlu truk DLHK' });
  await status('pothole', '02:35', { status: 'RESOLVED', publicNote: 'Lubang sudah ditambal.' }); // IN_PROGRESS on the way
  await status('service', '02:40', { status: 'REJECTED', reason: 'NOT_OUR_RESPONSIBILITY', publicNote: 'Bukan kewenangan Pemerintah Kota Kupang.' });
  await status('pothole', '02:45', { status: 'CLOSED' });
  await status('duplicate', '02:48', { status: 'CLOSED' });
  at('02:50');
  await reopenReport(
    { ...context(), viewer: null },
    { trackingCode: codes.get('service')!, reason: 'Masih belum ada yang datang.', residentKey: residentKeys.get('service')! },
  );
  clock = FMS_NOW;

  // Labels: reports by name, their updates by their place on the timeline.
  const reportLabels = new Map<string, string>();
  const updateLabels = new Map<string, string>();
  for (const [name, id] of ids) {
    reportLabels.set(id, name);
    const events = await prisma.reportEvent.findMany({
      where: { reportId: id, kind: { in: [...UPDATE_EVENT_KINDS] } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    for (const [index, event] of events.entries()) updateLabels.set(String(event.id), `${name}#${index + 1}`);
  }
  const label = (value: unknown, key: string | null): unknown => {
    if (typeof value === 'string') return (key === 'update_id' ? updateLabels.get(value) : reportLabels.get(value)) ?? value;
    if (Array.isArray(value)) return value.map((item) => label(item, key));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, label(v, k)]));
    return value;
  };

  return {
    aduan,
    url,
    publishLocations: async (choice) => void (await setUp(choice)),
    label: (value) => label(value, null),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await aduan.close();
    },
  };
}
