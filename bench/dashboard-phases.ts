/**
 * `npm run bench:dashboard:phases`: where one dashboard page (500 visits) spends its time. The
 * query plan is built from the benchmark's supergraph with @apollo/query-planner, and its fetches
 * are sent to the subgraphs directly: the joint-tasks fetch, then each `_entities` fetch alone and
 * all of them at once (with the representations the joint-tasks answer gave), beside the whole
 * request through the gateway. Gateway share ≈ gateway − joint-tasks − entities in parallel.
 *
 * Then the CPU each process (and the whole machine) spends per page, over pages sent one after another.
 *
 * Settings: BENCH_PHASES_RUNS (12, the first 2 are warm-up), BENCH_PHASES_CPU_PAGES (20), BENCH_DASHBOARD_GATEWAY (apollo),
 * BENCH_ENTERPRISES (100000), BENCH_MAX_MINUTES (10).
 */
import fs from 'node:fs';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import {
  QueryPlanner,
  type FetchNode,
  type PlanNode,
  type SubscriptionNode,
} from '@apollo/query-planner';
import { parse } from 'graphql';
import {
  benchToken,
  cpuOf,
  exitAfterCleanup,
  machineBusyCpuMs,
  onShutdown,
  postGraphQLOk,
  round,
  startGatewayChild,
  startSubgraphs,
  watchdog,
  writeBenchSupergraph,
  type GatewayKind,
} from './federation';
import { ensureBenchTask } from './fixture';
import { benchDatabase, machine, median, writeResults } from './lib';
import { dashboardQuery, loadSupergraph } from './queries';
import { answerHelp } from '@jih/scripts/lib/cli';

answerHelp(
  module,
  `usage: npm run bench:dashboard:phases

Where one 500-visit dashboard page spends its time, fetch by fetch; writes
bench/results/dashboard-phases.{json,md}.`,
);

const env = process.env;
const settings = {
  runs: Math.max(3, Number(env.BENCH_PHASES_RUNS ?? 12)),
  warmup: 2,
  pageSize: 500,
  gateway: (env.BENCH_DASHBOARD_GATEWAY ?? 'apollo') as GatewayKind,
  enterprises: Number(env.BENCH_ENTERPRISES ?? 100_000),
  maxMinutes: Number(env.BENCH_MAX_MINUTES ?? 10),
  cpuPages: Math.max(5, Number(env.BENCH_PHASES_CPU_PAGES ?? 20)),
};

/** The fetches of a plan, in plan order. */
function fetchesOf(
  node: PlanNode | SubscriptionNode | undefined,
  out: FetchNode[] = [],
): FetchNode[] {
  if (!node) return out;
  if (node.kind === 'Fetch') out.push(node);
  else if (node.kind === 'Flatten') fetchesOf(node.node, out);
  else if (node.kind === 'Sequence' || node.kind === 'Parallel')
    for (const n of node.nodes) fetchesOf(n, out);
  else throw new Error(`plan node ${node.kind} is not expected in the dashboard plan`);
  return out;
}

async function main() {
  watchdog('bench:dashboard:phases', settings.maxMinutes);
  process.env.NODE_ENV = 'production';
  process.env.LOG_LEVEL ??= 'warn';
  const { url: databaseUrl, server } = await benchDatabase(settings.enterprises);
  onShutdown(() => server.stop());
  const fleet = await startSubgraphs(databaseUrl);
  onShutdown(() => fleet.stop());
  const supergraphPath = writeBenchSupergraph(fleet.urls);
  const query = dashboardQuery(loadSupergraph(supergraphPath)).query;
  const supergraph = Supergraph.build(fs.readFileSync(supergraphPath, 'utf8'));
  const plan = new QueryPlanner(supergraph).buildQueryPlan(
    operationFromDocument(supergraph.schema, parse(query)),
  );
  const [first, ...entities] = fetchesOf(plan.node);
  if (
    !first ||
    first.serviceName !== 'joint-tasks' ||
    entities.some((f) => !f.operation.includes('_entities'))
  ) {
    throw new Error(
      'the dashboard plan is no longer "joint-tasks, then entity fetches": update this benchmark',
    );
  }

  const gw = await startGatewayChild(settings.gateway, {
    supergraphPath,
    urls: fleet.urls,
    databaseUrl,
  });
  onShutdown(() => gw.stop());
  const task = await ensureBenchTask(gw.url, databaseUrl);
  const token = await benchToken({ department: 'market', roles: ['admin'] });
  const variables = { taskId: task.taskId, first: settings.pageSize, after: null };

  const samples: Record<string, number[]> = {};
  const add = (k: string, v: number) => (samples[k] ??= []).push(v);
  const bytes: Record<string, number> = {};
  for (let i = 0; i < settings.runs; i++) {
    add('gateway', (await postGraphQLOk(gw.url, query, variables, token)).ms);
    const jt = await postGraphQLOk(
      fleet.urls[first.serviceName],
      first.operation,
      variables,
      token,
    );
    add(first.serviceName, jt.ms);
    bytes[first.serviceName] = jt.text.length;
    const representations = jt.body!.data.jointTask.visits.nodes.map(
      (n: { enterprise: unknown }) => n.enterprise,
    );
    for (const f of entities) {
      const r = await postGraphQLOk(
        fleet.urls[f.serviceName],
        f.operation,
        { representations },
        token,
      );
      add(f.serviceName, r.ms);
      bytes[f.serviceName] = r.text.length;
    }
    const t0 = performance.now();
    await Promise.all(
      entities.map((f) =>
        postGraphQLOk(fleet.urls[f.serviceName], f.operation, { representations }, token),
      ),
    );
    add('entities in parallel', performance.now() - t0);
  }
  // CPU per page: the gateway alone, page after page, every process's CPU time (10 ms ticks, so over many pages) and the machine's.
  const cpuBefore = cpuOf(gw.pid, fleet.pids);
  const machineBefore = machineBusyCpuMs();
  for (let i = 0; i < settings.cpuPages; i++) await postGraphQLOk(gw.url, query, variables, token);
  const cpuAfter = cpuOf(gw.pid, fleet.pids);
  const machineAfter = machineBusyCpuMs();
  const cpu = Object.fromEntries(
    Object.keys(cpuAfter).map((k) => [k, round((cpuAfter[k] - cpuBefore[k]) / settings.cpuPages)]),
  );
  const ours = round(Object.values(cpu).reduce((a, b) => a + b, 0));
  const machineCpu =
    machineBefore === null || machineAfter === null
      ? null
      : round((machineAfter - machineBefore) / settings.cpuPages);

  const m = Object.fromEntries(
    Object.entries(samples).map(([k, v]) => [k, round(median(v.slice(settings.warmup)))]),
  );
  const gatewayShare = round(m.gateway - m[first.serviceName] - m['entities in parallel']);

  const rows = Object.entries(m).map(
    ([k, v]) => `| ${k} | ${v} | ${bytes[k] ? round(bytes[k] / 1024, 0) : ''} |`,
  );
  const markdown = `# Dashboard page: where the time goes

One page of ${settings.pageSize} visits of the dashboard query (\`npm run bench:dashboard\`), through ${settings.gateway} and
fetch by fetch straight to the subgraphs (the fetches of the gateway's own query plan), medians of ${settings.runs - settings.warmup} runs after ${settings.warmup} warm-ups.

| part | median ms | answer KiB |
|---|---:|---:|
${rows.join('\n')}
| **gateway's own share** (gateway − ${first.serviceName} − entities in parallel) | **${gatewayShare}** | |

CPU per page (${settings.cpuPages} pages through the gateway, one after another; 10 ms ticks from \`/proc\`):

| process | CPU ms per page |
|---|---:|
${Object.entries(cpu)
  .map(([k, v]) => `| ${k} | ${v} |`)
  .join('\n')}
| all of ours | ${ours} |
| the whole machine (ours, PostgreSQL, anything else) | ${machineCpu ?? 'n/a'} |

Machine: ${JSON.stringify(machine())}
`;
  for (const [k, v] of Object.entries(m)) console.log(`${k.padEnd(22)} ${v} ms`);
  console.log(`${'gateway share'.padEnd(22)} ${gatewayShare} ms`);
  console.log(
    `CPU ms per page: ${Object.entries(cpu)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; ours ${ours}, machine ${machineCpu ?? 'n/a'}`,
  );
  writeResults(
    'dashboard-phases',
    {
      settings,
      medians: m,
      gatewayShare,
      bytes,
      cpuMsPerPage: cpu,
      cpuMsPerPageOurs: ours,
      machineCpuMsPerPage: machineCpu,
      machine: machine(),
    },
    markdown,
  );
  await exitAfterCleanup(0);
}

main().catch(async (err) => {
  console.error(err);
  await exitAfterCleanup(1);
});
