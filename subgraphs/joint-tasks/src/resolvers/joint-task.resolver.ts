import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import {
  BadUserInputError,
  Connection,
  NotFoundError,
  PageArgs,
  UUID,
  requireDepartment,
  toPage,
  type SubgraphContext,
} from '@jih/kit';
import {
  Department,
  Draw,
  DrawCommitment,
  JointTask,
  TaskDepartment,
  TaskStatus,
  Visit,
  VisitStatus,
} from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import { drawJointTask } from '../services/draw.service';
import { createJointTask, jointTaskPage } from '../services/task.service';
import { visitRows } from '../services/visit.service';
import { DrawEntropyInput } from './commitment.inputs';
import { CreateJointTaskInput } from './joint-task.inputs';
import { TaskScope } from './scope.types';

type Ctx = SubgraphContext<JointTaskLoaders>;

/** Rejects a malformed id before it reaches SQL. */
export function requireUuid(id: string, what: string): string {
  if (!UUID.test(id))
    throw new BadUserInputError(`Invalid ${what} id "${id.slice(0, 40)}"`, { argument: 'id' });
  return id;
}

@ObjectType('JointTaskConnection', { description: 'A page of joint tasks.' })
class JointTaskConnection extends Connection(JointTask) {}

@ObjectType('VisitConnection', { description: 'A page of visits.' })
export class VisitConnection extends Connection(Visit) {}

@ArgsType()
class JointTasksArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only tasks led by this department.' })
  leadDepartment?: string;
  @Field(() => TaskStatus, { nullable: true, description: 'Only tasks in this state.' })
  status?: TaskStatus;
}

@ArgsType()
export class VisitsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only visits of this task.' }) taskId?: string;
  @Field(() => ID, { nullable: true, description: 'Only visits this department takes part in.' })
  department?: string;
  @Field(() => ID, { nullable: true, description: 'Only visits this inspector is assigned to.' })
  inspectorId?: string;
  @Field(() => VisitStatus, { nullable: true, description: 'Only visits in this staffing state.' })
  status?: VisitStatus;
}

/** A page of visits for the given filters, keyset-paginated by id. */
export async function visitPage(ctx: Ctx, args: VisitsArgs): Promise<VisitConnection> {
  const filter = {
    taskId: args.taskId ? requireUuid(args.taskId, 'task') : null,
    department: args.department,
    status: args.status,
    inspectorId: args.inspectorId ? requireUuid(args.inspectorId, 'inspector') : null,
  };
  const rows = await visitRows(ctx.db, filter, args);
  for (const v of rows) ctx.loaders.visit.prime(v.id, v);
  return Object.assign(
    new VisitConnection(),
    toPage(rows, args.first, (v) => v.id),
  );
}

@Resolver(() => JointTask)
export class JointTaskResolver {
  @Authorized()
  @Query(() => JointTask, {
    nullable: true,
    description:
      'One joint task. Signed-in callers: a plan is not disclosed to the public before the checks.',
  })
  jointTask(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.task.load(requireUuid(id, 'joint task'));
  }

  @Authorized()
  @Query(() => JointTaskConnection, { description: 'Joint tasks, newest first by id order.' })
  async jointTasks(@Args() args: JointTasksArgs, @Ctx() ctx: Ctx): Promise<JointTaskConnection> {
    return Object.assign(
      new JointTaskConnection(),
      await jointTaskPage(
        ctx.db,
        { leadDepartment: args.leadDepartment, status: args.status },
        args,
      ),
    );
  }

  @Authorized('planner')
  @Mutation(() => JointTask, {
    description:
      'Composes a joint task: planners of the lead department (or admins). Invalid input is BAD_USER_INPUT listing every problem, and nothing is stored.',
  })
  async createJointTask(
    @Arg('input') input: CreateJointTaskInput,
    @Ctx() ctx: Ctx,
  ): Promise<JointTask> {
    const caller = requireDepartment(ctx.caller, input.leadDepartment, ['planner']);
    return createJointTask(ctx.db, input, caller, {
      authorization: ctx.authorization,
      requestId: ctx.requestId,
    });
  }

  @Authorized('planner')
  @Mutation(() => Draw, {
    description:
      "Draws a committed task (揭示与抽取): checks every witness's secret against their commitment and the beacon round's BLS signature against the committed chain key, derives seed = SHA-256(commitment digest ‖ entropy), and draws enterprises (coordinated, one visit per enterprise) and inspectors from the frozen frame and inputs, in one transaction. Planners of the lead department (or admins). Without a pending commitment, or drawn already: CONFLICT; a wrong reveal: BAD_USER_INPUT, nothing written.",
  })
  async drawJointTask(
    @Arg('id', () => ID) id: string,
    @Arg('entropy', () => DrawEntropyInput) entropy: DrawEntropyInput,
    @Ctx() ctx: Ctx,
  ): Promise<Draw> {
    const task = await ctx.loaders.task.load(requireUuid(id, 'joint task'));
    if (!task) throw new NotFoundError(`No joint task ${id}`);
    const caller = requireDepartment(ctx.caller, task.leadDepartmentCode, ['planner']);
    const { draw, timings } = await drawJointTask(
      ctx.db,
      id,
      {
        witnesses: entropy.witnessSecrets.map((w) => ({ name: w.name, secret: w.secret })),
        beacon: entropy.beacon
          ? { round: entropy.beacon.round, signature: entropy.beacon.signature }
          : null,
      },
      caller,
    );
    ctx.log.info(
      {
        taskId: id,
        drawId: draw.id,
        visits: draw.realisedVisits,
        frame: draw.frameSize,
        ...timings,
      },
      'joint task drawn',
    );
    return draw;
  }

  @FieldResolver(() => Department, { description: 'The lead department.' })
  leadDepartment(@Root() t: JointTask) {
    return { code: t.leadDepartmentCode };
  }

  @FieldResolver(() => TaskScope, { description: 'Directed-draw conditions.' })
  scope(@Root() t: JointTask): TaskScope {
    return t.scope;
  }

  @FieldResolver(() => [TaskDepartment], {
    description: 'Participating departments with their items and ratios.',
  })
  departments(@Root() t: JointTask, @Ctx() ctx: Ctx) {
    return ctx.loaders.departmentsByTask.load(t.id);
  }

  @FieldResolver(() => DrawCommitment, {
    nullable: true,
    description: 'The latest draw commitment (pending, drawn or cancelled), if any.',
  })
  commitment(@Root() t: JointTask, @Ctx() ctx: Ctx) {
    return ctx.loaders.latestCommitmentByTask.load(t.id);
  }

  @FieldResolver(() => Draw, { nullable: true, description: 'The draw, once made.' })
  draw(@Root() t: JointTask, @Ctx() ctx: Ctx) {
    return ctx.loaders.drawByTask.load(t.id);
  }

  @FieldResolver(() => VisitConnection, { description: 'The visits of this task.' })
  visits(@Root() t: JointTask, @Args() args: VisitsArgs, @Ctx() ctx: Ctx) {
    return visitPage(ctx, { ...args, taskId: t.id });
  }

  @FieldResolver(() => Int, { description: 'Number of visits.' })
  async visitCount(@Root() t: JointTask, @Ctx() ctx: Ctx): Promise<number> {
    return (await ctx.loaders.drawByTask.load(t.id))?.realisedVisits ?? 0;
  }
}
