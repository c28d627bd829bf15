/** Process entry of the gateway: reads config, serves, stops cleanly on SIGINT/SIGTERM. */
import { ConfigError } from '../../subgraphs/kit/src/config';
import { readGatewayConfig } from './config';

async function main() {
  let config;
  try {
    config = readGatewayConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // Loaded only once the configuration is sound, so a misconfigured start fails in a moment.
  const { startGateway } = await import('./gateway');
  const running = await startGateway(config);
  process.send?.({ ready: 'gateway', url: running.url });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
