import { IsOptional, MaxLength } from 'class-validator';
import { Arg, Args, Ctx, Field, FieldResolver, InputType, Mutation, Query, Resolver, Root, type ClassType } from 'type-graphql';
import { BadUserInputError, ConflictError, fromDatabaseError } from '../errors';
import { IsIsoDate } from '../validation';
import { lowerFirst, words, type LicenceDeclaration } from './department.config';
import { originOf, requireWriter, whoMay } from './department.auth';
import { LicenceStatus, type DepartmentContext, type DepartmentModel, type EnterpriseRef, type LicenceRow, type ProfileRoot } from './department.types';
import { addYears, requireNotBefore, requireNotFuture, requireUscc, todayInChina } from './input.validation';
import type { IssueLicenceShape, RevokeLicenceShape } from './licence.model';
import { changeRecord, listTypes, pageById, type ListArgsShape } from './records';

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

  @InputType(`${def.pascal}${noun}Filter`, { description: `Which ${def.code} ${words(plural)} to list; all given conditions must hold.` })
  class LicenceFilter implements LicenceFilterShape {
    @Field(() => Kind, { nullable: true, description: 'Only this kind.' })
    kind?: string | null;

    @Field(() => LicenceStatus, { nullable: true, description: 'Only in force, expired or revoked ones (as of today).' })
    status?: LicenceStatus | null;

    @Field(() => String, { nullable: true, description: 'Only unrevoked ones whose validity ends before this day, YYYY-MM-DD (renewals due).' })
    @IsOptional()
    @IsIsoDate()
    expiringBefore?: string | null;

    @Field(() => String, { nullable: true, description: 'Only those of this enterprise.' })
    @IsOptional()
    @MaxLength(40)
    uscc?: string | null;
  }

  const { ListArgs, ListConnection } = listTypes(`${def.pascal}${noun}`, `${def.code} ${words(plural)}`, Licence, LicenceFilter);

  @Resolver(() => Licence)
  class LicenceResolver {
    @FieldResolver(() => model.Enterprise, { description: 'The holder (resolved by the registry).' })
    enterprise(@Root() l: LicenceRow): EnterpriseRef {
      return { uscc: l.uscc };
    }

    @Query(() => ListConnection, { name: `${def.code}${plural}`, description: `${licences.description} Public.` })
    list(@Args(() => ListArgs) args: ListArgsShape<LicenceFilterShape>, @Ctx() ctx: DepartmentContext) {
      const f = args.filter ?? {};
      const qb = ctx.db.getRepository(Licence).createQueryBuilder('l');
      const today = todayInChina();
      if (f.kind) qb.andWhere('l.kind = :kind', { kind: f.kind });
      if (f.uscc) qb.andWhere('l.uscc = :uscc', { uscc: requireUscc(f.uscc, 'filter.uscc') });
      if (f.status === LicenceStatus.REVOKED) qb.andWhere('l.revoked_on IS NOT NULL');
      if (f.status === LicenceStatus.EXPIRED) qb.andWhere('l.revoked_on IS NULL AND l.valid_until < :today', { today });
      if (f.status === LicenceStatus.ACTIVE) qb.andWhere('l.revoked_on IS NULL AND (l.valid_until IS NULL OR l.valid_until >= :today)', { today });
      if (f.expiringBefore) qb.andWhere('l.revoked_on IS NULL AND l.valid_until < :before', { before: f.expiringBefore });
      return pageById(qb, args);
    }

    @Mutation(() => Licence, {
      name: `${def.code}Issue${noun}`,
      description: `Records a ${words(noun)} issued to an enterprise in the registry; the number must be unique (CONFLICT otherwise). ${whoMay(def, 'licence')}`,
    })
    async issue(@Arg('input', () => inputs.Issue) input: IssueLicenceShape, @Ctx() ctx: DepartmentContext): Promise<LicenceRow> {
      const uscc = requireUscc(input.uscc, 'input.uscc');
      const caller = requireWriter(ctx, def, 'licence');
      const number = input.number.trim();
      const refusal = licences.checkNumber?.(number, uscc, input.kind);
      if (refusal) throw new BadUserInputError(`input.number "${number}": ${refusal}`, { argument: 'input.number' });
      requireNotFuture(input.issuedOn, 'input.issuedOn');
      const validUntil = input.validUntil ?? null;
      if (validUntil) {
        requireNotBefore(validUntil, input.issuedOn, 'input.validUntil', 'the day of issue');
        const years = licences.kinds[input.kind].maxValidityYears;
        if (years && validUntil > addYears(input.issuedOn, years)) {
          throw new BadUserInputError(`input.validUntil ${validUntil} exceeds the ${years}-year validity of a ${input.kind} ${words(noun)}`, { argument: 'input.validUntil' });
        }
      }
      await ctx.loaders.registry.require(uscc, originOf(ctx));
      try {
        return await ctx.db.getRepository(Licence).save({
          uscc, kind: input.kind, number, scope: input.scope?.trim() ?? '', issuedOn: input.issuedOn, validUntil, revokedOn: null, revocationReason: null, recordedBy: caller.sub,
        });
      } catch (err) {
        throw fromDatabaseError(err, `${noun} number ${number}`);
      }
    }

    @Mutation(() => Licence, {
      name: `${def.code}Revoke${noun}`,
      description: `Revokes a ${words(noun)}, keeping the record; revoking twice is a CONFLICT. ${whoMay(def, 'licence')}`,
    })
    async revoke(@Arg('input', () => inputs.Revoke) input: RevokeLicenceShape, @Ctx() ctx: DepartmentContext): Promise<LicenceRow> {
      requireWriter(ctx, def, 'licence');
      const revokedOn = input.revokedOn ?? todayInChina();
      requireNotFuture(revokedOn, 'input.revokedOn');
      return ctx.db.transaction((tx) =>
        changeRecord(tx, Licence, input.id, `${def.code} ${words(noun)}`, (licence) => {
          if (licence.revokedOn) throw new ConflictError(`${noun} ${licence.number} was already revoked on ${licence.revokedOn}`);
          requireNotBefore(revokedOn, licence.issuedOn, 'input.revokedOn', 'the day of issue');
          Object.assign(licence, { revokedOn, revocationReason: input.reason.trim() });
        }));
    }
  }

  @Resolver(() => Profile)
  class ProfileLicencesResolver {
    @FieldResolver(() => [Licence], { name: lowerFirst(plural), description: `${licences.description} Newest first, revoked and expired ones included.` })
    licences(@Root() p: ProfileRoot, @Ctx() ctx: DepartmentContext) {
      return ctx.loaders.licences.load(p.uscc);
    }
  }

  return [LicenceResolver, ProfileLicencesResolver];
}
