import { createLogger } from '@jih/kit';
import { startFederation, token, type TestFederation } from '../support/federation';
import { send } from '../support/http';
import { sample, scrape } from '../support/metrics';

/*
 * What an operator sees: one JSON log line per request at the gateway and at every subgraph it
 * reaches, joined by the request id the caller gets back; Prometheus metrics everywhere, with the
 * gateway's calls and errors counted per subgraph. Never a token in a log line.
 */

type Line = Record<string, any>;
let fed: TestFederation;
const lines: Line[] = [];
const sink = {
  write: (msg: string) => {
    lines.push(JSON.parse(msg));
  },
};
const requestLines = (requestId: string) =>
  lines.filter((l) => l.msg === 'request' && l.requestId === requestId);

beforeAll(async () => {
  fed = await startFederation({ logger: (service) => createLogger(service, 'info', sink) });
});
afterAll(() => fed?.stop());

describe('request logs', () => {
  it('log one line per request at the gateway and at each subgraph it calls, under the id the caller gets back, without the token', async () => {
    const planner = await token('market', ['planner'], 'obs-planner');
    const res = await fed.query(
      `query Overview($u: ID!) { departments { code } enterprise(uscc: $u) { name jointVisits { id } } }`,
      {
        u: (await fed.query(`{ enterprises(first: 1) { nodes { uscc } } }`)).data.enterprises
          .nodes[0].uscc,
      },
      { token: planner, headers: { 'x-request-id': 'obs-test-0001' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.headers.get('x-request-id')).toBe('obs-test-0001');
    await new Promise((r) => setTimeout(r, 50)); // 'finish' fires after the body is sent

    const byService = new Map(requestLines('obs-test-0001').map((l) => [l.service, l]));
    expect(byService.get('gateway')).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Overview',
      operationType: 'query',
      callerSub: 'obs-planner',
      callerDepartment: 'market',
      durationMs: expect.any(Number),
    });
    for (const service of ['registry', 'joint-tasks']) {
      expect(byService.get(service)).toMatchObject({
        status: 200,
        operationName: expect.stringMatching(/^Overview__/),
        callerSub: 'obs-planner',
        requestId: 'obs-test-0001',
      });
    }
    expect(JSON.stringify(lines)).not.toContain(planner);
    expect(JSON.stringify(lines)).not.toMatch(/Bearer/);
  });

  it('log refusals before GraphQL too (a bad token, a body too large), with their status and without the token', async () => {
    const bad = await send(fed.gatewayUrl, {
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer forged.token.value',
        'x-request-id': 'obs-test-0002',
      },
      body: '{"query":"{ departments { code } }"}',
    });
    expect(bad.status).toBe(401);
    const big = await send(fed.gatewayUrl, {
      headers: { 'content-type': 'application/json', 'x-request-id': 'obs-test-0003' },
      body: JSON.stringify({ query: 'x'.repeat(200_000) }),
    });
    expect(big.status).toBe(413);
    await new Promise((r) => setTimeout(r, 50));
    expect(requestLines('obs-test-0002')).toEqual([
      expect.objectContaining({ service: 'gateway', status: 401 }),
    ]);
    expect(requestLines('obs-test-0003')).toEqual([
      expect.objectContaining({ service: 'gateway', status: 413 }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('forged.token.value');
  });
});

describe('Prometheus metrics', () => {
  it('count operations, latency and error codes at the gateway and at every subgraph, and the database pool at subgraphs', async () => {
    await fed.query(`query Bad { enterprise(uscc: "bad") { name } }`);
    const gateway = await scrape(fed.gatewayUrl);
    expect(
      sample(gateway, 'jih_graphql_operations_total', {
        operation: 'Bad',
        type: 'query',
        outcome: 'error',
        service: 'gateway',
      }),
    ).toBe(1);
    expect(
      sample(gateway, 'jih_graphql_duration_seconds_count', { type: 'query', service: 'gateway' }),
    ).toBeGreaterThan(0);
    expect(sample(gateway, 'process_cpu_seconds_total', { service: 'gateway' })).toBeGreaterThan(0);
    const registry = await scrape(fed.subgraphs.get('registry')!.url);
    expect(
      sample(registry, 'jih_graphql_errors_total', { code: 'BAD_USER_INPUT', service: 'registry' }),
    ).toBeGreaterThan(0);
    expect(
      sample(registry, 'jih_db_pool_connections', { service: 'registry' }),
    ).toBeGreaterThanOrEqual(0);
    expect(sample(registry, 'jih_db_statements_total', { service: 'registry' })).toBeGreaterThan(0);
    expect(
      sample(
        await scrape(fed.subgraphs.get('joint-tasks')!.url),
        'jih_graphql_duration_seconds_count',
        { service: 'joint-tasks', type: 'query' },
      ),
    ).toBeGreaterThan(0);
  });

  it('count every subgraph call at the gateway by subgraph, outcome and error code', async () => {
    const gateway = await scrape(fed.gatewayUrl);
    expect(
      sample(gateway, 'jih_gateway_subgraph_requests_total', {
        subgraph: 'registry',
        outcome: 'ok',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(gateway, 'jih_gateway_subgraph_requests_total', {
        subgraph: 'registry',
        outcome: 'graphql_errors',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(gateway, 'jih_gateway_subgraph_errors_total', {
        subgraph: 'registry',
        code: 'BAD_USER_INPUT',
      }),
    ).toBeGreaterThan(0);
    expect(
      sample(gateway, 'jih_gateway_subgraph_duration_seconds_count', { subgraph: 'joint-tasks' }),
    ).toBeGreaterThan(0);
  });
});
