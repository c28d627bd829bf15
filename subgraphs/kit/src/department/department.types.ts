import type DataLoader from 'dataloader';
import { Directive, Field, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubgraphContext } from '../server';
import type { DepartmentDefinition, RiskClassCode } from './department.config';
import type { RegistryLookup } from './registry.client';

/*
 * Shapes shared by every department subgraph: the rows of the kit's tables, the per-request
 * loaders, the generated model and the value types that are identical in every department.
 */

/** A stored yearly rating (table `rating`, key uscc + year). */
export interface RatingRow {
  uscc: string;
  year: number;
  level: string;
  ratedOn: string;
  note: string;
  recordedBy: string;
  updatedAt: Date;
}

/** A follow-up record (table `follow_up`). */
export interface FollowUpRow {
  id: string;
  uscc: string;
  kind: string;
  checkResultId: string | null;
  summary: string;
  legalBasis: string;
  openedOn: string;
  deadline: string | null;
  closedOn: string | null;
  outcome: string | null;
  openedBy: string;
  closedBy: string | null;
  createdAt: Date;
}

/** A flag that is set (table `flag`, key uscc + flag); a flag that is off has no row. */
export interface FlagRow {
  uscc: string;
  flag: string;
  since: string;
  note: string;
  updatedBy: string;
  updatedAt: Date;
}

/** A licence or permit (table `licence`). */
export interface LicenceRow {
  id: string;
  uscc: string;
  kind: string;
  number: string;
  scope: string;
  issuedOn: string;
  validUntil: string | null;
  revokedOn: string | null;
  revocationReason: string | null;
  recordedBy: string;
  createdAt: Date;
}

/** The root value of `Enterprise.<code>`: the department's view of one enterprise. */
export interface ProfileRoot {
  uscc: string;
}

/** What a department sends the registry as its tag on an enterprise. */
export interface RiskDecision {
  riskClass: RiskClassCode;
  basis: string;
}

/**
 * A department rule on top of the rating → risk mapping, e.g. market: an enterprise on the
 * serious-violation list is class D whatever its rating. `facts` loads what the rule needs for
 * many enterprises in one query (from the department's own tables only); `adjust` is pure.
 */
export interface RiskRule<F = unknown> {
  facts(db: DataSource | EntityManager, usccs: readonly string[]): Promise<Map<string, F>>;
  adjust(fromRating: RiskDecision | null, facts: F | undefined): RiskDecision | null;
}

/** Per-request loaders of the kit's tables; every profile and list field goes through one. */
export interface DepartmentLoaders {
  /** Ratings of an enterprise, newest year first. */
  ratings: DataLoader<string, RatingRow[]>;
  /** Follow-ups of an enterprise, newest first. */
  followUps: DataLoader<string, FollowUpRow[]>;
  /** Flags set on an enterprise. */
  flags: DataLoader<string, FlagRow[]>;
  /** Licences of an enterprise, newest first. */
  licences: DataLoader<string, LicenceRow[]>;
  /** The department rule's facts for an enterprise (undefined without a rule). */
  riskFacts: DataLoader<string, unknown>;
  /** Enterprise lookups in the registry, batched per request. */
  registry: RegistryLookup;
}

export type DepartmentContext<L = object> = SubgraphContext<DepartmentLoaders & L>;

/** The stub of the registry's Enterprise this department extends. */
export interface EnterpriseRef {
  uscc: string;
}

/** Everything the kit generates for one department from its declarations. */
export interface DepartmentModel {
  def: DepartmentDefinition;
  /** This department's Enterprise stub (key only); its `<code>` field returns the profile. */
  Enterprise: ClassType<EnterpriseRef>;
  Profile: ClassType<ProfileRoot>;
  Rating: ClassType<RatingRow>;
  FollowUp: ClassType<FollowUpRow>;
  Flag: ClassType<FlagRow>;
  Licence: ClassType<LicenceRow>;
  /** The GraphQL enum object of the rating levels. */
  Level: Record<string, string>;
  /** The department rule on top of the rating mapping, if it has one. */
  risk?: RiskRule;
  /** TypeORM entities of the kit's tables. */
  entities: ClassType[];
  /** The kit's resolvers for this department. */
  resolvers: ClassType[];
}

export enum FollowUpStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(FollowUpStatus, {
  name: 'FollowUpStatus',
  description: "Where a department's follow-up record stands.",
  valuesConfig: {
    OPEN: { description: 'Open: the case is being handled or the rectification is still due.' },
    CLOSED: { description: 'Closed with an outcome (办结).' },
  },
});

export enum LicenceStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(LicenceStatus, {
  name: 'LicenceStatus',
  description: 'Whether a licence or permit is in force today (China time).',
  valuesConfig: {
    ACTIVE: { description: 'Issued, not revoked, and not past its validity.' },
    EXPIRED: { description: 'Past its last day of validity.' },
    REVOKED: { description: 'Revoked or cancelled by the issuing department (吊销、注销、撤销).' },
  },
});

@ObjectType({
  description:
    "A department's credit-risk class for an enterprise as it derives from that department's own records; the department sends it to the registry's supervision tag.",
})
// Every department subgraph returns this same value type.
@Directive('@shareable')
export class DepartmentRisk {
  @Field(() => String, {
    description: 'Credit-risk class A (low) to D (high), as in the registry `RiskClass`.',
  })
  riskClass: RiskClassCode;

  @Field({
    description:
      'Why: the record the class derives from, e.g. `2025年度纳税信用等级：D级（tax D）`.',
  })
  basis: string;
}
