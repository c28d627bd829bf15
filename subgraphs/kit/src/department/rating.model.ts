import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { IsIsoDate } from '../validation';
import { upperFirst, type DepartmentDefinition } from './department.config';
import type { RatingRow } from './department.types';

/** The department's yearly rating: table `rating`, GraphQL `<Dept><typeName>`. */
export function ratingEntity(
  def: DepartmentDefinition,
  Level: Record<string, string>,
): ClassType<RatingRow> {
  const { rating } = def;

  @ObjectType(`${def.pascal}${rating.typeName}`, { description: rating.description })
  @Entity({ name: 'rating' })
  @Index('rating_year_level_idx', ['year', 'level'])
  class Rating implements RatingRow {
    @PrimaryColumn({ type: 'char', length: 18 })
    uscc: string;

    @Field(() => Int, { description: 'The year rated (评价年度).' })
    @PrimaryColumn({ type: 'int' })
    year: number;

    @Field(() => Level, { description: `The ${def.name}'s level for that year.` })
    @Column({ type: 'varchar', length: 16 })
    level: string;

    @Field({ description: 'Day the rating was decided, YYYY-MM-DD.' })
    @Column({ name: 'rated_on', type: 'date' })
    ratedOn: string;

    @Field({ description: 'Grounds or remarks recorded with the rating (may be empty).' })
    @Column({ type: 'varchar', length: 500, default: '' })
    note: string;

    @Column({ name: 'recorded_by', type: 'varchar', length: 128 })
    recordedBy: string;

    @Field({ description: 'When the rating was last recorded or changed.' })
    @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
    updatedAt: Date;

    @Field({
      description: `The registry credit-risk class (A-D) this level maps to under the ${def.code} mapping.`,
    })
    get riskClass(): string {
      return rating.levels[this.level]?.risk;
    }
  }
  return Rating;
}

/** The input of `<code>Set<Rating>`. */
export function ratingInput(
  def: DepartmentDefinition,
  Level: Record<string, string>,
): ClassType<RatingInputShape> {
  @InputType(`${def.pascal}Set${upperFirst(def.rating.field)}Input`, {
    description: `Records the ${def.name}'s ${def.rating.labelZh} of an enterprise for one year; setting a year again replaces it.`,
  })
  class RatingInput implements RatingInputShape {
    @Field(() => ID, { description: 'USCC of the enterprise (must be in the registry).' })
    @MaxLength(40)
    uscc: string;

    @Field(() => Int, { description: 'The year rated, 2000 to the current year.' })
    @Min(2000)
    @Max(2100)
    year: number;

    @Field(() => Level, { description: 'The level.' })
    level: string;

    @Field({
      nullable: true,
      description:
        'Day the rating was decided, YYYY-MM-DD, not in the future; default today (China time).',
    })
    @IsOptional()
    @IsIsoDate()
    ratedOn?: string;

    @Field({ nullable: true, description: 'Grounds or remarks, up to 500 characters.' })
    @IsOptional()
    @MaxLength(500)
    note?: string;
  }
  return RatingInput;
}

export interface RatingInputShape {
  uscc: string;
  year: number;
  level: string;
  ratedOn?: string;
  note?: string;
}
