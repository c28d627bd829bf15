import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum RegistrationStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Registration status of a market entity.',
  valuesConfig: {
    ACTIVE: { description: 'In existence / operating (存续、在业).' },
    REVOKED: { description: 'Business licence revoked (吊销).' },
    CANCELLED: { description: 'Deregistered (注销).' },
  },
});

@ObjectType({
  description:
    'An enterprise or other market entity in the shared object directory (检查对象名录库), keyed by its unified social credit code.',
})
@Directive('@key(fields: "uscc")')
@Entity({ name: 'enterprise' })
@Index('enterprise_division_idx', ['divisionCode'])
@Index('enterprise_industry_idx', ['industryCode'])
export class Enterprise {
  @Field(() => ID, {
    description: 'Unified social credit code (统一社会信用代码, GB 32100-2015), 18 characters.',
  })
  @PrimaryColumn({ type: 'char', length: 18 })
  uscc: string;

  @Field({ description: 'Registered name (企业名称).' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'Registered address, the residence or place of business (住所).' })
  @Column({ type: 'varchar', length: 300 })
  address: string;

  @Field({
    description:
      'Six-digit administrative division code (行政区划代码), e.g. 150821 for Wuyuan County.',
  })
  @Column({ name: 'division_code', type: 'char', length: 6 })
  divisionCode: string;

  @Field({
    description:
      'Industry section letter of GB/T 4754 (国民经济行业分类门类), e.g. `C` manufacturing.',
  })
  @Column({ name: 'industry_code', type: 'varchar', length: 4 })
  industryCode: string;

  @Field({ description: 'Legal form (企业类型), e.g. 有限责任公司.' })
  @Column({ name: 'enterprise_type', type: 'varchar', length: 50 })
  enterpriseType: string;

  @Field(() => RegistrationStatus, { description: 'Registration status.' })
  @Column({ type: 'varchar', length: 16 })
  status: RegistrationStatus;

  @Field(() => String, { description: 'Date of establishment (成立日期), YYYY-MM-DD.' })
  @Column({ name: 'registered_on', type: 'date' })
  registeredOn: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /**
   * Read model for the draw's frame, kept by database triggers on supervision_tag: character k
   * is the risk class given by the department with sort_order k, `-` where it has none. One
   * sequential scan then yields every department's class, at a million rows.
   */
  @Column({ name: 'risk_profile', type: 'varchar', length: 64, default: '' })
  riskProfile: string;

  /** Read model kept by a trigger on list_entry: on a shared list now. */
  @Column({ type: 'boolean', default: false })
  listed: boolean;
}
