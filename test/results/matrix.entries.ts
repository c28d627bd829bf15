/**
 * Authorization-matrix entries of the result mutations and fields, for test/security/matrix
 * (which lists one entry per mutation of the supergraph): `import { RESULT_ENTRIES,
 * RESULT_FIELDS } from '../../results/matrix.entries'` and add them to MUTATION_ENTRIES and
 * SENSITIVE_FIELDS. Every request is built on a visit of its own, so the allowed cells succeed
 * outright and a refusal is an authorization decision only.
 */
import type {
  Cell,
  FieldEntry,
  MatrixContext,
  MatrixRequest,
  MutationEntry,
} from '../security/matrix/types';
import { drawnTask } from '../security/matrix/joint-tasks.entries';
import { SIGNED_IN, own } from '../security/matrix/types';
import { token } from '../support/federation';

/** A staffed market team of a drawn task: the visit, its enterprise and two inspectors. */
interface Team {
  visitId: string;
  inspectorIds: string[];
}

const teamsOf = new WeakMap<MatrixContext, Promise<Team[]>>();
const handedOut = new WeakMap<MatrixContext, number>();

/** The next unused staffed market team of a task drawn once per context (one per request). */
async function nextTeam(ctx: MatrixContext): Promise<Team> {
  let teams = teamsOf.get(ctx);
  if (!teams) {
    teams = (async () => {
      // Created, committed with two witnesses and drawn as admin.
      const taskId = await drawnTask(ctx, {
        title: '安全矩阵测试：结果录入',
        leadDepartment: 'market',
        windowStart: '2026-10-08',
        windowEnd: '2026-12-18',
        capacityPerDay: 20,
        departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize: 150 }],
      });
      const rows = await ctx.sql<{ visit_id: string; inspector_ids: string[] }>(
        `SELECT t.visit_id, t.inspector_ids FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id
          WHERE v.task_id = $1 AND t.department_code = 'market' AND t.status = 'STAFFED' AND cardinality(t.inspector_ids) >= 2 ORDER BY v.uscc`,
        [taskId],
      );
      return rows.map((r) => ({ visitId: r.visit_id, inspectorIds: r.inspector_ids }));
    })();
    teamsOf.set(ctx, teams);
  }
  const all = await teams;
  const k = handedOut.get(ctx) ?? 0;
  handedOut.set(ctx, k + 1);
  if (k >= all.length)
    throw new Error(`the matrix used all ${all.length} staffed teams of its result task`);
  return all[k];
}

/** What a market result records, for the team's first two inspectors. */
function content(team: Team, overrides: Record<string, unknown> = {}) {
  return {
    checkDate: '2026-10-20',
    category: 'NO_PROBLEM',
    checkItems: ['MARKET-002'],
    findings: '',
    inspectorIds: team.inspectorIds.slice(0, 2),
    acknowledgement: { representativeName: '王建国', signed: true },
    evidence: [],
    ...overrides,
  };
}

/** Records a result for a fresh team as its first inspector; returns the team and the result id. */
async function recorded(
  ctx: MatrixContext,
  overrides: Record<string, unknown> = {},
): Promise<{ team: Team; id: string; uscc: string }> {
  const team = await nextTeam(ctx);
  const res = await ctx.fed.query(
    `mutation($i: RecordResultInput!) { recordResult(input: $i) { id uscc } }`,
    {
      i: {
        visitId: team.visitId,
        idempotencyKey: `matrix-${ctx.unique()}`,
        ...content(team, overrides),
      },
    },
    { token: await token('market', ['inspector'], team.inspectorIds[0]) },
  );
  if (res.errors?.length) throw new Error(`setup failed: ${JSON.stringify(res.errors)}`);
  return { team, id: res.data.recordResult.id, uscc: res.data.recordResult.uscc };
}

/** Moves a recorded result on as an admin: reviewed, then published. */
async function advance(
  ctx: MatrixContext,
  id: string,
  steps: ('reviewResult' | 'publishResult')[],
): Promise<void> {
  for (const step of steps)
    await ctx.asAdmin(`mutation($id: ID!) { ${step}(id: $id) { id } }`, { id });
}

/** A market finding referred to tax, pending at tax. */
async function referral(ctx: MatrixContext): Promise<string> {
  const { id } = await recorded(ctx, { category: 'CORRECTION_ORDERED', findings: '疑似少缴税款' });
  const data = await ctx.asAdmin(
    `mutation($i: ReferFindingInput!) { referFinding(input: $i) { id } }`,
    { i: { resultId: id, toDepartment: 'tax', matter: '疑似少缴税款，移送税务部门' } },
  );
  return data.referFinding.id;
}

/** A request on a result of a fresh team, with the team's first inspector as the `self` cell. */
function onResult(
  query: string,
  variables: (id: string, ctx: MatrixContext, team: Team) => Record<string, unknown>,
  prepare: (ctx: MatrixContext, id: string) => Promise<void> = async () => {},
  overrides: Record<string, unknown> = {},
) {
  return async (ctx: MatrixContext): Promise<MatrixRequest> => {
    const { team, id } = await recorded(ctx, overrides);
    await prepare(ctx, id);
    return { query, variables: variables(id, ctx, team), selfSub: team.inspectorIds[0] };
  };
}

const INSPECTORS_OF_THE_TEAM_OR_SUPERVISORS: Cell[] = [...own('supervisor'), 'self'];

/** The result mutations of the joint-tasks subgraph. */
export const RESULT_ENTRIES: MutationEntry[] = [
  {
    mutation: 'recordResult',
    owner: 'market',
    // Only an inspector of the team assigned to the visit: not another inspector of the department, not an admin.
    allowed: ['self'],
    async request(ctx) {
      const team = await nextTeam(ctx);
      return {
        query: `mutation($i: RecordResultInput!) { recordResult(input: $i) { id } }`,
        variables: {
          i: { visitId: team.visitId, idempotencyKey: `matrix-${ctx.unique()}`, ...content(team) },
        },
        selfSub: team.inspectorIds[0],
      };
    },
  },
  {
    mutation: 'correctResult',
    owner: 'market',
    allowed: INSPECTORS_OF_THE_TEAM_OR_SUPERVISORS,
    request: onResult(
      `mutation($i: CorrectResultInput!) { correctResult(input: $i) { id } }`,
      (id, ctx, team) => ({
        i: {
          resultId: id,
          reason: '更正检查发现',
          idempotencyKey: `matrix-${ctx.unique()}`,
          ...content(team, { category: 'CORRECTION_ORDERED', findings: '已责令改正' }),
        },
      }),
    ),
  },
  {
    mutation: 'reviewResult',
    owner: 'market',
    allowed: own('supervisor'),
    request: onResult(`mutation($id: ID!) { reviewResult(id: $id) { id } }`, (id) => ({ id })),
  },
  {
    mutation: 'publishResult',
    owner: 'market',
    allowed: own('supervisor'),
    request: onResult(
      `mutation($id: ID!) { publishResult(id: $id) { id } }`,
      (id) => ({ id }),
      (ctx, id) => advance(ctx, id, ['reviewResult']),
    ),
  },
  {
    mutation: 'closeResult',
    owner: 'market',
    allowed: own('supervisor'),
    request: onResult(
      `mutation($id: ID!) { closeResult(id: $id) { id } }`,
      (id) => ({ id }),
      (ctx, id) => advance(ctx, id, ['reviewResult', 'publishResult']),
    ),
  },
  {
    mutation: 'linkResultFollowUp',
    owner: 'market',
    allowed: INSPECTORS_OF_THE_TEAM_OR_SUPERVISORS,
    request: onResult(
      `mutation($id: ID!, $f: FollowUpRefInput!) { linkResultFollowUp(resultId: $id, followUp: $f) { id } }`,
      (id, ctx) => ({ id, f: { department: 'market', kind: 'CASE', id: `MKT-${ctx.unique()}` } }),
      undefined,
      { category: 'FOLLOW_UP_PENDING', findings: '待后续处理' },
    ),
  },
  {
    mutation: 'referFinding',
    owner: 'market',
    allowed: INSPECTORS_OF_THE_TEAM_OR_SUPERVISORS,
    request: onResult(
      `mutation($i: ReferFindingInput!) { referFinding(input: $i) { id } }`,
      (id) => ({ i: { resultId: id, toDepartment: 'tax', matter: '疑似少缴税款，移送税务部门' } }),
      undefined,
      { category: 'CORRECTION_ORDERED', findings: '疑似少缴税款' },
    ),
  },
  {
    mutation: 'acceptReferral',
    owner: 'tax',
    allowed: own('supervisor'),
    async request(ctx) {
      return {
        query: `mutation($id: ID!) { acceptReferral(id: $id) { id } }`,
        variables: { id: await referral(ctx) },
      };
    },
  },
  {
    mutation: 'declineReferral',
    owner: 'tax',
    allowed: own('supervisor'),
    async request(ctx) {
      return {
        query: `mutation($id: ID!) { declineReferral(id: $id, reason: "不属于本部门职责") { id } }`,
        variables: { id: await referral(ctx) },
      };
    },
  },
  {
    mutation: 'linkReferralFollowUp',
    owner: 'tax',
    allowed: own('supervisor'),
    async request(ctx) {
      const id = await referral(ctx);
      await ctx.asAdmin(`mutation($id: ID!) { acceptReferral(id: $id) { id } }`, { id });
      return {
        query: `mutation($id: ID!, $f: FollowUpRefInput!) { linkReferralFollowUp(id: $id, followUp: $f) { id } }`,
        variables: { id, f: { department: 'tax', kind: 'CASE', id: `TAX-${ctx.unique()}` } },
      };
    },
  },
];

/** Results are for signed-in government callers (every department reads every result); the public reads publicResults. */
export const RESULT_FIELDS: FieldEntry[] = [
  {
    field: 'Visit.results',
    owner: 'market',
    visible: SIGNED_IN,
    async request(ctx) {
      const { team } = await recorded(ctx);
      return {
        query: `query($v: ID!) { visit(id: $v) { id results { id } } }`,
        variables: { v: team.visitId },
        pick: (d) => d?.visit?.results,
      };
    },
  },
  {
    field: 'Enterprise.checkResults',
    owner: 'market',
    visible: SIGNED_IN,
    async request(ctx) {
      const { uscc } = await recorded(ctx);
      return {
        query: `query($u: ID!) { enterprise(uscc: $u) { uscc checkResults { id } } }`,
        variables: { u: uscc },
        pick: (d) => d?.enterprise?.checkResults,
      };
    },
  },
  {
    field: 'CheckResult.inspectorsPresent',
    owner: 'market',
    visible: SIGNED_IN,
    async request(ctx) {
      const { id } = await recorded(ctx);
      return {
        query: `query($id: ID!) { checkResult(id: $id) { id inspectorsPresent { id } } }`,
        variables: { id },
        pick: (d) => d?.checkResult?.inspectorsPresent,
      };
    },
  },
  {
    field: 'Query.taskDashboard',
    owner: 'market',
    visible: SIGNED_IN,
    async request(ctx) {
      const [{ task_id }] = await ctx.sql<{ task_id: string }>(
        `SELECT task_id FROM joint_tasks.visit WHERE id = $1`,
        [(await recorded(ctx)).team.visitId],
      );
      return {
        query: `query($t: ID!) { taskDashboard(taskId: $t) { progress { recorded } } }`,
        variables: { t: task_id },
        pick: (d) => d?.taskDashboard,
      };
    },
  },
];
