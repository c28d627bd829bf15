import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';
import { closedPort, startGatewayFor } from '../support/gateway';
import { spawnSubgraph } from '../support/processes';

/*
 * The draw writes its draw, frame, visits and teams and marks the task DRAWN in one transaction.
 * A failure anywhere inside it, even the process dying, leaves no trace: no draw, frame, visit or
 * team row, the task still PLANNED, and a later draw succeeds.
 */

let fed: TestFederation;
let planner: string;
const CREATE = `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`;
const DRAW = `mutation($id: ID!) { drawJointTask(id: $id) { id realisedVisits } }`;
const input = (seed: string) => ({
  title: '中断测试', leadDepartment: 'market', windowStart: '2026-10-08', windowEnd: '2026-12-18', seed,
  departments: [{ department: 'market', checkItems: ['MARKET-002'], ratio: 0.2 }, { department: 'tax', checkItems: ['TAX-001'], ratio: 0.1 }],
});

/** What the draw of a task left in the joint_tasks schema (and the totals of the tables a draw writes). */
async function drawTrace(taskId: string) {
  const [row] = await sql<Record<string, string | number>>(fed.databaseUrl, `SELECT
      (SELECT status FROM joint_tasks.joint_task WHERE id = $1) AS status,
      (SELECT count(*)::int FROM joint_tasks.draw WHERE task_id = $1) AS draws,
      (SELECT count(*)::int FROM joint_tasks.visit WHERE task_id = $1) AS visits,
      (SELECT count(*)::int FROM joint_tasks.draw_frame) AS "frameRowsInAll",
      (SELECT count(*)::int FROM joint_tasks.visit_team) AS "teamsInAll"`, [taskId]);
  return row;
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
  it.each(['draw:after-frame', 'draw:after-visits'])('at %s leaves no partial draw, and the task can be drawn afterwards', async (point) => {
    const created = await fed.query(CREATE, { i: input(`atomicity-${point}`) }, { token: planner });
    const taskId = created.data.createJointTask.id;
    const before = await drawTrace(taskId);

    process.env.JIH_FAULTS = point; // read by the in-process joint-tasks subgraph at that point of the draw
    const failed = await fed.query(DRAW, { id: taskId }, { token: planner });
    delete process.env.JIH_FAULTS;
    expect(failed.data).toBeNull();
    expect(failed.errors).toEqual([{ message: 'Internal server error', path: ['drawJointTask'], extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'joint-tasks' } }]);
    expect(await drawTrace(taskId)).toEqual({ ...before, status: 'PLANNED', draws: 0, visits: 0 });

    const drawn = await fed.query(DRAW, { id: taskId }, { token: planner });
    expect(drawn.errors).toBeUndefined();
    expect(drawn.data.drawJointTask.realisedVisits).toBeGreaterThan(0);
    expect(await drawTrace(taskId)).toMatchObject({ status: 'DRAWN', draws: 1, visits: drawn.data.drawJointTask.realisedVisits });
  });

  it('by the joint-tasks process dying (SIGKILL) after writing the visits leaves no partial draw, and another process draws it', async () => {
    const registry = fed.subgraphs.get('registry')!;
    const doomed = await spawnSubgraph('joint-tasks', await closedPort(), fed.databaseUrl, { SUBGRAPH_REGISTRY_URL: registry.url, JIH_FAULTS: 'draw:after-visits=crash' });
    const gw = await startGatewayFor(fed, {}, { urls: { 'joint-tasks': doomed.url } });
    try {
      const created = await gw.query(CREATE, { i: input('atomicity-crash') }, { token: planner });
      const taskId = created.data.createJointTask.id;
      const before = await drawTrace(taskId);

      const failed = await gw.query(DRAW, { id: taskId }, { token: planner });
      expect(failed.data).toBeNull();
      expect(failed.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'joint-tasks' }) })]);
      await doomed.kill(); // waits for the exit the fault caused
      expect(doomed.child.signalCode).toBe('SIGKILL');

      // PostgreSQL rolls the dead connection's transaction back once it notices; the draw's lock on
      // the task row ends with it. Wait for that, then look: nothing of the draw is left.
      const deadline = Date.now() + 10_000;
      for (;;) {
        const released = await sql(fed.databaseUrl, 'SELECT id FROM joint_tasks.joint_task WHERE id = $1 FOR UPDATE NOWAIT', [taskId]).then(() => true, () => false);
        if (released) break;
        if (Date.now() > deadline) throw new Error('the dead draw still holds the task row');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await drawTrace(taskId)).toEqual({ ...before, status: 'PLANNED', draws: 0, visits: 0 });

      const drawn = await fed.query(DRAW, { id: taskId }, { token: planner });
      expect(drawn.errors).toBeUndefined();
      const after = await drawTrace(taskId);
      expect(after).toMatchObject({ status: 'DRAWN', draws: 1, visits: drawn.data.drawJointTask.realisedVisits });
      const [{ frame }] = await sql<{ frame: number }>(fed.databaseUrl, 'SELECT count(*)::int AS frame FROM joint_tasks.draw_frame WHERE draw_id = $1', [drawn.data.drawJointTask.id]);
      // Only the second draw's rows were added: the first left none behind.
      expect(Number(after.frameRowsInAll) - Number(before.frameRowsInAll)).toBe(frame);
    } finally {
      await gw.stop();
      await doomed.kill();
    }
  });
});
