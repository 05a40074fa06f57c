// A resident's request about their personal data, carried out by an administrator
// (`aduan privacy export|erase TRACKING_CODE`, or a city's ADMIN in the console), and re-sealing every contact with the
// current key after a rotation (`aduan privacy rekey`).
import type { PrismaClient } from '@aduan/prisma';
import { AduanError } from '../errors.js';
import type { PhotoStorage } from '../photos/index.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { ReportLedger } from '../workflow/ledger.js';
import { canonicalTrackingCode } from '../workflow/load.js';
import type { ContactCipher } from './contact-cipher.js';
import { CONTACT_COLUMNS } from './sealed-contact.js';

export class PrivacyError extends AduanError {
  constructor(message: string) {
    super(message, 'PRIVACY_REQUEST_REFUSED');
  }
}

async function findReport(prisma: PrismaClient, catalog: RoutingCatalog, trackingCode: string) {
  const code = await canonicalTrackingCode(prisma, catalog, trackingCode);
  const report = code
    ? await prisma.report.findUnique({
        where: { trackingCode: code },
        include: {
          category: true,
          agency: true,
          jurisdiction: true,
          events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
          photos: { orderBy: { createdAt: 'asc' } },
          _count: { select: { supports: true } },
        },
      })
    : null;
  if (!report) throw new PrivacyError(`No report has the tracking code "${trackingCode}".`);
  return report;
}

/** Everything Aduan holds about one report and its reporter, as JSON-ready data. */
export async function exportReport(prisma: PrismaClient, catalog: RoutingCatalog, trackingCode: string) {
  const r = await findReport(prisma, catalog, trackingCode);
  return {
    trackingCode: r.trackingCode,
    submittedAt: r.submittedAt.toISOString(),
    status: r.status,
    category: r.category.code,
    agency: r.agency.slug,
    area: { code: r.jurisdiction.code, name: r.jurisdiction.name },
    description: r.description,
    placeText: r.placeText,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    reporter: { name: r.reporterName, email: r.reporterEmail, phone: r.reporterPhone },
    language: r.locale,
    supporters: r._count.supports,
    timeline: r.events.map((e) => ({
      at: e.at.toISOString(),
      kind: e.kind,
      status: e.status,
      by: e.actor,
      publicNote: e.publicNote,
      internalNote: e.internalNote,
    })),
    photos: r.photos.map((p) => ({
      id: p.id,
      contentType: p.contentType,
      byteSize: p.byteSize,
      width: p.width,
      height: p.height,
      createdAt: p.createdAt.toISOString(),
    })),
  };
}

/**
 * Removes the reporter's contact and the report's photos (rows through the ledger, with a
 * note on the internal timeline; then the files). The report itself stays: the agency's
 * work on the problem is not personal data. Mail to the reporter still in the outbox
 * finds no address and is not sent.
 */
export async function eraseReporterData(
  ledger: ReportLedger,
  catalog: RoutingCatalog,
  photoStorage: PhotoStorage,
  trackingCode: string,
  now: Date = new Date(),
  /** Who asks: the command line (`admin`) unless a console ADMIN does. */
  actor = 'admin',
): Promise<{ trackingCode: string; contactErased: boolean; photosErased: number }> {
  const r = await findReport(ledger.prisma, catalog, trackingCode);
  const contactErased = CONTACT_COLUMNS.some((column) => r[column] !== null);
  await ledger.change({
    reportId: r.id,
    actor,
    at: now,
    changes: [
      {
        kind: 'ERASE_CONTACT',
        internalNote: `Erased on the reporter's request: ${contactErased ? 'contact' : 'no contact was held'}, ${r.photos.length} photo(s).`,
      },
    ],
  });
  // Files after the rows: a photo row never points at a file that is gone.
  await Promise.all(r.photos.map((p) => photoStorage.delete(p.storageKey)));
  return { trackingCode: r.trackingCode, contactErased, photosErased: r.photos.length };
}

/** Seals again, with the current key, every contact sealed with an older key (or stored before encryption). */
export async function rekeyContacts(prisma: PrismaClient, cipher: ContactCipher, batch = 500): Promise<number> {
  let done = 0;
  let after = '';
  for (;;) {
    // Raw SQL reads what is stored (the client would open it); the client's update seals it again.
    const rows = await prisma.$queryRaw<Record<'id' | (typeof CONTACT_COLUMNS)[number], string | null>[]>`
      SELECT id, "reporterName", "reporterEmail", "reporterPhone", "reporterLinkKey" FROM "Report"
      WHERE id > ${after} AND ("reporterName" IS NOT NULL OR "reporterEmail" IS NOT NULL OR "reporterPhone" IS NOT NULL OR "reporterLinkKey" IS NOT NULL)
      ORDER BY id LIMIT ${batch}`;
    if (rows.length === 0) return done;
    for (const row of rows) {
      after = row.id!;
      if (CONTACT_COLUMNS.every((column) => cipher.isCurrent(row[column]))) continue;
      const data = Object.fromEntries(CONTACT_COLUMNS.map((column) => [column, cipher.open(row[column], column)]));
      await prisma.report.update({ where: { id: row.id! }, data });
      done++;
    }
  }
}
