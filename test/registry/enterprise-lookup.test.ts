import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';

let fed: TestFederation;
let sampleUsccs: string[];

beforeAll(async () => {
  fed = await startFederation();
  sampleUsccs = (
    await sql<{ uscc: string }>(
      fed.databaseUrl,
      'SELECT uscc FROM registry.enterprise ORDER BY uscc LIMIT 500',
    )
  ).map((r) => r.uscc);
});
afterAll(() => fed?.stop());

describe('the shared enterprise registry through the gateway', () => {
  it('answers the newcomer query: one seeded enterprise and every department with its Chinese name', async () => {
    const res = await fed.query(
      `query($u: ID!) { enterprise(uscc: $u) { uscc name } departments { code nameZh } }`,
      { u: sampleUsccs[0] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.enterprise).toEqual({ uscc: sampleUsccs[0], name: expect.any(String) });
    expect(res.data.departments).toHaveLength(24);
    expect(res.data.departments.map((d: { code: string }) => d.code)).toEqual(
      expect.arrayContaining(['market', 'tax', 'health', 'emergency', 'fire', 'ecology']),
    );
  });

  it("honours @skip and @include with variables, on the registry's fields and on a department's", async () => {
    const q = `query($u: ID!, $name: Boolean!, $noMarket: Boolean!) { enterprise(uscc: $u) { uscc name @include(if: $name) market @skip(if: $noMarket) { uscc } } }`;
    const without = await fed.query(q, { u: sampleUsccs[0], name: false, noMarket: true });
    expect(without.errors).toBeUndefined();
    expect(without.data).toEqual({ enterprise: { uscc: sampleUsccs[0] } });
    const withBoth = await fed.query(q, { u: sampleUsccs[0], name: true, noMarket: false });
    expect(withBoth.errors).toBeUndefined();
    expect(withBoth.data.enterprise).toEqual({
      uscc: sampleUsccs[0],
      name: expect.any(String),
      market: { uscc: sampleUsccs[0] },
    });
  });

  it('answers aliases named like the members of every JavaScript object as plain fields', async () => {
    const res = await fed.query(
      `query($u: ID!) { enterprise(uscc: $u) { constructor: uscc toString: name valueOf: uscc market { hasOwnProperty: uscc } } }`,
      { u: sampleUsccs[0] },
    );
    expect(res.errors).toBeUndefined();
    const e = res.data.enterprise;
    expect(Object.keys(e)).toEqual(['constructor', 'toString', 'valueOf', 'market']);
    expect([e.constructor, typeof e.toString, e.valueOf, e.market.hasOwnProperty]).toEqual([
      sampleUsccs[0],
      'string',
      sampleUsccs[0],
      sampleUsccs[0],
    ]);
  });

  it('pages through the directory by USCC without overlap and bounds the page size', async () => {
    const first = await fed.query(
      `{ enterprises(first: 3) { nodes { uscc } pageInfo { hasNextPage endCursor } totalCount } }`,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data.enterprises.nodes).toHaveLength(3);
    expect(first.data.enterprises.totalCount).toBeGreaterThanOrEqual(500);
    const next = await fed.query(
      `query($a: String) { enterprises(first: 3, after: $a) { nodes { uscc } } }`,
      { a: first.data.enterprises.pageInfo.endCursor },
    );
    expect(next.data.enterprises.nodes[0].uscc > first.data.enterprises.nodes[2].uscc).toBe(true);
    // As a variable: a literal `first: 100000` is refused earlier, by the gateway's cost limit.
    const tooBig = await fed.query(
      `query($n: Int!) { enterprises(first: $n) { nodes { uscc } } }`,
      { n: 100000 },
    );
    expect(tooBig.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters a directed query by division prefix and department tag', async () => {
    const res = await fed.query(
      `{ enterprises(first: 20, filter: { division: "15", taggedBy: "market" }) { nodes { uscc divisionCode supervisionTags { departmentCode riskClass } } } }`,
    );
    expect(res.errors).toBeUndefined();
    for (const e of res.data.enterprises.nodes) {
      expect(e.divisionCode.startsWith('15')).toBe(true);
      expect(e.supervisionTags.map((t: { departmentCode: string }) => t.departmentCode)).toContain(
        'market',
      );
    }
  });

  it('resolves 500 Enterprise references with a constant number of SQL statements', async () => {
    // _entities is what the gateway sends a subgraph for a batch of references.
    const registry = fed.subgraphs.get('registry')!;
    const run = async (n: number) => {
      const before = fed.statements().registry;
      const res = await fetch(registry.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { uscc name division { name } supervisionTags { riskClass } listings { kind } } } }`,
          variables: {
            r: sampleUsccs.slice(0, n).map((uscc) => ({ __typename: 'Enterprise', uscc })),
          },
        }),
      });
      const body = (await res.json()) as { data: { _entities: unknown[] }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data._entities).toHaveLength(n);
      return fed.statements().registry - before;
    };
    const small = await run(5);
    const large = await run(500);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(5);
  });
});

describe('registering an enterprise', () => {
  const mutation = `mutation($i: RegisterEnterpriseInput!) { registerEnterprise(input: $i) { uscc name } }`;
  const input = (uscc: string) => ({
    uscc,
    name: '五原县测试商贸有限公司',
    address: '五原县隆兴昌镇胜利街1号',
    divisionCode: '150821',
    industryCode: 'F',
    enterpriseType: '有限责任公司',
    registeredOn: '2020-05-01',
  });

  it('refuses a USCC with a wrong check character with BAD_USER_INPUT naming it, and stores nothing', async () => {
    const [{ n: before }] = await sql<{ n: string }>(
      fed.databaseUrl,
      'SELECT count(*) AS n FROM registry.enterprise',
    );
    const admin = await token('market', ['admin']);
    for (const t of [admin, undefined]) {
      const res = await fed.query(mutation, { i: input('91350100M000100Y4A') }, { token: t });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0].message).toMatch(/position 18/);
    }
    const [{ n: after }] = await sql<{ n: string }>(
      fed.databaseUrl,
      'SELECT count(*) AS n FROM registry.enterprise',
    );
    expect(after).toBe(before);
  });

  it('stores a valid enterprise for a market planner and refuses a second registration with CONFLICT', async () => {
    const planner = await token('market', ['planner']);
    const ok = await fed.query(mutation, { i: input('91350100M000100Y43') }, { token: planner });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.registerEnterprise.uscc).toBe('91350100M000100Y43');
    const again = await fed.query(mutation, { i: input('91350100m000100y43') }, { token: planner });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('is forbidden to another department and needs a token', async () => {
    const res = await fed.query(
      mutation,
      { i: input('91350100M000100Y43') },
      { token: await token('tax', ['planner']) },
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await fed.query(mutation, { i: input('91350100M000100Y43') });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
