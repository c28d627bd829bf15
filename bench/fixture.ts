/**
 * The benchmarks' data set: on the `jih_bench_<N>` database, one joint task of six departments
 * with ratios chosen so that, over 100,000 enterprises, it draws about 1,000 visits. It is
 * composed and drawn once, through the gateway as a planner would (commit with two witnesses
 * holding fresh random secrets, then the draw revealing them, so the sample differs from one
 * database to another but not its size to speak of), and reused by every later run (found by its
 * title); results are recorded for it through the gateway when the schema has `recordResult`.
 * Everything here is bounded in count and time.
 */
import crypto from 'node:crypto';
import { benchToken, gql, postGraphQL, checkDeadline } from './federation';
import { sql } from './lib';
import { hasMutation, type SupergraphInfo } from './queries';

/** Bump when the task definition changes, so a run never reuses a task drawn differently. */
export const BENCH_TASK_VERSION = 'v2';
export const BENCH_TASK_TITLE = `bench dashboard ${BENCH_TASK_VERSION}`;
export const BENCH_TASK_WINDOW = { windowStart: '2026-09-01', windowEnd: '2026-12-31' };

/**
 * Slightly over 1,000 visits over 100,000 enterprises (Σ max p over each enterprise's eligible
 * departments; v1's ratios, two thirds of these, drew 776), so the dashboard can read exactly 1,000.
 */
export const BENCH_TASK_DEPARTMENTS = [
  { department: 'market', checkItems: ['MARKET-002'], ratio: 0.0108 },
  { department: 'tax', checkItems: ['TAX-001'], ratio: 0.0108 },
  { department: 'health', checkItems: ['36115082101005'], ratio: 0.0162 },
  { department: 'emergency', checkItems: ['EMERGENCY-001'], ratio: 0.0162 },
  { department: 'fire', checkItems: ['FIRE-001'], ratio: 0.0162 },
  { department: 'ecology', checkItems: ['ECOLOGY-001'], ratio: 0.0135 },
];

export interface BenchTask {
  taskId: string;
  visits: number;
  /** Whether this run composed and drew it (false: reused). */
  drawnNow: boolean;
  /** Seconds of the commit (frame computed and frozen) and the draw together, when drawn now. */
  drawSeconds?: number;
  departments: string[];
}

/** Finds the benchmark task on this database, or composes and draws it through the gateway. */
export async function ensureBenchTask(gatewayUrl: string, databaseUrl: string): Promise<BenchTask> {
  const departments = BENCH_TASK_DEPARTMENTS.map((d) => d.department);
  const found = await sql<{ id: string; visits: number }>(
    databaseUrl,
    `SELECT t.id, (SELECT count(*)::int FROM joint_tasks.visit v WHERE v.task_id = t.id) AS visits
       FROM joint_tasks.joint_task t WHERE t.title = $1 AND t.status = 'DRAWN' ORDER BY t.created_at LIMIT 1`,
    [BENCH_TASK_TITLE],
  );
  if (found.length)
    return { taskId: found[0].id, visits: found[0].visits, drawnNow: false, departments };

  const planner = await benchToken({ department: 'market', roles: ['planner'] });
  const created = await gql<{ createJointTask: { id: string } }>(
    gatewayUrl,
    'mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }',
    {
      i: {
        title: BENCH_TASK_TITLE,
        leadDepartment: 'market',
        ...BENCH_TASK_WINDOW,
        departments: BENCH_TASK_DEPARTMENTS,
      },
    },
    planner,
  );
  // Commit–reveal: two witnesses commit to the SHA-256 of random secrets, the draw reveals them.
  const witnesses = ['bench witness A', 'bench witness B'].map((name) => ({
    name,
    secret: crypto.randomBytes(16).toString('hex'),
  }));
  const t0 = Date.now();
  await gql<{ commitDraw: { id: string } }>(
    gatewayUrl,
    'mutation($t: ID!, $i: CommitDrawInput!) { commitDraw(taskId: $t, input: $i) { id } }',
    {
      t: created.createJointTask.id,
      i: {
        witnesses: witnesses.map((w) => ({
          name: w.name,
          role: 'benchmark',
          commitment: crypto.createHash('sha256').update(w.secret, 'utf8').digest('hex'),
        })),
      },
    },
    planner,
    600_000,
  );
  const drawn = await gql<{ drawJointTask: { realisedVisits: number; expectedVisits: number } }>(
    gatewayUrl,
    'mutation($id: ID!, $e: DrawEntropyInput!) { drawJointTask(id: $id, entropy: $e) { realisedVisits expectedVisits } }',
    {
      id: created.createJointTask.id,
      e: { witnessSecrets: witnesses.map(({ name, secret }) => ({ name, secret })) },
    },
    planner,
    600_000,
  );
  return {
    taskId: created.createJointTask.id,
    visits: drawn.drawJointTask.realisedVisits,
    drawnNow: true,
    drawSeconds: (Date.now() - t0) / 1000,
    departments,
  };
}

export interface ResultSeeding {
  /** Whether the schema has Visit.results / Mutation.recordResult at all. */
  available: boolean;
  /** Current results of the task after seeding. */
  results: number;
  recordedNow: number;
  /** Teams that cannot record (fewer than two inspectors). */
  skippedUnderstaffed: number;
  failed: number;
  firstError?: string;
  note: string;
}

const CATEGORIES_PROBLEM = ['CORRECTION_ORDERED', 'INFO_NOT_PUBLISHED', 'FOLLOW_UP_PENDING'];

/**
 * Records one result per staffed team of the task through the gateway (`recordResult`, by the
 * team's first inspector), with deterministic idempotency keys so a rerun records nothing twice.
 * Best effort: the results API is young, so a failure is reported, never fatal.
 */
export async function seedResults(
  gatewayUrl: string,
  databaseUrl: string,
  info: SupergraphInfo,
  taskId: string,
  opts: { concurrency?: number; budgetSeconds?: number } = {},
): Promise<ResultSeeding> {
  if (!hasMutation(info, 'recordResult')) {
    return {
      available: false,
      results: 0,
      recordedNow: 0,
      skippedUnderstaffed: 0,
      failed: 0,
      note: 'Mutation.recordResult is not in the supergraph yet: no results recorded',
    };
  }
  const [{ table }] = await sql<{ table: string | null }>(
    databaseUrl,
    "SELECT to_regclass('joint_tasks.check_result')::text AS table",
  );
  const countResults = async () =>
    table
      ? (
          await sql<{ n: number }>(
            databaseUrl,
            'SELECT count(*)::int AS n FROM joint_tasks.check_result WHERE task_id = $1 AND superseded_at IS NULL',
            [taskId],
          )
        )[0].n
      : 0;
  const done = new Set(
    table
      ? (
          await sql<{ k: string }>(
            databaseUrl,
            "SELECT visit_id || '/' || department_code AS k FROM joint_tasks.check_result WHERE task_id = $1 AND superseded_at IS NULL",
            [taskId],
          )
        ).map((r) => r.k)
      : [],
  );
  const teams = await sql<{ visit_id: string; department_code: string; inspector_ids: string[] }>(
    databaseUrl,
    `SELECT t.visit_id, t.department_code, t.inspector_ids FROM joint_tasks.visit_team t
       JOIN joint_tasks.visit v ON v.id = t.visit_id WHERE v.task_id = $1 ORDER BY t.visit_id, t.department_code`,
    [taskId],
  );
  const items = new Map(
    (
      await sql<{ department_code: string; check_items: string[] }>(
        databaseUrl,
        'SELECT department_code, check_items FROM joint_tasks.task_department WHERE task_id = $1',
        [taskId],
      )
    ).map((r) => [r.department_code, r.check_items]),
  );
  const staffed = teams.filter((t) => t.inspector_ids.length >= 2);
  const todo = staffed.filter((t) => !done.has(`${t.visit_id}/${t.department_code}`));
  const deadline =
    Date.now() +
    (opts.budgetSeconds ?? Number(process.env.BENCH_RESULTS_SEED_SECONDS ?? 600)) * 1000;
  let recorded = 0;
  let failed = 0;
  let firstError: string | undefined;
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (department: string, sub: string) => {
    const k = `${department}/${sub}`;
    if (!tokens.has(k)) tokens.set(k, benchToken({ department, roles: ['inspector'], sub }));
    return tokens.get(k)!;
  };
  const mutation = 'mutation($i: RecordResultInput!) { recordResult(input: $i) { id } }';
  let next = 0;
  const worker = async () => {
    while (next < todo.length && failed < 5 && Date.now() < deadline) {
      const team = todo[next++];
      const h = crypto
        .createHash('sha256')
        .update(`${team.visit_id}/${team.department_code}`)
        .digest();
      const problem = h[0] < 77; // about 30 % of checks find something
      const category = problem
        ? CATEGORIES_PROBLEM[h[1] % CATEGORIES_PROBLEM.length]
        : 'NO_PROBLEM';
      const input = {
        visitId: team.visit_id,
        idempotencyKey: `bench-${BENCH_TASK_VERSION}-${team.visit_id}-${team.department_code}`,
        checkDate: BENCH_TASK_WINDOW.windowStart,
        category,
        checkItems: items.get(team.department_code) ?? [],
        findings: problem
          ? `基准测试记录：${team.department_code} 检查发现问题，已要求整改（${h.toString('hex', 0, 4)}）`
          : '',
        inspectorIds: team.inspector_ids.slice(0, 10),
        acknowledgement: { representativeName: '王建国', signed: true },
        evidence: [],
      };
      try {
        const r = await postGraphQL(
          gatewayUrl,
          mutation,
          { i: input },
          await tokenOf(team.department_code, team.inspector_ids[0]),
          60_000,
        );
        if (r.status === 200 && r.body?.data?.recordResult?.id && !r.body.errors?.length)
          recorded++;
        else {
          failed++;
          firstError ??= `HTTP ${r.status}: ${JSON.stringify(r.body?.errors ?? r.text).slice(0, 600)}`;
        }
      } catch (err) {
        failed++;
        firstError ??= String((err as Error).message ?? err);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, worker));
  try {
    checkDeadline(deadline, 'recording results');
  } catch {
    firstError ??= 'time budget for recording results exhausted';
  }
  const results = await countResults();
  return {
    available: true,
    results,
    recordedNow: recorded,
    skippedUnderstaffed: teams.length - staffed.length,
    failed,
    firstError,
    note: failed
      ? `recordResult failed ${failed} time(s); the dashboard measures the ${results} results present`
      : `${results} current results for ${teams.length} teams (${teams.length - staffed.length} understaffed teams cannot record)`,
  };
}
