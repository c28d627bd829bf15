/**
 * FAST PATH: field resolvers called directly, without type-graphql's resolver wrapper.
 *
 * Replaces: the generic wrapper type-graphql 2.0.0-rc.4 puts around every field resolver
 * (`createAdvancedFieldResolver` in `resolvers/create.js`: resolver data, container lookup, parameter metadata sorted and mapped
 * per call, a promise check per value, the middleware chain with the async auth check, async
 * validation of arguments). It reads type-graphql's metadata storage (`getMetadataStorage()`:
 * fieldResolvers, params and their kinds, roles, middlewares), internal and unversioned API, and
 * copies what the wrapper does for the cases it takes over (a plain `@Root` made an instance of
 * its class first, scalar and enum arguments passed through unchanged).
 *
 * Why: a 500-visit dashboard page makes hundreds of thousands of field-resolver calls; every one
 * allocated resolver data, mapped parameters and ran an async middleware chain (commit 5f3ae59),
 * and every scalar or enum argument went through async validation, a promise per call for every
 * department's follow-ups, cases and listings on every profile (commit 10e40d4).
 *
 * Measured: as part of the session's subgraph changes (with EntityRows, the gateway patch, no
 * ETag), back to back on the local PostgreSQL 15, 11 runs each, alternating: dashboard before
 * 1,116 / 254 ms = 4.4× and 1,078 / 267 = 4.0× the hand-written SQL, after 801 / 274 = 2.9× and
 * 760 / 251 = 3.0× (bench/README.md, Performance history). This path's own share was not
 * measured apart: measure it with FAST_PATH_DIRECT_RESOLVERS=off against on
 * (`npm run bench:dashboard:phases`).
 *
 * Depends on (exact versions pinned in package.json): type-graphql 2.0.0-rc.4, graphql 16.15.0.
 *
 * Switch: FAST_PATH_DIRECT_RESOLVERS=off or FAST_PATHS=off (config.ts, `fastPaths()`): every field
 * resolver keeps type-graphql's wrapper. Equivalence test: test/unit/kit/direct-field-resolvers.test.ts
 * runs the same operations on schemas built with the path on and off and requires identical answers.
 * One known difference: a direct call that throws does so synchronously, a tick before
 * type-graphql's async wrapper would, so when several errors null out the same parent, graphql-js
 * may report a different one of them first (the spec leaves that open).
 *
 * Exit rule: re-measure at every type-graphql upgrade; remove when a re-measurement says it no
 * longer pays.
 */
import {
  GraphQLScalarType,
  isInterfaceType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';
import { authChecker } from '../auth';

const OBJECTS_ONLY = Symbol('validates objects only');

/**
 * Marks a schema-wide `validateFn` that returns at once for anything but an object (scalars and
 * enums pass through it untouched), so field resolvers with scalar or enum arguments can still
 * be called directly ({@link callFieldResolversDirectly}).
 */
export function validatesObjectsOnly<F extends object>(validateFn: F): F {
  return Object.assign(validateFn, { [OBJECTS_ONLY]: true });
}

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type FieldResolverMetadata = MetadataStorage['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];

/**
 * type-graphql calls every field resolver through a generic wrapper: per call it allocates the
 * resolver data, looks the resolver instance up in its container, sorts and maps the parameter
 * metadata, checks each value for a promise and runs the middleware chain (the auth check is one,
 * and an async one). On a 500-entity fetch that is hundreds of thousands of calls. A field
 * resolver of a resolver class given to this build whose parameters are only `@Root`, `@Ctx`,
 * `@Info` and scalar or enum `@Arg`s, with no middlewares, is called directly instead, its
 * parameters mapped by a function made once; `@Authorized` runs the kit's auth checker (which
 * throws FORBIDDEN or UNAUTHENTICATED itself) before the call. A `@Field` getter of an entity class is read from the root when the
 * root is an instance of that class. Anything else (arguments to convert and validate,
 * middlewares, a guarded getter, a root that is not yet of its declared class) keeps
 * type-graphql's resolver.
 */
export function callFieldResolversDirectly(
  schema: GraphQLSchema,
  options: Pick<BuildSchemaOptions, 'resolvers' | 'globalMiddlewares' | 'validateFn'>,
): void {
  if (options.globalMiddlewares?.length) return;
  const storage = getMetadataStorage();
  const builtFrom = new Set<Function>(options.resolvers as Function[]);
  const typeNameOf = new Map<Function, string>(
    [...storage.objectTypes, ...storage.interfaceTypes].map((t) => [t.target, t.name]),
  );
  const byField = new Map<string, FieldResolverMetadata[]>();
  for (const def of storage.fieldResolvers) {
    // Resolver classes of this build, and getters of object types (type-graphql's "internal" kind).
    if (def.kind === 'external' ? !builtFrom.has(def.target) : !getterOf(def)) continue;
    const typeName = typeNameOf.get(def.getObjectType!() as Function);
    if (!typeName) continue;
    const key = `${typeName}.${def.schemaName}`;
    byField.set(key, [...(byField.get(key) ?? []), def]);
  }
  const instances = new Map<Function, Record<string, (...params: unknown[]) => unknown>>();
  for (const [key, defs] of byField) {
    const [typeName, fieldName] = key.split('.');
    const type = schema.getType(typeName);
    const field =
      type && (isObjectType(type) || isInterfaceType(type))
        ? type.getFields()[fieldName]
        : undefined;
    // One resolver class per field in this build, as type-graphql itself requires; anything unusual stays as it is.
    if (!field?.resolve || defs.length !== 1) continue;
    const def = defs[0];
    if (def.middlewares?.length) continue;
    const fallback = field.resolve;
    if (def.kind !== 'external') {
      if (def.roles) continue;
      const owner = def.target;
      const name = def.methodName;
      // type-graphql makes an instance of a plain root before it reads the getter; an instance is read as it is.
      const directFieldResolver: GraphQLFieldResolver<unknown, unknown> = (
        root,
        args,
        context,
        info,
      ) =>
        root instanceof owner
          ? (root as Record<string, unknown>)[name]
          : fallback(root, args, context, info);
      field.resolve = directFieldResolver;
      continue;
    }
    const direct = directParams(def.params ?? [], options.validateFn);
    if (!direct) continue;
    let instance = instances.get(def.target);
    if (!instance)
      instances.set(
        def.target,
        (instance = new (
          def.target as new () => Record<string, (...params: unknown[]) => unknown>
        )()),
      );
    const target = instance;
    const method = target[def.methodName];
    const roles = def.roles;
    const directFieldResolver: GraphQLFieldResolver<unknown, unknown> = (
      root,
      args,
      context,
      info,
    ) => {
      // type-graphql would turn such a root into an instance of the declared class first.
      if (direct.rootClass && !(root instanceof direct.rootClass))
        return fallback(root, args, context, info);
      // The kit's checker throws (FORBIDDEN, UNAUTHENTICATED) rather than answer false.
      if (roles)
        authChecker(
          { root, args: args as Record<string, unknown>, context: context as never, info },
          roles,
        );
      return method.apply(target, direct.map(root, args, context, info));
    };
    field.resolve = directFieldResolver;
  }
}

/** Whether a field resolver defined on an object type's class is a getter there. */
function getterOf(def: FieldResolverMetadata): boolean {
  return (
    typeof Object.getOwnPropertyDescriptor(
      (def.target as { prototype?: object }).prototype ?? {},
      def.methodName,
    )?.get === 'function'
  );
}

/**
 * How to call a field resolver with `(root, args, context, info)` mapped to its parameters, or
 * null when a parameter needs type-graphql. An `@Arg` qualifies when it is a scalar or an enum
 * and no validation function looks at it (none, or one marked {@link validatesObjectsOnly}):
 * type-graphql then passes the value through unchanged (its own validation looks at objects
 * only). `rootClass` is the class a `@Root` parameter is declared with, when it is a class that
 * type-graphql would convert a plain root to.
 */
function directParams(
  params: ParamMetadata[],
  globalValidateFn: unknown,
): {
  map: (root: unknown, args: unknown, context: unknown, info: unknown) => unknown[];
  rootClass?: Function;
} | null {
  const sorted = [...params].sort((a, b) => a.index - b.index);
  const readers: ((root: any, args: any, context: any, info: unknown) => unknown)[] = [];
  let rootClass: Function | undefined;
  for (const p of sorted) {
    if (p.index !== readers.length) return null;
    if (p.kind === 'root') {
      const declared = p.getType?.();
      if (declared instanceof GraphQLScalarType) return null;
      const property = p.propertyName;
      if (typeof declared === 'function' && declared !== Object) {
        // A simple or property-typed root is converted by type-graphql in ways not worth copying.
        if (property || [String, Boolean, Number, Date, Array, Promise].includes(declared as never))
          return null;
        rootClass = declared;
      }
      readers.push(property ? (root) => root[property] : (root) => root);
    } else if (p.kind === 'arg') {
      const validated = p.validateFn ?? globalValidateFn;
      if (
        (validated && !(validated as { [OBJECTS_ONLY]?: boolean })[OBJECTS_ONLY]) ||
        !passedAsIs(p.getType())
      )
        return null;
      const name = p.name;
      readers.push((_r, args) => args[name]);
    } else if (p.kind === 'context') {
      const property = p.propertyName;
      readers.push(
        property ? (_r, _a, context) => context[property] : (_r, _a, context) => context,
      );
    } else if (p.kind === 'info') {
      readers.push((_r, _a, _c, info) => info);
    } else {
      return null;
    }
  }
  return {
    map: (root, args, context, info) => readers.map((read) => read(root, args, context, info)),
    rootClass,
  };
}

/** Whether type-graphql hands an argument of this declared type to the resolver unchanged: a scalar, or an enum (a plain object of values). */
function passedAsIs(declared: unknown): boolean {
  return (
    declared instanceof GraphQLScalarType ||
    declared === String ||
    declared === Number ||
    declared === Boolean ||
    (typeof declared === 'object' && declared !== null && !Array.isArray(declared))
  );
}
