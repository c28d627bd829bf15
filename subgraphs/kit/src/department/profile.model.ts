import { IsOptional, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, type ClassType } from 'type-graphql';
import type { DepartmentDefinition } from './department.config';
import type { ProfileRoot } from './department.types';
import { listTypes, type ListArgsShape } from './records';

/** `<Dept>Profile`: the department's view of an enterprise, the type of `Enterprise.<code>`. */
export function profileType(def: DepartmentDefinition): ClassType<ProfileRoot> {
  @ObjectType(`${def.pascal}Profile`, { description: def.description })
  class Profile implements ProfileRoot {
    @Field(() => ID, { description: 'USCC of the enterprise.' })
    uscc: string;
  }
  return Profile;
}

interface ProfileFilterShape {
  flag?: string | null;
  level?: string | null;
  year?: number | null;
}

export type ProfilesArgsShape = ListArgsShape<ProfileFilterShape>;

/** The `<code>Profiles` query's filter, arguments and connection type. */
export function profileQueryTypes(
  def: DepartmentDefinition,
  Profile: ClassType<ProfileRoot>,
  Level: Record<string, string>,
  FlagEnum: Record<string, string> | null,
) {
  @InputType(`${def.pascal}ProfileFilter`, {
    description: `Which enterprises the ${def.name} has records on to list; all given conditions must hold.`,
  })
  class ProfileFilter implements ProfileFilterShape {
    @Field(() => Level, {
      nullable: true,
      description: 'Only enterprises whose rating (of `year`, else their latest) has this level.',
    })
    level?: string | null;

    @Field(() => Int, { nullable: true, description: 'Only enterprises rated for this year.' })
    @IsOptional()
    @Min(2000)
    @Max(2100)
    year?: number | null;

    flag?: string | null;
  }
  if (FlagEnum) {
    Field(() => FlagEnum, {
      nullable: true,
      description: 'Only enterprises with this designation set.',
    })(ProfileFilter.prototype, 'flag');
  }

  const { ListArgs, ListConnection } = listTypes(
    `${def.pascal}Profile`,
    `${def.code} profiles, in USCC order`,
    Profile,
    ProfileFilter,
  );
  return { ProfilesArgs: ListArgs, ProfileConnection: ListConnection };
}
