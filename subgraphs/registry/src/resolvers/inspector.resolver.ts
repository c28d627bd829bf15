import { ArrayMaxSize, IsIn, Length, Matches } from 'class-validator';
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
  NotFoundError,
  hasDepartmentRole,
  requireDepartment,
  DEPARTMENT_CODE,
  type SubgraphContext,
} from '@jih/kit';
import { Department, Enterprise, Inspector, Recusal } from '../entities';
import type { RegistryLoaders } from '../loaders/registry.loader';
import { requireValidUscc } from '../services/uscc.input';

type Ctx = SubgraphContext<RegistryLoaders>;

@InputType({ description: "A new inspector in a department's directory." })
class AddInspectorInput {
  @Field() @Matches(DEPARTMENT_CODE) departmentCode: string;
  @Field() @Length(2, 50) name: string;
  @Field({ description: 'Law-enforcement certificate number (执法证号).' })
  @Matches(/^[A-Za-z0-9-]{6,40}$/)
  certificateNo: string;
  @Field({ description: '男 or 女.' }) @IsIn(['男', '女']) sex: string;
  @Field() @Length(1, 50) post: string;
  @Field(() => [String])
  @ArrayMaxSize(20)
  @Matches(/^[a-z][a-z0-9-]{1,63}$/, { each: true })
  expertise: string[];
}

@Resolver(() => Inspector)
export class InspectorResolver {
  @Authorized()
  @Query(() => [Inspector], {
    description: "A department's inspector directory; signed-in callers only.",
  })
  async inspectors(
    @Arg('department', () => ID) department: string,
    @Arg('activeOnly', { defaultValue: false }) activeOnly: boolean,
    @Ctx() ctx: Ctx,
  ) {
    const rows = await ctx.db.getRepository(Inspector).find({
      where: activeOnly
        ? { departmentCode: department, active: true }
        : { departmentCode: department },
      order: { name: 'ASC', id: 'ASC' },
      take: 5000,
    });
    for (const i of rows) ctx.loaders.inspector.prime(i.id, i);
    return rows;
  }

  @Authorized()
  @Query(() => Inspector, { nullable: true, description: 'One inspector.' })
  inspector(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new BadUserInputError(`Invalid inspector id "${id.slice(0, 40)}"`);
    return ctx.loaders.inspector.load(id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Law-enforcement certificate number: own department and admins only, null for others.',
  })
  certificateNo(@Root() i: Inspector, @Ctx() ctx: Ctx) {
    return hasDepartmentRole(ctx.caller, i.departmentCode, ['planner', 'inspector', 'supervisor'])
      ? i.certificateNo
      : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Sex: own department and admins only.',
  })
  sex(@Root() i: Inspector, @Ctx() ctx: Ctx) {
    return hasDepartmentRole(ctx.caller, i.departmentCode, ['planner', 'inspector', 'supervisor'])
      ? i.sex
      : null;
  }

  @FieldResolver(() => Department, { description: "The inspector's department." })
  department(@Root() i: Inspector, @Ctx() ctx: Ctx) {
    return ctx.loaders.department.load(i.departmentCode);
  }

  @FieldResolver(() => [Recusal], {
    description:
      'Declared conflicts of interest: own department and admins only, empty for others.',
  })
  async recusals(@Root() i: Inspector, @Ctx() ctx: Ctx) {
    if (!hasDepartmentRole(ctx.caller, i.departmentCode, ['planner', 'inspector', 'supervisor']))
      return [];
    return ctx.loaders.recusalsByInspector.load(i.id);
  }

  @Authorized('planner', 'supervisor')
  @Mutation(() => Inspector, {
    description: 'Adds an inspector: planners or supervisors of that department, or admins.',
  })
  async addInspector(@Arg('input') input: AddInspectorInput, @Ctx() ctx: Ctx) {
    requireDepartment(ctx.caller, input.departmentCode, ['planner', 'supervisor']);
    return ctx.db.transaction(async (tx) => {
      if (!(await tx.existsBy(Department, { code: input.departmentCode }))) {
        throw new BadUserInputError(`Unknown department "${input.departmentCode}"`, {
          argument: 'input.departmentCode',
        });
      }
      if (await tx.existsBy(Inspector, { certificateNo: input.certificateNo })) {
        throw new ConflictError(`An inspector with certificate ${input.certificateNo} exists`);
      }
      return tx.save(tx.create(Inspector, { ...input, active: true }));
    });
  }

  @Authorized('supervisor')
  @Mutation(() => Inspector, {
    description: 'Makes an inspector drawable or not: supervisors of that department, or admins.',
  })
  async setInspectorActive(
    @Arg('id', () => ID) id: string,
    @Arg('active') active: boolean,
    @Ctx() ctx: Ctx,
  ) {
    const inspector = await this.existing(id, ctx);
    requireDepartment(ctx.caller, inspector.departmentCode, ['supervisor']);
    await ctx.db.getRepository(Inspector).update({ id }, { active });
    return { ...inspector, active };
  }

  @Authorized()
  @Mutation(() => Recusal, {
    description:
      'Declares a conflict of interest between an inspector and an enterprise (回避): the inspector, a supervisor of the department, or an admin.',
  })
  async declareRecusal(
    @Arg('inspectorId', () => ID) inspectorId: string,
    @Arg('uscc', () => ID) usccInput: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Ctx,
  ) {
    const uscc = requireValidUscc(usccInput);
    if (reason.trim().length < 2 || reason.length > 500)
      throw new BadUserInputError('reason must be 2 to 500 characters', { argument: 'reason' });
    const inspector = await this.existing(inspectorId, ctx);
    const self =
      ctx.caller?.sub === inspectorId && ctx.caller.department === inspector.departmentCode;
    if (!self) requireDepartment(ctx.caller, inspector.departmentCode, ['supervisor']);
    return ctx.db.transaction(async (tx) => {
      if (!(await tx.existsBy(Enterprise, { uscc })))
        throw new NotFoundError(`No enterprise ${uscc}`);
      const existing = await tx.findOneBy(Recusal, { inspectorId, uscc });
      if (existing) return existing; // declaring twice is harmless: the conflict is already on record
      return tx.save(tx.create(Recusal, { inspectorId, uscc, reason: reason.trim() }));
    });
  }

  private async existing(id: string, ctx: Ctx): Promise<Inspector> {
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new BadUserInputError(`Invalid inspector id "${id.slice(0, 40)}"`);
    const inspector = await ctx.loaders.inspector.load(id);
    if (!inspector) throw new NotFoundError(`No inspector ${id}`);
    return inspector;
  }
}
