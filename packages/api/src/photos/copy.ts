// Copying every photo from one storage to another (`aduan photos copy --to s3://…`), to
// move a deployment from its data directory to a bucket. Safe to run again and again,
// also while the server keeps writing: a photo already there with the same size is
// skipped, so a second run after switching ADUAN_PHOTO_STORAGE copies only the newest.
import type { PhotoStorage } from './storage.js';

export interface CopySummary {
  copied: number;
  /** Bytes copied (skipped photos not counted). */
  bytes: number;
  /** Already in the target with the same size. */
  skipped: number;
  /** Listed, then gone from the source before it was read (a photo erased meanwhile). */
  vanished: number;
  failed: { key: string; reason: string }[];
}

/** Photos copied at once: enough to hide a bucket's round trips, few enough for a small server. */
const AT_ONCE = 4;

/** Copies every photo `from` lists into `to`; a photo that fails is recorded and the others go on. */
export async function copyPhotos(from: PhotoStorage, to: PhotoStorage, onPhoto?: (summary: CopySummary) => void): Promise<CopySummary> {
  const summary: CopySummary = { copied: 0, bytes: 0, skipped: 0, vanished: 0, failed: [] };
  // Async generators hand out entries one call at a time, so the workers never take the same one.
  const entries = from.list()[Symbol.asyncIterator]();
  const worker = async () => {
    for (let next = await entries.next(); !next.done; next = await entries.next()) {
      const { key, byteSize } = next.value;
      try {
        if ((await to.sizeOf(key)) === byteSize) summary.skipped++;
        else {
          const photo = await from.get(key);
          if (!photo) summary.vanished++;
          else {
            await to.put(key, photo.bytes, photo.contentType);
            summary.copied++;
            summary.bytes += photo.bytes.byteLength;
          }
        }
      } catch (error) {
        summary.failed.push({ key, reason: error instanceof Error ? error.message : String(error) });
      }
      onPhoto?.(summary);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  return summary;
}
