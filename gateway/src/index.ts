/** Process entry of the gateway: reads config, serves, stops cleanly on SIGINT/SIGTERM. */
import { ConfigError } from '@jih/kit/config';
import { serveUntilSignalled } from '@jih/kit/process';
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
  serveUntilSignalled('gateway', running);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
