import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFederation, token, type TestFederation } from '../support/federation';
import { startGatewayFor } from '../support/gateway';
import { send } from '../support/http';

/*
 * Hard limits at the gateway: what one operation may cost, checked before any subgraph is asked.
 * Defaults are in gateway/src/config.ts; each is an environment variable.
 */

let fed: TestFederation;
let uscc: string;
let planner: string;

/** `enterprise(uscc) { jointVisits { enterprise { … uscc } } }`, `levels` fields deep in all. */
function deep(levels: number): string {
  let q = 'uscc';
  for (let level = levels - 1; level >= 2; level--)
    q = level % 2 === 0 ? `jointVisits { ${q} }` : `enterprise { ${q} }`;
  return `query($u: ID!) { enterprise(uscc: $u) { ${q} } }`;
}
const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  send(url, {
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const codes = (json: any) =>
  (json?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);

beforeAll(async () => {
  fed = await startFederation();
  uscc = (await fed.query(`{ enterprises(first: 1) { nodes { uscc } } }`)).data.enterprises.nodes[0]
    .uscc;
  planner = await token('market', ['planner'], 'limits-planner');
});
afterAll(() => fed?.stop());

describe('limits at the gateway, with the defaults', () => {
  it('answers a query 12 fields deep and refuses one 13 deep with GRAPHQL_VALIDATION_FAILED (HTTP 400)', async () => {
    const ok = await fed.query(deep(12), { u: uscc }, { token: planner });
    expect(ok.errors).toBeUndefined();
    const tooDeep = await post(
      fed.gatewayUrl,
      { query: deep(13), variables: { u: uscc } },
      { authorization: `Bearer ${planner}` },
    );
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.json.errors[0]).toMatchObject({
      message: expect.stringMatching(/depth limit of 12/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('refuses more than 15 aliases and more than 20 directives', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: departments { code }`).join(' ')} }`;
    expect((await fed.query(aliases(15))).errors).toBeUndefined();
    const tooMany = await post(fed.gatewayUrl, { query: aliases(16) });
    expect([tooMany.status, codes(tooMany.json)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
    expect(tooMany.json.errors[0].message).toMatch(/Aliases limit of 15/);

    const directives = (n: number) =>
      `{ departments { ${Array.from({ length: n }, () => 'code @include(if: true)').join(' ')} } }`;
    expect((await fed.query(directives(20))).errors).toBeUndefined();
    const tooManyDirectives = await post(fed.gatewayUrl, { query: directives(21) });
    expect([tooManyDirectives.status, codes(tooManyDirectives.json)]).toEqual([
      400,
      ['GRAPHQL_VALIDATION_FAILED'],
    ]);
  });

  it('stops parsing past 2000 tokens (GRAPHQL_PARSE_FAILED) and refuses a document over 15000 characters before parsing', async () => {
    const tokens = await post(fed.gatewayUrl, {
      query: `{ departments { ${'code '.repeat(2100)}} }`,
    });
    expect([tokens.status, codes(tokens.json)]).toEqual([400, ['GRAPHQL_PARSE_FAILED']]);
    expect(tokens.json.errors[0].message).toMatch(/2000 tokens/);
    const chars = await post(fed.gatewayUrl, {
      query: `# ${'x'.repeat(15_000)}\n{ departments { code } }`,
    });
    expect([chars.status, codes(chars.json)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
  });

  it('refuses an operation whose static cost exceeds 50000, and answers a full page of 500 enterprises with their visits', async () => {
    const page = `enterprises(first: 500) { nodes { uscc name division { code name } supervisionTags { departmentCode riskClass } listings { kind listedOn } jointVisits { id teams { status inspectors { id name } } } } }`;
    const ordinary = await fed.query(`{ ${page} }`, undefined, { token: planner });
    expect(ordinary.errors).toBeUndefined();
    const costly = await post(
      fed.gatewayUrl,
      { query: `{ ${Array.from({ length: 2 }, (_, i) => `e${i}: ${page}`).join(' ')} }` },
      { authorization: `Bearer ${planner}` },
    );
    expect([costly.status, codes(costly.json)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
    expect(costly.json.errors[0].message).toMatch(/^Query Cost limit of 50000 exceeded, found \d+/);
  });

  it('counts a recomputed draw verification as expensive: one per operation, a second is GRAPHQL_VALIDATION_FAILED before any subgraph is asked', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const two = await post(
      fed.gatewayUrl,
      {
        query: `{ a: verifyDraw(id: "${id}", recompute: true) { reproduces } b: verifyDraw(id: "${id}", recompute: true) { reproduces } }`,
      },
      { authorization: `Bearer ${planner}` },
    );
    expect([two.status, codes(two.json)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
    expect(two.json.errors[0].message).toMatch(/at most 1 draw verification/);
    const stored = await post(fed.gatewayUrl, {
      query: `{ a: verifyDraw(id: "${id}") { reproduces } b: verifyDraw(id: "${id}", recompute: false) { reproduces } }`,
    });
    expect(codes(stored.json)).toContain('NOT_FOUND');
    expect(codes(stored.json)).not.toContain('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses any string over 5000 characters in the variables or the document (BAD_USER_INPUT, HTTP 400)', async () => {
    const variable = await post(fed.gatewayUrl, {
      query: 'query($c: ID!) { department(code: $c) { name } }',
      variables: { c: 'x'.repeat(5001) },
    });
    expect([variable.status, codes(variable.json)]).toEqual([400, ['BAD_USER_INPUT']]);
    const nested = await post(fed.gatewayUrl, {
      query: 'query($f: EnterpriseFilter) { enterprises(first: 1, filter: $f) { nodes { uscc } } }',
      variables: { f: { industries: ['F', 'x'.repeat(5001)] } },
    });
    expect([nested.status, codes(nested.json)]).toEqual([400, ['BAD_USER_INPUT']]);
  });

  it('refuses a body over 100 kB with HTTP 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(fed.gatewayUrl, {
      query: 'query($p: String) { departments { code } }',
      variables: { p: 'x'.repeat(120_000) },
    });
    expect([res.status, codes(res.json)]).toEqual([413, ['PAYLOAD_TOO_LARGE']]);
  });

  it('answers a batch of up to 5 operations, each on its own, and refuses a batch of 6 whole', async () => {
    const five = await post(
      fed.gatewayUrl,
      Array.from({ length: 5 }, (_, i) => ({
        query: `{ departments { code } }`,
        operationName: null,
        extensions: { i },
      })),
    );
    expect(five.status).toBe(200);
    expect(five.json).toHaveLength(5);
    for (const r of five.json) expect(r.data.departments).toHaveLength(24);
    const six = await post(
      fed.gatewayUrl,
      Array.from({ length: 6 }, () => ({ query: `{ departments { code } }` })),
    );
    expect([six.status, codes(six.json)]).toEqual([400, ['BAD_REQUEST']]);
    expect(six.json.errors[0].message).toMatch(/at most 5 operations/);
  });

  it('keeps introspection closed and field suggestions out of messages outside development', async () => {
    const introspection = await post(fed.gatewayUrl, {
      query: '{ __schema { queryType { name } } }',
    });
    expect([introspection.status, codes(introspection.json)]).toEqual([
      400,
      ['GRAPHQL_VALIDATION_FAILED'],
    ]);
    const typo = await post(fed.gatewayUrl, { query: '{ departmnts { code } }' });
    expect(typo.json.errors[0].message).toBe('Cannot query field "departmnts" on type "Query".');
    const enumTypo = await post(fed.gatewayUrl, {
      query:
        'query($s: RegistrationStatus) { enterprises(first: 1, filter: { status: $s }) { nodes { uscc } } }',
      variables: { s: 'ACTIV' },
    });
    expect(enumTypo.text).not.toMatch(/Did you mean|ACTIVE/);
  });
});

describe('limits configured through the environment', () => {
  it('applies GATEWAY_MAX_DEPTH, GATEWAY_MAX_ALIASES, GATEWAY_MAX_COST, GATEWAY_MAX_BATCH=1 and GATEWAY_BODY_LIMIT', async () => {
    const gw = await startGatewayFor(fed, {
      GATEWAY_MAX_DEPTH: '4',
      GATEWAY_MAX_ALIASES: '1',
      GATEWAY_MAX_COST: '50',
      GATEWAY_MAX_BATCH: '1',
      GATEWAY_BODY_LIMIT: '2kb',
    });
    try {
      expect((await gw.query(deep(4), { u: uscc }, { token: planner })).errors).toBeUndefined();
      expect(
        (await gw.query(deep(5), { u: uscc }, { token: planner })).errors?.[0].message,
      ).toMatch(/depth limit of 4/);
      expect(
        (await gw.query(`{ a: departments { code } b: departments { code } }`)).errors?.[0].message,
      ).toMatch(/Aliases limit of 1/);
      expect(
        (
          await gw.query(
            `{ enterprises(first: 5) { nodes { uscc name address divisionCode industryCode enterpriseType registeredOn division { code name } } } }`,
          )
        ).errors?.[0].message,
      ).toMatch(/Cost limit of 50/);
      const batch = await post(gw.url, [
        { query: '{ departments { code } }' },
        { query: '{ departments { code } }' },
      ]);
      expect([batch.status, batch.json.errors[0].message]).toEqual([
        400,
        expect.stringMatching(/not accepted/),
      ]);
      const body = await post(gw.url, {
        query: 'query($p: String) { departments { code } }',
        variables: { p: 'x'.repeat(3000) },
      });
      expect(body.status).toBe(413);
    } finally {
      await gw.stop();
    }
  });

  it("in production: no introspection, no suggestions, and a subgraph's stack trace never reaches the caller", async () => {
    // A subgraph that leaks a stack trace (run in development by mistake), beside a real registry.
    const leaky = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          data: null,
          errors: [
            {
              message: 'relation "x" does not exist',
              path: ['jointTask'],
              extensions: {
                code: 'INTERNAL_SERVER_ERROR',
                stacktrace: [
                  'QueryFailedError: relation "x"',
                  '    at PostgresQueryRunner.query (/srv/node_modules/typeorm/x.js:1:1)',
                ],
              },
            },
            {
              message: 'Bad id',
              path: ['jointTask'],
              extensions: {
                code: 'BAD_USER_INPUT',
                stacktrace: [
                  'GraphQLError: Bad id',
                  '    at requireUuid (/srv/subgraphs/joint-tasks/src/resolvers/joint-task.resolver.ts:15:9)',
                ],
              },
            },
          ],
        }),
      );
    });
    await new Promise<void>((r) => leaky.listen(0, '127.0.0.1', () => r()));
    const gw = await startGatewayFor(
      fed,
      { NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-more-than-32-characters' },
      {
        urls: {
          'joint-tasks': `http://127.0.0.1:${(leaky.address() as AddressInfo).port}/graphql`,
        },
      },
    );
    try {
      expect(
        codes((await post(gw.url, { query: '{ __type(name: "Query") { name } }' })).json),
      ).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect((await post(gw.url, { query: '{ departmnts { code } }' })).text).not.toMatch(
        /Did you mean|departments/,
      );
      const res = await post(gw.url, {
        query: `{ departments { code } jointTask(id: "00000000-0000-4000-8000-000000000000") { id } }`,
      });
      expect(res.json.data.departments).toHaveLength(24);
      expect(res.json.errors).toEqual([
        {
          message: 'Internal server error',
          path: ['jointTask'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'joint-tasks' },
        },
        {
          message: 'Bad id',
          path: ['jointTask'],
          extensions: { code: 'BAD_USER_INPUT', serviceName: 'joint-tasks' },
        },
      ]);
      expect(res.text).not.toMatch(/stacktrace|node_modules|\.ts:\d+|relation "x"/);
    } finally {
      await gw.stop();
      await new Promise<void>((r) => leaky.close(() => r()));
    }
  });

  it('in development: introspection is open for Apollo Sandbox', async () => {
    const gw = await startGatewayFor(fed, { NODE_ENV: 'development' });
    try {
      const res = await gw.query('{ __schema { queryType { name } } }');
      expect(res.data.__schema.queryType.name).toBe('Query');
    } finally {
      await gw.stop();
    }
  });
});
