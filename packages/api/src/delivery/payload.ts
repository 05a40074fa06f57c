// The JSON an agency's system receives: one documented shape for every channel
// (the webhook body; the e-mail and Open311 request are made from it). Everything
// staff may see of the report, including the reporter's contact, because the
// receiving system is the agency's own; photos as expiring signed links.
import type { PrismaClient } from '@aduan/prisma';
import { trackingUrl } from '../notifications/compose.js';
import type { DeliveryEvent } from './outbox.js';
import { PHOTO_LINK_TTL_SECONDS, type PhotoLinkSigner } from './photo-links.js';

export interface DeliveryPayload {
  /** Stable across retries; the same value as the Aduan-Delivery header. */
  deliveryId: string;
  event: DeliveryEvent;
  /** When the report was routed (or rerouted) to this agency. */
  occurredAt: string;
  report: {
    trackingCode: string;
    status: string;
    description: string;
    locale: 'id' | 'en';
    submittedAt: string;
    dueAt: string;
    trackingUrl: string;
    placeText: string | null;
    point: { lat: number; lng: number } | null;
    area: { code: string; name: string; level: number };
    category: { code: string; name: string; nameEn: string };
    reporter: { name: string | null; email: string | null; phone: string | null } | null;
    photos: { url: string; contentType: string; width: number; height: number; expiresAt: string }[];
    routingReason: string;
  };
  agency: { slug: string; name: string };
}

export interface PayloadContext {
  prisma: PrismaClient;
  publicUrl: string;
  photoLinks: PhotoLinkSigner;
  now: Date;
}

export async function buildPayload(context: PayloadContext, deliveryId: string): Promise<DeliveryPayload> {
  const delivery = await context.prisma.delivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: {
      channel: { include: { agency: true } },
      report: { include: { category: true, jurisdiction: true, photos: { orderBy: { createdAt: 'asc' } } } },
    },
  });
  const { report, channel } = delivery;
  if (!channel) throw new TypeError(`Delivery ${deliveryId} is e-mail to a person; it has no payload.`);
  const expiresAt = new Date(context.now.getTime() + PHOTO_LINK_TTL_SECONDS * 1000);
  const photos = await Promise.all(
    report.photos.map(async (photo) => ({
      url: await context.photoLinks.link(context.publicUrl, photo.id, expiresAt),
      contentType: photo.contentType,
      width: photo.width,
      height: photo.height,
      expiresAt: expiresAt.toISOString(),
    })),
  );
  const hasReporter = report.reporterName || report.reporterEmail || report.reporterPhone;
  return {
    deliveryId: delivery.id,
    event: delivery.event as DeliveryEvent,
    occurredAt: delivery.createdAt.toISOString(),
    report: {
      trackingCode: report.trackingCode,
      status: report.status,
      description: report.description,
      locale: report.locale === 'EN' ? 'en' : 'id',
      submittedAt: report.submittedAt.toISOString(),
      dueAt: report.dueAt.toISOString(),
      trackingUrl: trackingUrl(context.publicUrl, report.trackingCode),
      placeText: report.placeText,
      point: report.lat !== null && report.lng !== null ? { lat: report.lat, lng: report.lng } : null,
      area: { code: report.jurisdiction.code, name: report.jurisdiction.name, level: report.jurisdiction.level },
      category: { code: report.category.code, name: report.category.nameId, nameEn: report.category.nameEn },
      reporter: hasReporter ? { name: report.reporterName, email: report.reporterEmail, phone: report.reporterPhone } : null,
      photos,
      routingReason: report.routingReason,
    },
    agency: { slug: channel.agency.slug, name: channel.agency.name },
  };
}
