import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@ObjectType({
  description:
    'A government department that supervises enterprises and takes part in joint inspections (部门).',
})
@Directive('@key(fields: "code")')
@Entity({ name: 'department' })
// sort_order doubles as the department's position in enterprise.risk_profile, so it is unique.
@Index('department_sort_order_uq', ['sortOrder'], { unique: true })
export class Department {
  @Field(() => ID, { description: 'Lower-case English slug, e.g. `market`, `tax`, `health`.' })
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Field({ description: 'English name.' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'Chinese name (中文名称).' })
  @Column({ name: 'name_zh', type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;
}
