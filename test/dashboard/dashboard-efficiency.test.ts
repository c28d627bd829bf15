import { startFederation, token, type TestFederation } from '../support/federation';
import { ok } from '../support/joint-task-flow';
import { DASHBOARD } from './queries';
import { ensureEnterprises, syntheticTask, type SyntheticTask } from './synthetic-task';

let fed: TestFederation;
let small: SyntheticTask;
let large: SyntheticTask;

beforeAll(async () => {
  fed = await startFederation();
  await ensureEnterprises(fed.databaseUrl, 1000);
  small = await syntheticTask(fed.databaseUrl, 100);
  large = await syntheticTask(fed.databaseUrl, 1000);
}, 120_000);
afterAll(() => fed?.stop());

/** Runs the dashboard of a task and returns its data and the SQL statements each subgraph sent for it. */
async function measured(taskId: string, caller: string) {
  const before = fed.statements();
  const started = Date.now();
  const data = ok(await fed.query(DASHBOARD, { t: taskId }, { token: caller })).taskDashboard;
  const ms = Date.now() - started;
  const after = fed.statements();
  const statements = Object.fromEntries(
    Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)]),
  );
  return { data, statements, ms };
}

describe('the dashboard query at scale', () => {
  it('costs the same number of SQL statements per subgraph for 1,000 visits as for 100', async () => {
    const caller = await token('market', ['supervisor']);
    // Warm-up: the first requests of a process plan the query and load metadata.
    await measured(small.taskId, caller);
    await measured(large.taskId, caller);
    const a = await measured(small.taskId, caller);
    const b = await measured(large.taskId, caller);
    console.info(
      `dashboard SQL statements per subgraph — 100 visits: ${JSON.stringify(a.statements)} in ${a.ms} ms; 1,000 visits: ${JSON.stringify(b.statements)} in ${b.ms} ms`,
    );
    expect(b.statements).toEqual(a.statements);
    expect(a.statements['joint-tasks']).toBeGreaterThan(0);
    expect(a.statements['joint-tasks']).toBeLessThanOrEqual(10);
    expect(a.statements.registry).toBeLessThanOrEqual(6);

    for (const [fixture, { data }] of [
      [small, a],
      [large, b],
    ] as const) {
      expect(data.progress).toMatchObject({
        visits: fixture.visits,
        slots: fixture.teams,
        recorded: fixture.results,
        published: fixture.published,
      });
      expect(data.burden).toMatchObject({
        visits: fixture.visits,
        separateVisits: fixture.teams,
        visitsSaved: fixture.teams - fixture.visits,
      });
      expect(data.overdue.nodes).toHaveLength(Math.min(50, data.progress.overdue));
      expect(data.industries.reduce((s: number, g: { results: number }) => s + g.results, 0)).toBe(
        fixture.results,
      );
      expect(
        data.industries.every((g: { industryCode: string | null }) => g.industryCode !== null),
      ).toBe(true);
    }
  });

  it('resolves the results, deadlines, versions, referrals and audit of 200 visits with as many statements as of 20 (per-request loaders)', async () => {
    const caller = await token('tax', ['planner']);
    const q = `query($t: ID!, $n: Int!) { jointTask(id: $t) { visits(first: $n) { nodes { id checkDate
      results { id label versions { id } referrals { id } followUps { id } auditTrail { action } deadline { status } enterprise { uscc } }
      resultDeadlines { status dueDate result { id } } } } } }`;
    const count = async (n: number) => {
      const before = fed.statements()['joint-tasks'];
      const data = ok(await fed.query(q, { t: large.taskId, n }, { token: caller }));
      expect(data.jointTask.visits.nodes).toHaveLength(n);
      return fed.statements()['joint-tasks'] - before;
    };
    await count(20);
    const few = await count(20);
    const many = await count(200);
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(8);
  });
});
