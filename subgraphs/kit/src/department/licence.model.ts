import { IsOptional, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType, type ClassType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IsIsoDate } from '../validation';
import { words, type DepartmentDefinition, type LicenceDeclaration } from './department.config';
import { LicenceStatus, type LicenceRow } from './department.types';
import { todayInChina } from './input.validation';

/** Letters, digits, CJK and the brackets licence numbers use, e.g. 蒙卫公证字〔2024〕第0123号. */
const LICENCE_NUMBER = /^[0-9A-Za-z\u4e00-\u9fa5〔〕[\]()（）-]{4,64}$/;

/** Where no licences are declared the table still exists (every department schema has the same kit tables). */
const NO_LICENCES: LicenceDeclaration = {
  noun: 'Licence',
  plural: 'Licences',
  description: 'A licence.',
  kinds: {},
  numberDescription: 'Licence number.',
};

/** The department's licences or permits: table `licence`, GraphQL `<Dept><noun>`. */
export function licenceEntity(
  def: DepartmentDefinition,
  Kind: Record<string, string> | null,
): ClassType<LicenceRow> {
  const licences = def.licences ?? NO_LICENCES;
  // A department without licences keeps the table but no GraphQL type.
  const typeName = Kind ? `${def.pascal}${licences.noun}` : `${def.pascal}UnusedLicence`;

  @ObjectType(typeName, { description: licences.description })
  @Entity({ name: 'licence' })
  @Index('licence_uscc_idx', ['uscc'])
  @Index('licence_number_uq', ['number'], { unique: true })
  class Licence implements LicenceRow {
    @Field(() => ID, { description: 'Id of the record.' })
    @PrimaryGeneratedColumn('uuid')
    id: string;

    @Field(() => ID, { description: 'USCC of the holder.' })
    @Column({ type: 'char', length: 18 })
    uscc: string;

    @Field(() => Kind ?? String, { description: 'Kind of licence.' })
    @Column({ type: 'varchar', length: 32 })
    kind: string;

    @Field({ description: licences.numberDescription })
    @Column({ type: 'varchar', length: 64 })
    number: string;

    @Field({ description: 'Licensed scope or items (许可项目), may be empty.' })
    @Column({ type: 'varchar', length: 500, default: '' })
    scope: string;

    @Field({ description: 'Day of issue, YYYY-MM-DD.' })
    @Column({ name: 'issued_on', type: 'date' })
    issuedOn: string;

    @Field(() => String, {
      nullable: true,
      description: 'Last day of validity, YYYY-MM-DD; null when it does not expire.',
    })
    @Column({ name: 'valid_until', type: 'date', nullable: true })
    validUntil: string | null;

    @Field(() => String, {
      nullable: true,
      description: 'Day it was revoked, YYYY-MM-DD; null unless revoked.',
    })
    @Column({ name: 'revoked_on', type: 'date', nullable: true })
    revokedOn: string | null;

    @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
    @Column({ name: 'revocation_reason', type: 'varchar', length: 500, nullable: true })
    revocationReason: string | null;

    @Column({ name: 'recorded_by', type: 'varchar', length: 128 })
    recordedBy: string;

    @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
    createdAt: Date;

    @Field(() => LicenceStatus, {
      description: 'In force, expired or revoked, as of today (China time).',
    })
    get status(): LicenceStatus {
      if (this.revokedOn) return LicenceStatus.REVOKED;
      return this.validUntil !== null && this.validUntil < todayInChina()
        ? LicenceStatus.EXPIRED
        : LicenceStatus.ACTIVE;
    }
  }
  return Licence;
}

export interface IssueLicenceShape {
  uscc: string;
  kind: string;
  number: string;
  scope?: string;
  issuedOn: string;
  validUntil?: string | null;
}

export interface RevokeLicenceShape {
  id: string;
  revokedOn?: string;
  reason: string;
}

/** The inputs of `<code>Issue<noun>` and `<code>Revoke<noun>`. */
export function licenceInputs(
  def: DepartmentDefinition,
  licences: LicenceDeclaration,
  Kind: Record<string, string>,
): { Issue: ClassType<IssueLicenceShape>; Revoke: ClassType<RevokeLicenceShape> } {
  const { noun } = licences;

  @InputType(`${def.pascal}Issue${noun}Input`, {
    description: `Records a ${words(noun)} the ${def.name} issued to an enterprise.`,
  })
  class Issue implements IssueLicenceShape {
    @Field(() => ID, { description: 'USCC of the holder (must be in the registry).' })
    @MaxLength(40)
    uscc: string;

    @Field(() => Kind, { description: 'Kind.' })
    kind: string;

    @Field({ description: `${licences.numberDescription} Unique.` })
    @Matches(LICENCE_NUMBER, {
      message: 'number must be 4 to 64 letters, digits, Chinese characters, brackets or hyphens',
    })
    number: string;

    @Field({ nullable: true, description: 'Licensed scope or items, up to 500 characters.' })
    @IsOptional()
    @MaxLength(500)
    scope?: string;

    @Field({ description: 'Day of issue, YYYY-MM-DD, not in the future.' })
    @IsIsoDate()
    issuedOn: string;

    @Field(() => String, {
      nullable: true,
      description: 'Last day of validity, YYYY-MM-DD, after the day of issue.',
    })
    @IsOptional()
    @IsIsoDate()
    validUntil?: string | null;
  }

  @InputType(`${def.pascal}Revoke${noun}Input`, {
    description: `Revokes a ${def.code} ${words(noun)}, keeping the record.`,
  })
  class Revoke implements RevokeLicenceShape {
    @Field(() => ID, { description: 'Id of the record.' })
    @IsUUID('all', { message: 'id must be a UUID' })
    id: string;

    @Field({
      nullable: true,
      description: 'Day of revocation, YYYY-MM-DD, not in the future; default today (China time).',
    })
    @IsOptional()
    @IsIsoDate()
    revokedOn?: string;

    @Field({ description: 'Reason, 2 to 500 characters.' })
    @Length(2, 500)
    reason: string;
  }

  return { Issue, Revoke };
}
