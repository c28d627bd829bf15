import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { PlanKind, PoolMode } from '../entities';
import { DEPARTMENT_CODE } from '@jih/kit';

const CODE = DEPARTMENT_CODE;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: "A department's tag condition of a directed draw." })
export class TaggedByInput {
  @Field(() => ID, { description: 'Department whose tag the enterprise must carry.' })
  @Matches(CODE)
  department: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Only these risk classes (A-D) of that department.',
  })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsIn(['A', 'B', 'C', 'D'], { each: true })
  riskClasses?: string[];
}

@InputType({
  description:
    'Conditions of a directed draw (定向抽查); omit for a non-directed draw over the whole directory.',
})
export class TaskScopeInput {
  @Field(() => [String], { nullable: true, description: 'Division code prefixes (2-6 digits).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(/^\d{2,6}$/, { each: true })
  divisions?: string[];

  @Field(() => [String], { nullable: true, description: 'Industry section letters.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(/^[A-T]$/, { each: true })
  industries?: string[];

  @Field(() => [String], { nullable: true, description: 'Legal forms, e.g. 有限责任公司.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Length(2, 50, { each: true })
  enterpriseTypes?: string[];

  @Field(() => [TaggedByInput], { nullable: true, description: 'Tags the enterprise must carry.' })
  @IsOptional()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  taggedBy?: TaggedByInput[];
}

@InputType({
  description:
    "A department's part in a joint task. Give `ratio` or `sampleSize`, or neither to use the policy's ratio per risk class.",
})
export class TaskDepartmentInput {
  @Field(() => ID, { description: 'Department code.' })
  @Matches(CODE)
  department: string;

  @Field(() => [ID], { description: 'Its check items in this task (at least one, all its own).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { each: true })
  checkItems: string[];

  @Field(() => Float, { nullable: true, description: 'Inclusion ratio in (0, 1].' })
  @IsOptional()
  ratio?: number;

  @Field(() => Int, { nullable: true, description: 'Fixed sample size (1 to 1,000,000).' })
  @IsOptional()
  @Min(1)
  @Max(1_000_000)
  sampleSize?: number;

  @Field({
    defaultValue: false,
    description: 'Scale the ratio by risk class using the policy (class B = the ratio).',
  })
  riskWeighted: boolean;

  @Field(() => PoolMode, {
    defaultValue: PoolMode.WHOLE,
    description: 'Whole pool or a sub-pool of inspectors.',
  })
  inspectorPool: PoolMode;

  @Field(() => [ID], { nullable: true, description: 'SUB_POOL: the inspector ids to draw from.' })
  @IsOptional()
  @ArrayMaxSize(1000)
  @Matches(/^[0-9a-f-]{36}$/i, { each: true })
  subPool?: string[];
}

@InputType({ description: 'A joint task to compose.' })
export class CreateJointTaskInput {
  @Field({ description: 'Title.' })
  @Length(2, 200)
  title: string;

  @Field(() => ID, { description: 'Lead department (发起部门); the caller must be its planner.' })
  @Matches(CODE)
  leadDepartment: string;

  @Field(() => ID, { nullable: true, description: 'Annual plan the task belongs to.' })
  @IsOptional()
  @Matches(/^[0-9a-f-]{36}$/i)
  planId?: string;

  @Field(() => [TaskDepartmentInput], {
    description: 'Participating departments (1 to 24, each once).',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  departments: TaskDepartmentInput[];

  @Field(() => TaskScopeInput, {
    nullable: true,
    description: 'Directed-draw conditions; null for non-directed.',
  })
  @IsOptional()
  @ValidateNested()
  scope?: TaskScopeInput;

  @Field({ description: 'First day of the inspection window, YYYY-MM-DD.' })
  @Matches(DATE, { message: 'windowStart must be YYYY-MM-DD' })
  windowStart: string;

  @Field({
    description:
      'Last day of the inspection window, YYYY-MM-DD (at most 366 days after the start).',
  })
  @Matches(DATE, { message: 'windowEnd must be YYYY-MM-DD' })
  windowEnd: string;

  @Field({ nullable: true, description: 'Published seed; a random one is generated when omitted.' })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{8,128}$/, {
    message: 'seed must be 8-128 printable ASCII characters without spaces',
  })
  seed?: string;

  @Field(() => Float, {
    defaultValue: 0,
    description: 'Start-point shift in [0, 1) for negative coordination with earlier tasks.',
  })
  @Min(0)
  @Max(0.999999)
  startPoint: number;

  @Field(() => Int, {
    defaultValue: 2,
    description: 'Inspectors per department on every visit (at least 2).',
  })
  @Min(2)
  @Max(10)
  minInspectorsPerTeam: number;

  @Field(() => Int, {
    defaultValue: 3,
    description: 'Maximum teams an inspector joins per working day.',
  })
  @Min(1)
  @Max(20)
  capacityPerDay: number;
}

@InputType({ description: 'An annual plan to register.' })
export class CreateAnnualPlanInput {
  @Field(() => Int) @Min(2000) @Max(2100) year: number;
  @Field(() => PlanKind) kind: PlanKind;
  @Field(() => ID, { description: 'Owning department (the lead department of a joint plan).' })
  @Matches(CODE)
  department: string;
  @Field(() => [ID], {
    defaultValue: [],
    description: 'Participating departments of a joint plan.',
  })
  @ArrayMaxSize(24)
  @Matches(CODE, { each: true })
  participatingDepartments: string[];
  @Field() @Length(2, 200) title: string;
}
