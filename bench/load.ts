/**
 * `npm run bench:load`: throughput, latency and memory of the gateway under fixed concurrency,
 * against Hive Gateway (and Hive Gateway with the Rust query planner) on the same supergraph, the
 * same subgraph processes and the same data, in one run; plus the subgraph round trips and SQL
 * statements each operation costs (so N+1 cannot creep back unnoticed).
 *
 * Two operations: a small one (one enterprise, one subgraph) and a large one (a page of visits of
 * a drawn task with enterprise, division, tags, every department profile composed into the
 * supergraph, and teams with inspectors). Each gateway runs alone in a child process; before it is
 * timed, each answer is compared with the first gateway's (a gateway that answers differently is
 * reported as such, and its figures are marked). Every timed response is checked against the
 * expected body, so errors under load are counted, not hidden behind HTTP 200.
 *
 * Settings (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, 2), BENCH_CONNECTIONS
 * (32), BENCH_GATEWAYS (comma list of apollo, apollo-tuned, hive, hive-router; default all),
 * BENCH_ENTERPRISES (100000), BENCH_PAGE (50 visits), BENCH_ROUNDTRIP_REQUESTS (10),
 * BENCH_MAX_MINUTES (overall time budget, 30).
 */
import autocannon from 'autocannon';
import {
  onShutdown,
  watchdog,
  GATEWAY_KINDS,
  GATEWAY_LABELS,
  benchToken,
  checkDeadline,
  diffCounters,
  firstDifference,
  postGraphQL,
  round,
  startGatewayChild,
  startSubgraphs,
  writeBenchSupergraph,
  startChild,
  cpuOf,
  type GatewayChild,
  type GatewayKind,
  type GraphQLResult,
  type SubgraphCounters,
  benchEnv,
  MemoryWatch,
} from './federation';
import { ensureBenchTask } from './fixture';
import { benchDatabase, machine, sql, writeResults } from './lib';
import { loadQueries, loadSupergraph } from './queries';
import { encodeCursor } from '@jih/kit';
import path from 'node:path';
import { answerHelp } from '@jih/scripts/lib/cli';

answerHelp(
  module,
  `usage: npm run bench:load

Throughput, latency and memory of the gateway against Hive Gateway under fixed concurrency; writes
bench/results/load.{json,md}. Settings: bench/README.md.`,
);

const env = process.env;
const settings = {
  enterprises: Number(env.BENCH_ENTERPRISES ?? 100_000),
  durationSeconds: Number(env.BENCH_DURATION ?? 10),
  /** The large query's requests take seconds each at 32 connections on a small machine: it runs longer, so enough of them complete. */
  largeDurationSeconds: Number(env.BENCH_LARGE_DURATION ?? 2 * Number(env.BENCH_DURATION ?? 10)),
  warmupSeconds: Number(env.BENCH_WARMUP ?? 2),
  connections: Number(env.BENCH_CONNECTIONS ?? 32),
  pageSize: Number(env.BENCH_PAGE ?? 50),
  roundTripRequests: Number(env.BENCH_ROUNDTRIP_REQUESTS ?? 10),
  gateways: (env.BENCH_GATEWAYS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean) ?? [...GATEWAY_KINDS]) as GatewayKind[],
  modes: (env.BENCH_LOAD_MODES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean) ?? ['distinct', 'same']) as ('distinct' | 'same')[],
  variants: Number(env.BENCH_VARIANTS ?? 200),
  maxMinutes: Number(env.BENCH_MAX_MINUTES ?? 30),
};

type Mode = 'distinct' | 'same';

interface Case {
  name: 'small' | 'large';
  query: string;
  /** Variables per request in turn (distinct mode); the first is the one repeated (same mode). */
  variants: Record<string, unknown>[];
}

interface LoadFigures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses whose body was not the expected one (GraphQL errors under load show here). */
  mismatches: number;
  bodyCheck: string;
  /** Subgraph fetches per completed request during the timed run: below the sequential figure when the gateway deduplicates identical in-flight fetches. */
  fetchesPerRequestUnderLoad: Record<string, number>;
}

interface CaseResult {
  gateway: GatewayKind;
  case: Case['name'];
  /** identical | reference | differs | error */
  response: string;
  responseDetail?: string;
  /** Variants compared with the reference gateway. */
  variantsChecked?: number;
  fetchesPerRequest?: Record<string, number>;
  statementsPerRequest?: Record<string, number>;
  /** CPU time per sequential request of the gateway and each subgraph process, in ms (10 ms clock ticks, averaged). */
  cpuMsPerRequest?: Record<string, number>;
  load: Partial<Record<Mode, LoadFigures>>;
  rssAfterMiB?: number;
}

interface GatewayResult {
  gateway: GatewayKind;
  label: string;
  started: boolean;
  error?: string;
  startupMs?: number;
  idleRssMiB?: number;
  peakRssMiB?: number;
  cases: CaseResult[];
}

function perRequest(
  delta: Record<string, SubgraphCounters>,
  n: number,
  key: keyof SubgraphCounters,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(delta).map(([name, c]) => [name, round(c[key] / Math.max(1, n), 2)]),
  );
}

/** Checks an answer: HTTP 200, no errors, data present. */
function problemOf(r: GraphQLResult): string | null {
  if (r.status !== 200) return `HTTP ${r.status}: ${r.text.slice(0, 300)}`;
  if (!r.body) return `not JSON: ${r.text.slice(0, 300)}`;
  if (r.body.errors?.length) return `errors: ${JSON.stringify(r.body.errors).slice(0, 500)}`;
  if (r.body.data == null) return 'no data';
  return null;
}

/** A whole answer without errors, checked cheaply on every response of the distinct mode. */
const looksRight = (body: string | Buffer | undefined) => {
  const text = String(body ?? '');
  return text.startsWith('{"data":') && !text.includes('"errors":');
};

async function cannon(
  url: string,
  c: Case,
  token: string,
  seconds: number,
  mode: Mode,
  expectBody?: string,
): Promise<autocannon.Result> {
  const bodies = c.variants.map((variables) => JSON.stringify({ query: c.query, variables }));
  let next = 0;
  return autocannon({
    url,
    method: 'POST',
    connections: settings.connections,
    duration: seconds,
    timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: bodies[0],
    ...(mode === 'distinct'
      ? {
          requests: [
            {
              method: 'POST' as const,
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                body: bodies[next++ % bodies.length],
              }),
            },
          ],
          verifyBody: looksRight,
        }
      : expectBody
        ? { expectBody }
        : { verifyBody: looksRight }),
  });
}

async function measureGateway(
  kind: GatewayKind,
  ctx: {
    supergraphPath: string;
    urls: Record<string, string>;
    databaseUrl: string;
    cases: Case[];
    token: string;
    reference: Map<string, unknown>;
    counters: () => Promise<Record<string, SubgraphCounters>>;
    deadline: number;
    pids: Record<string, number>;
  },
): Promise<GatewayResult> {
  const result: GatewayResult = {
    gateway: kind,
    label: GATEWAY_LABELS[kind],
    started: false,
    cases: [],
  };
  let gw: GatewayChild | undefined;
  const t0 = Date.now();
  try {
    gw = await startGatewayChild(kind, {
      supergraphPath: ctx.supergraphPath,
      urls: ctx.urls,
      databaseUrl: ctx.databaseUrl,
    });
  } catch (err) {
    result.error = String((err as Error).message ?? err).slice(0, 3000);
    console.log(`  ${kind}: did not start: ${result.error.split('\n')[0]}`);
    return result;
  }
  result.started = true;
  result.startupMs = Date.now() - t0;
  await gw.memory.sample();
  result.idleRssMiB = round(gw.memory.rssMiB());
  gw.memory.start();
  try {
    for (const c of ctx.cases) {
      checkDeadline(ctx.deadline, 'load benchmark');
      const cr: CaseResult = { gateway: kind, case: c.name, response: 'error', load: {} };
      result.cases.push(cr);
      try {
        await measureCase(gw, c, cr, ctx);
      } catch (err) {
        // A gateway that crashes or hangs costs its own figures only; the next gateway still runs.
        cr.response = 'error';
        cr.responseDetail = `${String((err as Error).message ?? err).slice(0, 500)}${gw.process.exitCode !== null ? ` (gateway exited ${gw.process.exitCode}: ${gw.tail().split('\n').slice(-3).join(' / ')})` : ''}`;
        console.log(`  ${kind} ${c.name}: ${cr.responseDetail}`);
        if (gw.process.exitCode !== null || gw.process.signalCode !== null) break;
      }
    }
  } finally {
    gw.memory.stop();
    await gw.memory.sample();
    result.peakRssMiB = round(gw.memory.peakMiB());
    await gw.stop();
  }
  return result;
}

/** One operation on one gateway: correctness, round trips, then load in each mode. */
async function measureCase(
  gw: GatewayChild,
  c: Case,
  cr: CaseResult,
  ctx: Parameters<typeof measureGateway>[1],
): Promise<void> {
  const kind = gw.kind;
  // Correctness first: answers to a few variants, compared with the reference gateway's.
  const checkAt = [
    ...new Set([0, 1, Math.floor(c.variants.length / 2), c.variants.length - 1]),
  ].filter((i) => i >= 0 && i < c.variants.length);
  let firstText = '';
  const verdicts: string[] = [];
  for (const i of checkAt) {
    const r = await postGraphQL(gw.url, c.query, c.variants[i], ctx.token);
    if (i === 0) firstText = r.text;
    const problem = problemOf(r);
    if (problem) {
      cr.responseDetail = `variant ${i}: ${problem}`;
      verdicts.push('error');
      break;
    }
    const key = `${c.name}#${i}`;
    const ref = ctx.reference.get(key);
    if (ref === undefined) {
      ctx.reference.set(key, r.body);
      verdicts.push('reference');
    } else {
      const diff = firstDifference(ref, r.body);
      verdicts.push(diff ? 'differs' : 'identical');
      if (diff) cr.responseDetail ??= `variant ${i}: ${diff}`;
    }
  }
  cr.variantsChecked = verdicts.length;
  cr.response = verdicts.includes('error')
    ? 'error'
    : verdicts.includes('differs')
      ? 'differs'
      : verdicts.every((v) => v === 'reference')
        ? 'reference'
        : 'identical';
  if (cr.response === 'error') {
    console.log(`  ${kind} ${c.name}: ${cr.responseDetail}`);
    return;
  }
  // Round trips, one request at a time so each request's fetches are its own.
  const before = await ctx.counters();
  const cpuBefore = cpuOf(gw.pid, ctx.pids);
  let stable = true;
  for (let i = 0; i < settings.roundTripRequests; i++) {
    const r = await postGraphQL(gw.url, c.query, c.variants[i % c.variants.length], ctx.token);
    if (i % c.variants.length === 0 && r.text !== firstText) stable = false;
  }
  const delta = diffCounters(before, await ctx.counters());
  cr.fetchesPerRequest = perRequest(delta, settings.roundTripRequests, 'operations');
  cr.statementsPerRequest = perRequest(delta, settings.roundTripRequests, 'statements');
  const cpuAfter = cpuOf(gw.pid, ctx.pids);
  cr.cpuMsPerRequest = Object.fromEntries(
    Object.keys(cpuAfter).map((k) => [
      k,
      round((cpuAfter[k] - (cpuBefore[k] ?? 0)) / settings.roundTripRequests, 1),
    ]),
  );
  // Load, in each mode: warm-up, then the timed run with every body checked.
  for (const mode of settings.modes) {
    checkDeadline(ctx.deadline, 'load benchmark');
    const expectBody = mode === 'same' && stable ? firstText : undefined;
    if (settings.warmupSeconds > 0)
      await cannon(gw.url, c, ctx.token, settings.warmupSeconds, mode, expectBody);
    const b = await ctx.counters();
    const r = await cannon(
      gw.url,
      c,
      ctx.token,
      c.name === 'large' ? settings.largeDurationSeconds : settings.durationSeconds,
      mode,
      expectBody,
    );
    const d = diffCounters(b, await ctx.counters());
    const f: LoadFigures = {
      requestsPerSecond: round(r.requests.average),
      latencyP50Ms: r.latency.p50,
      latencyP99Ms: r.latency.p99,
      latencyMeanMs: round(r.latency.average, 2),
      requests: r.requests.total,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      mismatches: (r as autocannon.Result & { mismatches?: number }).mismatches ?? 0,
      bodyCheck: mode === 'distinct' ? 'no errors' : expectBody ? 'byte-identical' : 'no errors',
      fetchesPerRequestUnderLoad: perRequest(d, r.requests.total, 'operations'),
    };
    cr.load[mode] = f;
    console.log(
      `  ${kind.padEnd(12)} ${c.name.padEnd(5)} ${mode.padEnd(8)} ${String(f.requestsPerSecond).padStart(8)} req/s  p50 ${f.latencyP50Ms} ms  p99 ${f.latencyP99Ms} ms  ` +
        `errors ${f.errors} non-2xx ${f.non2xx} mismatches ${f.mismatches}  fetches/request ${fmt(f.fetchesPerRequestUnderLoad)}`,
    );
  }
  console.log(
    `  ${kind.padEnd(12)} ${c.name.padEnd(5)} response ${cr.response}${cr.responseDetail ? ` (${cr.responseDetail})` : ''}`,
  );
  await gw.memory.sample();
  cr.rssAfterMiB = round(gw.memory.rssMiB());
}

/** Memory of the bare child entry (node + SWC register), the floor under every gateway's figure. */
async function baselineMemory(databaseUrl: string): Promise<number | undefined> {
  try {
    const child = await startChild(
      'baseline',
      path.join(__dirname, 'gateway-entry.ts'),
      ['baseline'],
      benchEnv(databaseUrl),
    );
    const m = new MemoryWatch(child);
    await m.sample();
    const peak = m.peakMiB();
    await child.stop();
    return round(peak);
  } catch {
    return undefined;
  }
}

function fmt(map?: Record<string, number>): string {
  if (!map) return '–';
  return Object.entries(map)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

async function main() {
  const unknown = settings.gateways.filter(
    (k) => !(GATEWAY_KINDS as readonly string[]).includes(k),
  );
  if (unknown.length)
    throw new Error(
      `Unknown gateway(s) ${unknown.join(', ')} in BENCH_GATEWAYS; known: ${GATEWAY_KINDS.join(', ')}`,
    );
  const deadline = Date.now() + settings.maxMinutes * 60_000;
  watchdog('bench:load', settings.maxMinutes);
  process.env.NODE_ENV = 'production';
  process.env.LOG_LEVEL ??= 'warn';
  console.log(
    `bench:load: ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s (large: ${settings.largeDurationSeconds} s) per case and mode (${settings.modes.join(', ')}); gateways ${settings.gateways.join(', ')}`,
  );
  const { url: databaseUrl, server } = await benchDatabase(settings.enterprises);
  onShutdown(() => server.stop());
  let fleet: Awaited<ReturnType<typeof startSubgraphs>> | undefined;
  try {
    fleet = await startSubgraphs(databaseUrl);
    console.log(
      `subgraphs: ${Object.entries(fleet.urls)
        .map(([n, u]) => `${n} ${u}`)
        .join(', ')}`,
    );
    const supergraphPath = writeBenchSupergraph(fleet.urls);
    const info = loadSupergraph(supergraphPath);

    // The data: the benchmark task (composed and drawn once, through our gateway).
    const setup = await startGatewayChild('apollo', {
      supergraphPath,
      urls: fleet.urls,
      databaseUrl,
    });
    let task;
    try {
      task = await ensureBenchTask(setup.url, databaseUrl);
    } catch (err) {
      await setup.stop();
      throw err;
    }
    console.log(
      `task ${task.taskId}: ${task.visits} visits${task.drawnNow ? ` (drawn now in ${task.drawSeconds?.toFixed(1)} s)` : ' (reused)'}`,
    );
    // Distinct requests: the enterprises of the task's visits, and pages of visits starting at different visits.
    const visitRows = await sql<{ id: string; uscc: string }>(
      databaseUrl,
      'SELECT id, uscc FROM joint_tasks.visit WHERE task_id = $1 ORDER BY id',
      [task.taskId],
    );
    if (!visitRows.length) throw new Error(`task ${task.taskId} has no visits`);
    const n = Math.max(1, Math.min(settings.variants, visitRows.length));
    const step = Math.max(1, Math.floor(Math.max(1, visitRows.length - settings.pageSize) / n));
    const usccs = visitRows.slice(0, n).map((v) => v.uscc);
    // Page k starts after visit k·step (cursor = the previous visit's id, as the API encodes it); page 0 is the task's first page.
    const cursors: (string | null)[] = [
      null,
      ...Array.from({ length: n - 1 }, (_, k) =>
        encodeCursor(visitRows[Math.min(visitRows.length - 1, (k + 1) * step - 1)].id),
      ),
    ];

    const q = loadQueries(info);
    console.log(
      `department profiles on Enterprise: ${q.profiles.length ? q.profiles.map((p) => `${p.name} (${p.subgraph})`).join(', ') : 'none in the supergraph yet'}`,
    );
    const cases: Case[] = [
      { name: 'small', query: q.small, variants: usccs.map((uscc) => ({ uscc })) },
      {
        name: 'large',
        query: q.large,
        variants: cursors.map((after) => ({
          taskId: task.taskId,
          first: settings.pageSize,
          after,
        })),
      },
    ];
    const uscc = usccs[0];
    const token = await benchToken({ department: 'market', roles: ['admin'] });
    // Warm the subgraphs (JIT, connection pools, PostgreSQL's caches) so the first gateway measured does not pay for it.
    try {
      const warm = Math.max(2, settings.warmupSeconds * 2);
      console.log(`warming the subgraphs for ${warm} s per query`);
      for (const c of cases) {
        for (let i = 0; i < 10; i++)
          await postGraphQL(setup.url, c.query, c.variants[i % c.variants.length], token);
        await cannon(setup.url, c, token, warm, 'distinct');
      }
    } finally {
      await setup.stop();
    }
    const baselineMiB = await baselineMemory(databaseUrl);

    const reference = new Map<string, unknown>();
    const gateways: GatewayResult[] = [];
    for (const kind of settings.gateways) {
      console.log(`\n${GATEWAY_LABELS[kind]}:`);
      gateways.push(
        await measureGateway(kind, {
          supergraphPath,
          urls: fleet.urls,
          databaseUrl,
          cases,
          token,
          reference,
          counters: () => fleet!.counters(),
          deadline,
          pids: fleet.pids,
        }),
      );
      console.log(
        `  peak RSS ${gateways.at(-1)!.peakRssMiB ?? '–'} MiB (idle ${gateways.at(-1)!.idleRssMiB ?? '–'} MiB)`,
      );
    }

    const rows = gateways.flatMap((g) => g.cases.map((c) => ({ g, c })));
    const data = {
      machine: machine(),
      settings,
      task,
      enterpriseUscc: uscc,
      profiles: q.profiles,
      queries: { small: q.small, large: q.large },
      baselineRssMiB: baselineMiB,
      gateways,
    };
    const esc = (x: string) => x.replace(/\|/g, '\\|');
    const md = [
      '# Load benchmark',
      '',
      `${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s (large: ${settings.largeDurationSeconds} s) per case and mode (autocannon), each gateway alone in its own process, ` +
        'subgraphs warmed up before the first gateway, ' +
        `same subgraph processes and data (${settings.enterprises.toLocaleString('en')} enterprises; task of ${task.visits} visits). ` +
        `small = \`enterprise(uscc) { uscc name }\`; large = ${settings.pageSize} visits with enterprise, division, tags, ` +
        `${q.profiles.length ? `profiles ${q.profiles.map((p) => `\`${p.name}\``).join(', ')}` : 'no department profiles (none composed yet)'}, teams and inspectors. ` +
        `Mode *distinct*: each request has other variables (${n} enterprises / ${n} page starts in turn); mode *same*: one request repeated, which a gateway that deduplicates identical in-flight subgraph fetches serves with fewer fetches (see the last column).`,
      '',
      '| gateway | query | mode | req/s | p50 ms | p99 ms | requests | errors | non-2xx | bad bodies | subgraph fetches per request under load | peak RSS MiB |',
      '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|',
      ...rows.flatMap(({ g, c }) =>
        settings.modes.map((m) => {
          const f = c.load[m];
          return f
            ? `| ${g.gateway} | ${c.case} | ${m} | ${f.requestsPerSecond} | ${f.latencyP50Ms} | ${f.latencyP99Ms} | ${f.requests} | ${f.errors} | ${f.non2xx} | ${f.mismatches} | ${f.requests >= 10 * settings.connections ? fmt(f.fetchesPerRequestUnderLoad) : 'too few requests to tell'} | ${g.peakRssMiB ?? '–'} |`
            : `| ${g.gateway} | ${c.case} | ${m} | – | – | – | – | – | – | – | – | ${g.peakRssMiB ?? '–'} |`;
        }),
      ),
      ...gateways
        .filter((g) => !g.started)
        .map(
          (g) =>
            `| ${g.gateway} | – | – | did not start: ${esc(String(g.error).split('\n')[0]).slice(0, 200)} | | | | | | | | |`,
        ),
      '',
      `Peak RSS is the gateway process's VmHWM over its whole life (start-up, checks, every case); the bare child process (node + SWC register) peaks at ${baselineMiB ?? '?'} MiB. ` +
        'Bad bodies: responses that were not the expected answer (same mode: not byte-identical to the checked one; distinct mode: not `{"data":…}` without errors).',
      '',
      '## Same answers?',
      '',
      '| gateway | query | variants compared | response vs the first gateway |',
      '|---|---|---:|---|',
      ...rows.map(
        ({ g, c }) =>
          `| ${g.gateway} | ${c.case} | ${c.variantsChecked ?? 0} | ${c.response}${c.responseDetail ? `: ${esc(c.responseDetail).slice(0, 200)}` : ''} |`,
      ),
      '',
      '## Round trips per request (sequential requests)',
      '',
      '| gateway | query | subgraph fetches | SQL statements | CPU ms per request (10 ms ticks) |',
      '|---|---|---|---|---|',
      ...rows.map(
        ({ g, c }) =>
          `| ${g.gateway} | ${c.case} | ${fmt(c.fetchesPerRequest)} | ${fmt(c.statementsPerRequest)} | ${fmt(c.cpuMsPerRequest)} |`,
      ),
      '',
      'Gateways: ' +
        settings.gateways.map((k) => `\`${k}\` = ${GATEWAY_LABELS[k]}`).join('; ') +
        '.',
      '',
      `Machine: ${JSON.stringify(data.machine)}`,
    ].join('\n');
    writeResults('load', data, md);
    const failed = gateways.filter(
      (g) => !g.started || g.cases.some((c) => c.response === 'error' || c.response === 'differs'),
    );
    if (failed.length)
      console.log(
        `\nnot clean: ${failed.map((g) => g.gateway).join(', ')} (see the response column)`,
      );
  } finally {
    await fleet?.stop();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
