import { cloneTestDatabase, sql } from '../support/database';
import { token } from '../support/federation';
import { closedPort, startGatewayFor, type ExtraGateway } from '../support/gateway';
import { send } from '../support/http';
import { sample, scrape } from '../support/metrics';
import { spawnSubgraph, type SubgraphProcess } from '../support/processes';
import { futureWindow } from '../support/joint-task-flow';

/*
 * Each subgraph as its own process, as deployed, and the gateway in front. Under a steady load of
 * queries that touch both subgraphs, one subgraph process is killed (SIGKILL) and started again:
 * the gateway answers every request, the other subgraph's fields answer throughout, the lost
 * fields carry an error naming the dead subgraph, and everything answers again once it is back.
 */

interface Probe {
  at: number;
  status: number;
  registryOk: boolean;
  jointTasksOk: boolean;
  services: string[];
}

let db: Awaited<ReturnType<typeof cloneTestDatabase>>;
const procs = new Map<string, SubgraphProcess>();
const ports = new Map<string, number>();
let gw: ExtraGateway;
let planner: string;
let uscc: string;
let taskId: string;
const PROBE = JSON.stringify({
  query: `query Probe($u: ID!, $t: ID!) { enterprise(uscc: $u) { uscc name } jointTask(id: $t) { id status } }`,
});

async function start(name: string): Promise<void> {
  const env: Record<string, string> =
    name === 'joint-tasks'
      ? { SUBGRAPH_REGISTRY_URL: `http://127.0.0.1:${ports.get('registry')}/graphql` }
      : {};
  procs.set(name, await spawnSubgraph(name, ports.get(name)!, db.url, env));
}

/** Sends the probe every `intervalMs` until stopped (bounded to 60 s and 1500 requests). */
function steadyLoad(intervalMs = 40) {
  const probes: Probe[] = [];
  let stopping = false;
  const started = Date.now();
  const body = JSON.stringify({ ...JSON.parse(PROBE), variables: { u: uscc, t: taskId } });
  const done = (async () => {
    while (!stopping && probes.length < 1500 && Date.now() - started < 60_000) {
      const at = Date.now();
      const res = await send(gw.url, {
        headers: { 'content-type': 'application/json', authorization: `Bearer ${planner}` },
        body,
        timeoutMs: 10_000,
      }).catch(() => ({ status: 0, json: undefined }));
      probes.push({
        at,
        status: res.status,
        registryOk: res.json?.data?.enterprise?.uscc === uscc,
        jointTasksOk: res.json?.data?.jointTask?.id === taskId,
        services: (res.json?.errors ?? []).map(
          (e: { extensions?: { serviceName?: string } }) => e.extensions?.serviceName,
        ),
      });
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    probes,
    stop: async () => {
      stopping = true;
      await done;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const timings: string[] = [];

beforeAll(async () => {
  db = await cloneTestDatabase();
  for (const name of ['registry', 'joint-tasks']) ports.set(name, await closedPort());
  await Promise.all(['registry', 'joint-tasks'].map(start));
  gw = await startGatewayFor(
    null,
    { GATEWAY_RATE_LIMIT: '0' },
    {
      urls: Object.fromEntries([...procs].map(([name, p]) => [name, p.url])),
    },
  );
  planner = await token('market', ['planner'], 'fault-planner');
  [{ uscc }] = await sql<{ uscc: string }>(
    db.url,
    'SELECT uscc FROM registry.enterprise ORDER BY uscc LIMIT 1',
  );
  const created = await gw.query(
    `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`,
    {
      i: {
        title: '故障测试',
        leadDepartment: 'market',
        ...futureWindow(),
        departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize: 3 }],
      },
    },
    { token: planner },
  );
  expect(created.errors).toBeUndefined();
  taskId = created.data.createJointTask.id;
}, 120_000);

afterAll(async () => {
  console.log(
    ['Fault test timings (subgraph processes killed with SIGKILL under load):', ...timings].join(
      '\n',
    ),
  );
  await gw?.stop();
  for (const p of procs.values()) await p.kill();
  await db?.drop();
});

describe('a subgraph process that dies under load and comes back', () => {
  it.each([
    ['joint-tasks', 'registryOk'],
    ['registry', 'jointTasksOk'],
  ] as const)(
    '(%s) costs only its own fields while it is down, and is picked up again when it returns',
    async (victim, kept) => {
      const lost = kept === 'registryOk' ? 'jointTasksOk' : 'registryOk';
      const load = steadyLoad();
      await sleep(600);
      const killedAt = Date.now();
      await procs.get(victim)!.kill('SIGKILL');
      await sleep(1000);
      const restartAt = Date.now();
      await start(victim);
      const readyAt = Date.now();
      // Wait for ten full answers in a row after the restart (at most 15 s).
      while (Date.now() - readyAt < 15_000) {
        const tail = load.probes.slice(-10);
        if (
          tail.length === 10 &&
          tail[0].at >= readyAt &&
          tail.every((p) => p.registryOk && p.jointTasksOk)
        )
          break;
        await sleep(50);
      }
      await load.stop();
      const { probes } = load;

      // The gateway answered every request, and the other subgraph's field every time.
      expect(probes.filter((p) => p.status !== 200)).toEqual([]);
      expect(probes.filter((p) => !p[kept])).toEqual([]);
      // While the victim was down (a new process takes seconds to listen) its field failed, naming it and nothing else.
      const down = probes.filter((p) => p.at > killedAt + 100 && p.at < restartAt + 1000);
      expect(down.length).toBeGreaterThanOrEqual(3);
      for (const p of down) expect([p[lost], p.services]).toEqual([false, [victim]]);
      // Once it was back, everything answered again.
      const firstFull = probes.find((p) => p.at >= readyAt && p.registryOk && p.jointTasksOk);
      expect(firstFull).toBeDefined();
      expect(probes.slice(-10).every((p) => p.registryOk && p.jointTasksOk)).toBe(true);

      const firstError = probes.find((p) => p.at >= killedAt && !p[lost]);
      timings.push(
        `  ${victim.padEnd(11)} ${probes.length} requests over ${probes[probes.length - 1].at - probes[0].at} ms, all HTTP 200, ${probes.filter((p) => !p[lost]).length} with its fields missing; ` +
          `first error ${firstError!.at - killedAt} ms after the kill; process restart ${readyAt - restartAt} ms; first full answer ${firstFull!.at - readyAt} ms after it was ready`,
      );
    },
  );

  it('has counted the failed calls per subgraph, and the subgraphs reach each other again (a task can be composed)', async () => {
    const metrics = await scrape(gw.url);
    expect(
      sample(metrics, 'jih_gateway_subgraph_requests_total', {
        subgraph: 'joint-tasks',
        outcome: 'unreachable',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(metrics, 'jih_gateway_subgraph_requests_total', {
        subgraph: 'registry',
        outcome: 'unreachable',
      }),
    ).toBeGreaterThan(0);
    const created = await gw.query(
      `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`,
      {
        i: {
          title: '恢复后',
          leadDepartment: 'market',
          ...futureWindow(),
          departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize: 3 }],
        },
      },
      { token: planner },
    );
    expect(created.errors).toBeUndefined();
    const health = await send(gw.url.replace(/\/graphql$/, '/health'), {
      method: 'GET',
      headers: {},
    });
    expect(health.json.subgraphs).toMatchObject({ registry: 'up', 'joint-tasks': 'up' });
  });
});
