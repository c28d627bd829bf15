import { IsOptional, Matches } from 'class-validator';
import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import { DEPARTMENT_CODE, Connection, PageArgs } from '@jih/kit';
import {
  CheckItem,
  CheckResult,
  DeadlineStatus,
  Department,
  DueDateBasis,
  Enterprise,
  FollowUpKind,
  ResultCategory,
  ResultStatus,
} from '../entities';

/** A department code, for validating filter arguments. */
export { DEPARTMENT_CODE };

@ObjectType({
  description:
    "The enterprise's acknowledgement of the check record: signed by its representative, or the refusal with its reason and witness.",
})
export class Acknowledgement {
  @Field({ description: 'Name of the representative present.' }) representativeName: string;
  @Field({ description: 'Whether the representative signed the check record.' }) signed: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Why the signature was refused; null when signed.',
  })
  refusalReason: string | null;
  @Field(() => String, { nullable: true, description: 'Witness of the refusal.' }) witness:
    string | null;
}

@ObjectType({ description: 'One of the eight result categories with its labels.' })
export class ResultCategoryDescription {
  @Field(() => ResultCategory, { description: 'The category.' }) category: ResultCategory;
  @Field({ description: 'English label.' }) label: string;
  @Field({ description: 'Chinese label, as the rules word it.' }) labelZh: string;
  @Field({
    description: 'Whether the category means a problem was found (counted in discovery rates).',
  })
  problemFound: boolean;
}

@ObjectType({
  description:
    "A department's publication deadline for one visit (a slot): the date it counts from, the due date and where it stands today. A slot with no result yet is still listed, so missing results show as overdue.",
})
export class ResultDeadline {
  @Field(() => ID, { description: 'The visit.' }) visitId: string;
  @Field({ description: 'Code of the department that owes the result.' }) departmentCode: string;
  uscc: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Current version of the result; null while none is recorded.',
  })
  resultId: string | null;
  @Field({ description: 'Whether the department has recorded a result.' }) recorded: boolean;
  @Field(() => ResultStatus, {
    nullable: true,
    description: 'Status of the current version; null while none is recorded.',
  })
  resultStatus: ResultStatus | null;
  @Field(() => DueDateBasis, { description: 'Which date the due date counts from.' })
  basis: DueDateBasis;
  @Field(() => String, {
    description: 'The date the due date counts from (see `basis`), YYYY-MM-DD.',
  })
  checkDate: string;
  @Field(() => String, {
    nullable: true,
    description:
      'Last day to publish, YYYY-MM-DD; null only when the holiday calendar does not cover that period yet.',
  })
  dueDate: string | null;
  @Field(() => Int, { description: 'Working days the department has: 20, health 5.' })
  dueWorkingDays: number;
  @Field(() => DeadlineStatus, { description: 'Where the slot stands today (China time).' })
  status: DeadlineStatus;
}

@ObjectType({
  description:
    'A published result as the public sees it (双随机、一公开): the latest published version, without inspectors, signatures or evidence.',
})
export class PublicResult {
  @Field(() => ID, { description: 'Id of the published version.' }) id: string;
  @Field(() => ID, { description: 'USCC of the enterprise checked.' }) uscc: string;
  @Field(() => Enterprise, { description: 'The enterprise checked.' }) enterprise: Enterprise;
  @Field(() => Department, { description: 'The department that checked and published.' })
  department: Department;
  @Field(() => String, { description: 'Day of the check, YYYY-MM-DD.' }) checkDate: string;
  @Field(() => ResultCategory, { description: 'Result category.' }) category: ResultCategory;
  @Field({ description: 'English label of the category.' }) label: string;
  @Field({ description: 'Chinese label of the category.' }) labelZh: string;
  @Field(() => [CheckItem], { description: 'Check items covered.' }) checkItems: CheckItem[];
  @Field({ description: 'Findings as published.' }) findings: string;
  @Field(() => Int, { description: 'Version published; above 1 when the result was corrected.' })
  version: number;
  @Field({ description: 'When this version was published.' }) publishedAt: Date;
}

@ObjectType({ description: "A typed reference to a follow-up in a department's own subgraph." })
export class FollowUpRef {
  @Field(() => Department, { description: 'The department whose subgraph holds the follow-up.' })
  department: Department;
  @Field(() => FollowUpKind, { description: 'Case, rectification or rating change.' })
  kind: FollowUpKind;
  @Field(() => ID, { description: "The follow-up's id in that subgraph." }) id: string;
}

@ObjectType('CheckResultConnection', { description: 'A page of check results.' })
export class CheckResultConnection extends Connection(CheckResult) {}

@ArgsType()
export class CheckResultsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only results of this joint task.' })
  taskId?: string;
  @Field(() => ID, { nullable: true, description: 'Only results of this department.' })
  @IsOptional()
  @Matches(DEPARTMENT_CODE)
  department?: string;
  @Field(() => ID, { nullable: true, description: 'Only results about this enterprise.' })
  uscc?: string;
  @Field(() => ResultStatus, { nullable: true, description: 'Only versions in this state.' })
  status?: ResultStatus;
  @Field(() => ResultCategory, { nullable: true, description: 'Only this category.' })
  category?: ResultCategory;
  @Field({
    nullable: true,
    description:
      'true: only current versions of chains with nothing published past their due date; false: only the other current versions.',
  })
  overdue?: boolean;
  @Field({
    defaultValue: false,
    description: 'Include superseded versions (default: current versions only).',
  })
  includeSuperseded: boolean;
}
