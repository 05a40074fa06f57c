export {
  aduanClientOver,
  categories,
  confirmResolved,
  createAduanClient,
  jurisdiction,
  jurisdictions,
  reopenReport,
  reportStatusStreamUrl,
  site,
  supportReport,
  type AduanClient,
  type AduanClientOptions,
  type SubmitOptions,
} from './client.js';
export { fetchGetTransport, fetchTransport, type FetchTransportOptions, type Transport } from './transport.js';
export { createUrqlAduanClient, createUrqlClient, urqlTransport } from './urql.js';
export { buildSubmitReportBody, submitReportMultipart, type SubmitReportMultipartOptions, type UploadProgress } from './multipart.js';
export { AduanGraphQLError, AduanNetworkError, errorFor, isNetworkError, RETRY_LATER_CODES, unwrap, type RetryReason } from './errors.js';
export * from './operations.js';
export { PROOF_OF_WORK_CODES, sendWithProofOfWork, solveProofOfWork, withProofOfWork, type ProofOfWorkSolver } from './proof-of-work.js';
export type * from './types.js';
