// The delivery commands of the `aduan` command line: `aduan worker` (the delivery
// worker alone, for deployments that keep it off the web replicas) and
// `aduan channel add | list | remove`. Registered by cli.ts.
import { serverSecretFor } from '../secrets/server-secret.js';
import { describeReplies, ReplyAddresses, startReplyWorker } from '../mail-replies/index.js';
import { openPhotoStorage } from '../photos/index.js';
import { PhotoLinkSigner } from './photo-links.js';
import type { Command } from 'commander';
import type { PrismaClient } from '@aduan/prisma';
import { openConfiguredDatabase } from '../db/open-configured.js';
import { commandChanges } from '../events/command-changes.js';
import { ReportLedger } from '../workflow/ledger.js';
import { applyMigrations } from '../db/migrate.js';
import { deliverySettingsOf, readEnvironment } from '../environment.js';
import { mailerFromEnvironment } from '../notifications/index.js';
import { addChannel, CHANNEL_KINDS, listChannels, parseChannelSpec, removeChannel } from './channels.js';
import { startDeliveryLoop } from './loop.js';

type WithDatabase = (work: (prisma: PrismaClient, ledger: ReportLedger) => Promise<void>) => Promise<void>;

interface AddOptions {
  agency: string;
  name: string;
  kind: string;
  url?: string;
  email?: string;
  secretEnv?: string;
  serviceCode?: string[];
  jurisdictionId?: string;
  locale?: string;
}

/** `--service-code jalan-rusak=ROAD` → { 'jalan-rusak': 'ROAD' }; a malformed pair is left for the spec check to name. */
function serviceCodes(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs?.length) return undefined;
  const entries = pairs.map((pair) => {
    const at = pair.indexOf('=');
    return at > 0 ? [pair.slice(0, at), pair.slice(at + 1)] : [pair, ''];
  });
  return Object.fromEntries(entries);
}

export function registerDeliveryCommands(program: Command, withDatabase: WithDatabase): void {
  program
    .command('worker')
    .description('Send the delivery outbox (webhooks, e-mail, Open311) and poll Open311 statuses until stopped; for replicas run with ADUAN_DELIVERY_WORKER=0.')
    .action(async () => {
      const env = readEnvironment();
      const database = await openConfiguredDatabase(env);
      await applyMigrations(database);
      const mailer = mailerFromEnvironment(env);
      // Through Redis, the replicas hear the statuses it polls (live status, kept answers).
      const bus = commandChanges(env, (line) => console.log(line));
      const secret = serverSecretFor(env, (line) => console.log(line));
      const replies = env.replies ? new ReplyAddresses(env.replies.address, secret) : null;
      console.log(describeReplies(env.replies, mailer !== null));
      const ledger = new ReportLedger({ prisma: database.prisma, changes: bus.changes, mail: mailer !== null });
      const photoStorage = env.replies ? await openPhotoStorage(env) : null;
      const loop = startDeliveryLoop({
        prisma: database.prisma,
        // Signed with the server's secret, so the server's /delivery/photos accepts the links.
        photoLinks: new PhotoLinkSigner(secret),
        replies,
        // Statuses polled back from Open311 endpoints change reports through it.
        ledger,
        publicUrl: env.publicUrl ?? `http://localhost:${env.port}`,
        mailer,
        settings: deliverySettingsOf(env),
        intervalMs: env.deliveryPollMs,
        open311PollEveryMs: env.open311PollMs,
        log: (line) => console.log(line),
      });
      // Agencies' replies by mail, with photos kept where the server keeps them.
      const replyReader =
        env.replies && replies
          ? startReplyWorker({
              settings: env.replies,
              addresses: replies,
              ledger,
              photoStorage,
              log: (line) => console.log(line),
              onOutbox: () => void loop.runNow(),
            })
          : null;
      console.log(`Delivery worker running on ${database.location}; stop with Ctrl-C or SIGTERM.`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      // Let the running pass finish recording what it sent, then close.
      await replyReader?.stop();
      await loop.stop();
      photoStorage?.close();
      await bus.close();
      await database.close();
      console.log('Delivery worker stopped.');
      process.exit(0);
    });

  const channel = program.command('channel').description('Manage where an agency’s reports are delivered: webhook, e-mail or Open311.');
  channel
    .command('add')
    .description('Add (or replace) a channel of an agency. Secrets stay in the environment: give the variable’s name.')
    .requiredOption('--agency <slug>', 'the agency')
    .requiredOption('--name <name>', 'the channel’s name within the agency, e.g. sim-pupr')
    .requiredOption('--kind <kind>', CHANNEL_KINDS.join(' | '))
    .option('--url <url>', 'webhook: the receiver’s URL; open311: the endpoint’s base URL (…/v2/)')
    .option('--email <address>', 'email: where to send (the agency’s own address when omitted)')
    .option('--secret-env <VAR>', 'the environment variable holding the webhook secret or the Open311 api_key')
    .option('--service-code <category=code...>', 'open311: map an Aduan category code to the endpoint’s service_code')
    .option('--jurisdiction-id <id>', 'open311: the endpoint’s jurisdiction_id')
    .option('--locale <id|en>', 'email: the language of the message')
    .action(async (options: AddOptions) => {
      const spec = parseChannelSpec({
        name: options.name,
        kind: options.kind,
        url: options.url,
        email: options.email,
        secretEnv: options.secretEnv,
        serviceCodes: serviceCodes(options.serviceCode),
        jurisdictionId: options.jurisdictionId,
        locale: options.locale,
      });
      await withDatabase(async (prisma) => {
        await addChannel(prisma, options.agency, spec);
        console.log(`Added channel ${spec.name} (${spec.kind}) to ${options.agency}.`);
        if (spec.secretEnv && !process.env[spec.secretEnv]) {
          console.log(`Set ${spec.secretEnv} in the environment of every process that sends deliveries.`);
        }
      });
    });
  channel
    .command('list')
    .description('List live channels (never secrets).')
    .option('--agency <slug>', 'only this agency’s')
    .action(async (options: { agency?: string }) => {
      await withDatabase(async (prisma) => {
        const channels = await listChannels(prisma, options.agency);
        if (!channels.length) console.log('No channels.');
        for (const c of channels) {
          const target = c.kind === 'EMAIL' ? (c.email ?? '(agency address)') : c.url;
          const secret = c.secretEnv ? `  secret in $${c.secretEnv}` : '';
          console.log(`${c.agency.slug}  ${c.name}  ${c.kind.toLowerCase()}  ${target}${secret}  (${c.source})`);
        }
      });
    });
  channel
    .command('remove')
    .description('Stop new deliveries to a channel; deliveries already written are still sent, and its history stays.')
    .requiredOption('--agency <slug>', 'the agency')
    .requiredOption('--name <name>', 'the channel')
    .action(async (options: { agency: string; name: string }) => {
      await withDatabase(async (prisma) => {
        await removeChannel(prisma, options.agency, options.name);
        console.log(`Removed channel ${options.name} of ${options.agency}.`);
      });
    });
}
