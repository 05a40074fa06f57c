// Photos in a bucket of any S3-compatible server (AWS, MinIO, Ceph RGW, the city's own),
// under `<prefix>/<key>`, so any number of replicas share them. Imported only when a
// bucket is configured (open-storage.ts): the AWS SDK is large, and a server on disk
// loads none of it.
//
// The objects stay private: no ACL is set, so the bucket's own (private) settings apply,
// and Aduan never links to the bucket. Staff and agencies get the bytes through Aduan's
// own routes, with the same checks as on disk (server/staff-photos.ts, delivery-photos.ts).
import { createHash } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AduanError } from '../errors.js';
import { describeS3Location, type S3Connection, type S3Location } from './s3-location.js';
import { checkPhotoKey, checkPut, contentTypeOfKey, isPhotoKey, type PhotoEntry, type PhotoStorage, type StoredPhoto } from './storage.js';

/** The bucket cannot be used: missing, refused, or out of reach. One sentence, never a credential. */
export class PhotoStorageError extends AduanError {
  constructor(message: string) {
    super(message, 'PHOTO_STORAGE_UNAVAILABLE');
  }
}

/** What a server other than AWS is taken to be in when AWS_REGION is unset; MinIO and Ceph RGW accept it. */
const DEFAULT_REGION = 'us-east-1';

export class S3PhotoStorage implements PhotoStorage {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(
    where: S3Location,
    private readonly connection: S3Connection,
  ) {
    this.bucket = where.bucket;
    this.prefix = where.prefix ? `${where.prefix}/` : '';
    this.location = `${describeS3Location(where)}${connection.endpoint ? ` at ${connection.endpoint}` : ''}`;
    this.client = new S3Client({
      region: connection.region ?? DEFAULT_REGION,
      // Other S3 servers are addressed as endpoint/bucket/key: no wildcard DNS or certificate needed.
      ...(connection.endpoint ? { endpoint: connection.endpoint, forcePathStyle: true } : {}),
      ...(connection.credentials ? { credentials: connection.credentials } : {}),
      // The SDK's default CRC checksums are refused by many S3-compatible servers; every
      // server checks Content-MD5, which `put` sends.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // A bucket that stops answering fails the request in seconds instead of holding it.
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
    });
  }

  /** Fails with a PhotoStorageError unless the bucket exists and these credentials may use it. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw new PhotoStorageError(`Photo storage ${this.location}: ${this.explain(error)}.`);
    }
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    checkPut(key, contentType);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.byteLength,
        // The server refuses bytes that arrive changed.
        ContentMD5: createHash('md5').update(bytes).digest('base64'),
      }),
    );
  }

  async get(key: string): Promise<StoredPhoto | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      // Whole photos (at most 1600 px, a few hundred KB): the routes answer with their length.
      const bytes = await object.Body!.transformToByteArray();
      return { bytes, contentType: contentTypeOfKey(key) };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that is not there, too.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
  }

  async sizeOf(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return head.ContentLength ?? null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async *list(): AsyncIterable<PhotoEntry> {
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.bucket, Prefix: this.prefix })) {
      for (const object of page.Contents ?? []) {
        const key = object.Key?.slice(this.prefix.length) ?? '';
        if (isPhotoKey(key)) yield { key, byteSize: object.Size ?? 0 };
      }
    }
  }

  close(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    checkPhotoKey(key);
    return `${this.prefix}${key}`;
  }

  /** Why the bucket cannot be used, in words an operator can act on. */
  private explain(error: unknown): string {
    const status = statusOf(error);
    const name = (error as Error).name;
    const code = (error as NodeJS.ErrnoException).code;
    if (status === 404) return `the bucket "${this.bucket}" does not exist`;
    if (status === 403) {
      return 'access denied: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that they may list the bucket and read, write and delete under its prefix';
    }
    if (status === 301 || name === 'AuthorizationHeaderMalformed' || name === 'PermanentRedirect') {
      return `the bucket is in another region than ${this.connection.region ?? DEFAULT_REGION}: set AWS_REGION to its region`;
    }
    if (name === 'CredentialsProviderError') {
      return 'no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where the machine’s role provides them';
    }
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || name === 'TimeoutError') {
      return `the server does not answer (${code ?? name}): check ADUAN_S3_ENDPOINT`;
    }
    return `${name}${status ? ` (HTTP ${status})` : ''}: ${(error as Error).message}`;
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
