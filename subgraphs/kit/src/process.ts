/**
 * The end of every service's entry point: tell a parent process (npm start) that the service is
 * ready, and stop it once, cleanly, on SIGINT or SIGTERM.
 */
export function serveUntilSignalled(
  name: string,
  running: { url: string; stop(): Promise<void> },
): void {
  process.send?.({ ready: name, url: running.url });
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
