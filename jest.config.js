/**
 * tsconfig's path aliases (`@jih/kit`, `@jih/subgraphs/*`, …) are rewritten by SWC as it compiles,
 * as `@swc-node/register` does for `npm start`, so global setup (which jest does not map) sees them too.
 */
const { paths } = require('./tsconfig.json').compilerOptions;

/** @type {import('jest').Config} */
const swc = {
  jsc: {
    baseUrl: __dirname,
    paths,
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
};
