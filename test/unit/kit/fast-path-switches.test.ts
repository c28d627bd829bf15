import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, FAST_PATH_VARIABLES, readBaseConfig, readFastPaths } from '@jih/kit/config';

/*
 * Every fast path has a switch (.env.example): FAST_PATHS=off turns all of them off, graphql-jit
 * included, and one variable per path turns that path off alone.
 */
const env = { DATABASE_URL: 'postgres://localhost/x', NODE_ENV: 'test' };
const ALL_ON = { directResolvers: true, plainFields: true, entityRows: true, gatewayPatch: true };

describe('fast-path switches', () => {
  it('leave every fast path on by default, graphql-jit included', () => {
    expect(readFastPaths({})).toEqual(ALL_ON);
    expect(readBaseConfig(env)).toMatchObject({ fastPaths: ALL_ON, executor: 'jit' });
    expect(readFastPaths({ FAST_PATHS: 'on', FAST_PATH_ENTITY_ROWS: '' })).toEqual(ALL_ON);
  });

  it('FAST_PATHS=off turns every one off and executes with graphql-js, whatever GRAPHQL_EXECUTOR says', () => {
    const off = {
      directResolvers: false,
      plainFields: false,
      entityRows: false,
      gatewayPatch: false,
    };
    expect(readFastPaths({ FAST_PATHS: 'off' })).toEqual(off);
    expect(readBaseConfig({ ...env, FAST_PATHS: 'off' })).toMatchObject({
      fastPaths: off,
      executor: 'graphql-js',
    });
    expect(readBaseConfig({ ...env, FAST_PATHS: 'off', GRAPHQL_EXECUTOR: 'jit' }).executor).toBe(
      'graphql-js',
    );
  });

  it('one variable turns one path off', () => {
    for (const [key, variable] of Object.entries(FAST_PATH_VARIABLES)) {
      expect([variable, readFastPaths({ [variable]: 'off' })]).toEqual([
        variable,
        { ...ALL_ON, [key]: false },
      ]);
    }
    expect(readBaseConfig({ ...env, GRAPHQL_EXECUTOR: 'graphql-js' })).toMatchObject({
      fastPaths: ALL_ON,
      executor: 'graphql-js',
    });
  });

  it('refuse anything but on or off', () => {
    expect(() => readFastPaths({ FAST_PATHS: 'false' })).toThrow(ConfigError);
    expect(() => readBaseConfig({ ...env, FAST_PATH_PLAIN_FIELDS: '0' })).toThrow(
      'FAST_PATH_PLAIN_FIELDS must be on or off, got "0"',
    );
  });

  it('are documented in .env.example', () => {
    const example = readFileSync(path.resolve(__dirname, '../../../.env.example'), 'utf8');
    for (const variable of ['FAST_PATHS', ...Object.values(FAST_PATH_VARIABLES)])
      expect([variable, example.includes(`\n${variable}=`)]).toEqual([variable, true]);
  });
});
