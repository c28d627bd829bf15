import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Entity stubs of the registry's entities, for every other subgraph: just the key, no
 * description (the owner's description is the one in the supergraph). A subgraph adds its own
 * fields to a stub with a `@Resolver(() => Enterprise)` field resolver, e.g. `Enterprise.tax`.
 */

/** Enterprise (owned by the registry), resolvable here so this subgraph can add fields to it. */
@ObjectType()
@Directive('@key(fields: "uscc")')
export class Enterprise {
  @Field(() => ID)
  uscc: string;
}

/** Department (owned by the registry), referenced only. */
@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
export class Department {
  @Field(() => ID)
  code: string;
}

/** CheckItem (owned by the registry), referenced only. */
@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
export class CheckItem {
  @Field(() => ID)
  code: string;
}

/** Inspector (owned by the registry), referenced only: its personal data stays under the registry's rules. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Inspector {
  @Field(() => ID)
  id: string;
}

/** CheckResult (owned by the joint-tasks subgraph), referenced only: a department's follow-up points at the result it came from. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class CheckResult {
  @Field(() => ID)
  id: string;
}

/** The reference resolver for a subgraph that only adds fields to Enterprise. */
export const enterpriseStubReference = {
  Enterprise: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
};
