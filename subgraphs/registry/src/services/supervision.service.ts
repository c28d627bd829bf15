import type { DataSource } from 'typeorm';
import { BadUserInputError, NotFoundError, requireDepartment, type Caller } from '@jih/kit';
import {
  Department,
  Enterprise,
  ListEntry,
  SamplingPolicy,
  SupervisionTag,
  type ListKind,
  type RiskClass,
} from '../entities';

/** A department's sampling rules, as given (ratios checked by the caller). */
export interface SamplingPolicyFields {
  departmentCode: string;
  ratioA: number;
  ratioB: number;
  ratioC: number;
  ratioD: number;
  generalRatioCap: number;
  minIntervalDays: number;
  yearlyCap?: number | null;
  exclusionYears: number;
  excludeListed: boolean;
  rotationDays: number;
  source: string;
}

/** An entry to put on a shared list, its USCC checked by the caller. */
export interface NewListEntry {
  kind: ListKind;
  departmentCode: string;
  reason: string;
  listedOn: string;
}

/** Every department's sampling rules, by department code. */
export function samplingPolicies(db: DataSource): Promise<SamplingPolicy[]> {
  return db.getRepository(SamplingPolicy).find({ order: { departmentCode: 'ASC' } });
}

/**
 * Sets (upserts) a department's tag and risk class on an enterprise; returns the stored tag. The
 * time of change moves only when the class or basis does. Unknown enterprise: NOT_FOUND; unknown department: BAD_USER_INPUT.
 */
export function tagEnterprise(
  db: DataSource,
  uscc: string,
  department: string,
  riskClass: RiskClass,
  basis: string,
): Promise<SupervisionTag> {
  return db.transaction(async (tx) => {
    if (!(await tx.existsBy(Enterprise, { uscc })))
      throw new NotFoundError(`No enterprise ${uscc}`);
    if (!(await tx.existsBy(Department, { code: department })))
      throw new BadUserInputError(`Unknown department "${department}"`);
    await tx.query(
      `INSERT INTO supervision_tag (uscc, department_code, risk_class, basis, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (uscc, department_code) DO UPDATE SET risk_class = EXCLUDED.risk_class, basis = EXCLUDED.basis,
         updated_at = CASE WHEN supervision_tag.risk_class = EXCLUDED.risk_class AND supervision_tag.basis = EXCLUDED.basis
                           THEN supervision_tag.updated_at ELSE now() END`,
      [uscc, department, riskClass, basis],
    );
    return tx.findOneByOrFail(SupervisionTag, { uscc, departmentCode: department });
  });
}

/** Replaces a department's sampling rules; returns the stored policy. Unknown department: BAD_USER_INPUT. */
export function setSamplingPolicy(
  db: DataSource,
  policy: SamplingPolicyFields,
): Promise<SamplingPolicy> {
  return db.transaction(async (tx) => {
    if (!(await tx.existsBy(Department, { code: policy.departmentCode })))
      throw new BadUserInputError(`Unknown department "${policy.departmentCode}"`);
    await tx.save(tx.create(SamplingPolicy, { ...policy, yearlyCap: policy.yearlyCap ?? null }));
    return tx.findOneByOrFail(SamplingPolicy, { departmentCode: policy.departmentCode });
  });
}

/** Puts an enterprise on a shared list; returns the stored entry. Unknown enterprise: NOT_FOUND. */
export function addListEntry(
  db: DataSource,
  uscc: string,
  entry: NewListEntry,
): Promise<ListEntry> {
  return db.transaction(async (tx) => {
    if (!(await tx.existsBy(Enterprise, { uscc })))
      throw new NotFoundError(`No enterprise ${uscc}`);
    return tx.save(tx.create(ListEntry, { ...entry, uscc, removedOn: null, removalReason: null }));
  });
}

/**
 * Takes an entry off its list, keeping the record, under a row lock; returns the saved entry. Only
 * planners or supervisors of the listing department (or admins): the department is known from the
 * locked entry. Unknown entry: NOT_FOUND; removed already or before the day of listing: BAD_USER_INPUT.
 */
export function removeListEntry(
  db: DataSource,
  id: string,
  removedOn: string,
  reason: string,
  caller: Caller | null,
): Promise<ListEntry> {
  return db.transaction(async (tx) => {
    const entry = await tx.findOne(ListEntry, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!entry) throw new NotFoundError(`No listing ${id}`);
    requireDepartment(caller, entry.departmentCode, ['planner', 'supervisor']);
    if (entry.removedOn)
      throw new BadUserInputError(`Listing ${id} was already removed on ${entry.removedOn}`);
    if (removedOn < entry.listedOn)
      throw new BadUserInputError(`removedOn ${removedOn} is before listedOn ${entry.listedOn}`);
    entry.removedOn = removedOn;
    entry.removalReason = reason.trim();
    return tx.save(entry);
  });
}
