import { IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, type ClassType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { IsIsoDate } from '../validation';
import type { DepartmentDefinition } from './department.config';
import type { FlagRow } from './department.types';

/** The department's yes/no designations (table `flag`); a row means the flag is on. */
export function flagEntity(): ClassType<FlagRow> {
  @Entity({ name: 'flag' })
  @Index('flag_flag_idx', ['flag'])
  class Flag implements FlagRow {
    @PrimaryColumn({ type: 'char', length: 18 })
    uscc: string;

    @PrimaryColumn({ type: 'varchar', length: 32 })
    flag: string;

    @Column({ type: 'date' })
    since: string;

    @Column({ type: 'varchar', length: 500, default: '' })
    note: string;

    @Column({ name: 'updated_by', type: 'varchar', length: 128 })
    updatedBy: string;

    @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
    updatedAt: Date;
  }
  return Flag;
}

export interface SetFlagShape {
  uscc: string;
  flag: string;
  value: boolean;
  since?: string;
  note?: string;
}

/** The input of `<code>SetFlag`. */
export function flagInput(
  def: DepartmentDefinition,
  FlagEnum: Record<string, string>,
): ClassType<SetFlagShape> {
  @InputType(`${def.pascal}SetFlagInput`, {
    description: `Sets or clears one of the ${def.name}'s designations of an enterprise.`,
  })
  class SetFlag implements SetFlagShape {
    @Field(() => ID, { description: 'USCC of the enterprise (must be in the registry).' })
    @MaxLength(40)
    uscc: string;

    @Field(() => FlagEnum, { description: 'Which designation.' })
    flag: string;

    @Field({ description: 'true sets it, false clears it.' })
    value: boolean;

    @Field({
      nullable: true,
      description:
        'Day it applies from, YYYY-MM-DD, not in the future; default today (China time).',
    })
    @IsOptional()
    @IsIsoDate()
    since?: string;

    @Field({ nullable: true, description: 'Grounds, up to 500 characters.' })
    @IsOptional()
    @MaxLength(500)
    note?: string;
  }
  return SetFlag;
}
