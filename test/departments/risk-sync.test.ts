import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';
import { chinaDay, registryTags, seededUsccs } from './department.contract';

/**
 * The one path from a department's rating to the registry's risk class, under failure: the
 * registry call is made inside the department's local transaction, so a registry that refuses,
 * fails or cannot be reached leaves nothing written locally. Exercised on the tax subgraph; the
 * path is the kit's, shared by every department.
 */

let fed: TestFederation;
let registryUrl: string;
let fake: http.Server;
let fakeUrl: string;
/** How the fake registry answers `tagEnterprise`; lookups are passed to the real registry. */
let tagAnswer: 'pass' | 'unavailable' | 'forbidden' = 'pass';
const seen: { operation: string; authorization?: string; requestId?: string }[] = [];

beforeAll(async () => {
  fed = await startFederation();
  registryUrl = process.env.SUBGRAPH_REGISTRY_URL!;
  fake = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const operation = /(?:query|mutation) (\w+)/.exec(JSON.parse(body).query)?.[1] ?? '';
      seen.push({
        operation,
        authorization: req.headers.authorization,
        requestId: req.headers['x-request-id'] as string | undefined,
      });
      if (operation === 'DepartmentTagEnterprise' && tagAnswer === 'unavailable')
        return res.writeHead(503).end('Service Unavailable');
      if (operation === 'DepartmentTagEnterprise' && tagAnswer === 'forbidden') {
        return res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            errors: [
              {
                message: 'Only planner or supervisor of department "tax" may do this',
                extensions: { code: 'FORBIDDEN' },
              },
            ],
          }),
        );
      }
      const upstream = await fetch(registryUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        },
        body,
      });
      res
        .writeHead(upstream.status, { 'content-type': 'application/json' })
        .end(await upstream.text());
    });
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  process.env.SUBGRAPH_REGISTRY_URL = registryUrl;
  fake?.closeAllConnections();
  await new Promise((r) => fake?.close(r));
  await fed?.stop();
});
afterEach(() => {
  process.env.SUBGRAPH_REGISTRY_URL = registryUrl;
  tagAnswer = 'pass';
  seen.length = 0;
});

const setRating = `mutation($i: TaxSetCreditRatingInput!) { taxSetCreditRating(input: $i) { level riskClass } }`;
const year = Number(chinaDay().slice(0, 4));

async function storedRating(uscc: string): Promise<string | undefined> {
  const rows = await sql<{ level: string }>(
    fed.databaseUrl,
    'SELECT level FROM tax.rating WHERE uscc = $1 AND year = $2',
    [uscc, year],
  );
  return rows[0]?.level;
}

describe('a rating change and the registry tag commit together', () => {
  it("forwards the caller's Authorization header and request id to the registry", async () => {
    process.env.SUBGRAPH_REGISTRY_URL = fakeUrl;
    const [uscc] = await seededUsccs(fed, 'tax');
    const planner = await token('tax', ['planner']);
    const res = await fed.query(
      setRating,
      { i: { uscc, year, level: 'B' } },
      { token: planner, headers: { 'x-request-id': 'risk-sync-test-1' } },
    );
    expect(res.errors).toBeUndefined();
    expect(seen.map((s) => s.operation)).toEqual([
      'DepartmentEnterpriseLookup',
      'DepartmentTagEnterprise',
    ]);
    for (const call of seen)
      expect(call).toMatchObject({
        authorization: `Bearer ${planner}`,
        requestId: 'risk-sync-test-1',
      });
  });

  it('stores nothing when the registry fails the tag (DOWNSTREAM_SERVICE_ERROR), and keeps the previous rating', async () => {
    const [, uscc] = await seededUsccs(fed, 'tax');
    const planner = await token('tax', ['planner']);
    expect(
      (await fed.query(setRating, { i: { uscc, year, level: 'A' } }, { token: planner })).errors,
    ).toBeUndefined();
    process.env.SUBGRAPH_REGISTRY_URL = fakeUrl;
    tagAnswer = 'unavailable';
    const res = await fed.query(setRating, { i: { uscc, year, level: 'D' } }, { token: planner });
    expect(res.errors?.[0].extensions?.code).toBe('DOWNSTREAM_SERVICE_ERROR');
    expect(await storedRating(uscc)).toBe('A');
    expect((await registryTags(fed, uscc, 'tax'))[0].riskClass).toBe('A');
  });

  it("stores nothing when the registry refuses the tag, and passes on the registry's code", async () => {
    const [, , uscc] = await seededUsccs(fed, 'tax');
    process.env.SUBGRAPH_REGISTRY_URL = fakeUrl;
    tagAnswer = 'forbidden';
    const res = await fed.query(
      setRating,
      { i: { uscc, year, level: 'C' } },
      { token: await token('tax', ['planner']) },
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await storedRating(uscc)).toBeUndefined();
  });

  it('stores nothing when the registry cannot be reached', async () => {
    const [, , , uscc] = await seededUsccs(fed, 'tax');
    process.env.SUBGRAPH_REGISTRY_URL = 'http://127.0.0.1:9/graphql';
    const res = await fed.query(
      setRating,
      { i: { uscc, year, level: 'C' } },
      { token: await token('tax', ['planner']) },
    );
    expect(res.errors?.[0].extensions?.code).toBe('DOWNSTREAM_SERVICE_ERROR');
    expect(await storedRating(uscc)).toBeUndefined();
  });
});

describe('resync', () => {
  it("repairs a registry tag that drifted from the department's records, idempotently", async () => {
    const [, , , , uscc] = await seededUsccs(fed, 'tax');
    const planner = await token('tax', ['planner']);
    expect(
      (await fed.query(setRating, { i: { uscc, year, level: 'D' } }, { token: planner })).errors,
    ).toBeUndefined();
    // As if this department's commit had failed after the registry accepted another class.
    const drift = await fed.query(
      `mutation($u: ID!) { tagEnterprise(uscc: $u, department: "tax", riskClass: A, basis: "lost commit") { riskClass } }`,
      { u: uscc },
      { token: planner },
    );
    expect(drift.errors).toBeUndefined();
    const resync = `mutation($u: ID!) { taxResyncRiskClass(uscc: $u) { riskClass basis } }`;
    for (let k = 0; k < 2; k++) {
      const res = await fed.query(resync, { u: uscc }, { token: planner });
      expect(res.errors).toBeUndefined();
      expect(res.data.taxResyncRiskClass).toEqual({
        riskClass: 'D',
        basis: `${year}年度纳税信用等级：D级（tax D）`,
      });
      expect(await registryTags(fed, uscc, 'tax')).toEqual([
        expect.objectContaining({ riskClass: 'D', basis: `${year}年度纳税信用等级：D级（tax D）` }),
      ]);
    }
  });
});
