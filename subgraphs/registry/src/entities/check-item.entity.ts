import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum CheckMethod {
  ONSITE = 'ONSITE',
  DOCUMENTARY = 'DOCUMENTARY',
  ONLINE = 'ONLINE',
  COMMISSIONED = 'COMMISSIONED',
}
registerEnumType(CheckMethod, {
  name: 'CheckMethod',
  description: 'How an item is checked.',
  valuesConfig: {
    ONSITE: { description: 'On-site inspection (实地核查).' },
    DOCUMENTARY: { description: 'Review of documents (书面检查).' },
    ONLINE: { description: 'Online monitoring (网络监测).' },
    COMMISSIONED: { description: 'Commissioned to a third party, e.g. testing (委托专业机构).' },
  },
});

export enum CheckItemCategory {
  KEY = 'KEY',
  GENERAL = 'GENERAL',
}
registerEnumType(CheckItemCategory, {
  name: 'CheckItemCategory',
  description:
    'Key items may be checked at any ratio up to 100%; general items have a capped ratio.',
  valuesConfig: {
    KEY: { description: 'Key check item (重点检查事项): ratio uncapped.' },
    GENERAL: {
      description: 'General check item (一般检查事项): ratio capped by the department policy.',
    },
  },
});

@ObjectType({
  description: "An item on a department's published random-check list (抽查事项清单, 一单).",
})
@Directive('@key(fields: "code")')
@Entity({ name: 'check_item' })
@Index('check_item_department_idx', ['departmentCode'])
export class CheckItem {
  @Field(() => ID, {
    description: 'Stable item code, e.g. a health item code from the published list.',
  })
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Field({ description: 'Code of the department that owns the item.' })
  @Column({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field({ description: 'Item name as published (Chinese).' })
  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Field({ description: 'English rendering of the name.' })
  @Column({ name: 'name_en', type: 'varchar', length: 300 })
  nameEn: string;

  @Field({ description: 'Legal basis (检查依据).' })
  @Column({ name: 'legal_basis', type: 'varchar', length: 1000 })
  legalBasis: string;

  @Field({ description: 'What is checked (检查对象), e.g. enterprise, public venue.' })
  @Column({ name: 'object_type', type: 'varchar', length: 100 })
  objectType: string;

  @Field(() => CheckMethod, { description: 'How it is checked (检查方式).' })
  @Column({ type: 'varchar', length: 16 })
  method: CheckMethod;

  @Field(() => CheckItemCategory, { description: 'KEY (重点) or GENERAL (一般).' })
  @Column({ type: 'varchar', length: 8 })
  category: CheckItemCategory;

  @Field({ description: 'Expertise an inspector needs for this item, e.g. `food-safety`.' })
  @Column({ type: 'varchar', length: 64 })
  expertise: string;
}
