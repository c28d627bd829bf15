import { Arg, Ctx, Mutation, Resolver, type ClassType } from 'type-graphql';
import { originOf, requireWriter, whoMay } from './department.auth';
import type { DepartmentContext, DepartmentModel, ProfileRoot } from './department.types';
import type { SetFlagShape } from './flag.model';
import { requireNotFuture, requireUscc, todayInChina } from './input.validation';

/** `<code>SetFlag`: sets or clears a designation (key taxpayer, crowded place, …). */
export function flagResolver(
  model: DepartmentModel,
  SetFlagInput: ClassType<SetFlagShape>,
): ClassType {
  const { def, Flag, Profile } = model;
  const names = Object.entries(def.flags)
    .map(([flag, d]) => `${flag} (${d.field})`)
    .join(', ');

  @Resolver()
  class FlagResolver {
    @Mutation(() => Profile, {
      name: `${def.code}SetFlag`,
      description: `Sets or clears a designation of an enterprise in the registry: ${names}. Setting a set flag again updates its day and grounds. ${whoMay(def, 'rate')}`,
    })
    async setFlag(
      @Arg('input', () => SetFlagInput) input: SetFlagShape,
      @Ctx() ctx: DepartmentContext,
    ): Promise<ProfileRoot> {
      const uscc = requireUscc(input.uscc, 'input.uscc');
      const caller = requireWriter(ctx, def, 'rate');
      const since = input.since ?? todayInChina();
      requireNotFuture(since, 'input.since');
      await ctx.loaders.registry.require(uscc, originOf(ctx));
      const repo = ctx.db.getRepository(Flag);
      if (input.value)
        await repo.upsert(
          { uscc, flag: input.flag, since, note: input.note?.trim() ?? '', updatedBy: caller.sub },
          ['uscc', 'flag'],
        );
      else await repo.delete({ uscc, flag: input.flag });
      return { uscc };
    }
  }
  return FlagResolver;
}
