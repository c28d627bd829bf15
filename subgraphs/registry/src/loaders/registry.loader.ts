import type { DataSource } from 'typeorm';
import { EntityRows, anyOf, groupedLoader, keyedLoader } from '@jih/kit';
import {
  CheckItem,
  Department,
  Division,
  Enterprise,
  Industry,
  Inspector,
  ListEntry,
  Recusal,
  SamplingPolicy,
  SupervisionTag,
} from '../entities';

/** Per-request loaders: every reference and list field of the registry goes through one of these. */
export function createRegistryLoaders(db: DataSource) {
  const repo = db.getRepository.bind(db);
  return {
    enterprise: keyedLoader(
      (k: readonly string[]) => EntityRows.of(db, Enterprise).whereAny('uscc', k),
      (e) => e.uscc,
    ),
    department: keyedLoader(
      (k: readonly string[]) => repo(Department).findBy({ code: anyOf(k) }),
      (d) => d.code,
    ),
    checkItem: keyedLoader(
      (k: readonly string[]) => repo(CheckItem).findBy({ code: anyOf(k) }),
      (c) => c.code,
    ),
    inspector: keyedLoader(
      (k: readonly string[]) => repo(Inspector).findBy({ id: anyOf(k) }),
      (i) => i.id,
    ),
    division: keyedLoader(
      (k: readonly string[]) => repo(Division).findBy({ code: anyOf(k) }),
      (d) => d.code,
    ),
    industry: keyedLoader(
      (k: readonly string[]) => repo(Industry).findBy({ code: anyOf(k) }),
      (d) => d.code,
    ),
    policy: keyedLoader(
      (k: readonly string[]) => repo(SamplingPolicy).findBy({ departmentCode: anyOf(k) }),
      (p) => p.departmentCode,
    ),
    tagsByEnterprise: groupedLoader(
      (k: readonly string[]) =>
        EntityRows.of(db, SupervisionTag).whereAny('uscc', k, ['departmentCode']),
      (t) => t.uscc,
    ),
    listingsByEnterprise: groupedLoader(
      (k: readonly string[]) =>
        repo(ListEntry).find({ where: { uscc: anyOf(k) }, order: { listedOn: 'ASC' } }),
      (l) => l.uscc,
    ),
    recusalsByInspector: groupedLoader(
      (k: readonly string[]) => repo(Recusal).findBy({ inspectorId: anyOf(k) }),
      (r) => r.inspectorId,
    ),
    checkItemsByDepartment: groupedLoader(
      (k: readonly string[]) =>
        repo(CheckItem).find({ where: { departmentCode: anyOf(k) }, order: { code: 'ASC' } }),
      (c) => c.departmentCode,
    ),
  };
}

export type RegistryLoaders = ReturnType<typeof createRegistryLoaders>;
