/**
 * What the benchmarks' child processes (one gateway, one subgraph) share: they stop their
 * service, once, when the parent goes away or signals, and give up waiting after 5 s.
 */
export function stopWithParent(current: () => { stop(): Promise<void> } | undefined): void {
  let stopping = false;
  const stop = async () => {
    if (!stopping) {
      stopping = true;
      setTimeout(() => process.exit(0), 5000).unref();
      await current()
        ?.stop()
        .catch(() => undefined);
    }
    process.exit(0);
  };
  for (const event of ['disconnect', 'SIGTERM', 'SIGINT'] as const)
    process.on(event, () => void stop());
}
