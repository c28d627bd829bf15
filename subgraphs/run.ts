/**
 * Process entry of one subgraph: `node -r ./scripts/register.js subgraphs/run.ts <name>`.
 * Reads its configuration, migrates its schema, serves, and stops cleanly on SIGINT/SIGTERM.
 */
import {
  ConfigError,
  readBaseConfig,
  readPort,
  serveUntilSignalled,
  startSubgraph,
} from '@jih/kit';
import { SERVICES } from './services';
import { answerHelp } from '@jih/scripts/lib/cli';

answerHelp(
  module,
  `usage: node -r ./scripts/register.js subgraphs/run.ts <subgraph>

Runs one subgraph: reads its configuration, migrates its schema, serves; stops on SIGINT/SIGTERM.`,
);

async function main() {
  const name = process.argv[2];
  const entry = SERVICES.find((s) => s.name === name);
  if (!entry) {
    console.error(`Unknown subgraph "${name}". Known: ${SERVICES.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const problems: string[] = [];
  let config;
  try {
    config = readBaseConfig();
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  const port = readPort(process.env, 'PORT', entry.port, problems);
  if (problems.length || !config) {
    console.error(`${name}: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  const running = await startSubgraph(await entry.load(), {
    port,
    host: process.env.HOST ?? '127.0.0.1',
    config,
  });
  serveUntilSignalled(name, running);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
