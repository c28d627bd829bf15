import type { DataSource } from 'typeorm';
import { EntityRows, anyOf, groupedLoader, keyedLoader } from '@jih/kit';
import { AuditEntry, CheckResult, FollowUpLink, Referral } from '../entities';

/**
 * Per-request loaders of results, referrals, follow-ups and audit entries. Lists hang off the
 * visit (a result chain is a visit and a department), so one query serves every department of
 * every visit on a page; resolvers pick their department's rows.
 */
export function createResultLoaders(db: DataSource) {
  const repo = db.getRepository.bind(db);
  return {
    result: keyedLoader(
      (k: readonly string[]) => EntityRows.of(db, CheckResult).whereAny('id', k),
      (r) => r.id,
    ),
    /** Every version of every department's result for each visit, oldest first. */
    resultVersionsByVisit: groupedLoader(
      (k: readonly string[]) =>
        EntityRows.of(db, CheckResult).whereAny('visitId', k, ['departmentCode', 'version']),
      (r) => r.visitId,
    ),
    /** The current version of every result about each enterprise, newest check first. */
    currentResultsByEnterprise: groupedLoader(
      (k: readonly string[]) =>
        EntityRows.of(db, CheckResult).where(
          'uscc = ANY($1) AND superseded_at IS NULL',
          [[...k]],
          [['checkDate', 'DESC'], 'departmentCode'],
        ),
      (r) => r.uscc,
    ),
    referral: keyedLoader(
      (k: readonly string[]) => repo(Referral).findBy({ id: anyOf(k) }),
      (r) => r.id,
    ),
    referralsByVisit: groupedLoader(
      (k: readonly string[]) =>
        repo(Referral).find({ where: { visitId: anyOf(k) }, order: { referredAt: 'ASC' } }),
      (r) => r.visitId,
    ),
    followUpsByVisit: groupedLoader(
      (k: readonly string[]) =>
        repo(FollowUpLink).find({ where: { visitId: anyOf(k) }, order: { linkedAt: 'ASC' } }),
      (f) => f.visitId,
    ),
    auditByVisit: groupedLoader(
      (k: readonly string[]) =>
        repo(AuditEntry).find({ where: { visitId: anyOf(k) }, order: { id: 'ASC' } }),
      (a) => a.visitId,
    ),
  };
}
