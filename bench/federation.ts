/**
 * The federation as the load and dashboard benchmarks run it: every subgraph in its own child
 * process (as deployed), each gateway under test in its own child process so its memory is its
 * own, the checked-in supergraph with its subgraph URLs pointed at the children's ports, and the
 * subgraphs' Prometheus counters read to count round trips. Every wait here is bounded in time.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEV_JWT_SECRET, signDevToken, type Role } from '@jih/kit';
import { SERVICES } from '@jih/subgraphs/services';

const ROOT = path.resolve(__dirname, '..');
const REGISTER = path.join(ROOT, 'scripts', 'register.js');
export const SUPERGRAPH_PATH = path.join(ROOT, 'schema', 'supergraph.graphql');

/** Gateways the load benchmark can run; `baseline` is the bare entry (node + SWC), for memory. */
export const GATEWAY_KINDS = ['apollo', 'apollo-tuned', 'hive', 'hive-router'] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number] | 'baseline';

export const GATEWAY_LABELS: Record<GatewayKind, string> = {
  apollo: 'our gateway (gateway/src: JWT, metrics, limits)',
  'apollo-tuned': '@apollo/gateway bare, plan cache tuned',
  hive: 'Hive Gateway (gateway-runtime)',
  'hive-router': 'Hive Gateway + router-runtime (Rust planner)',
  baseline: 'node + SWC register, no gateway',
};

/** Environment every benchmark child shares: production mode, quiet logs, a bench JWT secret. */
export function benchEnv(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  return {
    ...env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    JWT_SECRET: process.env.JWT_SECRET ?? `${DEV_JWT_SECRET}-bench`,
    ...extra,
  };
}

/** A token signed with the benchmark's secret. */
export function benchToken(claims: {
  department: string;
  roles: Role[];
  sub?: string;
}): Promise<string> {
  return signDevToken({
    ...claims,
    expiresIn: '6h',
    secret: process.env.JWT_SECRET ?? `${DEV_JWT_SECRET}-bench`,
  });
}

// ---------------------------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>();
const shutdownHooks: (() => Promise<void>)[] = [];
let exitHookInstalled = false;

/** Kills every child still running when the benchmark exits, however it exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping the benchmark's child processes and database`);
      void exitAfterCleanup(130);
    });
  }
}

/** Registers a clean-up (e.g. stopping the embedded PostgreSQL) run when the benchmark is interrupted or times out. */
export function onShutdown(fn: () => Promise<void>): void {
  installExitHook();
  shutdownHooks.push(fn);
}

/** Stops the children, runs the clean-ups (at most 20 s in all) and exits with `code`. */
export async function exitAfterCleanup(code: number): Promise<never> {
  const timer = setTimeout(() => process.exit(code), 20_000);
  timer.unref();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  for (const fn of shutdownHooks.splice(0).reverse()) await fn().catch(() => undefined);
  process.exit(code);
}

/** Ends the run after `minutes` (plus a minute's grace) whatever it is doing, cleaning up first. */
export function watchdog(name: string, minutes: number): void {
  const timer = setTimeout(
    () => {
      console.error(`${name} exceeded ${minutes} minutes; stopping`);
      void exitAfterCleanup(2);
    },
    minutes * 60_000 + 60_000,
  );
  timer.unref();
}

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** The child's last lines of output, for a failure report. */
  tail(): string;
  /** Sends a request over IPC and waits (bounded) for the reply with the same id. */
  request<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Forks `script` (TypeScript, through the SWC register) and waits for its `{ ready }` message.
 * Output is kept in a ring buffer and printed only when the child fails.
 */
export async function startChild(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
  startTimeoutMs = 90_000,
): Promise<Child & { ready: Record<string, unknown> }> {
  installExitHook();
  const cp = fork(script, args, {
    cwd: ROOT,
    env,
    execArgv: [
      '-r',
      REGISTER,
      ...(process.env.BENCH_CHILD_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []),
    ],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(cp);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 80) lines.splice(0, lines.length - 80);
  };
  cp.stdout?.on('data', keep);
  cp.stderr?.on('data', keep);
  const tail = () => lines.slice(-40).join('\n');
  let nextId = 1;
  const pending = new Map<number, (msg: any) => void>();
  cp.on('message', (msg: any) => {
    if (msg && typeof msg.replyTo === 'number') pending.get(msg.replyTo)?.(msg);
  });
  cp.on('exit', () => children.delete(cp));

  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start within ${startTimeoutMs / 1000} s\n${tail()}`)),
      startTimeoutMs,
    );
    cp.on('message', (msg: any) => {
      if (msg?.ready) {
        clearTimeout(timer);
        resolve(msg);
      } else if (msg?.failed) {
        clearTimeout(timer);
        reject(new Error(`${name} failed to start: ${msg.failed}\n${tail()}`));
      }
    });
    cp.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`${name} exited during start-up (code ${code}, signal ${signal})\n${tail()}`),
      );
    });
  });

  return {
    name,
    pid: cp.pid!,
    process: cp,
    ready,
    tail,
    request<T>(message: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(
            new Error(`${name} did not answer ${JSON.stringify(message)} within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        pending.set(id, (msg) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(msg as T);
        });
        cp.send({ ...message, id });
      });
    },
    async stop(timeoutMs = 15_000) {
      if (cp.exitCode !== null || cp.signalCode !== null) return;
      const exited = new Promise<void>((r) => cp.once('exit', () => r()));
      cp.kill('SIGTERM');
      const timer = setTimeout(() => cp.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Memory

/** VmHWM (peak resident set) and VmRSS of a process in MiB, from /proc; null off Linux. */
export function procMemory(pid: number): { peakMiB: number; rssMiB: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const peak = kib('VmHWM');
    const rss = kib('VmRSS');
    if (Number.isNaN(peak) || Number.isNaN(rss)) return null;
    return { peakMiB: peak / 1024, rssMiB: rss / 1024 };
  } catch {
    return null;
  }
}

/** User + system CPU time a process has used, in ms (from /proc; null off Linux). Clock ticks are 100 Hz on Linux. */
export function procCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** CPU ms so far of the gateway and each subgraph process. */
export function cpuOf(gatewayPid: number, pids: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    [['gateway', gatewayPid] as const, ...Object.entries(pids)].map(([k, pid]) => [
      k,
      procCpuMs(pid) ?? NaN,
    ]),
  );
}

/** Busy CPU ms of the whole machine so far, every core summed (from /proc/stat; null off Linux): what PostgreSQL and everything else used too. */
export function machineBusyCpuMs(): number | null {
  try {
    const [, ...ticks] = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .map(Number);
    // user nice system idle iowait irq softirq steal …: everything but idle and iowait is busy.
    return ticks.reduce((sum, t, i) => (i === 3 || i === 4 ? sum : sum + t), 0) * 10;
  } catch {
    return null;
  }
}

/**
 * A gateway child's memory: VmHWM from /proc where there is one, else the largest RSS the child
 * reported over IPC (sampled by `sampleMemory`), plus its V8 heap.
 */
export class MemoryWatch {
  private maxSampledMiB = 0;
  private timer?: NodeJS.Timeout;
  heapUsedMiB = 0;

  constructor(private readonly child: Child) {}

  start(intervalMs = 250): void {
    this.timer = setInterval(() => void this.sample(), intervalMs);
    this.timer.unref();
  }

  async sample(): Promise<void> {
    const fromProc = procMemory(this.child.pid);
    if (fromProc) this.maxSampledMiB = Math.max(this.maxSampledMiB, fromProc.rssMiB);
    try {
      const m = await this.child.request<{ rss: number; heapUsed: number }>(
        { cmd: 'memory' },
        2000,
      );
      this.maxSampledMiB = Math.max(this.maxSampledMiB, m.rss / 2 ** 20);
      this.heapUsedMiB = Math.max(this.heapUsedMiB, m.heapUsed / 2 ** 20);
    } catch {
      // a busy child answers late; /proc has the figure anyway
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Peak RSS so far in MiB (VmHWM when available: it misses no spike between samples). */
  peakMiB(): number {
    const fromProc = procMemory(this.child.pid);
    return Math.max(fromProc?.peakMiB ?? 0, this.maxSampledMiB);
  }

  rssMiB(): number {
    return procMemory(this.child.pid)?.rssMiB ?? this.maxSampledMiB;
  }
}

// ---------------------------------------------------------------------------------------------
// Subgraphs and gateways

export interface SubgraphFleet {
  urls: Record<string, string>;
  /** Process id of each subgraph's child. */
  pids: Record<string, number>;
  children: Child[];
  /** Every subgraph's operation and SQL statement counters, read from its /metrics. */
  counters(): Promise<Record<string, SubgraphCounters>>;
  stop(): Promise<void>;
}

export interface SubgraphCounters {
  /** GraphQL operations served (each is one fetch by a gateway). */
  operations: number;
  /** SQL statements sent to PostgreSQL. */
  statements: number;
}

/**
 * Starts every subgraph of `subgraphs/services.ts` in its own child process on a free port, in
 * list order, each told the URLs of those before it (the draw's service-to-service call).
 */
export async function startSubgraphs(
  databaseUrl: string,
  names?: string[],
): Promise<SubgraphFleet> {
  const urls: Record<string, string> = {};
  const started: Child[] = [];
  try {
    for (const entry of SERVICES) {
      if (names && !names.includes(entry.name)) continue;
      const env = benchEnv(databaseUrl, { PORT: '0', HOST: '127.0.0.1' });
      for (const [name, url] of Object.entries(urls))
        env[`SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] = url;
      const child = await startChild(
        `subgraph ${entry.name}`,
        path.join(__dirname, 'subgraph-entry.ts'),
        [entry.name],
        env,
      );
      urls[entry.name] = String(child.ready.url);
      started.push(child);
    }
  } catch (err) {
    for (const c of started) await c.stop();
    throw err;
  }
  return {
    urls,
    pids: Object.fromEntries(started.map((c) => [c.name.replace(/^subgraph /, ''), c.pid])),
    children: started,
    async counters() {
      const out: Record<string, SubgraphCounters> = {};
      await Promise.all(
        Object.entries(urls).map(async ([name, url]) => {
          const res = await fetch(url.replace(/\/graphql$/, '/metrics'), {
            signal: AbortSignal.timeout(10_000),
          });
          const text = await res.text();
          out[name] = {
            operations: sumMetric(text, 'jih_graphql_operations_total'),
            statements: sumMetric(text, 'jih_db_statements_total'),
          };
        }),
      );
      return out;
    },
    async stop() {
      await Promise.all(started.map((c) => c.stop()));
    },
  };
}

/** Sum of every sample of a counter in Prometheus text format. */
export function sumMetric(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== '{' && rest[0] !== ' ') continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) sum += value;
  }
  return sum;
}

/** Difference of two counter snapshots, per subgraph. */
export function diffCounters(
  before: Record<string, SubgraphCounters>,
  after: Record<string, SubgraphCounters>,
): Record<string, SubgraphCounters> {
  return Object.fromEntries(
    Object.keys(after).map((name) => [
      name,
      {
        operations: after[name].operations - (before[name]?.operations ?? 0),
        statements: after[name].statements - (before[name]?.statements ?? 0),
      },
    ]),
  );
}

/** The supergraph SDL with each `@join__graph(name:, url:)` pointed at `urls[name]`. */
export function rewriteSupergraph(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

/** Subgraph names the supergraph composes (its `@join__graph(name:)` values). */
export function supergraphSubgraphs(sdl: string): string[] {
  return [...sdl.matchAll(/@join__graph\(name: "([^"]+)"/g)].map((m) => m[1]);
}

/**
 * Writes the rewritten supergraph to a temporary file and returns its path. Refuses a supergraph
 * that composes a subgraph the benchmark did not start (services.ts and schema/ out of step).
 */
export function writeBenchSupergraph(urls: Record<string, string>): string {
  const original = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
  const composed = supergraphSubgraphs(original);
  const missing = composed.filter((n) => !urls[n]);
  if (missing.length) {
    throw new Error(
      `schema/supergraph.graphql composes ${missing.join(', ')}, which subgraphs/services.ts does not list: the two are out of step (run npm run compose)`,
    );
  }
  const unused = Object.keys(urls).filter((n) => !composed.includes(n));
  if (unused.length)
    console.log(
      `note: ${unused.join(', ')} run(s) but is not in schema/supergraph.graphql yet (run npm run compose)`,
    );
  const sdl = rewriteSupergraph(original, urls);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jih-bench-'));
  const file = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(file, sdl);
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return file;
}

/**
 * Environment of our gateway in the benchmarks: the per-caller rate limit off (one token sends
 * thousands of requests a second) and the static limits raised far above the benchmark's
 * operations, so their checks still run but never refuse. `defaultLimits` keeps every limit as
 * configured (to test the dashboard query against them).
 */
export function gatewayLimitEnv(defaultLimits = false): Record<string, string> {
  const common = { SUBGRAPH_TIMEOUT_MS: '60000', GATEWAY_BODY_LIMIT: '1mb' };
  if (defaultLimits) return common;
  return {
    ...common,
    GATEWAY_RATE_LIMIT: '0',
    GATEWAY_MAX_DEPTH: '100',
    GATEWAY_MAX_ALIASES: '1000',
    GATEWAY_MAX_DIRECTIVES: '1000',
    GATEWAY_MAX_TOKENS: '100000',
    GATEWAY_MAX_COST: '10000000',
    GATEWAY_MAX_QUERY_CHARS: '1000000',
  };
}

export interface GatewayChild extends Child {
  kind: GatewayKind;
  url: string;
  memory: MemoryWatch;
}

/** Starts one gateway kind in its own process on a free port. */
export async function startGatewayChild(
  kind: GatewayKind,
  opts: {
    supergraphPath: string;
    urls: Record<string, string>;
    databaseUrl: string;
    env?: Record<string, string>;
  },
): Promise<GatewayChild> {
  const env = benchEnv(opts.databaseUrl, {
    PORT: '0',
    HOST: '127.0.0.1',
    SUPERGRAPH_PATH: opts.supergraphPath,
    BENCH_SUBGRAPH_URLS: JSON.stringify(opts.urls),
    ...gatewayLimitEnv(),
    ...opts.env,
  });
  const child = await startChild(
    `gateway ${kind}`,
    path.join(__dirname, 'gateway-entry.ts'),
    [kind],
    env,
  );
  const memory = new MemoryWatch(child);
  return { ...child, kind, url: String(child.ready.url ?? ''), memory };
}

// ---------------------------------------------------------------------------------------------
// GraphQL over HTTP

export interface GraphQLResult {
  status: number;
  /** The body as received (for byte-for-byte checks). */
  text: string;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
  ms: number;
}

/** POSTs one operation; bounded in time. */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  timeoutMs = 120_000,
): Promise<GraphQLResult> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let body: GraphQLResult['body'] = null;
  try {
    body = JSON.parse(text);
  } catch {
    // reported by the caller as a non-GraphQL answer
  }
  return { status: res.status, text, body, ms: performance.now() - t0 };
}

/** POSTs one operation and returns the whole answer (timing and text included), throwing on HTTP or GraphQL errors. */
export async function postGraphQLOk(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  timeoutMs?: number,
): Promise<GraphQLResult> {
  const r = await postGraphQL(url, query, variables, token, timeoutMs);
  if (r.status !== 200 || !r.body || r.body.errors?.length) {
    throw new Error(
      `HTTP ${r.status}: ${r.body?.errors ? JSON.stringify(r.body.errors).slice(0, 2000) : r.text.slice(0, 500)}`,
    );
  }
  return r;
}

/** POSTs one operation and returns its data, throwing on HTTP or GraphQL errors. */
export async function gql<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
  timeoutMs?: number,
): Promise<T> {
  return (await postGraphQLOk(url, query, variables, token, timeoutMs)).body!.data as T;
}

/**
 * The first difference between two JSON values (object key order ignored, array order kept),
 * as a path and the two values; null when equal.
 */
export function firstDifference(a: unknown, b: unknown, at = '$'): string | null {
  if (a === b) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${at}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${at}: array ≠ object`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `${at}: ${a.length} items ≠ ${bb.length} items`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], bb[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    if (!(k in ao)) return `${at}.${k}: missing ≠ ${JSON.stringify(bo[k])?.slice(0, 200)}`;
    if (!(k in bo)) return `${at}.${k}: ${JSON.stringify(ao[k])?.slice(0, 200)} ≠ missing`;
    const d = firstDifference(ao[k], bo[k], `${at}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Rounds for display. */
export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Throws when `deadline` (ms since epoch) has passed: bounds every benchmark loop in time. */
export function checkDeadline(deadline: number, what: string): void {
  if (Date.now() > deadline) throw new Error(`${what}: time budget exhausted`);
}
