import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description:
    'A declared conflict of interest: the inspector must not be drawn for the enterprise (回避).',
})
@Entity({ name: 'recusal' })
@Index('recusal_pair_uq', ['inspectorId', 'uscc'], { unique: true })
@Index('recusal_uscc_idx', ['uscc'])
export class Recusal {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The inspector who is recused.' })
  @Column({ name: 'inspector_id', type: 'uuid' })
  inspectorId: string;

  @Field(() => ID, { description: 'USCC of the enterprise.' })
  @Column({ type: 'char', length: 18 })
  uscc: string;

  @Field({ description: 'Reason, e.g. a relative works there.' })
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field({ description: 'When it was declared.' })
  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;
}
