import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

export enum TaskStatus {
  PLANNED = 'PLANNED',
  COMMITTED = 'COMMITTED',
  DRAWN = 'DRAWN',
}
registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: 'Where a joint task stands.',
  valuesConfig: {
    PLANNED: { description: 'Composed, not committed yet (or its commitment was cancelled).' },
    COMMITTED: {
      description:
        'Parameters and frame frozen in a pending draw commitment; waiting for the entropy.',
    },
    DRAWN: { description: 'Enterprises and inspectors drawn; visits exist.' },
  },
});

export enum PoolMode {
  WHOLE = 'WHOLE',
  SUB_POOL = 'SUB_POOL',
}
registerEnumType(PoolMode, {
  name: 'PoolMode',
  description: 'Which inspectors a department draws from.',
  valuesConfig: {
    WHOLE: { description: 'The whole pool (大随机).' },
    SUB_POOL: { description: 'A listed sub-pool, e.g. a regional team (小随机).' },
  },
});

/** Directed-draw conditions, stored as given. */
export interface TaskScope {
  divisions?: string[];
  industries?: string[];
  enterpriseTypes?: string[];
  taggedBy?: { department: string; riskClasses?: string[] }[];
}

@ObjectType({
  description:
    'A joint random-check task (部门联合抽查任务): one lead department, several participants, one visit per drawn enterprise.',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'joint_task' })
@Index('joint_task_lead_idx', ['leadDepartmentCode', 'windowStart'])
export class JointTask {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Title.' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field({ description: 'Code of the lead department (发起部门).' })
  @Column({ name: 'lead_department_code', type: 'varchar', length: 32 })
  leadDepartmentCode: string;

  @Field(() => ID, { nullable: true, description: 'The annual plan it belongs to.' })
  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  scope: TaskScope;

  @Field(() => String, { description: 'First day of the inspection window, YYYY-MM-DD.' })
  @Column({ name: 'window_start', type: 'date' })
  windowStart: string;

  @Field(() => String, { description: 'Last day of the inspection window, YYYY-MM-DD.' })
  @Column({ name: 'window_end', type: 'date' })
  windowEnd: string;

  @Field(() => Float, {
    description:
      'Start-point shift in [0, 1) of the permanent random numbers (negative coordination with earlier tasks).',
  })
  @Column({ name: 'start_point', type: 'double precision', default: 0 })
  startPoint: number;

  @Field(() => Int, {
    description: 'Minimum inspectors per department on every visit (at least 2).',
  })
  @Column({ name: 'min_per_team', type: 'int', default: 2 })
  minPerTeam: number;

  @Field(() => Int, { description: 'Maximum teams an inspector joins per working day.' })
  @Column({ name: 'capacity_per_day', type: 'int', default: 3 })
  capacityPerDay: number;

  @Field(() => TaskStatus)
  @Column({ type: 'varchar', length: 16, default: TaskStatus.PLANNED })
  status: TaskStatus;

  @Field({ description: 'Who composed it (token subject).' })
  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy: string;

  @Field({ description: 'When it was composed.' })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@ObjectType({
  description:
    "A department's part in a joint task: its check items and how many of its enterprises to draw.",
})
@Entity({ name: 'task_department' })
export class TaskDepartment {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Field({ description: 'Department code.' })
  @PrimaryColumn({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field(() => [String], {
    description: 'Codes of the check items this department checks on every visit.',
  })
  @Column({ name: 'check_items', type: 'text', array: true })
  checkItems: string[];

  @Field(() => Float, {
    nullable: true,
    description: 'Inclusion ratio in (0, 1]; null when a sample size or the policy ratios apply.',
  })
  @Column({ type: 'double precision', nullable: true })
  ratio: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Fixed sample size (sequential Poisson sampling); null for a ratio.',
  })
  @Column({ name: 'sample_size', type: 'int', nullable: true })
  sampleSize: number | null;

  @Field({
    description:
      "Whether the ratio is scaled by the enterprise's risk class (the department's policy ratios relative to class B).",
  })
  @Column({ name: 'risk_weighted', type: 'boolean', default: false })
  riskWeighted: boolean;

  @Field(() => PoolMode)
  @Column({ name: 'pool_mode', type: 'varchar', length: 16, default: PoolMode.WHOLE })
  poolMode: PoolMode;

  @Field(() => [ID], { description: 'Inspector ids of the sub-pool (SUB_POOL only).' })
  @Column({ name: 'sub_pool', type: 'uuid', array: true, default: () => "'{}'" })
  subPool: string[];
}
