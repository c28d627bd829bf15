import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The eight result categories of a random check (DOMAIN.md, art. 20), in the order of the rules. */
export enum ResultCategory {
  NO_PROBLEM = 'NO_PROBLEM',
  INFO_NOT_PUBLISHED = 'INFO_NOT_PUBLISHED',
  FALSE_INFORMATION = 'FALSE_INFORMATION',
  UNREACHABLE_AT_ADDRESS = 'UNREACHABLE_AT_ADDRESS',
  CORRECTION_ORDERED = 'CORRECTION_ORDERED',
  SERIOUSLY_UNCOOPERATIVE = 'SERIOUSLY_UNCOOPERATIVE',
  NO_RELEVANT_ACTIVITY = 'NO_RELEVANT_ACTIVITY',
  FOLLOW_UP_PENDING = 'FOLLOW_UP_PENDING',
}

/** Labels of a category, and whether it means a problem was found (for discovery rates). */
export interface ResultCategoryInfo {
  category: ResultCategory;
  label: string;
  labelZh: string;
  problemFound: boolean;
}

/** The categories in rule order; the single source of their labels. */
export const RESULT_CATEGORIES: readonly ResultCategoryInfo[] = Object.freeze([
  {
    category: ResultCategory.NO_PROBLEM,
    labelZh: '未发现问题',
    label: 'No problem found',
    problemFound: false,
  },
  {
    category: ResultCategory.INFO_NOT_PUBLISHED,
    labelZh: '未按规定公示应当公示的信息',
    label: 'Required information not published',
    problemFound: true,
  },
  {
    category: ResultCategory.FALSE_INFORMATION,
    labelZh: '公示信息隐瞒真实情况弄虚作假',
    label: 'Published information false or concealing facts',
    problemFound: true,
  },
  {
    category: ResultCategory.UNREACHABLE_AT_ADDRESS,
    labelZh: '通过登记的住所（经营场所）无法联系',
    label: 'Cannot be reached at the registered address',
    problemFound: true,
  },
  {
    category: ResultCategory.CORRECTION_ORDERED,
    labelZh: '发现问题已责令改正',
    label: 'Problem found, correction ordered',
    problemFound: true,
  },
  {
    category: ResultCategory.SERIOUSLY_UNCOOPERATIVE,
    labelZh: '不配合检查情节严重',
    label: 'Seriously uncooperative',
    problemFound: true,
  },
  {
    category: ResultCategory.NO_RELEVANT_ACTIVITY,
    labelZh: '未发现开展本次抽查涉及的经营活动',
    label: 'No business activity relevant to this check',
    problemFound: false,
  },
  {
    category: ResultCategory.FOLLOW_UP_PENDING,
    labelZh: '发现问题待后续处理',
    label: 'Problem found, follow-up pending',
    problemFound: true,
  },
]);

const CATEGORY_INFO = new Map(RESULT_CATEGORIES.map((c) => [c.category, c]));

/** Labels and problem flag of a category. */
export function categoryInfo(category: ResultCategory): ResultCategoryInfo {
  return CATEGORY_INFO.get(category)!;
}

/** Categories that mean a problem was found. */
export const PROBLEM_CATEGORIES: readonly ResultCategory[] = RESULT_CATEGORIES.filter(
  (c) => c.problemFound,
).map((c) => c.category);

registerEnumType(ResultCategory, {
  name: 'ResultCategory',
  description:
    'The eight categories of a random-check result (抽查检查结果), in the order of the rules (art. 20).',
  valuesConfig: Object.fromEntries(
    RESULT_CATEGORIES.map((c, k) => [
      c.category,
      { description: `${k + 1}. ${c.labelZh} — ${c.label.toLowerCase()}.` },
    ]),
  ),
});

export enum ResultStatus {
  RECORDED = 'RECORDED',
  REVIEWED = 'REVIEWED',
  PUBLISHED = 'PUBLISHED',
  CLOSED = 'CLOSED',
}
registerEnumType(ResultStatus, {
  name: 'ResultStatus',
  description:
    'Where one version of a result stands. Not published means not completed (未公示即未完成).',
  valuesConfig: {
    RECORDED: { description: 'Recorded by the department that checked (录入); not public.' },
    REVIEWED: {
      description: 'Reviewed by a supervisor of that department (审核); not public yet.',
    },
    PUBLISHED: { description: 'Published (公示): the public reads it through `publicResults`.' },
    CLOSED: { description: 'Published and closed: any follow-up is linked (办结).' },
  },
});

/**
 * One version of a department's result for one visit. A result is never edited in place: a
 * correction is a new row (version + 1) and the previous one is marked superseded, so the
 * chain (visit, department) keeps every version that was ever recorded or published.
 */
@ObjectType({
  description:
    "One version of a department's result for one joint visit (抽查检查结果): recorded by the department that checked, recognised by every department (结果互认).",
})
@Directive('@key(fields: "id")')
@Entity({ name: 'check_result' })
// At most one current version per visit and department: the database, not the code, guarantees it.
@Index('check_result_current_uq', ['visitId', 'departmentCode'], {
  unique: true,
  where: '"superseded_at" IS NULL',
})
@Index('check_result_version_uq', ['visitId', 'departmentCode', 'version'], { unique: true })
@Index('check_result_idempotency_uq', ['recordedBy', 'idempotencyKey'], { unique: true })
@Index('check_result_task_idx', ['taskId', 'departmentCode'])
@Index('check_result_uscc_idx', ['uscc'])
export class CheckResult {
  @Field(() => ID, { description: 'Id of this version.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The visit checked.' })
  @Column({ name: 'visit_id', type: 'uuid' })
  visitId: string;

  @Field(() => ID, { description: 'The joint task of the visit.' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Field(() => ID, { description: 'USCC of the enterprise checked.' })
  @Column({ type: 'char', length: 18 })
  uscc: string;

  @Field({ description: 'Code of the department that checked and recorded (谁检查谁录入).' })
  @Column({ name: 'department_code', type: 'varchar', length: 32 })
  departmentCode: string;

  @Field(() => Int, {
    description: 'Version number, 1 for the first record; each correction adds one.',
  })
  @Column({ type: 'int' })
  version: number;

  @Field(() => ID, {
    nullable: true,
    description: 'The version this one corrects; null for version 1.',
  })
  @Column({ name: 'previous_id', type: 'uuid', nullable: true })
  previousId: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When a correction replaced this version; null while it is the current version.',
  })
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why this version corrects the previous one; null for version 1.',
  })
  @Column({ name: 'correction_reason', type: 'varchar', length: 1000, nullable: true })
  correctionReason: string | null;

  @Field(() => ResultStatus, { description: 'Workflow state of this version.' })
  @Column({ type: 'varchar', length: 16 })
  status: ResultStatus;

  @Field(() => ResultCategory, { description: 'Result category (one of the eight).' })
  @Column({ type: 'varchar', length: 32 })
  category: ResultCategory;

  @Column({ name: 'check_items', type: 'text', array: true })
  checkItemCodes: string[];

  @Field({
    description:
      'Findings as recorded (up to 4,000 characters); required when a problem was found.',
  })
  @Column({ type: 'varchar', length: 4000, default: '' })
  findings: string;

  @Field(() => String, { description: 'Day the check was carried out, YYYY-MM-DD.' })
  @Column({ name: 'check_date', type: 'date' })
  checkDate: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Last day to publish the result: 20 Chinese working days after the check date (health: 5). Null only when the installed holiday calendar does not cover that period yet.',
  })
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ name: 'inspector_ids', type: 'uuid', array: true })
  inspectorIds: string[];

  @Column({ name: 'representative_name', type: 'varchar', length: 50 })
  representativeName: string;

  @Column({ type: 'boolean' })
  signed: boolean;

  @Column({ name: 'refusal_reason', type: 'varchar', length: 500, nullable: true })
  refusalReason: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  witness: string | null;

  @Field(() => [String], {
    description: 'Evidence references (file ids or URIs of photos, records, documents).',
  })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  evidence: string[];

  @Column({ name: 'idempotency_key', type: 'varchar', length: 128 })
  idempotencyKey: string;

  /** SHA-256 of the request that created this version: a reused key with another payload is a conflict. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Field({
    description:
      'Token subject of whoever recorded this version (the inspector id for an inspector).',
  })
  @Column({ name: 'recorded_by', type: 'varchar', length: 128 })
  recordedBy: string;

  @Field({ description: 'When this version was recorded.' })
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Supervisor who reviewed it (token subject).',
  })
  @Column({ name: 'reviewed_by', type: 'varchar', length: 128, nullable: true })
  reviewedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was reviewed.' })
  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who published it (token subject).' })
  @Column({ name: 'published_by', type: 'varchar', length: 128, nullable: true })
  publishedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was published.' })
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who closed it (token subject).' })
  @Column({ name: 'closed_by', type: 'varchar', length: 128, nullable: true })
  closedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was closed.' })
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

export enum DeadlineStatus {
  ON_TIME = 'ON_TIME',
  LATE = 'LATE',
  DUE = 'DUE',
  OVERDUE = 'OVERDUE',
}
registerEnumType(DeadlineStatus, {
  name: 'DeadlineStatus',
  description:
    "A department's publication deadline for one visit: 20 Chinese working days after the check (health: 5).",
  valuesConfig: {
    ON_TIME: { description: 'Published by the due date.' },
    LATE: { description: 'Published, but after the due date.' },
    DUE: { description: 'Not published yet (or not recorded yet); the due date has not passed.' },
    OVERDUE: { description: 'Not published (or not even recorded) and the due date has passed.' },
  },
});

export enum DueDateBasis {
  CHECK_DATE = 'CHECK_DATE',
  VISIT_DATE = 'VISIT_DATE',
  WINDOW_END = 'WINDOW_END',
}
registerEnumType(DueDateBasis, {
  name: 'DueDateBasis',
  description: 'Which date a due date counts from.',
  valuesConfig: {
    CHECK_DATE: { description: "The department's own recorded check date." },
    VISIT_DATE: {
      description:
        'No result of this department yet: the day the joint visit took place (the earliest check date another department recorded).',
    },
    WINDOW_END: {
      description:
        'Nobody has recorded the visit yet: the last day of the task window, the latest day the check could have taken place.',
    },
  },
});
