import { readFileSync, existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';

/*
 * @apollo/gateway's result shaping is patched (patches/README.md), by patch-package on install.
 * This fails when the patch is not applied (the marker it adds is missing, or it was made for
 * another version), when its behaviour is gone (shaped answers are null-prototype objects in V8's
 * fast mode, not dictionaries), and when the patched code answers differently from the original
 * code path it falls back to when switched off (FAST_PATH_GATEWAY_PATCH=off or FAST_PATHS=off).
 */

// %HasFastProperties is V8's own answer to "is this object a dictionary"; the flag applies to code compiled after it is set.
setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (
  o: object,
) => boolean;

const root = path.resolve(__dirname, '../../..');
const installed = JSON.parse(
  readFileSync(path.join(root, 'node_modules/@apollo/gateway/package.json'), 'utf8'),
).version as string;

const SDL = `
  type Query { enterprise(uscc: ID!): Enterprise, list: [Enterprise!], strict: Rating! }
  interface Named { name: String! }
  type Enterprise implements Named { uscc: ID!, name: String!, tags: [String!]!, rating: Rating, required: String! }
  type Rating { year: Int!, grade: String }
`;

const OPERATION = `query($withTags: Boolean!, $skipRating: Boolean!) {
  enterprise(uscc: "x") {
    constructor: uscc toString: name valueOf: uscc hasOwnProperty: name
    tags @include(if: $withTags)
    rating @skip(if: $skipRating) { year grade }
    ... on Named { name }
    __typename
  }
  list { uscc required rating { year } }
}`;

const INPUT = {
  enterprise: {
    constructor: '911',
    toString: '甲公司',
    valueOf: '911',
    hasOwnProperty: '甲公司',
    tags: ['A', 'B'],
    rating: { year: 2025, grade: 'A' },
    name: '甲公司',
    __typename: 'Enterprise',
  },
  // The second element misses a non-null field: the element, then the list, become null with an error.
  list: [
    { __typename: 'Enterprise', uscc: 'a', required: 'r', rating: null },
    { __typename: 'Enterprise', uscc: 'b', required: null, rating: { year: 2024 } },
  ],
};

type Shaped = {
  data: Record<string, any> | null;
  errors: { message: string; extensions?: unknown; path?: unknown }[];
};

/** Loads @apollo/gateway's result shaping afresh with the switch as given, and shapes INPUT for OPERATION. */
function shapeWith(
  env: Record<string, string | undefined>,
  variables: Record<string, unknown>,
  input: object = INPUT,
  operation = OPERATION,
): { shaped: Shaped; own: any } {
  const saved = {
    FAST_PATHS: process.env.FAST_PATHS,
    FAST_PATH_GATEWAY_PATCH: process.env.FAST_PATH_GATEWAY_PATCH,
  };
  let result!: { shaped: Shaped; own: any };
  try {
    for (const [k, v] of Object.entries({
      FAST_PATHS: undefined,
      FAST_PATH_GATEWAY_PATCH: undefined,
      ...env,
    })) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // A fresh module registry, so the patched module reads the switch again as it loads.
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      const internals = require('@apollo/federation-internals');
      const { computeResponse } = require('@apollo/gateway/dist/resultShaping');
      const own = require('@apollo/gateway/dist/utilities/own');
      /* eslint-enable @typescript-eslint/no-require-imports */
      const schema = internals.buildSchema(SDL);
      const shaped = computeResponse({
        operation: internals.parseOperation(schema, operation),
        variables,
        input,
        introspectionHandling: () => null,
      });
      result = { shaped, own };
    });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return result;
}

/** Every object of an answer, depth first. */
function objectsOf(value: unknown, out: object[] = []): object[] {
  if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const v of Object.values(value)) objectsOf(v, out);
  }
  return out;
}

/** What a client receives: the JSON text, and the errors as they are serialised. */
const asSent = ({ data, errors }: Shaped) => ({
  json: JSON.stringify(data),
  errors: errors.map((e) => ({
    message: e.message,
    path: e.path,
    code: (e.extensions as { code?: string })?.code,
  })),
});

describe('the @apollo/gateway patch', () => {
  it('is applied, for the installed version', () => {
    expect(existsSync(path.join(root, `patches/@apollo+gateway+${installed}.patch`))).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const own = require('@apollo/gateway/dist/utilities/own');
    expect(own.jihGatewayPatch?.version).toBe(installed);
    expect(typeof own.NullPrototypeObject).toBe('function');
    expect(
      readFileSync(path.join(root, 'node_modules/@apollo/gateway/dist/resultShaping.js'), 'utf8'),
    ).toContain('jihPatchOn');
  });

  it('shapes answers as fast-mode objects with nothing inherited', () => {
    const { shaped, own } = shapeWith({}, { withTags: true, skipRating: false });
    expect(own.jihGatewayPatch.on).toBe(true);
    const objects = objectsOf(shaped.data).filter((o) => !Array.isArray(o));
    expect(objects.length).toBeGreaterThan(2);
    for (const o of objects) {
      expect(Object.getPrototypeOf(o)).toBe(own.NullPrototypeObject.prototype);
      expect(Object.getPrototypeOf(Object.getPrototypeOf(o))).toBeNull();
      expect(hasFastProperties(o)).toBe(true);
      expect('toString' in o && !Object.hasOwn(o, 'toString')).toBe(false);
    }
  });

  it("switched off, runs @apollo/gateway's own code path: Object.create(null) dictionaries", () => {
    for (const env of [{ FAST_PATH_GATEWAY_PATCH: 'off' }, { FAST_PATHS: 'off' }]) {
      const { shaped, own } = shapeWith(env, { withTags: true, skipRating: false });
      expect([env, own.jihGatewayPatch.on]).toEqual([env, false]);
      for (const o of objectsOf(shaped.data).filter((x) => !Array.isArray(x))) {
        expect(Object.getPrototypeOf(o)).toBeNull();
        expect(hasFastProperties(o)).toBe(false);
      }
    }
  });

  // Every row has its variables: jest hands a shorter row's test a `done` callback in their place.
  it.each([
    ['everything included', { withTags: true, skipRating: false }],
    ['@include false and @skip true', { withTags: false, skipRating: true }],
    ['@skip false only', { withTags: false, skipRating: false }],
  ])('answers as the original code path does: %s', (_name, variables) => {
    const on = shapeWith({}, variables).shaped;
    const off = shapeWith({ FAST_PATH_GATEWAY_PATCH: 'off' }, variables).shaped;
    expect(asSent(on)).toEqual(asSent(off));
    expect(on.data).toEqual(off.data);
    expect(Object.keys(on.data!.enterprise)).toEqual(Object.keys(off.data!.enterprise));
    expect(on.errors.length).toBe(1);
  });

  it('answers as the original code path does when null bubbles up to the whole answer', () => {
    const operation = '{ strict { year grade } }';
    const input = { strict: { year: null, grade: 'A' } };
    const on = shapeWith({}, {}, input, operation).shaped;
    const off = shapeWith({ FAST_PATHS: 'off' }, {}, input, operation).shaped;
    expect(on.data).toBeNull();
    expect(asSent(on)).toEqual(asSent(off));
  });
});
