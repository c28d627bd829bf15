import type { DataSource, EntityManager } from 'typeorm';
import type { Caller, PageInfo } from '@jih/kit';
import {
  AuditEntry,
  type AuditAction,
  type AuditChangeRecord,
  type CheckResult,
} from '../entities';
import { pageById, type PageRequest } from './paging';

/** The fields of a result that a correction may change, in the order the audit trail lists them. */
const CONTENT_FIELDS = [
  'checkDate',
  'category',
  'checkItemCodes',
  'findings',
  'inspectorIds',
  'representativeName',
  'signed',
  'refusalReason',
  'witness',
  'evidence',
] as const satisfies readonly (keyof CheckResult)[];

export type ResultContent = Pick<CheckResult, (typeof CONTENT_FIELDS)[number]>;

/** The recorded content of a result version, for comparing versions. */
export function contentOf(result: ResultContent): ResultContent {
  return Object.fromEntries(CONTENT_FIELDS.map((f) => [f, result[f]])) as ResultContent;
}

/** The content fields that differ between two versions (every field when there is no `before`). */
export function contentChanges(
  before: ResultContent | null,
  after: ResultContent,
): AuditChangeRecord[] {
  return CONTENT_FIELDS.filter(
    (f) => !before || JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  ).map((f) => ({
    field: f,
    before: before ? before[f] : null,
    after: after[f],
  }));
}

/**
 * Appends one entry to the audit trail of a result chain, inside the caller's transaction, so a
 * change and its record are committed together or not at all.
 */
export async function writeAudit(
  tx: EntityManager,
  caller: Caller,
  entry: {
    result: Pick<CheckResult, 'id' | 'visitId' | 'departmentCode' | 'version'>;
    action: AuditAction;
    referralId?: string;
    reason?: string | null;
    changes?: AuditChangeRecord[];
  },
): Promise<void> {
  await tx.save(
    tx.create(AuditEntry, {
      visitId: entry.result.visitId,
      departmentCode: entry.result.departmentCode,
      resultId: entry.result.id,
      version: entry.result.version,
      referralId: entry.referralId ?? null,
      action: entry.action,
      actor: caller.sub,
      actorDepartment: caller.department,
      actorRoles: caller.roles,
      reason: entry.reason ?? null,
      changes: entry.changes ?? [],
    }),
  );
}

/** Which audit entries to list; ids are checked by the caller. All given conditions must hold. */
export interface AuditTrailFilter {
  /** Only the chain of this result version (all its versions). */
  resultId?: string | null;
  visitId?: string | null;
  department?: string | null;
  actor?: string | null;
  action?: AuditAction | null;
}

/** One page of the audit trail for a filter, oldest first (keyset by id). */
export async function auditTrailPage(
  db: DataSource,
  f: AuditTrailFilter,
  page: PageRequest,
): Promise<{ nodes: AuditEntry[]; pageInfo: PageInfo }> {
  const qb = db.getRepository(AuditEntry).createQueryBuilder('a');
  if (f.resultId) {
    qb.andWhere(
      '(a.visit_id, a.department_code) = (SELECT r.visit_id, r.department_code FROM check_result r WHERE r.id = :result)',
      { result: f.resultId },
    );
  }
  if (f.visitId) qb.andWhere('a.visit_id = :visit', { visit: f.visitId });
  if (f.department) qb.andWhere('a.department_code = :dept', { dept: f.department });
  if (f.actor) qb.andWhere('a.actor = :actor', { actor: f.actor });
  if (f.action) qb.andWhere('a.action = :action', { action: f.action });
  return pageById(qb, 'a', page, /^\d{1,19}$/);
}
