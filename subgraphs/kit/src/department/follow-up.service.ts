import type { DataSource, EntityTarget } from 'typeorm';
import type { PageInfo } from '../pagination';
import { ConflictError } from '../errors';
import { FollowUpStatus, type FollowUpRow } from './department.types';
import { requireNotBefore, todayInChina } from './input.validation';
import { changeRecord, pageById } from './records';

/** Which follow-ups to list; the USCC is checked by the caller. All given conditions must hold. */
export interface FollowUpFilter {
  status?: FollowUpStatus | null;
  kind?: string | null;
  /** true: only open records past their deadline (today in China); false: only the others. */
  overdue?: boolean | null;
  uscc?: string | null;
}

/** A follow-up to open, its fields checked and trimmed by the caller. */
export interface NewFollowUp {
  uscc: string;
  kind: string;
  checkResultId: string | null;
  summary: string;
  legalBasis: string;
  openedOn: string;
  deadline: string | null;
  openedBy: string;
}

/** How a follow-up is closed. */
export interface FollowUpClosure {
  closedOn: string;
  outcome: string;
  closedBy: string;
}

/** One page of a department's follow-ups for a filter, in id order (keyset by id). */
export function followUpPage(
  db: DataSource,
  FollowUp: EntityTarget<FollowUpRow>,
  f: FollowUpFilter,
  page: { first: number; after?: string | null },
): Promise<{ nodes: FollowUpRow[]; pageInfo: PageInfo }> {
  const qb = db.getRepository(FollowUp).createQueryBuilder('f');
  if (f.status)
    qb.andWhere(
      f.status === FollowUpStatus.OPEN ? 'f.closed_on IS NULL' : 'f.closed_on IS NOT NULL',
    );
  if (f.kind) qb.andWhere('f.kind = :kind', { kind: f.kind });
  if (f.uscc) qb.andWhere('f.uscc = :uscc', { uscc: f.uscc });
  const overdue = 'COALESCE(f.closed_on IS NULL AND f.deadline < :today, false)';
  if (f.overdue != null)
    qb.andWhere(f.overdue ? overdue : `NOT ${overdue}`, { today: todayInChina() });
  return pageById(qb, page);
}

/** Stores a new open follow-up; returns the stored row. */
export function openFollowUp(
  db: DataSource,
  FollowUp: EntityTarget<FollowUpRow>,
  values: NewFollowUp,
): Promise<FollowUpRow> {
  return db.getRepository(FollowUp).save({
    uscc: values.uscc,
    kind: values.kind,
    checkResultId: values.checkResultId,
    summary: values.summary,
    legalBasis: values.legalBasis,
    openedOn: values.openedOn,
    deadline: values.deadline,
    closedOn: null,
    outcome: null,
    openedBy: values.openedBy,
    closedBy: null,
  });
}

/**
 * Closes an open follow-up with its outcome, under a row lock; returns the saved row. NOT_FOUND
 * names `what`; a closed record is CONFLICT (named `noun`); closing before the opening day is BAD_USER_INPUT.
 */
export function closeFollowUp(
  db: DataSource,
  FollowUp: EntityTarget<FollowUpRow>,
  id: string,
  closure: FollowUpClosure,
  names: { what: string; noun: string },
): Promise<FollowUpRow> {
  return db.transaction((tx) =>
    changeRecord(tx, FollowUp, id, names.what, (record) => {
      if (record.closedOn)
        throw new ConflictError(`${names.noun} ${id} was already closed on ${record.closedOn}`);
      requireNotBefore(closure.closedOn, record.openedOn, 'input.closedOn', 'the opening day');
      Object.assign(record, {
        closedOn: closure.closedOn,
        outcome: closure.outcome,
        closedBy: closure.closedBy,
      });
    }),
  );
}
