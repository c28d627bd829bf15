import type { DataSource } from 'typeorm';
import {
  BadUserInputError,
  NotFoundError,
  callSubgraph,
  type CallOrigin,
  type Caller,
  serviceUrl,
} from '@jih/kit';
import { replaceInspector, type TeamAssignment } from '../draw/inspectors';
import {
  Draw,
  JointTask,
  TaskDepartment,
  TeamChange,
  TeamStatus,
  Visit,
  VisitStatus,
  VisitTeam,
} from '../entities';
import { fetchFrame } from './registry.client';
import { liveStaffingContext } from './staffing.service';

/** Rebuilds the algorithm's view of a stored team, with its recorded replacements. */
function asAssignment(
  visit: Visit,
  team: VisitTeam,
  changes: TeamChange[],
  minPerTeam: number,
): TeamAssignment {
  return {
    visitId: visit.id,
    uscc: visit.uscc,
    department: team.departmentCode,
    inspectorIds: team.inspectorIds,
    status: team.status === TeamStatus.STAFFED ? 'STAFFED' : 'UNDERSTAFFED',
    minPerTeam,
    uncoveredExpertise: team.uncoveredExpertise,
    reason: team.reason,
    exclusions: null,
    replacements: changes.map((c) => ({
      sequence: c.sequence,
      replaced: c.replacedInspectorId,
      added: c.addedInspectorIds,
      reason: c.reason,
    })),
  };
}

/**
 * A recusal after the draw (回避 then 递补): the conflict is declared in the registry (so every
 * later draw honours it), then a replacement is drawn with the draw's seed and the next sequence
 * number, under the same rules, and recorded as a team change. The team row is locked for the
 * duration so two replacements of one team cannot interleave.
 */
export async function recuseAndReplace(
  db: DataSource,
  req: { visitId: string; department: string; inspectorId: string; reason: string },
  caller: Caller,
  origin: CallOrigin,
): Promise<VisitTeam> {
  const visit = await db.getRepository(Visit).findOneBy({ id: req.visitId });
  if (!visit) throw new NotFoundError(`No visit ${req.visitId}`);
  const team = await db
    .getRepository(VisitTeam)
    .findOneBy({ visitId: req.visitId, departmentCode: req.department });
  if (!team)
    throw new NotFoundError(`Department ${req.department} has no team on visit ${req.visitId}`);
  if (!team.inspectorIds.includes(req.inspectorId))
    throw new BadUserInputError(
      `Inspector ${req.inspectorId} is not on the ${req.department} team of this visit`,
    );

  await callSubgraph(
    serviceUrl('registry'),
    'registry',
    `mutation($i: ID!, $u: ID!, $r: String!) { declareRecusal(inspectorId: $i, uscc: $u, reason: $r) { id } }`,
    { i: req.inspectorId, u: visit.uscc, r: req.reason },
    origin,
  );
  const task = await db.getRepository(JointTask).findOneByOrFail({ id: visit.taskId });
  const departments = await db
    .getRepository(TaskDepartment)
    .findBy({ taskId: task.id, departmentCode: req.department });
  const { header } = await fetchFrame(
    { departments: [req.department], checkItems: departments[0].checkItems, headerOnly: true },
    origin,
  );
  const draw = await db.getRepository(Draw).findOneByOrFail({ taskId: task.id });
  const context = await liveStaffingContext(db, task, departments, header, draw.seed);

  return db.transaction(async (tx) => {
    const locked = await tx.findOne(VisitTeam, {
      where: { visitId: req.visitId, departmentCode: req.department },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked || !locked.inspectorIds.includes(req.inspectorId))
      throw new BadUserInputError(`Inspector ${req.inspectorId} is no longer on this team`);
    const changes = await tx.find(TeamChange, {
      where: { visitId: req.visitId, departmentCode: req.department },
      order: { sequence: 'ASC' },
    });
    // Capacity counts every team of this department in the task.
    const others: { visit_id: string; uscc: string; inspector_ids: string[]; status: string }[] =
      await tx.query(
        `SELECT vt.visit_id, v.uscc, vt.inspector_ids, vt.status FROM visit_team vt JOIN visit v ON v.id = vt.visit_id
        WHERE v.task_id = $1 AND vt.department_code = $2`,
        [task.id, req.department],
      );
    const teams: TeamAssignment[] = others.map((o) => ({
      visitId: o.visit_id,
      uscc: o.uscc,
      department: req.department,
      inspectorIds: o.inspector_ids,
      status: o.status === 'STAFFED' ? 'STAFFED' : 'UNDERSTAFFED',
      minPerTeam: task.minPerTeam,
      uncoveredExpertise: [],
      reason: null,
      exclusions: null,
      replacements: [],
    }));
    const current = asAssignment(visit, locked, changes, task.minPerTeam);
    const next = replaceInspector(context, {
      team: current,
      inspectorId: req.inspectorId,
      reason: req.reason,
      sequence: changes.length + 1,
      teams,
    });
    const added = next.replacements[next.replacements.length - 1];
    await tx.save(
      tx.create(TeamChange, {
        visitId: req.visitId,
        departmentCode: req.department,
        sequence: added.sequence,
        replacedInspectorId: req.inspectorId,
        addedInspectorIds: [...added.added],
        reason: req.reason,
        changedBy: caller.sub,
      }),
    );
    locked.inspectorIds = [...next.inspectorIds];
    locked.status = next.status === 'STAFFED' ? TeamStatus.STAFFED : TeamStatus.UNDERSTAFFED;
    locked.reason = next.reason;
    locked.uncoveredExpertise = [...next.uncoveredExpertise];
    await tx.save(locked);
    const [{ understaffed }] = await tx.query(
      `SELECT count(*)::int AS understaffed FROM visit_team WHERE visit_id = $1 AND status = 'UNDERSTAFFED'`,
      [req.visitId],
    );
    await tx.update(
      Visit,
      { id: req.visitId },
      { status: understaffed > 0 ? VisitStatus.UNDERSTAFFED : VisitStatus.PLANNED },
    );
    return locked;
  });
}
