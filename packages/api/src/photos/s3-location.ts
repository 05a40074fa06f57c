// `s3://bucket/prefix`: where photos go when ADUAN_PHOTO_STORAGE (or `aduan photos copy
// --to`) names a bucket, and how to reach the S3 server it lives on. Plain values only:
// the AWS SDK is loaded by s3-storage.ts, and only when a bucket is configured.

/** A bucket and the folder (key prefix, without slashes at either end; '' for none) photos go under. */
export interface S3Location {
  bucket: string;
  prefix: string;
}

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** How to reach the S3 server: AWS itself unless `endpoint` names another (MinIO, Ceph RGW, the city's own). */
export interface S3Connection {
  /** `http(s)://host[:port]` of an S3-compatible server, addressed path-style; AWS when undefined. */
  endpoint: string | undefined;
  /** The bucket's region (AWS_REGION); required on AWS. */
  region: string | undefined;
  /** AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; undefined lets the SDK find the machine's own (an instance or pod role). */
  credentials: S3Credentials | undefined;
}

/** The problem with text that is no s3:// address at all. */
export const S3_LOCATION_FORM = 'must be s3://bucket or s3://bucket/prefix';

/** S3's rules for a bucket name, which MinIO and Ceph RGW follow too: 3–63 of a-z 0-9 . -, a letter or digit at each end. */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A prefix's folders: the characters S3 calls safe in keys, so no client or proxy rewrites them. */
const FOLDER = /^[A-Za-z0-9!_.*'()-]+$/;

/** The bucket and prefix in `text`, or a problem finishing the sentence "ADUAN_PHOTO_STORAGE …" (or "--to …"). */
export function parseS3Location(text: string): { location: S3Location } | { problem: string } {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(text);
  if (!match) return { problem: S3_LOCATION_FORM };
  const bucket = match[1]!;
  if (!BUCKET.test(bucket) || bucket.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    return {
      problem: 'names a bucket S3 would refuse: 3 to 63 lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit',
    };
  }
  const prefix = (match[2] ?? '').replace(/\/$/, '');
  if (prefix !== '' && !prefix.split('/').every((folder) => FOLDER.test(folder) && folder !== '.' && folder !== '..')) {
    return { problem: "has a prefix of folders that are empty, . or .., or hold characters other than letters, digits and ! _ . * ' ( ) -" };
  }
  return { location: { bucket, prefix } };
}

/** `s3://bucket/prefix`, as an operator writes it. */
export function describeS3Location(location: S3Location): string {
  return `s3://${location.bucket}${location.prefix ? `/${location.prefix}` : ''}`;
}

/** The origin of an S3-compatible server, or a problem finishing the sentence "ADUAN_S3_ENDPOINT …". */
export function parseS3Endpoint(text: string): { endpoint: string } | { problem: string } {
  const form = "must be the S3 server's address, http(s)://host[:port] (e.g. http://minio.internal:9000)";
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: form };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: form };
  // Keys belong in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, where nothing prints them.
  if (url.username || url.password) return { problem: `${form}, with no credentials in it: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY` };
  if (url.pathname !== '/' || url.search || url.hash) return { problem: `${form}, with no path: the bucket goes in ADUAN_PHOTO_STORAGE` };
  return { endpoint: url.origin };
}
