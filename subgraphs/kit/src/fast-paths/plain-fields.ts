/**
 * FAST PATH: plain fields read without type-graphql's per-field resolver.
 *
 * Replaces: the resolver type-graphql 2.0.0-rc.4 gives every `@Field` (its `createBasicFieldResolver`,
 * which reads the property through the middleware chain). This pass looks into type-graphql's
 * metadata storage (`getMetadataStorage()`: objectTypes, fields, fieldResolvers and their
 * `roles`, `middlewares`, `simple`, `schemaName`), which is internal and unversioned API.
 *
 * Why: a call and an allocation per field per object; a 500-entity fetch is tens of thousands of them.
 *
 * Measured (commit abdf01b, `npm run bench:dashboard` and direct fetches): a 500-entity department
 * fetch tax 45 → 30 ms, market 52 → 35 ms; the dashboard 800 → 740 ms (3.9× the hand-written SQL;
 * 765 vs 199 ms, 3.8×, in the re-measurement c2ce632). Commit 9001ab2: the key-only `CheckResult` stub
 * had kept type-graphql's resolver on all 22 plain fields of every result, about 26,000 calls per
 * dashboard page.
 *
 * Depends on (exact versions pinned in package.json): type-graphql 2.0.0-rc.4, graphql 16.15.0
 * (a field without `resolve` is read with the default resolver; graphql-jit 0.8.9 inlines the read).
 *
 * Switch: FAST_PATH_PLAIN_FIELDS=off or FAST_PATHS=off (config.ts, `fastPaths()`): every field keeps
 * type-graphql's resolver. Equivalence test: test/unit/kit/plain-fields.test.ts runs the same
 * operations on schemas built with the path on and off and requires identical answers.
 *
 * Exit rule: re-measure with `npm run bench:dashboard:phases` at every type-graphql upgrade (and
 * remove this module when the path no longer pays, or when type-graphql stops giving plain
 * fields a resolver of their own).
 */
import { isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * type-graphql gives every plain `@Field` a resolver of its own that reads the property through
 * its middleware chain: a function call and an allocation per field per object, which on a
 * 500-entity fetch is a large part of the work. A field without a resolver is read from the object
 * directly (graphql-jit compiles that read inline). This removes the resolver of every field that
 * is a plain property read: no field resolver, no `@Authorized` (with or without roles), no middlewares, and the same
 * name in the schema as on the class. Every other field keeps type-graphql's resolver.
 */
export function readPlainFieldsDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const classesOf = new Map<string, Function[]>();
  for (const t of [...storage.objectTypes, ...storage.interfaceTypes])
    classesOf.set(t.name, [...(classesOf.get(t.name) ?? []), t.target]);
  const hasFieldResolver = (cls: Function, name: string) =>
    storage.fieldResolvers.some((r) => r.schemaName === name && r.getObjectType?.() === cls);
  const metadataOf = (cls: Function, name: string) => {
    // The class's own field, else the nearest superclass's (type-graphql copies inherited fields).
    for (
      let c: Function | null = cls;
      c && c !== Function.prototype;
      c = Object.getPrototypeOf(c)
    ) {
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
    const classes = (classesOf.get(type.name) ?? []).filter((cls) =>
      fieldNames.every((name) => metadataOf(cls, name) || hasFieldResolver(cls, name)),
    );
    if (!classes.length) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.resolve) continue;
      const plain = classes.every((cls) => {
        const found = metadataOf(cls, field.name);
        if (!found) return false;
        const { field: meta, owner } = found;
        return (
          meta.name === meta.schemaName &&
          meta.roles === undefined &&
          !meta.middlewares?.length &&
          meta.simple !== false &&
          !hasFieldResolver(cls, field.name) &&
          !hasFieldResolver(owner, field.name)
        );
      });
      if (plain) field.resolve = undefined;
    }
  }
}
