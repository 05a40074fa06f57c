// What a file really is, by its first bytes — never by its name or the type the
// browser claimed. Only JPEG, PNG and WebP go on to be decoded.

export type ImageType = 'jpeg' | 'png' | 'webp' | 'heic' | 'unknown';

/** ISO-BMFF brands of HEIC/HEIF stills and sequences (iPhones' default camera format). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

/** Sniffs the image type from the magic bytes at the start of a file. */
export function detectImageType(bytes: Uint8Array): ImageType {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    ascii(bytes, 1, 3) === 'PNG' &&
    bytes[4] === 0x0d &&
    bytes[5] === 0x0a &&
    bytes[6] === 0x1a &&
    bytes[7] === 0x0a
  ) {
    return 'png';
  }
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 4))) {
    // `mif1`/`msf1` are also AVIF's major brands; AVIF lists `avif`/`avis` among its compatible brands.
    const boxSize = Math.min(bytes.length, (bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!);
    const compatible = ascii(bytes, 16, Math.max(0, boxSize - 16));
    if (/^(mif1|msf1)$/.test(ascii(bytes, 8, 4)) && /avi[fs]/.test(compatible)) return 'unknown';
    return 'heic';
  }
  return 'unknown';
}
