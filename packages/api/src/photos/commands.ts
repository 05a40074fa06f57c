// `aduan photos copy --to s3://bucket/prefix`, registered by cli.ts. It needs no
// database (it copies what the storage holds), so it runs beside a server on PGlite too.
import type { Command } from 'commander';
import { readEnvironment } from '../environment.js';
import { AduanError } from '../errors.js';
import { copyPhotos, type CopySummary } from './copy.js';
import { openPhotoStorage, openS3PhotoStorage } from './open-storage.js';
import { parseS3Location } from './s3-location.js';
import type { PhotoStorage } from './storage.js';

export class PhotoCopyError extends AduanError {
  constructor(message: string) {
    super(message, 'PHOTO_COPY_FAILED');
  }
}

export function registerPhotoCommands(program: Command): void {
  const photos = program.command('photos').description('Manage where report photos are kept.');
  photos
    .command('copy')
    .description(
      'Copy every photo from the configured storage (ADUAN_DATA_DIR/photos, or ADUAN_PHOTO_STORAGE) to a bucket, skipping those already there; run it again after switching ADUAN_PHOTO_STORAGE to copy the newest.',
    )
    .requiredOption(
      '--to <s3-url>',
      's3://bucket or s3://bucket/prefix, on AWS or the server ADUAN_S3_ENDPOINT names (credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)',
    )
    .action(async (options: { to: string }) => {
      const parsed = parseS3Location(options.to);
      if ('problem' in parsed) throw new PhotoCopyError(`--to ${parsed.problem}, not "${options.to}".`);
      const env = readEnvironment();
      // The target is reached with the same settings a server on it would use, checked the same way.
      const targetEnv = readEnvironment({ ...process.env, ADUAN_PHOTO_STORAGE: options.to });
      const from = await openPhotoStorage(env);
      let to: PhotoStorage | undefined;
      try {
        to = await openS3PhotoStorage(parsed.location, targetEnv.s3);
        if (from.location === to.location) throw new PhotoCopyError(`The photos are already in ${to.location}: nothing to copy.`);
        console.log(`Copying photos from ${from.location} to ${to.location}…`);
        const summary = await copyPhotos(from, to, progress());
        console.log(describe(summary));
        if (summary.failed.length > 0) {
          const first = summary.failed[0]!;
          throw new PhotoCopyError(
            `${summary.failed.length} photo(s) could not be copied (the first, ${first.key}: ${first.reason}); run the command again to copy them.`,
          );
        }
      } finally {
        from.close();
        to?.close();
      }
      process.exit(0);
    });
}

function describe(summary: CopySummary): string {
  const size = summary.bytes < 1024 * 1024 ? `${Math.ceil(summary.bytes / 1024)} KB` : `${(summary.bytes / 1024 / 1024).toFixed(1)} MB`;
  const vanished = summary.vanished ? `, ${summary.vanished} erased while copying` : '';
  return `Copied ${summary.copied} photo(s) (${size}); skipped ${summary.skipped} already there${vanished}.`;
}

/** A line every thousand photos on a terminal, so a long copy shows it is moving. */
function progress(): ((summary: CopySummary) => void) | undefined {
  if (!process.stdout.isTTY) return undefined;
  return (summary) => {
    const done = summary.copied + summary.skipped + summary.vanished + summary.failed.length;
    if (done % 1000 === 0) console.log(`  ${done} photos so far…`);
  };
}
