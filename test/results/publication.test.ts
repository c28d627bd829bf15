import { randomUUID } from 'node:crypto';
import { startFederation, token, type TestFederation } from '../support/federation';
import {
  PUBLISH,
  RECORD,
  REVIEW,
  codeOf,
  createAndDraw,
  ok,
  record,
  resultInput,
  staffedVisits,
  supervisorToken,
  teamOf,
  type VisitView,
} from '../support/joint-task-flow';

let fed: TestFederation;
let visit: VisitView;

const PUBLIC = `query($u: ID!) { publicResults(uscc: $u) { id uscc department { code nameZh } enterprise { name } checkDate category label labelZh
  checkItems { code } findings version publishedAt } }`;

beforeAll(async () => {
  fed = await startFederation();
  const { visits } = await createAndDraw(fed);
  [visit] = staffedVisits(visits, ['market', 'tax']);
  expect(visit).toBeDefined();
});
afterAll(() => fed?.stop());

describe('recording, review and publication of results', () => {
  it('takes a result from the assigned inspectors through review to publication, and shows it to an anonymous caller', async () => {
    const findings = '未按规定公示年度报告中的股东出资信息，已当场责令于10个工作日内改正';
    const recorded = await record(fed, visit, 'market', {
      category: 'CORRECTION_ORDERED',
      findings,
    });
    expect(recorded).toMatchObject({
      version: 1,
      status: 'RECORDED',
      category: 'CORRECTION_ORDERED',
      labelZh: '发现问题已责令改正',
      label: 'Problem found, correction ordered',
      current: true,
    });
    expect(recorded.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const taxResult = await record(fed, visit, 'tax', { findings: '纳税申报资料齐全' });

    // Nothing is public before publication, not even the findings.
    expect(ok(await fed.query(PUBLIC, { u: visit.uscc })).publicResults).toEqual([]);

    const supervisor = await supervisorToken('market');
    const reviewed = ok(
      await fed.query(REVIEW, { id: recorded.id }, { token: supervisor }),
    ).reviewResult;
    expect(reviewed.status).toBe('REVIEWED');
    const published = ok(
      await fed.query(PUBLISH, { id: recorded.id }, { token: supervisor }),
    ).publishResult;
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt).toEqual(expect.any(String));

    const anonymous = await fed.query(PUBLIC, { u: visit.uscc });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.publicResults).toEqual([
      expect.objectContaining({
        id: recorded.id,
        uscc: visit.uscc,
        department: { code: 'market', nameZh: '市场监督管理局' },
        category: 'CORRECTION_ORDERED',
        labelZh: '发现问题已责令改正',
        checkItems: [{ code: 'MARKET-002' }],
        findings,
        version: 1,
        checkDate: '2026-10-20',
      }),
    ]);
    expect(anonymous.data.publicResults[0].enterprise.name).toEqual(expect.any(String));
    // The unpublished tax result stays out of public view.
    expect(JSON.stringify(anonymous.data)).not.toContain(taxResult.id);
    expect(JSON.stringify(anonymous.data)).not.toContain('纳税申报资料齐全');
  });

  it('gives the public no inspector personal data: PublicResult has no such field to ask for', async () => {
    for (const hidden of [
      'inspectorsPresent { id }',
      'recordedBy',
      'reviewedBy',
      'publishedBy',
      'acknowledgement { representativeName }',
      'evidence',
      'auditTrail { actor }',
    ]) {
      const res = await fed.query(`query($u: ID!) { publicResults(uscc: $u) { id ${hidden} } }`, {
        u: visit.uscc,
      });
      expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const bad = await fed.query(`{ publicResults(uscc: "not-a-uscc") { id } }`);
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('lets every department read every result of the visit (mutual recognition), but not the public', async () => {
    const q = `query($v: ID!, $u: ID!) {
      visit(id: $v) { results { departmentCode category findings inspectorsPresent { id } } checkDate resultDeadlines { departmentCode recorded status } }
      enterprise(uscc: $u) { checkResults { departmentCode } } }`;
    const health = ok(
      await fed.query(
        q,
        { v: visit.id, u: visit.uscc },
        { token: await token('health', ['planner']) },
      ),
    );
    expect(
      health.visit.results.map((r: { departmentCode: string }) => r.departmentCode).sort(),
    ).toEqual(['market', 'tax']);
    expect(
      health.visit.results.find((r: { departmentCode: string }) => r.departmentCode === 'market')
        .inspectorsPresent,
    ).toHaveLength(2);
    expect(health.visit.checkDate).toBe('2026-10-20');
    expect(
      health.visit.resultDeadlines.map((d: { departmentCode: string }) => d.departmentCode).sort(),
    ).toEqual([...visit.departments].sort());
    expect(
      health.enterprise.checkResults
        .map((r: { departmentCode: string }) => r.departmentCode)
        .sort(),
    ).toEqual(['market', 'tax']);

    const anonymous = await fed.query(`query($v: ID!) { visit(id: $v) { id } }`, { v: visit.id });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('refuses the same flow by the wrong department: recording, reviewing and publishing are FORBIDDEN', async () => {
    const [other] = staffedVisits((await createAndDraw(fed)).visits, ['market']);
    // An ecology inspector (even with a market team member's id), a market inspector who is not on the team,
    // and a market supervisor (not an inspector): all FORBIDDEN, and nothing is stored.
    for (const caller of [
      await token('ecology', ['inspector'], teamOf(other, 'market').inspectorIds[0]),
      await token('market', ['inspector'], randomUUID()),
      await token('market', ['supervisor'], teamOf(other, 'market').inspectorIds[0]),
    ]) {
      const res = await fed.query(RECORD, { i: resultInput(other, 'market') }, { token: caller });
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
    const stored = ok(
      await fed.query(
        `query($v: ID!) { visit(id: $v) { results { id } } }`,
        { v: other.id },
        { token: await supervisorToken('market') },
      ),
    );
    expect(stored.visit.results).toEqual([]);
    const recorded = await record(fed, other, 'market');
    for (const m of [REVIEW, PUBLISH]) {
      const res = await fed.query(m, { id: recorded.id }, { token: await supervisorToken('tax') });
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
  });

  it('keeps the order: a result is reviewed before it is published, by someone other than its recorder', async () => {
    const [v] = staffedVisits((await createAndDraw(fed)).visits, ['market']);
    const recorded = await record(fed, v, 'market');
    const early = await fed.query(
      PUBLISH,
      { id: recorded.id },
      { token: await supervisorToken('market') },
    );
    expect(codeOf(early)).toBe('CONFLICT');
    expect(early.errors?.[0].message).toMatch(/only a REVIEWED result can be published/);
    const self = await fed.query(
      REVIEW,
      { id: recorded.id },
      {
        token: await token(
          'market',
          ['inspector', 'supervisor'],
          teamOf(v, 'market').inspectorIds[0],
        ),
      },
    );
    expect(codeOf(self)).toBe('FORBIDDEN');
    const supervisor = await supervisorToken('market');
    ok(await fed.query(REVIEW, { id: recorded.id }, { token: supervisor }));
    // Asking again for a state already reached is harmless.
    expect(
      ok(await fed.query(REVIEW, { id: recorded.id }, { token: supervisor })).reviewResult.status,
    ).toBe('REVIEWED');
    ok(await fed.query(PUBLISH, { id: recorded.id }, { token: supervisor }));
    expect(
      ok(await fed.query(PUBLISH, { id: recorded.id }, { token: supervisor })).publishResult.status,
    ).toBe('PUBLISHED');
    const unknown = await fed.query(PUBLISH, { id: randomUUID() }, { token: supervisor });
    expect(codeOf(unknown)).toBe('NOT_FOUND');
  });
});
