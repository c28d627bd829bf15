/**
 * Child process of the benchmarks: one subgraph, as `subgraphs/run.ts` serves it, without
 * migrating (the benchmark database is migrated before) and exiting with its parent.
 * `node -r ./scripts/register.js bench/subgraph-entry.ts <name>`; reports `{ ready, url }` over IPC.
 */
import { readBaseConfig, startSubgraph, statementCounterOf, type StartedSubgraph } from '../subgraphs/kit/src';
import { SERVICES } from '../subgraphs/services';

let running: StartedSubgraph | undefined;
let stopping = false;

async function stop(code = 0): Promise<never> {
  if (!stopping) {
    stopping = true;
    const timer = setTimeout(() => process.exit(code), 5000);
    timer.unref();
    await running?.stop().catch(() => undefined);
  }
  process.exit(code);
}

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
    else if (msg?.cmd === 'statements') process.send?.({ replyTo: msg.id, statements: statementCounterOf(running!.db).total });
  });
  process.send?.({ ready: name, url: running.url });
}

process.on('disconnect', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGINT', () => void stop(0));
main().catch((err) => {
  console.error(err);
  process.send?.({ failed: String((err as Error)?.message ?? err) });
  process.exit(1);
});
