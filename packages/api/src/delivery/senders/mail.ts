// E-mail to a person (the reporter, a staff member) from the outbox: composed when it
// is sent (notifications/compose.ts), delivered when the SMTP server accepts it. A row
// with nobody left to tell (an erased contact, a disabled account) is done without
// sending. Failures are described without addresses or text: SMTP errors can quote them.
import type { PrismaClient } from '@aduan/prisma';
import type { Mailer } from '../../notifications/mailer.js';
import { composeMail } from '../../notifications/compose.js';
import type { ReplyAddresses } from '../../mail-replies/reply-address.js';
import { DeliveryFailure, type SendOutcome } from './sender.js';

export async function sendMail(
  prisma: PrismaClient,
  deliveryId: string,
  mailer: Mailer | null,
  publicUrl: string,
  replies: ReplyAddresses | null = null,
): Promise<SendOutcome> {
  if (!mailer) throw new DeliveryFailure('No SMTP server is configured (ADUAN_SMTP_URL), so e-mail cannot be sent.', 'MISCONFIGURED');
  const mail = await composeMail(prisma, deliveryId, publicUrl, replies);
  if ('nobody' in mail) return { statusCode: null };
  try {
    await mailer.send(mail.message);
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode ?? null;
    throw new DeliveryFailure(`The mail server did not take it: ${describeMailError(error)}`, code === null ? 'UNREACHABLE' : 'REFUSED', code);
  }
  return { statusCode: 250 };
}

/** Error class, code and SMTP reply code only: messages can quote addresses. */
export function describeMailError(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return [error.name, typeof code === 'string' ? code : null, typeof responseCode === 'number' ? `SMTP ${responseCode}` : null].filter(Boolean).join(' ');
}
