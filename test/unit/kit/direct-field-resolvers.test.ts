import 'reflect-metadata';
import { execute, parse, type GraphQLObjectType } from 'graphql';
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Query, Resolver, Root, UseMiddleware, registerEnumType } from 'type-graphql';
import { buildFederatedSchema, validatesObjectsOnly } from '@jih/kit/federation';

/*
 * The kit calls field resolvers that take only @Root, @Ctx and @Info directly instead of through
 * type-graphql's generic wrapper. They must answer exactly as before: guards refuse with the same
 * codes, a root that type-graphql would first turn into an instance of its class still is, and
 * resolvers with arguments or middlewares keep type-graphql's resolver (conversion, validation,
 * the middleware itself).
 */

@ObjectType()
class Box {
  @Field(() => ID) id!: string;
  @Field(() => Int) size!: number;

  double(): number {
    return this.size * 2;
  }

  @Field(() => Int, { description: 'A getter: type-graphql reads it from an instance of the class.' })
  get area(): number {
    return this.size * this.size;
  }
}

@InputType()
class Scale {
  @Field(() => Int) by!: number;

  /** Only an instance has it: type-graphql converts the argument before the call. */
  apply(size: number): number {
    return size * this.by;
  }
}

enum Unit {
  ONE = 'ONE',
  DOZEN = 'DOZEN',
}
registerEnumType(Unit, { name: 'Unit' });

const seen: string[] = [];

@Resolver(() => Box)
class BoxResolver {
  @Query(() => [Box]) boxes(): Box[] {
    return [Object.assign(new Box(), { id: 'a', size: 1 }), Object.assign(new Box(), { id: 'b', size: 2 })];
  }

  /** A plain object root: type-graphql would make a Box of it before the call. */
  @Query(() => Box) plainBox(): unknown {
    return { id: 'p', size: 5 };
  }

  @FieldResolver(() => Int) doubled(@Root() b: Box): number {
    return b.double();
  }

  @FieldResolver(() => String) owner(@Root() b: Box, @Ctx() ctx: { caller: { sub: string } | null }): string {
    return `${b.id}:${ctx.caller?.sub ?? 'anonymous'}`;
  }

  @Authorized('admin') @FieldResolver(() => String) secret(@Root() b: Box): string {
    return `secret ${b.id}`;
  }

  @Authorized() @FieldResolver(() => String) member(@Root() b: Box): string {
    return `member ${b.id}`;
  }

  @FieldResolver(() => Int) plus(@Root() b: Box, @Arg('n', () => Int, { defaultValue: 1 }) n: number, @Arg('unit', () => Unit, { nullable: true }) unit?: Unit | null): number {
    return b.size + n * (unit === Unit.DOZEN ? 12 : 1);
  }

  @FieldResolver(() => Int) scaled(@Root() b: Box, @Arg('scale', () => Scale) scale: Scale): number {
    return scale.apply(b.size);
  }

  @UseMiddleware(async ({ root }, next) => {
    seen.push((root as Box).id);
    return next();
  })
  @FieldResolver(() => String) watched(@Root() b: Box): string {
    return `watched ${b.id}`;
  }
}

let schema: Awaited<ReturnType<typeof buildFederatedSchema>>;
let fields: ReturnType<GraphQLObjectType['getFields']>;
beforeAll(async () => {
  schema = await buildFederatedSchema({ resolvers: [BoxResolver] });
  fields = (schema.getType('Box') as GraphQLObjectType).getFields();
});

const run = (query: string, caller: unknown) => execute({ schema, document: parse(query), contextValue: { caller } });
const inspector = { sub: 'i1', department: 'tax', roles: ['inspector'] };

describe('field resolvers called directly', () => {
  it('are those with only @Root, @Ctx, @Info and scalar or enum @Arg, and no middleware', () => {
    for (const name of ['doubled', 'owner', 'secret', 'member', 'area', 'plus']) expect([name, fields[name].resolve?.name]).toEqual([name, 'directFieldResolver']);
    for (const name of ['scaled', 'watched']) expect([name, fields[name].resolve?.name]).not.toEqual([name, 'directFieldResolver']);
  });

  it('answer as type-graphql would, root and context included, a plain root made an instance first', async () => {
    const r = await run('{ boxes { id doubled owner area } plainBox { doubled area } }', inspector);
    expect(r).toEqual({
      data: { boxes: [{ id: 'a', doubled: 2, owner: 'a:i1', area: 1 }, { id: 'b', doubled: 4, owner: 'b:i1', area: 4 }], plainBox: { doubled: 10, area: 25 } },
    });
  });

  it('keep @Authorized: no token is UNAUTHENTICATED, a missing role FORBIDDEN', async () => {
    expect((await run('{ boxes { member } }', null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await run('{ boxes { secret } }', null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await run('{ boxes { secret } }', inspector)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await run('{ boxes { member } }', inspector)).data).toEqual({ boxes: [{ member: 'member a' }, { member: 'member b' }] });
    expect((await run('{ boxes { secret } }', { ...inspector, roles: ['admin'] })).data).toEqual({ boxes: [{ secret: 'secret a' }, { secret: 'secret b' }] });
  });

  it('pass scalar and enum arguments as graphql-js coerced them, defaults included', async () => {
    expect((await run('{ boxes { plus } }', null)).data).toEqual({ boxes: [{ plus: 2 }, { plus: 3 }] });
    expect((await run('{ boxes { plus(n: 2, unit: DOZEN) } }', null)).data).toEqual({ boxes: [{ plus: 25 }, { plus: 26 }] });
  });

  it('leave scalar arguments to type-graphql when a schema-wide validation function may look at them', async () => {
    const plusOf = async (validateFn: () => void) =>
      ((await buildFederatedSchema({ resolvers: [BoxResolver], validateFn })).getType('Box') as GraphQLObjectType).getFields().plus.resolve?.name;
    expect(await plusOf(() => undefined)).not.toBe('directFieldResolver');
    expect(await plusOf(validatesObjectsOnly(() => undefined))).toBe('directFieldResolver');
  });

  it('leave input objects and middlewares to type-graphql', async () => {
    expect((await run('{ boxes { scaled(scale: { by: 3 }) } }', null)).data).toEqual({ boxes: [{ scaled: 3 }, { scaled: 6 }] });
    seen.length = 0;
    expect((await run('{ boxes { watched } }', null)).data).toEqual({ boxes: [{ watched: 'watched a' }, { watched: 'watched b' }] });
    expect(seen).toEqual(['a', 'b']);
  });
});
