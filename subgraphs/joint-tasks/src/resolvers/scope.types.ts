import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: "A department's tag condition." })
export class TaggedBy {
  @Field({ description: 'Department code.' }) department: string;
  @Field(() => [String], { nullable: true, description: 'Risk classes.' }) riskClasses?: string[];
}

@ObjectType({
  description: 'The conditions of a directed draw; every field null for a non-directed draw.',
})
export class TaskScope {
  @Field(() => [String], { nullable: true, description: 'Division code prefixes.' })
  divisions?: string[];
  @Field(() => [String], { nullable: true, description: 'Industry sections.' })
  industries?: string[];
  @Field(() => [String], { nullable: true, description: 'Legal forms.' })
  enterpriseTypes?: string[];
  @Field(() => [TaggedBy], { nullable: true, description: 'Tag conditions.' })
  taggedBy?: TaggedBy[];
}
