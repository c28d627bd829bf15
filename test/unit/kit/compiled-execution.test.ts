import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { compiledExecution } from '@jih/kit/compiled-execution';

/*
 * Subgraphs execute with graphql-jit behind Apollo Server. Whatever a caller sees must be what
 * graphql-js's executor would have answered: the same server over the same schema, once with each
 * executor, must give the same response to every operation here.
 */

const schema = makeExecutableSchema({
  typeDefs: `
    enum Mode { WHOLE SPLIT }
    input Part { name: String!, weighted: Boolean! = false, mode: Mode! = WHOLE }
    type Item { id: ID!, label: String, parts: [String!]! }
    type Query {
      items(first: Int = 2): [Item!]!
      echo(parts: [Part!]!): String!
      fails: String
      refuses: String
      failsInList: [Item]
    }
    type Mutation { change(id: ID!): Item! }
  `,
  resolvers: {
    Query: {
      items: (_: unknown, { first }: { first: number }) =>
        Array.from({ length: first }, (_, i) => ({ id: String(i), parts: [] })),
      echo: (_: unknown, { parts }: { parts: unknown[] }) => JSON.stringify(parts),
      fails: () => {
        throw new Error('database gone');
      },
      refuses: () => {
        throw new GraphQLError('not yours', { extensions: { code: 'FORBIDDEN' } });
      },
      failsInList: () => [{ id: '1', parts: [] }, null],
    },
    Item: {
      label: async (item: { id: string }) => {
        if (item.id === '1') throw new Error('label unavailable');
        return `item ${item.id}`;
      },
    },
    Mutation: {
      change: () => Promise.reject(new Error('injected')),
    },
  },
});

async function answer(server: ApolloServer, query: string, variables?: Record<string, unknown>) {
  const res = await server.executeOperation({ query, variables });
  if (res.body.kind !== 'single') throw new Error('expected a single result');
  return { status: res.http.status, ...res.body.singleResult };
}

let reference: ApolloServer;
let compiled: ApolloServer;
beforeAll(async () => {
  reference = new ApolloServer({ schema });
  compiled = new ApolloServer({ gateway: compiledExecution(schema) });
  await Promise.all([reference.start(), compiled.start()]);
});
afterAll(async () => {
  await Promise.all([reference?.stop(), compiled?.stop()]);
});

// Every row has its variables: jest hands a shorter row's test a `done` callback in their place.
const CASES: [string, string, Record<string, unknown>][] = [
  ['defaults of arguments', '{ items { id label } }', {}],
  [
    'input object fields left to their defaults, enums included',
    'query($p: [Part!]!) { echo(parts: $p) }',
    { p: [{ name: 'a' }, { name: 'b', weighted: true, mode: 'SPLIT' }] },
  ],
  [
    'a variable of the wrong type',
    'query($p: [Part!]!) { echo(parts: $p) }',
    { p: [{ weighted: 'yes' }] },
  ],
  ['a resolver error without a code', '{ fails }', {}],
  ['a resolver error with a code', '{ refuses }', {}],
  [
    'errors inside lists, with their paths',
    '{ items(first: 3) { id label } failsInList { id label } }',
    {},
  ],
  ['a failing mutation on a non-null field', 'mutation { change(id: "x") { id } }', {}],
  [
    'aliases and fragments',
    '{ a: items(first: 1) { ...F } b: items { id } } fragment F on Item { key: id parts }',
    {},
  ],
];

describe('graphql-jit behind Apollo Server answers as graphql-js does', () => {
  it.each(CASES)('%s', async (_name, query, variables) => {
    const expected = await answer(reference, query, variables);
    expect(await answer(compiled, query, variables)).toEqual(expected);
  });

  it('keeps the code, path and locations of a failing field (the gateway relies on them)', async () => {
    const res = await answer(compiled, '{ refuses items { id } }');
    expect(res.errors).toEqual([
      {
        message: 'not yours',
        locations: [{ line: 1, column: 3 }],
        path: ['refuses'],
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
    expect(res.data).toEqual({ refuses: null, items: [{ id: '0' }, { id: '1' }] });
  });
});
