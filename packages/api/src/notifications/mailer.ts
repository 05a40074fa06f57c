// Sending one e-mail. `Mailer` is the seam: SMTP through nodemailer in production,
// anything in tests. With no SMTP URL there is no mailer and nothing is attempted.
import type { Transporter } from 'nodemailer';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The same for every attempt at one outbox row, so a resend can be recognised. */
  messageId?: string;
  /** Where a reply goes: the report's reply address (mail-replies/reply-address.ts), when replies are read. */
  replyTo?: string;
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects on any failure. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class SmtpMailer implements Mailer {
  /** nodemailer (about 13 MiB) is loaded when the first mail goes, not when the server starts. */
  private transport: Promise<Transporter> | undefined;

  /** `url` is `smtp://user:pass@host:587` or `smtps://…:465`; nodemailer's URL options apply. */
  constructor(
    private readonly url: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    this.transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(this.url));
    await (await this.transport).sendMail({ from: this.from, ...message });
  }

  close(): void {
    void this.transport?.then((transport) => transport.close());
  }
}

/** The SMTP mailer the environment asks for, or null when none is configured. */
export function mailerFromEnvironment(env: { smtpUrl?: string | undefined; mailFrom: string }): Mailer | null {
  if (!env.smtpUrl) return null;
  return new SmtpMailer(env.smtpUrl, env.mailFrom);
}
