import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum AuditAction {
  RECORDED = 'RECORDED',
  CORRECTED = 'CORRECTED',
  REVIEWED = 'REVIEWED',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
  FOLLOW_UP_LINKED = 'FOLLOW_UP_LINKED',
  REFERRED = 'REFERRED',
  REFERRAL_ACCEPTED = 'REFERRAL_ACCEPTED',
  REFERRAL_DECLINED = 'REFERRAL_DECLINED',
}
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What changed in a result chain.',
  valuesConfig: {
    RECORDED: { description: 'Version 1 recorded by the department that checked.' },
    CORRECTED: {
      description:
        'A new version recorded as a correction, with its reason; the previous version is kept.',
    },
    REVIEWED: { description: 'Reviewed by a supervisor.' },
    PUBLISHED: { description: 'Published to the public.' },
    CLOSED: { description: 'Closed (办结).' },
    FOLLOW_UP_LINKED: { description: 'A follow-up (case, rectification, rating change) linked.' },
    REFERRED: { description: 'A finding referred to another department (移送).' },
    REFERRAL_ACCEPTED: { description: 'The receiving department accepted a referral.' },
    REFERRAL_DECLINED: { description: 'The receiving department declined a referral.' },
  },
});

/** One field of a change: its JSON value before and after. */
export interface AuditChangeRecord {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The audit trail of results (who, when, what): one row per change, written in the same
 * transaction as the change itself, never updated or deleted.
 */
@ObjectType({
  description: 'One entry of the audit trail of a result chain: who changed what, when.',
})
@Entity({ name: 'result_audit' })
@Index('result_audit_chain_idx', ['visitId', 'departmentCode'])
@Index('result_audit_actor_idx', ['actor', 'at'])
export class AuditEntry {
  @Field(() => ID, { description: 'Sequence number; later entries have larger ids.' })
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Field(() => ID, { description: 'The visit of the result chain.' })
  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @Field({ description: 'Department of the result chain (the department that checked).' })
  @Column({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field(() => ID, { description: 'The result version concerned.' })
  @Column({ name: 'result_id', type: 'uuid' })
  resultId: string;

  @Field(() => Int, { description: 'Version number of that result.' })
  @Column({ type: 'int' })
  version: number;

  @Field(() => ID, { nullable: true, description: 'The referral concerned, for referral actions.' })
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId: string | null;

  @Field(() => AuditAction, { description: 'What happened.' })
  @Column({ type: 'varchar', length: 32 })
  action: AuditAction;

  @Field({ description: 'Who did it: the token subject (an inspector id for inspectors).' })
  @Column({ type: 'varchar', length: 128 })
  actor: string;

  @Field({ description: "The actor's department." })
  @Column({ name: 'actor_department', type: 'varchar', length: 32 })
  actorDepartment: string;

  @Field(() => [String], { description: "The actor's roles at the time." })
  @Column({ name: 'actor_roles', type: 'text', array: true })
  actorRoles: string[];

  @Field({ description: 'When.' })
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;

  @Field(() => String, { nullable: true, description: 'The reason given (corrections, declines).' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: AuditChangeRecord[];
}
