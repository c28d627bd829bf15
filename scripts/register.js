// Runs TypeScript sources directly with SWC, keeping decorator metadata that type-graphql and
// TypeORM read at runtime (esbuild-based runners drop it).
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('path').join(__dirname, '..', 'tsconfig.json');
require('reflect-metadata');
require('@swc-node/register');
