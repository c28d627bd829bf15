import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ListKind {
  ABNORMAL_OPERATION = 'ABNORMAL_OPERATION',
  SERIOUS_VIOLATION = 'SERIOUS_VIOLATION',
}
registerEnumType(ListKind, {
  name: 'ListKind',
  description: 'Shared credit lists.',
  valuesConfig: {
    ABNORMAL_OPERATION: {
      description: 'List of enterprises with abnormal operations (经营异常名录).',
    },
    SERIOUS_VIOLATION: {
      description: 'List of seriously illegal and dishonest enterprises (严重违法失信名单).',
    },
  },
});

@ObjectType({
  description: "An enterprise's entry on a shared list, with its listing and removal.",
})
@Entity({ name: 'list_entry' })
@Index('list_entry_uscc_idx', ['uscc'])
export class ListEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ListKind)
  @Column({ type: 'varchar', length: 24 })
  kind: ListKind;

  @Field({ description: 'USCC of the listed enterprise.' })
  @Column({ type: 'char', length: 18 })
  uscc: string;

  @Field({ description: 'The department that listed it.' })
  @Column({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field({ description: 'Reason for listing (列入原因).' })
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field(() => String, { description: 'Date listed, YYYY-MM-DD.' })
  @Column({ name: 'listed_on', type: 'date' })
  listedOn: string;

  @Field(() => String, {
    nullable: true,
    description: 'Date removed, YYYY-MM-DD; null while listed.',
  })
  @Column({ name: 'removed_on', type: 'date', nullable: true })
  removedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Reason for removal (移出原因).' })
  @Column({ name: 'removal_reason', type: 'varchar', length: 500, nullable: true })
  removalReason: string | null;
}
