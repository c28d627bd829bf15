import { sql } from '../support/database';
import { commitAndDraw } from '../support/draw-protocol';
import { startFederation, token, type TestFederation } from '../support/federation';
import { chinaDay, ok } from '../support/joint-task-flow';

/** Next year in China: every window of these tests lies in it (or the year after), never in the past. */
const Y = Number(chinaDay(0).slice(0, 4)) + 1;

/** The Monday of the first full week of November of a year (YYYY-MM-DD). */
function novemberMonday(year: number): string {
  const first = new Date(Date.UTC(year, 10, 1));
  return new Date(first.getTime() + ((8 - first.getUTCDay()) % 7) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

let fed: TestFederation;
let planner: string;

beforeAll(async () => {
  fed = await startFederation();
  planner = await token('market', ['planner']);
});
afterAll(() => fed?.stop());

/** Every supervised enterprise of market, tax and fire (KEY items, ratio 1), in one window. */
function everyone(
  title: string,
  windowStart: string,
  windowEnd: string,
  departments = ['market', 'tax', 'fire'],
) {
  const items: Record<string, string> = {
    market: 'MARKET-002',
    tax: 'TAX-001',
    fire: 'FIRE-001',
    health: '36115082102006',
  };
  return {
    title,
    leadDepartment: 'market',
    windowStart,
    windowEnd,
    capacityPerDay: 20,
    departments: departments.map((d) => ({ department: d, checkItems: [items[d]], ratio: 1 })),
  };
}

async function draw(input: Record<string, unknown>): Promise<string> {
  const taskId = ok(
    await fed.query(
      `mutation($i: CreateJointTaskInput!) { createJointTask(input: $i) { id } }`,
      { i: input },
      { token: planner },
    ),
  ).createJointTask.id;
  await commitAndDraw(fed, taskId, planner);
  return taskId;
}

/** USCCs each task's visits include for a department. */
async function sampled(taskId: string, department: string): Promise<Set<string>> {
  const rows = await sql<{ uscc: string }>(
    fed.databaseUrl,
    'SELECT uscc FROM joint_tasks.visit WHERE task_id = $1 AND $2 = ANY(departments)',
    [taskId, department],
  );
  return new Set(rows.map((r) => r.uscc));
}

describe('history rules whatever the order of draws', () => {
  it('drawing a later window first and an earlier one second breaks no exclusion, interval, yearly cap or rotation rule', async () => {
    const later = await draw(everyone('later window first', `${Y}-09-01`, `${Y}-09-30`));
    const earlier = await draw(everyone('earlier window second', `${Y}-03-01`, `${Y}-03-31`));

    // Tax: anyone checked in the last three years is not drawn again (before or after).
    const taxLater = await sampled(later, 'tax');
    const taxEarlier = await sampled(earlier, 'tax');
    expect(taxLater.size).toBeGreaterThan(0);
    expect([...taxEarlier].filter((u) => taxLater.has(u))).toEqual([]);
    // Fire: at least 183 days apart; March 31 to September 1 is 154 days.
    const fireLater = await sampled(later, 'fire');
    expect(fireLater.size).toBeGreaterThan(0);
    expect([...(await sampled(earlier, 'fire'))].filter((u) => fireLater.has(u))).toEqual([]);
    // Market's yearly cap of two: both may visit, a third task in the same year may not.
    const marketLater = await sampled(later, 'market');
    const marketEarlier = await sampled(earlier, 'market');
    const twice = [...marketEarlier].filter((u) => marketLater.has(u));
    expect(twice.length).toBeGreaterThan(0);
    const third = await draw(
      everyone('third market task of the year', `${Y}-06-01`, `${Y}-06-30`, ['market']),
    );
    const marketThird = await sampled(third, 'market');
    expect(twice.filter((u) => marketThird.has(u))).toEqual([]);
    const [{ over }] = await sql<{ over: number }>(
      fed.databaseUrl,
      `SELECT count(*)::int AS over FROM (SELECT v.uscc FROM joint_tasks.visit v JOIN joint_tasks.joint_task t ON t.id = v.task_id
        WHERE 'market' = ANY(v.departments) AND date_part('year', t.window_start) = $1 GROUP BY v.uscc HAVING count(*) > 2) x`,
      [Y],
    );
    expect(over).toBe(0);

    // Tax's inspector rotation: no inspector on the same taxpayer within a year, in either order.
    const [{ repeats }] = await sql<{ repeats: number }>(
      fed.databaseUrl,
      `SELECT count(*)::int AS repeats FROM (SELECT v.uscc, i FROM joint_tasks.visit_team vt JOIN joint_tasks.visit v ON v.id = vt.visit_id
         CROSS JOIN LATERAL unnest(vt.inspector_ids) AS i WHERE vt.department_code = 'tax' AND v.task_id = ANY($1)
         GROUP BY v.uscc, i HAVING count(DISTINCT v.task_id) > 1) x`,
      [[later, earlier]],
    );
    expect(repeats).toBe(0);
  });

  it("counts an inspector's teams in every overlapping task against their capacity", async () => {
    // Five working days (Monday to Friday) at one team a day: five teams per inspector over both tasks together.
    const monday = novemberMonday(Y + 1);
    const friday = new Date(Date.parse(monday) + 4 * 86_400_000).toISOString().slice(0, 10);
    const input = (title: string) => ({
      title,
      leadDepartment: 'market',
      windowStart: monday,
      windowEnd: friday,
      capacityPerDay: 1,
      departments: [{ department: 'market', checkItems: ['MARKET-002'], sampleSize: 12 }],
    });
    const first = await draw(input('overlapping task one'));
    const second = await draw(input('overlapping task two'));
    const load = await sql<{ inspector: string; teams: number }>(
      fed.databaseUrl,
      `SELECT i AS inspector, count(*)::int AS teams FROM joint_tasks.visit_team vt JOIN joint_tasks.visit v ON v.id = vt.visit_id
         CROSS JOIN LATERAL unnest(vt.inspector_ids) AS i WHERE v.task_id = ANY($1) GROUP BY i`,
      [[first, second]],
    );
    expect(load.length).toBeGreaterThan(0);
    expect(Math.max(...load.map((l) => l.teams))).toBeLessThanOrEqual(5);
    const [{ short }] = await sql<{ short: number }>(
      fed.databaseUrl,
      `SELECT count(*)::int AS short FROM joint_tasks.visit_team vt JOIN joint_tasks.visit v ON v.id = vt.visit_id WHERE v.task_id = $1 AND vt.status = 'UNDERSTAFFED' AND vt.reason LIKE '%at capacity%'`,
      [second],
    );
    expect(short).toBeGreaterThan(0);
  });
});
