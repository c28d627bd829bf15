/**
 * Each department's default sampling policy (抽查工作细则, the "一细则") as data.
 *
 * Numbers come from the seeds where they state one (DOMAIN.md "Who may be drawn, how often");
 * every other field falls back to DEFAULT_POLICY, and `defaulted` lists exactly which fields did,
 * so a reviewer can tell a published rule from a placeholder we chose.
 *
 * Credit-risk classes: A = low risk (lower ratio and frequency), B = ordinary, C = elevated,
 * D = high risk (abnormal lists, serious violations, many complaints: higher ratio and frequency),
 * as every seed asks for differentiated ratios by risk.
 */

import { DEPARTMENT_CODES } from './departments';

export type RiskClassCode = 'A' | 'B' | 'C' | 'D';

/** The numeric and boolean rules of a policy. */
export interface PolicyRules {
  /** Share of class-A (low-risk) entities drawn per plan year, in (0, 1]. */
  ratioA: number;
  /** Share of class-B (ordinary) entities. */
  ratioB: number;
  /** Share of class-C (elevated-risk) entities. */
  ratioC: number;
  /** Share of class-D (high-risk) entities. */
  ratioD: number;
  /**
   * Upper bound on the overall share of the eligible population drawn for a GENERAL item
   * (一般检查事项: ratio capped); KEY items (重点检查事项) are not capped.
   */
  generalRatioCap: number;
  /** Minimum days between two checks of one entity by this department; 0 = no rule. */
  minIntervalDays: number;
  /** Maximum checks of one entity by this department per calendar year; null = no cap. */
  yearlyCap: number | null;
  /** An entity randomly checked by this department within this many years is not drawn; 0 = no rule. */
  exclusionYears: number;
  /** Entities on the abnormal-operation or serious-violation list, or already penalised, are excluded. */
  excludeListed: boolean;
  /** The same inspector may not check the same entity again within this many days; 0 = no rule. */
  rotationDays: number;
  /** Inspectors of this department on every visit. */
  minInspectors: number;
  /** Working days after the check within which the result must be recorded and published. */
  resultDeadlineWorkingDays: number;
  /** Minimum number of draw rounds per year; null = set by the annual plan. */
  minRoundsPerYear: number | null;
}

export interface PolicyRef extends PolicyRules {
  departmentCode: string;
  /** Where the rules come from. */
  source: string;
  /** Rules stated in the seeds that do not fit a numeric field. */
  notes: readonly string[];
  /** Fields that fell back to DEFAULT_POLICY because the seeds are silent on them. */
  defaulted: readonly (keyof PolicyRules)[];
}

/**
 * Defaults for rules the seeds leave open. Two of them are general seed rules rather than our
 * choice: at least two inspectors per visit (all seeds) and results within 20 working days
 * (seeds/000 四(三)3, seeds/001 art. 20). yearlyCap 2 follows the township and housing rules in
 * seeds/004 (原则上一年内对同一监管对象的抽查不超过2次). The ratios and the general cap are ours:
 * rising with risk, and for a typical mix (30% A, 50% B, 15% C, 5% D) drawing about 4.6% overall,
 * under the 5% cap.
 */
export const DEFAULT_POLICY: Readonly<PolicyRules> = Object.freeze({
  ratioA: 0.02,
  ratioB: 0.04,
  ratioC: 0.08,
  ratioD: 0.15,
  generalRatioCap: 0.05,
  minIntervalDays: 0,
  yearlyCap: 2,
  exclusionYears: 0,
  excludeListed: false,
  rotationDays: 0,
  minInspectors: 2,
  resultDeadlineWorkingDays: 20,
  minRoundsPerYear: null,
});

const SEED4 = 'seeds/004_6d88989946353341.txt';

interface Spec {
  rules?: Partial<PolicyRules>;
  source: string;
  notes?: string[];
}

const SPECS: Readonly<Record<string, Spec>> = {
  market: {
    source:
      'seeds/001_e870fbf8e719df86.txt (东胜区市场监管局抽查工作细则): ratio not fixed locally (不低于自治区要求的比例); ' +
      'more checks for complaints, abnormal listings, serious violations (art. 11)',
    notes: [
      'Lead department of joint tasks (牵头部门); joint plans by end of January, own plan by end of February.',
      'Selection modes: 大随机、小随机、编组随机、交叉随机 (art. 12).',
    ],
  },
  tax: {
    rules: {
      ratioA: 0.01,
      ratioB: 0.02,
      ratioC: 0.03,
      ratioD: 0.05,
      generalRatioCap: 0.03,
      yearlyCap: 1,
      exclusionYears: 3,
      rotationDays: 365,
    },
    source: `${SEED4}, 国家税务总局五原县税务局实施办法 三、四 and 细则第四条`,
    notes: [
      'Key-source enterprises (重点税源企业): about 5% a year (item TAX-001 is KEY so the cap does not apply).',
      'Other enterprises: at most 3% a year, mainly directed draws (generalRatioCap).',
      'Non-enterprise taxpayers: at most 1% a year, mainly non-directed draws (item TAX-003).',
      'Entities on the tax-abnormal list (税务异常对象名录库): higher ratio and frequency (ratioD).',
      'Anyone randomly checked in the last 3 years is not drawn again (exclusionYears 3, hence yearlyCap 1).',
      'The same inspector may not check the same taxpayer within one year (rotationDays 365).',
    ],
  },
  health: {
    rules: {
      ratioA: 0.03,
      ratioB: 0.05,
      ratioC: 0.08,
      ratioD: 0.1,
      generalRatioCap: 0.1,
      excludeListed: true,
      resultDeadlineWorkingDays: 5,
    },
    source: `${SEED4}, 2024年五原县卫生健康委员会实施办法 五(一)2 and 五(四)2`,
    notes: [
      'Each draw takes at least 3% of the entities (so ratioA, the lowest, is 3%).',
      'Entities on the abnormal list (经营异常名录), the serious-violation list (严重失信违法企业名单) or already penalised are excluded.',
      'The inspection report is due within 5 working days of the check.',
      'Annual plan by end of March (五原县卫健委 四(五)).',
    ],
  },
  emergency: {
    source: `${SEED4}, 2024年五原县应急管理局实施办法 第七条: more checks of work-safety defaulters; ratios set by plan`,
  },
  fire: {
    rules: {
      ratioA: 0.05,
      ratioB: 0.1,
      ratioC: 0.2,
      ratioD: 0.3,
      generalRatioCap: 0.1,
      yearlyCap: 2,
      minIntervalDays: 183,
    },
    source: `${SEED4}, 五原县消防救援大队2024年度抽查计划实施方案 二`,
    notes: [
      'Crowded-place fire-safety key units (人员密集场所消防安全重点单位): at least once a year.',
      'The same unit at most twice a year, at least six months apart (minIntervalDays 183).',
      'Non-key units (一般单位、九小场所) must make up part of every monthly draw.',
    ],
  },
  ecology: {
    source: `${SEED4}, 巴彦淖尔市生态环境局五原县分局2024年实施办法 (62 enterprises in the 2024 plan); ratios set by plan`,
  },
  development: {
    rules: {
      ratioA: 0.05,
      ratioB: 0.05,
      ratioC: 0.08,
      ratioD: 0.1,
      generalRatioCap: 0.1,
      minRoundsPerYear: 2,
    },
    source: `${SEED4}, 五原县发展和改革委员会2024年度实施方案 四(三)`,
    notes: ['Where law sets no ratio: at least 5% of entities, at least twice a year.'],
  },
  education: {
    source: `${SEED4}, 2024年五原县教育局实施办法: ratio and frequency set by plan`,
  },
  culture: {
    source: `${SEED4}, 2024年五原县文体旅游广电局实施办法: ratio and frequency set by plan`,
  },
  statistics: {
    rules: { ratioA: 0.1, ratioB: 0.1, ratioC: 0.15, ratioD: 0.2, generalRatioCap: 0.15 },
    source: `${SEED4}, 2024年五原县统计局实施办法 三1-3`,
    notes: [
      '10% of above-scale (“四上”) enterprises; 5-10 enterprises and 2 township statistics stations in 2024; notice 7 days ahead.',
    ],
  },
  transport: {
    source: `${SEED4}, 2024年五原县交通运输局实施办法 第七条: ratio set by plan; more checks of work-safety defaulters`,
  },
  police: {
    source: `${SEED4}, 五原县公安局2024年度实施办法: ratio and frequency set by plan`,
  },
  housing: {
    rules: { yearlyCap: 2 },
    source: `${SEED4}, 2024年五原县住房和城乡建设局实施办法 第十五条、第十七条、第十八条`,
    notes: [
      'An enterprise already checked this year by another unit of the bureau is excluded, or checked jointly.',
      'Trustworthy enterprises may be skipped or checked less often.',
      'Result fed back within 5 working days of the report.',
    ],
  },
  commerce: {
    source: `${SEED4}, 2024年五原县工业和信息化局实施办法 三(三)`,
    notes: ['Used-car market checks: once a year within the department and once jointly.'],
  },
  hrss: {
    source: `${SEED4}, 五原县人力资源和社会保障局市场信用分级分类监管办法 第八条至第十条`,
    notes: ['Labour-security credit grades A, B, C (A good); grade C maps to risk class C or D.'],
  },
  agriculture: {
    source: 'not covered by the seeds: default policy',
  },
  customs: {
    source: 'not covered by the seeds: default policy',
  },
  urban: {
    source: `${SEED4}, 2024年五原县城市管理综合行政执法局实施办法 第七条: ratio by credit risk and complaints`,
  },
  energy: {
    source: 'not covered by the seeds: default policy',
  },
  medical: {
    rules: { ratioA: 0.3, ratioB: 0.3, ratioC: 0.4, ratioD: 0.5, generalRatioCap: 0.3 },
    source: `${SEED4}, 2024年度五原县医疗保障局抽查计划实施办法 五`,
    notes: [
      '30% of designated medical institutions and retail pharmacies (“两定”机构), checked January to December.',
    ],
  },
  finance: {
    source: 'not covered by the seeds: default policy',
  },
  weather: {
    rules: {
      ratioA: 0.05,
      ratioB: 0.05,
      ratioC: 0.08,
      ratioD: 0.1,
      generalRatioCap: 0.1,
      minRoundsPerYear: 2,
    },
    source: `${SEED4}, 五原县气象局随机抽查实施办法 第七条`,
    notes: ['At least 5% of the organisations, at least twice a year.'],
  },
  civil: {
    rules: {
      ratioA: 0.04,
      ratioB: 0.04,
      ratioC: 0.06,
      ratioD: 0.1,
      generalRatioCap: 0.1,
      minRoundsPerYear: 1,
    },
    source: `${SEED4}, 五原县民政局社会组织监管工作实施办法 第二条、第五条、第十一条`,
    notes: [
      'At least 4% of social associations and of private non-enterprise units each year, March to October.',
      'Each check done within 5 days; result notice within 20 days of the check.',
    ],
  },
  resources: {
    source: `${SEED4}, 五原县自然资源局抽查工作实施办法 and 五原县林业和草原局实施方案: ratio set by plan`,
  },
};

function build(departmentCode: string): PolicyRef {
  const spec = SPECS[departmentCode];
  if (!spec) throw new Error(`no policy spec for department ${departmentCode}`);
  const rules = spec.rules ?? {};
  const defaulted = (Object.keys(DEFAULT_POLICY) as (keyof PolicyRules)[]).filter(
    (k) => !(k in rules),
  );
  return Object.freeze({
    ...DEFAULT_POLICY,
    ...rules,
    departmentCode,
    source: spec.source,
    notes: Object.freeze([...(spec.notes ?? [])]),
    defaulted: Object.freeze(defaulted),
  });
}

/** One policy per department, in department order. */
export const POLICIES: readonly PolicyRef[] = Object.freeze(DEPARTMENT_CODES.map(build));

/** Policies keyed by department code. */
export const policyByDepartment: ReadonlyMap<string, PolicyRef> = new Map(
  POLICIES.map((p) => [p.departmentCode, p]),
);

/** The ratio a policy sets for one risk class. */
export function ratioFor(policy: PolicyRules, riskClass: RiskClassCode): number {
  switch (riskClass) {
    case 'A':
      return policy.ratioA;
    case 'B':
      return policy.ratioB;
    case 'C':
      return policy.ratioC;
    case 'D':
      return policy.ratioD;
  }
}
