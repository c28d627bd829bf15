import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import { toPage } from '../pagination';
import { lowerFirst } from './department.config';
import {
  DepartmentRisk,
  FollowUpStatus,
  type DepartmentContext,
  type DepartmentModel,
  type EnterpriseRef,
  type ProfileRoot,
} from './department.types';
import { profileQueryTypes, type ProfilesArgsShape } from './profile.model';
import { profileRoots } from './profile.service';
import { decide } from './risk.service';
import { fieldResolvers } from './schema.helpers';

/**
 * The Enterprise extension pattern: `Enterprise.<code>` returns a profile root `{ uscc }` without
 * touching the database, and every field of the profile reads through a per-request loader, so a
 * query for N enterprises costs one statement per profile field, whatever N is.
 */
export function profileResolvers(
  model: DepartmentModel,
  enums: {
    Level: Record<string, string>;
    FollowUpKind: Record<string, string>;
    Flag: Record<string, string> | null;
  },
): ClassType[] {
  const { def, Profile, Rating, FollowUp } = model;
  const { ProfilesArgs, ProfileConnection } = profileQueryTypes(
    def,
    Profile,
    enums.Level,
    enums.Flag,
  );

  const EnterpriseExtension = fieldResolvers<EnterpriseRef, DepartmentContext>(
    () => model.Enterprise,
    [
      {
        name: def.code,
        type: () => Profile,
        nullable: true,
        description: `${def.nameZh} (${def.name}): ${def.description}`,
        resolve: (e) => ({ uscc: e.uscc }),
      },
    ],
  );

  @Resolver(() => Profile)
  class ProfileResolver {
    @FieldResolver(() => model.Enterprise, {
      description: 'The enterprise (resolved by the registry).',
    })
    enterprise(@Root() p: ProfileRoot): EnterpriseRef {
      return { uscc: p.uscc };
    }

    @FieldResolver(() => Rating, {
      name: def.rating.field,
      nullable: true,
      description: `The latest ${def.rating.labelZh} (the most recent year rated); null when never rated.`,
    })
    async currentRating(@Root() p: ProfileRoot, @Ctx() ctx: DepartmentContext) {
      return (await ctx.loaders.ratings.load(p.uscc))[0] ?? null;
    }

    @FieldResolver(() => [Rating], {
      name: `${def.rating.field}History`,
      description: `Every year's ${def.rating.labelZh}, newest first.`,
    })
    ratingHistory(@Root() p: ProfileRoot, @Ctx() ctx: DepartmentContext) {
      return ctx.loaders.ratings.load(p.uscc);
    }

    @FieldResolver(() => DepartmentRisk, {
      nullable: true,
      description: `The credit-risk class the ${def.code} records give (the class sent to the registry's supervision tag); null while there is nothing to derive it from.`,
    })
    async risk(
      @Root() p: ProfileRoot,
      @Ctx() ctx: DepartmentContext,
    ): Promise<DepartmentRisk | null> {
      const [ratings, facts] = await Promise.all([
        ctx.loaders.ratings.load(p.uscc),
        ctx.loaders.riskFacts.load(p.uscc),
      ]);
      return decide(model, ratings[0], facts);
    }

    @Authorized()
    @FieldResolver(() => [FollowUp], {
      name: lowerFirst(def.followUps.plural),
      description: `${def.followUps.description} Newest first. Signed-in callers only.`,
    })
    async followUps(
      @Root() p: ProfileRoot,
      @Ctx() ctx: DepartmentContext,
      @Arg('status', () => FollowUpStatus, {
        nullable: true,
        description: 'Only open or only closed records.',
      })
      status?: FollowUpStatus | null,
    ) {
      const all = await ctx.loaders.followUps.load(p.uscc);
      return status ? all.filter((f) => (status === FollowUpStatus.OPEN) === !f.closedOn) : all;
    }

    @Query(() => ProfileConnection, {
      name: `${def.code}Profiles`,
      description: `Enterprises the ${def.name} has records on (ratings, designations, licences, follow-ups), in USCC order.`,
    })
    async profiles(
      @Args(() => ProfilesArgs) args: ProfilesArgsShape,
      @Ctx() ctx: DepartmentContext,
    ) {
      const rows = await profileRoots(ctx.db, args.filter ?? {}, args);
      return toPage(rows, args.first, (r) => r.uscc);
    }
  }

  const resolvers: ClassType[] = [EnterpriseExtension, ProfileResolver];
  if (enums.Flag) {
    resolvers.push(
      fieldResolvers<ProfileRoot, DepartmentContext>(
        () => Profile,
        Object.entries(def.flags).map(([flag, d]) => ({
          name: d.field,
          type: () => Boolean,
          description: `${d.description} (flag ${flag})`,
          resolve: async (p, ctx) =>
            (await ctx.loaders.flags.load(p.uscc)).some((f) => f.flag === flag),
        })),
      ),
    );
  }
  return resolvers;
}
