import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
} from 'type-graphql';
import {
  BadUserInputError,
  IsIsoDate,
  requireDepartment,
  requireIsoDate,
  type SubgraphContext,
  DEPARTMENT_CODE,
} from '@jih/kit';
import { ListEntry, ListKind, RiskClass, SamplingPolicy, SupervisionTag } from '../entities';
import type { RegistryLoaders } from '../loaders/registry.loader';
import {
  addListEntry,
  removeListEntry,
  samplingPolicies,
  setSamplingPolicy,
  tagEnterprise,
} from '../services/supervision.service';
import { requireValidUscc } from '../services/uscc.input';

type Ctx = SubgraphContext<RegistryLoaders>;

@InputType({
  description:
    "A department's sampling rules. Ratios are yearly inclusion probabilities in [0, 1].",
})
class SamplingPolicyInput {
  @Field() @Matches(DEPARTMENT_CODE) departmentCode: string;
  @Field(() => Float) @Min(0) @Max(1) ratioA: number;
  @Field(() => Float) @Min(0) @Max(1) ratioB: number;
  @Field(() => Float) @Min(0) @Max(1) ratioC: number;
  @Field(() => Float) @Min(0) @Max(1) ratioD: number;
  @Field(() => Float) @Min(0) @Max(1) generalRatioCap: number;
  @Field(() => Int) @Min(0) @Max(3660) minIntervalDays: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(365) yearlyCap?: number | null;
  @Field(() => Int) @Min(0) @Max(10) exclusionYears: number;
  @Field() excludeListed: boolean;
  @Field(() => Int) @Min(0) @Max(3660) rotationDays: number;
  @Field() @Length(0, 500) source: string;
}

@InputType({ description: 'Puts an enterprise on a shared list.' })
class AddListingInput {
  @Field(() => ListKind) kind: ListKind;
  @Field(() => ID) @Length(1, 40) uscc: string;
  @Field() @Matches(DEPARTMENT_CODE) departmentCode: string;
  @Field() @Length(2, 500) reason: string;
  @Field() @IsIsoDate() listedOn: string;
}

@Resolver()
export class SupervisionResolver {
  @Query(() => [SamplingPolicy], { description: "Every department's sampling rules." })
  samplingPolicies(@Ctx() ctx: Ctx) {
    return samplingPolicies(ctx.db);
  }

  @Authorized('planner', 'supervisor')
  @Mutation(() => SupervisionTag, {
    description:
      "Sets a department's tag and credit-risk class on an enterprise. Idempotent: the same call twice leaves one tag. A department's own rating (e.g. tax rating D) reaches the registry through this. That department's planners or supervisors, or admins.",
  })
  async tagEnterprise(
    @Arg('uscc', () => ID) usccInput: string,
    @Arg('department', () => ID) department: string,
    @Arg('riskClass', () => RiskClass) riskClass: RiskClass,
    @Arg('basis', { defaultValue: '' }) basis: string,
    @Ctx() ctx: Ctx,
  ): Promise<SupervisionTag> {
    const uscc = requireValidUscc(usccInput);
    if (basis.length > 200)
      throw new BadUserInputError('basis must be at most 200 characters', { argument: 'basis' });
    requireDepartment(ctx.caller, department, ['planner', 'supervisor']);
    return tagEnterprise(ctx.db, uscc, department, riskClass, basis);
  }

  @Authorized('supervisor')
  @Mutation(() => SamplingPolicy, {
    description: "Replaces a department's sampling rules: its supervisors, or admins.",
  })
  async setSamplingPolicy(
    @Arg('input') input: SamplingPolicyInput,
    @Ctx() ctx: Ctx,
  ): Promise<SamplingPolicy> {
    requireDepartment(ctx.caller, input.departmentCode, ['supervisor']);
    return setSamplingPolicy(ctx.db, input);
  }

  @Authorized('planner', 'supervisor')
  @Mutation(() => ListEntry, {
    description:
      'Lists an enterprise (abnormal operation or serious violation): planners or supervisors of the listing department, or admins.',
  })
  async addListing(@Arg('input') input: AddListingInput, @Ctx() ctx: Ctx): Promise<ListEntry> {
    const uscc = requireValidUscc(input.uscc, 'input.uscc');
    requireDepartment(ctx.caller, input.departmentCode, ['planner', 'supervisor']);
    return addListEntry(ctx.db, uscc, input);
  }

  @Authorized('planner', 'supervisor')
  @Mutation(() => ListEntry, {
    description:
      'Removes an enterprise from a list, keeping the record: the listing department, or admins.',
  })
  async removeListing(
    @Arg('id', () => ID) id: string,
    @Arg('removedOn') removedOn: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Ctx,
  ): Promise<ListEntry> {
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new BadUserInputError(`Invalid listing id "${id.slice(0, 40)}"`);
    requireIsoDate(removedOn, 'removedOn');
    if (reason.trim().length < 2 || reason.length > 500)
      throw new BadUserInputError('reason must be 2 to 500 characters', { argument: 'reason' });
    // The listing department is known from the entry only: removeListEntry checks the caller against it under the row lock.
    return removeListEntry(ctx.db, id, removedOn, reason, ctx.caller);
  }
}
