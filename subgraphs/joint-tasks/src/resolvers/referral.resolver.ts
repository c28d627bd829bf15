import { IsOptional, Matches } from 'class-validator';
import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, PageArgs, type SubgraphContext } from '@jih/kit';
import {
  CheckResult,
  Department,
  Enterprise,
  FollowUpLink,
  Referral,
  ReferralStatus,
} from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import {
  decideReferral,
  linkReferralFollowUp,
  referFinding,
  referralPage,
} from '../services/referral.service';
import { requireUuid } from './joint-task.resolver';
import { FollowUpRefInput, ReferFindingInput, validateInput } from './result.inputs';
import { DEPARTMENT_CODE, FollowUpRef } from './result.types';

type Ctx = SubgraphContext<JointTaskLoaders>;

@ObjectType('ReferralConnection', { description: 'A page of referrals.' })
class ReferralConnection extends Connection(Referral) {}

@ArgsType()
class ReferralsArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only referrals to this department (its inbox).',
  })
  @IsOptional()
  @Matches(DEPARTMENT_CODE)
  toDepartment?: string;
  @Field(() => ID, { nullable: true, description: 'Only referrals from this department.' })
  @IsOptional()
  @Matches(DEPARTMENT_CODE)
  fromDepartment?: string;
  @Field(() => ReferralStatus, { nullable: true, description: 'Only referrals in this state.' })
  status?: ReferralStatus;
  @Field({
    nullable: true,
    description: 'true: only suspected crimes marked for the judicial authorities.',
  })
  suspectedCrime?: boolean;
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Authorized()
  @Query(() => Referral, { nullable: true, description: 'One referral.' })
  referral(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.referral.load(requireUuid(id, 'referral'));
  }

  @Authorized()
  @Query(() => ReferralConnection, {
    description:
      'Referrals by receiving or referring department, state, or judicial marking, oldest first by id.',
  })
  async referrals(@Args() args: ReferralsArgs, @Ctx() ctx: Ctx): Promise<ReferralConnection> {
    const filter = {
      toDepartment: args.toDepartment,
      fromDepartment: args.fromDepartment,
      status: args.status,
      suspectedCrime: args.suspectedCrime,
    };
    return Object.assign(new ReferralConnection(), await referralPage(ctx.db, filter, args));
  }

  @Authorized('inspector', 'supervisor')
  @Mutation(() => Referral, {
    description:
      "Refers a finding outside the checking department's remit to the competent department (移送), with a record: an assigned inspector or a supervisor of the checking department. `suspectedCrime` marks it for the judicial authorities.",
  })
  referFinding(
    @Arg('input', { validateFn: validateInput }) input: ReferFindingInput,
    @Ctx() ctx: Ctx,
  ) {
    return referFinding(ctx.db, input, ctx.caller!, {
      authorization: ctx.authorization,
      requestId: ctx.requestId,
    });
  }

  @Authorized('supervisor')
  @Mutation(() => Referral, {
    description:
      'Accepts a referral (接收): a supervisor of the receiving department, optionally linking its follow-up at once.',
  })
  acceptReferral(
    @Arg('id', () => ID) id: string,
    @Arg('followUp', () => FollowUpRefInput, { nullable: true, validateFn: validateInput })
    followUp: FollowUpRefInput | null,
    @Ctx() ctx: Ctx,
  ) {
    return decideReferral(ctx.db, requireUuid(id, 'referral'), ctx.caller!, {
      accept: true,
      followUp,
    });
  }

  @Authorized('supervisor')
  @Mutation(() => Referral, {
    description:
      'Declines a referral with the reason (2-500 characters): a supervisor of the receiving department.',
  })
  declineReferral(@Arg('id', () => ID) id: string, @Arg('reason') reason: string, @Ctx() ctx: Ctx) {
    return decideReferral(ctx.db, requireUuid(id, 'referral'), ctx.caller!, {
      accept: false,
      reason,
    });
  }

  @Authorized('supervisor')
  @Mutation(() => Referral, {
    description:
      "Links the receiving department's follow-up (case, rectification, rating change in its own subgraph) to an accepted referral.",
  })
  linkReferralFollowUp(
    @Arg('id', () => ID) id: string,
    @Arg('followUp', { validateFn: validateInput }) followUp: FollowUpRefInput,
    @Ctx() ctx: Ctx,
  ) {
    return linkReferralFollowUp(ctx.db, requireUuid(id, 'referral'), followUp, ctx.caller!);
  }

  @FieldResolver(() => CheckResult, {
    description: 'The result version whose finding was referred.',
  })
  result(@Root() x: Referral, @Ctx() ctx: Ctx) {
    return ctx.loaders.result.load(x.resultId);
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise concerned.' })
  enterprise(@Root() x: Referral): Enterprise {
    return { uscc: x.uscc };
  }

  @FieldResolver(() => Department, { description: 'The referring department.' })
  fromDepartment(@Root() x: Referral): Department {
    return { code: x.fromDepartmentCode };
  }

  @FieldResolver(() => Department, { description: 'The receiving (competent) department.' })
  toDepartment(@Root() x: Referral): Department {
    return { code: x.toDepartmentCode };
  }

  @FieldResolver(() => [FollowUpLink], {
    description: "The receiving department's follow-ups linked to this referral.",
  })
  async followUps(@Root() x: Referral, @Ctx() ctx: Ctx): Promise<FollowUpLink[]> {
    return (await ctx.loaders.followUpsByVisit.load(x.visitId)).filter(
      (f) => f.referralId === x.id,
    );
  }
}

@Resolver(() => FollowUpLink)
export class FollowUpLinkResolver {
  @FieldResolver(() => FollowUpRef, {
    description: "The follow-up referred to: {department, kind, id} in that department's subgraph.",
  })
  followUp(@Root() f: FollowUpLink): FollowUpRef {
    return { department: { code: f.department }, kind: f.kind, id: f.refId };
  }

  @FieldResolver(() => Referral, {
    nullable: true,
    description: "The referral it answers; null for the checking department's own follow-up.",
  })
  referral(@Root() f: FollowUpLink, @Ctx() ctx: Ctx) {
    return f.referralId ? ctx.loaders.referral.load(f.referralId) : null;
  }
}
