import type { DataSource } from 'typeorm';
import { decodeCursor, type CallOrigin } from '@jih/kit';
import {
  PROBLEM_CATEGORIES,
  RESULT_CATEGORIES,
  ResultCategory,
  type DueDateBasis,
  type ResultStatus,
} from '../entities';
import { fetchIndustries } from './dashboard-registry.client';
import { chinaDateSql, overdueCutoffParams, overdueSql } from './result-deadline.service';

/*
 * Dashboard figures, aggregated in PostgreSQL: every figure is one statement whatever the number
 * of visits, and a request memoises each statement, so a dashboard query costs the same handful
 * of statements for 100 visits as for 100,000.
 *
 * A slot is one (visit, department) team: the department owes one published result for it. Its
 * due date counts from its own check date, else from the day the joint visit took place (the
 * earliest check date any department recorded), else from the task window's end; it is overdue
 * when nothing of it is published and that date is before the department's cutoff (see
 * result-deadline.service, which applies the same rule to one slot in code).
 */

/** Positional parameters of one statement: `add` returns the placeholder of a value. */
class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Which slots a statement covers: the result chains to read (every department of the visits) and the teams to count. */
interface SlotScope {
  chainWhere: string;
  slotWhere: string;
}

/**
 * CTEs ending in `flagged`, one row per slot in scope: its current version and first publication
 * (`chain`, over every department of the visits, so the day of a visit is known to all its
 * slots), the date its deadline counts from, and whether it is overdue or was published late.
 */
function slotCte(scope: SlotScope, p: SqlParams, today: string): string {
  const cutoffs = overdueCutoffParams(today);
  const special = p.add(cutoffs.special);
  const fallback = p.add(cutoffs.fallback);
  return `WITH chain AS (
      SELECT r.visit_id, r.department_code,
             (array_agg(r.id) FILTER (WHERE r.superseded_at IS NULL))[1] AS result_id,
             (array_agg(r.status) FILTER (WHERE r.superseded_at IS NULL))[1] AS status,
             (array_agg(r.category) FILTER (WHERE r.superseded_at IS NULL))[1] AS category,
             (array_agg(r.check_date) FILTER (WHERE r.superseded_at IS NULL))[1] AS check_date,
             min(r.published_at) AS first_published_at,
             (array_agg(r.due_date ORDER BY r.published_at) FILTER (WHERE r.published_at IS NOT NULL))[1] AS published_due_date
        FROM check_result r
       WHERE ${scope.chainWhere}
       GROUP BY r.visit_id, r.department_code
    ), visit_day AS (
      SELECT visit_id, min(check_date) AS visit_check_date FROM chain GROUP BY visit_id
    ), dated AS (
      SELECT t.visit_id, t.department_code, v.uscc, v.task_id, c.result_id, c.status, c.category, c.check_date,
             c.first_published_at, c.published_due_date, vd.visit_check_date, k.window_end
        FROM visit v
        JOIN visit_team t ON t.visit_id = v.id
        JOIN joint_task k ON k.id = v.task_id
        LEFT JOIN chain c ON c.visit_id = t.visit_id AND c.department_code = t.department_code
        LEFT JOIN visit_day vd ON vd.visit_id = t.visit_id
       WHERE ${scope.slotWhere}
    ), slot AS (
      SELECT d.*,
             CASE WHEN d.check_date IS NOT NULL THEN 'CHECK_DATE' WHEN d.visit_check_date IS NOT NULL THEN 'VISIT_DATE' ELSE 'WINDOW_END' END AS basis,
             COALESCE(d.check_date, d.visit_check_date, d.window_end) AS effective_check_date
        FROM dated d
    ), flagged AS (
      SELECT s.*,
             (s.first_published_at IS NULL AND ${overdueSql('s.effective_check_date', 's.department_code', special, fallback)}) AS overdue,
             COALESCE(${chinaDateSql('s.first_published_at')} > s.published_due_date, false) AS late
        FROM slot s
    )`;
}

/** Per-department counters of the slots in `flagged`. */
function departmentCountersSql(p: SqlParams): string {
  const problems = p.add(PROBLEM_CATEGORIES);
  return `SELECT f.department_code AS department,
           count(*)::int AS teams,
           count(f.result_id)::int AS recorded,
           count(*) FILTER (WHERE f.status IN ('REVIEWED', 'PUBLISHED', 'CLOSED'))::int AS reviewed,
           count(f.first_published_at)::int AS published,
           count(*) FILTER (WHERE f.status = 'CLOSED')::int AS closed,
           count(*) FILTER (WHERE f.overdue)::int AS overdue,
           count(*) FILTER (WHERE f.overdue AND f.result_id IS NULL)::int AS "overdueMissing",
           count(*) FILTER (WHERE f.late)::int AS "publishedLate",
           count(*) FILTER (WHERE f.category = ANY(${problems}::text[]))::int AS problems,
           count(*) FILTER (WHERE f.category = 'FOLLOW_UP_PENDING' AND NOT EXISTS (
             SELECT 1 FROM follow_up_link l WHERE l.visit_id = f.visit_id AND l.result_department = f.department_code))::int AS "followUpOpen"
      FROM flagged f
     GROUP BY f.department_code`;
}

/** Per-department inspector load of the teams `teamWhere` selects (over visit v, visit_team t, joint_task k). */
function workloadSql(teamWhere: string): string {
  return `SELECT department_code AS department, count(*)::int AS inspectors, max(n)::int AS "maxTeamsPerInspector", sum(n)::int AS assignments
      FROM (SELECT t.department_code, i, count(*) AS n
              FROM visit v JOIN visit_team t ON t.visit_id = v.id JOIN joint_task k ON k.id = v.task_id CROSS JOIN unnest(t.inspector_ids) AS i
             WHERE ${teamWhere}
             GROUP BY t.department_code, i) x
     GROUP BY department_code`;
}

/** Counters of one department's slots (a task's, or a year's across tasks). */
export interface SlotCounters {
  department: string;
  teams: number;
  recorded: number;
  reviewed: number;
  published: number;
  closed: number;
  overdue: number;
  overdueMissing: number;
  publishedLate: number;
  problems: number;
  followUpOpen: number;
  inspectors: number;
  maxTeamsPerInspector: number;
  assignments: number;
}

/** Visit-level progress of a task. */
export interface VisitCounters {
  visits: number;
  visitsChecked: number;
  visitsCompleted: number;
  understaffedVisits: number;
}

/** How many current results fall into one category. */
export interface CategoryCount {
  category: ResultCategory;
  count: number;
}

/** Problem discovery within one industry section (null code: the registry does not know the enterprise). */
export interface IndustryCounts {
  code: string | null;
  name: string | null;
  nameEn: string | null;
  enterprises: number;
  results: number;
  problems: number;
}

/** One overdue slot. */
export interface OverdueSlotRow {
  visitId: string;
  departmentCode: string;
  uscc: string;
  resultId: string | null;
  status: ResultStatus | null;
  basis: DueDateBasis;
  effectiveCheckDate: string;
}

const OVERDUE_CURSOR = /^\d{4}-\d{2}-\d{2}\|[0-9a-f-]{36}\|[a-z][a-z0-9]{1,31}$/;

/**
 * The statements behind one task's dashboard. One instance serves one request: each statement
 * runs at most once, however many fields need its rows.
 */
export class TaskDashboardQueries {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: DataSource,
    readonly taskId: string,
    readonly today: string,
    private readonly origin: CallOrigin,
  ) {}

  /** Runs `fn` once per key for this request. */
  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, fn());
    return this.memo.get(key) as Promise<T>;
  }

  /** The statement's parameters, starting with the task id, and the task's slots as CTEs. */
  private taskSlots(): { p: SqlParams; task: string; cte: string } {
    const p = new SqlParams();
    const task = p.add(this.taskId);
    return {
      p,
      task,
      cte: slotCte(
        { chainWhere: `r.task_id = ${task}`, slotWhere: `v.task_id = ${task}` },
        p,
        this.today,
      ),
    };
  }

  /** Per-department counters and workload, ordered by department code: one statement. */
  departments(): Promise<SlotCounters[]> {
    return this.once('departments', () => {
      const { p, task, cte } = this.taskSlots();
      return this.db.query(
        `${cte}, counters AS (${departmentCountersSql(p)}), load AS (${workloadSql(`v.task_id = ${task}`)})
         SELECT c.*, COALESCE(l.inspectors, 0) AS inspectors, COALESCE(l."maxTeamsPerInspector", 0) AS "maxTeamsPerInspector", COALESCE(l.assignments, 0) AS assignments
           FROM counters c LEFT JOIN load l ON l.department = c.department ORDER BY c.department`,
        p.values,
      );
    });
  }

  /** Visits planned, checked (someone recorded), completed (every department published): one statement. */
  visits(): Promise<VisitCounters> {
    return this.once('visits', async () => {
      const { p, task, cte } = this.taskSlots();
      const [row] = await this.db.query(
        `${cte}
         SELECT count(*)::int AS visits,
                count(*) FILTER (WHERE recorded > 0)::int AS "visitsChecked",
                count(*) FILTER (WHERE published = teams)::int AS "visitsCompleted",
                (SELECT count(*)::int FROM visit WHERE task_id = ${task} AND status = 'UNDERSTAFFED') AS "understaffedVisits"
           FROM (SELECT visit_id, count(*) AS teams, count(result_id) AS recorded, count(first_published_at) AS published
                   FROM flagged GROUP BY visit_id) x`,
        p.values,
      );
      return row as VisitCounters;
    });
  }

  /** Current results per category, in the order of the rules, zeros included: one statement. */
  categories(): Promise<CategoryCount[]> {
    return this.once('categories', async () => {
      const rows: { category: ResultCategory; count: number }[] = await this.db.query(
        `SELECT category, count(*)::int AS count FROM check_result WHERE task_id = $1 AND superseded_at IS NULL GROUP BY category`,
        [this.taskId],
      );
      const counts = new Map(rows.map((r) => [r.category, r.count]));
      return RESULT_CATEGORIES.map((c) => ({
        category: c.category,
        count: counts.get(c.category) ?? 0,
      }));
    });
  }

  /**
   * Problem discovery per industry section: results and problems per enterprise from one
   * statement, the enterprises' industries from the registry in one batched call, grouped here.
   */
  industries(): Promise<IndustryCounts[]> {
    return this.once('industries', async () => {
      const rows: { uscc: string; results: number; problems: number }[] = await this.db.query(
        `SELECT uscc, count(*)::int AS results, count(*) FILTER (WHERE category = ANY($2::text[]))::int AS problems
           FROM check_result WHERE task_id = $1 AND superseded_at IS NULL GROUP BY uscc`,
        [this.taskId, PROBLEM_CATEGORIES],
      );
      const industries = await fetchIndustries(
        rows.map((r) => r.uscc),
        this.origin,
      );
      const groups = new Map<string, IndustryCounts>();
      for (const r of rows) {
        const industry = industries.get(r.uscc) ?? null;
        const key = industry?.code ?? '';
        let g = groups.get(key);
        if (!g)
          groups.set(
            key,
            (g = {
              code: industry?.code ?? null,
              name: industry?.name ?? null,
              nameEn: industry?.nameEn ?? null,
              enterprises: 0,
              results: 0,
              problems: 0,
            }),
          );
        g.enterprises++;
        g.results += r.results;
        g.problems += r.problems;
      }
      return [...groups.values()].sort(
        (a, b) =>
          b.problems / b.results - a.problems / a.results ||
          (a.code ?? '~').localeCompare(b.code ?? '~'),
      );
    });
  }

  /** A page of overdue slots, oldest check date first, keyset-paginated: one statement. */
  async overdue(
    first: number,
    after: string | null | undefined,
  ): Promise<{ rows: OverdueSlotRow[]; cursorOf: (r: OverdueSlotRow) => string }> {
    const { p, cte } = this.taskSlots();
    const cursor = decodeCursor(after, OVERDUE_CURSOR)?.split('|');
    const afterSql = cursor
      ? `AND (f.effective_check_date, f.visit_id, f.department_code) > (${p.add(cursor[0])}::date, ${p.add(cursor[1])}::uuid, ${p.add(cursor[2])})`
      : '';
    const rows: OverdueSlotRow[] = await this.db.query(
      `${cte}
       SELECT f.visit_id AS "visitId", f.department_code AS "departmentCode", f.uscc, f.result_id AS "resultId", f.status, f.basis,
              to_char(f.effective_check_date, 'YYYY-MM-DD') AS "effectiveCheckDate"
         FROM flagged f
        WHERE f.overdue ${afterSql}
        ORDER BY f.effective_check_date, f.visit_id, f.department_code
        LIMIT ${p.add(first + 1)}`,
      p.values,
    );
    return { rows, cursorOf: (r) => `${r.effectiveCheckDate}|${r.visitId}|${r.departmentCode}` };
  }
}

/** One department's slots over the tasks whose window starts in a year, with its inspectors' load: one statement. */
export async function departmentWorkload(
  db: DataSource,
  department: string,
  year: number,
  today: string,
): Promise<SlotCounters & { tasks: number }> {
  const p = new SqlParams();
  const dept = p.add(department);
  const from = p.add(`${year}-01-01`);
  const to = p.add(`${year + 1}-01-01`);
  const inYear = (alias: string) =>
    `${alias}.window_start >= ${from}::date AND ${alias}.window_start < ${to}::date`;
  const cte = slotCte(
    {
      chainWhere: `r.task_id IN (SELECT id FROM joint_task k WHERE ${inYear('k')})`,
      slotWhere: `t.department_code = ${dept} AND ${inYear('k')}`,
    },
    p,
    today,
  );
  const [row] = await db.query(
    `${cte}, counters AS (${departmentCountersSql(p)}), load AS (${workloadSql(`t.department_code = ${dept} AND ${inYear('k')}`)})
     SELECT ${dept}::text AS department,
            (SELECT count(DISTINCT task_id)::int FROM flagged) AS tasks,
            COALESCE(c.teams, 0) AS teams, COALESCE(c.recorded, 0) AS recorded, COALESCE(c.reviewed, 0) AS reviewed,
            COALESCE(c.published, 0) AS published, COALESCE(c.closed, 0) AS closed, COALESCE(c.overdue, 0) AS overdue,
            COALESCE(c."overdueMissing", 0) AS "overdueMissing", COALESCE(c."publishedLate", 0) AS "publishedLate",
            COALESCE(c.problems, 0) AS problems, COALESCE(c."followUpOpen", 0) AS "followUpOpen",
            COALESCE(l.inspectors, 0) AS inspectors, COALESCE(l."maxTeamsPerInspector", 0) AS "maxTeamsPerInspector", COALESCE(l.assignments, 0) AS assignments
       FROM (SELECT 1) one LEFT JOIN counters c ON true LEFT JOIN load l ON true`,
    p.values,
  );
  return row;
}
