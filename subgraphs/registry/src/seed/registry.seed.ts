import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { copyRows, type SeedOptions } from '@jih/kit';
import { CHECK_ITEMS } from '@jih/domain/reference/check-items';
import { DEPARTMENTS } from '@jih/domain/reference/departments';
import { DIVISIONS } from '@jih/domain/reference/divisions';
import { INDUSTRIES } from '@jih/domain/reference/industries';
import { POLICIES } from '@jih/domain/reference/policies';
import {
  demoInspectorCount,
  generateEnterprise,
  generateInspector,
  generateTags,
} from '@jih/demo-data/generator';

/** A UUID derived from a name, so demo data (and the draws over it) are the same on every machine. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The demo inspector id of department `d`, number `i`: department subgraphs derive the same ids. */
function demoInspectorId(seed: string, department: string, i: number): string {
  return stableUuid(`${seed}:inspector:${department}:${i}`);
}

/**
 * The demo list entries of enterprise i, as list_entry rows: about 2% abnormal-operation
 * listings (a third of them already removed) and 0.3% serious violations.
 */
function demoListings(i: number, seed: string, uscc: string | (() => string)): unknown[][] {
  const rows: unknown[][] = [];
  const code = () => (typeof uscc === 'string' ? uscc : uscc());
  if (i % 47 === 3) {
    const removed = i % 3 === 0;
    rows.push([
      stableUuid(`${seed}:list:${i}:a`),
      'ABNORMAL_OPERATION',
      code(),
      'market',
      '通过登记的住所或者经营场所无法联系',
      '2024-06-18',
      removed ? '2025-03-02' : null,
      removed ? '已更正住所信息并申请移出' : null,
    ]);
  }
  if (i % 331 === 7) {
    rows.push([
      stableUuid(`${seed}:list:${i}:s`),
      'SERIOUS_VIOLATION',
      code(),
      'market',
      '列入经营异常名录届满3年仍未履行相关义务',
      '2023-11-20',
      null,
      null,
    ]);
  }
  return rows;
}

/** Whether the registry holds no enterprises yet. */
export async function registryIsEmpty(db: DataSource): Promise<boolean> {
  const [{ exists }] = await db.query('SELECT EXISTS (SELECT 1 FROM enterprise) AS exists');
  return !exists;
}

/**
 * Writes the registry's demo data with COPY: reference tables from the source documents, then
 * `enterprises` generated enterprises with tags, list entries, inspectors and recusals.
 */
export async function seedRegistry(db: DataSource, opts: SeedOptions): Promise<string> {
  const { enterprises: n, seed } = opts;
  await db.query(
    'TRUNCATE department, division, industry, check_item, sampling_policy, enterprise, supervision_tag, list_entry, inspector, recusal',
  );
  await copyRows(
    db,
    'department',
    ['code', 'name', 'name_zh', 'sort_order'],
    DEPARTMENTS.map((d) => [d.code, d.name, d.nameZh, d.sortOrder]),
  );
  await copyRows(
    db,
    'division',
    ['code', 'name', 'name_en'],
    DIVISIONS.map((d) => [d.code, d.fullName, d.fullNameEn]),
  );
  await copyRows(
    db,
    'industry',
    ['code', 'name', 'name_en'],
    INDUSTRIES.map((i) => [i.code, i.name, i.nameEn]),
  );
  await copyRows(
    db,
    'check_item',
    [
      'code',
      'department_code',
      'name',
      'name_en',
      'legal_basis',
      'object_type',
      'method',
      'category',
      'expertise',
    ],
    CHECK_ITEMS.map((c) => [
      c.code,
      c.departmentCode,
      c.name,
      c.nameEn,
      c.legalBasis,
      c.objectTypeZh,
      c.method,
      c.category,
      c.expertise,
    ]),
  );
  await copyRows(
    db,
    'sampling_policy',
    [
      'department_code',
      'ratio_a',
      'ratio_b',
      'ratio_c',
      'ratio_d',
      'general_ratio_cap',
      'min_interval_days',
      'yearly_cap',
      'exclusion_years',
      'exclude_listed',
      'rotation_days',
      'source',
    ],
    POLICIES.map((p) => [
      p.departmentCode,
      p.ratioA,
      p.ratioB,
      p.ratioC,
      p.ratioD,
      p.generalRatioCap,
      p.minIntervalDays,
      p.yearlyCap,
      p.exclusionYears,
      p.excludeListed,
      p.rotationDays,
      p.source.slice(0, 500),
    ]),
  );

  // Enterprises stream from the generator; tags and listings derive from the same index, and the
  // read model columns (risk_profile, listed) are written here rather than by the triggers, which
  // are off during the bulk load (a row trigger per tag would cost minutes at a million).
  const profileLength = Math.max(...DEPARTMENTS.map((d) => d.sortOrder));
  const position = new Map(DEPARTMENTS.map((d) => [d.code, d.sortOrder - 1]));
  await copyRows(
    db,
    'enterprise',
    [
      'uscc',
      'name',
      'address',
      'division_code',
      'industry_code',
      'enterprise_type',
      'status',
      'registered_on',
      'risk_profile',
      'listed',
    ],
    (function* () {
      const profile: string[] = new Array(profileLength);
      for (let i = 0; i < n; i++) {
        const e = generateEnterprise(i, seed);
        profile.fill('-');
        for (const t of generateTags(i, seed))
          profile[position.get(t.departmentCode)!] = t.riskClass;
        const listed = demoListings(i, seed, e.uscc).some((l) => l[6] === null);
        yield [
          e.uscc,
          e.name,
          e.address,
          e.division,
          e.industry,
          e.type,
          e.status,
          e.registeredOn,
          profile.join(''),
          listed,
        ];
      }
    })(),
    opts.onProgress ? (done) => opts.onProgress!(done, n) : undefined,
  );
  await db.query(
    'ALTER TABLE supervision_tag DISABLE TRIGGER USER; ALTER TABLE list_entry DISABLE TRIGGER USER',
  );
  let tagCount = 0;
  let listCount = 0;
  try {
    await copyRows(
      db,
      'supervision_tag',
      ['uscc', 'department_code', 'risk_class', 'basis'],
      (function* () {
        for (let i = 0; i < n; i++) {
          const uscc = generateEnterprise(i, seed).uscc;
          for (const t of generateTags(i, seed)) {
            tagCount++;
            yield [uscc, t.departmentCode, t.riskClass, t.basis.slice(0, 200)];
          }
        }
      })(),
    );
    await copyRows(
      db,
      'list_entry',
      [
        'id',
        'kind',
        'uscc',
        'department_code',
        'reason',
        'listed_on',
        'removed_on',
        'removal_reason',
      ],
      (function* () {
        for (let i = 0; i < n; i++) {
          const rows = demoListings(i, seed, () => generateEnterprise(i, seed).uscc);
          listCount += rows.length;
          yield* rows;
        }
      })(),
    );
  } finally {
    await db.query(
      'ALTER TABLE supervision_tag ENABLE TRIGGER USER; ALTER TABLE list_entry ENABLE TRIGGER USER',
    );
  }
  let inspectorCount = 0;
  await copyRows(
    db,
    'inspector',
    ['id', 'department_code', 'name', 'certificate_no', 'sex', 'post', 'expertise', 'active'],
    (function* () {
      for (const d of DEPARTMENTS) {
        // At least the demo floor; large directories get one inspector per 2,500 enterprises per
        // department, about what a county bureau has, so big draws are not staffed by a dozen people.
        const count = Math.max(demoInspectorCount(d.code), Math.ceil(n / 2500));
        for (let i = 0; i < count; i++) {
          const p = generateInspector(d.code, i, seed);
          inspectorCount++;
          // One inspector per department is inactive (the one after the tag-covering set), so
          // "active only" is exercised by the demo data.
          yield [
            demoInspectorId(seed, d.code, i),
            d.code,
            p.name,
            p.certificateNo,
            p.sex === 'M' ? '男' : '女',
            p.post,
            p.expertise,
            i !== count - 1,
          ];
        }
      }
    })(),
  );
  let recusalCount = 0;
  await copyRows(
    db,
    'recusal',
    ['id', 'inspector_id', 'uscc', 'reason'],
    (function* () {
      // Recusals on every 97th enterprise, against one inspector of each of the first six departments.
      for (let i = 5; i < n; i += 97) {
        const uscc = generateEnterprise(i, seed).uscc;
        for (const d of DEPARTMENTS.slice(0, 6)) {
          recusalCount++;
          yield [
            stableUuid(`${seed}:recusal:${i}:${d.code}`),
            demoInspectorId(seed, d.code, i % demoInspectorCount(d.code)),
            uscc,
            '近亲属在该企业任职',
          ];
        }
      }
    })(),
  );
  await db.query(
    'ANALYZE enterprise; ANALYZE supervision_tag; ANALYZE list_entry; ANALYZE inspector; ANALYZE recusal',
  );
  return `${n} enterprises, ${tagCount} supervision tags, ${listCount} list entries, ${inspectorCount} inspectors, ${recusalCount} recusals, ${CHECK_ITEMS.length} check items`;
}
