import type { DataSource, EntityManager } from 'typeorm';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  callSubgraph,
  fromDatabaseError,
  requireDepartment,
  type CallOrigin,
  type Caller,
  type PageInfo,
  serviceUrl,
} from '@jih/kit';
import {
  AuditAction,
  CheckResult,
  FollowUpLink,
  Referral,
  ReferralStatus,
  type FollowUpKind,
} from '../entities';
import { writeAudit } from './audit.service';
import { pageById, type PageRequest } from './paging';
import {
  isAssignedInspector,
  loadResultScope,
  requireCurrent,
  requireResult,
} from './result.service';

/** A typed reference to a follow-up in a department's own subgraph. */
export interface FollowUpReference {
  department: string;
  kind: FollowUpKind;
  id: string;
}

/** A finding to refer to the competent department. */
export interface ReferFindingRequest {
  resultId: string;
  toDepartment: string;
  matter: string;
  suspectedCrime?: boolean | null;
}

/** Which referrals to list; all given conditions must hold. */
export interface ReferralFilter {
  toDepartment?: string | null;
  fromDepartment?: string | null;
  status?: ReferralStatus | null;
  suspectedCrime?: boolean | null;
}

/** One page of referrals for a filter, in id order (keyset by id). */
export async function referralPage(
  db: DataSource,
  f: ReferralFilter,
  page: PageRequest,
): Promise<{ nodes: Referral[]; pageInfo: PageInfo }> {
  const qb = db.getRepository(Referral).createQueryBuilder('x');
  if (f.toDepartment) qb.andWhere('x.to_department = :to', { to: f.toDepartment });
  if (f.fromDepartment) qb.andWhere('x.from_department = :from', { from: f.fromDepartment });
  if (f.status) qb.andWhere('x.status = :status', { status: f.status });
  if (f.suspectedCrime != null)
    qb.andWhere('x.suspected_crime = :crime', { crime: f.suspectedCrime });
  return pageById(qb, 'x', page);
}

/** Throws FORBIDDEN unless the caller checked this result's visit for its department or supervises that department. */
async function requireResultDepartment(
  db: DataSource | EntityManager,
  result: CheckResult,
  caller: Caller,
): Promise<void> {
  const { team } = await loadResultScope(db, result.visitId, result.departmentCode);
  if (!isAssignedInspector(caller, team))
    requireDepartment(caller, result.departmentCode, ['supervisor']);
}

/**
 * Refers a finding of a result to the competent department (移送): an assigned inspector or a
 * supervisor of the checking department. The receiving department must exist in the registry
 * (one call to its public API); suspected crimes are marked for the judicial authorities.
 */
export async function referFinding(
  db: DataSource,
  input: ReferFindingRequest,
  caller: Caller,
  origin: CallOrigin,
): Promise<Referral> {
  const result = await requireResult(db, input.resultId);
  await requireResultDepartment(db, result, caller);
  requireCurrent(result, 'refer from');
  if (input.toDepartment === result.departmentCode) {
    throw new BadUserInputError(
      `A referral goes to another department; "${input.toDepartment}" checked this result itself`,
      { argument: 'input.toDepartment' },
    );
  }
  const { departments } = await callSubgraph<{ departments: { code: string }[] }>(
    serviceUrl('registry'),
    'registry',
    '{ departments { code } }',
    {},
    origin,
  );
  if (!departments.some((d) => d.code === input.toDepartment)) {
    throw new BadUserInputError(`Unknown department "${input.toDepartment}"`, {
      argument: 'input.toDepartment',
    });
  }
  const matter = input.matter.trim();
  if (matter.length < 2)
    throw new BadUserInputError('matter: describe what is referred', { argument: 'input.matter' });
  try {
    return await db.transaction(async (tx) => {
      const referral = await tx.save(
        tx.create(Referral, {
          resultId: result.id,
          visitId: result.visitId,
          uscc: result.uscc,
          fromDepartmentCode: result.departmentCode,
          toDepartmentCode: input.toDepartment,
          matter,
          suspectedCrime: input.suspectedCrime ?? false,
          status: ReferralStatus.PENDING,
          referredBy: caller.sub,
        }),
      );
      await writeAudit(tx, caller, {
        result,
        action: AuditAction.REFERRED,
        referralId: referral.id,
        changes: [
          {
            field: 'referral',
            before: null,
            after: {
              toDepartment: referral.toDepartmentCode,
              suspectedCrime: referral.suspectedCrime,
            },
          },
        ],
      });
      return referral;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new ConflictError(
        `Result ${result.id} has already been referred to "${input.toDepartment}"`,
        { resultId: result.id },
      );
    }
    throw fromDatabaseError(err, 'Referral');
  }
}

/**
 * Accepts or declines a pending referral, for a supervisor of the receiving department; an
 * acceptance may link the follow-up at once. Answering again the same way returns it unchanged.
 */
export async function decideReferral(
  db: DataSource,
  id: string,
  caller: Caller,
  decision:
    { accept: true; followUp?: FollowUpReference | null } | { accept: false; reason: string },
): Promise<Referral> {
  return db.transaction(async (tx) => {
    const referral = await requireReferral(tx, id, caller);
    const to = decision.accept ? ReferralStatus.ACCEPTED : ReferralStatus.DECLINED;
    if (referral.status !== ReferralStatus.PENDING && referral.status !== to) {
      throw new ConflictError(`Referral ${id} is already ${referral.status}`, {
        referralId: id,
        status: referral.status,
      });
    }
    if (referral.status === ReferralStatus.PENDING) {
      const reason = decision.accept ? null : decision.reason.trim();
      if (reason !== null && (reason.length < 2 || reason.length > 500)) {
        throw new BadUserInputError(
          `reason: say in 2-500 characters why the referral is declined (got ${reason.length})`,
          { argument: 'reason' },
        );
      }
      Object.assign(referral, {
        status: to,
        decidedBy: caller.sub,
        decidedAt: new Date(),
        declineReason: reason,
      });
      await tx.save(referral);
      await writeAudit(tx, caller, {
        result: await requireResult(tx, referral.resultId),
        referralId: id,
        reason,
        action: decision.accept ? AuditAction.REFERRAL_ACCEPTED : AuditAction.REFERRAL_DECLINED,
        changes: [{ field: 'referral.status', before: ReferralStatus.PENDING, after: to }],
      });
    }
    if (decision.accept && decision.followUp)
      await linkFollowUp(tx, caller, referral.resultId, decision.followUp, referral);
    return referral;
  });
}

/** Links the receiving department's follow-up to an accepted referral (its supervisors). */
export async function linkReferralFollowUp(
  db: DataSource,
  id: string,
  followUp: FollowUpReference,
  caller: Caller,
): Promise<Referral> {
  return db.transaction(async (tx) => {
    const referral = await requireReferral(tx, id, caller);
    if (referral.status !== ReferralStatus.ACCEPTED)
      throw new ConflictError(
        `Referral ${id} is ${referral.status}; accept it before linking a follow-up`,
        { referralId: id },
      );
    await linkFollowUp(tx, caller, referral.resultId, followUp, referral);
    return referral;
  });
}

/** Links the checking department's own follow-up to a result (its assigned inspectors or supervisors). */
export async function linkResultFollowUp(
  db: DataSource,
  resultId: string,
  followUp: FollowUpReference,
  caller: Caller,
): Promise<CheckResult> {
  const result = await requireResult(db, resultId);
  await requireResultDepartment(db, result, caller);
  await db.transaction((tx) => linkFollowUp(tx, caller, resultId, followUp, null));
  return result;
}

/** Loads a referral with a row lock, for a supervisor of its receiving department. */
async function requireReferral(tx: EntityManager, id: string, caller: Caller): Promise<Referral> {
  const referral = await tx.findOne(Referral, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!referral) throw new NotFoundError(`No referral ${id}`, { referralId: id });
  requireDepartment(caller, referral.toDepartmentCode, ['supervisor']);
  return referral;
}

/**
 * Stores a follow-up link of a result chain (once: linking the same reference again changes
 * nothing) and its audit entry. The reference must be of the department that follows up: the
 * receiving department of a referral, or the checking department itself.
 */
async function linkFollowUp(
  tx: EntityManager,
  caller: Caller,
  resultId: string,
  ref: FollowUpReference,
  referral: Referral | null,
): Promise<void> {
  const result = await requireResult(tx, resultId);
  const owner = referral ? referral.toDepartmentCode : result.departmentCode;
  if (ref.department !== owner) {
    throw new BadUserInputError(
      `The follow-up must be one of "${owner}"'s own, not of "${ref.department}"`,
      { argument: 'followUp.department' },
    );
  }
  const res = await tx
    .createQueryBuilder()
    .insert()
    .into(FollowUpLink)
    .values({
      visitId: result.visitId,
      resultDepartment: result.departmentCode,
      resultId: result.id,
      referralId: referral?.id ?? null,
      department: ref.department,
      kind: ref.kind,
      refId: ref.id,
      linkedBy: caller.sub,
    })
    .orIgnore()
    .returning(['id'])
    .execute();
  if ((res.raw as unknown[]).length === 0) return;
  await writeAudit(tx, caller, {
    result,
    action: AuditAction.FOLLOW_UP_LINKED,
    referralId: referral?.id,
    changes: [
      {
        field: 'followUp',
        before: null,
        after: { department: ref.department, kind: ref.kind, id: ref.id },
      },
    ],
  });
}
