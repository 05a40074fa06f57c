// A real S3-compatible server for tests: s3rver, in this process, on a free port of
// 127.0.0.1 and a temporary folder, with the buckets a test asks for. Requests reach it
// over HTTP, signed, as they would reach MinIO or AWS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Connection } from '../../src/photos/s3-location.js';

export interface TestS3 {
  /** `http://127.0.0.1:<port>`: what ADUAN_S3_ENDPOINT would say. */
  endpoint: string;
  /** How Aduan reaches it, with s3rver's own key pair. */
  connection: S3Connection;
  /** The same as environment variables, for `aduan` run as a command or `readEnvironment`. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** s3rver's one account; it knows no other access key. */
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startTestS3(buckets: string[] = ['aduan-photos']): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'aduan-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    connection: { endpoint, region: undefined, credentials: KEYS },
    env: { ADUAN_S3_ENDPOINT: endpoint, AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey },
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
