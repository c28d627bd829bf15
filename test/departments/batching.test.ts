import { startFederation, token, type TestFederation } from '../support/federation';

/**
 * One query through the gateway returns enterprises with all six departments' profiles, and what it
 * costs does not grow with the number of enterprises: the same fetches per subgraph and the same SQL
 * statements per subgraph for 20 enterprises as for 200.
 */

let fed: TestFederation;
beforeAll(async () => {
  fed = await startFederation();
});
afterAll(() => fed?.stop());

const DEPARTMENTS = ['market', 'tax', 'health', 'emergency', 'fire', 'ecology'];

const QUERY = `query AllProfiles($n: Int!) {
  enterprises(first: $n) {
    nodes {
      uscc name
      market { creditRiskRating { year level riskClass } creditRiskRatingHistory { year level } risk { riskClass basis } listings { kind current } cases { id status } }
      tax { creditRating { level } creditRatingHistory { year } keyTaxpayer risk { riskClass } followUps { id overdue } }
      health { hygieneGrade { level } licences { kind number status } risk { riskClass } followUps { id } }
      emergency { safetyCredit { level } risk { riskClass } rectificationOrders { id deadline overdue } }
      fire { safetyAssessment { level } keyUnit crowdedPlace risk { riskClass } rectificationOrders { id } }
      ecology { environmentalCredit { level riskClass } dischargePermits { number kind status } risk { riskClass } followUps { id } }
    }
  }
}`;

/** What one run of the query cost each subgraph: requests answered and SQL statements sent. */
async function cost(n: number, authorization: string) {
  const requestsBefore = await fed.requests();
  const statementsBefore = fed.statements();
  const res = await fed.query(QUERY, { n }, { token: authorization });
  expect(res.errors).toBeUndefined();
  expect(res.data.enterprises.nodes).toHaveLength(n);
  const requestsAfter = await fed.requests();
  const statementsAfter = fed.statements();
  const per = (after: Record<string, number>, before: Record<string, number>) =>
    Object.fromEntries(['registry', ...DEPARTMENTS].map((s) => [s, after[s] - before[s]]));
  return {
    nodes: res.data.enterprises.nodes,
    requests: per(requestsAfter, requestsBefore),
    statements: per(statementsAfter, statementsBefore),
  };
}

describe('all six department profiles of many enterprises in one query', () => {
  it('cost a constant number of fetches and SQL statements per subgraph (20 vs 200 enterprises)', async () => {
    const authorization = await token('market', ['supervisor']);
    const small = await cost(20, authorization);
    const large = await cost(200, authorization);
    console.log(
      `per subgraph for 20 and 200 enterprises:\n  requests   ${JSON.stringify(small.requests)}\n             ${JSON.stringify(large.requests)}\n  statements ${JSON.stringify(small.statements)}\n             ${JSON.stringify(large.statements)}`,
    );
    expect(large.requests).toEqual(small.requests);
    expect(large.statements).toEqual(small.statements);
    for (const d of DEPARTMENTS) {
      expect(large.requests[d]).toBe(1);
      expect(large.statements[d]).toBeLessThanOrEqual(5);
    }
    expect(large.requests.registry).toBe(1);
  });

  it('returns every profile for every enterprise, with data from each department', async () => {
    const { nodes } = await cost(200, await token('tax', ['inspector']));
    for (const d of DEPARTMENTS)
      expect(nodes.every((e: Record<string, unknown>) => e[d] && typeof e[d] === 'object')).toBe(
        true,
      );
    // Every enterprise is rated by market regulation; the others rate those they supervise.
    expect(
      nodes.every((e: { market: { creditRiskRating: unknown } }) => e.market.creditRiskRating),
    ).toBe(true);
    expect(
      nodes.filter((e: { tax: { creditRating: unknown } }) => e.tax.creditRating).length,
    ).toBeGreaterThan(100);
    expect(
      nodes.some((e: { health: { licences: unknown[] } }) => e.health.licences.length > 0),
    ).toBe(true);
    expect(nodes.some((e: { fire: { crowdedPlace: boolean } }) => e.fire.crowdedPlace)).toBe(true);
    expect(
      nodes.some(
        (e: { ecology: { dischargePermits: unknown[] } }) => e.ecology.dischargePermits.length > 0,
      ),
    ).toBe(true);
    expect(
      nodes.some((e: { market: { listings: unknown[] } }) => e.market.listings.length > 0),
    ).toBe(true);
  });
});
