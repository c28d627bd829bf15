import { sql } from '../support/database';
import { COMMIT, DRAW, witnesses } from '../support/draw-protocol';
import {
  startFederation,
  token,
  type GraphQLResponse,
  type TestFederation,
} from '../support/federation';
import { closedPort, startGatewayFor } from '../support/gateway';
import { spawnSubgraph } from '../support/processes';
import { futureWindow } from '../support/joint-task-flow';

/*
 * The draw (the reveal of a committed task) writes its draw, visits, teams and public bundle,
 * marks the commitment DRAWN and the task DRAWN in one transaction. A failure anywhere inside it,
 * even the process dying, leaves no trace: no draw, visit, team or bundle row, the commitment
 * still PENDING with nothing revealed, the task still COMMITTED, and revealing the same entropy
 * again then draws it.
 */

let fed: TestFederation;
let planner: string;
const CREATE = `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`;
const input = (title: string) => ({
  title,
  leadDepartment: 'market',
  ...futureWindow(),
  capacityPerDay: 20,
  departments: [
    { department: 'market', checkItems: ['MARKET-002'], ratio: 0.2 },
    { department: 'tax', checkItems: ['TAX-001'], ratio: 0.1 },
  ],
});

/** The data of a response, or a failure that shows the errors. */
function ok<T = any>(res: GraphQLResponse<T>): T {
  if (res.errors?.length || !res.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}`);
  return res.data;
}

/** What the draw of a task left in the joint_tasks schema (and the totals of the tables a draw writes). */
async function drawTrace(taskId: string) {
  const [row] = await sql<Record<string, string | number | null>>(
    fed.databaseUrl,
    `SELECT
      (SELECT status FROM joint_tasks.joint_task WHERE id = $1) AS status,
      (SELECT string_agg(status, ',' ORDER BY committed_at) FROM joint_tasks.draw_commitment WHERE task_id = $1) AS commitments,
      (SELECT count(*)::int FROM joint_tasks.draw_commitment
        WHERE task_id = $1 AND (draw_id IS NOT NULL OR seed IS NOT NULL OR entropy IS NOT NULL OR drawn_at IS NOT NULL)) AS revealed,
      (SELECT count(*)::int FROM joint_tasks.draw WHERE task_id = $1) AS draws,
      (SELECT count(*)::int FROM joint_tasks.visit WHERE task_id = $1) AS visits,
      (SELECT count(*)::int FROM joint_tasks.draw_bundle) AS "bundlesInAll",
      (SELECT count(*)::int FROM joint_tasks.draw_frame) AS "frameRowsInAll",
      (SELECT count(*)::int FROM joint_tasks.visit_team) AS "teamsInAll"`,
    [taskId],
  );
  return row;
}

/** Teams of the task's visits. */
async function teamsOf(taskId: string): Promise<number> {
  const [{ n }] = await sql<{ n: number }>(
    fed.databaseUrl,
    'SELECT count(*)::int AS n FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id WHERE v.task_id = $1',
    [taskId],
  );
  return n;
}

/** Checks the successful reveal: everything of the draw is there once, and only its rows were added. */
async function expectDrawn(
  taskId: string,
  before: Awaited<ReturnType<typeof drawTrace>>,
  drawn: any,
  commitmentId: string,
) {
  expect(drawn.commitmentId).toBe(commitmentId);
  expect(drawn.realisedVisits).toBeGreaterThan(0);
  const after = await drawTrace(taskId);
  expect(after).toMatchObject({
    status: 'DRAWN',
    commitments: 'DRAWN',
    revealed: 1,
    draws: 1,
    visits: drawn.realisedVisits,
  });
  // One bundle (this draw's), no draw_frame rows (a v2 draw's frame is the commitment's), and only this draw's teams.
  expect(Number(after.bundlesInAll) - Number(before.bundlesInAll)).toBe(1);
  expect(after.frameRowsInAll).toBe(before.frameRowsInAll);
  expect(Number(after.teamsInAll) - Number(before.teamsInAll)).toBe(await teamsOf(taskId));
  const [bundle] = await sql<{ draw_id: string }>(
    fed.databaseUrl,
    'SELECT draw_id FROM joint_tasks.draw_bundle WHERE draw_id = $1',
    [drawn.id],
  );
  expect(bundle).toEqual({ draw_id: drawn.id });
}

beforeAll(async () => {
  fed = await startFederation();
  planner = await token('market', ['planner'], 'atomicity-planner');
});
afterAll(async () => {
  delete process.env.JIH_FAULTS;
  await fed?.stop();
});

describe('a draw interrupted inside its transaction', () => {
  it.each(['draw:after-frame', 'draw:after-visits'])(
    'at %s leaves no partial draw, the commitment pending, and the same entropy draws it afterwards',
    async (point) => {
      const taskId = ok(
        await fed.query(CREATE, { i: input(`中断测试 ${point}`) }, { token: planner }),
      ).createJointTask.id;
      const w = witnesses();
      const commitment = ok(
        await fed.query(COMMIT, { t: taskId, i: { witnesses: w.commitments } }, { token: planner }),
      ).commitDraw;
      expect(commitment.status).toBe('PENDING');
      const before = await drawTrace(taskId);
      expect(before).toMatchObject({
        status: 'COMMITTED',
        commitments: 'PENDING',
        revealed: 0,
        draws: 0,
        visits: 0,
      });

      process.env.JIH_FAULTS = point; // read by the in-process joint-tasks subgraph at that point of the draw
      const failed = await fed.query(
        DRAW,
        { id: taskId, e: { witnessSecrets: w.secrets } },
        { token: planner },
      );
      delete process.env.JIH_FAULTS;
      expect(failed.data).toBeNull();
      expect(failed.errors).toEqual([
        {
          message: 'Internal server error',
          path: ['drawJointTask'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'joint-tasks' },
        },
      ]);
      expect(await drawTrace(taskId)).toEqual(before);

      const drawn = ok(
        await fed.query(DRAW, { id: taskId, e: { witnessSecrets: w.secrets } }, { token: planner }),
      ).drawJointTask;
      await expectDrawn(taskId, before, drawn, commitment.id);
    },
  );

  it('by the joint-tasks process dying (SIGKILL) after writing the visits leaves no partial draw, and another process draws it with the same entropy', async () => {
    const registry = fed.subgraphs.get('registry')!;
    const doomed = await spawnSubgraph('joint-tasks', await closedPort(), fed.databaseUrl, {
      SUBGRAPH_REGISTRY_URL: registry.url,
      JIH_FAULTS: 'draw:after-visits=crash',
    });
    const gw = await startGatewayFor(fed, {}, { urls: { 'joint-tasks': doomed.url } });
    try {
      const taskId = ok(await gw.query(CREATE, { i: input('中断测试 crash') }, { token: planner }))
        .createJointTask.id;
      const w = witnesses();
      const commitment = ok(
        await gw.query(COMMIT, { t: taskId, i: { witnesses: w.commitments } }, { token: planner }),
      ).commitDraw;
      const before = await drawTrace(taskId);
      expect(before).toMatchObject({
        status: 'COMMITTED',
        commitments: 'PENDING',
        revealed: 0,
        draws: 0,
        visits: 0,
      });

      const failed = await gw.query(
        DRAW,
        { id: taskId, e: { witnessSecrets: w.secrets } },
        { token: planner },
      );
      expect(failed.data).toBeNull();
      expect(failed.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'DOWNSTREAM_SERVICE_ERROR',
            serviceName: 'joint-tasks',
          }),
        }),
      ]);
      await doomed.kill(); // waits for the exit the fault caused
      expect(doomed.child.signalCode).toBe('SIGKILL');

      // PostgreSQL rolls the dead connection's transaction back once it notices; the draw's locks on
      // the task and commitment rows end with it. Wait for that, then look: nothing of the draw is left.
      const deadline = Date.now() + 10_000;
      for (;;) {
        const released = await sql(
          fed.databaseUrl,
          `SELECT t.id FROM joint_tasks.joint_task t JOIN joint_tasks.draw_commitment c ON c.task_id = t.id
            WHERE t.id = $1 FOR UPDATE NOWAIT`,
          [taskId],
        ).then(
          () => true,
          () => false,
        );
        if (released) break;
        if (Date.now() > deadline)
          throw new Error('the dead draw still holds the task or commitment row');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await drawTrace(taskId)).toEqual(before);

      const drawn = ok(
        await fed.query(DRAW, { id: taskId, e: { witnessSecrets: w.secrets } }, { token: planner }),
      ).drawJointTask;
      await expectDrawn(taskId, before, drawn, commitment.id);
    } finally {
      await gw.stop();
      await doomed.kill();
    }
  });
});
