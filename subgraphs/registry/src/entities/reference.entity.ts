import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'An administrative division (行政区划).' })
@Entity({ name: 'division' })
export class Division {
  @Field(() => ID, { description: 'Six-digit division code.' })
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Field({
    description:
      'Chinese name, with its prefecture and province, e.g. 内蒙古自治区巴彦淖尔市五原县.',
  })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field({ description: 'English name.' })
  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;
}

@ObjectType({ description: 'An industry section of GB/T 4754 (国民经济行业分类).' })
@Entity({ name: 'industry' })
export class Industry {
  @Field(() => ID, { description: 'Section letter, e.g. `C`.' })
  @PrimaryColumn({ type: 'varchar', length: 4 })
  code: string;

  @Field({ description: 'Chinese name.' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field({ description: 'English name.' })
  @Column({ name: 'name_en', type: 'varchar', length: 200 })
  nameEn: string;
}
