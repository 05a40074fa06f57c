// EMAIL: a readable message to the agency's address (the channel's, else the
// agency's own), in the channel's language, with everything its staff need to act
// and the console link. Delivered when the SMTP server accepts it.
import type { Mailer } from '../../notifications/mailer.js';
import { formatTime, render, type Block, type Locale } from '../../notifications/messages.js';
import type { DeliveryPayload } from '../payload.js';
import { replyInstructions } from '../../mail-replies/reply-words.js';
import { DeliveryFailure, type SendOutcome, type SendRequest } from './sender.js';

const WORDS = {
  ID: {
    subject: (p: DeliveryPayload) =>
      `${p.event === 'report.rerouted' ? 'Laporan diteruskan' : 'Laporan baru'} ${p.report.trackingCode}: ${p.report.category.name}`,
    intro: (p: DeliveryPayload) =>
      p.event === 'report.rerouted'
        ? `Laporan ini diteruskan kepada ${p.agency.name} melalui Aduan.`
        : `Laporan baru untuk ${p.agency.name} masuk melalui Aduan.`,
    description: 'Isi laporan',
    category: 'Kategori',
    place: 'Lokasi',
    area: 'Wilayah',
    map: 'Titik di peta',
    reporter: 'Pelapor',
    anonymous: 'tanpa nama',
    due: 'Batas waktu tanggapan',
    photo: (n: number) => `Foto ${n} (tautan berlaku sampai`,
    open: 'Buka di konsol Aduan',
  },
  EN: {
    subject: (p: DeliveryPayload) =>
      `${p.event === 'report.rerouted' ? 'Report passed on' : 'New report'} ${p.report.trackingCode}: ${p.report.category.nameEn}`,
    intro: (p: DeliveryPayload) =>
      p.event === 'report.rerouted'
        ? `This report was passed on to ${p.agency.name} through Aduan.`
        : `A new report for ${p.agency.name} came in through Aduan.`,
    description: 'Report',
    category: 'Category',
    place: 'Place',
    area: 'Area',
    map: 'Point on the map',
    reporter: 'Reporter',
    anonymous: 'anonymous',
    due: 'Answer due by',
    photo: (n: number) => `Photo ${n} (link valid until`,
    open: 'Open in the Aduan console',
  },
} as const;

export function agencyMessage(payload: DeliveryPayload, locale: Locale, consoleLink: string): { subject: string; blocks: Block[] } {
  const w = WORDS[locale];
  const { report } = payload;
  const reporter = report.reporter ? [report.reporter.name, report.reporter.email, report.reporter.phone].filter(Boolean).join(', ') : w.anonymous;
  const blocks: Block[] = [
    { text: w.intro(payload) },
    { label: w.category, value: locale === 'EN' ? report.category.nameEn : report.category.name },
    { label: w.description, value: report.description },
    ...(report.placeText ? [{ label: w.place, value: report.placeText }] : []),
    { label: w.area, value: `${report.area.name} (${report.area.code})` },
    ...(report.point
      ? [
          {
            link: `https://www.openstreetmap.org/?mlat=${report.point.lat}&mlon=${report.point.lng}#map=18/${report.point.lat}/${report.point.lng}`,
            caption: w.map,
          },
        ]
      : []),
    { label: w.reporter, value: reporter },
    { label: w.due, value: formatTime(new Date(report.dueAt)) },
    ...report.photos.map((photo, i) => ({ link: photo.url, caption: `${w.photo(i + 1)} ${formatTime(new Date(photo.expiresAt))})` })),
    { link: consoleLink, caption: w.open },
  ];
  return { subject: w.subject(payload), blocks };
}

/** `replyTo`: the report's reply address when replies are read; the message then says at its top what a reply can do. */
export async function sendEmail(request: SendRequest, mailer: Mailer | null, consoleLink: string, replyTo: string | null = null): Promise<SendOutcome> {
  const { channel, payload } = request;
  if (!mailer) throw new DeliveryFailure('No SMTP server is configured (ADUAN_SMTP_URL), so e-mail cannot be sent.', 'MISCONFIGURED');
  const to = channel.email ?? channel.agency.email;
  if (!to) throw new DeliveryFailure(`The e-mail channel "${channel.name}" has no address and the agency has none either.`, 'MISCONFIGURED');
  const locale = channel.locale === 'EN' ? 'EN' : 'ID';
  const composed = agencyMessage(payload, locale, consoleLink);
  const message = replyTo
    ? { ...render({ ...composed, blocks: [{ text: replyInstructions(locale) }, ...composed.blocks] }, [to]), replyTo }
    : render(composed, [to]);
  try {
    await mailer.send(message);
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode ?? null;
    throw new DeliveryFailure(
      `The mail server refused it: ${error instanceof Error ? error.message : String(error)}`,
      code === null ? 'UNREACHABLE' : 'REFUSED',
      code,
    );
  }
  return { statusCode: 250 };
}
