import {
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Resolver,
  Root,
  registerEnumType,
  type ClassType,
} from 'type-graphql';
import type { EnterpriseRef } from './department.types';

/**
 * type-graphql helpers for names known only at run time (the department code, its flags). They
 * apply the same decorators a hand-written class would, so the schema is the one type-graphql
 * would build from the equivalent source.
 */

/**
 * A fresh stub of the registry's Enterprise (key only, no description: the owner's is the one in
 * the supergraph). Each department gets its own class because type-graphql adds a field resolver's
 * field to the class it extends for good: with one shared class, building one department's schema
 * would leak `Enterprise.<code>` into the next department's.
 */
export function enterpriseStub(): ClassType<EnterpriseRef> {
  @ObjectType('Enterprise')
  @Directive('@key(fields: "uscc")')
  class Enterprise {
    @Field(() => ID)
    uscc: string;
  }
  return Enterprise;
}

/** Registers a GraphQL enum from declared values (name → description) and returns its value object. */
export function declareEnum(
  name: string,
  description: string,
  values: Record<string, { description: string }>,
): Record<string, string> {
  const object = Object.fromEntries(Object.keys(values).map((v) => [v, v]));
  registerEnumType(object, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      Object.entries(values).map(([v, d]) => [v, { description: d.description }]),
    ),
  });
  return object;
}

type Resolve<R, C> = (root: R, ctx: C) => unknown;

/**
 * A resolver class for `type` whose field resolvers are given by name, e.g. `Enterprise.tax` or one
 * Boolean per declared flag. Each field becomes a method of that name taking `(@Root, @Ctx)`.
 */
export function fieldResolvers<R, C>(
  type: () => ClassType,
  fields: {
    name: string;
    type: () => unknown;
    description: string;
    nullable?: boolean;
    resolve: Resolve<R, C>;
  }[],
): ClassType {
  class GeneratedFieldResolver {}
  for (const f of fields) {
    Object.defineProperty(GeneratedFieldResolver.prototype, f.name, {
      value(root: R, ctx: C) {
        return f.resolve(root, ctx);
      },
      writable: true,
      configurable: true,
    });
    const descriptor = Object.getOwnPropertyDescriptor(GeneratedFieldResolver.prototype, f.name)!;
    Root()(GeneratedFieldResolver.prototype, f.name, 0);
    Ctx()(GeneratedFieldResolver.prototype, f.name, 1);
    FieldResolver(f.type as never, { description: f.description, nullable: f.nullable })(
      GeneratedFieldResolver.prototype,
      f.name,
      descriptor,
    );
  }
  Resolver(type)(GeneratedFieldResolver);
  return GeneratedFieldResolver;
}
