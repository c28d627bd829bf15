import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';
import {
  CORRECT,
  PUBLISH,
  RECORD,
  REVIEW,
  codeOf,
  correctionInput,
  createAndDraw,
  inspectorToken,
  ok,
  recordAndPublish,
  resultInput,
  staffedVisits,
  supervisorToken,
  type VisitView,
} from '../support/joint-task-flow';

let fed: TestFederation;
let visit: VisitView;

const PUBLIC = `query($u: ID!) { publicResults(uscc: $u) { id version category findings } }`;

beforeAll(async () => {
  fed = await startFederation();
  [visit] = staffedVisits((await createAndDraw(fed)).visits, ['market']);
});
afterAll(() => fed?.stop());

describe('corrections of published results', () => {
  it('never changes a published result in place: a correction is a new version, the public keeps the old one until the new one is published, and the audit trail shows both', async () => {
    const v1 = await recordAndPublish(fed, visit, 'market', {
      category: 'INFO_NOT_PUBLISHED',
      findings: '未公示年度报告',
    });
    const supervisor = await supervisorToken('market');

    // No second record, no re-review, and the database itself refuses an edit in place.
    const again = await fed.query(
      RECORD,
      { i: resultInput(visit, 'market') },
      { token: await inspectorToken(visit, 'market') },
    );
    expect(codeOf(again)).toBe('CONFLICT');
    expect(codeOf(await fed.query(REVIEW, { id: v1.id }, { token: supervisor }))).toBe('CONFLICT');
    await expect(
      sql(
        fed.databaseUrl,
        `UPDATE joint_tasks.check_result SET findings = 'edited' WHERE id = $1`,
        [v1.id],
      ),
    ).rejects.toThrow(/never edited in place/);
    await expect(
      sql(fed.databaseUrl, `DELETE FROM joint_tasks.result_audit WHERE result_id = $1`, [v1.id]),
    ).rejects.toThrow(/append-only/);

    const reason = '复核发现该企业已于检查前补报年度报告，更正为责令改正';
    const v2 = ok(
      await fed.query(
        CORRECT,
        {
          i: correctionInput(visit, 'market', v1.id, reason, {
            category: 'CORRECTION_ORDERED',
            findings: '年度报告逾期补报，已责令改正',
          }),
        },
        { token: await inspectorToken(visit, 'market', 1) },
      ),
    ).correctResult;
    expect(v2).toMatchObject({
      version: 2,
      status: 'RECORDED',
      previousId: v1.id,
      correctionReason: reason,
      current: true,
      category: 'CORRECTION_ORDERED',
    });

    const q = `query($id: ID!) { checkResult(id: $id) { id status current findings versions { id version status current } } }`;
    const old = ok(await fed.query(q, { id: v1.id }, { token: supervisor })).checkResult;
    expect(old).toMatchObject({ status: 'PUBLISHED', current: false, findings: '未公示年度报告' });
    expect(
      old.versions.map((v: { version: number; current: boolean }) => [v.version, v.current]),
    ).toEqual([
      [1, false],
      [2, true],
    ]);

    // The public still reads version 1: an unpublished correction is not public.
    expect(ok(await fed.query(PUBLIC, { u: visit.uscc })).publicResults).toEqual([
      { id: v1.id, version: 1, category: 'INFO_NOT_PUBLISHED', findings: '未公示年度报告' },
    ]);

    // Only the current version can be corrected.
    const stale = await fed.query(
      CORRECT,
      { i: correctionInput(visit, 'market', v1.id, '再次更正', { findings: '其他' }) },
      { token: supervisor },
    );
    expect(codeOf(stale)).toBe('CONFLICT');
    expect(stale.errors?.[0].message).toMatch(/superseded/);

    ok(await fed.query(REVIEW, { id: v2.id }, { token: supervisor }));
    ok(await fed.query(PUBLISH, { id: v2.id }, { token: supervisor }));
    expect(ok(await fed.query(PUBLIC, { u: visit.uscc })).publicResults).toEqual([
      {
        id: v2.id,
        version: 2,
        category: 'CORRECTION_ORDERED',
        findings: '年度报告逾期补报，已责令改正',
      },
    ]);

    const trail = ok(
      await fed.query(
        `query($id: ID!) { auditTrail(resultId: $id) { nodes { action version actor actorDepartment reason at changes { field before after } } } }`,
        { id: v2.id },
        { token: await token('tax', ['planner']) },
      ),
    ).auditTrail.nodes;
    expect(
      trail.map((e: { action: string; version: number }) => `${e.action}@${e.version}`),
    ).toEqual([
      'RECORDED@1',
      'REVIEWED@1',
      'PUBLISHED@1',
      'CORRECTED@2',
      'REVIEWED@2',
      'PUBLISHED@2',
    ]);
    const corrected = trail[3];
    expect(corrected).toMatchObject({ actorDepartment: 'market', reason });
    expect(corrected.actor).toBe(
      visit.teams.find((t) => t.department === 'market')!.inspectorIds[1],
    );
    expect(corrected.changes).toEqual(
      expect.arrayContaining([
        { field: 'category', before: '"INFO_NOT_PUBLISHED"', after: '"CORRECTION_ORDERED"' },
        { field: 'findings', before: '"未公示年度报告"', after: '"年度报告逾期补报，已责令改正"' },
      ]),
    );
    expect(trail[2].actor).toBe('market-supervisor-1');
    for (const e of trail) expect(Date.parse(e.at)).not.toBeNaN();

    // The same trail through the result, and by actor.
    const viaResult = ok(
      await fed.query(
        `query($id: ID!) { checkResult(id: $id) { auditTrail { action } } }`,
        { id: v1.id },
        { token: supervisor },
      ),
    ).checkResult.auditTrail;
    expect(viaResult).toHaveLength(6);
    const byActor = ok(
      await fed.query(
        `{ auditTrail(actor: "market-supervisor-1", action: PUBLISHED) { nodes { resultId } } }`,
        {},
        { token: supervisor },
      ),
    ).auditTrail.nodes;
    expect(byActor.map((e: { resultId: string }) => e.resultId)).toEqual([v1.id, v2.id]);
  });

  it('refuses a correction by another department (FORBIDDEN), one that changes nothing or gives no reason (BAD_USER_INPUT)', async () => {
    const [other] = staffedVisits((await createAndDraw(fed)).visits, ['market']);
    const v1 = await recordAndPublish(fed, other, 'market');
    const forbidden = await fed.query(
      CORRECT,
      { i: correctionInput(other, 'market', v1.id, '更正', { findings: 'x' }) },
      { token: await supervisorToken('tax') },
    );
    expect(codeOf(forbidden)).toBe('FORBIDDEN');
    const same = await fed.query(
      CORRECT,
      { i: correctionInput(other, 'market', v1.id, '无变化') },
      { token: await supervisorToken('market') },
    );
    expect(codeOf(same)).toBe('BAD_USER_INPUT');
    expect(same.errors?.[0].message).toMatch(/changes nothing/);
    const noReason = await fed.query(
      CORRECT,
      { i: correctionInput(other, 'market', v1.id, ' ', { findings: 'x' }) },
      { token: await supervisorToken('market') },
    );
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
  });
});
