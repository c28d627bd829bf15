import { Brackets, type DataSource, type SelectQueryBuilder } from 'typeorm';
import { BadUserInputError, ConflictError, decodeCursor } from '@jih/kit';
import {
  Division,
  Enterprise,
  Industry,
  RegistrationStatus,
  SupervisionTag,
  type RiskClass,
} from '../entities';

/** Conditions of a directed query of the object directory; all given conditions must hold. */
export interface EnterpriseFilterFields {
  /** Division code or prefix. */
  division?: string | null;
  /** Industry section letters. */
  industries?: string[] | null;
  status?: RegistrationStatus | null;
  /** Substring of the name. */
  nameContains?: string | null;
  /** Only enterprises tagged by this department. */
  taggedBy?: string | null;
  /** With `taggedBy`: only these risk classes (without it: BAD_USER_INPUT). */
  riskClasses?: RiskClass[] | null;
}

/** A new enterprise for the object directory, its USCC checked by the caller. */
export interface NewEnterprise {
  name: string;
  address: string;
  divisionCode: string;
  industryCode: string;
  enterpriseType: string;
  registeredOn: string;
}

/** Up to `first + 1` enterprises for a filter after the cursor, in USCC order (the extra one tells whether another page follows). */
export async function enterpriseRows(
  db: DataSource,
  f: EnterpriseFilterFields,
  page: { first: number; after?: string | null },
): Promise<Enterprise[]> {
  const cursor = decodeCursor(page.after, /^[0-9A-Z]{18}$/);
  const qb = filteredEnterprises(db, f);
  if (cursor) qb.andWhere('e.uscc > :cursor', { cursor });
  return qb
    .orderBy('e.uscc', 'ASC')
    .limit(page.first + 1)
    .getMany();
}

/** The number of enterprises matching a filter (one COUNT query). */
export function countEnterprises(db: DataSource, f: EnterpriseFilterFields): Promise<number> {
  return filteredEnterprises(db, f).getCount();
}

/**
 * Adds an enterprise to the object directory, active, in one transaction; returns it. An unknown
 * division or industry is BAD_USER_INPUT; a USCC already registered is CONFLICT.
 */
export function registerEnterprise(
  db: DataSource,
  uscc: string,
  fields: NewEnterprise,
): Promise<Enterprise> {
  return db.transaction(async (tx) => {
    if (!(await tx.existsBy(Division, { code: fields.divisionCode }))) {
      throw new BadUserInputError(`Unknown administrative division "${fields.divisionCode}"`, {
        argument: 'input.divisionCode',
      });
    }
    if (!(await tx.existsBy(Industry, { code: fields.industryCode }))) {
      throw new BadUserInputError(`Unknown industry section "${fields.industryCode}"`, {
        argument: 'input.industryCode',
      });
    }
    if (await tx.existsBy(Enterprise, { uscc }))
      throw new ConflictError(`Enterprise ${uscc} is already registered`);
    const e = tx.create(Enterprise, { ...fields, uscc, status: RegistrationStatus.ACTIVE });
    return tx.save(e);
  });
}

/** The directory query for a filter; shared by the page and its count. */
function filteredEnterprises(
  db: DataSource,
  f: EnterpriseFilterFields,
): SelectQueryBuilder<Enterprise> {
  const qb = db.getRepository(Enterprise).createQueryBuilder('e');
  if (f.division) qb.andWhere('e.division_code LIKE :division', { division: `${f.division}%` });
  if (f.industries?.length)
    qb.andWhere('e.industry_code IN (:...industries)', { industries: f.industries });
  if (f.status) qb.andWhere('e.status = :status', { status: f.status });
  if (f.nameContains)
    qb.andWhere("e.name LIKE '%' || :name || '%'", {
      name: f.nameContains.replace(/[%_\\]/g, (c) => `\\${c}`),
    });
  if (f.riskClasses?.length && !f.taggedBy) {
    throw new BadUserInputError(
      'riskClasses needs taggedBy: a risk class belongs to one department',
      { argument: 'filter.riskClasses' },
    );
  }
  if (f.taggedBy) {
    qb.andWhere(
      new Brackets((w) => {
        const sub = db
          .getRepository(SupervisionTag)
          .createQueryBuilder('t')
          .select('1')
          .where('t.uscc = e.uscc')
          .andWhere('t.department_code = :dept');
        if (f.riskClasses?.length) sub.andWhere('t.risk_class IN (:...classes)');
        w.where(`EXISTS (${sub.getQuery()})`, { dept: f.taggedBy, classes: f.riskClasses });
      }),
    );
  }
  return qb;
}
