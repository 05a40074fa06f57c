// Reading one message from the reply mailbox, without a mailbox: what becomes the reply's
// own words when a mail program quotes Aduan's mail in a way the reply parser does not
// know, and which Message-ID the database keeps.
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { readMessage, storableMessageId } from '../src/mail-replies/read-message.js';
import { replyInstructions } from '../src/mail-replies/reply-words.js';

/** What Aduan's mail to an agency holds below its opening: the resident's contact and exact point. */
const ADUAN_MAIL = [
  replyInstructions('ID'),
  '',
  'Laporan baru KPG-7Q4M-2XKD: Jalan rusak',
  'Pelapor: Siti Rahayu, siti.rahayu@example.com, +6281234567890',
  'Lokasi: https://www.openstreetmap.org/?mlat=-10.17123&mlon=123.60789',
  'Foto: https://aduan.kupang.example/delivery/photos/abc?sig=secret',
].join('\n');

async function read(text: string) {
  const raw = await new MailComposer({
    from: 'budi@pupr.kupangkota.go.id',
    to: 'aduan+x@kupangkota.go.id',
    subject: 'RE: Laporan baru',
    text,
    messageId: '<a1@pupr>',
  })
    .compile()
    .build();
  return readMessage(raw);
}

describe("a reply's own words", () => {
  it('stop at an Outlook quote block without an address, so the quoted mail never becomes a note', async () => {
    const reply = await read(
      [
        'Sudah kami jadwalkan minggu depan.',
        '',
        'Budi',
        '',
        'From: Aduan Kupang',
        'Sent: Monday, December 7, 2026 10:00 AM',
        'To: Dinas PUPR',
        'Subject: Laporan baru',
        '',
        ADUAN_MAIL,
      ].join('\n'),
    );
    expect(reply.text).toBe('Sudah kami jadwalkan minggu depan.\n\nBudi');
  });

  it("stop at Aduan's mail pasted without any header, in either language, and wrapped", async () => {
    const pasted = await read(`Tim sudah berangkat.\n\n${ADUAN_MAIL}`);
    expect(pasted.text).toBe('Tim sudah berangkat.');
    const english = replyInstructions('EN').replace('. ', '.\n');
    const wrapped = await read(`On our way.\n\n${english}\nReporter: siti.rahayu@example.com`);
    expect(wrapped.text).toBe('On our way.');
  });

  it('keep a reply that quotes nothing as it is', async () => {
    expect((await read('SELESAI\nLubang sudah ditambal.')).text).toBe('SELESAI\nLubang sudah ditambal.');
  });
});

describe('the Message-ID kept', () => {
  const raw = Buffer.from('Subject: x\r\n\r\nbody');
  it('is the one sent when it is printable and of a sane length', () => {
    expect(storableMessageId(' <a1.b2@pupr.kupangkota.go.id> ', raw)).toBe('<a1.b2@pupr.kupangkota.go.id>');
  });
  it('is named by its hash when it holds a NUL, a line break or 3 KB, and by the bytes when there is none', () => {
    const nul = storableMessageId('<a\u0000b@x>', raw);
    const long = storableMessageId(`<${'a'.repeat(3000)}@x>`, raw);
    const broken = storableMessageId('<a@x>\nReply <forged>: applied', raw);
    for (const id of [nul, long, broken]) expect(id).toMatch(/^<[0-9a-f]{64}@unusual-message-id\.invalid>$/);
    expect(new Set([nul, long, broken]).size).toBe(3);
    expect(storableMessageId(undefined, raw)).toMatch(/^<[0-9a-f]{64}@no-message-id\.invalid>$/);
    expect(storableMessageId(undefined, raw)).toBe(storableMessageId('', raw));
  });
});
