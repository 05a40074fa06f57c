/**
 * The browser's side of the anti-spam proof of work (ALTCHA v2, SHA-256, as the
 * server's `proofOfWorkChallenge` sets it): try counters n = 0, 1, … until the first
 * bytes of SHA-256^cost(salt ‖ nonce ‖ n as 4 bytes, big-endian) equal `keyPrefix`.
 *
 * Self-contained on purpose — no imports, no outer names — so the widget can run its
 * source text in a Web Worker (the form never freezes). Each hash awaits Web Crypto,
 * so even on the main thread the page stays responsive.
 */
export async function solveProofOfWork(challengeJson: string, maxCounter = 10_000_000): Promise<string> {
  const challenge = JSON.parse(challengeJson) as {
    parameters: { nonce: string; salt: string; cost: number; keyPrefix: string; keyLength?: number };
  };
  const { nonce, salt, cost, keyPrefix } = challenge.parameters;
  const bytes = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((h) => parseInt(h, 16)));
  const hex = (buffer: ArrayBuffer, length: number) => Array.from(new Uint8Array(buffer, 0, length), (b) => b.toString(16).padStart(2, '0')).join('');
  const saltBytes = bytes(salt);
  const nonceBytes = bytes(nonce);
  const input = new Uint8Array(saltBytes.length + nonceBytes.length + 4);
  input.set(saltBytes, 0);
  input.set(nonceBytes, saltBytes.length);
  const view = new DataView(input.buffer);
  const keyLength = challenge.parameters.keyLength ?? 32;
  const prefix = keyPrefix.toLowerCase();
  for (let counter = 0; counter <= maxCounter; counter++) {
    view.setUint32(input.length - 4, counter, false);
    let digest = await crypto.subtle.digest('SHA-256', input);
    for (let round = 1; round < cost; round++) digest = await crypto.subtle.digest('SHA-256', digest);
    const derivedKey = hex(digest, Math.min(keyLength, digest.byteLength));
    if (derivedKey.startsWith(prefix)) {
      return btoa(JSON.stringify({ challenge, solution: { counter, derivedKey } }));
    }
  }
  throw new Error('The proof-of-work challenge could not be solved.');
}

/** Solves a challenge's JSON into the `proofOfWork` payload; in a worker, in the widget. */
export type ProofOfWorkSolver = (challengeJson: string) => Promise<string>;

/** The codes with which the server refuses a report's proof of work, not the report itself. */
export const PROOF_OF_WORK_CODES: readonly string[] = ['PROOF_OF_WORK_REQUIRED', 'PROOF_OF_WORK_INVALID'];

/**
 * `input` with a fresh proof of work when the server asks for one (`fetchChallenge`
 * answers null when it does not). Asked at send time, so a report that waited in the
 * outbox gets a challenge that has not expired.
 */
export async function withProofOfWork<T extends object>(
  input: T,
  fetchChallenge: () => Promise<{ challenge: string } | null>,
  solve: ProofOfWorkSolver = solveProofOfWork,
): Promise<T & { proofOfWork?: string }> {
  const challenge = await fetchChallenge();
  return challenge ? { ...input, proofOfWork: await solve(challenge.challenge) } : input;
}

/**
 * Sends a report with a solved challenge; when the server refuses the proof itself (it
 * lapsed, or a second send of the same report spent it first), once more with a fresh
 * one — a refusal the resident could do nothing about must not cost them the report.
 */
export async function sendWithProofOfWork<T extends object, R>(
  input: T,
  fetchChallenge: () => Promise<{ challenge: string } | null>,
  send: (input: T & { proofOfWork?: string }) => Promise<R>,
  solve: ProofOfWorkSolver = solveProofOfWork,
): Promise<R> {
  const first = await send(await withProofOfWork(input, fetchChallenge, solve));
  const code = (first as { __typename?: string; code?: string }).code;
  if ((first as { __typename?: string }).__typename !== 'InvalidInput' || !code || !PROOF_OF_WORK_CODES.includes(code)) return first;
  return send(await withProofOfWork(input, fetchChallenge, solve));
}
