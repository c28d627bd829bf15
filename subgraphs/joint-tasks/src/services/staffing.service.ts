import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { FrameHeader } from '@jih/kit';
import { estimateWorkingDays } from '@jih/domain/working-days';
import type { DepartmentStaffing, StaffingContext } from '../draw/inspectors';
import { pseudonymOf, type TeamInputs } from '../draw/protocol';
import { PoolMode, type JointTask, type TaskDepartment } from '../entities';

/** The registry data the inspector rules need (a frame header). */
export type StaffingHeader = Pick<
  FrameHeader,
  'inspectors' | 'recusals' | 'checkItems' | 'policies'
>;

/**
 * The inputs of inspector assignment for a task, with real inspector ids: the departments'
 * required expertise and pools, the registry's directory and recusals, who checked which
 * enterprise within each department's rotation window before or after this task, and how many
 * teams each inspector has in other tasks whose windows overlap this one. With `usccs`, pairs
 * are kept only for those enterprises (the frame's).
 */
export async function liveStaffingContext(
  db: DataSource | EntityManager,
  task: JointTask,
  departments: TaskDepartment[],
  header: StaffingHeader,
  seed: string,
  usccs?: ReadonlySet<string>,
): Promise<StaffingContext> {
  const expertiseOf = new Map(header.checkItems.map((c) => [c.code, c.expertise]));
  const staffing: DepartmentStaffing[] = departments.map((td) => ({
    department: td.departmentCode,
    requiredExpertise: [
      ...new Set(td.checkItems.map((c) => expertiseOf.get(c)).filter((e): e is string => !!e)),
    ],
    pool:
      td.poolMode === PoolMode.SUB_POOL
        ? { kind: 'subPool', inspectorIds: td.subPool }
        : { kind: 'whole' },
  }));
  const inFrame = (uscc: string) => !usccs || usccs.has(uscc);
  const rotation: { inspectorId: string; uscc: string }[] = [];
  for (const td of departments) {
    const days = header.policies[td.departmentCode]?.rotationDays ?? 0;
    if (days <= 0) continue;
    const rows: { inspector_id: string; uscc: string }[] = await db.query(
      `SELECT DISTINCT unnest(vt.inspector_ids) AS inspector_id, v.uscc
         FROM visit_team vt JOIN visit v ON v.id = vt.visit_id JOIN joint_task t ON t.id = v.task_id
        WHERE vt.department_code = $1 AND t.id <> $2 AND GREATEST(0, t.window_start - $4::date, $3::date - t.window_end) < $5::int`,
      [td.departmentCode, task.id, task.windowStart, task.windowEnd, days],
    );
    for (const r of rows)
      if (inFrame(r.uscc)) rotation.push({ inspectorId: r.inspector_id, uscc: r.uscc });
  }
  const loads: { inspector_id: string; teams: number }[] = await db.query(
    `SELECT i AS inspector_id, count(*)::int AS teams
       FROM visit_team vt JOIN visit v ON v.id = vt.visit_id JOIN joint_task t ON t.id = v.task_id CROSS JOIN LATERAL unnest(vt.inspector_ids) AS i
      WHERE vt.department_code = ANY($1) AND t.id <> $2 AND t.window_start <= $4::date AND t.window_end >= $3::date
      GROUP BY i`,
    [departments.map((d) => d.departmentCode), task.id, task.windowStart, task.windowEnd],
  );
  return {
    seed,
    inspectors: header.inspectors,
    departments: staffing,
    recusals: header.recusals
      .filter(([, uscc]) => inFrame(uscc))
      .map(([inspectorId, uscc]) => ({ inspectorId, uscc })),
    rotation,
    priorLoad: loads.map((l) => ({ inspectorId: l.inspector_id, teams: l.teams })),
    capacity: {
      perDay: task.capacityPerDay,
      workingDays: Math.max(1, estimateWorkingDays(task.windowStart, task.windowEnd).days),
    },
    minPerTeam: task.minPerTeam,
  };
}

/**
 * Freezes a staffing context for a commitment: inspector ids replaced by per-commitment
 * pseudonyms (the key is random and never published), pairs sorted so the inputs have one
 * canonical form. Returns the public inputs and the pseudonym → id map that stays private.
 */
export function pseudonymiseStaffing(
  context: StaffingContext,
  key: Buffer = randomBytes(32),
): { inputs: TeamInputs; pseudonyms: Record<string, string> } {
  const pseudonyms: Record<string, string> = {};
  const alias = new Map<string, string>();
  const of = (id: string) => {
    let p = alias.get(id);
    if (!p) {
      p = pseudonymOf(key, id);
      alias.set(id, p);
      pseudonyms[p] = id;
    }
    return p;
  };
  const pairs = (xs: Iterable<{ inspectorId: string; uscc: string }> | undefined) =>
    [...(xs ?? [])].map((x) => [of(x.inspectorId), x.uscc] as [string, string]).sort(comparePairs);
  // Ordered by pseudonym, not by the directory's id order: in id order, anyone who can list a
  // department's inspectors could map the k-th pseudonym to the k-th inspector.
  const inspectors = context.inspectors
    .map((x) => ({
      id: of(x.id),
      department: x.department,
      active: x.active,
      expertise: [...x.expertise],
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const inputs: TeamInputs = {
    inspectors,
    departments: context.departments.map((d) => ({
      department: d.department,
      requiredExpertise: [...d.requiredExpertise].sort(),
      pool:
        d.pool?.kind === 'subPool'
          ? { kind: 'subPool', inspectorIds: d.pool.inspectorIds.map(of).sort() }
          : { kind: 'whole' },
    })),
    recusals: dedupe(pairs(context.recusals)),
    rotation: dedupe(pairs(context.rotation)),
    priorLoad: [...(context.priorLoad ?? [])]
      .map((l) => [of(l.inspectorId), l.teams] as [string, number])
      .sort(comparePairs),
    capacity: { perDay: context.capacity.perDay, workingDays: context.capacity.workingDays ?? 1 },
    minPerTeam: context.minPerTeam ?? 2,
  };
  return { inputs, pseudonyms };
}

/** Orders pairs by their first, then second element (code-unit order). */
function comparePairs(
  a: readonly [string, string | number],
  b: readonly [string, string | number],
): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Drops repeated pairs from a sorted list. */
function dedupe(sorted: [string, string][]): [string, string][] {
  return sorted.filter((x, k) => k === 0 || x[0] !== sorted[k - 1][0] || x[1] !== sorted[k - 1][1]);
}
