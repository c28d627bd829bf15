import {
  ArrayMaxSize,
  IsOptional,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import {
  Connection,
  IsIsoDate,
  PageArgs,
  requireDepartment,
  toPage,
  DEPARTMENT_CODE,
  type SubgraphContext,
} from '@jih/kit';
import {
  Division,
  Enterprise,
  Industry,
  ListEntry,
  RegistrationStatus,
  RiskClass,
  SupervisionTag,
} from '../entities';
import type { RegistryLoaders } from '../loaders/registry.loader';
import {
  countEnterprises,
  enterpriseRows,
  registerEnterprise,
} from '../services/enterprise.service';
import { requireValidUscc } from '../services/uscc.input';

type Ctx = SubgraphContext<RegistryLoaders>;

@ObjectType('EnterpriseConnection', { description: 'A page of enterprises.' })
class EnterpriseConnection extends Connection(Enterprise) {
  @Field(() => Int, {
    description:
      'Number of enterprises matching the filter (one COUNT query, only when asked for).',
  })
  totalCount: number;
  filter: EnterpriseFilter;
}

@InputType({
  description:
    'Conditions for a directed query of the object directory; all given conditions must hold.',
})
class EnterpriseFilter {
  @Field({
    nullable: true,
    description:
      'Division code or prefix: `15` a province, `1508` a prefecture, `150821` a county.',
  })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: 'division must be 2 to 6 digits' })
  division?: string;

  @Field(() => [String], { nullable: true, description: 'Industry section letters (GB/T 4754).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(4, { each: true })
  industries?: string[];

  @Field(() => RegistrationStatus, { nullable: true, description: 'Registration status.' })
  status?: RegistrationStatus;

  @Field({ nullable: true, description: 'Substring of the name.' })
  @IsOptional()
  @Length(1, 100)
  nameContains?: string;

  @Field({ nullable: true, description: 'Only enterprises tagged by this department.' })
  @IsOptional()
  @Matches(DEPARTMENT_CODE)
  taggedBy?: string;

  @Field(() => [RiskClass], {
    nullable: true,
    description: 'With `taggedBy`: only these risk classes.',
  })
  @IsOptional()
  @ArrayMaxSize(4)
  riskClasses?: RiskClass[];
}

@ArgsType()
class EnterprisesArgs extends PageArgs {
  @Field(() => EnterpriseFilter, {
    nullable: true,
    description: 'Filter; omitted means the whole directory.',
  })
  @IsOptional()
  @ValidateNested()
  filter?: EnterpriseFilter;
}

@InputType({ description: 'A new enterprise for the object directory.' })
class RegisterEnterpriseInput {
  @Field(() => ID, {
    description: 'Unified social credit code; both check characters are verified.',
  })
  @MaxLength(40)
  uscc: string;

  @Field({ description: 'Registered name.' })
  @Length(2, 200)
  name: string;

  @Field({ description: 'Registered address.' })
  @Length(2, 300)
  address: string;

  @Field({ description: 'Six-digit administrative division code.' })
  @Matches(/^\d{6}$/, { message: 'divisionCode must be six digits' })
  divisionCode: string;

  @Field({ description: 'Industry section letter (GB/T 4754).' })
  @Matches(/^[A-T]$/, { message: 'industryCode must be a GB/T 4754 section letter A-T' })
  industryCode: string;

  @Field({ description: 'Legal form, e.g. 有限责任公司.' })
  @Length(2, 50)
  enterpriseType: string;

  @Field({ description: 'Date of establishment, YYYY-MM-DD.' })
  @IsIsoDate()
  registeredOn: string;
}

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => Enterprise, {
    nullable: true,
    description: 'One enterprise by its unified social credit code.',
  })
  async enterprise(
    @Arg('uscc', () => ID) uscc: string,
    @Ctx() ctx: Ctx,
  ): Promise<Enterprise | null> {
    return ctx.loaders.enterprise.load(requireValidUscc(uscc));
  }

  @Query(() => EnterpriseConnection, {
    description: 'The object directory, filtered and paginated by USCC.',
  })
  async enterprises(
    @Args() { first, after, filter }: EnterprisesArgs,
    @Ctx() ctx: Ctx,
  ): Promise<EnterpriseConnection> {
    const rows = await enterpriseRows(ctx.db, filter ?? {}, { first, after });
    for (const e of rows) ctx.loaders.enterprise.prime(e.uscc, e);
    return Object.assign(
      new EnterpriseConnection(),
      toPage(rows, first, (e) => e.uscc),
      { filter: filter ?? {} },
    );
  }

  @Mutation(() => Enterprise, {
    description:
      'Adds an enterprise to the object directory. An invalid USCC is refused with BAD_USER_INPUT and nothing is stored. Market regulation planners or supervisors, or admins.',
  })
  async registerEnterprise(
    @Arg('input') input: RegisterEnterpriseInput,
    @Ctx() ctx: Ctx,
  ): Promise<Enterprise> {
    // Input is checked before identity: a malformed code is a contract error whoever sends it.
    const uscc = requireValidUscc(input.uscc, 'input.uscc');
    requireDepartment(ctx.caller, 'market', ['planner', 'supervisor']);
    return registerEnterprise(ctx.db, uscc, input);
  }

  @FieldResolver(() => Division, { nullable: true, description: 'The administrative division.' })
  division(@Root() e: Enterprise, @Ctx() ctx: Ctx) {
    return ctx.loaders.division.load(e.divisionCode);
  }

  @FieldResolver(() => Industry, { nullable: true, description: 'The industry section.' })
  industry(@Root() e: Enterprise, @Ctx() ctx: Ctx) {
    return ctx.loaders.industry.load(e.industryCode);
  }

  @FieldResolver(() => [SupervisionTag], {
    description: 'Departments that supervise this enterprise, with their risk classes.',
  })
  supervisionTags(@Root() e: Enterprise, @Ctx() ctx: Ctx) {
    return ctx.loaders.tagsByEnterprise.load(e.uscc);
  }

  @FieldResolver(() => [ListEntry], {
    description:
      'Entries on the shared lists (abnormal operation, serious violation), current and past.',
  })
  listings(@Root() e: Enterprise, @Ctx() ctx: Ctx) {
    return ctx.loaders.listingsByEnterprise.load(e.uscc);
  }
}

@Resolver(() => EnterpriseConnection)
export class EnterpriseConnectionResolver {
  @FieldResolver(() => Int)
  async totalCount(@Root() conn: EnterpriseConnection, @Ctx() ctx: Ctx): Promise<number> {
    return countEnterprises(ctx.db, conn.filter);
  }
}
