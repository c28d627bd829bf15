import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError, Kind, type ValidationContext, type ValidationRule } from 'graphql';
import { sendGraphQLError, stringBoundsPlugin } from '@jih/kit';
import type { GatewayLimits } from './config';
import type { GatewayMetrics } from './metrics';

/**
 * What the limits add to the gateway's Apollo Server: graphql-armor's depth, alias, directive and
 * cost validation rules (a breach is GRAPHQL_VALIDATION_FAILED, HTTP 400); graphql-js's own token
 * limit in the parser (GRAPHQL_PARSE_FAILED, HTTP 400: armor's token plugin throws outside Apollo
 * Server's parse error handling and would answer 500); the bound on strings; batching as
 * configured; operations that resolve to nothing or to a subscription refused with a 400.
 * Suggestions ("Did you mean …?") are cut by the kit's formatError outside development, which also
 * catches the enum-value hints armor's suggestion blocker misses.
 */
export function apolloLimits<C extends BaseContext>(
  limits: GatewayLimits,
): Pick<ApolloServerOptions<C>, 'validationRules' | 'parseOptions' | 'allowBatchedHttpRequests'> & {
  plugins: NonNullable<ApolloServerOptions<C>['plugins']>;
} {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules: [...armor.validationRules, expensiveFieldRule],
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: limits.maxBatch > 1,
    plugins: [
      ...(armor.plugins as NonNullable<ApolloServerOptions<C>['plugins']>),
      stringBoundsPlugin(limits.maxStringLength),
      operationGuard(),
    ],
  };
}

/**
 * Fields whose cost is not in their shape: `verifyDraw(recompute: …)` re-derives a whole draw
 * (seconds at a million enterprises). An operation may ask for at most one; anything more is
 * GRAPHQL_VALIDATION_FAILED before it reaches a subgraph.
 */
const MAX_EXPENSIVE_FIELDS = 1;

const expensiveFieldRule: ValidationRule = (context: ValidationContext) => {
  let count = 0;
  return {
    OperationDefinition: {
      enter() {
        count = 0;
      },
    },
    Field(node) {
      if (node.name.value !== 'verifyDraw') return;
      const recompute = node.arguments?.find((a) => a.name.value === 'recompute');
      if (!recompute || (recompute.value.kind === Kind.BOOLEAN && !recompute.value.value)) return;
      if (++count > MAX_EXPENSIVE_FIELDS) {
        context.reportError(
          new GraphQLError(
            `An operation may recompute at most ${MAX_EXPENSIVE_FIELDS} draw verification (verifyDraw with recompute)`,
            { nodes: [node], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          ),
        );
      }
    },
  };
};

/**
 * Refuses, with HTTP 400, a document in which no operation can be chosen (an `operationName` it
 * does not contain, several operations and no name) and a subscription, which this gateway does
 * not serve: left to the gateway's executor, both end as a 500.
 */
function operationGuard(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? `The document has no operation named "${String(request.operationName).slice(0, 100)}"`
                : 'The document has several operations: name one in operationName',
              {
                extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
              },
            );
          }
          if (operation.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not served by this gateway', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/**
 * Express guard after body parsing: a batch (JSON array) holds 1 to `maxBatch` operations (with
 * `maxBatch` 1, none are accepted), and no operation's document is longer than `maxQueryChars`.
 * Refusals are HTTP 400 with a GraphQL error body, before any parsing or planning is spent on them.
 */
export function requestShapeGuard(limits: GatewayLimits, metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    let operations: unknown[] = [req.method === 'GET' ? req.query : req.body];
    if (req.method === 'POST' && Array.isArray(req.body)) {
      const n = req.body.length;
      if (limits.maxBatch <= 1 || n === 0 || n > limits.maxBatch) {
        metrics.rejected.inc({ reason: 'batch' });
        const why =
          limits.maxBatch <= 1
            ? 'Batched requests (a JSON array of operations) are not accepted'
            : n === 0
              ? 'A batched request must hold at least one operation'
              : `A batched request may hold at most ${limits.maxBatch} operations; this one holds ${n}`;
        return sendGraphQLError(res, 400, 'BAD_REQUEST', why, { limit: limits.maxBatch });
      }
      operations = req.body;
    }
    for (const op of operations) {
      const query = (op as { query?: unknown } | null)?.query;
      if (typeof query === 'string' && query.length > limits.maxQueryChars) {
        metrics.rejected.inc({ reason: 'query_chars' });
        return sendGraphQLError(
          res,
          400,
          'GRAPHQL_VALIDATION_FAILED',
          `The operation has ${query.length} characters; the limit is ${limits.maxQueryChars}`,
          {
            limit: limits.maxQueryChars,
          },
        );
      }
    }
    next();
  };
}
