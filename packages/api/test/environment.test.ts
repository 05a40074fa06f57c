// The environment is read in one place: every setting defaulted, a wrong one refused in
// one sentence naming the variable, and one server's files in one folder of its own.
import { describe, expect, it } from 'vitest';
import { embeddedDatabaseOf, environment, readEnvironment } from '../src/environment.js';

describe('the environment', () => {
  it('defaults every setting', () => {
    const env = readEnvironment({});
    expect(env).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: '.aduan',
      demo: false,
      mailFrom: 'Aduan <aduan@localhost>',
      autoCloseDays: 14,
      deliveryWorker: true,
      trustedProxyHops: 0,
      shutdownGraceMs: 15_000,
      keepAliveTimeoutMs: 65_000,
      headersTimeoutMs: 66_000,
      proofOfWorkMaxCounter: 20_000,
      persistedOperationsOnly: false,
      cachePublicReads: true,
    });
    expect(embeddedDatabaseOf(env)).toBe('.aduan/pglite');
    expect(environment()).toEqual(env);
  });

  it('reads what is set, and treats an empty variable as unset', () => {
    const env = readEnvironment({
      PORT: '8080',
      DATABASE_URL: '',
      ADUAN_DEMO: '1',
      ADUAN_PUBLIC_URL: 'https://aduan.kupangkota.go.id//',
      ADUAN_DELIVERY_WORKER: '0',
      ADUAN_PROOF_OF_WORK: 'off',
      ADUAN_TRUST_PROXY: '2',
      ADUAN_PERSISTED_OPERATIONS: 'only',
      ADUAN_CACHE_PUBLIC_READS: 'off',
    });
    expect(env).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
      demo: true,
      publicUrl: 'https://aduan.kupangkota.go.id',
      deliveryWorker: false,
      proofOfWorkMaxCounter: 0,
      trustedProxyHops: 2,
      persistedOperationsOnly: true,
      cachePublicReads: false,
    });
  });

  it('keeps the headers timeout above the keep-alive, unless both are set', () => {
    expect(readEnvironment({ ADUAN_KEEP_ALIVE_TIMEOUT_MS: '620000' })).toMatchObject({ keepAliveTimeoutMs: 620_000, headersTimeoutMs: 621_000 });
    expect(readEnvironment({ ADUAN_KEEP_ALIVE_TIMEOUT_MS: '75000', ADUAN_HEADERS_TIMEOUT_MS: '90000' })).toMatchObject({
      keepAliveTimeoutMs: 75_000,
      headersTimeoutMs: 90_000,
    });
  });

  it('keeps one server’s files in its data folder, wherever its embedded database is', () => {
    expect(embeddedDatabaseOf(readEnvironment({ ADUAN_DATA_DIR: '/srv/aduan-a' }))).toBe('/srv/aduan-a/pglite');
    const inMemory = readEnvironment({ ADUAN_DATA_DIR: '/srv/aduan-b', ADUAN_EMBEDDED_DATABASE: 'memory://' });
    expect(embeddedDatabaseOf(inMemory)).toBe('memory://');
    expect(inMemory.dataDir).toBe('/srv/aduan-b');
  });

  it('refuses a setting that cannot be right, naming the variable', () => {
    const refused = (env: NodeJS.ProcessEnv) => () => readEnvironment(env);
    expect(refused({ PORT: '70000' })).toThrow('PORT must be a whole number from 0 to 65535, not "70000".');
    expect(refused({ PORT: 'http' })).toThrow(/^PORT must be a whole number from 0 to 65535/);
    expect(refused({ ADUAN_AUTO_CLOSE_DAYS: '-1' })).toThrow('ADUAN_AUTO_CLOSE_DAYS must be a positive number, not "-1".');
    expect(refused({ ADUAN_TRUST_PROXY: '1.5' })).toThrow('ADUAN_TRUST_PROXY must be a whole number (0 or more), not "1.5".');
    expect(refused({ ADUAN_KEEP_ALIVE_TIMEOUT_MS: '0' })).toThrow(
      'ADUAN_KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds from 1 to 86400000, not "0".',
    );
    expect(refused({ ADUAN_KEEP_ALIVE_TIMEOUT_MS: '65s' })).toThrow(/^ADUAN_KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds/);
    expect(refused({ ADUAN_HEADERS_TIMEOUT_MS: '100000000' })).toThrow(/^ADUAN_HEADERS_TIMEOUT_MS must be a whole number of milliseconds/);
    // Node's rule: a request's headers may follow a whole idle keep-alive, so their limit must be longer.
    expect(refused({ ADUAN_HEADERS_TIMEOUT_MS: '60000' })).toThrow(
      'ADUAN_HEADERS_TIMEOUT_MS must be greater than ADUAN_KEEP_ALIVE_TIMEOUT_MS (65000), not "60000".',
    );
    expect(refused({ ADUAN_KEEP_ALIVE_TIMEOUT_MS: '90000', ADUAN_HEADERS_TIMEOUT_MS: '90000' })).toThrow(
      /^ADUAN_HEADERS_TIMEOUT_MS must be greater than ADUAN_KEEP_ALIVE_TIMEOUT_MS \(90000\)/,
    );
    // A database address where a folder goes would put files in `./memory:/…`.
    expect(refused({ ADUAN_DATA_DIR: 'memory://' })).toThrow(/^ADUAN_DATA_DIR is a folder .*set ADUAN_EMBEDDED_DATABASE=memory:\/\//);
  });

  it('keeps photos in the data folder unless ADUAN_PHOTO_STORAGE names a bucket, reached as the S3 settings say', () => {
    expect(readEnvironment({ AWS_ACCESS_KEY_ID: 'set-for-another-tool' })).toMatchObject({ photoStorage: undefined });
    expect(
      readEnvironment({
        ADUAN_PHOTO_STORAGE: 's3://aduan-photos/kupang/laporan/',
        ADUAN_S3_ENDPOINT: 'http://minio.kupang.internal:9000/',
        AWS_ACCESS_KEY_ID: 'aduan',
        AWS_SECRET_ACCESS_KEY: 'rahasia',
      }),
    ).toMatchObject({
      photoStorage: { bucket: 'aduan-photos', prefix: 'kupang/laporan' },
      s3: { endpoint: 'http://minio.kupang.internal:9000', region: undefined, credentials: { accessKeyId: 'aduan', secretAccessKey: 'rahasia' } },
    });
    // On AWS, with the machine's own role: no keys, the region named.
    expect(readEnvironment({ ADUAN_PHOTO_STORAGE: 's3://aduan-photos', AWS_REGION: 'ap-southeast-3' })).toMatchObject({
      photoStorage: { bucket: 'aduan-photos', prefix: '' },
      s3: { endpoint: undefined, region: 'ap-southeast-3', credentials: undefined },
    });
  });

  it('refuses photo storage settings that cannot work, and never repeats a credential', () => {
    const refused = (env: NodeJS.ProcessEnv) => () => readEnvironment({ ADUAN_S3_ENDPOINT: 'http://127.0.0.1:9000', ...env });
    expect(refused({ ADUAN_PHOTO_STORAGE: '/srv/photos' })).toThrow(
      'ADUAN_PHOTO_STORAGE must be s3://bucket or s3://bucket/prefix (unset keeps photos in ADUAN_DATA_DIR/photos), not "/srv/photos".',
    );
    expect(refused({ ADUAN_PHOTO_STORAGE: 'https://aduan-photos.s3.amazonaws.com' })).toThrow(/^ADUAN_PHOTO_STORAGE must be s3:\/\/bucket/);
    for (const bucket of ['Aduan_Photos', 'ab', '-aduan', 'aduan..photos', '192.168.1.10', '']) {
      expect(refused({ ADUAN_PHOTO_STORAGE: `s3://${bucket}/x` })).toThrow(/^ADUAN_PHOTO_STORAGE names a bucket S3 would refuse: 3 to 63 lowercase/);
    }
    for (const prefix of ['a//b', '../etc', 'kupang/./x', 'laporan warga', 'a?b']) {
      expect(refused({ ADUAN_PHOTO_STORAGE: `s3://aduan-photos/${prefix}` })).toThrow(
        /^ADUAN_PHOTO_STORAGE has a prefix of folders that are empty, \. or \.\./,
      );
    }
    expect(refused({ ADUAN_S3_ENDPOINT: 'minio:9000' })).toThrow(
      'ADUAN_S3_ENDPOINT must be the S3 server\'s address, http(s)://host[:port] (e.g. http://minio.internal:9000), not "minio:9000".',
    );
    expect(refused({ ADUAN_S3_ENDPOINT: 'http://minio:9000/aduan-photos' })).toThrow(
      /with no path: the bucket goes in ADUAN_PHOTO_STORAGE, not "http:\/\/minio:9000\/aduan-photos"\.$/,
    );
    // Credentials in the address are refused without being repeated.
    const withKey = refused({ ADUAN_S3_ENDPOINT: 'http://aduan:rahasia@minio:9000' });
    expect(withKey).toThrow(/with no credentials in it: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, not "http:\/\/\*\*\*@minio:9000"\.$/);
    expect(withKey).not.toThrow(/rahasia/);

    // Checked only when photos go to a bucket.
    const onAws = (env: NodeJS.ProcessEnv) => () => readEnvironment({ ADUAN_PHOTO_STORAGE: 's3://aduan-photos', ...env });
    expect(onAws({})).toThrow(
      "AWS_REGION must name the bucket's region (e.g. ap-southeast-3) for photos on AWS; for another S3 server, set ADUAN_S3_ENDPOINT.",
    );
    expect(onAws({ AWS_REGION: 'ap southeast 3' })).toThrow('AWS_REGION must be a region name such as ap-southeast-3, not "ap southeast 3".');
    const region = { AWS_REGION: 'ap-southeast-3' };
    expect(onAws({ ...region, AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toThrow(
      'AWS_SECRET_ACCESS_KEY must be set with AWS_ACCESS_KEY_ID, or neither, for credentials from the machine’s own role.',
    );
    const secretAlone = onAws({ ...region, AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG' });
    expect(secretAlone).toThrow('AWS_ACCESS_KEY_ID must be set with AWS_SECRET_ACCESS_KEY, or neither, for credentials from the machine’s own role.');
    expect(secretAlone).not.toThrow(/wJalrXUtnFEMI/);
    expect(onAws({ ...region, AWS_SESSION_TOKEN: 'token' })).toThrow(/^AWS_ACCESS_KEY_ID must be set with AWS_SESSION_TOKEN/);
  });
});
