import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { BadUserInputError, requireDepartment, type SubgraphContext } from '@jih/kit';
import { AnnualPlan, PlanKind } from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import { chinaDate } from '../services/result-deadline.service';
import { CreateAnnualPlanInput } from './joint-task.inputs';

type Ctx = SubgraphContext<JointTaskLoaders>;

/** Last day to register a plan: joint plans by the end of January, department plans by the end of February. */
function planDeadline(kind: PlanKind, year: number): string {
  return kind === PlanKind.JOINT
    ? `${year}-01-31`
    : new Date(Date.UTC(year, 2, 0)).toISOString().slice(0, 10);
}

@Resolver(() => AnnualPlan)
export class AnnualPlanResolver {
  @Authorized()
  @Query(() => [AnnualPlan], {
    description: 'Annual plans of a year, optionally of one department.',
  })
  annualPlans(
    @Arg('year', () => Int) year: number,
    @Arg('department', () => ID, { nullable: true }) department: string | null,
    @Ctx() ctx: Ctx,
  ) {
    if (year < 2000 || year > 2100)
      throw new BadUserInputError('year must be between 2000 and 2100', { argument: 'year' });
    return ctx.db.getRepository(AnnualPlan).find({
      where: department ? { year, departmentCode: department } : { year },
      order: { registeredAt: 'ASC' },
    });
  }

  @Authorized('planner')
  @Mutation(() => AnnualPlan, {
    description:
      'Registers an annual plan: planners of the owning department (the lead department for a joint plan), or admins.',
  })
  async createAnnualPlan(@Arg('input') input: CreateAnnualPlanInput, @Ctx() ctx: Ctx) {
    const caller = requireDepartment(ctx.caller, input.department, ['planner']);
    if (input.kind === PlanKind.DEPARTMENT && input.participatingDepartments.length) {
      throw new BadUserInputError('a department plan has no participating departments', {
        argument: 'input.participatingDepartments',
      });
    }
    return ctx.db.getRepository(AnnualPlan).save(
      ctx.db.getRepository(AnnualPlan).create({
        year: input.year,
        kind: input.kind,
        departmentCode: input.department,
        participatingDepartments: input.participatingDepartments,
        title: input.title,
        createdBy: caller.sub,
      }),
    );
  }

  @FieldResolver(() => String, {
    description:
      'Registration deadline: 31 January for joint plans, end of February for department plans.',
  })
  deadline(@Root() p: AnnualPlan): string {
    return planDeadline(p.kind, p.year);
  }

  @FieldResolver({ description: 'Whether it was registered by its deadline (China time).' })
  registeredOnTime(@Root() p: AnnualPlan): boolean {
    return chinaDate(p.registeredAt) <= planDeadline(p.kind, p.year);
  }
}
