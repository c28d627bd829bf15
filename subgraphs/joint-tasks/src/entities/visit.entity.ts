import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum VisitStatus {
  PLANNED = 'PLANNED',
  UNDERSTAFFED = 'UNDERSTAFFED',
}
registerEnumType(VisitStatus, {
  name: 'VisitStatus',
  description: 'Staffing state of a visit.',
  valuesConfig: {
    PLANNED: { description: 'Every department has a full team.' },
    UNDERSTAFFED: {
      description:
        'At least one department has fewer than the minimum inspectors; `teams` say why.',
    },
  },
});

export enum TeamStatus {
  STAFFED = 'STAFFED',
  UNDERSTAFFED = 'UNDERSTAFFED',
}
registerEnumType(TeamStatus, {
  name: 'TeamStatus',
  description: 'Whether a department team reached its minimum size and expertise.',
});

@ObjectType({
  description:
    'One visit to one enterprise by the combined team of every department that drew it (进一次门、查多项事).',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'visit' })
@Index('visit_task_uscc_uq', ['taskId', 'uscc'], { unique: true })
@Index('visit_uscc_idx', ['uscc'])
export class Visit {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The joint task.' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Column({ name: 'draw_id', type: 'uuid' })
  drawId: string;

  @Field({ description: 'USCC of the enterprise visited.' })
  @Column({ type: 'char', length: 18 })
  uscc: string;

  @Field(() => [String], { description: 'Departments on the visit.' })
  @Column({ type: 'text', array: true })
  departments: string[];

  @Field(() => [String], { description: 'Codes of every check item covered on the visit.' })
  @Column({ name: 'check_items', type: 'text', array: true })
  checkItems: string[];

  @Field(() => VisitStatus)
  @Column({ type: 'varchar', length: 16 })
  status: VisitStatus;
}

@ObjectType({ description: "One department's inspectors on a visit." })
@Entity({ name: 'visit_team' })
@Index('visit_team_inspectors_gin', { synchronize: false })
export class VisitTeam {
  @Field(() => ID, { description: 'The visit.' })
  @PrimaryColumn({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @Field({ description: 'Department code.' })
  @PrimaryColumn({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field(() => TeamStatus)
  @Column({ type: 'varchar', length: 16 })
  status: TeamStatus;

  @Field(() => [ID], { description: 'Current members (inspector ids), in draw order.' })
  @Column({ name: 'inspector_ids', type: 'uuid', array: true })
  inspectorIds: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Why the team is understaffed; null when staffed.',
  })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Field(() => [String], { description: 'Required expertise no member holds.' })
  @Column({ name: 'uncovered_expertise', type: 'text', array: true, default: () => "'{}'" })
  uncoveredExpertise: string[];
}

@ObjectType({
  description:
    'A change of a team after the draw: a member replaced by a new seeded draw (递补), e.g. after a recusal.',
})
@Entity({ name: 'team_change' })
@Index('team_change_visit_idx', ['visitId', 'departmentCode'])
export class TeamChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @Field()
  @Column({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field({
    description:
      '1-based sequence within the team; with the seed it reproduces the replacement draw.',
  })
  @Column({ type: 'int' })
  sequence: number;

  @Field(() => ID, { description: 'The inspector who left.' })
  @Column({ name: 'replaced_inspector_id', type: 'uuid' })
  replacedInspectorId: string;

  @Field(() => [ID], { description: 'Inspectors drawn in their place.' })
  @Column({ name: 'added_inspector_ids', type: 'uuid', array: true })
  addedInspectorIds: string[];

  @Field({ description: 'Why.' })
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Field({ description: 'Who made the change.' })
  @Column({ name: 'changed_by', type: 'varchar', length: 128 })
  changedBy: string;

  @Field({ description: 'When.' })
  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
