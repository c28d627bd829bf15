import { COMMIT, DRAW, witnesses } from '../../support/draw-protocol';
import { CELLS, own, type MatrixContext, type MutationEntry } from './types';
import { chinaDay, futureWindow } from '../../support/joint-task-flow';

const CREATE = `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`;
const CANCEL = `mutation($id: ID!, $r: String!) { cancelDrawCommitment(id: $id, reason: $r) { id status } }`;

/**
 * A small task led by market, so a draw is quick; each call gets a title of its own. Every matrix task shares the window and the
 * inspector pool, and an inspector's capacity counts their teams in every overlapping task, so the
 * capacity is the largest allowed.
 */
function matrixTaskInput(ctx: MatrixContext, sampleSize = 3) {
  return {
    title: `安全矩阵测试联合抽查 ${ctx.unique()}`,
    leadDepartment: 'market',
    ...futureWindow(),
    capacityPerDay: 20,
    departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize }],
  };
}

/**
 * Cancels (as admin, with a reason) every pending draw commitment. A pending commitment blocks
 * committing any other task of its departments within reach of its window, and the refused cells
 * of the draw and cancel entries leave theirs pending, so every factory that commits calls this first.
 */
async function cancelPendingCommitments(ctx: MatrixContext): Promise<void> {
  const pending = await ctx.sql<{ id: string }>(
    `SELECT id FROM joint_tasks.draw_commitment WHERE status = 'PENDING' ORDER BY committed_at`,
  );
  for (const { id } of pending)
    await ctx.asAdmin(CANCEL, { id, r: '安全矩阵测试：清理未抽取的承诺' });
}

/** A task created and committed (two witnesses) as admin: its id, the commitment's id and the witnesses' secrets to reveal. */
async function committedTask(
  ctx: MatrixContext,
  input: Record<string, unknown> = matrixTaskInput(ctx),
) {
  await cancelPendingCommitments(ctx);
  const { createJointTask } = await ctx.asAdmin(CREATE, { i: input });
  const w = witnesses();
  // A window wholly in the past (the results matrix records dated results) is an admin's backfill.
  const backfillReason =
    String(input.windowEnd) < chinaDay(0) ? '安全矩阵测试：补录已结束窗口的抽取' : undefined;
  const { commitDraw } = await ctx.asAdmin(COMMIT, {
    t: createJointTask.id,
    i: { witnesses: w.commitments, backfillReason },
  });
  return {
    taskId: createJointTask.id as string,
    commitmentId: commitDraw.id as string,
    secrets: w.secrets,
  };
}

/** A task created, committed (two witnesses) and drawn as admin; returns its id. */
export async function drawnTask(
  ctx: MatrixContext,
  input: Record<string, unknown> = matrixTaskInput(ctx),
): Promise<string> {
  const { taskId, secrets } = await committedTask(ctx, input);
  await ctx.asAdmin(DRAW, { id: taskId, e: { witnessSecrets: secrets } });
  return taskId;
}

/** A drawn task, once per context: its staffed market teams (handed out one per recusal cell) and their enterprises. */
const drawnTeams = new WeakMap<
  MatrixContext,
  Promise<{ taskId: string; visitId: string; uscc: string; inspectorId: string }[]>
>();
export function staffedTeams(ctx: MatrixContext) {
  let teams = drawnTeams.get(ctx);
  if (!teams) {
    teams = (async () => {
      const taskId = await drawnTask(ctx, matrixTaskInput(ctx, 20));
      const rows = await ctx.sql<{ visit_id: string; uscc: string; inspector_ids: string[] }>(
        `SELECT t.visit_id, v.uscc, t.inspector_ids FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id
          WHERE v.task_id = $1 AND t.department_code = 'market' AND t.status = 'STAFFED' ORDER BY v.uscc`,
        [taskId],
      );
      return rows.map((r) => ({
        taskId,
        visitId: r.visit_id,
        uscc: r.uscc,
        inspectorId: r.inspector_ids[0],
      }));
    })();
    drawnTeams.set(ctx, teams);
  }
  return teams;
}
let teamIndex = 0;

/** The joint-tasks subgraph's mutations. */
export const JOINT_TASKS_ENTRIES: MutationEntry[] = [
  {
    mutation: 'createJointTask',
    owner: 'market',
    allowed: own('planner'),
    async request(ctx) {
      return { query: CREATE, variables: { i: matrixTaskInput(ctx) } };
    },
  },
  {
    mutation: 'commitDraw',
    owner: 'market',
    allowed: own('planner'),
    async request(ctx) {
      await cancelPendingCommitments(ctx);
      const { createJointTask } = await ctx.asAdmin(CREATE, { i: matrixTaskInput(ctx) });
      return {
        query: `mutation($t: ID!, $i: CommitDrawInput!) { commitDraw(taskId: $t, input: $i) { id } }`,
        variables: { t: createJointTask.id, i: { witnesses: witnesses().commitments } },
      };
    },
  },
  {
    mutation: 'cancelDrawCommitment',
    owner: 'market',
    allowed: own('planner'),
    async request(ctx) {
      const { commitmentId } = await committedTask(ctx);
      return {
        query: `mutation($id: ID!) { cancelDrawCommitment(id: $id, reason: "见证人未能到场，重新承诺") { id } }`,
        variables: { id: commitmentId },
      };
    },
  },
  {
    // The secret itself is the credential: anyone who holds a witness's secret may reveal it.
    mutation: 'revealWitnessSecret',
    owner: 'market',
    allowed: CELLS,
    async request(ctx) {
      const { commitmentId, secrets } = await committedTask(ctx);
      return {
        query: `mutation($c: ID!, $n: String!, $s: String!) { revealWitnessSecret(commitmentId: $c, name: $n, secret: $s) { id } }`,
        variables: { c: commitmentId, n: secrets[0].name, s: secrets[0].secret },
      };
    },
  },
  {
    mutation: 'drawJointTask',
    owner: 'market',
    allowed: own('planner'),
    async request(ctx) {
      const { taskId, secrets } = await committedTask(ctx);
      return {
        query: `mutation($id: ID!, $e: DrawEntropyInput!) { drawJointTask(id: $id, entropy: $e) { id } }`,
        variables: { id: taskId, e: { witnessSecrets: secrets } },
      };
    },
  },
  {
    mutation: 'recuseInspector',
    owner: 'market',
    allowed: [...own('supervisor'), 'self'],
    async request(ctx) {
      const teams = await staffedTeams(ctx);
      const team = teams[teamIndex++ % teams.length];
      return {
        query: `mutation($v: ID!, $i: ID!) { recuseInspector(visitId: $v, department: "market", inspectorId: $i, reason: "其配偶在该企业任职") { status } }`,
        variables: { v: team.visitId, i: team.inspectorId },
        selfSub: team.inspectorId,
      };
    },
  },
  {
    mutation: 'createAnnualPlan',
    owner: 'market',
    allowed: own('planner'),
    async request(ctx) {
      return {
        query: `mutation($i: CreateAnnualPlanInput!) { createAnnualPlan(input: $i) { id } }`,
        variables: {
          i: {
            year: 2026,
            kind: 'DEPARTMENT',
            department: 'market',
            title: `2026年度市场监管随机抽查计划 ${ctx.unique()}`,
          },
        },
      };
    },
  },
];
