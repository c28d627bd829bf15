import { sql } from '../support/database';
import { startFederation, token, type TestFederation } from '../support/federation';
import { DRAW, commitAndDraw, witnesses } from '../support/draw-protocol';
import { futureWindow, taskInput } from '../support/joint-task-flow';

let fed: TestFederation;
let planner: string;

const CREATE = `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id status } }`;

beforeAll(async () => {
  fed = await startFederation();
  planner = await token('market', ['planner']);
});
afterAll(() => fed?.stop());

async function createAndDraw(input = taskInput(futureWindow())) {
  const created = await fed.query(CREATE, { i: input }, { token: planner });
  expect(created.errors).toBeUndefined();
  const taskId = created.data.createJointTask.id as string;
  const { draw } = await commitAndDraw(fed, taskId, planner);
  return { taskId, draw };
}

describe('composing a joint task', () => {
  it('refuses unknown departments, foreign check items, ratios out of range or over the GENERAL cap, and a reversed window — listing every problem and storing nothing', async () => {
    const [{ n: before }] = await sql<{ n: number }>(
      fed.databaseUrl,
      'SELECT count(*)::int AS n FROM joint_tasks.joint_task',
    );
    const bad = taskInput({
      windowStart: '2026-12-01',
      windowEnd: '2026-11-01',
      departments: [
        { department: 'market', checkItems: ['TAX-001'], ratio: 0.2 },
        { department: 'nosuch', checkItems: ['MARKET-001'], ratio: 0.1 },
        { department: 'tax', checkItems: ['TAX-002'], ratio: 0.5 },
        { department: 'health', checkItems: ['36115082101005'], ratio: 1.5 },
      ],
    });
    const res = await fed.query(CREATE, { i: bad }, { token: planner });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const problems: string[] = res.errors?.[0].extensions?.problems;
    expect(problems.join('\n')).toMatch(/"TAX-001" belongs to tax, not market/);
    expect(problems.join('\n')).toMatch(/unknown department "nosuch"/);
    expect(problems.join('\n')).toMatch(/exceeds the tax policy cap 0.03 for GENERAL items/);
    expect(problems.join('\n')).toMatch(/ratio: must be in \(0, 1\], got 1.5/);
    expect(problems.join('\n')).toMatch(/windowEnd 2026-11-01 is before windowStart 2026-12-01/);
    const [{ n: after }] = await sql<{ n: number }>(
      fed.databaseUrl,
      'SELECT count(*)::int AS n FROM joint_tasks.joint_task',
    );
    expect(after).toBe(before);
  });

  it('lets only planners of the lead department compose and draw', async () => {
    const other = await fed.query(
      CREATE,
      { i: taskInput() },
      { token: await token('tax', ['planner']) },
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const inspector = await fed.query(
      CREATE,
      { i: taskInput() },
      { token: await token('market', ['inspector']) },
    );
    expect(inspector.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anon = await fed.query(CREATE, { i: taskInput() });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the coordinated draw through the gateway', () => {
  it('draws one visit per enterprise, reports the minimum and independent expectations, and staffs every team or says why not', async () => {
    const { taskId, draw } = await createAndDraw();
    expect(draw.algorithmVersion).toBe('coordinated-poisson/2');
    expect(draw.frameSize).toBeGreaterThan(0);
    expect(draw.expectedVisits).toBeLessThanOrEqual(draw.independentVisits);
    expect(draw.independentVisits).toBeLessThanOrEqual(draw.separateVisits + 1e-9);
    const health = draw.departmentStats.find(
      (d: { department: string }) => d.department === 'health',
    );
    expect(health.realised + health.shortfall).toBe(20);

    const visits = await sql<{ uscc: string; n: number }>(
      fed.databaseUrl,
      'SELECT uscc, count(*)::int AS n FROM joint_tasks.visit WHERE task_id = $1 GROUP BY uscc',
      [taskId],
    );
    expect(visits.length).toBe(draw.realisedVisits);
    expect(visits.every((v) => v.n === 1)).toBe(true);
    const perDept = draw.departmentStats.reduce(
      (s: number, d: { realised: number }) => s + d.realised,
      0,
    );
    expect(draw.realisedVisits).toBeLessThanOrEqual(perDept);

    const teams = await sql<{ status: string; size: number; reason: string | null }>(
      fed.databaseUrl,
      `SELECT t.status, cardinality(t.inspector_ids) AS size, t.reason FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id WHERE v.task_id = $1`,
      [taskId],
    );
    expect(teams.length).toBe(perDept);
    for (const t of teams) {
      if (t.status === 'STAFFED') expect(t.size).toBeGreaterThanOrEqual(2);
      else expect(t.reason).toEqual(expect.any(String));
    }
  });

  it('answers one query from a visit to its enterprise, teams and inspectors', async () => {
    const { taskId } = await createAndDraw();
    const res = await fed.query(
      `query($t: ID!) { jointTask(id: $t) { status visitCount visits(first: 5) { nodes { id status departments
      enterprise { uscc name jointVisits { id } } teams { department { code nameZh } status inspectors { id name } } } } } }`,
      { t: taskId },
      { token: planner },
    );
    expect(res.errors).toBeUndefined();
    const task = res.data.jointTask;
    expect(task.status).toBe('DRAWN');
    const visit = task.visits.nodes[0];
    expect(visit.enterprise.name).toEqual(expect.any(String));
    expect(visit.enterprise.jointVisits.map((v: { id: string }) => v.id)).toContain(visit.id);
    expect(visit.teams[0].department.nameZh).toEqual(expect.any(String));
    expect(visit.teams[0].inspectors[0].name).toEqual(expect.any(String));
  });

  it('refuses to draw a task twice (CONFLICT)', async () => {
    const { taskId } = await createAndDraw();
    const again = await fed.query(
      DRAW,
      { id: taskId, e: { witnessSecrets: witnesses().secrets } },
      { token: planner },
    );
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it("reproduces under verifyDraw for anyone, computed once and served from storage; a supervisor's recompute sees a changed stored visit", async () => {
    const { draw } = await createAndDraw();
    const q = `query($id: ID!, $r: Boolean) { verifyDraw(id: $id, recompute: $r) { reproduces frameDigestMatches resultDigestMatches visitsMatch differences verifiedAt checks { name ok } } }`;
    const ok = await fed.query(q, { id: draw.id });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.verifyDraw).toMatchObject({
      reproduces: true,
      frameDigestMatches: true,
      resultDigestMatches: true,
      visitsMatch: true,
    });
    expect(ok.data.verifyDraw.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([
        'frame digest',
        'witness secrets',
        'seed',
        'sample',
        'visits and teams',
        'stored visits',
      ]),
    );
    const again = await fed.query(q, { id: draw.id });
    expect(again.data.verifyDraw.verifiedAt).toBe(ok.data.verifyDraw.verifiedAt);

    const anonymousRecompute = await fed.query(q, { id: draw.id, r: true });
    expect(anonymousRecompute.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const plannerRecompute = await fed.query(q, { id: draw.id, r: true }, { token: planner });
    expect(plannerRecompute.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    await sql(
      fed.databaseUrl,
      `UPDATE joint_tasks.visit SET departments = array_append(departments, 'fire') WHERE id = (SELECT id FROM joint_tasks.visit WHERE draw_id = $1 ORDER BY uscc LIMIT 1)`,
      [draw.id],
    );
    const tampered = await fed.query(
      q,
      { id: draw.id, r: true },
      { token: await token('market', ['supervisor']) },
    );
    expect(tampered.errors).toBeUndefined();
    expect(tampered.data.verifyDraw.reproduces).toBe(false);
    expect(tampered.data.verifyDraw.differences.join('\n')).toMatch(/stored visits/);
  });

  it('replaces a recused inspector by a new seeded draw, recorded as a team change, and honours the recusal', async () => {
    const { taskId } = await createAndDraw();
    const [team] = await sql<{ visit_id: string; uscc: string; inspector_ids: string[] }>(
      fed.databaseUrl,
      `SELECT t.visit_id, v.uscc, t.inspector_ids FROM joint_tasks.visit_team t JOIN joint_tasks.visit v ON v.id = t.visit_id
        WHERE v.task_id = $1 AND t.department_code = 'market' AND t.status = 'STAFFED' ORDER BY v.uscc LIMIT 1`,
      [taskId],
    );
    const leaving = team.inspector_ids[0];
    const supervisor = await token('market', ['supervisor']);
    const res = await fed.query(
      `mutation($v: ID!, $i: ID!) { recuseInspector(visitId: $v, department: "market", inspectorId: $i, reason: "其配偶在该企业任职") {
      status inspectors { id } changes { sequence replacedInspectorId addedInspectorIds reason } } }`,
      { v: team.visit_id, i: leaving },
      { token: supervisor },
    );
    expect(res.errors).toBeUndefined();
    const t = res.data.recuseInspector;
    expect(t.inspectors.map((i: { id: string }) => i.id)).not.toContain(leaving);
    expect(t.inspectors.length).toBeGreaterThanOrEqual(2);
    expect(t.changes).toEqual([
      expect.objectContaining({
        sequence: 1,
        replacedInspectorId: leaving,
        reason: '其配偶在该企业任职',
      }),
    ]);
    const recusals = await sql(
      fed.databaseUrl,
      'SELECT 1 FROM registry.recusal WHERE inspector_id = $1 AND uscc = $2',
      [leaving, team.uscc],
    );
    expect(recusals).toHaveLength(1);
    const other = await fed.query(
      `mutation($v: ID!, $i: ID!) { recuseInspector(visitId: $v, department: "market", inspectorId: $i, reason: "x y") { status } }`,
      { v: team.visit_id, i: t.inspectors[0].id },
      { token: await token('tax', ['supervisor']) },
    );
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The recusal's ground is the market department's to read, not every signed-in caller's.
    const read = (t: string) =>
      fed.query(
        `query($v: ID!) { visit(id: $v) { teams { department { code } changes { reason } } } }`,
        { v: team.visit_id },
        { token: t },
      );
    const reasonsFor = async (t: string) =>
      (await read(t)).data.visit.teams
        .find((x: any) => x.department.code === 'market')
        .changes.map((c: { reason: string }) => c.reason);
    expect(await reasonsFor(await token('market', ['inspector']))).toEqual(['其配偶在该企业任职']);
    expect(await reasonsFor(await token('tax', ['planner']))).toEqual([
      expect.not.stringContaining('配偶'),
    ]);
  });
});
