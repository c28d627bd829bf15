import { IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, type ClassType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IsIsoDate } from '../validation';
import { words, type DepartmentDefinition } from './department.config';
import { FollowUpStatus, type FollowUpRow } from './department.types';
import { todayInChina } from './input.validation';

/** The department's follow-up records: table `follow_up`, GraphQL `<Dept><noun>`. */
export function followUpEntity(
  def: DepartmentDefinition,
  Kind: Record<string, string>,
): ClassType<FollowUpRow> {
  const { followUps } = def;

  @ObjectType(`${def.pascal}${followUps.noun}`, { description: followUps.description })
  @Entity({ name: 'follow_up' })
  @Index('follow_up_uscc_idx', ['uscc'])
  // The overdue list reads only open records with a deadline.
  @Index('follow_up_open_deadline_idx', ['deadline'], { where: '"closed_on" IS NULL' })
  class FollowUp implements FollowUpRow {
    @Field(() => ID, { description: 'Id of the record.' })
    @PrimaryGeneratedColumn('uuid')
    id: string;

    @Field(() => ID, { description: 'USCC of the enterprise.' })
    @Column({ type: 'char', length: 18 })
    uscc: string;

    @Field(() => Kind, { description: 'What kind of follow-up this is.' })
    @Column({ type: 'varchar', length: 32 })
    kind: string;

    @Field(() => ID, {
      nullable: true,
      description:
        'Id of the check result (joint-tasks `CheckResult`) this follow-up came from; null when it arose otherwise (complaint, referral).',
    })
    @Column({ name: 'check_result_id', type: 'uuid', nullable: true })
    checkResultId: string | null;

    @Field({ description: 'What was found and what is required.' })
    @Column({ type: 'varchar', length: 1000 })
    summary: string;

    @Field({ description: 'Legal basis cited (may be empty).' })
    @Column({ name: 'legal_basis', type: 'varchar', length: 500, default: '' })
    legalBasis: string;

    @Field({ description: 'Day it was opened (立案 / 下达), YYYY-MM-DD.' })
    @Column({ name: 'opened_on', type: 'date' })
    openedOn: string;

    @Field(() => String, {
      nullable: true,
      description: 'Last day for the rectification, YYYY-MM-DD; null when none was set.',
    })
    @Column({ type: 'date', nullable: true })
    deadline: string | null;

    @Field(() => String, {
      nullable: true,
      description: 'Day it was closed, YYYY-MM-DD; null while open.',
    })
    @Column({ name: 'closed_on', type: 'date', nullable: true })
    closedOn: string | null;

    @Field(() => String, {
      nullable: true,
      description: 'Outcome recorded on closing (处理结果); null while open.',
    })
    @Column({ type: 'varchar', length: 1000, nullable: true })
    outcome: string | null;

    @Field({ description: 'Token subject of who opened it.' })
    @Column({ name: 'opened_by', type: 'varchar', length: 128 })
    openedBy: string;

    @Field(() => String, { nullable: true, description: 'Token subject of who closed it.' })
    @Column({ name: 'closed_by', type: 'varchar', length: 128, nullable: true })
    closedBy: string | null;

    @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
    createdAt: Date;

    @Field(() => FollowUpStatus, { description: 'Open or closed.' })
    get status(): FollowUpStatus {
      return this.closedOn ? FollowUpStatus.CLOSED : FollowUpStatus.OPEN;
    }

    @Field({ description: 'Still open after its deadline (China time).' })
    get overdue(): boolean {
      return !this.closedOn && this.deadline !== null && this.deadline < todayInChina();
    }
  }
  return FollowUp;
}

export interface OpenFollowUpShape {
  uscc: string;
  kind: string;
  checkResultId?: string | null;
  summary: string;
  legalBasis?: string;
  openedOn?: string;
  deadline?: string | null;
}

export interface CloseFollowUpShape {
  id: string;
  closedOn?: string;
  outcome: string;
}

/** The inputs of `<code>Open<noun>` and `<code>Close<noun>`. */
export function followUpInputs(
  def: DepartmentDefinition,
  Kind: Record<string, string>,
): { Open: ClassType<OpenFollowUpShape>; Close: ClassType<CloseFollowUpShape> } {
  const { noun } = def.followUps;

  @InputType(`${def.pascal}Open${noun}Input`, {
    description: `Opens a ${def.code} ${words(noun)} on an enterprise, usually from a check result.`,
  })
  class Open implements OpenFollowUpShape {
    @Field(() => ID, { description: 'USCC of the enterprise (must be in the registry).' })
    @MaxLength(40)
    uscc: string;

    @Field(() => Kind, { description: 'Kind; some kinds need a deadline.' })
    kind: string;

    @Field(() => ID, {
      nullable: true,
      description: 'Id of the check result it comes from (a UUID).',
    })
    @IsOptional()
    @IsUUID('all', { message: 'checkResultId must be a UUID' })
    checkResultId?: string | null;

    @Field({ description: 'What was found and what is required, 2 to 1,000 characters.' })
    @Length(2, 1000)
    summary: string;

    @Field({ nullable: true, description: 'Legal basis cited, up to 500 characters.' })
    @IsOptional()
    @MaxLength(500)
    legalBasis?: string;

    @Field({
      nullable: true,
      description: 'Day it was opened, YYYY-MM-DD, not in the future; default today (China time).',
    })
    @IsOptional()
    @IsIsoDate()
    openedOn?: string;

    @Field(() => String, {
      nullable: true,
      description: 'Last day for the rectification, YYYY-MM-DD, today or later.',
    })
    @IsOptional()
    @IsIsoDate()
    deadline?: string | null;
  }

  @InputType(`${def.pascal}Close${noun}Input`, {
    description: `Closes a ${def.code} ${words(noun)} with its outcome.`,
  })
  class Close implements CloseFollowUpShape {
    @Field(() => ID, { description: 'Id of the record.' })
    @IsUUID('all', { message: 'id must be a UUID' })
    id: string;

    @Field({
      nullable: true,
      description: 'Day it was closed, YYYY-MM-DD, not in the future; default today (China time).',
    })
    @IsOptional()
    @IsIsoDate()
    closedOn?: string;

    @Field({ description: 'Outcome (处理结果), 2 to 1,000 characters.' })
    @Length(2, 1000)
    outcome: string;
  }

  return { Open, Close };
}
