// Deliveries reach agencies' systems, never this server's own network: a channel whose
// URL is (or resolves to) a loopback, private or link-local address is refused when it is
// added and on every attempt, and a channel may only name an ADUAN_SECRET_… variable as its
// secret — unless the operator allows a city's own network (ADUAN_ALLOW_PRIVATE_TARGETS=1).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addChannel, parseChannelSpec, runDeliveries, type DeliveryWorkerOptions } from '../src/delivery/index.js';
import { isInternalAddress, targetRefusal } from '../src/delivery/targets.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { createReceiver, type TestReceiver } from './support/receiver.js';

describe('internal addresses', () => {
  it('knows loopback, private, link-local, metadata and mapped addresses, and lets public ones through', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
    ]) {
      expect(isInternalAddress(address), address).toBe(true);
    }
    for (const address of ['103.10.20.30', '8.8.8.8', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isInternalAddress(address), address).toBe(false);
    const strict = {};
    expect(targetRefusal('http://169.254.169.254/latest/meta-data/', strict)).toMatch(/169\.254\.169\.254/);
    expect(targetRefusal('http://[::1]:6379/', strict)).toMatch(/::1/);
    expect(targetRefusal('http://localhost:5432/', strict)).toMatch(/this machine/);
    expect(targetRefusal('https://sim-pupr.kupangkota.go.id/aduan', strict)).toBeNull();
    expect(targetRefusal('http://127.0.0.1:8080/', { ADUAN_ALLOW_PRIVATE_TARGETS: '1' })).toBeNull();
  });
});

describe('channels and deliveries to internal targets', () => {
  let aduan: TestAduan;
  let receiver: TestReceiver;
  beforeAll(async () => {
    aduan = await createTestAduan('pglite');
    receiver = await createReceiver();
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => {
    await receiver?.stop();
    await aduan?.close();
  });

  it('refuses to add a channel to an internal address, or one naming any other variable as its secret', () => {
    vi.stubEnv('ADUAN_ALLOW_PRIVATE_TARGETS', '');
    const refused = (spec: Record<string, unknown>) => () => parseChannelSpec({ name: 'x', kind: 'webhook', secretEnv: 'ADUAN_SECRET_X', ...spec });
    expect(refused({ url: 'http://169.254.169.254/latest/meta-data/' })).toThrow(/url: must not be an internal address/);
    expect(refused({ url: 'http://[::1]:6379/' })).toThrow(/url: must not be an internal address/);
    expect(refused({ url: 'https://sim.kupangkota.go.id/hook', secretEnv: 'DATABASE_URL' })).toThrow(
      /secretEnv: must be an environment variable named ADUAN_SECRET_/,
    );
    expect(refused({ url: 'https://sim.kupangkota.go.id/hook', secretEnv: 'ADUAN_SECRET' })).toThrow(/secretEnv/);
    expect(() => parseChannelSpec({ name: 'x', kind: 'open311', url: 'http://10.0.0.5/open311/v2/' })).toThrow(/url: must not be an internal address/);
    expect(refused({ url: 'https://sim.kupangkota.go.id/hook' })()).toMatchObject({ url: 'https://sim.kupangkota.go.id/hook' });
    vi.stubEnv('ADUAN_ALLOW_PRIVATE_TARGETS', '1');
    expect(refused({ url: 'http://10.0.0.5/hook' })()).toMatchObject({ url: 'http://10.0.0.5/hook' });
  });

  it('refuses every attempt to an internal address, and a secret variable that is not ADUAN_SECRET_…, sending nothing', async () => {
    const prisma = aduan.test.database.prisma;
    await prisma.deliveryChannel.deleteMany();
    // Added while allowed (or written before the rule): the worker checks again.
    await addChannel(prisma, 'dinas-pupr', parseChannelSpec({ name: 'lokal', kind: 'webhook', url: receiver.url, secretEnv: 'ADUAN_SECRET_LOKAL' }));
    await prisma.deliveryChannel.create({
      data: {
        agencyId: (await prisma.agency.findUniqueOrThrow({ where: { slug: 'dinas-pupr' } })).id,
        name: 'bocor',
        kind: 'WEBHOOK',
        url: 'https://example.org/hook',
        secretEnv: 'DATABASE_URL',
      },
    });
    await receiver.start();
    const submitted = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang di depan pasar', location: KUPANG.oebobo },
    });
    expect(submitted.data?.submitReport.__typename).toBe('ReportSubmitted');
    const worker: DeliveryWorkerOptions = {
      prisma,
      publicUrl: 'https://aduan.kupangkota.go.id',
      mailer: null,
      env: { ADUAN_SECRET_LOKAL: 'rahasia', DATABASE_URL: 'postgres://rahasia' },
    };
    expect(await runDeliveries(worker)).toEqual({ delivered: 0, retrying: 2, dead: 0 });
    expect(receiver.requests).toHaveLength(0);
    const row = await prisma.delivery.findFirstOrThrow({ where: { channel: { name: 'lokal' } } });
    expect(row.lastError).toMatch(/127\.0\.0\.1 is a loopback, private or link-local address/);
    expect(row.lastErrorKind).toBe('MISCONFIGURED');
    // The channel naming DATABASE_URL never sends it anywhere.
    const leaked = await prisma.delivery.findFirst({ where: { channel: { name: 'bocor' } } });
    expect(leaked?.lastError).toMatch(/only ADUAN_SECRET_… variables are sent/);
    expect(leaked?.lastErrorKind).toBe('MISCONFIGURED');
    expect(receiver.requests).toHaveLength(0);
  });
});
