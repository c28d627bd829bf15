import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ReferralStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral (移送) stands at the receiving department.',
  valuesConfig: {
    PENDING: { description: 'Sent, not yet answered by the receiving department.' },
    ACCEPTED: { description: 'Accepted (接收); the receiving department links its follow-up.' },
    DECLINED: { description: 'Declined with a reason, e.g. not within its remit either.' },
  },
});

export enum FollowUpKind {
  CASE = 'CASE',
  RECTIFICATION = 'RECTIFICATION',
  RATING_CHANGE = 'RATING_CHANGE',
}
registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  description: "What a follow-up link points at in the follow-up department's own subgraph.",
  valuesConfig: {
    CASE: { description: 'A case opened (立案).' },
    RECTIFICATION: { description: 'A rectification order and its tracking (责令整改).' },
    RATING_CHANGE: { description: 'A change of credit or risk rating (信用/风险等级调整).' },
  },
});

/**
 * A finding outside the checking department's remit, referred to the competent department (移送)
 * with a record. Suspected crimes are marked for referral to the judicial authorities.
 */
@ObjectType({
  description:
    "A finding outside the checking department's remit, referred to the competent department (移送), with its record.",
})
@Entity({ name: 'referral' })
@Index('referral_result_to_uq', ['resultId', 'toDepartmentCode'], { unique: true })
@Index('referral_to_idx', ['toDepartmentCode', 'status'])
@Index('referral_visit_idx', ['visitId', 'fromDepartmentCode'])
export class Referral {
  @Field(() => ID, { description: 'Id of the referral.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The result version whose finding is referred.' })
  @Column({ name: 'result_id', type: 'uuid' })
  resultId: string;

  @Field(() => ID, { description: 'The visit of that result.' })
  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @Field(() => ID, { description: 'USCC of the enterprise concerned.' })
  @Column({ type: 'char', length: 18 })
  uscc: string;

  @Field({ description: 'Code of the referring department (the one that checked).' })
  @Column({ name: 'from_department', type: 'varchar', length: 32 })
  fromDepartmentCode: string;

  @Field({ description: 'Code of the competent department the finding goes to.' })
  @Column({ name: 'to_department', type: 'varchar', length: 32 })
  toDepartmentCode: string;

  @Field({
    description:
      "The matter referred: what was found and why it is the receiving department's remit (up to 2,000 characters).",
  })
  @Column({ type: 'varchar', length: 2000 })
  matter: string;

  @Field({
    description:
      'Suspected crime: marked for referral to the judicial authorities (涉嫌犯罪，移送司法机关).',
  })
  @Column({ name: 'suspected_crime', type: 'boolean', default: false })
  suspectedCrime: boolean;

  @Field(() => ReferralStatus, { description: 'Where it stands.' })
  @Column({ type: 'varchar', length: 16 })
  status: ReferralStatus;

  @Field({ description: 'Who referred it (token subject).' })
  @Column({ name: 'referred_by', type: 'varchar', length: 128 })
  referredBy: string;

  @Field({ description: 'When it was referred.' })
  @Column({ name: 'referred_at', type: 'timestamptz', default: () => 'now()' })
  referredAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Who accepted or declined it (token subject).',
  })
  @Column({ name: 'decided_by', type: 'varchar', length: 128, nullable: true })
  decidedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was accepted or declined.' })
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was declined.' })
  @Column({ name: 'decline_reason', type: 'varchar', length: 500, nullable: true })
  declineReason: string | null;
}

/**
 * A typed reference from a result (directly, or through an accepted referral) to the follow-up a
 * department keeps in its own subgraph: {department, kind, id}. The id is that subgraph's; this
 * subgraph never reads another's tables, so it records the reference as given.
 */
@ObjectType({
  description:
    "A link from a result to a department's follow-up (case, rectification or rating change) in that department's own subgraph.",
})
@Entity({ name: 'follow_up_link' })
@Index('follow_up_link_uq', ['visitId', 'resultDepartment', 'department', 'kind', 'refId'], {
  unique: true,
})
@Index('follow_up_link_referral_idx', ['referralId'])
export class FollowUpLink {
  @Field(() => ID, { description: 'Id of the link.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  /** Department of the result chain the follow-up belongs to. */
  @Column({ name: 'result_department', type: 'varchar', length: 32 })
  resultDepartment: string;

  /** The result version current when the link was made. */
  @Column({ name: 'result_id', type: 'uuid' })
  resultId: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The accepted referral the follow-up answers; null for a follow-up of the checking department itself.',
  })
  @Column({ name: 'referral_id', type: 'uuid', nullable: true })
  referralId: string | null;

  /** The department whose subgraph holds the follow-up. */
  @Column({ type: 'varchar', length: 32 })
  department: string;

  @Column({ type: 'varchar', length: 24 })
  kind: FollowUpKind;

  @Column({ name: 'ref_id', type: 'varchar', length: 128 })
  refId: string;

  @Field({ description: 'Who linked it (token subject).' })
  @Column({ name: 'linked_by', type: 'varchar', length: 128 })
  linkedBy: string;

  @Field({ description: 'When it was linked.' })
  @Column({ name: 'linked_at', type: 'timestamptz', default: () => 'now()' })
  linkedAt: Date;
}
