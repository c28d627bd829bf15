import { IsOptional, IsUUID, Length, MaxLength } from 'class-validator';
import {
  Arg,
  Args,
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
import { IsIsoDate, NotFoundError } from '@jih/kit';
import {
  changeWithRiskSync,
  listTypes,
  originOf,
  requireNotFuture,
  requireUscc,
  requireWriter,
  todayInChina,
  type DepartmentContext,
  type EnterpriseRef,
  type ListArgsShape,
  type ProfileRoot,
} from '@jih/kit/department';
import { ListingKind, MarketListing, market } from '../entities';
import type { MarketLoaders } from '../loaders/market.loader';
import {
  SERIOUS_VIOLATION_MIN_YEARS,
  addListing,
  findListing,
  listingPage,
  removeListing,
} from '../services/listing.service';

type Ctx = DepartmentContext<MarketLoaders>;
const { def } = market;

@InputType('MarketAddListingInput', {
  description: 'Puts an enterprise on the business-abnormal or the serious-violation list.',
})
class AddListingInput {
  @Field(() => ID, { description: 'USCC of the enterprise (must be in the registry).' })
  @MaxLength(40)
  uscc: string;

  @Field(() => ListingKind, { description: 'Which list.' })
  kind: ListingKind;

  @Field({ description: 'Reason for listing, 2 to 500 characters.' })
  @Length(2, 500)
  reason: string;

  @Field({ nullable: true, description: 'Number of the listing decision, up to 64 characters.' })
  @IsOptional()
  @MaxLength(64)
  decisionNo?: string;

  @Field({
    nullable: true,
    description: 'Day of listing, YYYY-MM-DD, not in the future; default today (China time).',
  })
  @IsOptional()
  @IsIsoDate()
  listedOn?: string;
}

@InputType('MarketRemoveListingInput', {
  description: 'Takes an enterprise off a list (移出), keeping the entry.',
})
class RemoveListingInput {
  @Field(() => ID, { description: 'Id of the entry.' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field({
    nullable: true,
    description: 'Day of removal, YYYY-MM-DD, not in the future; default today (China time).',
  })
  @IsOptional()
  @IsIsoDate()
  removedOn?: string;

  @Field({ description: 'Reason for removal, 2 to 500 characters.' })
  @Length(2, 500)
  reason: string;
}

@InputType('MarketListingFilter', {
  description: 'Which listings to read; all given conditions must hold.',
})
class ListingFilter {
  @Field(() => ListingKind, { nullable: true, description: 'Only this list.' })
  kind?: ListingKind | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only entries in force; false: only removed ones.',
  })
  current?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only entries of this enterprise.' })
  @IsOptional()
  @MaxLength(40)
  uscc?: string | null;
}

const { ListArgs, ListConnection } = listTypes(
  'MarketListing',
  'market-regulation listings',
  MarketListing,
  ListingFilter,
);

@Resolver(() => MarketListing)
export class MarketListingResolver {
  @FieldResolver(() => market.Enterprise, {
    description: 'The enterprise (resolved by the registry).',
  })
  enterprise(@Root() l: MarketListing): EnterpriseRef {
    return { uscc: l.uscc };
  }

  @Query(() => ListConnection, {
    description:
      'The business-abnormal and serious-violation lists with their history (public, 公示).',
  })
  marketListings(@Args(() => ListArgs) args: ListArgsShape<ListingFilter>, @Ctx() ctx: Ctx) {
    const f = args.filter ?? {};
    return listingPage(
      ctx.db,
      {
        kind: f.kind,
        current: f.current,
        uscc: f.uscc ? requireUscc(f.uscc, 'filter.uscc') : null,
      },
      args,
    );
  }

  @Mutation(() => MarketListing, {
    description:
      'Lists an enterprise, then sends the resulting market credit-risk class to the registry in the same transaction (serious-violation list: D; abnormal list: at least C). An enterprise already on that list is a CONFLICT. Planners or supervisors of market, or admins.',
  })
  async marketAddListing(
    @Arg('input') input: AddListingInput,
    @Ctx() ctx: Ctx,
  ): Promise<MarketListing> {
    const uscc = requireUscc(input.uscc, 'input.uscc');
    const caller = requireWriter(ctx, def, 'rate');
    const listedOn = input.listedOn ?? todayInChina();
    requireNotFuture(listedOn, 'input.listedOn');
    await ctx.loaders.registry.require(uscc, originOf(ctx));
    const { result } = await changeWithRiskSync(ctx, market, uscc, (tx) =>
      addListing(tx, {
        uscc,
        kind: input.kind,
        reason: input.reason.trim(),
        decisionNo: input.decisionNo?.trim() ?? '',
        listedOn,
        listedBy: caller.sub,
      }),
    );
    return result;
  }

  @Mutation(() => MarketListing, {
    description: `Takes an enterprise off a list, keeping the entry, then sends the resulting market credit-risk class to the registry in the same transaction. A serious-violation entry may be removed ${SERIOUS_VIOLATION_MIN_YEARS} year after listing at the earliest (credit repair). Planners or supervisors of market, or admins.`,
  })
  async marketRemoveListing(
    @Arg('input') input: RemoveListingInput,
    @Ctx() ctx: Ctx,
  ): Promise<MarketListing> {
    const caller = requireWriter(ctx, def, 'rate');
    const removedOn = input.removedOn ?? todayInChina();
    requireNotFuture(removedOn, 'input.removedOn');
    // The enterprise is known from the entry only; removeListing re-reads the entry under a lock.
    const entry = await findListing(ctx.db, input.id);
    if (!entry) throw new NotFoundError(`No market listing ${input.id}`, { id: input.id });
    const { result } = await changeWithRiskSync(ctx, market, entry.uscc, (tx) =>
      removeListing(tx, input.id, {
        removedOn,
        reason: input.reason.trim(),
        removedBy: caller.sub,
      }),
    );
    return result;
  }
}

@Resolver(() => market.Profile)
export class MarketProfileListingsResolver {
  @FieldResolver(() => [MarketListing], {
    description:
      'Entries on the business-abnormal and serious-violation lists, current and removed, newest first.',
  })
  async listings(
    @Root() p: ProfileRoot,
    @Ctx() ctx: Ctx,
    @Arg('current', () => Boolean, {
      nullable: true,
      description: 'true: only entries in force; false: only removed ones.',
    })
    current?: boolean | null,
  ) {
    const all = await ctx.loaders.listings.load(p.uscc);
    return current == null ? all : all.filter((l) => l.current === current);
  }
}
