/**
 * `npm run bench`: every benchmark in sequence — draw, load, dashboard — each in its own process
 * with its own time budget, then bench/results/summary.{json,md} with the headline figures of this
 * run (every result file carries the same run id in its machine description). A benchmark that
 * fails is reported and the next one still runs; the exit code says whether all passed.
 *
 * Settings (environment): BENCH_DRAW_SIZES (comma list, default 100000,1000000), BENCH_ONLY
 * (comma list of draw, load, dashboard), BENCH_STEP_MAX_MINUTES (per step, default 45), and each
 * benchmark's own settings (see bench/load.ts, bench/dashboard.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, machine, writeResults } from './lib';
import { answerHelp } from '@jih/scripts/lib/cli';

answerHelp(
  module,
  `usage: npm run bench

Every benchmark in sequence, then bench/results/summary.{json,md}.`,
);

const ROOT = path.resolve(__dirname, '..');
const runId = process.env.BENCH_RUN_ID ?? new Date().toISOString().replace(/[:.]/g, '-');
process.env.BENCH_RUN_ID = runId;
const stepMinutes = Number(process.env.BENCH_STEP_MAX_MINUTES ?? 45);
const only = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const STEPS = [
  {
    name: 'draw',
    script: 'bench/draw.ts',
    args: (process.env.BENCH_DRAW_SIZES ?? '100000,1000000')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  },
  { name: 'load', script: 'bench/load.ts', args: [] as string[] },
  { name: 'dashboard', script: 'bench/dashboard.ts', args: [] as string[] },
].filter((s) => !only || only.includes(s.name));

/** Runs one benchmark to completion or its time budget; resolves with its exit code. */
function runStep(
  script: string,
  args: string[],
): Promise<{ code: number | null; seconds: number; timedOut: boolean }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', path.join(ROOT, 'scripts', 'register.js'), path.join(ROOT, script), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_RUN_ID: runId },
        stdio: 'inherit',
      },
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    }, stepMinutes * 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, seconds: Math.round((Date.now() - t0) / 1000), timedOut });
    });
  });
}

/** A result file of this run (same run id), or null. */
function readResult(name: string): any {
  try {
    const data = JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, `${name}.json`), 'utf8'));
    return data?.machine?.run === runId ? data : null;
  } catch {
    return null;
  }
}

async function main() {
  console.log(`npm run bench: run ${runId}, steps ${STEPS.map((s) => s.name).join(', ')}`);
  const steps: { name: string; code: number | null; seconds: number; timedOut: boolean }[] = [];
  for (const s of STEPS) {
    console.log(`\n=== ${s.name} ===`);
    const r = await runStep(s.script, s.args);
    steps.push({ name: s.name, ...r });
    console.log(
      `=== ${s.name}: ${r.timedOut ? `stopped after ${stepMinutes} min` : `exit ${r.code}`} in ${r.seconds} s`,
    );
  }

  const draw = readResult('draw');
  const load = readResult('load');
  const dashboard = readResult('dashboard');
  const lines: string[] = [
    '# Benchmark summary',
    '',
    `Run \`${runId}\`.`,
    '',
    '| step | outcome | seconds |',
    '|---|---|---:|',
  ];
  for (const s of steps)
    lines.push(
      `| ${s.name} | ${s.timedOut ? 'time budget exhausted' : s.code === 0 ? 'ok' : `exit ${s.code}`} | ${s.seconds} |`,
    );
  if (draw) {
    lines.push(
      '',
      '## Draw',
      '',
      '| enterprises | draw s | visits | verify s | reproduces |',
      '|---:|---:|---:|---:|---|',
    );
    for (const r of draw.runs ?? [])
      lines.push(
        `| ${r.enterprises.toLocaleString('en')} | ${(r.wallMs / 1000).toFixed(1)} | ${r.visits} | ${(r.verifyMs / 1000).toFixed(1)} | ${r.reproduces} |`,
      );
  }
  if (load) {
    lines.push(
      '',
      '## Load',
      '',
      '| gateway | query | mode | req/s | p50 ms | p99 ms | errors + non-2xx + bad bodies | peak RSS MiB | response |',
      '|---|---|---|---:|---:|---:|---:|---:|---|',
    );
    for (const g of load.gateways ?? []) {
      if (!g.started) lines.push(`| ${g.gateway} | – | – | did not start | | | | | |`);
      for (const c of g.cases ?? []) {
        const modes = Object.entries(c.load ?? {}) as [string, any][];
        if (!modes.length)
          lines.push(
            `| ${g.gateway} | ${c.case} | – | – | – | – | – | ${g.peakRssMiB ?? '–'} | ${c.response} |`,
          );
        for (const [mode, f] of modes) {
          lines.push(
            `| ${g.gateway} | ${c.case} | ${mode} | ${f.requestsPerSecond} | ${f.latencyP50Ms} | ${f.latencyP99Ms} | ${f.errors + f.non2xx + f.mismatches} | ${g.peakRssMiB ?? '–'} | ${c.response} |`,
          );
        }
      }
    }
  }
  if (dashboard) {
    const m = dashboard.medians;
    lines.push(
      '',
      '## Dashboard',
      '',
      `${dashboard.settings.visits} visits: gateway ${m.gatewayMs} ms vs one SQL query ${m.sqlMs} ms (medians of ${dashboard.runs.gatewayMs.length}); ratio **${m.ratio}×**. ` +
        `Limits: ${dashboard.limitCheck.accepted ? 'accepted' : dashboard.limitCheck.refusedByLimit ? `refused (${dashboard.limitCheck.code})` : `check failed (${dashboard.limitCheck.code})`}. ` +
        `Fetches per request constant from 100 to 1,000 visits: ${dashboard.fetchesConstantPerRequest ? 'yes' : '**no**'}. ` +
        `Results: ${dashboard.results.field ? `${dashboard.read?.results ?? 0} in the ${dashboard.read?.visits ?? ''} visits read` : 'not in the schema yet'}.`,
    );
  }
  lines.push('', `Machine: ${JSON.stringify(machine())}`);
  writeResults('summary', { machine: machine(), steps, draw, load, dashboard }, lines.join('\n'));
  const failed = steps.filter((s) => s.code !== 0 || s.timedOut);
  if (failed.length) {
    console.log(`\nfailed: ${failed.map((s) => s.name).join(', ')}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
