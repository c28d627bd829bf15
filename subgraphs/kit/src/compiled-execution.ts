import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type SourceLocation,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Executes a subgraph's operations with graphql-jit instead of graphql-js: each operation is
 * compiled once into a function that walks its selection set directly, which for the large entity
 * fetches of a dashboard page (hundreds of representations, tens of thousands of fields) costs
 * about a third less CPU and garbage than graphql-js (profiles of `npm run bench:dashboard`; README,
 * Performance).
 *
 * Apollo Server lets a "gateway" supply the executor while it still parses, validates, runs every
 * plugin and formats errors; this object is that executor over a fixed schema. Compiled operations
 * are kept per parsed document, which Apollo Server itself caches per query string, so a
 * gateway's repeated query-plan fetches compile once and a document Apollo evicts is collected.
 *
 * A fast path (as those under `fast-paths/`): commit d34a151 measured a 500-visit dashboard page
 * at joint-tasks 102 ms instead of 182 and market 56 instead of 90. Depends on graphql-jit 0.8.9
 * and graphql 16.15.0 (exact versions pinned in package.json). Switch: GRAPHQL_EXECUTOR=graphql-js
 * or FAST_PATHS=off (config.ts); test/unit/kit/compiled-execution.test.ts compares both executors.
 */
export function compiledExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | ExecutionResult>>();

  const compile = (
    document: DocumentNode,
    operationName: string | undefined,
  ): CompiledQuery | ExecutionResult => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let entry = byName.get(key);
    if (!entry) {
      // Resolver errors keep their own stack; the compiler's own would only point into generated code.
      entry = compileQuery(schema, document, operationName, {
        disablingCapturingStackErrors: true,
      });
      byName.set(key, entry);
    }
    return entry;
  };

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, request, context } = requestContext;
    const query = compile(document, request.operationName ?? undefined);
    // Compilation refuses only what validation has already refused.
    if (!isCompiledQuery(query)) return query as ExecutionResult;
    // Variables are coerced by graphql-js, the reference: graphql-jit's own coercion does not fill
    // in the default values of input object fields (a non-null field with a default is reported
    // missing). Coerced values pass its coercion unchanged.
    const coerced = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      request.variables ?? {},
      { maxErrors: 50 },
    );
    if (coerced.errors) return { errors: coerced.errors };
    const result = await query.query(undefined, context, coerced.coerced);
    return result.errors?.length
      ? { ...result, errors: result.errors.map(asGraphQLError) }
      : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async load() {
      return { executor };
    },
    async stop() {},
  };
}

/**
 * graphql-jit reports field errors with a look-alike of graphql-js's GraphQLError (it passes
 * `instanceof`, but its `extensions` may be missing, which Apollo Server's error formatting
 * cannot read, and it answers "Internal server error" for it). The same error as graphql-js's
 * executor would have produced: message, path, locations, the resolver's own error and its
 * extensions (the stable `code`).
 */
function asGraphQLError(
  error: Pick<GraphQLError, 'message' | 'locations' | 'path' | 'originalError' | 'extensions'>,
): GraphQLError {
  const located = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  (located as { locations?: readonly SourceLocation[] }).locations = error.locations;
  return located;
}
