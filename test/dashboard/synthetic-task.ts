/**
 * A drawn joint task of any size, written straight into a test database: the seeded directory
 * holds 600 enterprises, too few for a 1,000-visit draw, so the size tests add generated
 * enterprises to the registry and build visits, teams and results of every state with SQL.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_SEED } from '@jih/scripts/lib/seed';
import { resultDueDate } from '@jih/domain/working-days';
import { RESULT_CATEGORIES } from '@jih/subgraphs/joint-tasks/src/entities/result.entity';
import { generateEnterprise } from '@jih/demo-data/generator';
import { stableUuid } from '@jih/subgraphs/registry/src/seed/registry.seed';

const STATUSES = ['RECORDED', 'REVIEWED', 'PUBLISHED', 'CLOSED'] as const;

/** Runs `fn` in one transaction on its own connection. */
async function inTransaction<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    await c.end();
  }
}

/** Makes sure the registry holds the first `count` generated enterprises (the seed's generator, same USCCs). */
export async function ensureEnterprises(url: string, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, i) => generateEnterprise(i, DEFAULT_SEED));
  await inTransaction(url, (c) =>
    c.query(
      `INSERT INTO registry.enterprise (uscc, name, address, division_code, industry_code, enterprise_type, status, registered_on)
     SELECT * FROM unnest($1::char(18)[], $2::varchar[], $3::varchar[], $4::char(6)[], $5::varchar[], $6::varchar[], $7::varchar[], $8::date[])
     ON CONFLICT (uscc) DO NOTHING`,
      [
        rows.map((e) => e.uscc),
        rows.map((e) => e.name),
        rows.map((e) => e.address),
        rows.map((e) => e.division),
        rows.map((e) => e.industry),
        rows.map((e) => e.type),
        rows.map((e) => e.status),
        rows.map((e) => e.registeredOn),
      ],
    ),
  );
}

/** What the fixture wrote, for checking the dashboard's figures. */
export interface SyntheticTask {
  taskId: string;
  visits: number;
  teams: number;
  results: number;
  published: number;
}

/**
 * A drawn task of `visits` visits to the first generated enterprises: market and tax on every
 * visit, health on every third; 90% of teams have a result, cycling through the four states
 * and the eight categories, checked in September and October 2026.
 */
export async function syntheticTask(url: string, visits: number): Promise<SyntheticTask> {
  const taskId = randomUUID();
  const drawId = randomUUID();
  const usccs = Array.from({ length: visits }, (_, i) => generateEnterprise(i, DEFAULT_SEED).uscc);
  const visitIds = usccs.map(() => randomUUID());
  const teams: { visit: number; department: string }[] = [];
  usccs.forEach((_, k) => {
    for (const department of k % 3 === 0 ? ['health', 'market', 'tax'] : ['market', 'tax'])
      teams.push({ visit: k, department });
  });
  const inspectors = (department: string, k: number) => [
    stableUuid(`${department}:${k % 7}`),
    stableUuid(`${department}:${(k + 1) % 7}`),
  ];
  const results = teams
    .filter((t, n) => (t.visit + n) % 10 !== 0)
    .map((t, n) => {
      const checkDate = new Date(Date.UTC(2026, 8, 1 + (t.visit % 45))).toISOString().slice(0, 10);
      const status = STATUSES[(t.visit + n) % 4];
      return {
        visitId: visitIds[t.visit],
        uscc: usccs[t.visit],
        department: t.department,
        checkDate,
        dueDate: resultDueDate(checkDate, t.department),
        status,
        category: RESULT_CATEGORIES[(t.visit * 3 + n) % 8].category,
        inspectors: inspectors(t.department, t.visit),
        publishedAt:
          status === 'PUBLISHED' || status === 'CLOSED' ? `${checkDate}T10:00:00+08:00` : null,
      };
    });

  await inTransaction(url, async (c) => {
    await c.query(
      `INSERT INTO joint_tasks.joint_task (id, title, lead_department_code, window_start, window_end, status, created_by)
       VALUES ($1, $2, 'market', '2026-09-01', '2026-11-30', 'DRAWN', 'synthetic')`,
      [taskId, `合成任务 ${visits} 户`],
    );
    await c.query(
      `INSERT INTO joint_tasks.task_department (task_id, department_code, check_items, ratio)
       VALUES ($1, 'market', '{MARKET-002}', 0.5), ($1, 'tax', '{TAX-001}', 0.03), ($1, 'health', '{36115082102006}', 0.1)`,
      [taskId],
    );
    await c.query(
      `INSERT INTO joint_tasks.draw (id, task_id, seed, algorithm_version, departments, start_point, modes, frame_digest, result_digest, frame_size,
         expected_visits, independent_visits, separate_visits, realised_visits, understaffed_teams, department_stats, duration_ms, drawn_by)
       VALUES ($1, $2, $3, 'synthetic/1', '{health,market,tax}', 0, '{}', repeat('0', 64), repeat('0', 64), $4::int, $4::int * 0.95, $4::int * 1.5, $4::int * 2.4, $4::int, 0, '[]', 0, 'synthetic')`,
      [drawId, taskId, `synthetic-${taskId}`, visits],
    );
    await c.query(
      `INSERT INTO joint_tasks.visit (id, task_id, draw_id, uscc, departments, check_items, status)
       SELECT v.id, $2, $3, v.uscc, CASE WHEN (v.k - 1) % 3 = 0 THEN '{health,market,tax}'::text[] ELSE '{market,tax}'::text[] END, '{MARKET-002,TAX-001}', 'PLANNED'
         FROM unnest($1::uuid[], $4::char(18)[]) WITH ORDINALITY AS v(id, uscc, k)`,
      [visitIds, taskId, drawId, usccs],
    );
    await c.query(
      `INSERT INTO joint_tasks.visit_team (visit_id, department_code, status, inspector_ids)
       SELECT t.visit_id, t.department_code, 'STAFFED', ARRAY[t.a, t.b] FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[]) AS t(visit_id, department_code, a, b)`,
      [
        teams.map((t) => visitIds[t.visit]),
        teams.map((t) => t.department),
        teams.map((t) => inspectors(t.department, t.visit)[0]),
        teams.map((t) => inspectors(t.department, t.visit)[1]),
      ],
    );
    await c.query(
      `INSERT INTO joint_tasks.check_result (visit_id, task_id, uscc, department_code, version, status, category, check_items, findings, check_date, due_date,
         inspector_ids, representative_name, signed, idempotency_key, request_hash, recorded_by, published_at, published_by)
       SELECT r.visit_id, $1, r.uscc, r.department_code, 1, r.status, r.category, '{}', 'synthetic', r.check_date, r.due_date, ARRAY[r.a, r.b], '代表',
              true, 'synthetic-' || r.visit_id || '-' || r.department_code, repeat('0', 64), r.a::text, r.published_at,
              CASE WHEN r.published_at IS NULL THEN NULL ELSE 'synthetic' END
         FROM unnest($2::uuid[], $3::char(18)[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[], $9::uuid[], $10::uuid[], $11::timestamptz[])
           AS r(visit_id, uscc, department_code, status, category, check_date, due_date, a, b, published_at)`,
      [
        taskId,
        results.map((r) => r.visitId),
        results.map((r) => r.uscc),
        results.map((r) => r.department),
        results.map((r) => r.status),
        results.map((r) => r.category),
        results.map((r) => r.checkDate),
        results.map((r) => r.dueDate),
        results.map((r) => r.inspectors[0]),
        results.map((r) => r.inspectors[1]),
        results.map((r) => r.publishedAt),
      ],
    );
  });
  return {
    taskId,
    visits,
    teams: teams.length,
    results: results.length,
    published: results.filter((r) => r.publishedAt).length,
  };
}
