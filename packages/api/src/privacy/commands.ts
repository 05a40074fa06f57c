// `aduan privacy export | erase | rekey`, registered by cli.ts.
import type { Command } from 'commander';
import type { PrismaClient } from '@aduan/prisma';
import type { ReportLedger } from '../workflow/ledger.js';
import { readEnvironment } from '../environment.js';
import { openPhotoStorage } from '../photos/index.js';
import { RoutingCatalog } from '../routing/catalog.js';
import { contactCipherFor } from './contact-cipher.js';
import { eraseReporterData, exportReport, rekeyContacts } from './requests.js';

type WithDatabase = (work: (prisma: PrismaClient, ledger: ReportLedger) => Promise<void>) => Promise<void>;

export function registerPrivacyCommands(program: Command, withDatabase: WithDatabase): void {
  const privacy = program.command('privacy').description("Carry out a resident's request about their personal data.");
  privacy
    .command('export <trackingCode>')
    .description('Print, as JSON, everything Aduan holds about a report and its reporter (contact, timeline with internal notes, photos).')
    .action(async (trackingCode: string) => {
      await withDatabase(async (prisma) => {
        console.log(JSON.stringify(await exportReport(prisma, new RoutingCatalog(prisma, 0), trackingCode), null, 2));
      });
    });
  privacy
    .command('erase <trackingCode>')
    .description("Erase the reporter's contact and the report's photos; the report and its timeline stay, with a note.")
    .action(async (trackingCode: string) => {
      const env = readEnvironment();
      await withDatabase(async (prisma, ledger) => {
        // The photos are erased wherever the server keeps them: its data dir, or the bucket.
        const photoStorage = await openPhotoStorage(env);
        try {
          const erased = await eraseReporterData(ledger, new RoutingCatalog(prisma, 0), photoStorage, trackingCode);
          console.log(
            `Erased ${erased.contactErased ? 'the contact' : 'no contact (none was held)'} and ${erased.photosErased} photo(s) of ${erased.trackingCode}.`,
          );
        } finally {
          photoStorage.close();
        }
      });
    });
  privacy
    .command('rekey')
    .description('Seal every reporter contact with the first key of ADUAN_CONTACT_KEYS (after adding a new key), so older keys can be removed.')
    .action(async () => {
      const env = readEnvironment();
      await withDatabase(async (prisma) => {
        const cipher = contactCipherFor(env, () => {});
        const n = await rekeyContacts(prisma, cipher);
        console.log(`Sealed ${n} report(s) again with key "${cipher.currentKeyId}".`);
      });
    });
}
