import { commitAndDraw } from '../support/draw-protocol';
import { startFederation, token, type TestFederation } from '../support/federation';
import { futureWindow } from '../support/joint-task-flow';

let fed: TestFederation;
let planner: string;
let taskId: string;

beforeAll(async () => {
  fed = await startFederation({ only: ['registry', 'joint-tasks'] });
  planner = await token('market', ['planner']);
  // Market draws every enterprise it supervises (all of them), so the task has one visit per enterprise.
  const created = await fed.query(
    `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`,
    {
      i: {
        title: 'batching',
        leadDepartment: 'market',
        ...futureWindow(),
        departments: [{ department: 'market', checkItems: ['MARKET-002'], ratio: 1 }],
      },
    },
    { token: planner },
  );
  taskId = created.data.createJointTask.id;
  const { draw } = await commitAndDraw(fed, taskId, planner);
  expect(draw.realisedVisits).toBeGreaterThanOrEqual(500);
});
afterAll(() => fed?.stop());

describe('Enterprise references through the gateway', () => {
  async function registryStatementsFor(first: number) {
    const before = fed.statements().registry;
    const res = await fed.query(
      `query($t: ID!, $n: Int!) { jointTask(id: $t) { visits(first: $n) { nodes { enterprise { uscc name address division { name } supervisionTags { riskClass } listings { kind } } } } } }`,
      { t: taskId, n: first },
      { token: planner },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.jointTask.visits.nodes).toHaveLength(first);
    expect(
      res.data.jointTask.visits.nodes.every(
        (v: { enterprise: { name: string } }) => v.enterprise.name,
      ),
    ).toBe(true);
    return fed.statements().registry - before;
  }

  it('resolve 500 enterprises with the same number of SQL statements as 5', async () => {
    const five = await registryStatementsFor(5);
    const fiveHundred = await registryStatementsFor(500);
    expect(fiveHundred).toBe(five);
    // enterprises, divisions, tags, listings: one batch each.
    expect(fiveHundred).toBeLessThanOrEqual(4);
  });
});
