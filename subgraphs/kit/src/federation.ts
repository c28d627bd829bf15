import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLError, GraphQLScalarType, isInterfaceType, isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
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
  callFieldResolversDirectly(schema, options);
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
    storage.fieldResolvers.some((r) => r.schemaName === name && r.getObjectType?.() === cls);
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
    // Several classes may carry one type name in a process (a key-only stub of another subgraph's
    // entity beside the entity itself): only a class that declares every field of the built type
    // can be the one it was built from.
    const fieldNames = Object.keys(type.getFields());
    const classes = (classesOf.get(type.name) ?? []).filter((cls) => fieldNames.every((name) => metadataOf(cls, name) || hasFieldResolver(cls, name)));
    if (!classes.length) continue;
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

const OBJECTS_ONLY = Symbol('validates objects only');

/**
 * Marks a schema-wide `validateFn` that returns at once for anything but an object (scalars and
 * enums pass through it untouched), so field resolvers with scalar or enum arguments can still
 * be called directly ({@link buildFederatedSchema}).
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
function callFieldResolversDirectly(schema: GraphQLSchema, options: Pick<BuildSchemaOptions, 'resolvers' | 'globalMiddlewares' | 'validateFn'>): void {
  if (options.globalMiddlewares?.length) return;
  const storage = getMetadataStorage();
  const builtFrom = new Set<Function>(options.resolvers as Function[]);
  const typeNameOf = new Map<Function, string>([...storage.objectTypes, ...storage.interfaceTypes].map((t) => [t.target, t.name]));
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
    const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[fieldName] : undefined;
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
      const directFieldResolver: GraphQLFieldResolver<unknown, unknown> = (root, args, context, info) =>
        root instanceof owner ? (root as Record<string, unknown>)[name] : fallback(root, args, context, info);
      field.resolve = directFieldResolver;
      continue;
    }
    const direct = directParams(def.params ?? [], options.validateFn);
    if (!direct) continue;
    let instance = instances.get(def.target);
    if (!instance) instances.set(def.target, (instance = new (def.target as new () => Record<string, (...params: unknown[]) => unknown>)()));
    const target = instance;
    const method = target[def.methodName];
    const roles = def.roles;
    const directFieldResolver: GraphQLFieldResolver<unknown, unknown> = (root, args, context, info) => {
      // type-graphql would turn such a root into an instance of the declared class first.
      if (direct.rootClass && !(root instanceof direct.rootClass)) return fallback(root, args, context, info);
      // The kit's checker throws (FORBIDDEN, UNAUTHENTICATED) rather than answer false.
      if (roles) authChecker({ root, args: args as Record<string, unknown>, context: context as never, info }, roles);
      return method.apply(target, direct.map(root, args, context, info));
    };
    field.resolve = directFieldResolver;
  }
}

/** Whether a field resolver defined on an object type's class is a getter there. */
function getterOf(def: FieldResolverMetadata): boolean {
  return typeof Object.getOwnPropertyDescriptor((def.target as { prototype?: object }).prototype ?? {}, def.methodName)?.get === 'function';
}

/**
 * How to call a field resolver with `(root, args, context, info)` mapped to its parameters, or
 * null when a parameter needs type-graphql. An `@Arg` qualifies when it is a scalar or an enum
 * and no validation function looks at it (none, or one marked {@link validatesObjectsOnly}):
 * type-graphql then passes the value through unchanged (its own validation looks at objects
 * only). `rootClass` is the class a `@Root` parameter is declared with, when it is a class that
 * type-graphql would convert a plain root to.
 */
function directParams(params: ParamMetadata[], globalValidateFn: unknown): { map: (root: unknown, args: unknown, context: unknown, info: unknown) => unknown[]; rootClass?: Function } | null {
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
        if (property || [String, Boolean, Number, Date, Array, Promise].includes(declared as never)) return null;
        rootClass = declared;
      }
      readers.push(property ? (root) => root[property] : (root) => root);
    } else if (p.kind === 'arg') {
      const validated = p.validateFn ?? globalValidateFn;
      if ((validated && !(validated as { [OBJECTS_ONLY]?: boolean })[OBJECTS_ONLY]) || !passedAsIs(p.getType())) return null;
      const name = p.name;
      readers.push((_r, args) => args[name]);
    } else if (p.kind === 'context') {
      const property = p.propertyName;
      readers.push(property ? (_r, _a, context) => context[property] : (_r, _a, context) => context);
    } else if (p.kind === 'info') {
      readers.push((_r, _a, _c, info) => info);
    } else {
      return null;
    }
  }
  return { map: (root, args, context, info) => readers.map((read) => read(root, args, context, info)), rootClass };
}

/** Whether type-graphql hands an argument of this declared type to the resolver unchanged: a scalar, or an enum (a plain object of values). */
function passedAsIs(declared: unknown): boolean {
  return declared instanceof GraphQLScalarType || declared === String || declared === Number || declared === Boolean
    || (typeof declared === 'object' && declared !== null && !Array.isArray(declared));
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
