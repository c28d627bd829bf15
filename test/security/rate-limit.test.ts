import { startFederation, token, type TestFederation } from '../support/federation';
import { startGatewayFor, type ExtraGateway } from '../support/gateway';
import { send } from '../support/http';

/*
 * Per-caller rate limiting at the gateway: a verified token's subject, else the client's IP address
 * (X-Forwarded-For counts only behind GATEWAY_TRUST_PROXY proxies). Over the limit: HTTP 429,
 * TOO_MANY_REQUESTS, Retry-After.
 */

let fed: TestFederation;
let gw: ExtraGateway;
const QUERY = JSON.stringify({ query: '{ departments { code } }' });

/** One request as `who` (a token, or none) from the client address `ip`. */
const call = (ip: string, authorization?: string, body = QUERY) =>
  send(gw.url, {
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': ip,
      ...(authorization ? { authorization } : {}),
    },
    body,
  });

beforeAll(async () => {
  fed = await startFederation({ only: ['registry'] });
  gw = await startGatewayFor(fed, {
    GATEWAY_RATE_LIMIT: '5',
    GATEWAY_RATE_LIMIT_WINDOW_SECONDS: '60',
    GATEWAY_TRUST_PROXY: '1',
  });
});
afterAll(async () => {
  await gw?.stop();
  await fed?.stop();
});

describe('rate limiting per caller', () => {
  it('answers a token holder 5 times a minute, then HTTP 429 TOO_MANY_REQUESTS with Retry-After, while another subject keeps its own budget', async () => {
    const alice = `Bearer ${await token('market', ['planner'], 'alice')}`;
    const bob = `Bearer ${await token('market', ['planner'], 'bob')}`;
    for (let i = 0; i < 5; i++) {
      const ok = await call('10.0.0.1', alice);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(4 - i));
    }
    const refused = await call('10.0.0.2', alice); // another address does not help: the subject is the key
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Rate limit of 5 operations per 60 s/),
        extensions: expect.objectContaining({ code: 'TOO_MANY_REQUESTS' }),
      }),
    ]);
    expect((await call('10.0.0.1', bob)).status).toBe(200);
  });

  it('limits the public by IP address, and counts refused tokens against the address they come from', async () => {
    for (let i = 0; i < 5; i++) expect((await call('10.0.1.1')).status).toBe(200);
    expect((await call('10.0.1.1')).status).toBe(429);
    expect((await call('10.0.1.1', 'Bearer not.a.token')).status).toBe(429);
    expect((await call('10.0.1.2')).status).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await call('10.0.1.3', 'Bearer not.a.token')).status).toBe(401);
    expect((await call('10.0.1.3')).status).toBe(429);
  });

  it('counts each operation of a batch', async () => {
    const batch = (n: number) =>
      JSON.stringify(Array.from({ length: n }, () => ({ query: '{ departments { code } }' })));
    expect((await call('10.0.2.1', undefined, batch(5))).status).toBe(200);
    expect((await call('10.0.2.1')).status).toBe(429);
    expect((await call('10.0.2.2', undefined, batch(4))).status).toBe(200);
    expect((await call('10.0.2.2', undefined, batch(2))).status).toBe(429);
  });

  it('never limits /metrics, where it counts its refusals', async () => {
    const base = gw.url.replace(/\/graphql$/, '');
    for (let i = 0; i < 10; i++)
      expect(
        (
          await send(`${base}/metrics`, {
            method: 'GET',
            headers: { 'x-forwarded-for': '10.0.1.1' },
          })
        ).status,
      ).toBe(200);
    const metrics = await send(`${base}/metrics`, {
      method: 'GET',
      headers: { 'x-forwarded-for': '10.0.1.1' },
    });
    expect(metrics.text).toMatch(
      /jih_gateway_rejected_requests_total\{reason="rate_limit",service="gateway"\} [1-9]/,
    );
  });
});
