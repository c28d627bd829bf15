import { own, type MatrixContext, type MutationEntry } from './types';

const CREATE = `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`;

/** A small task led by market, so a draw is quick; each call gets its own seed. */
export function matrixTaskInput(ctx: MatrixContext, sampleSize = 3) {
  return {
    title: '安全矩阵测试联合抽查',
    leadDepartment: 'market',
    windowStart: '2026-10-08',
    windowEnd: '2026-12-18',
    seed: `matrix-${ctx.unique()}`,
    departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize }],
  };
}

/** A drawn task, once per context: its staffed market teams (handed out one per recusal cell) and their enterprises. */
const drawnTeams = new WeakMap<MatrixContext, Promise<{ taskId: string; visitId: string; uscc: string; inspectorId: string }[]>>();
export function staffedTeams(ctx: MatrixContext) {
  let teams = drawnTeams.get(ctx);
  if (!teams) {
    teams = (async () => {
      const { createJointTask } = await ctx.asAdmin(CREATE, { i: matrixTaskInput(ctx, 20) });
      await ctx.asAdmin(`mutation($id: ID!) { drawJointTask(id: $id) { id } }`, { id: createJointTask.id });
      const rows = await ctx.sql<{ visit_id: string; uscc: string; inspector_ids: string[] }>(
        `SELECT t.visit_id, v.uscc, t.inspector_ids FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id
          WHERE v.task_id = $1 AND t.department_code = 'market' AND t.status = 'STAFFED' ORDER BY v.uscc`,
        [createJointTask.id],
      );
      return rows.map((r) => ({ taskId: createJointTask.id as string, visitId: r.visit_id, uscc: r.uscc, inspectorId: r.inspector_ids[0] }));
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
    mutation: 'drawJointTask',
    owner: 'market',
    allowed: own('planner'),
    async request(ctx) {
      const { createJointTask } = await ctx.asAdmin(CREATE, { i: matrixTaskInput(ctx) });
      return { query: `mutation($id: ID!) { drawJointTask(id: $id) { id } }`, variables: { id: createJointTask.id } };
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
        variables: { i: { year: 2026, kind: 'DEPARTMENT', department: 'market', title: `2026年度市场监管随机抽查计划 ${ctx.unique()}` } },
      };
    },
  },
];
