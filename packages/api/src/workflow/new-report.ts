// A new report stored in one SQL statement: the report, its SUBMITTED event, its resident
// keys, its photos' rows and its outbox (a delivery to each of the agency's live channels,
// and with mail on, the resident's receipt and a mail to each active staff member of the
// agency). One statement is atomic by itself, so it needs no transaction around it: one
// round trip to the database where Prisma's nested create takes seven (BEGIN, four
// INSERTs, a read back, COMMIT) and compiles a large query besides, the bulk of a
// submission's cost. The report is read back through Prisma after it (the caller's
// relations, contact opened), so what callers get is exactly what they got before.
import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { DeliveryEvent } from '../delivery/outbox.js';
import type { MailEvent } from '../notifications/notices.js';
import { sealedForRawSql } from '../privacy/sealed-contact.js';
import type { ResidentKeyRow } from '../residents/keys.js';
import type { EventData } from './changes.js';

/** A new report's columns, as intake decided them. */
export interface NewReportColumns {
  trackingCode: string;
  siteId: string;
  categoryId: string;
  agencyId: string;
  jurisdictionCode: string;
  description: string;
  lat: number | null;
  lng: number | null;
  placeText: string | null;
  reporterName: string | null;
  reporterEmail: string | null;
  reporterPhone: string | null;
  reporterLinkKey: string | null;
  locale: 'ID' | 'EN';
  routingMethod: string;
  routingRuleId: string | null;
  routingReason: string;
  routingDecision: Prisma.InputJsonValue;
  idempotencyKey: string | null;
  idempotencyHash: string | null;
  proofOfWork: string | null;
  submittedAt: Date;
  dueAt: Date;
}

/** A photo already in photo storage. */
export interface NewPhotoRow {
  storageKey: string;
  contentType: string;
  byteSize: number;
  width: number;
  height: number;
}

export interface NewReport {
  columns: NewReportColumns;
  residentKeys: readonly ResidentKeyRow[];
  photos: readonly NewPhotoRow[];
  /** What the SUBMITTED event records (the agency, the routing reason). */
  eventData: EventData;
}

const ROUTED: DeliveryEvent = 'report.routed';
const RESIDENT_RECEIPT: MailEvent = 'resident.RECEIVED';
const STAFF_NEW_REPORT: MailEvent = 'staff.NEW_REPORT';

/**
 * Stores `report` and returns its id and how many outbox rows it has. `mail`: whether this
 * deployment sends e-mail. Throws what the database throws (see isUniqueViolation).
 */
export async function insertNewReport(prisma: PrismaClient, report: NewReport, mail: boolean): Promise<{ id: string; outbox: number }> {
  const id = randomUUID();
  const c = sealedForRawSql(prisma, report.columns);
  const at = c.submittedAt;
  const rows = await prisma.$queryRaw<{ outbox: number }[]>`
    WITH report AS (
      INSERT INTO "Report" (
        id, "trackingCode", "siteId", "categoryId", "agencyId", "jurisdictionCode", description, lat, lng, "placeText",
        "reporterName", "reporterEmail", "reporterPhone", "reporterLinkKey", locale, status, "routingMethod", "routingRuleId",
        "routingReason", "routingDecision", "idempotencyKey", "idempotencyHash", "proofOfWork", "submittedAt", "dueAt", "updatedAt"
      ) VALUES (
        ${id}, ${c.trackingCode}, ${c.siteId}, ${c.categoryId}, ${c.agencyId}, ${c.jurisdictionCode}, ${c.description}, ${c.lat}, ${c.lng}, ${c.placeText},
        ${c.reporterName}, ${c.reporterEmail}, ${c.reporterPhone}, ${c.reporterLinkKey}, ${c.locale}::"Locale", 'RECEIVED', ${c.routingMethod}::"RoutingMethod", ${c.routingRuleId},
        ${c.routingReason}, ${JSON.stringify(c.routingDecision)}::jsonb, ${c.idempotencyKey}, ${c.idempotencyHash}, ${c.proofOfWork}, ${at}, ${c.dueAt}, ${at}
      )
      RETURNING id, "agencyId", "reporterEmail", "submittedAt" AS at
    ), event AS (
      INSERT INTO "ReportEvent" ("reportId", kind, at, status, actor, data)
      SELECT id, 'SUBMITTED', at, 'RECEIVED', 'resident', ${JSON.stringify(report.eventData)}::jsonb FROM report
    ), resident_keys AS (
      INSERT INTO "ResidentKey" (id, "reportId", "keyHash", kind, "createdAt")
      SELECT gen_random_uuid()::text, report.id, k.hash, k.kind::"ResidentKeyKind", report.at
      FROM report, unnest(${report.residentKeys.map((k) => k.keyHash)}::text[], ${report.residentKeys.map((k) => k.kind)}::text[]) AS k(hash, kind)
    ), photos AS (
      INSERT INTO "Photo" (id, "reportId", "storageKey", "contentType", "byteSize", width, height, "createdAt")
      SELECT gen_random_uuid()::text, report.id, p.key, p.type, p.size, p.width, p.height, report.at
      FROM report, unnest(
        ${report.photos.map((p) => p.storageKey)}::text[], ${report.photos.map((p) => p.contentType)}::text[],
        ${report.photos.map((p) => p.byteSize)}::int[], ${report.photos.map((p) => p.width)}::int[], ${report.photos.map((p) => p.height)}::int[]
      ) AS p(key, type, size, width, height)
    ), outbox AS (
      INSERT INTO "Delivery" (id, "reportId", "channelId", "staffAccountId", event, "nextAttemptAt", "createdAt")
      SELECT gen_random_uuid()::text, report.id, channel.id, NULL, ${ROUTED}, report.at, report.at
      FROM report JOIN "DeliveryChannel" channel ON channel."agencyId" = report."agencyId" AND channel."removedAt" IS NULL
      UNION ALL
      SELECT gen_random_uuid()::text, report.id, NULL, NULL, ${RESIDENT_RECEIPT}, report.at, report.at
      FROM report WHERE ${mail} AND report."reporterEmail" IS NOT NULL
      UNION ALL
      SELECT gen_random_uuid()::text, report.id, NULL, staff.id, ${STAFF_NEW_REPORT}, report.at, report.at
      FROM report JOIN "StaffAccount" staff ON staff."agencyId" = report."agencyId" AND staff."disabledAt" IS NULL
      WHERE ${mail}
      RETURNING 1
    )
    SELECT count(*)::int AS outbox FROM outbox`;
  return { id, outbox: Number(rows[0]?.outbox ?? 0) };
}

/** Whether `error` is a unique violation, from Prisma's own queries (P2002) or from raw SQL (P2010). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError?.cause;
  return error.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}
