// The demo: three Kupang reports filed in Aduan as the widget files them (site key
// `demo`), each given a work order. Aduan's tracking codes are random per database,
// so the reports are made first and the work orders keyed by the codes Aduan returns.
// Fixed idempotency keys make this safe to repeat: on a database that already has
// them Aduan returns the same reports, so the codes stay the same across restarts.
import { graphqlRequest } from './graphql-request.js';
import type { WorkOrder, WorkOrderState, WorkOrderStore } from './work-orders/store.js';
import { ProofOfWorkChallengeDocument, withProofOfWork } from '@aduan/client';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitReportInput!) {
    submitReport(input: $input) {
      __typename
      ... on ReportSubmitted { report { trackingCode agency { slug } } }
      ... on InvalidInput { code message }
    }
  }
`;

interface DemoCase {
  report: Record<string, unknown> & { idempotencyKey: string };
  crew: string;
  state: WorkOrderState;
  /** Days after today (in Kupang) the crew is due, at 08:00 WITA. */
  inDays: number;
}

const DEMO_CASES: DemoCase[] = [
  {
    report: {
      idempotencyKey: 'example-federation:jalan-oebufu',
      category: 'jalan-rusak',
      description: 'Lubang besar di Jalan Frans Seda dekat lampu merah, motor sering jatuh.',
      jurisdictionCode: '53.71.04.1009',
      placeText: 'Jalan Frans Seda, dekat lampu merah',
    },
    crew: 'Regu Tambal Jalan 2',
    state: 'SCHEDULED',
    inDays: 1,
  },
  {
    report: {
      idempotencyKey: 'example-federation:sampah-oebobo',
      category: 'sampah',
      description: 'Sampah di depo belum diangkut seminggu.',
      location: { lat: -10.16885, lng: 123.60194 },
    },
    crew: 'Truk Sampah Oebobo 3',
    state: 'IN_PROGRESS',
    inDays: 0,
  },
  {
    report: {
      idempotencyKey: 'example-federation:pipa-airnona',
      category: 'pipa-bocor',
      description: 'Pipa PDAM bocor di depan gereja, air mengalir ke jalan sejak pagi.',
      jurisdictionCode: '53.71.05.1003',
    },
    crew: 'Regu Pipa Wilayah Barat',
    state: 'SCHEDULED',
    inDays: 2,
  },
];

/** 08:00 in Kupang (WITA, UTC+8, no daylight saving) `days` after `now`'s date there. */
export function kupangMorning(now: Date, days: number): Date {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, 0, 0));
}

/** Files the demo reports in Aduan (GraphQL at `aduanGraphqlUrl`) and schedules their work. */
export async function loadDemo(aduanGraphqlUrl: string, workOrders: WorkOrderStore, now = new Date()): Promise<WorkOrder[]> {
  const orders: WorkOrder[] = [];
  // Aduan asks every report for a solved anti-spam challenge; @aduan/client solves it.
  const challenge = async () =>
    (await graphqlRequest<{ proofOfWorkChallenge: { challenge: string } | null }>(aduanGraphqlUrl, ProofOfWorkChallengeDocument, {})).proofOfWorkChallenge;
  for (const demo of DEMO_CASES) {
    const { submitReport } = await graphqlRequest<{
      submitReport:
        | { __typename: 'ReportSubmitted'; report: { trackingCode: string; agency: { slug: string } } }
        | { __typename: 'InvalidInput'; code: string; message: string };
    }>(aduanGraphqlUrl, SUBMIT, { input: await withProofOfWork({ site: 'demo', locale: 'ID', ...demo.report }, challenge) });
    if (submitReport.__typename !== 'ReportSubmitted') {
      throw new Error(`Aduan refused the demo report ${demo.report.idempotencyKey}: ${submitReport.code} ${submitReport.message}`);
    }
    const order: WorkOrder = {
      trackingCode: submitReport.report.trackingCode,
      crew: demo.crew,
      scheduledFor: kupangMorning(now, demo.inDays),
      state: demo.state,
      agencySlug: submitReport.report.agency.slug,
    };
    workOrders.put(order);
    orders.push(order);
  }
  return orders;
}
