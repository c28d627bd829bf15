import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  requireDepartment,
  type Caller,
  type PageInfo,
} from '@jih/kit';
import {
  AuditAction,
  CheckResult,
  FollowUpLink,
  JointTask,
  ResultCategory,
  ResultStatus,
  TaskDepartment,
  Visit,
  VisitTeam,
  categoryInfo,
} from '../entities';
import { contentChanges, contentOf, writeAudit, type ResultContent } from './audit.service';
import { pageById, type PageRequest } from './paging';
import { chinaDate, dueDateOf, overdueCutoffParams, overdueSql } from './result-deadline.service';

/** What a department records for one visit, as given (recordResult and correctResult). */
interface ResultContentRequest {
  checkDate: string;
  category: ResultCategory;
  checkItems: string[];
  findings?: string | null;
  inspectorIds: string[];
  acknowledgement: {
    representativeName: string;
    signed: boolean;
    refusalReason?: string | null;
    witness?: string | null;
  };
  evidence?: string[] | null;
}

/** A result to record for one visit. */
export interface RecordResultRequest extends ResultContentRequest {
  visitId: string;
  idempotencyKey: string;
}

/** A correction of the current version of a result, with the reason. */
export interface CorrectResultRequest extends ResultContentRequest {
  resultId: string;
  reason: string;
  idempotencyKey: string;
}

/** Which result versions to list; ids and the USCC are checked by the caller. All given conditions must hold. */
export interface CheckResultFilter {
  /** Superseded versions too (ignored with `overdue`, which judges current versions only). */
  includeSuperseded?: boolean | null;
  taskId?: string | null;
  department?: string | null;
  uscc?: string | null;
  status?: ResultStatus | null;
  category?: ResultCategory | null;
  /** true: only chains with nothing published past their due date (today in China); false: only the others. */
  overdue?: boolean | null;
}

/** One page of result versions for a filter, in id order (keyset by id). */
export async function checkResultPage(
  db: DataSource,
  f: CheckResultFilter,
  page: PageRequest,
): Promise<{ nodes: CheckResult[]; pageInfo: PageInfo }> {
  const qb = db.getRepository(CheckResult).createQueryBuilder('r');
  // A deadline belongs to a chain and is judged on its current version, so the overdue filter reads current versions only.
  if (!f.includeSuperseded || f.overdue != null) qb.andWhere('r.superseded_at IS NULL');
  if (f.taskId) qb.andWhere('r.task_id = :task', { task: f.taskId });
  if (f.department) qb.andWhere('r.department_code = :dept', { dept: f.department });
  if (f.uscc) qb.andWhere('r.uscc = :uscc', { uscc: f.uscc });
  if (f.status) qb.andWhere('r.status = :status', { status: f.status });
  if (f.category) qb.andWhere('r.category = :category', { category: f.category });
  if (f.overdue != null) {
    const overdue = `(NOT EXISTS (SELECT 1 FROM check_result p WHERE p.visit_id = r.visit_id AND p.department_code = r.department_code AND p.published_at IS NOT NULL)
        AND ${overdueSql('r.check_date', 'r.department_code', ':special', ':fallback')})`;
    qb.andWhere(f.overdue ? overdue : `NOT ${overdue}`, overdueCutoffParams(chinaDate()));
  }
  return pageById(qb, 'r', page);
}

/** The latest published version of each department's result of each visit of an enterprise, newest check first. */
export async function latestPublishedResults(db: DataSource, uscc: string): Promise<CheckResult[]> {
  const rows = await db
    .getRepository(CheckResult)
    .createQueryBuilder('r')
    .distinctOn(['r.visit_id', 'r.department_code'])
    .where('r.uscc = :uscc AND r.published_at IS NOT NULL', { uscc })
    .orderBy('r.visit_id')
    .addOrderBy('r.department_code')
    .addOrderBy('r.version', 'DESC')
    .getMany();
  rows.sort(
    (a, b) =>
      b.checkDate.localeCompare(a.checkDate) || a.departmentCode.localeCompare(b.departmentCode),
  );
  return rows;
}

/** Everything a result of one department for one visit is checked against. */
export interface ResultScope {
  visit: Visit;
  task: JointTask;
  /** The department's team on the visit; null when the department is not on it. */
  team: VisitTeam | null;
  /** The department's part in the task (its check items); null when it takes no part. */
  taskDepartment: TaskDepartment | null;
}

/** Loads a visit with its task and one department's team and task part; NOT_FOUND for an unknown visit. */
export async function loadResultScope(
  db: DataSource | EntityManager,
  visitId: string,
  department: string,
): Promise<ResultScope> {
  const visit = await db.getRepository(Visit).findOneBy({ id: visitId });
  if (!visit) throw new NotFoundError(`No visit ${visitId}`, { visitId });
  const [task, team, taskDepartment] = await Promise.all([
    db.getRepository(JointTask).findOneByOrFail({ id: visit.taskId }),
    db.getRepository(VisitTeam).findOneBy({ visitId, departmentCode: department }),
    db
      .getRepository(TaskDepartment)
      .findOneBy({ taskId: visit.taskId, departmentCode: department }),
  ]);
  return { visit, task, team, taskDepartment };
}

/** Whether the caller is an inspector of the team assigned to the visit ("who checks, records"). */
export function isAssignedInspector(caller: Caller, team: VisitTeam | null): boolean {
  return (
    !!team &&
    caller.department === team.departmentCode &&
    caller.roles.includes('inspector') &&
    team.inspectorIds.includes(caller.sub)
  );
}

/** Loads a result version; NOT_FOUND when there is none. */
export async function requireResult(
  db: DataSource | EntityManager,
  id: string,
  lock = false,
): Promise<CheckResult> {
  const row = await db
    .getRepository(CheckResult)
    .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!row) throw new NotFoundError(`No check result ${id}`, { resultId: id });
  return row;
}

/** Throws CONFLICT unless `row` is the current version of its chain: only that one may change. */
export function requireCurrent(row: CheckResult, doing: string): void {
  if (row.supersededAt) {
    throw new ConflictError(
      `Result ${row.id} is version ${row.version}, superseded by a correction; ${doing} the current version instead`,
      { resultId: row.id },
    );
  }
}

/**
 * Records version 1 of a department's result for a visit. Idempotent per (caller, key): the
 * database's unique index on the key decides the race, `ON CONFLICT DO NOTHING` lets every
 * loser read the winner's row, and a key reused for another payload is CONFLICT.
 */
export async function recordResult(
  db: DataSource,
  input: RecordResultRequest,
  caller: Caller,
): Promise<CheckResult> {
  const scope = await loadResultScope(db, input.visitId, caller.department);
  if (!isAssignedInspector(caller, scope.team)) {
    throw new ForbiddenError(
      `Only inspectors of a department's team assigned to visit ${input.visitId} record its result; ${caller.sub} (${caller.roles.join('/')} of "${caller.department}") is not on it`,
      { visitId: input.visitId },
    );
  }
  const content = contentFrom(input);
  const hash = requestHash('recordResult', { visitId: input.visitId, ...content });
  const replay = await findByKey(db, caller.sub, input.idempotencyKey);
  if (replay) return sameRequest(replay, hash, input.idempotencyKey);
  rejectProblems(validateContent(content, scope, caller.sub));

  return db.transaction(async (tx) => {
    const inserted = await insertVersion(tx, {
      ...content,
      visitId: scope.visit.id,
      taskId: scope.task.id,
      uscc: scope.visit.uscc,
      departmentCode: caller.department,
      version: 1,
      previousId: null,
      correctionReason: null,
      status: ResultStatus.RECORDED,
      dueDate: dueDateOf(content.checkDate, caller.department),
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      recordedBy: caller.sub,
    });
    if (!inserted) {
      const winner = await findByKey(tx, caller.sub, input.idempotencyKey);
      if (winner) return sameRequest(winner, hash, input.idempotencyKey);
      throw new ConflictError(
        `Department "${caller.department}" has already recorded a result for visit ${input.visitId}; change it with correctResult`,
        { visitId: input.visitId, department: caller.department },
      );
    }
    await writeAudit(tx, caller, {
      result: inserted,
      action: AuditAction.RECORDED,
      changes: contentChanges(null, inserted),
    });
    return inserted;
  });
}

/**
 * Corrects the current version of a result by recording a new version with the reason; the old
 * version is kept (superseded), so a published result is never changed in place. Assigned
 * inspectors of the department or its supervisors may correct. Idempotent like recordResult.
 */
export async function correctResult(
  db: DataSource,
  input: CorrectResultRequest,
  caller: Caller,
): Promise<CheckResult> {
  const target = await requireResult(db, input.resultId);
  const scope = await loadResultScope(db, target.visitId, target.departmentCode);
  const assigned = isAssignedInspector(caller, scope.team);
  if (!assigned) requireDepartment(caller, target.departmentCode, ['supervisor']);
  const content = contentFrom(input);
  const reason = input.reason.trim();
  const hash = requestHash('correctResult', { resultId: input.resultId, reason, ...content });
  const replay = await findByKey(db, caller.sub, input.idempotencyKey);
  if (replay) return sameRequest(replay, hash, input.idempotencyKey);
  const problems = validateContent(content, scope, assigned ? caller.sub : null);
  if (reason.length < 2) problems.push('reason: give the reason for the correction');
  rejectProblems(problems);

  return db.transaction(async (tx) => {
    // The row lock orders concurrent corrections of one chain; the loser sees the winner's work.
    const current = await requireResult(tx, input.resultId, true);
    const winner = await findByKey(tx, caller.sub, input.idempotencyKey);
    if (winner) return sameRequest(winner, hash, input.idempotencyKey);
    requireCurrent(current, 'correct');
    const changes = contentChanges(contentOf(current), content);
    if (changes.length === 0)
      throw new BadUserInputError(`The correction of result ${current.id} changes nothing`, {
        resultId: current.id,
      });
    await tx.update(CheckResult, { id: current.id }, { supersededAt: new Date() });
    const inserted = await insertVersion(tx, {
      ...content,
      visitId: current.visitId,
      taskId: current.taskId,
      uscc: current.uscc,
      departmentCode: current.departmentCode,
      version: current.version + 1,
      previousId: current.id,
      correctionReason: reason,
      status: ResultStatus.RECORDED,
      dueDate: dueDateOf(content.checkDate, current.departmentCode),
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      recordedBy: caller.sub,
    });
    if (!inserted)
      throw new ConflictError(`Result ${current.id} was corrected concurrently; read it again`, {
        resultId: current.id,
      });
    await writeAudit(tx, caller, {
      result: inserted,
      action: AuditAction.CORRECTED,
      reason,
      changes,
    });
    return inserted;
  });
}

/** One step of the workflow: the state it leaves, the state it reaches, and who records it where. */
interface Step {
  action: AuditAction;
  from: ResultStatus;
  to: ResultStatus;
  verb: string;
  past: string;
  stamp: (caller: Caller, at: Date) => Partial<CheckResult>;
  /** Further conditions, checked inside the transaction with the row locked. */
  check?: (tx: EntityManager, row: CheckResult, caller: Caller) => Promise<void>;
}

export const REVIEW: Step = {
  action: AuditAction.REVIEWED,
  from: ResultStatus.RECORDED,
  to: ResultStatus.REVIEWED,
  verb: 'review',
  past: 'reviewed',
  stamp: (c, at) => ({ reviewedBy: c.sub, reviewedAt: at }),
  async check(_tx, row, caller) {
    // Four eyes: whoever recorded a version does not also review it.
    if (row.recordedBy === caller.sub)
      throw new ForbiddenError(
        `${caller.sub} recorded result ${row.id} and may not review it too`,
        { resultId: row.id },
      );
  },
};

export const PUBLISH: Step = {
  action: AuditAction.PUBLISHED,
  from: ResultStatus.REVIEWED,
  to: ResultStatus.PUBLISHED,
  verb: 'publish',
  past: 'published',
  stamp: (c, at) => ({ publishedBy: c.sub, publishedAt: at }),
};

export const CLOSE: Step = {
  action: AuditAction.CLOSED,
  from: ResultStatus.PUBLISHED,
  to: ResultStatus.CLOSED,
  verb: 'close',
  past: 'closed',
  stamp: (c, at) => ({ closedBy: c.sub, closedAt: at }),
  async check(tx, row) {
    if (row.category !== ResultCategory.FOLLOW_UP_PENDING) return;
    const linked = await tx.existsBy(FollowUpLink, {
      visitId: row.visitId,
      resultDepartment: row.departmentCode,
    });
    if (!linked) {
      throw new ConflictError(
        `Result ${row.id} is ${categoryInfo(row.category).labelZh} (FOLLOW_UP_PENDING): link the follow-up (a case, rectification or rating change) before closing it`,
        { resultId: row.id },
      );
    }
  },
};

/**
 * Moves the current version of a result one step (review, publish, close) for a supervisor of its
 * department, with the audit entry, in one transaction. Asking for the state it is already in
 * returns it unchanged, so a retried call is harmless; any other state is CONFLICT.
 */
export async function advanceResult(
  db: DataSource,
  id: string,
  caller: Caller,
  step: Step,
): Promise<CheckResult> {
  return db.transaction(async (tx) => {
    const row = await requireResult(tx, id, true);
    requireDepartment(caller, row.departmentCode, ['supervisor']);
    requireCurrent(row, step.verb);
    if (row.status === step.to) return row;
    if (row.status !== step.from) {
      throw new ConflictError(
        `Result ${id} is ${row.status}; only a ${step.from} result can be ${step.past}`,
        { resultId: id, status: row.status },
      );
    }
    await step.check?.(tx, row, caller);
    const patch = { status: step.to, ...step.stamp(caller, new Date()) };
    await tx.update(CheckResult, { id }, patch);
    Object.assign(row, patch);
    await writeAudit(tx, caller, {
      result: row,
      action: step.action,
      changes: [{ field: 'status', before: step.from, after: step.to }],
    });
    return row;
  });
}

/** The content to store from an input, trimmed, ids in canonical case. */
function contentFrom(input: ResultContentRequest): ResultContent {
  const ack = input.acknowledgement;
  return {
    checkDate: input.checkDate,
    category: input.category,
    checkItemCodes: [...input.checkItems],
    findings: (input.findings ?? '').trim(),
    inspectorIds: input.inspectorIds.map((id) => id.toLowerCase()),
    representativeName: ack.representativeName.trim(),
    signed: ack.signed,
    refusalReason: ack.refusalReason?.trim() || null,
    witness: ack.witness?.trim() || null,
    evidence: (input.evidence ?? []).map((e) => e.trim()),
  };
}

/**
 * Every rule a result's content breaks, in words: a real check date within bounds, the
 * department's own check items, present inspectors from the assigned team (the recorder among
 * them), findings for a problem, and a signature or a recorded refusal.
 */
function validateContent(
  content: ResultContent,
  scope: ResultScope,
  recorder: string | null,
): string[] {
  const problems: string[] = [];
  const { checkDate } = content;
  const today = chinaDate();
  if (!isCalendarDate(checkDate)) problems.push(`checkDate: "${checkDate}" is not a calendar date`);
  else if (checkDate > today)
    problems.push(`checkDate: ${checkDate} is in the future (today is ${today} in China)`);
  else if (checkDate < scope.task.windowStart)
    problems.push(
      `checkDate: ${checkDate} is before the task window, which starts ${scope.task.windowStart}`,
    );

  const items = new Set(scope.taskDepartment?.checkItems ?? []);
  const foreign = content.checkItemCodes.filter((c) => !items.has(c));
  if (foreign.length)
    problems.push(
      `checkItems: ${foreign.join(', ')} not among this department's items in the task (${[...items].join(', ')})`,
    );
  if (new Set(content.checkItemCodes).size !== content.checkItemCodes.length)
    problems.push('checkItems: an item is listed twice');

  const team = new Set(scope.team?.inspectorIds ?? []);
  const present = new Set(content.inspectorIds);
  const unassigned = content.inspectorIds.filter((i) => !team.has(i));
  if (present.size !== content.inspectorIds.length)
    problems.push('inspectorIds: an inspector is listed twice');
  if (unassigned.length)
    problems.push(`inspectorIds: ${unassigned.join(', ')} not assigned to this visit's team`);
  if (present.size - unassigned.length < 2)
    problems.push('inspectorIds: at least two assigned inspectors must have been present');
  if (recorder && !present.has(recorder))
    problems.push('inspectorIds: the recording inspector must be among those present');

  if (categoryInfo(content.category).problemFound && !content.findings)
    problems.push(
      `findings: required for ${content.category}, a category that means a problem was found`,
    );
  if (content.representativeName.length < 2)
    problems.push(
      'acknowledgement.representativeName: give the name of the representative present',
    );
  if (!content.signed && !content.refusalReason)
    problems.push('acknowledgement.refusalReason: required when the representative did not sign');
  if (content.signed && content.refusalReason)
    problems.push('acknowledgement.refusalReason: only for a refusal; the record is signed');
  return problems;
}

/** Throws BAD_USER_INPUT listing every problem, when there are any. */
function rejectProblems(problems: string[]): void {
  if (problems.length)
    throw new BadUserInputError(`Invalid result: ${problems.join('; ')}`, { problems });
}

/** Whether a YYYY-MM-DD string names a day that exists (no 2025-02-30). */
function isCalendarDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

/** Inserts a version unless a unique index (key, current version, version number) already holds one; returns it, or null. */
async function insertVersion(
  tx: EntityManager,
  values: Partial<CheckResult>,
): Promise<CheckResult | null> {
  const res = await tx
    .createQueryBuilder()
    .insert()
    .into(CheckResult)
    .values(values)
    .orIgnore()
    .returning(['id'])
    .execute();
  const id = (res.raw as { id: string }[])[0]?.id;
  return id ? tx.findOneByOrFail(CheckResult, { id }) : null;
}

/** The version a caller created with an idempotency key, if any. */
function findByKey(
  db: DataSource | EntityManager,
  recordedBy: string,
  idempotencyKey: string,
): Promise<CheckResult | null> {
  return db.getRepository(CheckResult).findOneBy({ recordedBy, idempotencyKey });
}

/** A replay returns the stored version; the key reused for another payload is CONFLICT. */
function sameRequest(existing: CheckResult, hash: string, key: string): CheckResult {
  if (existing.requestHash !== hash) {
    throw new ConflictError(
      `Idempotency key "${key}" was already used for a different request (result ${existing.id}); use a new key`,
      { resultId: existing.id },
    );
  }
  return existing;
}

/** SHA-256 over the operation and its payload with sorted keys: equal requests hash equally. */
function requestHash(operation: string, payload: Record<string, unknown>): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(payload)}`)
    .digest('hex');
}

/** JSON with object keys sorted at every level. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
