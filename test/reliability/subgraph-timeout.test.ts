import { startFederation, token, type TestFederation } from '../support/federation';
import { closedPort, startGatewayFor, startHangingServer } from '../support/gateway';
import { send } from '../support/http';
import { sample, scrape } from '../support/metrics';
import { futureWindow } from '../support/joint-task-flow';

/*
 * A subgraph that hangs or is gone costs only its own fields: the gateway gives up on it after
 * SUBGRAPH_TIMEOUT_MS (or at once when nothing listens), answers everything else, and names the
 * subgraph in the error.
 */

let fed: TestFederation;
let hanging: Awaited<ReturnType<typeof startHangingServer>>;
let planner: string;
let uscc: string;
let taskId: string;
const TIMEOUT_MS = 1000;
const PROBE = `query Probe($u: ID!, $t: ID!) { enterprise(uscc: $u) { uscc name } jointTask(id: $t) { id title } }`;

beforeAll(async () => {
  fed = await startFederation();
  hanging = await startHangingServer();
  planner = await token('market', ['planner'], 'timeout-planner');
  uscc = (await fed.query(`{ enterprises(first: 1) { nodes { uscc } } }`)).data.enterprises.nodes[0]
    .uscc;
  const created = await fed.query(
    `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`,
    {
      i: {
        title: '超时测试',
        leadDepartment: 'market',
        ...futureWindow(),
        departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize: 3 }],
      },
    },
    { token: planner },
  );
  taskId = created.data.createJointTask.id;
});
afterAll(async () => {
  await hanging?.stop();
  await fed?.stop();
});

describe('a hung subgraph', () => {
  it.each([
    ['registry', 'enterprise', 'jointTask'],
    ['joint-tasks', 'jointTask', 'enterprise'],
  ])(
    "(%s) yields, within the timeout, an error naming it while the other subgraph's fields answer",
    async (hung, lost, kept) => {
      const gw = await startGatewayFor(
        fed,
        { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
        { urls: { [hung]: hanging.url } },
      );
      try {
        const started = Date.now();
        const res = await gw.query(PROBE, { u: uscc, t: taskId }, { token: planner });
        const elapsed = Date.now() - started;
        expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
        expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
        expect(res.status).toBe(200);
        expect(res.data[lost]).toBeNull();
        expect(res.data[kept]).toEqual(
          expect.objectContaining({ [kept === 'enterprise' ? 'uscc' : 'id']: expect.any(String) }),
        );
        expect(res.errors).toEqual([
          {
            message: `Subgraph "${hung}" did not answer within ${TIMEOUT_MS} ms`,
            extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: hung, reason: 'timeout' },
          },
        ]);
        expect(
          sample(await scrape(gw.url), 'jih_gateway_subgraph_requests_total', {
            subgraph: hung,
            outcome: 'timeout',
          }),
        ).toBe(1);
      } finally {
        await gw.stop();
      }
    },
  );
});

describe('a subgraph that is not there', () => {
  it('yields at once an error naming it, while the other fields answer, and /health says which is down', async () => {
    const gw = await startGatewayFor(
      fed,
      {},
      { urls: { 'joint-tasks': `http://127.0.0.1:${await closedPort()}/graphql` } },
    );
    try {
      const started = Date.now();
      const res = await gw.query(PROBE, { u: uscc, t: taskId }, { token: planner });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(res.data).toEqual({ enterprise: { uscc, name: expect.any(String) }, jointTask: null });
      expect(res.errors).toEqual([
        {
          message: expect.stringMatching(/^Subgraph "joint-tasks" is unreachable/),
          extensions: {
            code: 'DOWNSTREAM_SERVICE_ERROR',
            serviceName: 'joint-tasks',
            reason: 'unreachable',
          },
        },
      ]);
      const health = await send(gw.url.replace(/\/graphql$/, '/health'), {
        method: 'GET',
        headers: {},
      });
      expect([health.status, health.json.status]).toEqual([503, 'degraded']);
      expect(health.json.subgraphs).toEqual(
        Object.fromEntries(
          [...fed.subgraphs.keys()].map((name) => [name, name === 'joint-tasks' ? 'down' : 'up']),
        ),
      );
    } finally {
      await gw.stop();
    }
  });
});
