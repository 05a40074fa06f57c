// `npm start`: Aduan (PGlite in ./.aduan, with the Kupang demo), the work-orders
// subgraph, the demo's reports and work orders, a freshly composed supergraph, and
// Hive Gateway in front of both. Ctrl-C stops all three.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { aduanGraphqlUrl, demoStaffToken, startAduan, type RunningAduan } from './aduan.js';
import { ADUAN_SUBGRAPH, composeSupergraph, EXAMPLE_DIR, fetchSubgraphSdl, SUPERGRAPH_FILE, WORK_ORDERS_SUBGRAPH, workOrdersSdl } from './compose.js';
import { loadDemo } from './demo.js';
import { startWorkOrders, type RunningWorkOrders } from './work-orders/server.js';
import { WorkOrderStore } from './work-orders/store.js';

const HOST = '127.0.0.1';
const ports = {
  gateway: Number(process.env.GATEWAY_PORT ?? 4100),
  aduan: Number(process.env.ADUAN_PORT ?? 4101),
  workOrders: Number(process.env.WORK_ORDERS_PORT ?? 4102),
};
const DATA_DIR = join(EXAMPLE_DIR, '.aduan');
const GATEWAY_BIN = join(createRequire(import.meta.url).resolve('@graphql-hive/gateway/package.json'), '..', 'dist', 'bin.js');

let aduan: RunningAduan | null = null;
let workOrdersServer: RunningWorkOrders | null = null;
let gateway: ChildProcess | null = null;
let stopping = false;

async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (gateway && gateway.exitCode === null && gateway.signalCode === null) {
    const exited = new Promise((resolve) => gateway!.once('exit', resolve));
    gateway.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  await workOrdersServer?.close();
  await aduan?.close();
  process.exit(exitCode);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

/** Hive Gateway's CLI, which reads gateway.config.ts here; in a process group of its own so that we stop it, once. */
function runGateway(): ChildProcess {
  const child = spawn(process.execPath, [GATEWAY_BIN, 'supergraph'], {
    cwd: EXAMPLE_DIR,
    env: { ...process.env, GATEWAY_PORT: String(ports.gateway), HOST },
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[gateway] ${line}`));
  }
  child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`The gateway stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
    void stop(1);
  });
  return child;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('The gateway exited before it was ready.');
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The gateway was not ready at ${url} after ${timeoutMs / 1000} s.`);
}

async function main(): Promise<void> {
  console.log(`Starting Aduan (PGlite in ${DATA_DIR}; the Kupang demo is loaded the first time) …`);
  aduan = await startAduan({ port: ports.aduan, host: HOST, dataDir: DATA_DIR, log: (line) => console.log(`[aduan] ${line}`) });
  const aduanUrl = aduanGraphqlUrl(aduan);

  const workOrders = new WorkOrderStore();
  workOrdersServer = await startWorkOrders(workOrders, { port: ports.workOrders, host: HOST });
  const orders = await loadDemo(aduanUrl, workOrders);
  const [first] = orders;
  const token = await demoStaffToken(aduan, first!.agencySlug);

  const supergraph = composeSupergraph([
    { name: ADUAN_SUBGRAPH, url: aduanUrl, sdl: await fetchSubgraphSdl(aduanUrl) },
    { name: WORK_ORDERS_SUBGRAPH, url: workOrdersServer.url, sdl: workOrdersSdl() },
  ]);
  await writeFile(SUPERGRAPH_FILE, supergraph);

  const gatewayUrl = `http://localhost:${ports.gateway}/graphql`;
  gateway = runGateway();
  await waitUntilReady(`http://${HOST}:${ports.gateway}/readiness`, gateway);

  console.log(`
Ready; Ctrl-C stops all three.
  gateway      ${gatewayUrl}  (GraphiQL in a browser)
  aduan        ${aduanUrl}
  work orders  ${workOrdersServer.url}
  supergraph   ${SUPERGRAPH_FILE}

Demo reports with work orders:
${orders.map((order) => `  ${order.trackingCode}  ${order.state.padEnd(11)}  ${order.crew} (${order.agencySlug})`).join('\n')}

A STAFF token for ${first!.agencySlug} (replaced at each start):
  export ADUAN_TOKEN=${token}

Try:
  curl ${gatewayUrl} -H 'content-type: application/json' \\
    -d '{"query":"{ reportStatus(trackingCode: \\"${first!.trackingCode}\\") { status agency { name } workOrder { crew scheduledFor state } } }"}'
`);
}

main().catch((error: unknown) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
