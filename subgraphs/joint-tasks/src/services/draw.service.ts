import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, copyRows, type CallOrigin, type Caller, type FrameHeader } from '../../../kit/src';
import { estimateWorkingDays } from '../calendar/working-days';
import { coordinatedDraw, type CoordinatedDrawResult, type DrawFrame } from '../draw/coordinated';
import { frameDigest, resultDigest } from '../draw/digest';
import { assignInspectors, type AssignmentResult, type DepartmentStaffing, type StaffingContext } from '../draw/inspectors';
import { ALGORITHM_VERSION } from '../draw/version';
import { Draw, JointTask, PoolMode, TaskDepartment, TaskStatus, TeamStatus, VisitStatus, type DepartmentDrawStats } from '../entities';
import { injectFault } from './faults';
import { buildFrame, loadCheckHistory } from './frame.service';
import { fetchFrame } from './registry.client';

/** Timing of each phase of a draw, for the logs and the benchmark. */
export interface DrawTimings {
  frameMs: number;
  computeMs: number;
  inspectorsMs: number;
  writeMs: number;
}

/**
 * The coordinated draw of a joint task: frame from the registry, p(d,i) from the policies and
 * this subgraph's history, coordinated Poisson / sequential Poisson sample, one visit per
 * enterprise, seeded inspector teams, and the whole result written in one transaction.
 */
export async function drawJointTask(db: DataSource, taskId: string, caller: Caller, origin: CallOrigin): Promise<{ draw: Draw; timings: DrawTimings }> {
  const started = Date.now();
  const task = await db.getRepository(JointTask).findOneBy({ id: taskId });
  if (!task) throw new NotFoundError(`No joint task ${taskId}`);
  if (task.status !== TaskStatus.PLANNED || (await db.getRepository(Draw).existsBy({ taskId }))) {
    throw new ConflictError(`Joint task ${taskId} has been drawn already; a draw is never re-run over an existing one`);
  }
  const departments = await db.getRepository(TaskDepartment).find({ where: { taskId }, order: { departmentCode: 'ASC' } });

  const registry = await fetchFrame(
    { departments: departments.map((d) => d.departmentCode), checkItems: [...new Set(departments.flatMap((d) => d.checkItems))], scope: task.scope },
    origin,
  );
  const history = await loadCheckHistory(db, task, departments, registry.header.policies);
  const frameMs = Date.now() - started;

  const t1 = Date.now();
  const { frame, modes, exclusions } = buildFrame(task, departments, registry, history);
  const result = coordinatedDraw(frame, { seed: task.seed, modes, shift: task.startPoint });
  const digestOptions = { seed: task.seed, modes, shift: task.startPoint };
  const fDigest = frameDigest(frame, digestOptions);
  const rDigest = resultDigest(frame, result);
  const computeMs = Date.now() - t1;

  const t2 = Date.now();
  const visitIds = Array.from({ length: result.visits.count }, () => randomUUID());
  const staffing = await staff(db, task, departments, registry.header, frame, result, visitIds);
  const inspectorsMs = Date.now() - t2;

  const t3 = Date.now();
  const understaffedByDept = new Map<string, number>();
  for (const t of staffing.teams) if (t.status === 'UNDERSTAFFED') understaffedByDept.set(t.department, (understaffedByDept.get(t.department) ?? 0) + 1);
  const departmentStats: DepartmentDrawStats[] = result.samples.map((s) => ({
    department: s.department,
    mode: s.mode.kind,
    sampleSize: s.mode.kind === 'fixed' ? s.mode.n : null,
    eligible: s.eligible,
    expected: s.expected,
    realised: s.realised,
    shortfall: s.shortfall,
    understaffedTeams: understaffedByDept.get(s.department) ?? 0,
  }));
  const separate = result.samples.reduce((sum, s) => sum + s.expected, 0);
  const windowDays = estimateWorkingDays(task.windowStart, task.windowEnd);
  const notes = [
    ...result.statistics.notes,
    ...(windowDays.exact ? [] : [`inspector capacity assumes ${windowDays.days} Monday-to-Friday working days: the holiday calendar does not cover ${task.windowStart}..${task.windowEnd} yet`]),
    ...Object.entries(exclusions).map(([d, x]) => `${d}: excluded ${x.notSupervised} not supervised, ${x.listed} listed, ${x.interval} within the minimum interval, ${x.exclusionYears} within the exclusion years, ${x.yearlyCap} at the yearly cap`),
  ];
  const draw = await db.transaction(async (tx) => {
    // The lock serialises concurrent draws of one task; the unique index on draw.task_id backs it.
    const locked = await tx.findOne(JointTask, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
    if (!locked || locked.status !== TaskStatus.PLANNED) throw new ConflictError(`Joint task ${taskId} has been drawn already`);
    const drawId = randomUUID();
    const saved = await tx.save(tx.create(Draw, {
      id: drawId,
      taskId,
      seed: task.seed,
      algorithmVersion: ALGORITHM_VERSION,
      departments: frame.departments as string[],
      startPoint: task.startPoint,
      modes: modes as Draw['modes'],
      frameDigest: fDigest,
      resultDigest: rDigest,
      frameSize: frame.usccs.length,
      expectedVisits: result.statistics.expectedVisits,
      independentVisits: result.statistics.independentExpectedVisits,
      separateVisits: separate,
      realisedVisits: result.visits.count,
      understaffedTeams: staffing.understaffed,
      departmentStats,
      notes,
      durationMs: 0,
      drawnBy: caller.sub,
    }));
    await writeFrame(tx, drawId, frame);
    injectFault('draw:after-frame');
    await writeVisits(tx, task, drawId, departments, frame, result, visitIds, staffing);
    injectFault('draw:after-visits');
    await tx.update(JointTask, { id: taskId }, { status: TaskStatus.DRAWN });
    saved.durationMs = Date.now() - started;
    await tx.update(Draw, { id: drawId }, { durationMs: saved.durationMs });
    return saved;
  });
  return { draw, timings: { frameMs, computeMs, inspectorsMs, writeMs: Date.now() - t3 } };
}

/** The registry data the inspector rules need (a frame header). */
type StaffingHeader = Pick<FrameHeader, 'inspectors' | 'recusals' | 'checkItems' | 'policies'>;

/**
 * The inputs of inspector assignment for a task: the departments' required expertise and
 * pools, the registry's directory and recusals, and this subgraph's rotation history (who
 * checked which enterprise within each department's rotation window before this task).
 */
export async function staffingContext(db: DataSource | EntityManager, task: JointTask, departments: TaskDepartment[], header: StaffingHeader): Promise<StaffingContext> {
  const expertiseOf = new Map(header.checkItems.map((c) => [c.code, c.expertise]));
  const staffing: DepartmentStaffing[] = departments.map((td) => ({
    department: td.departmentCode,
    requiredExpertise: [...new Set(td.checkItems.map((c) => expertiseOf.get(c)).filter((e): e is string => !!e))],
    pool: td.poolMode === PoolMode.SUB_POOL ? { kind: 'subPool', inspectorIds: td.subPool } : { kind: 'whole' },
  }));
  const rotation: { inspectorId: string; uscc: string }[] = [];
  for (const td of departments) {
    const days = header.policies[td.departmentCode]?.rotationDays ?? 0;
    if (days <= 0) continue;
    const rows: { inspector_id: string; uscc: string }[] = await db.query(
      `SELECT DISTINCT unnest(vt.inspector_ids) AS inspector_id, v.uscc
         FROM visit_team vt JOIN visit v ON v.id = vt.visit_id JOIN joint_task t ON t.id = v.task_id
        WHERE vt.department_code = $1 AND t.id <> $2 AND t.window_start > $3::date - $4::int AND t.window_start <= $3::date`,
      [td.departmentCode, task.id, task.windowStart, days],
    );
    for (const r of rows) rotation.push({ inspectorId: r.inspector_id, uscc: r.uscc });
  }
  return {
    seed: task.seed,
    inspectors: header.inspectors,
    departments: staffing,
    recusals: header.recusals.map(([inspectorId, uscc]) => ({ inspectorId, uscc })),
    rotation,
    capacity: { perDay: task.capacityPerDay, workingDays: Math.max(1, estimateWorkingDays(task.windowStart, task.windowEnd).days) },
    minPerTeam: task.minPerTeam,
  };
}

/** Seeded inspector teams for every (visit, department) of a draw. */
async function staff(
  db: DataSource, task: JointTask, departments: TaskDepartment[], header: StaffingHeader,
  frame: DrawFrame, result: CoordinatedDrawResult, visitIds: string[],
): Promise<AssignmentResult> {
  const { enterprise, offsets, departments: cols } = result.visits;
  const visits = visitIds.map((id, k) => {
    const depts: string[] = [];
    for (let j = offsets[k]; j < offsets[k + 1]; j++) depts.push(frame.departments[cols[j]]);
    return { id, uscc: frame.usccs[enterprise[k]], departments: depts };
  });
  return assignInspectors(await staffingContext(db, task, departments, header), visits);
}

/** Stores every frame row (uscc, p per department) for verifyDraw. */
async function writeFrame(tx: EntityManager, drawId: string, frame: DrawFrame): Promise<void> {
  const D = frame.departments.length;
  await copyRows(tx, 'draw_frame', ['draw_id', 'uscc', 'p'], (function* () {
    for (let i = 0; i < frame.usccs.length; i++) {
      let arr = '{';
      for (let d = 0; d < D; d++) arr += (d ? ',' : '') + String(frame.p[i * D + d]);
      yield [drawId, frame.usccs[i], arr + '}'];
    }
  })());
}

/** Stores the visits and their teams. */
async function writeVisits(
  tx: EntityManager, task: JointTask, drawId: string, departments: TaskDepartment[], frame: DrawFrame,
  result: CoordinatedDrawResult, visitIds: string[], staffing: AssignmentResult,
): Promise<void> {
  const itemsOf = new Map(departments.map((d) => [d.departmentCode, d.checkItems]));
  const understaffedVisits = new Set(staffing.teams.filter((t) => t.status === 'UNDERSTAFFED').map((t) => t.visitId));
  const { enterprise, offsets, departments: cols } = result.visits;
  const pgArray = (xs: readonly string[]) => `{${xs.map((x) => `"${x}"`).join(',')}}`;
  await copyRows(tx, 'visit', ['id', 'task_id', 'draw_id', 'uscc', 'departments', 'check_items', 'status'], (function* () {
    for (let k = 0; k < visitIds.length; k++) {
      const depts: string[] = [];
      for (let j = offsets[k]; j < offsets[k + 1]; j++) depts.push(frame.departments[cols[j]]);
      yield [visitIds[k], task.id, drawId, frame.usccs[enterprise[k]], pgArray(depts), pgArray(depts.flatMap((d) => itemsOf.get(d) ?? [])),
        understaffedVisits.has(visitIds[k]) ? VisitStatus.UNDERSTAFFED : VisitStatus.PLANNED];
    }
  })());
  await copyRows(tx, 'visit_team', ['visit_id', 'department_code', 'status', 'inspector_ids', 'reason', 'uncovered_expertise'], (function* () {
    for (const t of staffing.teams) {
      yield [t.visitId, t.department, t.status === 'STAFFED' ? TeamStatus.STAFFED : TeamStatus.UNDERSTAFFED, pgArray(t.inspectorIds), t.reason?.slice(0, 1000) ?? null, pgArray(t.uncoveredExpertise)];
    }
  })());
}
