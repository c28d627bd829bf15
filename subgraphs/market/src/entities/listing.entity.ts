import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ListingKind {
  ABNORMAL_OPERATION = 'ABNORMAL_OPERATION',
  SERIOUS_VIOLATION = 'SERIOUS_VIOLATION',
}
registerEnumType(ListingKind, {
  name: 'MarketListingKind',
  description: 'The two lists market regulation keeps.',
  valuesConfig: {
    ABNORMAL_OPERATION: {
      description:
        'Business-abnormal list (经营异常名录): annual report not filed, unreachable at the registered address, false information.',
    },
    SERIOUS_VIOLATION: {
      description:
        'Serious-violation list (严重违法失信名单): serious violations, or three years on the abnormal list without correcting.',
    },
  },
});

/**
 * One listing of an enterprise on a market-regulation list, kept after removal: the department's
 * legal record (列入、移出), which the public reads (公示).
 */
@ObjectType('MarketListing', {
  description:
    "One entry of an enterprise on market regulation's business-abnormal or serious-violation list, with its removal; kept after removal as the legal record.",
})
@Entity({ name: 'listing' })
@Index('listing_uscc_idx', ['uscc'])
// An enterprise is on each list at most once at a time: the database, not only the code, says so.
@Index('listing_current_uq', ['uscc', 'kind'], { unique: true, where: '"removed_on" IS NULL' })
export class MarketListing {
  @Field(() => ID, { description: 'Id of the entry.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'USCC of the enterprise.' })
  @Column({ type: 'char', length: 18 })
  uscc: string;

  @Field(() => ListingKind, { description: 'Which list.' })
  @Column({ type: 'varchar', length: 24 })
  kind: ListingKind;

  @Field({ description: 'Reason for listing (列入事由), as in the decision.' })
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field({ description: 'Number of the listing decision (列入决定书文号); may be empty.' })
  @Column({ name: 'decision_no', type: 'varchar', length: 64, default: '' })
  decisionNo: string;

  @Field({ description: 'Day of listing, YYYY-MM-DD.' })
  @Column({ name: 'listed_on', type: 'date' })
  listedOn: string;

  @Field(() => String, {
    nullable: true,
    description: 'Day of removal (移出), YYYY-MM-DD; null while listed.',
  })
  @Column({ name: 'removed_on', type: 'date', nullable: true })
  removedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Reason for removal; null while listed.' })
  @Column({ name: 'removal_reason', type: 'varchar', length: 500, nullable: true })
  removalReason: string | null;

  @Column({ name: 'listed_by', type: 'varchar', length: 128 })
  listedBy: string;

  @Column({ name: 'removed_by', type: 'varchar', length: 128, nullable: true })
  removedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field({ description: 'Whether the enterprise is on the list now.' })
  get current(): boolean {
    return this.removedOn === null;
  }
}
