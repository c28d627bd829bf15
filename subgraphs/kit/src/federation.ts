import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from './auth';
import { fastPaths, type FastPaths } from './config';
import { BadUserInputError } from './errors';
import { callFieldResolversDirectly } from './fast-paths/direct-field-resolvers';
import { readPlainFieldsDirectly } from './fast-paths/plain-fields';

export { validatesObjectsOnly } from './fast-paths/direct-field-resolvers';

/** The Federation 2 spec version and directives every subgraph imports. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (ref: any, ctx: any, info: any) => unknown }
>;

/**
 * Joins type-graphql to @apollo/subgraph: type-graphql builds the schema from the decorated
 * classes, its SDL (with `@key` and friends kept as directives) is re-read under the federation
 * `@link` header, and @apollo/subgraph adds `_entities`/`_service` with the reference resolvers.
 * Two fast paths then replace type-graphql's resolvers where they are not needed
 * (`fast-paths/plain-fields.ts`, `fast-paths/direct-field-resolvers.ts`), each unless switched
 * off: by default as this process's environment says ({@link fastPaths}).
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'authChecker'>,
  referenceResolvers: ReferenceResolvers = {},
  switches: Pick<FastPaths, 'plainFields' | 'directResolvers'> = fastPaths(),
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    authChecker,
    // Federation adds Query fields of its own; a subgraph may have only entity fields.
    skipCheck: true,
    validate: { forbidUnknownValues: false },
  });
  if (switches.plainFields) readPlainFieldsDirectly(schema);
  if (switches.directResolvers) callFieldResolversDirectly(schema, options);
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
      throw new BadUserInputError(`Invalid entity representation: ${(err as Error).message}`, {
        argument: 'representations',
      });
    }
  };
  return schema;
}
