import 'reflect-metadata';
import { execute, parse, type GraphQLObjectType } from 'graphql';
import {
  Authorized,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Query,
  Resolver,
  Root,
  UseMiddleware,
} from 'type-graphql';
import { buildFederatedSchema } from '@jih/kit/federation';

/*
 * The kit drops type-graphql's resolver from fields that are plain property reads, so they are read
 * from the object directly. A field guarded by @Authorized (even without roles), wrapped by a middleware, renamed, or
 * computed by a field resolver must keep its resolver: otherwise its guard or computation is gone.
 * With the fast path switched off (FAST_PATH_PLAIN_FIELDS=off) every operation here must get the
 * same answer, errors included.
 */

@ObjectType()
class Sample {
  @Field(() => ID) id!: string;
  @Field() plain!: string;
  @Authorized('admin') @Field() guarded!: string;
  @Authorized() @Field() signedIn!: string;
  @UseMiddleware(async ({ root }, next) => (root.id === 'hidden' ? null : next()))
  @Field({ nullable: true })
  filtered!: string;
  @Field({ name: 'renamedInSchema' }) renamed!: string;
  @Field() computed!: string;
}

/** A key-only stub of the same type, as a subgraph keeps of another's entity: it must not stop the real class's fields from being read directly. */
@ObjectType('Sample')
export class SampleStub {
  @Field(() => ID) id!: string;
}

const SAMPLE = {
  id: 's1',
  plain: 'p',
  guarded: 'secret',
  signedIn: 'member',
  filtered: 'f',
  renamed: 'r',
  computed: 'raw',
};

@Resolver(() => Sample)
class SampleResolver {
  @Query(() => Sample) sample(): Sample {
    return Object.assign(new Sample(), SAMPLE);
  }

  /** One the middleware of `filtered` hides. */
  @Query(() => Sample) hiddenSample(): Sample {
    return Object.assign(new Sample(), SAMPLE, { id: 'hidden' });
  }

  @FieldResolver(() => String) computed(@Root() s: Sample): string {
    return s.computed.toUpperCase();
  }
}

let fields: ReturnType<GraphQLObjectType['getFields']>;
let schema: Awaited<ReturnType<typeof buildFederatedSchema>>;
let plainSchema: Awaited<ReturnType<typeof buildFederatedSchema>>;
beforeAll(async () => {
  // The fast path on whatever this process's FAST_PATHS says (this file tests it), and off.
  schema = await buildFederatedSchema(
    { resolvers: [SampleResolver] },
    {},
    { plainFields: true, directResolvers: true },
  );
  plainSchema = await buildFederatedSchema(
    { resolvers: [SampleResolver] },
    {},
    { plainFields: false, directResolvers: true },
  );
  fields = (schema.getType('Sample') as GraphQLObjectType).getFields();
});

describe('fields read without a resolver of their own', () => {
  it('are the plain ones only', () => {
    expect(fields.id.resolve).toBeUndefined();
    expect(fields.plain.resolve).toBeUndefined();
    for (const name of ['guarded', 'signedIn', 'filtered', 'renamedInSchema', 'computed'])
      expect([name, typeof fields[name].resolve]).toEqual([name, 'function']);
  });

  it('still answer, and guarded fields stay guarded', async () => {
    const run = (query: string, caller: unknown) =>
      execute({ schema, document: parse(query), contextValue: { caller } });
    const open = await run('{ sample { id plain renamedInSchema computed filtered } }', null);
    expect(open).toEqual({
      data: {
        sample: { id: 's1', plain: 'p', renamedInSchema: 'r', computed: 'RAW', filtered: 'f' },
      },
    });
    const refused = await run('{ sample { guarded } }', {
      sub: 'x',
      department: 'tax',
      roles: ['inspector'],
    });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const allowed = await run('{ sample { guarded } }', {
      sub: 'x',
      department: 'tax',
      roles: ['admin'],
    });
    expect(allowed.data).toEqual({ sample: { guarded: 'secret' } });
    const anonymous = await run('{ sample { signedIn } }', null);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const member = await run('{ sample { signedIn } }', {
      sub: 'x',
      department: 'tax',
      roles: ['inspector'],
    });
    expect(member.data).toEqual({ sample: { signedIn: 'member' } });
  });
});

const signedIn = { sub: 'x', department: 'tax', roles: ['inspector'] };
// Every row has its caller: jest hands a shorter row's test a `done` callback in its place.
const SAME_ANSWERS: [string, unknown][] = [
  ['{ sample { id plain renamedInSchema computed filtered } }', null],
  ['{ sample { id plain guarded } }', signedIn],
  ['{ sample { id plain guarded signedIn } }', { ...signedIn, roles: ['admin'] }],
  ['{ sample { plain signedIn } }', null],
  ['{ sample { a: plain b: id c: computed plain } }', signedIn],
  ['{ hiddenSample { id plain filtered computed } sample { filtered } }', null],
];

describe('with the fast path off (FAST_PATH_PLAIN_FIELDS=off)', () => {
  it('every field keeps its resolver', () => {
    for (const field of Object.values(
      (plainSchema.getType('Sample') as GraphQLObjectType).getFields(),
    ))
      expect([field.name, typeof field.resolve]).toEqual([field.name, 'function']);
  });

  it.each(SAME_ANSWERS)('%s answers the same, errors included', async (query, caller) => {
    const run = async (on: typeof schema) =>
      JSON.parse(
        JSON.stringify(
          await execute({ schema: on, document: parse(query), contextValue: { caller } }),
        ),
      );
    expect(await run(schema)).toEqual(await run(plainSchema));
  });
});
