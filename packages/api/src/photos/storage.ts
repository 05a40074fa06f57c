// Where photo bytes live: one small interface, kept on local disk (disk-storage.ts) or in
// an S3-compatible bucket (s3-storage.ts), so intake, the photo routes and erasure never
// know which. Keys are made here and checked here, whichever storage holds them.
import { randomUUID } from 'node:crypto';

export interface StoredPhoto {
  bytes: Uint8Array;
  contentType: string;
}

/** A stored photo's key and size, as `list` gives them. */
export interface PhotoEntry {
  key: string;
  byteSize: number;
}

export interface PhotoStorage {
  /** Where the photos are, for logs and messages: a folder, or s3://bucket/prefix (never a credential). */
  readonly location: string;
  /** Stores bytes under a key made by `newPhotoKey`; keys are fresh, so nothing is ever replaced by chance. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes and type under a key, or null when there is none. */
  get(key: string): Promise<StoredPhoto | null>;
  /** Removes a key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** The size in bytes of what is stored under a key, or null when there is none. */
  sizeOf(key: string): Promise<number | null>;
  /** Every photo stored (anything else in the folder or bucket is left out): what `aduan photos copy` copies. */
  list(): AsyncIterable<PhotoEntry>;
  /** Lets go of what the storage holds open (the S3 client's connections). */
  close(): void;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp' };
const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', webp: 'image/webp' };
/** `2026/11/<uuid>.jpg`: dated folders keep directories small; nothing a caller could steer. */
const KEY = /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.(jpg|webp)$/;

/** A fresh, unguessable key for a photo of this type. */
export function newPhotoKey(contentType: string, now: Date = new Date()): string {
  const extension = EXTENSIONS[contentType];
  if (!extension) throw new Error(`Photos are stored as JPEG or WebP, not ${contentType}.`);
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${now.getUTCFullYear()}/${month}/${randomUUID()}.${extension}`;
}

/** Whether `key` has the shape `newPhotoKey` makes. */
export function isPhotoKey(key: string): boolean {
  return KEY.test(key);
}

/** Refuses anything but a key `newPhotoKey` could have made, before a storage touches it. */
export function checkPhotoKey(key: string): void {
  if (!isPhotoKey(key)) throw new Error(`Not a photo key: ${JSON.stringify(key)}`);
}

/** The content type a key's extension stands for: the one its bytes were stored as. */
export function contentTypeOfKey(key: string): string {
  checkPhotoKey(key);
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)]!;
}

/** Refuses to store bytes under a key whose extension says another type. */
export function checkPut(key: string, contentType: string): void {
  if (contentTypeOfKey(key) !== contentType) throw new Error(`The key ${key} does not match the content type ${contentType}.`);
}
