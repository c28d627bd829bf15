import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEV_JWT_SECRET } from '@jih/kit';
import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';
import { postGraphQL, send } from '../support/http';

/*
 * Who is calling: a JWT verified by the gateway and again by every subgraph it is forwarded to.
 * The gateway adds no identity of its own to a subgraph request; it forwards the caller's bearer
 * token unchanged, and the subgraph trusts only what that token's signature proves. So a request
 * that reaches a subgraph around the gateway gets no more than its own token gives.
 */

const PLAN = `mutation($i: CreateAnnualPlanInput!) { createAnnualPlan(input: $i) { id } }`;
const plan = (title: string) => ({
  i: { year: 2026, kind: 'DEPARTMENT', department: 'market', title },
});
const hs256 = (claims: Record<string, unknown>, secret: string, exp: number | string = '1h') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('auth-test')
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));
const pastSeconds = () => Math.floor(Date.now() / 1000) - 60;

/** Who the joint-tasks subgraph recorded as the author of a plan: the subject of the token it verified. */
async function createdBy(fed: TestFederation, planId: string): Promise<string> {
  const [row] = await sql<{ created_by: string }>(
    fed.databaseUrl,
    'SELECT created_by FROM joint_tasks.annual_plan WHERE id = $1',
    [planId],
  );
  return row.created_by;
}

/** Expects a whole-request refusal: HTTP 401, UNAUTHENTICATED, no data. */
function expectRefused(res: { status: number; json?: any }, message: RegExp = /./) {
  expect(res.status).toBe(401);
  expect(res.json.errors).toEqual([
    expect.objectContaining({
      message: expect.stringMatching(message),
      extensions: { code: 'UNAUTHENTICATED' },
    }),
  ]);
  expect(res.json.data).toBeUndefined();
}

describe('authentication with HS256 (the development and test configuration)', () => {
  let fed: TestFederation;
  beforeAll(async () => {
    fed = await startFederation();
  });
  afterAll(() => fed?.stop());

  const endpoints = () => [
    ['the gateway', fed.gatewayUrl],
    ...[...fed.subgraphs].map(([name, s]) => [`the ${name} subgraph`, s.url]),
  ];
  const call = (url: string, authorization?: string) =>
    send(url, {
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('accepts a valid token at the gateway and forwards it, so the subgraph acts as the caller', async () => {
    const planner = await token('market', ['planner'], 'planner-7');
    const res = await fed.query(PLAN, plan('经网关转发的令牌'), { token: planner });
    expect(res.errors).toBeUndefined();
    expect(await createdBy(fed, res.data.createAnnualPlan.id)).toBe('planner-7');
  });

  it('refuses an expired token with HTTP 401 UNAUTHENTICATED, at the gateway and directly at every subgraph', async () => {
    const expired = await hs256(
      { department: 'market', roles: ['admin'] },
      DEV_JWT_SECRET,
      pastSeconds(),
    );
    for (const [, url] of endpoints())
      expectRefused(await call(url, `Bearer ${expired}`), /expired/);
  });

  it('refuses a token signed with another secret, an unsigned one, a malformed one and one with unknown roles, everywhere', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'x', department: 'market', roles: ['admin'], exp: 4102444800 }),
    ).toString('base64url');
    const bad = [
      `Bearer ${await hs256({ department: 'market', roles: ['admin'] }, 'another-secret-that-is-long-enough-to-use!')}`,
      `Bearer ${header}.${payload}.`,
      'Bearer not.a.jwt',
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${await hs256({ department: 'market', roles: ['root'] }, DEV_JWT_SECRET)}`,
    ];
    for (const [, url] of endpoints())
      for (const authorization of bad) expectRefused(await call(url, authorization));
  });

  it('never treats a bad token as the public: even a public query is refused', async () => {
    const res = await send(fed.gatewayUrl, {
      headers: { 'content-type': 'application/json', authorization: 'Bearer x.y.z' },
      body: JSON.stringify({ query: '{ departments { code } }' }),
    });
    expectRefused(res);
  });

  it('grants nothing to identity headers a caller makes up on a request straight to a subgraph', async () => {
    const registry = fed.subgraphs.get('registry')!.url;
    const res = await postGraphQL(
      registry,
      `mutation { addListing(input: { kind: ABNORMAL_OPERATION, uscc: "91350100M000100Y43", departmentCode: "market", reason: "伪造身份", listedOn: "2026-01-05" }) { id } }`,
      undefined,
      {
        headers: {
          'x-user-department': 'market',
          'x-roles': 'admin',
          'x-forwarded-user': 'admin',
          cookie: 'role=admin',
        },
      },
    );
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a field that needs a signed-in caller with an error beside the data, not by failing the whole request', async () => {
    const [{ uscc }] = (await fed.query(`{ enterprises(first: 1) { nodes { uscc } } }`)).data
      .enterprises.nodes;
    const res = await fed.query(
      `query($u: ID!) { departments { code } enterprise(uscc: $u) { name jointVisits { id } } }`,
      { u: uscc },
    );
    expect(res.status).toBe(200);
    expect(res.errors).toEqual([
      expect.objectContaining({
        path: ['enterprise', 'jointVisits'],
        extensions: { code: 'UNAUTHENTICATED', serviceName: 'joint-tasks' },
      }),
    ]);
    expect(res.data.departments).toHaveLength(24);
  });
});

describe('authentication with RS256 through a JWKS endpoint (the production configuration)', () => {
  let fed: TestFederation;
  let jwks: http.Server;
  let jwksRequests = 0;
  let privateKey: KeyLike;
  let strangerKey: KeyLike;
  const kid = 'test-key-1';
  const issuer = 'https://idp.test.example';
  const audience = 'joint-inspection-hub';
  const saved: Record<string, string | undefined> = {};
  const rs256 = (
    claims: Record<string, unknown>,
    opts: { key?: KeyLike; iss?: string; aud?: string; exp?: number | string; kid?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? kid })
      .setSubject('rs-planner')
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? audience)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '1h')
      .sign(opts.key ?? privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      jwksRequests++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
    const env = {
      JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`,
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: audience,
    };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    fed = await startFederation();
  });
  afterAll(async () => {
    await fed?.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await new Promise<void>((r) => jwks.close(() => r()));
  });

  it('accepts an RS256 token whose key the JWKS publishes, at the gateway and at a subgraph directly', async () => {
    const t = await rs256({ department: 'market', roles: ['planner'] });
    const viaGateway = await fed.query(PLAN, plan('RS256 经网关'), { token: t });
    expect(viaGateway.errors).toBeUndefined();
    expect(await createdBy(fed, viaGateway.data.createAnnualPlan.id)).toBe('rs-planner');
    const direct = await postGraphQL(
      fed.subgraphs.get('joint-tasks')!.url,
      PLAN,
      plan('RS256 直连子图'),
      { token: t },
    );
    expect(direct.errors).toBeUndefined();
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('refuses an HS256 token signed with the development secret: no algorithm confusion', async () => {
    const t = await hs256({ department: 'market', roles: ['admin'] }, DEV_JWT_SECRET);
    for (const url of [fed.gatewayUrl, fed.subgraphs.get('registry')!.url]) {
      expectRefused(
        await send(url, {
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        }),
      );
    }
  });

  it('refuses RS256 tokens signed by a key outside the JWKS, expired, of another issuer or for another audience', async () => {
    const claims = { department: 'market', roles: ['planner'] };
    const bad = [
      await rs256(claims, { key: strangerKey }),
      await rs256(claims, { key: strangerKey, kid: 'unknown-key' }),
      await rs256(claims, { exp: pastSeconds() }),
      await rs256(claims, { iss: 'https://evil.example' }),
      await rs256(claims, { aud: 'another-service' }),
    ];
    for (const t of bad) {
      for (const url of [fed.gatewayUrl, fed.subgraphs.get('joint-tasks')!.url]) {
        expectRefused(
          await send(url, {
            headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
            body: JSON.stringify({ query: '{ __typename }' }),
          }),
        );
      }
    }
  });
});
