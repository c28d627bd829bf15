import type { DataSource } from 'typeorm';
import {
  BadUserInputError,
  NotFoundError,
  UUID,
  decodeCursor,
  toPage,
  type CallOrigin,
  type Caller,
  type PageInfo,
} from '@jih/kit';
import {
  AnnualPlan,
  JointTask,
  PoolMode,
  TaskDepartment,
  TaskStatus,
  type TaskScope,
} from '../entities';
import type { PageRequest } from './paging';
import { fetchCatalogue } from './registry.client';

/** A department's part in a task to compose. */
interface TaskDepartmentRequest {
  department: string;
  checkItems: string[];
  ratio?: number | null;
  sampleSize?: number | null;
  riskWeighted?: boolean | null;
  inspectorPool?: PoolMode | null;
  subPool?: string[] | null;
}

/** A joint task to compose, as a planner gives it. */
export interface JointTaskRequest {
  title: string;
  leadDepartment: string;
  planId?: string | null;
  departments: TaskDepartmentRequest[];
  /** Directed-draw conditions; none for a non-directed draw. */
  scope?: TaskScope | null;
  windowStart: string;
  windowEnd: string;
  startPoint?: number | null;
  minInspectorsPerTeam?: number | null;
  capacityPerDay?: number | null;
}

/**
 * Checks a task against the rules and the registry's catalogue, listing every problem at once:
 * departments exist and appear once, check items belong to their department, a ratio is in
 * (0, 1] and within the policy cap when a GENERAL item is checked, ratio and sample size are not
 * both given, the window is sane, a sub-pool is given exactly for SUB_POOL, the lead department
 * participates.
 */
async function validateTask(input: JointTaskRequest, origin: CallOrigin): Promise<string[]> {
  const problems: string[] = [];
  const catalogue = await fetchCatalogue(origin);
  const known = new Set(catalogue.departments.map((d) => d.code));
  const items = new Map(catalogue.checkItems.map((c) => [c.code, c]));
  const caps = new Map(
    catalogue.samplingPolicies.map((p) => [p.departmentCode, p.generalRatioCap]),
  );
  if (!known.has(input.leadDepartment))
    problems.push(`leadDepartment: unknown department "${input.leadDepartment}"`);
  if (!input.departments.some((d) => d.department === input.leadDepartment)) {
    problems.push(
      `leadDepartment: the lead department "${input.leadDepartment}" must be among the participating departments`,
    );
  }
  const seen = new Set<string>();
  input.departments.forEach((d, k) => {
    const at = `departments[${k}]`;
    if (!known.has(d.department))
      problems.push(`${at}.department: unknown department "${d.department}"`);
    if (seen.has(d.department)) problems.push(`${at}.department: "${d.department}" appears twice`);
    seen.add(d.department);
    for (const code of d.checkItems) {
      const item = items.get(code);
      if (!item) problems.push(`${at}.checkItems: unknown check item "${code}"`);
      else if (item.departmentCode !== d.department)
        problems.push(
          `${at}.checkItems: "${code}" belongs to ${item.departmentCode}, not ${d.department}`,
        );
    }
    if (d.ratio != null && d.sampleSize != null)
      problems.push(`${at}: give ratio or sampleSize, not both`);
    if (d.ratio != null) {
      if (!(d.ratio > 0 && d.ratio <= 1))
        problems.push(`${at}.ratio: must be in (0, 1], got ${d.ratio}`);
      const cap = caps.get(d.department);
      const general = d.checkItems.filter((c) => items.get(c)?.category === 'GENERAL');
      if (cap != null && general.length && d.ratio > cap) {
        problems.push(
          `${at}.ratio: ${d.ratio} exceeds the ${d.department} policy cap ${cap} for GENERAL items (${general.join(', ')})`,
        );
      }
    }
    if (d.riskWeighted && d.ratio == null) problems.push(`${at}.riskWeighted: needs a ratio`);
    if (d.inspectorPool === PoolMode.SUB_POOL && !d.subPool?.length)
      problems.push(`${at}.subPool: SUB_POOL needs inspector ids`);
    if (d.inspectorPool !== PoolMode.SUB_POOL && d.subPool?.length)
      problems.push(`${at}.subPool: only for SUB_POOL`);
  });
  const start = Date.parse(input.windowStart);
  const end = Date.parse(input.windowEnd);
  if (Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== input.windowStart)
    problems.push(`windowStart: "${input.windowStart}" is not a calendar date`);
  if (Number.isNaN(end) || new Date(end).toISOString().slice(0, 10) !== input.windowEnd)
    problems.push(`windowEnd: "${input.windowEnd}" is not a calendar date`);
  if (!Number.isNaN(start) && !Number.isNaN(end)) {
    if (end < start)
      problems.push(`windowEnd ${input.windowEnd} is before windowStart ${input.windowStart}`);
    else if ((end - start) / 86_400_000 > 366)
      problems.push('the window may span at most 366 days');
  }
  for (const t of input.scope?.taggedBy ?? [])
    if (!known.has(t.department))
      problems.push(`scope.taggedBy: unknown department "${t.department}"`);
  return problems;
}

/** Validates and stores a joint task with its departments, in one transaction. */
export async function createJointTask(
  db: DataSource,
  input: JointTaskRequest,
  caller: Caller,
  origin: CallOrigin,
): Promise<JointTask> {
  const problems = await validateTask(input, origin);
  if (problems.length)
    throw new BadUserInputError(`Invalid joint task: ${problems.join('; ')}`, { problems });
  return db.transaction(async (tx) => {
    if (input.planId && !(await tx.existsBy(AnnualPlan, { id: input.planId })))
      throw new NotFoundError(`No annual plan ${input.planId}`);
    const task = await tx.save(
      tx.create(JointTask, {
        title: input.title,
        leadDepartmentCode: input.leadDepartment,
        planId: input.planId ?? null,
        scope: input.scope ? JSON.parse(JSON.stringify(input.scope)) : {},
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        startPoint: input.startPoint ?? 0,
        minPerTeam: input.minInspectorsPerTeam ?? 2,
        capacityPerDay: input.capacityPerDay ?? 3,
        status: TaskStatus.PLANNED,
        createdBy: caller.sub,
      }),
    );
    await tx.save(
      input.departments.map((d) =>
        tx.create(TaskDepartment, {
          taskId: task.id,
          departmentCode: d.department,
          checkItems: d.checkItems,
          ratio: d.ratio ?? null,
          sampleSize: d.sampleSize ?? null,
          riskWeighted: d.riskWeighted ?? false,
          poolMode: d.inspectorPool ?? PoolMode.WHOLE,
          subPool: d.subPool ?? [],
        }),
      ),
    );
    return task;
  });
}

/** Which joint tasks to list; all given conditions must hold. */
export interface JointTaskFilter {
  leadDepartment?: string | null;
  status?: TaskStatus | null;
}

/** One page of joint tasks for a filter, in id order (keyset by id). */
export async function jointTaskPage(
  db: DataSource,
  f: JointTaskFilter,
  page: PageRequest,
): Promise<{ nodes: JointTask[]; pageInfo: PageInfo }> {
  const qb = db.getRepository(JointTask).createQueryBuilder('t');
  if (f.leadDepartment) qb.andWhere('t.lead_department_code = :lead', { lead: f.leadDepartment });
  if (f.status) qb.andWhere('t.status = :status', { status: f.status });
  const after = decodeCursor(page.after, UUID);
  if (after) qb.andWhere('t.id > :after', { after });
  const rows = await qb
    .orderBy('t.id', 'ASC')
    .limit(page.first + 1)
    .getMany();
  return toPage(rows, page.first, (t) => t.id);
}
