import { ROLES, type Role } from '../auth';
import { DEPARTMENT_CODE } from '../validation';

/**
 * A department subgraph's declarations: what it rates, which follow-ups it opens, which flags and
 * licences it keeps, and how its rating maps to the registry's credit-risk class. Everything the
 * kit generates (types, tables, queries, mutations, loaders, demo data) is named and shaped from
 * this; `defineDepartment` checks it once when the module loads and lists every problem.
 */

/** The registry's credit-risk classes (信用风险分类): A low … D high. */
export type RiskClassCode = 'A' | 'B' | 'C' | 'D';
export const RISK_CLASSES: readonly RiskClassCode[] = ['A', 'B', 'C', 'D'];

/** One level of a department's rating scale. */
interface LevelDeclaration {
  /** What the level means, in the department's words (SDL description). */
  description: string;
  /** How the level reads in a registry tag's basis, e.g. `D级`, `红牌（环保不良）`. */
  labelZh: string;
  /** The registry credit-risk class this level maps to: the department's rating → risk mapping. */
  risk: RiskClassCode;
}

/** The department's own rating of an enterprise, one per year (e.g. tax credit rating A, B, M, C, D). */
interface RatingDeclaration {
  /** Profile field of the current rating, e.g. `creditRating`; the history is `<field>History`. */
  field: string;
  /** GraphQL type of one rating, without the department prefix, e.g. `CreditRating` → `TaxCreditRating`. */
  typeName: string;
  /** GraphQL enum of the levels, without the department prefix, e.g. `CreditLevel` → `TaxCreditLevel`. */
  enumName: string;
  /** What the rating is (SDL description of its type). */
  description: string;
  /** Chinese name of the rating, used in the registry tag's basis, e.g. `纳税信用等级`. */
  labelZh: string;
  /** The levels, best first. Their `risk` is the mapping to the registry's risk class. */
  levels: Record<string, LevelDeclaration>;
}

/** One kind of follow-up record (e.g. a case opened for investigation, a rectification order). */
interface FollowUpKindDeclaration {
  description: string;
  /** Whether a rectification deadline must be set (`required`) or may be (`optional`). */
  deadline: 'required' | 'optional';
}

/** The department's follow-up records opened from check results (立案查处, 责令整改, 后续处理). */
interface FollowUpDeclaration {
  /** Singular noun in type and mutation names, e.g. `Case` → `MarketCase`, `marketOpenCase`. */
  noun: string;
  /** Plural noun in query and field names, e.g. `Cases` → `marketCases`, `MarketProfile.cases`. */
  plural: string;
  description: string;
  kinds: Record<string, FollowUpKindDeclaration>;
}

/** A yes/no designation the department keeps per enterprise (e.g. key taxpayer, crowded place). */
interface FlagDeclaration {
  /** Boolean profile field, e.g. `keyTaxpayer`. */
  field: string;
  description: string;
}

/** Licences or permits the department issues (e.g. public-venue hygiene licences, discharge permits). */
export interface LicenceDeclaration {
  /** Singular noun, e.g. `Licence` → `HealthLicence`, `healthIssueLicence`. */
  noun: string;
  /** Plural noun, e.g. `Licences` → `healthLicences`, `HealthProfile.licences`. */
  plural: string;
  description: string;
  /** Kinds, each with the longest validity a licence of that kind may have, in years (none when absent). */
  kinds: Record<string, { description: string; maxValidityYears?: number }>;
  /** What a licence number looks like (SDL description of the field). */
  numberDescription: string;
  /**
   * The department's rule for a licence number: returns why it is refused, or null. The number is
   * already trimmed and 4-64 characters of letters, digits, CJK and 〔〕[]()（）- .
   */
  checkNumber?(number: string, uscc: string, kind: string): string | null;
}

/** Roles that may write each kind of record (admins always may). */
export interface DepartmentRoles {
  /** Set ratings, flags and the department's own risk-relevant records. Must be within planner/supervisor. */
  rate: Role[];
  /** Open and close follow-ups. */
  followUp: Role[];
  /** Issue and revoke licences. */
  licence: Role[];
}

export interface DepartmentConfig {
  /** Lower-case slug: the registry's department code, the subgraph name, its PostgreSQL schema and the `Enterprise` field. */
  code: string;
  /** English name of the department. */
  name: string;
  /** Chinese name (as in the registry's department list). */
  nameZh: string;
  /** What the department's view of an enterprise holds (SDL description of the profile). */
  description: string;
  rating: RatingDeclaration;
  followUps: FollowUpDeclaration;
  /** Flags by enum value, e.g. `{ KEY_TAXPAYER: { field: 'keyTaxpayer', ... } }`. */
  flags?: Record<string, FlagDeclaration>;
  licences?: LicenceDeclaration;
  roles?: Partial<DepartmentRoles>;
}

/** A checked declaration, with the names the kit derives from it. */
export interface DepartmentDefinition extends DepartmentConfig {
  /** PascalCase of the code: the prefix of every type name, e.g. `Tax`. */
  pascal: string;
  roles: DepartmentRoles;
  flags: Record<string, FlagDeclaration>;
}

class DepartmentConfigError extends Error {
  constructor(
    readonly code: string,
    readonly problems: string[],
  ) {
    super(
      `Invalid department declaration "${code}":\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

const DEFAULT_ROLES: DepartmentRoles = {
  rate: ['planner', 'supervisor'],
  followUp: ['inspector', 'planner', 'supervisor'],
  licence: ['planner', 'supervisor'],
};

/** Profile fields the kit defines itself; a flag or rating field may not take these names. */
const RESERVED_PROFILE_FIELDS = ['uscc', 'enterprise', 'risk'];

const CODE = DEPARTMENT_CODE;
const FIELD = /^[a-z][A-Za-z0-9]{1,40}$/;
const TYPE = /^[A-Z][A-Za-z0-9]{1,40}$/;
const ENUM_VALUE = /^[A-Z][A-Z0-9_]{0,31}$/;

/** `tax` → `Tax`, `ecology` → `Ecology`. */
function pascalCase(code: string): string {
  return code.charAt(0).toUpperCase() + code.slice(1);
}

/**
 * Checks a department's declarations and fills in defaults. Throws DepartmentConfigError listing
 * every problem, so a bad declaration stops the process at start-up (or composition), not at the
 * first request that touches it.
 */
export function defineDepartment(config: DepartmentConfig): DepartmentDefinition {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  need(CODE.test(config.code), `code must be a lower-case slug (${CODE}), got "${config.code}"`);
  need(
    config.name.trim().length > 1 && config.nameZh.trim().length > 1,
    'name and nameZh are required',
  );
  need(config.description.trim().length > 0, 'description is required');

  const { rating, followUps, licences } = config;
  need(
    FIELD.test(rating.field),
    `rating.field must be a camelCase field name, got "${rating.field}"`,
  );
  need(
    TYPE.test(rating.typeName) && TYPE.test(rating.enumName),
    'rating.typeName and rating.enumName must be PascalCase type names',
  );
  const levels = Object.entries(rating.levels);
  need(levels.length >= 2, 'rating.levels needs at least two levels');
  for (const [level, d] of levels) {
    need(ENUM_VALUE.test(level), `rating level "${level}" must be an upper-case enum value`);
    need(
      RISK_CLASSES.includes(d.risk),
      `rating level ${level} maps to "${d.risk}", not a risk class (${RISK_CLASSES.join(', ')})`,
    );
  }

  need(
    TYPE.test(followUps.noun) && TYPE.test(followUps.plural),
    'followUps.noun and followUps.plural must be PascalCase',
  );
  need(Object.keys(followUps.kinds).length > 0, 'followUps.kinds needs at least one kind');
  for (const kind of Object.keys(followUps.kinds))
    need(ENUM_VALUE.test(kind), `follow-up kind "${kind}" must be an upper-case enum value`);

  const flags = config.flags ?? {};
  const fields = new Set([
    ...RESERVED_PROFILE_FIELDS,
    rating.field,
    `${rating.field}History`,
    lowerFirst(followUps.plural),
  ]);
  if (licences) {
    need(
      TYPE.test(licences.noun) && TYPE.test(licences.plural),
      'licences.noun and licences.plural must be PascalCase',
    );
    need(Object.keys(licences.kinds).length > 0, 'licences.kinds needs at least one kind');
    for (const kind of Object.keys(licences.kinds))
      need(ENUM_VALUE.test(kind), `licence kind "${kind}" must be an upper-case enum value`);
    need(
      !fields.has(lowerFirst(licences.plural)),
      `licences.plural "${licences.plural}" collides with another profile field`,
    );
    fields.add(lowerFirst(licences.plural));
  }
  for (const [flag, d] of Object.entries(flags)) {
    need(ENUM_VALUE.test(flag), `flag "${flag}" must be an upper-case enum value`);
    need(
      FIELD.test(d.field),
      `flag ${flag}: field must be a camelCase field name, got "${d.field}"`,
    );
    need(
      !fields.has(d.field),
      `flag ${flag}: field "${d.field}" collides with another profile field`,
    );
    fields.add(d.field);
  }

  const roles: DepartmentRoles = { ...DEFAULT_ROLES, ...config.roles };
  for (const [what, list] of Object.entries(roles) as [string, Role[]][]) {
    need(
      list.length > 0 && list.every((r: string) => (ROLES as readonly string[]).includes(r)),
      `roles.${what} must be a non-empty list of ${ROLES.join(', ')}`,
    );
  }
  // A rating change is forwarded to the registry's tagEnterprise with the caller's token, and the
  // registry accepts only that department's planners and supervisors (or admins).
  need(
    roles.rate.every((r) => r === 'planner' || r === 'supervisor'),
    'roles.rate must be within planner and supervisor: the registry tags only for those',
  );

  if (problems.length) throw new DepartmentConfigError(config.code, problems);
  return Object.freeze({ ...config, pascal: pascalCase(config.code), roles, flags });
}

/** `Cases` → `cases`. */
export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/** `creditRating` → `CreditRating`. */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `RectificationOrder` → `rectification order`, for names in prose. */
export function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
