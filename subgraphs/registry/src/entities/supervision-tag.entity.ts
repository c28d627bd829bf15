import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum RiskClass {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}
registerEnumType(RiskClass, {
  name: 'RiskClass',
  description: "A department's credit-risk class for an enterprise (信用风险分类): A low … D high.",
  valuesConfig: {
    A: { description: 'Low risk (低风险): lower ratio and frequency.' },
    B: { description: 'Ordinary risk (一般风险).' },
    C: { description: 'Elevated risk (较高风险).' },
    D: {
      description: 'High risk (高风险): abnormal listings, serious violations, many complaints.',
    },
  },
});

@ObjectType({
  description:
    "A department's tag on an enterprise it supervises (分类标注), with that department's risk class.",
})
@Entity({ name: 'supervision_tag' })
@Index('supervision_tag_department_idx', ['departmentCode', 'riskClass'])
export class SupervisionTag {
  @Field({ description: 'USCC of the enterprise.' })
  @PrimaryColumn({ type: 'char', length: 18 })
  uscc: string;

  @Field({ description: 'The supervising department.' })
  @PrimaryColumn({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field(() => RiskClass, {
    description: "The department's credit-risk class for this enterprise.",
  })
  @Column({ name: 'risk_class', type: 'char', length: 1 })
  riskClass: RiskClass;

  @Field({ description: 'Where the class came from, e.g. `tax rating D (2025)`.' })
  @Column({ type: 'varchar', length: 200, default: '' })
  basis: string;

  @Field({ description: 'Last change.' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
