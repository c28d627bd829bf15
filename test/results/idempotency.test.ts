import { sql } from '../support/database';
import { startFederation, type TestFederation } from '../support/federation';
import {
  CORRECT,
  RECORD,
  codeOf,
  correctionInput,
  createAndDraw,
  inspectorToken,
  ok,
  record,
  resultInput,
  staffedVisits,
  teamOf,
  type VisitView,
} from '../support/joint-task-flow';

let fed: TestFederation;
let visits: VisitView[];

beforeAll(async () => {
  fed = await startFederation();
  visits = staffedVisits((await createAndDraw(fed)).visits, ['market']);
  expect(visits.length).toBeGreaterThanOrEqual(6);
});
afterAll(() => fed?.stop());

/** Rows stored for a visit and department, every version. */
function storedRows(visitId: string, department: string) {
  return sql<{ id: string; version: number }>(
    fed.databaseUrl,
    'SELECT id, version FROM joint_tasks.check_result WHERE visit_id = $1 AND department_code = $2 ORDER BY version',
    [visitId, department],
  );
}

describe('idempotent recording', () => {
  it('stores exactly one result when the same recordResult is sent 50 times at once with one key, and answers every call with it', async () => {
    const visit = visits[0];
    const input = resultInput(visit, 'market', {
      category: 'INFO_NOT_PUBLISHED',
      findings: '未按规定公示2025年度报告',
    });
    const caller = await inspectorToken(visit, 'market');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => fed.query(RECORD, { i: input }, { token: caller })),
    );
    for (const a of answers) expect(a.errors).toBeUndefined();
    const ids = new Set(answers.map((a) => a.data.recordResult.id));
    expect(ids.size).toBe(1);
    const rows = await storedRows(visit.id, 'market');
    expect(rows).toEqual([{ id: [...ids][0], version: 1 }]);
    const audit = await sql(
      fed.databaseUrl,
      `SELECT 1 FROM joint_tasks.result_audit WHERE visit_id = $1 AND action = 'RECORDED'`,
      [visit.id],
    );
    expect(audit).toHaveLength(1);

    // A retry long after the first call is answered from the stored result too.
    const retry = ok(await fed.query(RECORD, { i: input }, { token: caller }));
    expect(retry.recordResult.id).toBe([...ids][0]);
  });

  it('refuses the same key with a different payload (CONFLICT) and a second result for the same visit and department (CONFLICT)', async () => {
    const visit = visits[1];
    const input = resultInput(visit, 'market');
    const caller = await inspectorToken(visit, 'market');
    const first = ok(await fed.query(RECORD, { i: input }, { token: caller })).recordResult;

    const changed = await fed.query(
      RECORD,
      { i: { ...input, findings: '另一份记录' } },
      { token: caller },
    );
    expect(codeOf(changed)).toBe('CONFLICT');
    expect(changed.errors?.[0].message).toMatch(/already used for a different request/);

    const second = await fed.query(
      RECORD,
      { i: { ...input, idempotencyKey: 'another-key-0001' } },
      { token: caller },
    );
    expect(codeOf(second)).toBe('CONFLICT');
    expect(second.errors?.[0].message).toMatch(/already recorded a result .* correctResult/);
    expect(await storedRows(visit.id, 'market')).toEqual([{ id: first.id, version: 1 }]);
  });

  it('records one result when two different keys race for the same visit, and refuses the other with CONFLICT', async () => {
    const visit = visits[2];
    const caller = await inspectorToken(visit, 'market');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, k) =>
        fed.query(
          RECORD,
          { i: resultInput(visit, 'market', { idempotencyKey: `racing-key-${k}` }) },
          { token: caller },
        ),
      ),
    );
    expect(answers.filter((a) => !a.errors)).toHaveLength(1);
    expect(answers.filter((a) => codeOf(a) === 'CONFLICT')).toHaveLength(9);
    expect(await storedRows(visit.id, 'market')).toHaveLength(1);
  });

  it('stores exactly one correction when the same correctResult is sent 30 times at once with one key', async () => {
    const visit = visits[0];
    const [current] = await storedRows(visit.id, 'market');
    const correction = correctionInput(visit, 'market', current.id, '补录责令改正措施', {
      category: 'CORRECTION_ORDERED',
      findings: '未按规定公示2025年度报告，已责令改正',
      idempotencyKey: 'correction-key-0001',
    });
    const caller = await inspectorToken(visit, 'market');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => fed.query(CORRECT, { i: correction }, { token: caller })),
    );
    for (const a of answers) expect(a.errors).toBeUndefined();
    expect(new Set(answers.map((a) => a.data.correctResult.id)).size).toBe(1);
    expect(answers[0].data.correctResult).toMatchObject({
      version: 2,
      previousId: current.id,
      correctionReason: '补录责令改正措施',
    });
    expect((await storedRows(visit.id, 'market')).map((r) => r.version)).toEqual([1, 2]);
  });

  it('keeps keys per caller: another inspector may use the same key for their own result', async () => {
    const first = visits[3];
    const second = visits
      .slice(4)
      .find(
        (v) => teamOf(v, 'market').inspectorIds[0] !== teamOf(first, 'market').inspectorIds[0],
      )!;
    const a = await record(fed, first, 'market', { idempotencyKey: 'shared-key-0001' });
    const b = await record(fed, second, 'market', { idempotencyKey: 'shared-key-0001' });
    expect(a.id).not.toBe(b.id);
    expect((await storedRows(second.id, 'market')).map((r) => r.id)).toEqual([b.id]);
  });
});
