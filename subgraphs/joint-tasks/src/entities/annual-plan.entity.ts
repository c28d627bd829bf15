import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum PlanKind {
  DEPARTMENT = 'DEPARTMENT',
  JOINT = 'JOINT',
}
registerEnumType(PlanKind, {
  name: 'PlanKind',
  description: 'Annual random-check plans (年度抽查计划).',
  valuesConfig: {
    DEPARTMENT: { description: "A department's own annual plan, due by the end of February." },
    JOINT: { description: 'A joint plan of the lead department, due by the end of January.' },
  },
});

@ObjectType({
  description: 'An annual random-check plan (年度抽查计划), of one department or joint.',
})
@Entity({ name: 'annual_plan' })
@Index('annual_plan_year_idx', ['year', 'departmentCode'])
export class AnnualPlan {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Int, { description: 'Plan year.' })
  @Column({ type: 'int' })
  year: number;

  @Field(() => PlanKind)
  @Column({ type: 'varchar', length: 16 })
  kind: PlanKind;

  @Field({
    description: 'The department that owns the plan (the lead department of a joint plan).',
  })
  @Column({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field(() => [String], { description: 'Departments taking part (joint plans).' })
  @Column({ name: 'participating_departments', type: 'text', array: true, default: () => "'{}'" })
  participatingDepartments: string[];

  @Field({ description: 'Title.' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field({ description: 'When it was registered.' })
  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy: string;
}
