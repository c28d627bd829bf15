import { IsOptional, MaxLength } from 'class-validator';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import { BadUserInputError } from '../errors';
import { CheckResult } from '../stubs';
import { originOf, requireWriter, whoMay } from './department.auth';
import { words } from './department.config';
import {
  FollowUpStatus,
  type DepartmentContext,
  type DepartmentModel,
  type EnterpriseRef,
  type FollowUpRow,
} from './department.types';
import type { CloseFollowUpShape, OpenFollowUpShape } from './follow-up.model';
import { closeFollowUp, followUpPage, openFollowUp } from './follow-up.service';
import { requireNotBefore, requireNotFuture, requireUscc, todayInChina } from './input.validation';
import { listTypes, type ListArgsShape } from './records';

interface FollowUpFilterShape {
  status?: FollowUpStatus | null;
  kind?: string | null;
  overdue?: boolean | null;
  uscc?: string | null;
}

/** The follow-up list query, `<code>Open<noun>`, `<code>Close<noun>` and the record's enterprise. */
export function followUpResolver(
  model: DepartmentModel,
  Kind: Record<string, string>,
  inputs: { Open: ClassType<OpenFollowUpShape>; Close: ClassType<CloseFollowUpShape> },
): ClassType {
  const { def, FollowUp } = model;
  const { noun, plural, kinds } = def.followUps;

  @InputType(`${def.pascal}${noun}Filter`, {
    description: `Which ${def.code} ${words(plural)} to list; all given conditions must hold.`,
  })
  class FollowUpFilter implements FollowUpFilterShape {
    @Field(() => FollowUpStatus, {
      nullable: true,
      description: 'Only open or only closed records.',
    })
    status?: FollowUpStatus | null;

    @Field(() => Kind, { nullable: true, description: 'Only this kind.' })
    kind?: string | null;

    @Field(() => Boolean, {
      nullable: true,
      description: 'true: only open records past their deadline; false: only the others.',
    })
    overdue?: boolean | null;

    @Field(() => String, { nullable: true, description: 'Only records on this enterprise.' })
    @IsOptional()
    @MaxLength(40)
    uscc?: string | null;
  }

  const { ListArgs, ListConnection } = listTypes(
    `${def.pascal}${noun}`,
    `${def.code} ${words(plural)}`,
    FollowUp,
    FollowUpFilter,
  );

  @Resolver(() => FollowUp)
  class FollowUpResolver {
    @FieldResolver(() => model.Enterprise, {
      description: 'The enterprise (resolved by the registry).',
    })
    enterprise(@Root() f: FollowUpRow): EnterpriseRef {
      return { uscc: f.uscc };
    }

    @FieldResolver(() => CheckResult, {
      nullable: true,
      description:
        'The check result it was opened from, resolved by the joint-tasks subgraph; null when opened otherwise.',
    })
    checkResult(@Root() f: FollowUpRow): CheckResult | null {
      return f.checkResultId ? { id: f.checkResultId } : null;
    }

    @Authorized()
    @Query(() => ListConnection, {
      name: `${def.code}${plural}`,
      description: `${def.followUps.description} Signed-in callers only.`,
    })
    list(
      @Args(() => ListArgs) args: ListArgsShape<FollowUpFilterShape>,
      @Ctx() ctx: DepartmentContext,
    ) {
      const f = args.filter ?? {};
      const filter = {
        status: f.status,
        kind: f.kind,
        overdue: f.overdue,
        uscc: f.uscc ? requireUscc(f.uscc, 'filter.uscc') : null,
      };
      return followUpPage(ctx.db, FollowUp, filter, args);
    }

    @Mutation(() => FollowUp, {
      name: `${def.code}Open${noun}`,
      description: `Opens a ${words(noun)} on an enterprise in the registry, usually from a check result. A deadline may not be in the past; kinds that need one: ${
        Object.entries(kinds)
          .filter(([, k]) => k.deadline === 'required')
          .map(([kind]) => kind)
          .join(', ') || 'none'
      }. ${whoMay(def, 'followUp')}`,
    })
    async open(
      @Arg('input', () => inputs.Open) input: OpenFollowUpShape,
      @Ctx() ctx: DepartmentContext,
    ): Promise<FollowUpRow> {
      const uscc = requireUscc(input.uscc, 'input.uscc');
      const caller = requireWriter(ctx, def, 'followUp');
      const today = todayInChina();
      const openedOn = input.openedOn ?? today;
      requireNotFuture(openedOn, 'input.openedOn', today);
      const deadline = input.deadline ?? null;
      if (!deadline && kinds[input.kind].deadline === 'required') {
        throw new BadUserInputError(
          `A ${input.kind} ${words(noun)} needs a deadline (input.deadline)`,
          { argument: 'input.deadline' },
        );
      }
      if (deadline) {
        if (deadline < today)
          throw new BadUserInputError(
            `input.deadline ${deadline} is in the past (today is ${today} in China)`,
            { argument: 'input.deadline' },
          );
        requireNotBefore(deadline, openedOn, 'input.deadline', 'the opening day');
      }
      await ctx.loaders.registry.require(uscc, originOf(ctx));
      return openFollowUp(ctx.db, FollowUp, {
        uscc,
        kind: input.kind,
        checkResultId: input.checkResultId ?? null,
        summary: input.summary.trim(),
        legalBasis: input.legalBasis?.trim() ?? '',
        openedOn,
        deadline,
        openedBy: caller.sub,
      });
    }

    @Mutation(() => FollowUp, {
      name: `${def.code}Close${noun}`,
      description: `Closes an open ${words(noun)} with its outcome; a closed record cannot be closed again (CONFLICT). ${whoMay(def, 'followUp')}`,
    })
    async close(
      @Arg('input', () => inputs.Close) input: CloseFollowUpShape,
      @Ctx() ctx: DepartmentContext,
    ): Promise<FollowUpRow> {
      const caller = requireWriter(ctx, def, 'followUp');
      const closedOn = input.closedOn ?? todayInChina();
      requireNotFuture(closedOn, 'input.closedOn');
      return closeFollowUp(
        ctx.db,
        FollowUp,
        input.id,
        { closedOn, outcome: input.outcome.trim(), closedBy: caller.sub },
        { what: `${def.code} ${words(noun)}`, noun },
      );
    }
  }
  return FollowUpResolver;
}
