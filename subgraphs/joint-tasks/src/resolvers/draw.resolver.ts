import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../kit/src';
import { Draw, JointTask } from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import { verifyDraw } from '../services/verify.service';
import { VisitConnection, VisitsArgs, requireUuid, visitPage } from './joint-task.resolver';

type Ctx = SubgraphContext<JointTaskLoaders>;

@ObjectType({ description: 'The outcome of re-running a stored draw from its stored frame, seed and algorithm version.' })
export class DrawVerification {
  @Field(() => ID) drawId: string;
  @Field({ description: 'True when the frame digest, the result and every stored visit reproduce.' }) reproduces: boolean;
  @Field({ description: 'The stored frame rows hash to the digest recorded at draw time.' }) frameDigestMatches: boolean;
  @Field({ description: 'Re-running the algorithm gives the recorded result.' }) resultDigestMatches: boolean;
  @Field({ description: 'The stored visits are exactly the re-run ones.' }) visitsMatch: boolean;
  @Field({ description: 'Frame digest recorded at draw time.' }) storedFrameDigest: string;
  @Field({ description: 'Frame digest of the stored rows now.' }) recomputedFrameDigest: string;
  @Field(() => Int) storedVisits: number;
  @Field(() => Int) recomputedVisits: number;
  @Field() algorithmVersion: string;
  @Field(() => [String], { description: 'What did not reproduce, in words.' }) differences: string[];
}

@Resolver(() => Draw)
export class DrawResolver {
  @Authorized()
  @Query(() => Draw, { nullable: true, description: 'One draw.' })
  draw(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.draw.load(requireUuid(id, 'draw'));
  }

  @Query(() => DrawVerification, { description: 'Re-runs a stored draw and says whether it reproduces. Anyone may call it: the draw is public evidence of fairness.' })
  verifyDraw(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return verifyDraw(ctx.db, requireUuid(id, 'draw'));
  }

  @FieldResolver(() => JointTask, { description: 'The task drawn.' })
  task(@Root() d: Draw, @Ctx() ctx: Ctx) {
    return ctx.loaders.task.load(d.taskId);
  }

  @FieldResolver(() => Int, { description: 'Visits saved against separate department visits: Σ_d expected sample sizes minus realised visits.' })
  visitsSaved(@Root() d: Draw): number {
    return Math.max(0, Math.round(d.separateVisits - d.realisedVisits));
  }

  @FieldResolver(() => VisitConnection, { description: 'The visits drawn.' })
  visits(@Root() d: Draw, @Args() args: VisitsArgs, @Ctx() ctx: Ctx) {
    return visitPage(ctx, { ...args, taskId: d.taskId });
  }
}
