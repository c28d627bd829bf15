import { Arg, Ctx, ID, Mutation, Resolver, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors';
import { upperFirst } from './department.config';
import { originOf, requireWriter, whoMay } from './department.auth';
import {
  DepartmentRisk,
  type DepartmentContext,
  type DepartmentModel,
  type RatingRow,
} from './department.types';
import { requireNotFuture, requireUscc, todayInChina } from './input.validation';
import type { RatingInputShape } from './rating.model';
import { changeWithRiskSync } from './risk.service';

/** `<code>Set<Rating>` and `<code>ResyncRiskClass`: the writes that drive the registry's risk class. */
export function ratingResolver(
  model: DepartmentModel,
  RatingInput: ClassType<RatingInputShape>,
): ClassType {
  const { def, Rating } = model;

  @Resolver()
  class RatingResolver {
    @Mutation(() => Rating, {
      name: `${def.code}Set${upperFirst(def.rating.field)}`,
      description: `Records the ${def.rating.labelZh} of an enterprise for a year (replacing that year's), then sends the resulting credit-risk class to the registry in the same transaction: if the registry refuses, nothing is stored. Idempotent. ${whoMay(def, 'rate')}`,
    })
    async setRating(
      @Arg('input', () => RatingInput) input: RatingInputShape,
      @Ctx() ctx: DepartmentContext,
    ): Promise<RatingRow> {
      const uscc = requireUscc(input.uscc, 'input.uscc');
      const caller = requireWriter(ctx, def, 'rate');
      const today = todayInChina();
      if (input.year > Number(today.slice(0, 4)))
        throw new BadUserInputError(
          `input.year ${input.year} has not begun yet (today is ${today})`,
          { argument: 'input.year' },
        );
      const ratedOn = input.ratedOn ?? today;
      requireNotFuture(ratedOn, 'input.ratedOn', today);
      await ctx.loaders.registry.require(uscc, originOf(ctx));
      const { result } = await changeWithRiskSync(ctx, model, uscc, async (tx) => {
        await tx.upsert(
          Rating,
          {
            uscc,
            year: input.year,
            level: input.level,
            ratedOn,
            note: input.note?.trim() ?? '',
            recordedBy: caller.sub,
          },
          ['uscc', 'year'],
        );
        return tx.findOneByOrFail(Rating, { uscc, year: input.year });
      });
      return result;
    }

    @Mutation(() => DepartmentRisk, {
      name: `${def.code}ResyncRiskClass`,
      nullable: true,
      description: `Sends the credit-risk class the ${def.code} records give for an enterprise to the registry again (the same idempotent path every rating change takes); repairs the registry after a failure between the two commits. Null when there is nothing to derive a class from. ${whoMay(def, 'rate')}`,
    })
    async resync(
      @Arg('uscc', () => ID) usccInput: string,
      @Ctx() ctx: DepartmentContext,
    ): Promise<DepartmentRisk | null> {
      const uscc = requireUscc(usccInput);
      requireWriter(ctx, def, 'rate');
      await ctx.loaders.registry.require(uscc, originOf(ctx));
      const { decision } = await changeWithRiskSync(ctx, model, uscc, async () => undefined);
      return decision;
    }
  }
  return RatingResolver;
}
