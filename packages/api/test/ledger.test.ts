// The report ledger is the one path by which a report changes: no other module writes
// a timeline event or a report's row; a change is checked against the report as it
// stands under its lock (two staff racing get one step and one refusal); a refused or
// failed change writes nothing and announces nothing; a stored one is announced only
// after it is committed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportChanges, type ReportChange } from '../src/events/report-changes.js';
import { createApiToken } from '../src/staff/index.js';
import { InvalidTransition, Refused } from '../src/workflow/errors.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Modules whose text matches `pattern`, relative to src/. */
function modulesMatching(pattern: RegExp): string[] {
  return sourceFiles(SRC)
    .filter((file) => pattern.test(readFileSync(file, 'utf8')))
    .map((file) => relative(SRC, file))
    .sort();
}

describe('who writes reports', () => {
  it('only the ledger writes timeline events', () => {
    const writesEvents =
      /\.reportEvent\.(create|createMany|createManyAndReturn|update|updateMany|upsert|delete|deleteMany)\b|(INSERT INTO|UPDATE|DELETE FROM) "ReportEvent"|events: \{ create/;
    // new-report.ts is the ledger's one statement for a new report (only the ledger uses it).
    expect(modulesMatching(writesEvents)).toEqual(['workflow/ledger.ts', 'workflow/new-report.ts']);
    expect(modulesMatching(/\binsertNewReport\b/)).toEqual(['workflow/ledger.ts', 'workflow/new-report.ts']);
  });

  it('only the ledger writes a report’s row (and the contact rekeying, which re-seals what is there)', () => {
    const writesReports = /\.report\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\b|(INSERT INTO|UPDATE|DELETE FROM) "Report"(?!\w)/;
    expect(modulesMatching(writesReports)).toEqual(['privacy/requests.ts', 'workflow/ledger.ts', 'workflow/new-report.ts']);
    // …and the rekeying touches nothing but the sealed contact columns.
    const rekey = readFileSync(join(SRC, 'privacy/requests.ts'), 'utf8');
    expect(rekey.match(/\.report\.update\(\{ where: \{ id: row\.id! \}, data \}\)/g)).toHaveLength(1);
    expect(rekey).toMatch(/const data = Object\.fromEntries\(CONTACT_COLUMNS\.map/);
  });
});

describe('layers', () => {
  it('only GraphQL itself imports the GraphQL schema: the workflow, Open311, jobs and staff have their own types', () => {
    const importsSchema = /from '(\.\.?\/)+schema\/|import\('\.\/schema\//;
    // The kept-answer desk answers GraphQL requests before Yoga, charging look-ups as Yoga does.
    expect(modulesMatching(importsSchema).filter((file) => !file.startsWith('schema/'))).toEqual([
      'cli.ts',
      'index.ts',
      'server/graphql.ts',
      'server/kept-answer-desk.ts',
    ]);
  });
});

describe.each(databaseKinds)('the report ledger on %s', (kind) => {
  let aduan: TestAduan;
  let token: string;
  const changes = new ReportChanges();
  const announced: ReportChange[] = [];

  async function submit(): Promise<{ id: string; trackingCode: string }> {
    const response = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang besar', location: KUPANG.oebobo },
    });
    const code = response.data!.submitReport.report.trackingCode as string;
    return aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code }, select: { id: true, trackingCode: true } });
  }

  const snapshot = async (reportId: string) => {
    const prisma = aduan.test.database.prisma;
    const [report, events, outbox] = await Promise.all([
      prisma.report.findUniqueOrThrow({ where: { id: reportId } }),
      prisma.reportEvent.count({ where: { reportId } }),
      prisma.delivery.count({ where: { reportId } }),
    ]);
    return { status: report.status, agencyId: report.agencyId, updatedAt: report.updatedAt, events, outbox };
  };

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { changes, mail: true });
    changes.subscribe((change) => void announced.push(change));
    token = (await createApiToken(aduan.test.database.prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'ledger' })).token;
  });
  afterAll(async () => {
    await aduan?.close();
  });

  it('lets one of two staff racing on the same step through, and refuses the other', async () => {
    const report = await submit();
    const step = () =>
      aduan.gql(
        `mutation($i: UpdateReportStatusInput!) { updateReportStatus(input: $i) { __typename ... on InvalidInput { code } } }`,
        { i: { trackingCode: report.trackingCode, status: 'ACKNOWLEDGED', publicNote: 'Kami tinjau.' } },
        { authorization: `Bearer ${token}` },
      );
    const answers = await Promise.all([step(), step(), step()]);
    const kinds = answers.map((a) => a.data!.updateReportStatus.__typename ?? a.data!.updateReportStatus.code).sort();
    expect(kinds.filter((k) => k === 'ReportUpdated')).toHaveLength(1);
    expect(answers.filter((a) => a.data!.updateReportStatus.code === 'INVALID_TRANSITION')).toHaveLength(2);
    const events = await aduan.test.database.prisma.reportEvent.findMany({ where: { reportId: report.id, kind: 'STATUS_CHANGED' } });
    expect(events.map((e) => e.status)).toEqual(['ACKNOWLEDGED']);
  });

  it('writes nothing and announces nothing for a change it refuses', async () => {
    const report = await submit();
    const before = await snapshot(report.id);
    announced.length = 0;
    await expect(
      aduan.ledger.change({ reportId: report.id, actor: 'system', at: new Date(), changes: [{ kind: 'STATUS', to: 'RESOLVED' }] }),
    ).rejects.toBeInstanceOf(InvalidTransition);
    await expect(
      aduan.ledger.change({ reportId: report.id, actor: 'system', at: new Date(), changes: [{ kind: 'NOTE', publicNote: '  ', internalNote: null }] }),
    ).rejects.toBeInstanceOf(Refused);
    // All or none: a good first step does not stay when the second is refused.
    await expect(
      aduan.ledger.change({
        reportId: report.id,
        actor: 'system',
        at: new Date(),
        changes: [
          { kind: 'STATUS', to: 'ACKNOWLEDGED' },
          { kind: 'STATUS', to: 'CLOSED' },
        ],
      }),
    ).rejects.toBeInstanceOf(InvalidTransition);
    // What the caller expected no longer holds: someone changed it meanwhile.
    await expect(
      aduan.ledger.change({
        reportId: report.id,
        actor: 'system',
        at: new Date(),
        expect: { agencyId: 'another' },
        changes: [{ kind: 'NOTE', internalNote: 'x' }],
      }),
    ).rejects.toThrow('The report changed meanwhile');
    expect(await snapshot(report.id)).toEqual(before);
    expect(announced).toEqual([]);
  });

  it('rolls back and announces nothing when the caller’s own work in the same transaction fails', async () => {
    const report = await submit();
    const before = await snapshot(report.id);
    announced.length = 0;
    await expect(
      aduan.ledger.transaction(async (writer) => {
        await writer.change({
          reportId: report.id,
          actor: 'system',
          at: new Date(),
          changes: [{ kind: 'STATUS', to: 'ACKNOWLEDGED', publicNote: 'Diterima.' }],
        });
        throw new Error('the caller’s own write failed');
      }),
    ).rejects.toThrow('the caller’s own write failed');
    expect(await snapshot(report.id)).toEqual(before);
    expect(announced).toEqual([]);
  });

  it('announces a stored change once, after commit, with the report as it now is and what it queued', async () => {
    const report = await submit();
    announced.length = 0;
    let seenInside: number | null = null;
    await aduan.ledger.transaction(async (writer) => {
      await writer.change({ reportId: report.id, actor: 'system', at: new Date(), changes: [{ kind: 'STATUS', to: 'ACKNOWLEDGED', publicNote: 'Diterima.' }] });
      seenInside = announced.length;
    });
    expect(seenInside).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(announced.map((c) => [c.kind, c.report.id, c.report.status, c.publicNote])).toEqual([['STATUS_CHANGED', report.id, 'ACKNOWLEDGED', 'Diterima.']]);
    // No reporter address: nothing for the resident; staff hear nothing of a status change.
    expect(announced[0]!.outbox).toBe(0);
  });

  it('refuses an unknown report, and a busy one only when asked to skip it', async () => {
    await expect(
      aduan.ledger.change({ reportId: '00000000-0000-4000-8000-000000000000', actor: 'system', at: new Date(), changes: [{ kind: 'ESCALATE' }] }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_REPORT' });
    const report = await submit();
    await aduan.ledger.transaction(async (holder) => {
      await holder.change({ reportId: report.id, actor: 'system', at: new Date(), changes: [{ kind: 'NOTE', internalNote: 'held' }] });
      // PGlite has one connection, which this transaction holds: only PostgreSQL can try from a second one.
      if (kind === 'postgres') {
        const skipped = await aduan.ledger.changeUnlessBusy({
          reportId: report.id,
          actor: 'system',
          at: new Date(),
          changes: [{ kind: 'NOTE', internalNote: 'second' }],
        });
        expect(skipped).toBeNull();
      }
    });
  });
});
