import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description:
    "A law-enforcement inspector in a department's inspector directory (执法检查人员名录库).",
})
@Directive('@key(fields: "id")')
@Entity({ name: 'inspector' })
@Index('inspector_department_idx', ['departmentCode'])
@Index('inspector_certificate_uq', ['certificateNo'], { unique: true })
export class Inspector {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Code of the department the inspector belongs to.' })
  @Column({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field({ description: 'Full name.' })
  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** Personal data: exposed only through a guarded field resolver. */
  @Column({ name: 'certificate_no', type: 'varchar', length: 40 })
  certificateNo: string;

  @Column({ type: 'varchar', length: 8 })
  sex: string;

  @Field({ description: 'Post or rank (职务).' })
  @Column({ type: 'varchar', length: 50 })
  post: string;

  @Field(() => [String], { description: 'Expertise tags, matched against check items.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  expertise: string[];

  @Field({ description: 'Whether the inspector can currently be drawn.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
