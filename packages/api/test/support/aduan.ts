// An Aduan GraphQL endpoint over a fresh database with the Kupang demo, called
// in-process through Yoga's fetch (no socket).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseKind, DatabaseOptions } from '../../src/db/database.js';
import { ReportChanges } from '../../src/events/report-changes.js';
import { ReportLedger } from '../../src/workflow/ledger.js';
import { DiskPhotoStorage, type PhotoStorage } from '../../src/photos/index.js';
import { RoutingCatalog } from '../../src/routing/catalog.js';
import { open311Dependencies, type Open311Dependencies } from '../../src/open311/index.js';
import { createGraphQLHandler, type AduanYoga, type GraphQLDependencies } from '../../src/server/graphql.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import type { PrismaClient } from '@aduan/prisma';
import { solveProofOfWork } from '@aduan/client';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestAduan {
  test: TestDatabase;
  yoga: AduanYoga;
  /** The ledger the GraphQL handler changes reports through, for tests that change them otherwise (jobs, commands). */
  ledger: ReportLedger;
  catalog: RoutingCatalog;
  /** What Open311 runs on: the same database, catalogue, ledger, clock and rate limits as `yoga`. */
  open311: Open311Dependencies;
  /** Photo storage in a temporary directory of its own, unless the test gave one. */
  photoStorage: PhotoStorage;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Rows in every table reports touch, to prove a refused request wrote nothing. */
  counts(): Promise<{ reports: number; events: number; photos: number; photoFiles: number }>;
  close(): Promise<void>;
}

export const ORIGIN = 'http://localhost:5173';

export async function createTestAduan(
  kind: DatabaseKind,
  options: {
    now?: () => Date;
    changes?: ReportChanges;
    /** Queue e-mail in the outbox for every change, as a server with ADUAN_SMTP_URL does. */
    mail?: boolean;
    onQuery?: DatabaseOptions['onQuery'];
    /** Seal reporter contact at rest, as `aduan serve` does. */
    contactCipher?: DatabaseOptions['contactCipher'];
    /** How often the routing catalogue asks the database whether it changed; every time (0) unless given. */
    catalogRecheckMs?: number;
    /** More of the GraphQL handler's dependencies (rate limits, proof of work, …), or a function of the database that gives them. */
    graphql?: Partial<GraphQLDependencies> | ((prisma: PrismaClient) => Partial<GraphQLDependencies>);
    /** Where photos go instead of a temporary folder (a bucket); the test closes it. */
    photoStorage?: PhotoStorage;
  } = {},
): Promise<TestAduan> {
  const test = await createTestDatabase(kind, { onQuery: options.onQuery, contactCipher: options.contactCipher, demo: true });
  const { prisma } = test.database;
  const catalog = new RoutingCatalog(prisma, options.catalogRecheckMs ?? 0);
  const photoDir = mkdtempSync(join(tmpdir(), 'aduan-photos-'));
  const photoStorage = options.photoStorage ?? new DiskPhotoStorage(photoDir);
  const ledger = new ReportLedger({ prisma, changes: options.changes ?? new ReportChanges(), mail: options.mail ?? false });
  const more = typeof options.graphql === 'function' ? options.graphql(prisma) : options.graphql;
  const yoga = createGraphQLHandler({
    prisma,
    statisticsPrisma: test.database.statisticsPrisma,
    catalog,
    photoStorage,
    ledger,
    ...(options.now ? { now: options.now } : {}),
    ...more,
  });
  const open311 = open311Dependencies({
    prisma,
    catalog,
    ledger,
    ...(options.now ? { now: options.now } : {}),
    ...(more?.rateLimits ? { rateLimits: more.rateLimits } : {}),
    ...(more?.trustedProxyHops !== undefined ? { trustedProxyHops: more.trustedProxyHops } : {}),
  });
  return {
    test,
    yoga,
    ledger,
    catalog,
    open311,
    photoStorage,
    async gql(query, variables, headers) {
      const response = await yoga.fetch('http://aduan.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', origin: ORIGIN, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: any; errors?: any };
      return { status: response.status, headers: response.headers, data: body.data, errors: body.errors };
    },
    async counts() {
      const [reports, events, photos] = await Promise.all([prisma.report.count(), prisma.reportEvent.count(), prisma.photo.count()]);
      // Every file in a folder (half-written ones too); every photo in a bucket.
      let photoFiles = readdirSync(photoDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
      if (options.photoStorage) for await (const _ of options.photoStorage.list()) photoFiles++;
      return { reports, events, photos, photoFiles };
    },
    async close() {
      await yoga.dispose();
      await test.drop();
      rmSync(photoDir, { recursive: true, force: true });
    },
  };
}

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitReportInput!) {
    submitReport(input: $input) {
      __typename
      ... on ReportSubmitted {
        replayed
        residentKey
        report {
          trackingCode status submittedAt dueAt overdue timeZone
          category { code name }
          agency { slug name }
          area { code name displayName level }
          timeline { at status note }
        }
      }
      ... on InvalidInput { code message fields { field message } }
    }
  }
`;

/** Points inside Kupang, read off the demo boundaries. */
export const KUPANG = {
  /** Inside Kelurahan Oebobo (53.71.04.1001), Kecamatan Oebobo. */
  oebobo: { lat: -10.16885, lng: 123.60194 },
  /** Inside Kelurahan Namosain (53.71.01.1001), Kecamatan Alak. */
  namosain: { lat: -10.17566, lng: 123.55335 },
  /** The sea north of the city. */
  sea: { lat: -10.05, lng: 123.58 },
};

/**
 * A solved proof of work from a running server, as the widget would send it; null when
 * the server asks for none. For tests that submit over HTTP without the widget.
 */
export async function proofFrom(serverUrl: string): Promise<string | null> {
  const response = await fetch(`${serverUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ proofOfWorkChallenge { challenge } }' }),
  });
  const body = (await response.json()) as { data?: { proofOfWorkChallenge: { challenge: string } | null } };
  const challenge = body.data?.proofOfWorkChallenge?.challenge;
  return challenge ? solveProofOfWork(challenge) : null;
}
