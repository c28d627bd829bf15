import { Length, Matches } from 'class-validator';
import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import {
  BadUserInputError,
  ConflictError,
  requireDepartment,
  type SubgraphContext,
  DEPARTMENT_CODE,
} from '@jih/kit';
import { CheckItem, CheckItemCategory, CheckMethod, Department } from '../entities';
import type { RegistryLoaders } from '../loaders/registry.loader';

type Ctx = SubgraphContext<RegistryLoaders>;

@InputType({ description: "A new item on a department's random-check list." })
class AddCheckItemInput {
  @Field(() => ID)
  @Matches(/^[A-Za-z0-9-]{2,40}$/, { message: 'code must be 2-40 letters, digits or hyphens' })
  code: string;
  @Field() @Matches(DEPARTMENT_CODE) departmentCode: string;
  @Field() @Length(2, 300) name: string;
  @Field() @Length(2, 300) nameEn: string;
  @Field() @Length(2, 1000) legalBasis: string;
  @Field() @Length(1, 100) objectType: string;
  @Field(() => CheckMethod) method: CheckMethod;
  @Field(() => CheckItemCategory) category: CheckItemCategory;
  @Field()
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, {
    message: 'expertise must be a lower-case tag like food-safety',
  })
  expertise: string;
}

@Resolver(() => CheckItem)
export class CheckItemResolver {
  @Query(() => [CheckItem], { description: 'Check items, of one department or of all.' })
  async checkItems(
    @Arg('department', () => ID, { nullable: true }) department: string | null,
    @Ctx() ctx: Ctx,
  ) {
    if (department) return ctx.loaders.checkItemsByDepartment.load(department);
    return ctx.db.getRepository(CheckItem).find({ order: { departmentCode: 'ASC', code: 'ASC' } });
  }

  @Query(() => CheckItem, { nullable: true, description: 'One check item by code.' })
  checkItem(@Arg('code', () => ID) code: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.checkItem.load(code);
  }

  @Authorized('planner', 'supervisor')
  @Mutation(() => CheckItem, {
    description:
      "Adds an item to a department's list: that department's planners or supervisors, or admins.",
  })
  async addCheckItem(@Arg('input') input: AddCheckItemInput, @Ctx() ctx: Ctx) {
    requireDepartment(ctx.caller, input.departmentCode, ['planner', 'supervisor']);
    return ctx.db.transaction(async (tx) => {
      if (!(await tx.existsBy(Department, { code: input.departmentCode }))) {
        throw new BadUserInputError(`Unknown department "${input.departmentCode}"`, {
          argument: 'input.departmentCode',
        });
      }
      if (await tx.existsBy(CheckItem, { code: input.code }))
        throw new ConflictError(`Check item ${input.code} already exists`);
      return tx.save(tx.create(CheckItem, input));
    });
  }

  @FieldResolver(() => Department, { description: 'The department that owns the item.' })
  department(@Root() c: CheckItem, @Ctx() ctx: Ctx) {
    return ctx.loaders.department.load(c.departmentCode);
  }
}
