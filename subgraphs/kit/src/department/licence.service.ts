import type { DataSource, EntityTarget } from 'typeorm';
import type { PageInfo } from '../pagination';
import { ConflictError, fromDatabaseError } from '../errors';
import { LicenceStatus, type LicenceRow } from './department.types';
import { requireNotBefore, todayInChina } from './input.validation';
import { changeRecord, pageById } from './records';

/** Which licences to list; the USCC and the day are checked by the caller. All given conditions must hold. */
export interface LicenceFilter {
  kind?: string | null;
  /** In force, expired or revoked as of today (China time). */
  status?: LicenceStatus | null;
  /** Only unrevoked ones whose validity ends before this day, YYYY-MM-DD. */
  expiringBefore?: string | null;
  uscc?: string | null;
}

/** A licence to record, its fields checked and trimmed by the caller. */
export interface NewLicence {
  uscc: string;
  kind: string;
  number: string;
  scope: string;
  issuedOn: string;
  validUntil: string | null;
  recordedBy: string;
}

/** How a licence is revoked. */
export interface LicenceRevocation {
  revokedOn: string;
  reason: string;
}

/** One page of a department's licences for a filter, in id order (keyset by id). */
export function licencePage(
  db: DataSource,
  Licence: EntityTarget<LicenceRow>,
  f: LicenceFilter,
  page: { first: number; after?: string | null },
): Promise<{ nodes: LicenceRow[]; pageInfo: PageInfo }> {
  const qb = db.getRepository(Licence).createQueryBuilder('l');
  const today = todayInChina();
  if (f.kind) qb.andWhere('l.kind = :kind', { kind: f.kind });
  if (f.uscc) qb.andWhere('l.uscc = :uscc', { uscc: f.uscc });
  if (f.status === LicenceStatus.REVOKED) qb.andWhere('l.revoked_on IS NOT NULL');
  if (f.status === LicenceStatus.EXPIRED)
    qb.andWhere('l.revoked_on IS NULL AND l.valid_until < :today', { today });
  if (f.status === LicenceStatus.ACTIVE)
    qb.andWhere('l.revoked_on IS NULL AND (l.valid_until IS NULL OR l.valid_until >= :today)', {
      today,
    });
  if (f.expiringBefore)
    qb.andWhere('l.revoked_on IS NULL AND l.valid_until < :before', { before: f.expiringBefore });
  return pageById(qb, page);
}

/** Stores a new licence; returns the stored row. A number already recorded is CONFLICT, named `noun` (e.g. `Licence number X`). */
export async function issueLicence(
  db: DataSource,
  Licence: EntityTarget<LicenceRow>,
  values: NewLicence,
  noun: string,
): Promise<LicenceRow> {
  try {
    return await db.getRepository(Licence).save({
      uscc: values.uscc,
      kind: values.kind,
      number: values.number,
      scope: values.scope,
      issuedOn: values.issuedOn,
      validUntil: values.validUntil,
      revokedOn: null,
      revocationReason: null,
      recordedBy: values.recordedBy,
    });
  } catch (err) {
    throw fromDatabaseError(err, `${noun} number ${values.number}`);
  }
}

/**
 * Revokes a licence, keeping the record, under a row lock; returns the saved row. NOT_FOUND names
 * `what`; revoking twice is CONFLICT (named `noun`); revoking before the day of issue is BAD_USER_INPUT.
 */
export function revokeLicence(
  db: DataSource,
  Licence: EntityTarget<LicenceRow>,
  id: string,
  revocation: LicenceRevocation,
  names: { what: string; noun: string },
): Promise<LicenceRow> {
  return db.transaction((tx) =>
    changeRecord(tx, Licence, id, names.what, (licence) => {
      if (licence.revokedOn)
        throw new ConflictError(
          `${names.noun} ${licence.number} was already revoked on ${licence.revokedOn}`,
        );
      requireNotBefore(
        revocation.revokedOn,
        licence.issuedOn,
        'input.revokedOn',
        'the day of issue',
      );
      Object.assign(licence, {
        revokedOn: revocation.revokedOn,
        revocationReason: revocation.reason,
      });
    }),
  );
}
