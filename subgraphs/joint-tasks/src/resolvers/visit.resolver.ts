import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { BadUserInputError, requireDepartment, type SubgraphContext } from '@jih/kit';
import {
  Department,
  Enterprise,
  Inspector,
  JointTask,
  TeamChange,
  Visit,
  VisitTeam,
} from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import { recuseAndReplace } from '../services/replacement.service';
import { VisitConnection, VisitsArgs, requireUuid, visitPage } from './joint-task.resolver';

/** What callers of other departments read in place of a replacement's reason. */
const WITHHELD_REASON = 'replaced (the reason is shown to the department and admins)';

type Ctx = SubgraphContext<JointTaskLoaders>;

@Resolver(() => Visit)
export class VisitResolver {
  @Authorized()
  @Query(() => Visit, { nullable: true, description: 'One visit.' })
  visit(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.visit.load(requireUuid(id, 'visit'));
  }

  @Authorized()
  @Query(() => VisitConnection, {
    description: 'Visits by task, department, inspector or staffing state.',
  })
  visits(@Args() args: VisitsArgs, @Ctx() ctx: Ctx) {
    return visitPage(ctx, args);
  }

  @FieldResolver(() => Enterprise, {
    description: "The enterprise visited, with every department's profile through the federation.",
  })
  enterprise(@Root() v: Visit): Enterprise {
    return { uscc: v.uscc };
  }

  @FieldResolver(() => JointTask, { description: 'The joint task.' })
  task(@Root() v: Visit, @Ctx() ctx: Ctx) {
    return ctx.loaders.task.load(v.taskId);
  }

  @FieldResolver(() => [VisitTeam], { description: 'One team per department on the visit.' })
  teams(@Root() v: Visit, @Ctx() ctx: Ctx) {
    return ctx.loaders.teamsByVisit.load(v.id);
  }

  @Authorized('inspector', 'supervisor')
  @Mutation(() => VisitTeam, {
    description:
      'Records a recusal (回避) of an assigned inspector and draws a replacement (递补) with the task seed, recorded as a team change: the inspector themself or a supervisor of that department.',
  })
  async recuseInspector(
    @Arg('visitId', () => ID) visitId: string,
    @Arg('department', () => ID) department: string,
    @Arg('inspectorId', () => ID) inspectorId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Ctx,
  ): Promise<VisitTeam> {
    requireUuid(visitId, 'visit');
    requireUuid(inspectorId, 'inspector');
    const trimmed = reason.trim();
    if (trimmed.length < 2 || trimmed.length > 500)
      throw new BadUserInputError('reason must be 2 to 500 characters', { argument: 'reason' });
    const self = ctx.caller?.sub === inspectorId && ctx.caller.department === department;
    const caller = self ? ctx.caller! : requireDepartment(ctx.caller, department, ['supervisor']);
    return recuseAndReplace(ctx.db, { visitId, department, inspectorId, reason: trimmed }, caller, {
      authorization: ctx.authorization,
      requestId: ctx.requestId,
    });
  }
}

@Resolver(() => VisitTeam)
export class VisitTeamResolver {
  @FieldResolver(() => Department, { description: 'The department.' })
  department(@Root() t: VisitTeam): Department {
    return { code: t.departmentCode };
  }

  @FieldResolver(() => [Inspector], {
    description: 'Members, resolved by the registry (which guards their personal data).',
  })
  inspectors(@Root() t: VisitTeam): Inspector[] {
    return t.inspectorIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [TeamChange], {
    description:
      "Replacements since the draw. The reason (often a recusal's ground) is shown to the team's own department and admins; others read that one was made.",
  })
  async changes(@Root() t: VisitTeam, @Ctx() ctx: Ctx) {
    const changes = (await ctx.loaders.changesByVisit.load(t.visitId)).filter(
      (c) => c.departmentCode === t.departmentCode,
    );
    const own =
      !!ctx.caller &&
      (ctx.caller.roles.includes('admin') || ctx.caller.department === t.departmentCode);
    return own
      ? changes
      : changes.map((c) =>
          Object.assign(Object.create(Object.getPrototypeOf(c)), c, { reason: WITHHELD_REASON }),
        );
  }
}

@Resolver(() => Enterprise)
export class EnterpriseVisitsResolver {
  @Authorized()
  @FieldResolver(() => [Visit], {
    description: 'Joint visits to this enterprise (signed-in callers).',
  })
  jointVisits(@Root() e: Enterprise, @Ctx() ctx: Ctx) {
    return ctx.loaders.visitsByEnterprise.load(e.uscc);
  }
}
