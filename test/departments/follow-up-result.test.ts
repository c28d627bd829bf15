import { createAndDraw, ok, record, staffedVisits } from '../support/joint-task-flow';
import { startFederation, token, type TestFederation } from '../support/federation';

let fed: TestFederation;
beforeAll(async () => {
  fed = await startFederation();
});
afterAll(() => fed?.stop());

describe('a department follow-up opened from a check result', () => {
  it('points at the result as a federated CheckResult, resolved by the joint-tasks subgraph', async () => {
    const { visits } = await createAndDraw(fed);
    const [visit] = staffedVisits(visits, ['market']);
    const result = await record(fed, visit, 'market', {
      category: 'CORRECTION_ORDERED',
      findings: '未按规定公示年度报告',
    });
    const resultId = result.id;
    const opened = ok(
      await fed.query(
        `mutation($i: MarketOpenCaseInput!) { marketOpenCase(input: $i) { id checkResult { id category departmentCode } } }`,
        {
          i: {
            uscc: visit.uscc,
            kind: 'INVESTIGATION',
            checkResultId: resultId,
            summary: '立案查处：未按规定公示年度报告',
          },
        },
        { token: await token('market', ['planner']) },
      ),
    );
    expect(opened.marketOpenCase.checkResult).toEqual({
      id: resultId,
      category: 'CORRECTION_ORDERED',
      departmentCode: 'market',
    });
  });
});
