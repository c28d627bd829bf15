import { resultDueDate } from '@jih/domain/working-days';
import { chinaDate } from '@jih/subgraphs/joint-tasks/src/services/result-deadline.service';
import { startFederation, type TestFederation } from '../support/federation';
import {
  PUBLISH,
  REVIEW,
  codeOf,
  createAndDraw,
  inspectorToken,
  ok,
  record,
  resultInput,
  staffedVisits,
  supervisorToken,
  taskInput,
  type VisitView,
} from '../support/joint-task-flow';

let fed: TestFederation;
let visits: VisitView[];
const WINDOW_END = '2026-08-31';

const DEADLINES = `query($v: ID!) { visit(id: $v) { checkDate resultDeadlines { departmentCode recorded resultStatus basis checkDate dueDate dueWorkingDays status workingDaysOverdue } } }`;

/** Visits handed out so far: each test takes visits no earlier test has recorded on (visit order is random). */
const taken = new Set<string>();
function take(list: VisitView[]): VisitView {
  const visit = list.find((v) => !taken.has(v.id));
  if (!visit) throw new Error('the drawn task has too few staffed visits for these tests');
  taken.add(visit.id);
  return visit;
}

/** The deadlines of a visit by department. */
async function deadlines(visitId: string, token: string): Promise<Record<string, any>> {
  const res = ok(await fed.query(DEADLINES, { v: visitId }, { token }));
  return Object.fromEntries(
    res.visit.resultDeadlines.map((d: { departmentCode: string }) => [d.departmentCode, d]),
  );
}

beforeAll(async () => {
  fed = await startFederation();
  // A window that started before National Day 2025, so a check on 26 September 2025 is inside it.
  ({ visits } = await createAndDraw(
    fed,
    taskInput({
      windowStart: '2025-09-01',
      windowEnd: WINDOW_END,
      departments: [
        { department: 'market', checkItems: ['MARKET-002'], ratio: 0.5 },
        { department: 'tax', checkItems: ['TAX-001'], ratio: 0.03 },
        // Every draw has a fresh seed: sizes that leave enough market-and-health visits whatever it is.
        { department: 'health', checkItems: ['36115082102006'], sampleSize: 20 },
      ],
    }),
  ));
});
afterAll(() => fed?.stop());

describe('result deadlines through the API', () => {
  it('counts 20 Chinese working days across the National Day holiday: a check on 2025-09-26 is due 2025-10-30, health (5 days) 2025-10-10', async () => {
    const visit = take(staffedVisits(visits, ['market', 'health']));
    const market = await record(fed, visit, 'market', { checkDate: '2025-09-26' });
    expect(market.dueDate).toBe('2025-10-30');
    expect(market.deadline).toEqual({
      status: 'OVERDUE',
      dueDate: '2025-10-30',
      basis: 'CHECK_DATE',
    });
    const health = await record(fed, visit, 'health', { checkDate: '2025-09-26' });
    expect(health.dueDate).toBe('2025-10-10');
    // Saturday 2025-09-27 is a rest day, Sunday 2025-09-28 an adjusted working day (调休) and 1-8 October the
    // holiday: the fifth working day after Friday 26 September is Friday 10 October.
    const d = await deadlines(visit.id, await supervisorToken('market'));
    expect(d.health).toMatchObject({
      recorded: true,
      basis: 'CHECK_DATE',
      checkDate: '2025-09-26',
      dueDate: '2025-10-10',
      dueWorkingDays: 5,
      status: 'OVERDUE',
    });
    expect(d.market).toMatchObject({
      dueDate: '2025-10-30',
      dueWorkingDays: 20,
      status: 'OVERDUE',
    });
    expect(d.market.workingDaysOverdue).toBeGreaterThan(200);
  });

  it('shows a missing result as overdue: counted from the day of the visit, or from the window end when nobody has recorded', async () => {
    const visit = take(staffedVisits(visits, ['market', 'health']));
    await record(fed, visit, 'market', { checkDate: '2025-09-26' });
    const d = await deadlines(visit.id, await supervisorToken('health'));
    expect(d.health).toMatchObject({
      recorded: false,
      resultStatus: null,
      basis: 'VISIT_DATE',
      checkDate: '2025-09-26',
      dueDate: '2025-10-10',
      status: 'OVERDUE',
    });

    const untouched = take(staffedVisits(visits, ['market']));
    const none = await deadlines(untouched.id, await supervisorToken('market'));
    const due = resultDueDate(WINDOW_END, 'market');
    expect(none.market).toMatchObject({
      recorded: false,
      basis: 'WINDOW_END',
      checkDate: WINDOW_END,
      dueDate: due,
      status: due < chinaDate() ? 'OVERDUE' : 'DUE',
    });
  });

  it('marks a result published after its due date LATE, and one checked today DUE', async () => {
    const visit = take(staffedVisits(visits, ['market']));
    const late = await record(fed, visit, 'market', { checkDate: '2025-09-26' });
    const supervisor = await supervisorToken('market');
    ok(await fed.query(REVIEW, { id: late.id }, { token: supervisor }));
    const published = ok(
      await fed.query(PUBLISH, { id: late.id }, { token: supervisor }),
    ).publishResult;
    expect(published.deadline).toEqual({
      status: 'LATE',
      dueDate: '2025-10-30',
      basis: 'CHECK_DATE',
    });

    const fresh = take(staffedVisits(visits, ['health']));
    const today = chinaDate();
    const due = await record(fed, fresh, 'health', { checkDate: today });
    expect(due.deadline.status).toBe('DUE');
    expect(due.dueDate).toBe(resultDueDate(today, 'health'));
    expect(due.dueDate > today).toBe(true);
  });

  it('refuses a check date that is not a real date, in the future or before the task window (BAD_USER_INPUT)', async () => {
    const visit = take(staffedVisits(visits, ['market']));
    const caller = await inspectorToken(visit, 'market');
    const tomorrow = new Date(Date.parse(`${chinaDate()}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const cases: [string, RegExp][] = [
      ['2025-02-30', /"2025-02-30" is not a calendar date/],
      ['2025/09/26', /checkDate must be YYYY-MM-DD/],
      [tomorrow, /is in the future/],
      ['2025-08-29', /is before the task window, which starts 2025-09-01/],
    ];
    for (const [checkDate, message] of cases) {
      const res = await fed.query(
        `mutation($i: RecordResultInput!) { recordResult(input: $i) { id } }`,
        { i: resultInput(visit, 'market', { checkDate }) },
        { token: caller },
      );
      expect({ checkDate, code: codeOf(res) }).toEqual({ checkDate, code: 'BAD_USER_INPUT' });
      expect(res.errors?.[0].message).toMatch(message);
    }
  });

  it('lists overdue results and hides them once published', async () => {
    const supervisor = await supervisorToken('market');
    const q = `query($o: Boolean) { checkResults(overdue: $o, department: "market", first: 100) { nodes { id checkDate overdue } } }`;
    const overdue = ok(await fed.query(q, { o: true }, { token: supervisor })).checkResults.nodes;
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    for (const r of overdue) expect(r).toMatchObject({ checkDate: '2025-09-26', overdue: true });
    const others = ok(await fed.query(q, { o: false }, { token: supervisor })).checkResults.nodes;
    expect(others.every((r: { overdue: boolean }) => !r.overdue)).toBe(true);
    expect(others.some((r: { checkDate: string }) => r.checkDate === '2025-09-26')).toBe(true); // the LATE one, published
  });
});
