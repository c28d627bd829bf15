import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@jih/kit';
import { CheckItem, Department, SamplingPolicy } from '../entities';
import type { RegistryLoaders } from '../loaders/registry.loader';

type Ctx = SubgraphContext<RegistryLoaders>;

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => [Department], {
    description: 'Every department, in the order of the joint-inspection documents.',
  })
  async departments(@Ctx() ctx: Ctx): Promise<Department[]> {
    const all = await ctx.db
      .getRepository(Department)
      .find({ order: { sortOrder: 'ASC', code: 'ASC' } });
    for (const d of all) ctx.loaders.department.prime(d.code, d);
    return all;
  }

  @Query(() => Department, { nullable: true, description: 'One department by code.' })
  department(@Arg('code', () => ID) code: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.department.load(code);
  }

  @FieldResolver(() => [CheckItem], { description: "The department's random-check list (一单)." })
  checkItems(@Root() d: Department, @Ctx() ctx: Ctx) {
    return ctx.loaders.checkItemsByDepartment.load(d.code);
  }

  @FieldResolver(() => SamplingPolicy, {
    nullable: true,
    description: "The department's sampling rules (一细则).",
  })
  samplingPolicy(@Root() d: Department, @Ctx() ctx: Ctx) {
    return ctx.loaders.policy.load(d.code);
  }
}
