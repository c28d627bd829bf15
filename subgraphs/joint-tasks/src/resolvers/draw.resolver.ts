import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ForbiddenError, UnauthenticatedError, type SubgraphContext } from '@jih/kit';
import { Draw, JointTask } from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import { verifyDraw } from '../services/verify.service';
import { VisitConnection, VisitsArgs, requireUuid, visitPage } from './joint-task.resolver';

type Ctx = SubgraphContext<JointTaskLoaders>;

@ObjectType({ description: 'One check of a draw verification.' })
class VerificationCheck {
  @Field({ description: 'What was checked, e.g. "frame digest", "seed", "visits and teams".' })
  name: string;
  @Field({ description: 'Whether it matched.' }) ok: boolean;
  @Field({ description: 'What was compared, in words.' }) detail: string;
}

@ObjectType({
  description:
    'The outcome of re-deriving a stored draw from its public bundle (or, before the commit–reveal protocol, its stored frame and seed).',
})
class DrawVerification {
  @Field(() => ID) drawId: string;
  @Field({
    description: 'True when the frame digest, the result and every stored visit reproduce.',
  })
  reproduces: boolean;
  @Field({ description: 'The stored frame rows hash to the digest recorded at draw time.' })
  frameDigestMatches: boolean;
  @Field({ description: 'Re-running the algorithm gives the recorded result.' })
  resultDigestMatches: boolean;
  @Field({ description: 'The stored visits are exactly the re-run ones.' }) visitsMatch: boolean;
  @Field({ description: 'Frame digest recorded at draw time.' }) storedFrameDigest: string;
  @Field({ description: 'Frame digest of the stored rows now.' }) recomputedFrameDigest: string;
  @Field(() => Int) storedVisits: number;
  @Field(() => Int) recomputedVisits: number;
  @Field() algorithmVersion: string;
  @Field(() => [String], { description: 'What did not reproduce, in words.' })
  differences: string[];
  @Field(() => [VerificationCheck], {
    description:
      'Every check made, in order: digests, witness secrets, beacon signature, seed, sample, visits and teams.',
  })
  checks: VerificationCheck[];
  @Field({
    description:
      'When this verification was computed (ISO 8601); it is computed once and served from storage.',
  })
  verifiedAt: string;
}

@Resolver(() => Draw)
export class DrawResolver {
  @Authorized()
  @Query(() => Draw, { nullable: true, description: 'One draw.' })
  draw(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.draw.load(requireUuid(id, 'draw'));
  }

  @Query(() => DrawVerification, {
    description:
      'Says whether a stored draw reproduces from its public bundle: every digest, the entropy, the seed, the sample, the visits and the teams. Anyone may call it: the verification is computed once per draw and served from storage. `recompute: true` runs it again (supervisors and admins; expensive).',
  })
  verifyDraw(
    @Arg('id', () => ID) id: string,
    @Arg('recompute', {
      defaultValue: false,
      description:
        'Run the verification again instead of serving the stored one (supervisors and admins).',
    })
    recompute: boolean,
    @Ctx() ctx: Ctx,
  ) {
    if (recompute) {
      if (!ctx.caller)
        throw new UnauthenticatedError(
          'Recomputing a verification needs a signed-in supervisor or admin',
        );
      if (!ctx.caller.roles.some((r) => r === 'supervisor' || r === 'admin'))
        throw new ForbiddenError('Only supervisors and admins may recompute a verification');
    }
    return verifyDraw(ctx.db, requireUuid(id, 'draw'), { recompute });
  }

  @FieldResolver(() => JointTask, { description: 'The task drawn.' })
  task(@Root() d: Draw, @Ctx() ctx: Ctx) {
    return ctx.loaders.task.load(d.taskId);
  }

  @FieldResolver(() => Int, {
    description:
      'Visits saved against separate department visits: Σ_d expected sample sizes minus realised visits.',
  })
  visitsSaved(@Root() d: Draw): number {
    return Math.max(0, Math.round(d.separateVisits - d.realisedVisits));
  }

  @FieldResolver(() => VisitConnection, { description: 'The visits drawn.' })
  visits(@Root() d: Draw, @Args() args: VisitsArgs, @Ctx() ctx: Ctx) {
    return visitPage(ctx, { ...args, taskId: d.taskId });
  }
}
