import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
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
  Connection,
  NotFoundError,
  PageArgs,
  requireDepartment,
  type SubgraphContext,
} from '@jih/kit';
import { roundTime } from '../draw/beacon';
import { BeaconPlanView, Draw, DrawCommitment, JointTask, RevealedEntropyView } from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import {
  cancelCommitment,
  commitDraw,
  drawLogPage,
  entropyExists,
  revealWitnessSecret,
} from '../services/commit.service';
import { CommitDrawInput } from './commitment.inputs';
import { requireUuid } from './joint-task.resolver';

type Ctx = SubgraphContext<JointTaskLoaders>;

@ObjectType('DrawCommitmentConnection', { description: 'A page of the public draw log.' })
class DrawCommitmentConnection extends Connection(DrawCommitment) {}

@ArgsType()
class DrawLogArgs extends PageArgs {}

@Resolver(() => DrawCommitment)
export class DrawCommitmentResolver {
  @Query(() => DrawCommitmentConnection, {
    description:
      'The public draw log (抽取公示), newest first, no token needed: every commitment — pending, drawn or cancelled — with its digests and entropy plan from the moment it is made, and the entropy, seed and sample size once drawn. A re-roll shows as a cancelled commitment beside a new one.',
  })
  async publicDrawLog(
    @Args() args: DrawLogArgs,
    @Ctx() ctx: Ctx,
  ): Promise<DrawCommitmentConnection> {
    return Object.assign(new DrawCommitmentConnection(), await drawLogPage(ctx.db, args));
  }

  @Query(() => DrawCommitment, {
    nullable: true,
    description: 'One draw commitment (public, like the log).',
  })
  drawCommitment(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.commitment.load(requireUuid(id, 'draw commitment'));
  }

  @Authorized('planner')
  @Mutation(() => DrawCommitment, {
    description:
      "Commits a task's draw (抽取承诺): freezes its parameters, computes and freezes the frame (every eligible enterprise with each department's p after every rule) and the inspector-draw inputs, and publishes their digests with the entropy plan — two or more witnesses' SHA-256 commitments and/or a future drand round — before any entropy exists. Planners of the lead department (or admins). A committed task is CONFLICT; a window wholly in the past is BAD_USER_INPUT unless an admin gives backfillReason.",
  })
  async commitDraw(
    @Arg('taskId', () => ID) taskId: string,
    @Arg('input') input: CommitDrawInput,
    @Ctx() ctx: Ctx,
  ): Promise<DrawCommitment> {
    const task = await ctx.loaders.task.load(requireUuid(taskId, 'joint task'));
    if (!task) throw new NotFoundError(`No joint task ${taskId}`);
    const caller = requireDepartment(ctx.caller, task.leadDepartmentCode, ['planner']);
    const commitment = await commitDraw(
      ctx.db,
      taskId,
      {
        witnesses: input.witnesses.map((w) => ({
          name: w.name,
          role: w.role,
          commitment: w.commitment,
        })),
        beacon: input.beacon
          ? { round: input.beacon.round ?? null, delaySeconds: input.beacon.delaySeconds ?? null }
          : null,
        backfillReason: input.backfillReason ?? null,
      },
      caller,
      { authorization: ctx.authorization, requestId: ctx.requestId },
    );
    ctx.log.info(
      {
        taskId,
        commitmentId: commitment.id,
        frame: commitment.frameSize,
        digest: commitment.digest,
      },
      'draw committed',
    );
    return commitment;
  }

  @Mutation(() => DrawCommitment, {
    description:
      'A witness reveals their secret (揭示), with no token: the secret itself proves it. It must hash to their commitment and have at least 16 characters; it is published in the draw log at once, after which a planner can no longer cancel the commitment. Wrong secret or unknown witness: BAD_USER_INPUT; a commitment no longer pending: CONFLICT.',
  })
  async revealWitnessSecret(
    @Arg('commitmentId', () => ID) commitmentId: string,
    @Arg('name', { description: 'The witness, as named in the commitment.' }) name: string,
    @Arg('secret', { description: 'The secret whose SHA-256 the witness handed over.' })
    secret: string,
    @Ctx() ctx: Ctx,
  ): Promise<DrawCommitment> {
    const revealed = await revealWitnessSecret(
      ctx.db,
      requireUuid(commitmentId, 'draw commitment'),
      name,
      secret,
    );
    ctx.log.info({ commitmentId, witness: name }, 'witness secret revealed');
    return revealed;
  }

  @Authorized('planner')
  @Mutation(() => DrawCommitment, {
    description:
      'Cancels a pending commitment with a reason. It stays in the public draw log as CANCELLED; the task may be committed again. Planners of the lead department, only while no entropy exists (no witness has revealed, the beacon round has not been emitted): after that the outcome is computable and cancelling would be a re-roll, so only an admin may, and the log marks it (cancelledAfterEntropy).',
  })
  async cancelDrawCommitment(
    @Arg('id', () => ID) id: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: Ctx,
  ): Promise<DrawCommitment> {
    const commitment = await ctx.loaders.commitment.load(requireUuid(id, 'draw commitment'));
    if (!commitment) throw new NotFoundError(`No draw commitment ${id}`);
    const caller = requireDepartment(ctx.caller, commitment.leadDepartment, ['planner']);
    const cancelled = await cancelCommitment(ctx.db, id, reason, caller);
    ctx.log.info({ taskId: cancelled.taskId, commitmentId: id }, 'draw commitment cancelled');
    return cancelled;
  }

  @FieldResolver(() => BeaconPlanView, {
    nullable: true,
    description: 'The drand round it waits for, or null for witnesses only.',
  })
  beacon(@Root() c: DrawCommitment): BeaconPlanView | null {
    if (!c.beacon) return null;
    const { chain, round } = c.beacon;
    return {
      chainName: chain.name,
      chainHash: chain.chainHash,
      publicKey: chain.publicKey,
      round,
      roundTime: new Date(roundTime(chain, round)).toISOString(),
    };
  }

  @FieldResolver(() => RevealedEntropyView, {
    nullable: true,
    description: 'The revealed entropy, once drawn; null before.',
  })
  entropy(@Root() c: DrawCommitment): RevealedEntropyView | null {
    if (!c.entropy) return null;
    const b = c.entropy.beacon;
    return {
      witnesses: c.entropy.witnesses,
      beaconRound: b?.round ?? null,
      beaconSignature: b?.signature ?? null,
      beaconRandomness: b?.randomness ?? null,
    };
  }

  @FieldResolver(() => Boolean, {
    description:
      "True when it was cancelled after its entropy existed (a witness had revealed, or the beacon round had been emitted): an admin's cancellation at a moment when the outcome was computable.",
  })
  cancelledAfterEntropy(@Root() c: DrawCommitment): boolean {
    return !!c.cancelledAt && entropyExists(c, c.cancelledAt.getTime());
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Where the public verification bundle is, once drawn (relative to the gateway).',
  })
  bundleUrl(@Root() c: DrawCommitment): string | null {
    return c.drawId ? `/draws/${c.drawId}/bundle.json` : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Visits drawn (one per enterprise), once drawn.',
  })
  async sampleSize(@Root() c: DrawCommitment, @Ctx() ctx: Ctx): Promise<number | null> {
    return c.drawId ? ((await ctx.loaders.draw.load(c.drawId))?.realisedVisits ?? null) : null;
  }

  @Authorized()
  @FieldResolver(() => JointTask, { nullable: true, description: 'The task (signed-in callers).' })
  task(@Root() c: DrawCommitment, @Ctx() ctx: Ctx) {
    return ctx.loaders.task.load(c.taskId);
  }

  @Authorized()
  @FieldResolver(() => Draw, {
    nullable: true,
    description: 'The draw made from it (signed-in callers).',
  })
  draw(@Root() c: DrawCommitment, @Ctx() ctx: Ctx) {
    return c.drawId ? ctx.loaders.draw.load(c.drawId) : null;
  }

  @Authorized()
  @FieldResolver(() => String, {
    description: 'Who committed it (token subject; signed-in callers).',
  })
  committedBy(@Root() c: DrawCommitment): string {
    return c.committedBy;
  }
}
