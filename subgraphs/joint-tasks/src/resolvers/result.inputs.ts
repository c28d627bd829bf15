import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
  validate,
  type ValidationError,
} from 'class-validator';
import { Field, ID, InputType, type ValidatorFn } from 'type-graphql';
import { BadUserInputError } from '@jih/kit';
import { FollowUpKind, ResultCategory } from '../entities';
import { UUID } from './result.paging';
import { DEPARTMENT_CODE } from './result.types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

@InputType({
  description:
    "The enterprise's acknowledgement of the check record: its representative signs, or the refusal is recorded with its reason (and a witness where needed).",
})
class AcknowledgementInput {
  @Field({
    description:
      "Name of the enterprise's legal representative or the person in charge present (2-50 characters).",
  })
  @Length(2, 50)
  representativeName: string;

  @Field({ description: 'Whether the representative signed the check record.' })
  signed: boolean;

  @Field({
    nullable: true,
    description: 'Required when not signed: why the signature was refused (2-500 characters).',
  })
  @IsOptional()
  @Length(2, 500)
  refusalReason?: string;

  @Field({ nullable: true, description: 'Witness of a refusal (2-100 characters).' })
  @IsOptional()
  @Length(2, 100)
  witness?: string;
}

@InputType({
  description: 'What a department records for one visit; shared by recordResult and correctResult.',
})
class ResultContentInput {
  @Field({
    description:
      'Day the check was carried out, YYYY-MM-DD: a real date, not in the future (China time), not before the task window.',
  })
  @Matches(DATE, { message: 'checkDate must be YYYY-MM-DD' })
  checkDate: string;

  @Field(() => ResultCategory, { description: 'Result category (one of the eight).' })
  category: ResultCategory;

  @Field(() => [ID], {
    description: "Codes of the check items covered: the department's items in this task (1 to 50).",
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { each: true })
  checkItems: string[];

  @Field({
    defaultValue: '',
    description:
      'Findings (up to 4,000 characters); required when the category means a problem was found.',
  })
  @MaxLength(4000)
  findings: string;

  @Field(() => [ID], {
    description:
      "Inspectors present: at least two of the department's team assigned to the visit, the recording inspector among them.",
  })
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @Matches(UUID, { each: true, message: 'inspectorIds must be inspector ids (UUIDs)' })
  inspectorIds: string[];

  @Field(() => AcknowledgementInput, {
    description: "The enterprise representative's signature or the recorded refusal.",
  })
  @ValidateNested()
  acknowledgement: AcknowledgementInput;

  @Field(() => [String], {
    defaultValue: [],
    description: 'Evidence references: file ids or URIs (up to 50, each 1-500 characters).',
  })
  @ArrayMaxSize(50)
  @Length(1, 500, { each: true })
  evidence: string[];
}

@InputType({
  description:
    'A result to record for one visit, by an inspector of the department assigned to it.',
})
export class RecordResultInput extends ResultContentInput {
  @Field(() => ID, { description: 'The visit.' })
  @Matches(UUID, { message: 'visitId must be a visit id (UUID)' })
  visitId: string;

  @Field({
    description:
      'Idempotency key (8-128 of A-Z a-z 0-9 . _ : -): a retried call with the same key returns the same result; the same key with another payload is CONFLICT.',
  })
  @Matches(KEY, { message: 'idempotencyKey must be 8-128 characters of A-Z a-z 0-9 . _ : -' })
  idempotencyKey: string;
}

@InputType({
  description:
    'A correction: a new version of the current result, with the reason. The previous version is kept, and stays public until the correction is published.',
})
export class CorrectResultInput extends ResultContentInput {
  @Field(() => ID, { description: 'The current version being corrected.' })
  @Matches(UUID, { message: 'resultId must be a result id (UUID)' })
  resultId: string;

  @Field({ description: 'Why the result is corrected (2-1,000 characters).' })
  @Length(2, 1000)
  reason: string;

  @Field({ description: 'Idempotency key, as for recordResult.' })
  @Matches(KEY, { message: 'idempotencyKey must be 8-128 characters of A-Z a-z 0-9 . _ : -' })
  idempotencyKey: string;
}

@InputType({
  description:
    "A typed reference to a follow-up in a department's own subgraph: {department, kind, id}.",
})
export class FollowUpRefInput {
  @Field(() => ID, { description: 'Department whose subgraph holds the follow-up.' })
  @Matches(DEPARTMENT_CODE, { message: 'department must be a department code' })
  department: string;

  @Field(() => FollowUpKind, { description: 'Case, rectification or rating change.' })
  kind: FollowUpKind;

  @Field(() => ID, {
    description: "The follow-up's id in that subgraph (1-128 of A-Z a-z 0-9 . _ : -).",
  })
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, {
    message: 'id must be 1-128 characters of A-Z a-z 0-9 . _ : -',
  })
  id: string;
}

@InputType({ description: 'A finding to refer to the competent department (移送).' })
export class ReferFindingInput {
  @Field(() => ID, { description: 'The result whose finding is referred (its current version).' })
  @Matches(UUID, { message: 'resultId must be a result id (UUID)' })
  resultId: string;

  @Field(() => ID, { description: 'The competent department.' })
  @Matches(DEPARTMENT_CODE, { message: 'toDepartment must be a department code' })
  toDepartment: string;

  @Field({
    description:
      "The matter referred: what was found and why it is the receiving department's remit (2-2,000 characters).",
  })
  @Length(2, 2000)
  matter: string;

  @Field({
    defaultValue: false,
    description: 'Suspected crime: marks the referral for the judicial authorities.',
  })
  suspectedCrime: boolean;
}

/** Each broken rule of a validated input as `path: message`, nested inputs included. */
function problemsOf(errors: ValidationError[], path: string): string[] {
  return errors.flatMap((e) => {
    const at = `${path}.${e.property}`;
    return [
      ...Object.values(e.constraints ?? {}).map((m) => `${at}: ${m}`),
      ...problemsOf(e.children ?? [], at),
    ];
  });
}

/**
 * Validates an input argument with its class-validator rules, like type-graphql does, but
 * answers BAD_USER_INPUT with a message naming every problem instead of "Argument Validation Error".
 */
export const validateInput: ValidatorFn = async (value, _type, { info }) => {
  if (!value || typeof value !== 'object') return;
  const errors = await validate(value as object, {
    skipMissingProperties: true,
    forbidUnknownValues: false,
  });
  if (!errors.length) return;
  const problems = problemsOf(errors, 'input');
  throw new BadUserInputError(`Invalid input to ${info.fieldName}: ${problems.join('; ')}`, {
    problems,
  });
};
