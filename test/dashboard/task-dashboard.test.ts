import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';
import {
  codeOf,
  createAndDraw,
  ok,
  record,
  recordAndPublish,
  staffedVisits,
  supervisorToken,
  taskInput,
  REVIEW,
  type VisitView,
} from '../support/joint-task-flow';
import { chinaDate } from '@jih/subgraphs/joint-tasks/src/services/result-deadline.service';
import { DASHBOARD } from './queries';

let fed: TestFederation;
let visits: VisitView[];
let draw: any;
let taskId: string;
let touched: {
  visit: VisitView;
  department: string;
  category: string;
  state: 'RECORDED' | 'REVIEWED' | 'PUBLISHED';
}[];

const CHECK_DATE = '2025-09-26';

beforeAll(async () => {
  fed = await startFederation();
  ({ taskId, draw, visits } = await createAndDraw(
    fed,
    taskInput({
      windowStart: '2025-09-01',
      windowEnd: '2026-08-31',
      departments: [
        { department: 'market', checkItems: ['MARKET-002'], ratio: 0.2 },
        { department: 'tax', checkItems: ['TAX-001'], ratio: 0.03 },
        { department: 'health', checkItems: ['36115082102006'], ratio: 0.1 },
      ],
    }),
  ));
  const [both] = staffedVisits(visits, ['market', 'tax']);
  const marketOnly = staffedVisits(visits, ['market']).filter((v) => v.id !== both.id);
  touched = [
    { visit: both, department: 'market', category: 'CORRECTION_ORDERED', state: 'PUBLISHED' },
    { visit: both, department: 'tax', category: 'NO_PROBLEM', state: 'RECORDED' },
    {
      visit: marketOnly[0],
      department: 'market',
      category: 'FOLLOW_UP_PENDING',
      state: 'REVIEWED',
    },
    { visit: marketOnly[1], department: 'market', category: 'NO_PROBLEM', state: 'PUBLISHED' },
    {
      visit: marketOnly[2],
      department: 'market',
      category: 'INFO_NOT_PUBLISHED',
      state: 'RECORDED',
    },
  ];
  for (const t of touched) {
    const overrides = {
      checkDate: CHECK_DATE,
      category: t.category,
      findings: t.category === 'NO_PROBLEM' ? '' : `检查发现：${t.category}`,
    };
    if (t.state === 'PUBLISHED') await recordAndPublish(fed, t.visit, t.department, overrides);
    else {
      const r = await record(fed, t.visit, t.department, overrides);
      if (t.state === 'REVIEWED')
        ok(await fed.query(REVIEW, { id: r.id }, { token: await supervisorToken(t.department) }));
    }
  }
}, 60_000);
afterAll(() => fed?.stop());

/** Every team of the task's visits, for counting expectations. */
function allTeams() {
  return visits.flatMap((v) => v.teams.map((t) => ({ ...t, visit: v })));
}

describe("a joint task's dashboard", () => {
  it('reports progress: visits done and completed, results recorded, reviewed, published, and overdue, where not published means not completed', async () => {
    const d = ok(
      await fed.query(DASHBOARD, { t: taskId }, { token: await token('health', ['planner']) }),
    ).taskDashboard;
    const slots = allTeams().length;
    const visited = new Set(touched.map((t) => t.visit.id));
    const completed = [...visited].filter((id) => {
      const v = visits.find((x) => x.id === id)!;
      return v.teams.every((team) =>
        touched.some(
          (t) => t.visit.id === id && t.department === team.department && t.state === 'PUBLISHED',
        ),
      );
    });
    expect(d.progress).toEqual({
      visits: draw.realisedVisits,
      visitsChecked: visited.size,
      visitsCompleted: completed.length,
      understaffedVisits: visits.filter((v) => v.teams.some((t) => t.status === 'UNDERSTAFFED'))
        .length,
      slots,
      recorded: 5,
      reviewed: 3,
      published: 2,
      closed: 0,
      unpublished: 3,
      missing: slots - 5,
      // Every check was on 2025-09-26 and the window ended 2026-08-31: whatever is unpublished is past due.
      overdue: slots - 2,
      overdueMissing: slots - 5,
      publishedLate: 2,
      completionRate: 2 / slots,
    });
  });

  it("breaks progress down by department, with discovery rates and the inspectors' workload", async () => {
    const d = ok(
      await fed.query(DASHBOARD, { t: taskId }, { token: await supervisorToken('tax') }),
    ).taskDashboard;
    expect(d.departments.map((x: { departmentCode: string }) => x.departmentCode)).toEqual([
      'health',
      'market',
      'tax',
    ]);
    const market = d.departments.find(
      (x: { departmentCode: string }) => x.departmentCode === 'market',
    );
    const marketTeams = allTeams().filter((t) => t.department === 'market');
    const load = new Map<string, number>();
    for (const t of marketTeams)
      for (const i of t.inspectorIds) load.set(i, (load.get(i) ?? 0) + 1);
    expect(market).toEqual({
      departmentCode: 'market',
      department: { code: 'market', nameZh: '市场监督管理局' },
      dueWorkingDays: 20,
      slots: marketTeams.length,
      recorded: 4,
      reviewed: 3,
      published: 2,
      closed: 0,
      missing: marketTeams.length - 4,
      overdue: marketTeams.length - 2,
      publishedLate: 2,
      problems: 3,
      problemRate: 0.75,
      followUpOpen: 1,
      inspectorsEngaged: load.size,
      maxTeamsPerInspector: Math.max(...load.values()),
      meanTeamsPerInspector: [...load.values()].reduce((a, b) => a + b, 0) / load.size,
    });
    const health = d.departments.find(
      (x: { departmentCode: string }) => x.departmentCode === 'health',
    );
    expect(health).toMatchObject({
      dueWorkingDays: 5,
      recorded: 0,
      problemRate: null,
      slots: allTeams().filter((t) => t.department === 'health').length,
    });
  });

  it('shows the burden saved by coordination against separate department visits, from the draw and the results so far', async () => {
    const d = ok(
      await fed.query(DASHBOARD, { t: taskId }, { token: await supervisorToken('market') }),
    ).taskDashboard;
    const slots = allTeams().length;
    expect(d.burden).toEqual({
      visits: draw.realisedVisits,
      separateVisits: slots,
      visitsSaved: slots - draw.realisedVisits,
      savedShare: (slots - draw.realisedVisits) / slots,
      visitsMade: 4,
      checksDone: 5,
      visitsSavedSoFar: 1,
      expectedVisits: draw.expectedVisits,
      expectedIndependentVisits: draw.independentVisits,
      expectedSeparateVisits: draw.separateVisits,
    });
    expect(d.burden.visitsSaved).toBeGreaterThan(0);
  });

  it('counts results by category in the order of the rules, and problem discovery by industry as the registry classifies the enterprises', async () => {
    const d = ok(
      await fed.query(DASHBOARD, { t: taskId }, { token: await supervisorToken('market') }),
    ).taskDashboard;
    expect(d.categories.map((c: { category: string }) => c.category)).toEqual([
      'NO_PROBLEM',
      'INFO_NOT_PUBLISHED',
      'FALSE_INFORMATION',
      'UNREACHABLE_AT_ADDRESS',
      'CORRECTION_ORDERED',
      'SERIOUSLY_UNCOOPERATIVE',
      'NO_RELEVANT_ACTIVITY',
      'FOLLOW_UP_PENDING',
    ]);
    const counts = Object.fromEntries(
      d.categories.map((c: { category: string; count: number }) => [c.category, c.count]),
    );
    expect(counts).toMatchObject({
      NO_PROBLEM: 2,
      INFO_NOT_PUBLISHED: 1,
      CORRECTION_ORDERED: 1,
      FOLLOW_UP_PENDING: 1,
      FALSE_INFORMATION: 0,
    });
    expect(d.categories[4]).toMatchObject({
      labelZh: '发现问题已责令改正',
      problemFound: true,
      share: 0.2,
    });

    // The expected grouping, from the registry's own records (a test may read them; the subgraph may not).
    const industries = await sql<{ uscc: string; industry_code: string; name: string }>(
      fed.databaseUrl,
      `SELECT e.uscc, e.industry_code, i.name FROM registry.enterprise e JOIN registry.industry i ON i.code = e.industry_code WHERE e.uscc = ANY($1)`,
      [[...new Set(touched.map((t) => t.visit.uscc))]],
    );
    const expected = new Map<
      string,
      {
        industryCode: string;
        industryName: string;
        enterprises: Set<string>;
        results: number;
        problems: number;
      }
    >();
    for (const t of touched) {
      const e = industries.find((x) => x.uscc === t.visit.uscc)!;
      const g = expected.get(e.industry_code) ?? {
        industryCode: e.industry_code,
        industryName: e.name,
        enterprises: new Set<string>(),
        results: 0,
        problems: 0,
      };
      g.enterprises.add(t.visit.uscc);
      g.results++;
      if (t.category !== 'NO_PROBLEM') g.problems++;
      expected.set(e.industry_code, g);
    }
    expect(d.industries).toHaveLength(expected.size);
    for (const g of d.industries) {
      const want = expected.get(g.industryCode)!;
      expect(g).toMatchObject({
        industryName: want.industryName,
        enterprises: want.enterprises.size,
        results: want.results,
        problems: want.problems,
        rate: want.problems / want.results,
      });
    }
    const rates = d.industries.map((g: { rate: number }) => g.rate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
  });

  it('lists every overdue slot once, oldest first, page by page, missing results included', async () => {
    const caller = await supervisorToken('market');
    const seen: any[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const page: any = ok(
        await fed.query(DASHBOARD, { t: taskId, first: 7, after }, { token: caller }),
      ).taskDashboard.overdue;
      totalCount = page.totalCount;
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(totalCount);
    expect(new Set(seen.map((n) => `${n.visitId}/${n.departmentCode}`)).size).toBe(totalCount);
    expect(seen.map((n) => n.checkDate)).toEqual([...seen.map((n) => n.checkDate)].sort());
    for (const n of seen) expect(n.status).toBe('OVERDUE');

    const reviewed = touched.find((t) => t.state === 'REVIEWED')!;
    const row = seen.find((n) => n.visitId === reviewed.visit.id && n.departmentCode === 'market');
    expect(row).toMatchObject({
      recorded: true,
      resultStatus: 'REVIEWED',
      basis: 'CHECK_DATE',
      checkDate: CHECK_DATE,
      dueDate: '2025-10-30',
      result: { category: 'FOLLOW_UP_PENDING' },
    });
    expect(row.enterprise.name).toEqual(expect.any(String));
    expect(row.visit.uscc).toBe(reviewed.visit.uscc);
    const missing = seen.find((n) => !n.recorded && n.basis === 'WINDOW_END');
    expect(missing).toMatchObject({ checkDate: '2026-08-31', resultStatus: null, result: null });
    // A published slot is never overdue.
    for (const t of touched.filter((x) => x.state === 'PUBLISHED'))
      expect(seen.some((n) => n.visitId === t.visit.id && n.departmentCode === t.department)).toBe(
        false,
      );
  });

  it("reports a department's workload over the year's tasks, and refuses bad arguments", async () => {
    const caller = await supervisorToken('market');
    const q = `query($d: ID!, $y: Int!) { departmentWorkload(department: $d, year: $y) { department { code } year tasks slots recorded published overdue publishedLate inspectorsEngaged maxTeamsPerInspector } }`;
    const market = ok(
      await fed.query(q, { d: 'market', y: 2025 }, { token: caller }),
    ).departmentWorkload;
    const marketTeams = allTeams().filter((t) => t.department === 'market');
    expect(market).toMatchObject({
      department: { code: 'market' },
      year: 2025,
      tasks: 1,
      slots: marketTeams.length,
      recorded: 4,
      published: 2,
      overdue: marketTeams.length - 2,
      publishedLate: 2,
    });
    expect(market.inspectorsEngaged).toBe(new Set(marketTeams.flatMap((t) => t.inspectorIds)).size);
    const none = ok(
      await fed.query(q, { d: 'market', y: 2024 }, { token: caller }),
    ).departmentWorkload;
    expect(none).toMatchObject({ tasks: 0, slots: 0, recorded: 0, inspectorsEngaged: 0 });
    expect(codeOf(await fed.query(q, { d: 'Market!', y: 2025 }, { token: caller }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await fed.query(q, { d: 'market', y: 1999 }, { token: caller }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it("counts a missing result from the day of the visit in the department's workload as in the task's dashboard", async () => {
    // A window still open: missing results counted from its end are not due yet, one counted from an old visit is.
    const day = (offset: number) =>
      new Date(Date.parse(`${chinaDate()}T00:00:00Z`) + offset * 86_400_000)
        .toISOString()
        .slice(0, 10);
    const open = await createAndDraw(
      fed,
      taskInput({ windowStart: day(-300), windowEnd: day(30) }),
    );
    const [visit] = staffedVisits(open.visits, ['market', 'tax']);
    await record(fed, visit, 'market', { checkDate: day(-290) });
    const caller = await supervisorToken('tax');
    const dashboard = ok(
      await fed.query(DASHBOARD, { t: open.taskId }, { token: caller }),
    ).taskDashboard;
    const tax = dashboard.departments.find(
      (x: { departmentCode: string }) => x.departmentCode === 'tax',
    );
    expect(tax.overdue).toBe(1);
    const workload = ok(
      await fed.query(
        `query($y: Int!) { departmentWorkload(department: "tax", year: $y) { tasks overdue } }`,
        { y: Number(day(-300).slice(0, 4)) },
        { token: caller },
      ),
    ).departmentWorkload;
    expect(workload).toEqual({ tasks: 1, overdue: 1 });
  });

  it('is for signed-in callers only, and answers null for an unknown task', async () => {
    expect(codeOf(await fed.query(DASHBOARD, { t: taskId }))).toBe('UNAUTHENTICATED');
    const unknown = ok(
      await fed.query(
        DASHBOARD,
        { t: '00000000-0000-4000-a000-000000000000' },
        { token: await supervisorToken('market') },
      ),
    );
    expect(unknown.taskDashboard).toBeNull();
  });
});
