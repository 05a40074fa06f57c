// Spam without surveillance: a report needs a solved proof-of-work challenge (when
// the server asks for one) and an empty honeypot. A missing, wrong, expired or
// replayed solution is refused with a typed error and writes nothing; a resent report
// (same idempotency key) is answered with the report it already made.
import { ServerSecret } from '../src/secrets/server-secret.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { solveProofOfWork } from '@aduan/client';
import { ProofOfWork } from '../src/abuse/proof-of-work.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';

const CHALLENGE = `{ proofOfWorkChallenge { challenge } }`;

describe.each(['pglite', 'postgres'] as const)('proof of work and honeypot (%s)', (kind) => {
  let aduan: TestAduan;
  const clock = new Date('2026-11-20T03:00:00Z');
  beforeAll(async () => {
    aduan = await createTestAduan(kind, {
      now: () => clock,
      graphql: () => ({ proofOfWork: new ProofOfWork(ServerSecret.random(), { maxCounter: 2_000, ttlSeconds: 600 }) }),
    });
  });
  afterAll(() => aduan?.close());

  const input = (extra: Record<string, unknown> = {}) => ({
    site: 'demo',
    category: 'sampah',
    description: 'Sampah menumpuk di depan pasar',
    location: KUPANG.oebobo,
    ...extra,
  });
  const solved = async () => {
    const challenge = (await aduan.gql(CHALLENGE)).data!.proofOfWorkChallenge.challenge as string;
    return solveProofOfWork(challenge);
  };
  const refusedWith = async (extra: Record<string, unknown>, code: string, field: string) => {
    const before = await aduan.counts();
    const response = await aduan.gql(SUBMIT, { input: input(extra) });
    expect(response.data?.submitReport).toMatchObject({ __typename: 'InvalidInput', code, fields: [{ field }] });
    expect(await aduan.counts()).toEqual(before);
  };

  it('keeps no signing key in the database: the challenge keys derive from the server secret', async () => {
    await solved();
    const settings = await aduan.test.database.prisma.setting.findMany();
    expect(settings.map((s) => s.key).filter((key) => /key|secret|proof/i.test(key))).toEqual([]);
  });

  it('hands out signed challenges that expire', async () => {
    const challenge = JSON.parse((await aduan.gql(CHALLENGE)).data!.proofOfWorkChallenge.challenge);
    expect(challenge.parameters).toMatchObject({ algorithm: 'SHA-256', cost: 1 });
    expect(Math.abs(challenge.parameters.expiresAt - (Date.now() / 1000 + 600))).toBeLessThan(5);
    expect(challenge.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a report without a solution, and takes one with', async () => {
    await refusedWith({}, 'PROOF_OF_WORK_REQUIRED', 'proofOfWork');
    const ok = await aduan.gql(SUBMIT, { input: input({ proofOfWork: await solved() }) });
    expect(ok.data?.submitReport.__typename).toBe('ReportSubmitted');
  });

  it('refuses a solution used twice, a wrong one, a forged one and an expired one', async () => {
    const proof = await solved();
    expect((await aduan.gql(SUBMIT, { input: input({ proofOfWork: proof }) })).data?.submitReport.__typename).toBe('ReportSubmitted');
    await refusedWith({ proofOfWork: proof }, 'PROOF_OF_WORK_INVALID', 'proofOfWork');

    const payload = JSON.parse(Buffer.from(await solved(), 'base64').toString());
    // The derived key is the work: the server checks it against its own signature of the right one.
    const key: string = payload.solution.derivedKey;
    const wrong = { ...payload, solution: { ...payload.solution, derivedKey: key.slice(0, -1) + (key.endsWith('0') ? '1' : '0') } };
    await refusedWith({ proofOfWork: Buffer.from(JSON.stringify(wrong)).toString('base64') }, 'PROOF_OF_WORK_INVALID', 'proofOfWork');
    // An easier challenge of one's own making: the signature no longer matches.
    const forged = { ...payload, challenge: { ...payload.challenge, parameters: { ...payload.challenge.parameters, keyPrefix: '0' } } };
    await refusedWith({ proofOfWork: Buffer.from(JSON.stringify(forged)).toString('base64') }, 'PROOF_OF_WORK_INVALID', 'proofOfWork');
    await refusedWith({ proofOfWork: 'not base64 at all!' }, 'PROOF_OF_WORK_INVALID', 'proofOfWork');

    const late = await solved();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 601_000 });
    try {
      await refusedWith({ proofOfWork: late }, 'PROOF_OF_WORK_INVALID', 'proofOfWork');
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a resent report (same idempotency key) with the report it made, not a refusal', async () => {
    const proof = await solved();
    const first = await aduan.gql(SUBMIT, { input: input({ proofOfWork: proof, idempotencyKey: `resend-${kind}-1` }) });
    const again = await aduan.gql(SUBMIT, { input: input({ proofOfWork: proof, idempotencyKey: `resend-${kind}-1` }) });
    expect(again.data?.submitReport).toMatchObject({ __typename: 'ReportSubmitted', replayed: true });
    expect(again.data?.submitReport.report.trackingCode).toBe(first.data?.submitReport.report.trackingCode);
  });

  it('under concurrency: one solution is one report, and a doubled send of one report answers both', async () => {
    const proof = await solved();
    const twins = await Promise.all(
      [1, 2].map((n) => aduan.gql(SUBMIT, { input: input({ proofOfWork: proof, description: `Sampah di selokan, kiriman ${n}` }) })),
    );
    expect(twins.map((t) => t.data?.submitReport.__typename).sort()).toEqual(['InvalidInput', 'ReportSubmitted']);
    expect(twins.find((t) => t.data?.submitReport.__typename === 'InvalidInput')!.data?.submitReport.code).toBe('PROOF_OF_WORK_INVALID');

    const again = await solved();
    const doubled = await Promise.all([1, 2].map(() => aduan.gql(SUBMIT, { input: input({ proofOfWork: again, idempotencyKey: `doubled-${kind}` }) })));
    expect(doubled.map((d) => d.data?.submitReport.__typename)).toEqual(['ReportSubmitted', 'ReportSubmitted']);
    expect(doubled[0]!.data?.submitReport.report.trackingCode).toBe(doubled[1]!.data?.submitReport.report.trackingCode);
  });

  it('refuses a report whose honeypot is filled, whatever else it carries', async () => {
    await refusedWith({ leaveBlank: 'https://cheap-pills.example', proofOfWork: await solved() }, 'LOOKS_AUTOMATED', 'leaveBlank');
  });
});
