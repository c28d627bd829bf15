/**
 * `npm run bench:dashboard`: the dashboard query — a task's 1,000 visits with the enterprise's
 * name, every department profile composed into the supergraph and the visit results (when
 * `Visit.results` is composed) — through the gateway, against the same data read by ONE
 * hand-written SQL query joining the subgraphs' schemas directly (only the benchmark may do that).
 *
 * Reports the median of ≥ 20 interleaved runs of each and the ratio gateway/SQL; whether the
 * gateway's configured limits accept the dashboard query; and the subgraph fetches and SQL
 * statements for 100 vs 1,000 visits, which must not grow with the number of visits (page size is
 * capped at 500, so 1,000 visits are two requests: the figures per request must stay the same).
 *
 * Settings (environment): BENCH_DASHBOARD_RUNS (21), BENCH_DASHBOARD_WARMUP (3),
 * BENCH_DASHBOARD_VISITS (1000), BENCH_DASHBOARD_GATEWAY (apollo; or apollo-tuned, hive,
 * hive-router), BENCH_DASHBOARD_MAX_RATIO (optional: flag a ratio above it), BENCH_ENTERPRISES
 * (100000), BENCH_MAX_MINUTES (20).
 */
import { Client } from 'pg';
import {
  onShutdown,
  watchdog,
  GATEWAY_LABELS,
  benchToken,
  checkDeadline,
  diffCounters,
  postGraphQL,
  round,
  startGatewayChild,
  startSubgraphs,
  writeBenchSupergraph,
  type GatewayKind,
  type SubgraphCounters,
} from './federation';
import { ensureBenchTask, seedResults } from './fixture';
import { benchDatabase, machine, median, sql, writeResults } from './lib';
import { dashboardQuery, loadSupergraph } from './queries';
import { dashboardSql, profileTables } from './dashboard-sql';
import { answerHelp } from '@jih/scripts/lib/cli';

answerHelp(
  module,
  `usage: npm run bench:dashboard

The dashboard query through the gateway against one hand-written SQL query, alternated; writes
bench/results/dashboard.{json,md}.`,
);

const env = process.env;
const settings = {
  enterprises: Number(env.BENCH_ENTERPRISES ?? 100_000),
  runs: Math.max(1, Number(env.BENCH_DASHBOARD_RUNS ?? 21)),
  warmup: Number(env.BENCH_DASHBOARD_WARMUP ?? 3),
  visits: Number(env.BENCH_DASHBOARD_VISITS ?? 1000),
  smallVisits: 100,
  pageSize: 500,
  gateway: (env.BENCH_DASHBOARD_GATEWAY ?? 'apollo') as GatewayKind,
  maxRatio: env.BENCH_DASHBOARD_MAX_RATIO ? Number(env.BENCH_DASHBOARD_MAX_RATIO) : undefined,
  maxMinutes: Number(env.BENCH_MAX_MINUTES ?? 20),
};

interface DashboardRun {
  ms: number;
  visits: number;
  results: number;
  requests: number;
  /** Bytes of the answer: the JSON bodies through the gateway; the rows as JSON from SQL (measured only when asked). */
  bytes: number;
  /** visit id → [enterprise name, results count], for the cross-check with SQL. */
  rows: Map<string, [string, number]>;
}

/** Reads `visits` visits of the task through the gateway, page after page (500 at most each). */
async function viaGateway(
  url: string,
  query: string,
  token: string,
  taskId: string,
  visits: number,
): Promise<DashboardRun> {
  const rows = new Map<string, [string, number]>();
  let after: string | null = null;
  let requests = 0;
  let results = 0;
  let bytes = 0;
  const t0 = performance.now();
  while (rows.size < visits && requests < Math.ceil(visits / settings.pageSize) + 1) {
    const first = Math.min(settings.pageSize, visits - rows.size);
    const r = await postGraphQL(url, query, { taskId, first, after }, token);
    requests++;
    bytes += Buffer.byteLength(r.text);
    if (r.status !== 200 || !r.body?.data || r.body.errors?.length) {
      throw new Error(
        `dashboard page ${requests}: HTTP ${r.status} ${JSON.stringify(r.body?.errors ?? r.text).slice(0, 1500)}`,
      );
    }
    const page = r.body.data.jointTask.visits;
    for (const v of page.nodes) {
      const n = Array.isArray(v.results) ? v.results.length : 0;
      results += n;
      rows.set(v.id, [v.enterprise.name, n]);
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { ms: performance.now() - t0, visits: rows.size, results, requests, bytes, rows };
}

/** The limit variables as the environment has them ('' = the gateway's default), overriding the benchmark's raised ones. */
const LIMIT_VARIABLES_AS_CONFIGURED = Object.fromEntries(
  [
    'GATEWAY_RATE_LIMIT',
    'GATEWAY_MAX_DEPTH',
    'GATEWAY_MAX_ALIASES',
    'GATEWAY_MAX_DIRECTIVES',
    'GATEWAY_MAX_TOKENS',
    'GATEWAY_MAX_COST',
    'GATEWAY_MAX_QUERY_CHARS',
  ].map((k) => [k, env[k] ?? '']),
);

function limitVerdict(c: {
  accepted: boolean;
  refusedByLimit?: boolean;
  status: number;
  code?: string;
  message?: string;
}): string {
  if (c.accepted) return 'is accepted by the configured limits';
  const why = `HTTP ${c.status} ${c.code ?? ''}: ${c.message ?? ''}`.trim();
  return c.refusedByLimit
    ? `is REFUSED by the configured limits (${why})`
    : `could not be checked against the limits: it failed (${why})`;
}

async function viaSql(
  client: Client,
  text: string,
  taskId: string,
  visits: number,
  measureBytes = false,
): Promise<DashboardRun> {
  const t0 = performance.now();
  const res = await client.query(text, [taskId, visits]);
  const ms = performance.now() - t0;
  const rows = new Map<string, [string, number]>();
  let results = 0;
  for (const r of res.rows) {
    const n = Array.isArray(r.results) ? r.results.length : 0;
    results += n;
    rows.set(r.id, [r.name, n]);
  }
  return {
    ms,
    visits: res.rows.length,
    results,
    requests: 1,
    bytes: measureBytes ? Buffer.byteLength(JSON.stringify(res.rows)) : 0,
    rows,
  };
}

/** Differences between what the gateway and SQL returned (ids in order, names, result counts). */
function crossCheck(g: DashboardRun, s: DashboardRun): string[] {
  const problems: string[] = [];
  const gi = [...g.rows.keys()];
  const si = [...s.rows.keys()];
  if (gi.length !== si.length)
    problems.push(`${gi.length} visits through the gateway, ${si.length} by SQL`);
  for (let i = 0; i < Math.min(gi.length, si.length) && problems.length < 5; i++) {
    if (gi[i] !== si[i]) problems.push(`visit #${i}: ${gi[i]} ≠ ${si[i]}`);
    else {
      const [gn, gr] = g.rows.get(gi[i])!;
      const [sn, sr] = s.rows.get(si[i])!;
      if (gn !== sn) problems.push(`visit ${gi[i]}: name ${gn} ≠ ${sn}`);
      if (gr !== sr) problems.push(`visit ${gi[i]}: ${gr} results ≠ ${sr}`);
    }
  }
  return problems;
}

function per(delta: Record<string, SubgraphCounters>, n: number, key: keyof SubgraphCounters) {
  return Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, round(v[key] / n, 2)]));
}
const fmt = (m: Record<string, number>) =>
  Object.entries(m)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

async function main() {
  const deadline = Date.now() + settings.maxMinutes * 60_000;
  watchdog('bench:dashboard', settings.maxMinutes);
  process.env.NODE_ENV = 'production';
  process.env.LOG_LEVEL ??= 'warn';
  const { url: databaseUrl, server } = await benchDatabase(settings.enterprises);
  onShutdown(() => server.stop());
  let fleet: Awaited<ReturnType<typeof startSubgraphs>> | undefined;
  const client = new Client({
    connectionString: databaseUrl,
    application_name: 'jih-bench-dashboard',
  });
  try {
    fleet = await startSubgraphs(databaseUrl);
    const supergraphPath = writeBenchSupergraph(fleet.urls);
    const info = loadSupergraph(supergraphPath);
    const dq = dashboardQuery(info);
    const profilesNote = dq.profiles.length
      ? dq.profiles.map((p) => `${p.name} (${p.subgraph})`).join(', ')
      : 'none composed into the supergraph yet';
    const resultsNote = dq.results
      ? `Visit.results (${dq.results.type})`
      : 'Visit.results is not in the supergraph yet: the dashboard reads no results';
    console.log(
      `bench:dashboard through ${GATEWAY_LABELS[settings.gateway]}\nprofiles: ${profilesNote}\nresults: ${resultsNote}`,
    );

    const gw = await startGatewayChild(settings.gateway, {
      supergraphPath,
      urls: fleet.urls,
      databaseUrl,
    });
    try {
      const task = await ensureBenchTask(gw.url, databaseUrl);
      console.log(
        `task ${task.taskId}: ${task.visits} visits${task.drawnNow ? ` (drawn now in ${task.drawSeconds?.toFixed(1)} s)` : ' (reused)'}`,
      );
      const seeding = dq.results
        ? await seedResults(gw.url, databaseUrl, info, task.taskId)
        : undefined;
      if (seeding)
        console.log(
          `results: ${seeding.note}${seeding.firstError ? `; first error: ${seeding.firstError}` : ''}`,
        );
      const visits = Math.min(settings.visits, task.visits);
      if (visits < settings.visits)
        console.log(`note: the task has ${task.visits} visits; the dashboard reads all of them`);
      const token = await benchToken({ department: 'market', roles: ['admin'] });

      // The dashboard query against the gateway's limits as configured (defaults unless the environment sets them).
      let limitCheck: {
        accepted: boolean;
        refusedByLimit?: boolean;
        status: number;
        code?: string;
        message?: string;
        gateway: string;
      };
      if (settings.gateway === 'apollo') {
        const strict = await startGatewayChild('apollo', {
          supergraphPath,
          urls: fleet.urls,
          databaseUrl,
          env: LIMIT_VARIABLES_AS_CONFIGURED,
        });
        try {
          const r = await postGraphQL(
            strict.url,
            dq.query,
            { taskId: task.taskId, first: settings.pageSize, after: null },
            token,
          );
          const e = r.body?.errors?.[0];
          const code = e?.extensions?.code as string | undefined;
          const accepted = r.status === 200 && !r.body?.errors?.length;
          // A limit refuses before execution: HTTP 4xx, or a validation/parse/rate code; anything else is a failure, not a verdict.
          const byLimit =
            !accepted &&
            ((r.status >= 400 && r.status < 500) ||
              [
                'GRAPHQL_VALIDATION_FAILED',
                'GRAPHQL_PARSE_FAILED',
                'BAD_REQUEST',
                'TOO_MANY_REQUESTS',
                'PAYLOAD_TOO_LARGE',
              ].includes(code ?? ''));
          limitCheck = {
            accepted,
            refusedByLimit: byLimit,
            status: r.status,
            code,
            message: e?.message,
            gateway: 'apollo with the limits of gateway/src/config.ts',
          };
        } finally {
          await strict.stop();
        }
        console.log(
          `limits: the dashboard page of ${settings.pageSize} visits ${limitVerdict(limitCheck)}`,
        );
      } else {
        limitCheck = {
          accepted: true,
          status: 0,
          gateway: `${settings.gateway} (no limits configured)`,
        };
      }

      await client.connect();
      const tables = await profileTables(
        databaseUrl,
        dq.profiles.map((p) => p.subgraph),
      );
      const [{ table }] = await sql<{ table: string | null }>(
        databaseUrl,
        "SELECT to_regclass('joint_tasks.check_result')::text AS table",
      );
      const sqlText = dashboardSql(tables, !!dq.results && !!table);

      // Correctness: the same visits, names and result counts both ways.
      const g0 = await viaGateway(gw.url, dq.query, token, task.taskId, visits);
      const s0 = await viaSql(client, sqlText, task.taskId, visits, true);
      const mismatch = crossCheck(g0, s0);
      console.log(
        `cross-check gateway vs SQL: ${mismatch.length ? `DIFFERENT: ${mismatch.join('; ')}` : `same ${g0.visits} visits, names and ${g0.results} results`}; ${(g0.bytes / 2 ** 20).toFixed(1)} MiB through the gateway, ${(s0.bytes / 2 ** 20).toFixed(1)} MiB of rows from SQL`,
      );

      // Round trips: 100 visits (one request) vs 1,000 visits (two requests).
      const fetches: Record<
        string,
        {
          visits: number;
          requests: number;
          fetches: Record<string, number>;
          statements: Record<string, number>;
          fetchesPerRequest: Record<string, number>;
          statementsPerRequest: Record<string, number>;
        }
      > = {};
      for (const n of [settings.smallVisits, visits]) {
        const before = await fleet.counters();
        const run = await viaGateway(gw.url, dq.query, token, task.taskId, n);
        const delta = diffCounters(before, await fleet.counters());
        fetches[String(n)] = {
          visits: run.visits,
          requests: run.requests,
          fetches: per(delta, 1, 'operations'),
          statements: per(delta, 1, 'statements'),
          fetchesPerRequest: per(delta, run.requests, 'operations'),
          statementsPerRequest: per(delta, run.requests, 'statements'),
        };
      }
      const [small, large] = [fetches[String(settings.smallVisits)], fetches[String(visits)]];
      const canonical = (m: Record<string, number>) =>
        JSON.stringify(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));
      const constant =
        canonical(small.fetchesPerRequest) === canonical(large.fetchesPerRequest) &&
        canonical(small.statementsPerRequest) === canonical(large.statementsPerRequest);
      for (const [n, f] of Object.entries(fetches))
        console.log(
          `${n} visits (${f.requests} request(s)): fetches ${fmt(f.fetches)}; SQL ${fmt(f.statements)}`,
        );
      console.log(
        `per request, fetches and SQL statements ${constant ? 'do not grow with the number of visits' : 'GROW with the number of visits (N+1?)'}`,
      );

      // Timings: warm-up, then interleaved runs so drift hits both alike.
      for (let i = 0; i < settings.warmup; i++) {
        await viaGateway(gw.url, dq.query, token, task.taskId, visits);
        await viaSql(client, sqlText, task.taskId, visits);
      }
      const gatewayMs: number[] = [];
      const sqlMs: number[] = [];
      for (let i = 0; i < settings.runs; i++) {
        checkDeadline(deadline, 'dashboard runs');
        gatewayMs.push((await viaGateway(gw.url, dq.query, token, task.taskId, visits)).ms);
        sqlMs.push((await viaSql(client, sqlText, task.taskId, visits)).ms);
      }
      const gMed = median(gatewayMs);
      const sMed = median(sqlMs);
      const ratio = gMed / sMed;
      const overLimit = settings.maxRatio !== undefined && ratio > settings.maxRatio;
      console.log(
        `\ndashboard, ${visits} visits, median of ${settings.runs}: gateway ${gMed.toFixed(1)} ms (${g0.requests} requests), one SQL query ${sMed.toFixed(1)} ms; ratio ${ratio.toFixed(1)}×` +
          (settings.maxRatio !== undefined
            ? ` (limit ${settings.maxRatio}×: ${overLimit ? 'OVER' : 'within'})`
            : ''),
      );

      const data = {
        machine: machine(),
        settings,
        task,
        gateway: { kind: settings.gateway, label: GATEWAY_LABELS[settings.gateway] },
        profiles: dq.profiles,
        results: dq.results ? { field: dq.results, seeding } : { field: null, note: resultsNote },
        limitCheck,
        crossCheck: mismatch,
        read: { visits: g0.visits, results: g0.results, requests: g0.requests },
        bytes: { gateway: g0.bytes, sql: s0.bytes },
        fetches,
        fetchesConstantPerRequest: constant,
        medians: { gatewayMs: round(gMed, 2), sqlMs: round(sMed, 2), ratio: round(ratio, 2) },
        maxRatio: settings.maxRatio ?? null,
        overMaxRatio: overLimit,
        runs: {
          gatewayMs: gatewayMs.map((x) => round(x, 2)),
          sqlMs: sqlMs.map((x) => round(x, 2)),
        },
        query: dq.query,
        sql: sqlText,
      };
      const md = [
        '# Dashboard benchmark',
        '',
        `A task's ${visits} visits with enterprise names, department profiles (${profilesNote}) and results (${dq.results ? `Visit.results: ${g0.results} current results in these visits` : 'not in the supergraph yet'}), ` +
          `through ${GATEWAY_LABELS[settings.gateway]} (${g0.requests} requests of ≤ ${settings.pageSize} visits) vs one hand-written SQL query over the same database (${tables.length} department tables joined). ` +
          `${settings.enterprises.toLocaleString('en')} enterprises; interleaved runs after ${settings.warmup} warm-ups.`,
        '',
        '| | median ms | min ms | max ms | runs |',
        '|---|---:|---:|---:|---:|',
        `| gateway | ${gMed.toFixed(1)} | ${Math.min(...gatewayMs).toFixed(1)} | ${Math.max(...gatewayMs).toFixed(1)} | ${gatewayMs.length} |`,
        `| one SQL query | ${sMed.toFixed(1)} | ${Math.min(...sqlMs).toFixed(1)} | ${Math.max(...sqlMs).toFixed(1)} | ${sqlMs.length} |`,
        `| **ratio gateway/SQL** | **${ratio.toFixed(1)}×** | | | |`,
        '',
        `Limits: the dashboard page (${settings.pageSize} visits) ${limitVerdict(limitCheck)} (${limitCheck.gateway}).` +
          (settings.maxRatio !== undefined
            ? ` Ratio limit ${settings.maxRatio}×: ${overLimit ? '**over**' : 'within'}.`
            : ''),
        `Cross-check (visit ids, order, names, result counts): ${mismatch.length ? `**different**: ${mismatch.join('; ')}` : 'identical'}. ` +
          `Answer sizes: ${(g0.bytes / 2 ** 20).toFixed(1)} MiB of JSON through the gateway; ${(s0.bytes / 2 ** 20).toFixed(1)} MiB of rows as JSON from SQL (every column of every department table keyed by enterprise, a superset of the GraphQL selection).`,
        '',
        '## Round trips: 100 vs 1,000 visits',
        '',
        '| visits | requests | subgraph fetches | SQL statements | fetches per request | SQL per request |',
        '|---:|---:|---|---|---|---|',
        ...Object.values(fetches).map(
          (f) =>
            `| ${f.visits} | ${f.requests} | ${fmt(f.fetches)} | ${fmt(f.statements)} | ${fmt(f.fetchesPerRequest)} | ${fmt(f.statementsPerRequest)} |`,
        ),
        '',
        `Per request, fetches and statements ${constant ? 'are the same for 100 and 1,000 visits: no N+1' : '**grow** with the number of visits: N+1'}.`,
        '',
        `Machine: ${JSON.stringify(data.machine)}`,
      ].join('\n');
      writeResults('dashboard', data, md);
      if (mismatch.length || !constant) process.exitCode = 3;
    } finally {
      await gw.stop();
    }
  } finally {
    await client.end().catch(() => undefined);
    await fleet?.stop();
    await server.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
