/**
 * Child process of the benchmarks: one subgraph, as `subgraphs/run.ts` serves it, without
 * migrating (the benchmark database is migrated before) and exiting with its parent.
 * `node -r ./scripts/register.js bench/subgraph-entry.ts <name>`; reports `{ ready, url }` over IPC.
 */
import { readBaseConfig, startSubgraph, statementCounterOf, type StartedSubgraph } from '@jih/kit';
import { SERVICES } from '@jih/subgraphs/services';
import { stopWithParent } from './child';

let running: StartedSubgraph | undefined;
async function main() {
  const name = process.argv[2];
  const entry = SERVICES.find((s) => s.name === name);
  if (!entry) throw new Error(`Unknown subgraph "${name}"`);
  running = await startSubgraph(await entry.load(), {
    port: Number(process.env.PORT ?? 0),
    host: '127.0.0.1',
    config: readBaseConfig(),
    migrate: false,
  });
  process.on('message', (msg: any) => {
    if (msg?.cmd === 'memory') process.send?.({ replyTo: msg.id, ...process.memoryUsage() });
    else if (msg?.cmd === 'statements')
      process.send?.({ replyTo: msg.id, statements: statementCounterOf(running!.db).total });
  });
  process.send?.({ ready: name, url: running.url });
}

stopWithParent(() => running);
main().catch((err) => {
  console.error(err);
  process.send?.({ failed: String((err as Error)?.message ?? err) });
  process.exit(1);
});
