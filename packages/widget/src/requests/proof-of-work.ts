/**
 * The form's anti-spam proof of work, solved off the main thread: a Web Worker made
 * from the solver's own source (a `blob:` URL, since a worker script must share the
 * host page's origin; strict CSPs allow it with `worker-src blob:`). Where a page's
 * CSP refuses workers, the same solver runs in the page: each hash awaits Web Crypto,
 * so the form stays responsive either way.
 */
import { solveProofOfWork, type ProofOfWorkSolver } from '@aduan/client';

export const solveInWorker: ProofOfWorkSolver = (challenge) => {
  let worker: Worker;
  try {
    const source = `const solve=${solveProofOfWork.toString()};onmessage=async(e)=>{try{postMessage({ok:await solve(e.data)})}catch(x){postMessage({error:String(x)})}}`;
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    worker = new Worker(url);
    URL.revokeObjectURL(url);
  } catch {
    return solveProofOfWork(challenge);
  }
  return new Promise((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok?: string; error?: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve(e.data.ok);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      solveProofOfWork(challenge).then(resolve, reject); // the page's CSP stopped the worker
    };
    worker.postMessage(challenge);
  });
};
