/**
 * `npm run bench:draw`: the commit–reveal draw with inspector assignment over 100,000 and
 * 1,000,000 enterprises × 5 departments, through the gateway, step by step:
 *
 * 1. commit: `commitDraw` (registry frame, history rules, p per department, frame frozen and stored);
 * 2. draw: `drawJointTask` revealing the witnesses' secrets (seed, draw from the frozen frame,
 *    inspectors, visits, teams and the gzip public bundle in one transaction);
 * 3. bundle download: `GET /draws/<id>/bundle.json` from the gateway, gzip on the wire;
 * 4. offline verification: `scripts/verify-draw.ts` on the downloaded bundle in a child process
 *    (wall time, exit code, peak RSS), then the same bundle through `verifyBundle` in a second
 *    child that times reading, JSON.parse and the verification apart;
 * 5. `verifyDraw(id)` through the gateway: the first call computes and stores, the second reads.
 *
 * The registry and joint-tasks subgraphs and the gateway each run in their own child process
 * (bench/federation.ts), so each one's peak RSS per step is its own (VmHWM, reset before each
 * step through /proc/<pid>/clear_refs). Prints the figures and writes bench/results/draw.{json,md}.
 * Sizes can be chosen: `npm run bench:draw -- 100000`. `BENCH_MAX_MINUTES` (default 120) bounds a run.
 *
 * `node -r ./scripts/register.js bench/draw.ts --verify-phases <bundle.json>` is the second
 * child of step 4 (prints one JSON line).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  benchToken,
  exitAfterCleanup,
  machineBusyCpuMs,
  onShutdown,
  postGraphQL,
  procCpuMs,
  procMemory,
  startGatewayChild,
  startSubgraphs,
  watchdog,
  SUPERGRAPH_PATH,
  type Child,
  type GatewayChild,
  type SubgraphFleet,
} from './federation';
import { benchDatabase, machine, sql, writeResults } from './lib';
import { answerHelp } from '@jih/scripts/lib/cli';

answerHelp(
  module,
  `usage: npm run bench:draw -- [enterprises …]   (default: 100000 1000000)

Commit, draw, bundle download, offline verification and verifyDraw through the gateway; writes
bench/results/draw.{json,md}.`,
);

const ROOT = path.resolve(__dirname, '..');
const REGISTER = path.join(ROOT, 'scripts', 'register.js');
const VERIFIER = path.join(ROOT, 'scripts', 'verify-draw.ts');
/** Per GraphQL operation and per child process. */
const STEP_TIMEOUT_MS = 30 * 60_000;

const DEPARTMENTS = [
  { department: 'market', checkItems: ['MARKET-002'], ratio: 0.03 },
  { department: 'tax', checkItems: ['TAX-001'], ratio: 0.03 },
  { department: 'health', checkItems: ['36115082101005'], ratio: 0.05 },
  { department: 'emergency', checkItems: ['EMERGENCY-001'], ratio: 0.05 },
  { department: 'fire', checkItems: ['FIRE-001'], ratio: 0.05 },
];

const COMMIT = `mutation BenchCommit($t: ID!, $i: CommitDrawInput!) { commitDraw(taskId: $t, input: $i) { id status frameSize digest frameDigest } }`;
const DRAW = `mutation BenchDraw($id: ID!, $e: DrawEntropyInput!) { drawJointTask(id: $id, entropy: $e) {
  id commitmentId frameSize realisedVisits expectedVisits independentVisits separateVisits understaffedTeams durationMs } }`;
const VERIFY = `query BenchVerify($id: ID!) { verifyDraw(id: $id) { reproduces verifiedAt differences checks { name ok } } }`;
const CANCEL = `mutation BenchCancel($id: ID!, $r: String!) { cancelDrawCommitment(id: $id, reason: $r) { id status } }`;

// ---------------------------------------------------------------------------------------------
// Helpers

/** Two witnesses with fresh random secrets: what they commit (SHA-256 hex) and what they reveal. */
function witnesses() {
  const people = [
    { name: 'bench witness A', role: '纪检监察 observer' },
    { name: 'bench witness B', role: 'notary (公证员)' },
  ].map((p) => ({ ...p, secret: crypto.randomBytes(16).toString('hex') }));
  return {
    commitments: people.map((p) => ({
      name: p.name,
      role: p.role,
      commitment: crypto.createHash('sha256').update(p.secret, 'utf8').digest('hex'),
    })),
    secrets: people.map((p) => ({ name: p.name, secret: p.secret })),
  };
}

/**
 * The task's window: ten weeks, never in the past (commitDraw refuses a window wholly in the
 * past), beginning a week from today (UTC) or, when the database holds tasks already (earlier
 * runs, the dashboard fixture), the day after the last of their windows ends, so this draw's
 * inspectors are not already booked by earlier draws of the same days (up to two years ahead).
 * History rules reach back a year and more, so earlier runs' visits still exclude some
 * enterprises (the commit step's `exclusions` say how many).
 */
async function futureWindow(
  databaseUrl: string,
): Promise<{ windowStart: string; windowEnd: string }> {
  const day = 86_400_000;
  const earliest = Date.now() + 7 * day;
  const [{ last }] = await sql<{ last: string | null }>(
    databaseUrl,
    'SELECT max(window_end)::text AS last FROM joint_tasks.joint_task',
  );
  const after = last ? Date.parse(last) + day : 0;
  const start = new Date(after > earliest && after < Date.now() + 730 * day ? after : earliest);
  const end = new Date(start.getTime() + 70 * day);
  return {
    windowStart: start.toISOString().slice(0, 10),
    windowEnd: end.toISOString().slice(0, 10),
  };
}

const MiB = 2 ** 20;
const r1 = (n: number) => Math.round(n * 10) / 10;
const secs = (ms: number | null | undefined) => (ms == null ? '–' : (ms / 1000).toFixed(1));
const mib = (n: number | null | undefined) =>
  n == null ? '–' : Math.round(n).toLocaleString('en');

/** Resets a process's peak RSS (VmHWM) to its current RSS; false where /proc does not allow it. */
function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** One GraphQL operation through the gateway, timed; throws with the errors on failure. */
async function timedGql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<{ data: any; ms: number; responseBytes: number }> {
  const t0 = performance.now();
  const r = await postGraphQL(url, query, variables, token, STEP_TIMEOUT_MS).catch(
    (err: Error & { cause?: { code?: string; message?: string } }) => {
      // fetch says only "fetch failed"; the cause (e.g. undici's 300 s headers timeout) is the news.
      throw new Error(
        `${err.message}${err.cause ? ` (${[err.cause.code, err.cause.message].filter(Boolean).join(': ')})` : ''} after ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    },
  );
  if (r.status !== 200 || !r.body || r.body.errors?.length || !r.body.data) {
    throw new Error(
      `HTTP ${r.status} after ${(r.ms / 1000).toFixed(1)} s: ${r.body?.errors ? JSON.stringify(r.body.errors).slice(0, 2000) : r.text.slice(0, 500)}`,
    );
  }
  return { data: r.body.data, ms: r.ms, responseBytes: Buffer.byteLength(r.text) };
}

/** Structured log lines of a child process (pino JSON), collected as they arrive. */
class LogLines {
  readonly lines: Record<string, any>[] = [];
  private rest = '';
  constructor(child: Child) {
    const take = (chunk: Buffer) => {
      const text = this.rest + chunk.toString('utf8');
      const parts = text.split('\n');
      this.rest = parts.pop() ?? '';
      for (const line of parts) {
        if (!line.startsWith('{')) continue;
        try {
          this.lines.push(JSON.parse(line));
        } catch {
          // not a log line
        }
      }
      if (this.lines.length > 5000) this.lines.splice(0, this.lines.length - 5000);
    };
    child.process.stdout?.on('data', take);
    child.process.stderr?.on('data', take);
  }
  /** Lines with this message logged at or after `since` (ms since epoch). */
  since(msg: string, since: number): Record<string, any>[] {
    return this.lines.filter((l) => l.msg === msg && l.time >= since);
  }
  /** The last line with this message (and, optionally, fields), if any. */
  last(
    msg: string,
    where: (l: Record<string, any>) => boolean = () => true,
  ): Record<string, any> | undefined {
    for (let k = this.lines.length - 1; k >= 0; k--)
      if (this.lines[k].msg === msg && where(this.lines[k])) return this.lines[k];
    return undefined;
  }
}

/**
 * Per step, for each service process: peak RSS in MiB since the step began (VmHWM, reset at its
 * start) and CPU seconds used; and the whole machine's busy CPU seconds (every core; PostgreSQL
 * and anything else running included).
 */
class Meter {
  private cpu0: Record<string, number | null> = {};
  private busy0: number | null = null;
  constructor(private readonly pids: Record<string, number>) {}
  /** Starts a step; false when peaks cannot be reset (they are then since process start). */
  start(): boolean {
    this.cpu0 = Object.fromEntries(
      Object.entries(this.pids).map(([name, pid]) => [name, procCpuMs(pid)]),
    );
    this.busy0 = machineBusyCpuMs();
    return Object.values(this.pids).map(resetPeak).every(Boolean);
  }
  peaks(): Record<string, number | null> {
    return Object.fromEntries(
      Object.entries(this.pids).map(([name, pid]) => [
        name,
        procMemory(pid) ? r1(procMemory(pid)!.peakMiB) : null,
      ]),
    );
  }
  /** CPU seconds since start(): each service process and the machine (all cores). */
  cpu(): Record<string, number | null> {
    const out: Record<string, number | null> = {};
    for (const [name, pid] of Object.entries(this.pids)) {
      const now = procCpuMs(pid);
      out[name] =
        now != null && this.cpu0[name] != null
          ? Number(((now - this.cpu0[name]!) / 1000).toFixed(2))
          : null;
    }
    const busy = machineBusyCpuMs();
    out.machine =
      busy != null && this.busy0 != null ? Number(((busy - this.busy0) / 1000).toFixed(2)) : null;
    return out;
  }
  read(): { peakMiB: Record<string, number | null>; cpuSeconds: Record<string, number | null> } {
    return { peakMiB: this.peaks(), cpuSeconds: this.cpu() };
  }
}

/** GET a URL with `accept-encoding: gzip`, counting the bytes as they come off the wire (fetch would decompress). */
function download(url: string): Promise<{
  status: number;
  encoding: string | null;
  body: Buffer;
  ms: number;
  firstByteMs: number;
}> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { 'accept-encoding': 'gzip' }, timeout: STEP_TIMEOUT_MS },
      (res) => {
        const firstByteMs = performance.now() - t0;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: res.headers['content-encoding'] ?? null,
            body: Buffer.concat(chunks),
            ms: performance.now() - t0,
            firstByteMs,
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

interface ChildRun {
  exitCode: number | null;
  signal: string | null;
  /** Wall time from spawn to exit, as a citizen running it waits. */
  ms: number;
  /** Peak RSS of the verifier process, MiB (GNU time's "Maximum resident set size"). */
  maxRssMiB: number | null;
  /** User + system CPU seconds of the child (GNU time only): above the wall time, it used more than one core. */
  cpuSeconds: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node -r scripts/register.js <args>` in a child process under `/usr/bin/time -v` when
 * present (peak RSS and CPU from its report), else with a preload (written to `tmp`) that prints
 * `process.resourceUsage().maxRSS` on exit.
 */
function runNode(args: string[], tmp: string): Promise<ChildRun> {
  const gnuTime = process.env.BENCH_DRAW_GNU_TIME !== '0' && fs.existsSync('/usr/bin/time');
  const marker = '__BENCH_MAX_RSS_KIB__';
  const preload = path.join(tmp, 'max-rss.js');
  if (!gnuTime)
    fs.writeFileSync(
      preload,
      `process.on('exit', () => process.stderr.write('\\n${marker} ' + process.resourceUsage().maxRSS + '\\n'));\n`,
    );
  const nodeArgs = gnuTime ? ['-r', REGISTER, ...args] : ['-r', REGISTER, '-r', preload, ...args];
  const [cmd, argv] = gnuTime
    ? ['/usr/bin/time', ['-v', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const cp = spawn(cmd, argv, {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    cp.stdout.on('data', (c) => (stdout = (stdout + c).slice(-200_000)));
    cp.stderr.on('data', (c) => (stderr = (stderr + c).slice(-200_000)));
    const timer = setTimeout(() => cp.kill('SIGKILL'), STEP_TIMEOUT_MS);
    cp.on('error', reject);
    cp.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      const kib = gnuTime
        ? /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]
        : new RegExp(`${marker} (\\d+)`).exec(stderr)?.[1];
      // GNU time reports a killed child as "Command terminated by signal N" and exits 0 itself.
      const killed = gnuTime ? /Command terminated by signal (\d+)/.exec(stderr)?.[1] : undefined;
      const exited = gnuTime ? /Exit status: (\d+)/.exec(stderr)?.[1] : undefined;
      resolve({
        exitCode: killed ? null : exited !== undefined ? Number(exited) : code,
        signal: killed ? `signal ${killed}` : signal,
        ms,
        maxRssMiB: kib ? r1(Number(kib) / 1024) : null,
        cpuSeconds:
          gnuTime && /User time/.test(stderr)
            ? r1(
                Number(/User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? NaN) +
                  Number(/System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1] ?? NaN),
              )
            : null,
        stdout,
        stderr: gnuTime
          ? stderr.replace(/\n?\s*Command being timed:[\s\S]*$/, '')
          : stderr.replace(new RegExp(`\\n?${marker} \\d+\\n?`), ''),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Child mode: the verification of a bundle file with its phases apart.

async function verifyPhases(file: string): Promise<void> {
  const { verifyBundle } = await import('@jih/subgraphs/joint-tasks/src/draw/bundle');
  const t0 = performance.now();
  const text = fs.readFileSync(file, 'utf8');
  const t1 = performance.now();
  const bundle = JSON.parse(text);
  const t2 = performance.now();
  const heapAfterParseMiB = process.memoryUsage().heapUsed / MiB;
  const verdict = await verifyBundle(bundle);
  const t3 = performance.now();
  process.stdout.write(
    JSON.stringify({
      ok: verdict.ok,
      firstMismatch: verdict.firstMismatch,
      readMs: r1(t1 - t0),
      parseMs: r1(t2 - t1),
      verifyMs: r1(t3 - t2),
      heapAfterParseMiB: r1(heapAfterParseMiB),
      maxRssMiB: r1(process.resourceUsage().maxRSS / 1024),
    }) + '\n',
  );
  process.exit(verdict.ok ? 0 : 1);
}

// ---------------------------------------------------------------------------------------------
// One size

interface StepError {
  step: string;
  message: string;
  /** Last lines of the service processes, when one of them died or answered with an error. */
  tails?: Record<string, string>;
}

async function runOne(enterprises: number) {
  const errors: StepError[] = [];
  const { url, server } = await benchDatabase(enterprises);
  onShutdown(() => server.stop().catch(() => undefined));
  const planner = await benchToken({
    department: 'market',
    roles: ['planner'],
    sub: 'bench-draw-planner',
  });

  // Subgraphs log at info level: the draw's phase timings and each request's duration are log lines.
  const logLevel = process.env.BENCH_LOG_LEVEL;
  process.env.BENCH_LOG_LEVEL = 'info';
  let fleet: SubgraphFleet;
  let gateway: GatewayChild | undefined;
  try {
    fleet = await startSubgraphs(url, ['registry', 'joint-tasks']);
  } catch (err) {
    await server.stop().catch(() => undefined);
    throw err;
  } finally {
    if (logLevel === undefined) delete process.env.BENCH_LOG_LEVEL;
    else process.env.BENCH_LOG_LEVEL = logLevel;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jih-bench-draw-'));
  try {
    gateway = await startGatewayChild('apollo', {
      supergraphPath: SUPERGRAPH_PATH,
      urls: fleet.urls,
      databaseUrl: url,
      // The gateway's ceiling (readGatewayConfig accepts at most 600,000 ms).
      env: { SUBGRAPH_TIMEOUT_MS: '600000' },
    });
    const childOf = (name: string) => fleet.children.find((c) => c.name === `subgraph ${name}`)!;
    const jtLog = new LogLines(childOf('joint-tasks'));
    const regLog = new LogLines(childOf('registry'));
    const meter = new Meter({
      gateway: gateway.pid,
      'joint-tasks': childOf('joint-tasks').pid,
      registry: childOf('registry').pid,
    });
    const gatewayBase = gateway.url.replace(/\/graphql$/, '');
    const tails = () =>
      Object.fromEntries(
        [gateway!, ...fleet.children].map((c) => [
          c.name,
          `${c.process.exitCode !== null || c.process.signalCode ? `(exited: code ${c.process.exitCode}, signal ${c.process.signalCode})\n` : ''}${c.tail().split('\n').slice(-12).join('\n')}`,
        ]),
      );
    const fail = (step: string, err: unknown) => {
      const e = {
        step,
        message: String((err as Error)?.message ?? err).slice(0, 3000),
        tails: tails(),
      };
      errors.push(e);
      console.error(`${enterprises.toLocaleString('en')}: ${step} failed: ${e.message}`);
    };

    /** The services' slow-query log lines (over 1 s, TypeORM's threshold) since `since`. */
    const slowQueries = (since: number) => [
      ...jtLog
        .since('slow query', since)
        .map((l) => ({ service: 'joint-tasks', ms: l.ms, query: String(l.query).slice(0, 160) })),
      ...regLog
        .since('slow query', since)
        .map((l) => ({ service: 'registry', ms: l.ms, query: String(l.query).slice(0, 160) })),
    ];

    const loadBefore = Number(os.loadavg()[0].toFixed(2));
    const window = await futureWindow(url);
    const created = await timedGql(
      gateway.url,
      'mutation BenchCreate($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }',
      {
        i: {
          title: `bench draw ${enterprises} ${new Date().toISOString()}`,
          leadDepartment: 'market',
          ...window,
          departments: DEPARTMENTS,
        },
      },
      planner,
    );
    const taskId: string = created.data.createJointTask.id;
    const w = witnesses();

    // 1. Commit
    let commit: Record<string, any> | null = null;
    let stepStart = Date.now();
    const canReset = meter.start();
    try {
      const c = await timedGql(
        gateway.url,
        COMMIT,
        { t: taskId, i: { witnesses: w.commitments } },
        planner,
      );
      const frameLine = regLog.last('request', (l) => l.path === '/internal/frame');
      const [stored] = await sql<{ bytes: number }>(
        url,
        'SELECT octet_length(data)::int AS bytes FROM joint_tasks.draw_commitment_frame WHERE commitment_id = $1',
        [c.data.commitDraw.id],
      );
      const [noted] = await sql<{ notes: string[] }>(
        url,
        'SELECT notes FROM joint_tasks.draw_commitment WHERE id = $1',
        [c.data.commitDraw.id],
      );
      commit = {
        ms: r1(c.ms),
        commitmentId: c.data.commitDraw.id,
        frameSize: c.data.commitDraw.frameSize,
        storedFrameBytes: stored?.bytes ?? null,
        /** The commitment's notes: per department, the enterprises each frame rule excluded. */
        exclusions: noted?.notes ?? [],
        /** The registry's own time for the frame stream request (until its last byte was taken). */
        registryFrameMs: frameLine?.durationMs ?? null,
        /** The joint-tasks subgraph's time for the operation (its request log line). */
        subgraphMs:
          jtLog.last('request', (l) => String(l.operationName ?? '').startsWith('BenchCommit'))
            ?.durationMs ?? null,
        ...meter.read(),
        slowQueries: slowQueries(stepStart),
      };
    } catch (err) {
      fail('commit', err);
    }

    // 2. Draw
    let draw: Record<string, any> | null = null;
    if (commit) {
      stepStart = Date.now();
      meter.start();
      try {
        const d = await timedGql(
          gateway.url,
          DRAW,
          { id: taskId, e: { witnessSecrets: w.secrets } },
          planner,
        );
        const dj = d.data.drawJointTask;
        const logged = jtLog.last('joint task drawn', (l) => l.drawId === dj.id);
        const [blob] = await sql<{ bytes: number }>(
          url,
          'SELECT octet_length(gzip)::int AS bytes FROM joint_tasks.draw_bundle WHERE draw_id = $1',
          [dj.id],
        );
        const [teams] = await sql<{ teams: number }>(
          url,
          'SELECT count(*)::int AS teams FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id WHERE v.draw_id = $1',
          [dj.id],
        );
        draw = {
          ms: r1(d.ms),
          drawId: dj.id,
          serverMs: dj.durationMs,
          subgraphMs:
            jtLog.last('request', (l) => String(l.operationName ?? '').startsWith('BenchDraw'))
              ?.durationMs ?? null,
          phases: logged
            ? {
                frameMs: logged.frameMs,
                computeMs: logged.computeMs,
                inspectorsMs: logged.inspectorsMs,
                writeMs: logged.writeMs,
              }
            : null,
          storedBundleBytes: blob?.bytes ?? null,
          frameSize: dj.frameSize,
          visits: dj.realisedVisits,
          teams: teams.teams,
          understaffedTeams: dj.understaffedTeams,
          expectedVisits: dj.expectedVisits,
          independentVisits: dj.independentVisits,
          separateVisits: dj.separateVisits,
          ...meter.read(),
          slowQueries: slowQueries(stepStart),
        };
      } catch (err) {
        fail('draw', err);
        // A pending commitment would block the next run's commit (same departments, nearby window).
        await postGraphQL(
          gateway.url,
          CANCEL,
          { id: commit.commitmentId, r: 'benchmark: the draw failed, see bench/results/draw.json' },
          planner,
          60_000,
        ).catch(() => undefined);
      }
    }

    // 3. Bundle download
    let bundle: Record<string, any> | null = null;
    const file = path.join(tmp, 'bundle.json');
    if (draw) {
      meter.start();
      try {
        const got = await download(`${gatewayBase}/draws/${draw.drawId}/bundle.json`);
        if (got.status !== 200)
          throw new Error(`HTTP ${got.status}: ${got.body.toString('utf8', 0, 500)}`);
        const t0 = performance.now();
        const json = got.encoding === 'gzip' ? zlib.gunzipSync(got.body) : got.body;
        const gunzipMs = performance.now() - t0;
        fs.writeFileSync(file, json);
        bundle = {
          ms: r1(got.ms),
          firstByteMs: r1(got.firstByteMs),
          contentEncoding: got.encoding,
          wireBytes: got.body.length,
          jsonBytes: json.length,
          gunzipMs: r1(gunzipMs),
          ...meter.read(),
        };
      } catch (err) {
        fail('bundle download', err);
      }
    }

    // 4. Offline verification in child processes
    let offline: Record<string, any> | null = null;
    if (bundle) {
      try {
        // The verifier's fixed cost: node, the SWC register and its modules (--help loads them all).
        const idle = await runNode([VERIFIER, '--help'], tmp);
        const run = await runNode([VERIFIER, file], tmp);
        const reported = /verified in (\d+) ms/.exec(run.stdout)?.[1];
        offline = {
          ms: r1(run.ms),
          exitCode: run.exitCode,
          signal: run.signal,
          maxRssMiB: run.maxRssMiB,
          cpuSeconds: run.cpuSeconds,
          /** The verifier's own "verified in N ms" (reading and parsing the file, then verifyBundle). */
          reportedMs: reported ? Number(reported) : null,
          startupMs: r1(idle.ms),
          startupRssMiB: idle.maxRssMiB,
          startupCpuSeconds: idle.cpuSeconds,
          checks: run.stdout
            .split('\n')
            .filter((l) => /^[✓✗] /.test(l))
            .map((l) => l.slice(0, 300)),
          stderr: run.exitCode === 0 ? undefined : run.stderr.slice(-3000),
          phases: null as Record<string, any> | null,
        };
        if (run.exitCode !== 0)
          fail(
            'offline verification',
            `verify-draw exited with ${run.exitCode ?? run.signal}: ${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`,
          );
        if (process.env.BENCH_DRAW_VERIFY_PHASES !== '0') {
          const phased = await runNode([__filename, '--verify-phases', file], tmp);
          const line = phased.stdout.split('\n').find((l) => l.startsWith('{'));
          offline.phases = line
            ? {
                ...JSON.parse(line),
                exitCode: phased.exitCode,
                ms: r1(phased.ms),
                maxRssMiB: phased.maxRssMiB ?? JSON.parse(line).maxRssMiB,
              }
            : {
                exitCode: phased.exitCode,
                signal: phased.signal,
                stderr: phased.stderr.slice(-2000),
              };
        }
      } catch (err) {
        fail('offline verification', err);
      }
    }

    // 5. verifyDraw: computed and stored, then served from storage
    let verify: Record<string, any> | null = null;
    if (draw) {
      stepStart = Date.now();
      meter.start();
      try {
        const first = await timedGql(gateway.url, VERIFY, { id: draw.drawId }, planner);
        const firstUse = meter.read();
        const firstSlow = slowQueries(stepStart);
        const second = await timedGql(gateway.url, VERIFY, { id: draw.drawId }, planner);
        const v1 = first.data.verifyDraw;
        const v2 = second.data.verifyDraw;
        verify = {
          firstMs: r1(first.ms),
          secondMs: r1(second.ms),
          reproduces: v1.reproduces,
          servedFromStorage: v1.verifiedAt === v2.verifiedAt,
          differences: v1.differences,
          checks: v1.checks.length,
          /** The joint-tasks subgraph's own time for the second call (served from storage). */
          subgraphMs:
            jtLog.last('request', (l) => String(l.operationName ?? '').startsWith('BenchVerify'))
              ?.durationMs ?? null,
          ...firstUse,
          slowQueries: firstSlow,
        };
        if (!v1.reproduces) fail('verifyDraw', `reproduces = false: ${v1.differences.join('; ')}`);
      } catch (err) {
        fail('verifyDraw', err);
      }
    }

    return {
      enterprises,
      departments: DEPARTMENTS.length,
      window,
      /** 1-minute load average before the first step and after the last (2 cores: above ~2, something else competed). */
      loadAverage: { before: loadBefore, after: Number(os.loadavg()[0].toFixed(2)) },
      frameSize: draw?.frameSize ?? commit?.frameSize ?? null,
      visits: draw?.visits ?? null,
      teams: draw?.teams ?? null,
      understaffedTeams: draw?.understaffedTeams ?? null,
      expectedVisits: draw?.expectedVisits ?? null,
      independentVisits: draw?.independentVisits ?? null,
      separateVisits: draw?.separateVisits ?? null,
      commit,
      draw,
      bundle,
      offline,
      verifyDraw: verify,
      /** Whether the peaks are per step (VmHWM reset before each step) or since process start. */
      peaksPerStep: canReset,
      // The fields bench/all.ts's summary reads.
      wallMs: draw?.ms ?? null,
      verifyMs: verify?.firstMs ?? null,
      reproduces: verify?.reproduces ?? null,
      errors,
    };
  } finally {
    await gateway?.stop();
    await fleet.stop();
    await server.stop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

type Run = Awaited<ReturnType<typeof runOne>>;

function printRun(r: Run): void {
  const n = r.enterprises.toLocaleString('en');
  const lines = [
    `\n${n} enterprises × ${r.departments} departments (window ${r.window.windowStart}..${r.window.windowEnd})`,
  ];
  if (r.commit)
    lines.push(
      `  1 commit      ${secs(r.commit.ms)} s  frame ${r.commit.frameSize} (stored ${(r.commit.storedFrameBytes / MiB).toFixed(1)} MiB gzip), registry stream ${secs(r.commit.registryFrameMs)} s`,
    );
  if (r.draw) {
    const p = r.draw.phases;
    lines.push(
      `  2 draw        ${secs(r.draw.ms)} s  (server ${secs(r.draw.serverMs)} s${p ? `: frame ${secs(p.frameMs)}, compute ${secs(p.computeMs)}, inspectors ${secs(p.inspectorsMs)}, bundle+write ${secs(p.writeMs)}` : ''}), ${r.draw.visits} visits, ${r.draw.teams} teams (${r.draw.understaffedTeams} understaffed)`,
    );
  }
  if (r.bundle)
    lines.push(
      `  3 bundle      ${secs(r.bundle.ms)} s  ${(r.bundle.wireBytes / MiB).toFixed(1)} MiB on the wire (${r.bundle.contentEncoding ?? 'identity'}), ${(r.bundle.jsonBytes / MiB).toFixed(1)} MiB JSON`,
    );
  if (r.offline) {
    const ph = r.offline.phases;
    lines.push(
      `  4 offline     ${secs(r.offline.ms)} s  exit ${r.offline.exitCode ?? r.offline.signal}, peak RSS ${mib(r.offline.maxRssMiB)} MiB (node+register alone ${secs(r.offline.startupMs)} s, ${mib(r.offline.startupRssMiB)} MiB)${ph?.parseMs != null ? `; read ${secs(ph.readMs)} s, JSON.parse ${secs(ph.parseMs)} s, verifyBundle ${secs(ph.verifyMs)} s` : ''}`,
    );
  }
  if (r.verifyDraw)
    lines.push(
      `  5 verifyDraw  first ${secs(r.verifyDraw.firstMs)} s, second ${secs(r.verifyDraw.secondMs)} s, reproduces=${r.verifyDraw.reproduces}`,
    );
  for (const e of r.errors) lines.push(`  ✗ ${e.step}: ${e.message.slice(0, 500)}`);
  console.log(lines.join('\n'));
}

function markdown(runs: Run[]): string {
  const cell = (v: unknown) => (v == null ? '–' : String(v));
  const peak = (p: Record<string, number | null> | undefined, k: string) => mib(p?.[k]);
  return [
    '# Draw benchmark',
    '',
    'Commit–reveal draw with inspector assignment over 5 departments, through the gateway, each step timed apart (wall time at the client).',
    'Registry, joint-tasks and the gateway each run in their own process; their peak RSS is per step.',
    '',
    '## Steps (seconds)',
    '',
    '| enterprises | frame | 1 commit | 2 draw | 3 bundle GET | 4 offline verify (child) | 5 verifyDraw 1st | verifyDraw 2nd | reproduces | offline exit |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
    ...runs.map(
      (r) =>
        `| ${r.enterprises.toLocaleString('en')} | ${cell(r.frameSize)} | ${secs(r.commit?.ms)} | ${secs(r.draw?.ms)} | ${secs(r.bundle?.ms)} | ${secs(r.offline?.ms)} | ${secs(r.verifyDraw?.firstMs)} | ${r.verifyDraw ? (r.verifyDraw.secondMs / 1000).toFixed(3) : '–'} | ${cell(r.reproduces)} | ${cell(r.offline?.exitCode ?? r.offline?.signal)} |`,
    ),
    '',
    '## Where the time goes',
    '',
    '| enterprises | commit: registry frame stream | draw: read frozen frame | draw: sample | draw: inspectors | draw: bundle + transaction | offline: node + modules | offline: read file | offline: JSON.parse | offline: verifyBundle |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map((r) => {
      const p = r.draw?.phases;
      const o = r.offline?.phases;
      return `| ${r.enterprises.toLocaleString('en')} | ${secs(r.commit?.registryFrameMs)} | ${secs(p?.frameMs)} | ${secs(p?.computeMs)} | ${secs(p?.inspectorsMs)} | ${secs(p?.writeMs)} | ${secs(r.offline?.startupMs)} | ${secs(o?.readMs)} | ${secs(o?.parseMs)} | ${secs(o?.verifyMs)} |`;
    }),
    '',
    '## Sizes',
    '',
    '| enterprises | stored frame (gzip) | stored bundle (gzip) | bundle on the wire | bundle JSON | visits | teams | understaffed teams | expected Σmax p | independent | separate |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.enterprises.toLocaleString('en')} | ${r.commit ? `${(r.commit.storedFrameBytes / MiB).toFixed(1)} MiB` : '–'} | ${r.draw ? `${(r.draw.storedBundleBytes / MiB).toFixed(1)} MiB` : '–'} | ${r.bundle ? `${(r.bundle.wireBytes / MiB).toFixed(1)} MiB ${r.bundle.contentEncoding ?? 'identity'}` : '–'} | ${r.bundle ? `${(r.bundle.jsonBytes / MiB).toFixed(1)} MiB` : '–'} | ${cell(r.visits)} | ${cell(r.teams)} | ${cell(r.understaffedTeams)} | ${r.expectedVisits?.toFixed(0) ?? '–'} | ${r.independentVisits?.toFixed(0) ?? '–'} | ${r.separateVisits?.toFixed(0) ?? '–'} |`,
    ),
    '',
    '## Peak RSS (MiB)',
    '',
    '| enterprises | commit: joint-tasks | commit: registry | commit: gateway | draw: joint-tasks | draw: gateway | verifyDraw 1st: joint-tasks | offline verifier | offline, node + modules alone |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.enterprises.toLocaleString('en')} | ${peak(r.commit?.peakMiB, 'joint-tasks')} | ${peak(r.commit?.peakMiB, 'registry')} | ${peak(r.commit?.peakMiB, 'gateway')} | ${peak(r.draw?.peakMiB, 'joint-tasks')} | ${peak(r.draw?.peakMiB, 'gateway')} | ${peak(r.verifyDraw?.peakMiB, 'joint-tasks')} | ${mib(r.offline?.maxRssMiB)} | ${mib(r.offline?.startupRssMiB)} |`,
    ),
    '',
    '## CPU seconds per step',
    '',
    'Machine: every core of the machine busy, PostgreSQL and anything else running included.',
    '',
    '| enterprises | commit: joint-tasks | commit: registry | commit: machine | draw: joint-tasks | draw: machine | offline verifier (user+sys) | verifyDraw 1st: joint-tasks | verifyDraw 1st: machine |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.enterprises.toLocaleString('en')} | ${cell(r.commit?.cpuSeconds?.['joint-tasks'])} | ${cell(r.commit?.cpuSeconds?.registry)} | ${cell(r.commit?.cpuSeconds?.machine)} | ${cell(r.draw?.cpuSeconds?.['joint-tasks'])} | ${cell(r.draw?.cpuSeconds?.machine)} | ${cell(r.offline?.cpuSeconds)} | ${cell(r.verifyDraw?.cpuSeconds?.['joint-tasks'])} | ${cell(r.verifyDraw?.cpuSeconds?.machine)} |`,
    ),
    ...(runs.some((r) => r.errors.length)
      ? [
          '',
          '## Failures',
          '',
          ...runs.flatMap((r) =>
            r.errors.map(
              (e) =>
                `- ${r.enterprises.toLocaleString('en')}, ${e.step}: ${e.message.replace(/\n/g, ' ').slice(0, 800)}`,
            ),
          ),
        ]
      : []),
    '',
    `Machine: ${JSON.stringify(machine())}`,
  ].join('\n');
}

async function main() {
  if (process.argv[2] === '--verify-phases') return verifyPhases(process.argv[3]);
  process.env.NODE_ENV = 'production';
  watchdog('bench:draw', Number(process.env.BENCH_MAX_MINUTES ?? 120));
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const runs: Run[] = [];
  for (const n of sizes.length ? sizes : [100_000, 1_000_000]) {
    const r = await runOne(n);
    printRun(r);
    runs.push(r);
  }
  writeResults('draw', { machine: machine(), runs }, markdown(runs));
  if (runs.some((r) => r.errors.length)) process.exitCode = 1;
}

main().then(
  () =>
    process.argv[2] === '--verify-phases'
      ? undefined
      : exitAfterCleanup(Number(process.exitCode ?? 0)),
  (err) => {
    console.error(err);
    if (process.argv[2] === '--verify-phases') process.exit(2);
    void exitAfterCleanup(1);
  },
);
