import { IsOptional, MaxLength } from 'class-validator';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Mutation,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import { BadUserInputError } from '../errors';
import { IsIsoDate } from '../validation';
import { lowerFirst, words, type LicenceDeclaration } from './department.config';
import { originOf, requireWriter, whoMay } from './department.auth';
import {
  LicenceStatus,
  type DepartmentContext,
  type DepartmentModel,
  type EnterpriseRef,
  type LicenceRow,
  type ProfileRoot,
} from './department.types';
import {
  addYears,
  requireNotBefore,
  requireNotFuture,
  requireUscc,
  todayInChina,
} from './input.validation';
import type { IssueLicenceShape, RevokeLicenceShape } from './licence.model';
import { issueLicence, licencePage, revokeLicence } from './licence.service';
import { listTypes, type ListArgsShape } from './records';

interface LicenceFilterShape {
  kind?: string | null;
  status?: LicenceStatus | null;
  expiringBefore?: string | null;
  uscc?: string | null;
}

/** The licence list query, `<code>Issue<noun>`, `<code>Revoke<noun>`, and the profile's licence list. */
export function licenceResolvers(
  model: DepartmentModel,
  licences: LicenceDeclaration,
  Kind: Record<string, string>,
  inputs: { Issue: ClassType<IssueLicenceShape>; Revoke: ClassType<RevokeLicenceShape> },
): ClassType[] {
  const { def, Licence, Profile } = model;
  const { noun, plural } = licences;

  @InputType(`${def.pascal}${noun}Filter`, {
    description: `Which ${def.code} ${words(plural)} to list; all given conditions must hold.`,
  })
  class LicenceFilter implements LicenceFilterShape {
    @Field(() => Kind, { nullable: true, description: 'Only this kind.' })
    kind?: string | null;

    @Field(() => LicenceStatus, {
      nullable: true,
      description: 'Only in force, expired or revoked ones (as of today).',
    })
    status?: LicenceStatus | null;

    @Field(() => String, {
      nullable: true,
      description:
        'Only unrevoked ones whose validity ends before this day, YYYY-MM-DD (renewals due).',
    })
    @IsOptional()
    @IsIsoDate()
    expiringBefore?: string | null;

    @Field(() => String, { nullable: true, description: 'Only those of this enterprise.' })
    @IsOptional()
    @MaxLength(40)
    uscc?: string | null;
  }

  const { ListArgs, ListConnection } = listTypes(
    `${def.pascal}${noun}`,
    `${def.code} ${words(plural)}`,
    Licence,
    LicenceFilter,
  );

  @Resolver(() => Licence)
  class LicenceResolver {
    @FieldResolver(() => model.Enterprise, {
      description: 'The holder (resolved by the registry).',
    })
    enterprise(@Root() l: LicenceRow): EnterpriseRef {
      return { uscc: l.uscc };
    }

    @Query(() => ListConnection, {
      name: `${def.code}${plural}`,
      description: `${licences.description} Public.`,
    })
    list(
      @Args(() => ListArgs) args: ListArgsShape<LicenceFilterShape>,
      @Ctx() ctx: DepartmentContext,
    ) {
      const f = args.filter ?? {};
      const filter = {
        kind: f.kind,
        status: f.status,
        expiringBefore: f.expiringBefore,
        uscc: f.uscc ? requireUscc(f.uscc, 'filter.uscc') : null,
      };
      return licencePage(ctx.db, Licence, filter, args);
    }

    @Mutation(() => Licence, {
      name: `${def.code}Issue${noun}`,
      description: `Records a ${words(noun)} issued to an enterprise in the registry; the number must be unique (CONFLICT otherwise). ${whoMay(def, 'licence')}`,
    })
    async issue(
      @Arg('input', () => inputs.Issue) input: IssueLicenceShape,
      @Ctx() ctx: DepartmentContext,
    ): Promise<LicenceRow> {
      const uscc = requireUscc(input.uscc, 'input.uscc');
      const caller = requireWriter(ctx, def, 'licence');
      const number = input.number.trim();
      const refusal = licences.checkNumber?.(number, uscc, input.kind);
      if (refusal)
        throw new BadUserInputError(`input.number "${number}": ${refusal}`, {
          argument: 'input.number',
        });
      requireNotFuture(input.issuedOn, 'input.issuedOn');
      const validUntil = input.validUntil ?? null;
      if (validUntil) {
        requireNotBefore(validUntil, input.issuedOn, 'input.validUntil', 'the day of issue');
        const years = licences.kinds[input.kind].maxValidityYears;
        if (years && validUntil > addYears(input.issuedOn, years)) {
          throw new BadUserInputError(
            `input.validUntil ${validUntil} exceeds the ${years}-year validity of a ${input.kind} ${words(noun)}`,
            { argument: 'input.validUntil' },
          );
        }
      }
      await ctx.loaders.registry.require(uscc, originOf(ctx));
      return issueLicence(
        ctx.db,
        Licence,
        {
          uscc,
          kind: input.kind,
          number,
          scope: input.scope?.trim() ?? '',
          issuedOn: input.issuedOn,
          validUntil,
          recordedBy: caller.sub,
        },
        noun,
      );
    }

    @Mutation(() => Licence, {
      name: `${def.code}Revoke${noun}`,
      description: `Revokes a ${words(noun)}, keeping the record; revoking twice is a CONFLICT. ${whoMay(def, 'licence')}`,
    })
    async revoke(
      @Arg('input', () => inputs.Revoke) input: RevokeLicenceShape,
      @Ctx() ctx: DepartmentContext,
    ): Promise<LicenceRow> {
      requireWriter(ctx, def, 'licence');
      const revokedOn = input.revokedOn ?? todayInChina();
      requireNotFuture(revokedOn, 'input.revokedOn');
      return revokeLicence(
        ctx.db,
        Licence,
        input.id,
        { revokedOn, reason: input.reason.trim() },
        { what: `${def.code} ${words(noun)}`, noun },
      );
    }
  }

  @Resolver(() => Profile)
  class ProfileLicencesResolver {
    @FieldResolver(() => [Licence], {
      name: lowerFirst(plural),
      description: `${licences.description} Newest first, revoked and expired ones included.`,
    })
    licences(@Root() p: ProfileRoot, @Ctx() ctx: DepartmentContext) {
      return ctx.loaders.licences.load(p.uscc);
    }
  }

  return [LicenceResolver, ProfileLicencesResolver];
}
