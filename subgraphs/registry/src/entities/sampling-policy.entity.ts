import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@ObjectType({ description: "A department's sampling rules as data (抽查工作细则, 一细则)." })
@Entity({ name: 'sampling_policy' })
export class SamplingPolicy {
  @Field({ description: 'The department these rules belong to.' })
  @PrimaryColumn({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field(() => Float, { description: 'Yearly inclusion ratio for risk class A (low).' })
  @Column({ name: 'ratio_a', type: 'double precision' })
  ratioA: number;

  @Field(() => Float, { description: 'Ratio for risk class B.' })
  @Column({ name: 'ratio_b', type: 'double precision' })
  ratioB: number;

  @Field(() => Float, { description: 'Ratio for risk class C.' })
  @Column({ name: 'ratio_c', type: 'double precision' })
  ratioC: number;

  @Field(() => Float, { description: 'Ratio for risk class D (high).' })
  @Column({ name: 'ratio_d', type: 'double precision' })
  ratioD: number;

  @Field(() => Float, { description: 'Upper bound of the ratio for GENERAL check items.' })
  @Column({ name: 'general_ratio_cap', type: 'double precision' })
  generalRatioCap: number;

  @Field(() => Int, {
    description: 'Minimum days since this department last checked the enterprise.',
  })
  @Column({ name: 'min_interval_days', type: 'int', default: 0 })
  minIntervalDays: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Maximum checks of one enterprise per calendar year; null for no cap.',
  })
  @Column({ name: 'yearly_cap', type: 'int', nullable: true })
  yearlyCap: number | null;

  @Field(() => Int, {
    description:
      'An enterprise randomly checked within this many years is not drawn again (tax: 3).',
  })
  @Column({ name: 'exclusion_years', type: 'int', default: 0 })
  exclusionYears: number;

  @Field({
    description:
      'Whether entities on the abnormal-operation or serious-violation list are excluded (health).',
  })
  @Column({ name: 'exclude_listed', type: 'boolean', default: false })
  excludeListed: boolean;

  @Field(() => Int, {
    description: 'The same inspector may not check the same enterprise within this many days.',
  })
  @Column({ name: 'rotation_days', type: 'int', default: 0 })
  rotationDays: number;

  @Field({ description: 'Where the rules come from.' })
  @Column({ type: 'varchar', length: 500, default: '' })
  source: string;

  @Field({ description: 'Last change.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
