import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLError, isInterfaceType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './auth';
import { BadUserInputError } from './errors';

/** The Federation 2 spec version and directives every subgraph imports. */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

export type ReferenceResolvers = Record<string, { __resolveReference: (ref: any, ctx: any, info: any) => unknown }>;

/**
 * Joins type-graphql to @apollo/subgraph: type-graphql builds the schema from the decorated
 * classes, its SDL (with `@key` and friends kept as directives) is re-read under the federation
 * `@link` header, and @apollo/subgraph adds `_entities`/`_service` with the reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'authChecker'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    authChecker,
    // Federation adds Query fields of its own; a subgraph may have only entity fields.
    skipCheck: true,
    validate: { forbidUnknownValues: false },
  });
  readPlainFieldsDirectly(schema);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, ref] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...ref };
  }
  return guardEntities(
    buildSubgraphSchema([
      {
        typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`),
        resolvers: resolvers as GraphQLResolverMap<unknown>,
      },
    ]),
  );
}

/**
 * type-graphql gives every plain `@Field` a resolver of its own that reads the property through
 * its middleware chain: a function call and an allocation per field per object, which on a
 * 500-entity fetch is a large part of the work. A field without a resolver is read from the object
 * directly (graphql-jit compiles that read inline). This removes the resolver of every field that
 * is a plain property read: no field resolver, no `@Authorized` (with or without roles), no middlewares, and the same
 * name in the schema as on the class. Every other field keeps type-graphql's resolver.
 */
function readPlainFieldsDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const classesOf = new Map<string, Function[]>();
  for (const t of [...storage.objectTypes, ...storage.interfaceTypes]) classesOf.set(t.name, [...(classesOf.get(t.name) ?? []), t.target]);
  const hasFieldResolver = (cls: Function, name: string) =>
    storage.fieldResolvers.some((r) => r.methodName === name && r.getObjectType?.() === cls);
  const metadataOf = (cls: Function, name: string) => {
    // The class's own field, else the nearest superclass's (type-graphql copies inherited fields).
    for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      const field = storage.fields.find((f) => f.target === c && f.schemaName === name);
      if (field) return { field, owner: c };
    }
    return null;
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    const classes = classesOf.get(type.name);
    if (!classes?.length) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve) continue;
      const plain = classes.every((cls) => {
        const found = metadataOf(cls, field.name);
        if (!found) return false;
        const { field: meta, owner } = found;
        return meta.name === meta.schemaName && meta.roles === undefined && !meta.middlewares?.length && meta.simple !== false
          && !hasFieldResolver(cls, field.name) && !hasFieldResolver(owner, field.name);
      });
      if (plain) field.resolve = undefined;
    }
  }
}

/**
 * A malformed entity representation (a type that does not exist, a missing key) can only come
 * from a hand-made request, never from the gateway's query plans: it is the caller's error
 * (BAD_USER_INPUT), not an internal failure.
 */
function guardEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) return schema;
  field.resolve = (source, args, context, info) => {
    try {
      return resolve(source, args, context, info);
    } catch (err) {
      if (err instanceof GraphQLError) throw err;
      throw new BadUserInputError(`Invalid entity representation: ${(err as Error).message}`, { argument: 'representations' });
    }
  };
  return schema;
}
